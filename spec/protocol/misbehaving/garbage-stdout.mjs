// Prints a progress message on stdout (the protocol channel) before its answer.
import { serve } from './lib.mjs';
serve({ gradient: (req, answer) => { process.stdout.write('computing gradient... 100%\n'); return answer(); } });
