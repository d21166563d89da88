// Writes half a JSON reply to gradient, then hangs.
import { serve } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
serve({
  gradient: (req) => {
    process.stdout.write(`{"id": ${req.id}, "resu`);
    setInterval(() => {}, 1000);
    return undefined;
  },
});
