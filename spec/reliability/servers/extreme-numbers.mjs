// Answers gradient with 1e308 in entry 0, a subnormal in entry 1 and -0 in entry 2.
import { serve, decode, encode } from '../../protocol/misbehaving/lib.mjs';
import { recordPid } from './pids.mjs';
recordPid();
serve({
  gradient: (req, answer) => {
    const r = answer();
    const g = decode(r.result.gradient);
    g[0] = 1e308;
    g[1] = 5e-324;
    g[2] = -0;
    r.result.gradient = encode(g);
    return r;
  },
});
