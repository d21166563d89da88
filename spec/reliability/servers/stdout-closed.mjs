// Closes its stdout on the gradient request and lives on.
import { closeSync } from 'node:fs';
import { serve } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
serve({
  gradient: () => {
    closeSync(1);
    setInterval(() => {}, 1000);
    return undefined;
  },
});
