// A correct server that declares protocol 1.2's optional conventions: relu'(0) = 0 and
// float32 arithmetic (it computes in float64; the spec only checks the declarations arrive).
import { serve } from '../protocol/misbehaving/lib.mjs';

serve({
  start: (_req, answer) => {
    const a = answer();
    return { ...a, result: { ...a.result, reluAtZero: 0, precision: 'float32' } };
  },
});
