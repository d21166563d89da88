// Sends protocol as the string "1" in the handshake.
import { serve } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
serve({ start: (req, answer) => { const r = answer(); r.result.protocol = '1'; return r; } });
