// Declares gradient but answers it with "unknown command" (a capability list out of date).
import { serve } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
serve({ gradient: (req) => ({ id: req.id, error: { message: `unknown command ${req.cmd}` } }) });
