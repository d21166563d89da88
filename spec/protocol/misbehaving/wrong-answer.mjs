// Well-behaved on the wire, but forgets the 1/N of the gradient: a claim, not the protocol, must catch it.
import { serve, decode, encode } from './lib.mjs';
serve({
  gradient: (req, answer) => {
    const g = decode(answer().result.gradient);
    return { id: req.id, result: { gradient: encode(g.map((v) => v * 7)) } };
  },
});
