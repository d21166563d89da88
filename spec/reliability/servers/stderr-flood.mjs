// Logs FLOOD_MB megabytes to stderr before each gradient reply, then answers correctly.
import { serve } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
const block = `${'log line '.repeat(113)}\n`.repeat(1024); // ~1 MiB
serve({
  gradient: (req, answer) => {
    for (let i = 0; i < Number(process.env.FLOOD_MB ?? 20); i++) process.stderr.write(block);
    return answer();
  },
});
