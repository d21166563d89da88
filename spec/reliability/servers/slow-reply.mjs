// Answers gradient correctly after DELAY_MS milliseconds.
import { serve } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
serve({
  gradient: (req, answer) => {
    setTimeout(() => process.stdout.write(`${JSON.stringify(answer())}\n`), Number(process.env.DELAY_MS));
    return undefined;
  },
});
