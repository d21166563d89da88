// Answers every gradient request twice.
import { serve } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
serve({ gradient: (req, answer) => `${JSON.stringify(answer())}\n${JSON.stringify(answer())}` });
