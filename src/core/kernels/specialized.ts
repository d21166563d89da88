/**
 * Loss and gradient in plain TypeScript, specialized for V8: two rows per pass and two hidden
 * units per inner loop, so each loaded x_j and w_kj feeds four independent accumulators in
 * locals (the reference's single accumulator is add-latency bound), and the backward pass
 * skips units that are inactive on both rows. Same semantics as `../kernel.ts` (indicator
 * `>= 0`, rows with r == 0 add nothing) and the same order of every floating-point sum, so
 * the result is bit-identical. It is the fallback when WebAssembly is unavailable. No code
 * generation: plain loops.
 *
 * @example
 * ```ts
 * const grad = new Float64Array(W.data.length);
 * const loss = specializedLossAndGradient(data, W, grad);
 * ```
 */
import type { Dataset, Weights } from '../layout.js';

/** Loss at W, writing the gradient into `grad` (a LossGradientFn, see `../gd.ts`). */
export function specializedLossAndGradient(
  data: Dataset,
  W: Weights,
  grad: Float64Array,
): number {
  const { n, d, X, y } = data;
  const K = W.K;
  const w = W.data;
  const za = new Float64Array(K);
  const zb = new Float64Array(K);
  grad.fill(0);
  let loss = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const a = i * d;
    const b = a + d;
    let outa = 0;
    let outb = 0;
    let k = 0;
    for (; k + 1 < K; k += 2) {
      const w0 = k * d;
      const w1 = w0 + d;
      let a0 = 0;
      let a1 = 0;
      let b0 = 0;
      let b1 = 0;
      for (let j = 0; j < d; j++) {
        const xa = X[a + j];
        const xb = X[b + j];
        const u0 = w[w0 + j];
        const u1 = w[w1 + j];
        a0 += u0 * xa;
        b0 += u0 * xb;
        a1 += u1 * xa;
        b1 += u1 * xb;
      }
      za[k] = a0;
      za[k + 1] = a1;
      zb[k] = b0;
      zb[k + 1] = b1;
      if (a0 > 0) outa += a0;
      if (a1 > 0) outa += a1;
      if (b0 > 0) outb += b0;
      if (b1 > 0) outb += b1;
    }
    if (k < K) {
      const w0 = k * d;
      let a0 = 0;
      let b0 = 0;
      for (let j = 0; j < d; j++) {
        const u0 = w[w0 + j];
        a0 += u0 * X[a + j];
        b0 += u0 * X[b + j];
      }
      za[k] = a0;
      zb[k] = b0;
      if (a0 > 0) outa += a0;
      if (b0 > 0) outb += b0;
    }
    const ra = outa - y[i];
    const rb = outb - y[i + 1];
    loss += ra * ra;
    loss += rb * rb;
    for (k = 0; k < K; k++) {
      const ca = za[k] >= 0 ? ra : 0;
      const cb = zb[k] >= 0 ? rb : 0;
      const g = k * d;
      if (cb === 0) {
        if (ca !== 0) for (let j = 0; j < d; j++) grad[g + j] += ca * X[a + j];
      } else if (ca === 0) {
        for (let j = 0; j < d; j++) grad[g + j] += cb * X[b + j];
      } else {
        // Two roundings in the reference's order (row a, then row b): bit-identical.
        for (let j = 0; j < d; j++) grad[g + j] = grad[g + j] + ca * X[a + j] + cb * X[b + j];
      }
    }
  }
  if (i < n) {
    // Last row when n is odd: the reference's loop for one row.
    const a = i * d;
    let out = 0;
    for (let k = 0; k < K; k++) {
      const w0 = k * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += w[w0 + j] * X[a + j];
      za[k] = s;
      if (s > 0) out += s;
    }
    const r = out - y[i];
    loss += r * r;
    if (r !== 0) {
      for (let k = 0; k < K; k++) {
        if (za[k] >= 0) {
          const g = k * d;
          for (let j = 0; j < d; j++) grad[g + j] += r * X[a + j];
        }
      }
    }
  }
  const inv = 1 / n;
  for (let t = 0; t < grad.length; t++) grad[t] *= inv;
  return 0.5 * loss * inv;
}
