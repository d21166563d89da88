// Answers gradient with LINE_MB megabytes of digits and no newline, then hangs.
import { serve } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
serve({
  gradient: () => {
    const mb = '7'.repeat(1 << 20);
    process.stdout.write('{"id": 2, "result": {"gradient": [');
    for (let i = 0; i < Number(process.env.LINE_MB ?? 4); i++) process.stdout.write(mb);
    setInterval(() => {}, 1000);
    return undefined;
  },
});
