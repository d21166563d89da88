// Ignores stop, end of input, SIGTERM, SIGINT and SIGHUP: only SIGKILL ends it.
import { serve } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, () => {});
process.exit = () => {}; // lib.mjs exits on stop: not this one
process.stdin.on('end', () => {});
setInterval(() => {}, 1000);
serve({ stop: () => undefined }); // and says nothing to it
