// Returns NaN in one gradient entry (spelled as the protocol says: base64 of the NaN bits).
import { serve, decode, encode } from './lib.mjs';
serve({
  gradient: (req, answer) => {
    const reply = answer();
    const g = decode(reply.result.gradient);
    g[3] = NaN;
    return { id: req.id, result: { gradient: encode(g) } };
  },
});
