// Answers the handshake and then exits cleanly, as if it thought the session was over.
import { serve } from './lib.mjs';
serve({ dataset: () => process.exit(0) });
