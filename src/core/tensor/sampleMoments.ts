/**
 * Sample moments of a dataset, as a {@link MomentSource}, with variance reduction that keeps
 * the estimators unbiased.
 *
 * Every moment is `M_j = E[y He_j(x)]`, and the Hermite tensors are orthogonal under
 * x ~ N(0, I): `E[g(x) He_j(x)] = 0` for every polynomial g of degree below j, and also for
 * every g built only from Hermite terms of other orders. So subtracting such a g from y
 * changes no moment's expectation and removes g's share of the variance:
 *
 * - 'center': g = mean(y) (order 0). With the mean taken from the same sample,
 *   `E[sum_i (y_i - ybar) h(x_i)] = (N - 1) E[y h]` exactly (E[h] = 0 kills the cross
 *   terms), so dividing by N - 1 keeps the estimator exactly unbiased.
 * - 'hermite' (default): also subtract y's estimated Hermite components of the other low
 *   orders, `ybar + M1 . x + (1/2) <M2, x x^T - I>`, restricted to the subspace V where it is
 *   cheap (u = V x): for M2 the order-1 part, for V M1 the order-2 part, for R3 = M4(V,V,V,
 *   alpha) orders 1 and 2. For one ReLU unit of norm 1 Var(y) = 0.34, of which the order-1
 *   part is 1/4 and the order-2 part 1/(4 pi) = 0.08, so the residual that multiplies He4 has
 *   variance about 0.011: a large reduction exactly where the estimate is noisiest. The
 *   subtracted coefficients are estimated from the same sample, which adds an O(1/N) bias
 *   (one sample's own term in the coefficient), nothing at order 1/sqrt(N).
 * - 'none': plain averages of y He_j(x).
 *
 * R3 = M4(V, V, V, alpha) is estimated from the projections `u = V x` (K) and `a = alpha . x`
 * in O(N K^3) after an O(N d K) projection pass, using He4 contracted with (V, V, V, alpha):
 *
 *   He4(x)(V,V,V,alpha)_pqr = u_p u_q u_r a
 *       - (u_p u_q b_r + u_p u_r b_q + u_q u_r b_p)          [x's in two V slots, I in (V, alpha)]
 *       - a (u_p G_qr + u_q G_pr + u_r G_pq)                  [x's in (V, alpha), I in (V, V)]
 *       + (G_pq b_r + G_pr b_q + G_qr b_p)                    [the three pairings of I (x) I]
 *
 * with `b = V alpha` and `G = V V^T` (= I for an orthonormal basis). Only p <= q <= r are
 * accumulated; the tensor is symmetric. No d^3 or d^4 array is ever formed. M3(V, V, V)
 * (squared ReLU's P3) is the same with He3: `u_p u_q u_r - (u_p G_qr + u_q G_pr + u_r G_pq)`.
 *
 * @example
 * ```ts
 * const src = sampleMoments(inst.data);                 // 'hermite' variance reduction
 * const R3 = src.r3(V, K, [alpha])[0];
 * ```
 */
import { assertDataset, type Dataset } from '../layout.js';
import { fail } from '../validate.js';
import { type MomentSource } from './momentSource.js';

/** How y is reduced before it multiplies a Hermite tensor. */
export type VarianceReduction = 'none' | 'center' | 'hermite';

/** Options of {@link sampleMoments}. */
export interface SampleMomentOptions {
  /** Default 'hermite'. */
  readonly varianceReduction?: VarianceReduction;
}

function packedSize(K: number): number {
  return (K * (K + 1) * (K + 2)) / 6;
}

/**
 * The sample {@link MomentSource} of a dataset (needs N >= 2 unless 'none').
 * @example sampleMoments(data, { varianceReduction: 'center' }).m1()
 */
export function sampleMoments(data: Dataset, options: SampleMomentOptions = {}): MomentSource {
  assertDataset(data, data?.d);
  const mode = options.varianceReduction ?? 'hermite';
  if (mode !== 'none' && mode !== 'center' && mode !== 'hermite') {
    fail('varianceReduction', "varianceReduction must be 'none', 'center' or 'hermite'", mode);
  }
  const { n, d, X, y } = data;
  let mean = 0;
  if (mode !== 'none') {
    for (let i = 0; i < n; i++) mean += y[i];
    mean /= n;
  }
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = y[i] - mean;
  const denom = mode === 'none' ? n : Math.max(1, n - 1);
  const hermite = mode === 'hermite';

  let m1cache: Float64Array | undefined;
  let m2cache: Float64Array | undefined;
  const m1 = (): Float64Array => {
    if (!m1cache) {
      const out = new Float64Array(d);
      for (let i = 0; i < n; i++) {
        const ci = c[i];
        const base = i * d;
        for (let t = 0; t < d; t++) out[t] += ci * X[base + t];
      }
      for (let t = 0; t < d; t++) out[t] /= denom;
      m1cache = out;
    }
    return m1cache;
  };
  /** All u_i = V x_i (N x K) and, with 'hermite', the order-1 and order-2 parts in u-space. */
  const projections = (V: Float64Array, K: number) => {
    const U = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      const base = i * d;
      for (let k = 0; k < K; k++) {
        let s = 0;
        const vk = k * d;
        for (let t = 0; t < d; t++) s += V[vk + t] * X[base + t];
        U[i * K + k] = s;
      }
    }
    return U;
  };
  /** sum_i w_i u_i / denom. */
  const firstU = (U: Float64Array, K: number, w: Float64Array) => {
    const out = new Float64Array(K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) out[k] += w[i] * U[i * K + k];
    for (let k = 0; k < K; k++) out[k] /= denom;
    return out;
  };
  /** sum_i w_i (u_i u_i^T - G) / denom. */
  const secondU = (U: Float64Array, K: number, w: Float64Array, G: Float64Array) => {
    const out = new Float64Array(K * K);
    let s0 = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      s0 += wi;
      for (let p = 0; p < K; p++) {
        const wp = wi * U[i * K + p];
        for (let q = p; q < K; q++) out[p * K + q] += wp * U[i * K + q];
      }
    }
    for (let p = 0; p < K; p++) {
      for (let q = p; q < K; q++) {
        const v = (out[p * K + q] - s0 * G[p * K + q]) / denom;
        out[p * K + q] = v;
        out[q * K + p] = v;
      }
    }
    return out;
  };
  /** c_i minus the order-1 part m1p . u_i. */
  const minusOrder1 = (U: Float64Array, K: number, m1p: Float64Array) => {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += m1p[k] * U[i * K + k];
      w[i] = c[i] - s;
    }
    return w;
  };
  /** w_i minus the order-2 part (1/2) <C, u_i u_i^T - G>. */
  const minusOrder2 = (U: Float64Array, K: number, w: Float64Array, C: Float64Array, G: Float64Array) => {
    let trCG = 0;
    for (let t = 0; t < K * K; t++) trCG += C[t] * G[t];
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let p = 0; p < K; p++) {
        let t = 0;
        for (let q = 0; q < K; q++) t += C[p * K + q] * U[i * K + q];
        s += U[i * K + p] * t;
      }
      out[i] = w[i] - 0.5 * (s - trCG);
    }
    return out;
  };
  /** c minus the full-d order-1 part M1 . x ('hermite'), else c itself. */
  let r1cache: Float64Array | undefined;
  const order1Residual = (): Float64Array => {
    if (!hermite) return c;
    if (!r1cache) {
      const M1 = m1();
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let t = 0; t < d; t++) s += M1[t] * X[i * d + t];
        w[i] = c[i] - s;
      }
      r1cache = w;
    }
    return r1cache;
  };
  /** a_i = alpha . x_i and |alpha|^2. */
  const alphaProjection = (alpha: Float64Array) => {
    if (!(alpha instanceof Float64Array) || alpha.length !== d) {
      fail('alpha', `alpha must be a Float64Array of length d = ${d}`, alpha?.length);
    }
    const a = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += alpha[t] * X[i * d + t];
      a[i] = s;
    }
    let norm2 = 0;
    for (let t = 0; t < d; t++) norm2 += alpha[t] * alpha[t];
    return { a, norm2 };
  };
  /** Upper triangle of sum_i w_i x_i x_i^T into out (d x d); returns sum_i w_i. */
  const accumulateOuter = (w: Float64Array, out: Float64Array): number => {
    let s0 = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      s0 += wi;
      const base = i * d;
      for (let p = 0; p < d; p++) {
        const wp = wi * X[base + p];
        const row = p * d;
        for (let q = p; q < d; q++) out[row + q] += wp * X[base + q];
      }
    }
    return s0;
  };
  /** The weights for each moment in the basis V: order 1, order 2 and order 4. */
  // The three per-basis moments (V M1, V M2 V^T, R3) share one projection pass: cache the
  // last basis by identity (tensorInit asks for all three with the same V).
  let cached: { V: Float64Array; K: number; w: ReturnType<typeof computeWeights> } | undefined;
  const weightsFor = (V: Float64Array, K: number) => {
    if (!cached || cached.V !== V || cached.K !== K) cached = { V, K, w: computeWeights(V, K) };
    return cached.w;
  };
  const computeWeights = (V: Float64Array, K: number) => {
    const U = projections(V, K);
    const G = gramRows(V, K, d);
    if (!hermite) return { U, G, w1: c, w2: c, w4: c };
    const m1p = firstU(U, K, c);
    const w2 = minusOrder1(U, K, m1p);
    const C = secondU(U, K, w2, G);
    const w1 = minusOrder2(U, K, c, C, G);
    const w4 = minusOrder2(U, K, w2, C, G);
    return { U, G, w1, w2, w4 };
  };

  return {
    d,
    n,
    m1: () => Float64Array.from(m1()),
    m1Projected(V, K) {
      const { U, w1 } = weightsFor(V, K);
      return firstU(U, K, w1);
    },
    m2() {
      if (!m2cache) {
        // Order-1 control variate in full d (O(N d)); the d x d accumulation is N d^2 / 2.
        const w = order1Residual();
        const out = new Float64Array(d * d);
        const s0 = accumulateOuter(w, out);
        for (let a = 0; a < d; a++) out[a * d + a] -= s0;
        m2cache = symmetrize(out, d, denom);
      }
      return Float64Array.from(m2cache);
    },
    m3Matrix(alpha) {
      // He3(x)(I, I, alpha) = a x x^T - a I - x alpha^T - alpha x^T, a = alpha . x. Weights:
      // y minus its order-0 and order-1 parts (orthogonal to He3). The order-2 part is not
      // subtracted: in full d it costs another O(N d^2) pass, and it is zero in expectation
      // for the activations that take this path (m2 = 0).
      const r = order1Residual();
      const { a } = alphaProjection(alpha);
      const w = new Float64Array(n);
      const g = new Float64Array(d);
      let sA = 0;
      for (let i = 0; i < n; i++) {
        w[i] = r[i] * a[i];
        sA += w[i];
        const base = i * d;
        for (let t = 0; t < d; t++) g[t] += r[i] * X[base + t];
      }
      const out = new Float64Array(d * d);
      accumulateOuter(w, out);
      for (let p = 0; p < d; p++) {
        out[p * d + p] -= sA;
        for (let q = p; q < d; q++) out[p * d + q] -= g[p] * alpha[q] + alpha[p] * g[q];
      }
      return symmetrize(out, d, denom);
    },
    m4Matrix(alpha) {
      // He4(x)(I, I, alpha, alpha) = (a^2 - |alpha|^2) x x^T - (a^2 - |alpha|^2) I
      //   - 2 a (x alpha^T + alpha x^T) + 2 alpha alpha^T  (from the six x-placements and the
      // three pairings of He4; |alpha| = 1 in use, kept general so the brute-force check is exact).
      const r = order1Residual();
      const { a, norm2: na } = alphaProjection(alpha);
      const w = new Float64Array(n);
      const g = new Float64Array(d);
      let s1 = 0;
      let s0 = 0;
      for (let i = 0; i < n; i++) {
        w[i] = r[i] * (a[i] * a[i] - na);
        s1 += w[i];
        s0 += r[i];
        const ra = r[i] * a[i];
        const base = i * d;
        for (let t = 0; t < d; t++) g[t] += ra * X[base + t];
      }
      const out = new Float64Array(d * d);
      accumulateOuter(w, out);
      for (let p = 0; p < d; p++) {
        out[p * d + p] -= s1;
        for (let q = p; q < d; q++) {
          out[p * d + q] += -2 * (g[p] * alpha[q] + alpha[p] * g[q]) + 2 * s0 * alpha[p] * alpha[q];
        }
      }
      return symmetrize(out, d, denom);
    },
    m2Projected(V, K) {
      const { U, G, w2 } = weightsFor(V, K);
      return secondU(U, K, w2, G);
    },
    m3Projected(V, K) {
      // He3(x)(V, V, V)_pqr = u_p u_q u_r - (u_p G_qr + u_q G_pr + u_r G_pq). The weights are
      // w4 (y minus its order-0, 1 and 2 parts): orders other than 3 are orthogonal to He3.
      const { U, G, w4 } = weightsFor(V, K);
      const P = packedSize(K);
      const S3 = new Float64Array(P);
      const S1 = new Float64Array(K);
      for (let i = 0; i < n; i++) {
        const wi = w4[i];
        const ub = i * K;
        let idx = 0;
        for (let p = 0; p < K; p++) {
          const tp = wi * U[ub + p];
          S1[p] += tp;
          for (let q = p; q < K; q++) {
            const tpq = tp * U[ub + q];
            for (let r = q; r < K; r++) S3[idx++] += tpq * U[ub + r];
          }
        }
      }
      const T = new Float64Array(K * K * K);
      let idx = 0;
      for (let p = 0; p < K; p++) {
        for (let q = p; q < K; q++) {
          for (let r = q; r < K; r++) {
            const v =
              (S3[idx++] - (S1[p] * G[q * K + r] + S1[q] * G[p * K + r] + S1[r] * G[p * K + q])) / denom;
            setSymmetric(T, K, p, q, r, v);
          }
        }
      }
      return T;
    },
    r3(V, K, alphas) {
      const { U, G, w4 } = weightsFor(V, K);
      const L = alphas.length;
      const P = packedSize(K);
      const S3 = new Float64Array(L * P); // sum w a u_p u_q u_r, p <= q <= r
      const S1 = new Float64Array(L * K); // sum w a u_p
      const S2 = new Float64Array(K * K); // sum w u_p u_q
      let S0 = 0; // sum w
      const a = new Float64Array(L);
      for (let i = 0; i < n; i++) {
        const base = i * d;
        for (let l = 0; l < L; l++) {
          const al = alphas[l];
          let s = 0;
          for (let t = 0; t < d; t++) s += al[t] * X[base + t];
          a[l] = s;
        }
        const wi = w4[i];
        const ub = i * K;
        S0 += wi;
        for (let p = 0; p < K; p++) {
          const wp = wi * U[ub + p];
          for (let q = p; q < K; q++) S2[p * K + q] += wp * U[ub + q];
        }
        for (let l = 0; l < L; l++) {
          const t0 = wi * a[l];
          const off3 = l * P;
          let idx = 0;
          for (let p = 0; p < K; p++) {
            const tp = t0 * U[ub + p];
            S1[l * K + p] += tp;
            for (let q = p; q < K; q++) {
              const tpq = tp * U[ub + q];
              for (let r = q; r < K; r++) S3[off3 + idx++] += tpq * U[ub + r];
            }
          }
        }
      }
      const S2f = new Float64Array(K * K);
      for (let p = 0; p < K; p++) {
        for (let q = p; q < K; q++) {
          S2f[p * K + q] = S2[p * K + q] / denom;
          S2f[q * K + p] = S2f[p * K + q];
        }
      }
      const s0 = S0 / denom;
      return alphas.map((alpha, l) => {
        const b = new Float64Array(K);
        for (let k = 0; k < K; k++) {
          let s = 0;
          for (let t = 0; t < d; t++) s += V[k * d + t] * alpha[t];
          b[k] = s;
        }
        const s1 = S1.subarray(l * K, (l + 1) * K).map((v) => v / denom);
        const T = new Float64Array(K * K * K);
        let idx = 0;
        for (let p = 0; p < K; p++) {
          for (let q = p; q < K; q++) {
            for (let r = q; r < K; r++) {
              const v =
                S3[l * P + idx++] / denom -
                (S2f[p * K + q] * b[r] + S2f[p * K + r] * b[q] + S2f[q * K + r] * b[p]) -
                (s1[p] * G[q * K + r] + s1[q] * G[p * K + r] + s1[r] * G[p * K + q]) +
                s0 * (G[p * K + q] * b[r] + G[p * K + r] * b[q] + G[q * K + r] * b[p]);
              setSymmetric(T, K, p, q, r, v);
            }
          }
        }
        return T;
      });
    },
  };
}

/** Divides the upper triangle by denom and mirrors it (in place); returns the matrix. */
function symmetrize(M: Float64Array, d: number, denom: number): Float64Array {
  for (let p = 0; p < d; p++) {
    for (let q = p; q < d; q++) {
      const v = M[p * d + q] / denom;
      M[p * d + q] = v;
      M[q * d + p] = v;
    }
  }
  return M;
}

/** G = V V^T (K x K) for a basis stored as rows. */
function gramRows(V: Float64Array, K: number, d: number): Float64Array {
  const G = new Float64Array(K * K);
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += V[a * d + t] * V[b * d + t];
      G[a * K + b] = s;
    }
  }
  return G;
}

/** Writes v at all permutations of (p, q, r). */
function setSymmetric(T: Float64Array, K: number, p: number, q: number, r: number, v: number): void {
  T[(p * K + q) * K + r] = v;
  T[(p * K + r) * K + q] = v;
  T[(q * K + p) * K + r] = v;
  T[(q * K + r) * K + p] = v;
  T[(r * K + p) * K + q] = v;
  T[(r * K + q) * K + p] = v;
}
