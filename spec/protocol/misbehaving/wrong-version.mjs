// Claims to speak protocol version 2.
import { serve } from './lib.mjs';
serve({ start: (req, answer) => { const r = answer(); return { ...r, result: { ...r.result, protocol: 2 } }; } });
