/**
 * Exact population moments of the teacher `y = sum_i v_i phi(w*_i . x)` (+ independent
 * zero-mean noise, which does not change any moment): with `wb_i = w*_i / |w*_i|` and the
 * coefficients m_j of the activation (default ReLU, {@link reluMomentCoefficients}),
 * `M_j = sum_i v_i m_{j,i} wb_i^(x)j` (Zhong et al. 2017, Claim 5.2), so
 * `M4(V, V, V, alpha) = sum_i v_i m_{4,i} (alpha . wb_i) (V wb_i)^(x)3` and
 * `M3(V, V, V) = sum_i v_i m_{3,i} (V wb_i)^(x)3`: K^3 work, no d^3. The P2 candidates of
 * Definition 5.4 are `M3(I, I, alpha) = sum_i v_i m_{3,i} (alpha . wb_i) wb_i wb_i^T` and
 * `M4(I, I, alpha, alpha) = sum_i v_i m_{4,i} (alpha . wb_i)^2 wb_i wb_i^T` (Claim 5.5).
 *
 * @example
 * ```ts
 * const src = populationMoments(inst.Wstar);           // v = +1 (the ReLU setting)
 * const mixed = populationMoments(Wstar, new Float64Array([1, -1, 1]));
 * const sq = populationMoments(Wstar, v, tensorActivationOf(ACTIVATIONS.squaredRelu));
 * ```
 */
import type { Weights } from '../layout.js';
import { assertFiniteArray, fail } from '../validate.js';
import { project, type MomentSource } from './momentSource.js';
import { RELU_TENSOR, type MomentCoefficients, type TensorActivation } from './tensorActivation.js';
import { addRankOne } from './symmetricTensor.js';

/**
 * The population {@link MomentSource} of W* with output weights v (default all +1).
 * @example populationMoments(Wstar).m1()
 */
export function populationMoments(Wstar: Weights, v?: Float64Array, activation: TensorActivation = RELU_TENSOR): MomentSource {
  const { d, K } = Wstar;
  const signs = v ?? new Float64Array(K).fill(1);
  assertFiniteArray('v', signs, K, `K = ${K}`);
  const units: Float64Array[] = [];
  const coef: { m1: number; m2: number; m3: number; m4: number }[] = [];
  for (let i = 0; i < K; i++) {
    const w = Wstar.data.subarray(i * d, (i + 1) * d);
    let s = 0;
    for (let t = 0; t < d; t++) s += w[t] * w[t];
    s = Math.sqrt(s);
    if (!(s > 0)) fail('Wstar', 'every unit of Wstar must be non-zero', i);
    units.push(w.map((x) => x / s));
    const m: MomentCoefficients = activation.coefficients(s);
    coef.push({ m1: m[0], m2: m[1], m3: m[2], m4: m[3] });
  }
  return {
    d,
    n: Infinity,
    m1() {
      const out = new Float64Array(d);
      for (let i = 0; i < K; i++) {
        const c = signs[i] * coef[i].m1;
        for (let t = 0; t < d; t++) out[t] += c * units[i][t];
      }
      return out;
    },
    m1Projected(V, k) {
      return project(V, k, d, this.m1());
    },
    m2() {
      const out = new Float64Array(d * d);
      for (let i = 0; i < K; i++) {
        const c = signs[i] * coef[i].m2;
        const u = units[i];
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) out[a * d + b] += c * u[a] * u[b];
      }
      return out;
    },
    m3Matrix(alpha) {
      return weightedGram(units, d, (i) => signs[i] * coef[i].m3 * dot(alpha, units[i], d));
    },
    m4Matrix(alpha) {
      return weightedGram(units, d, (i) => signs[i] * coef[i].m4 * dot(alpha, units[i], d) ** 2);
    },
    m2Projected(V, k) {
      const out = new Float64Array(k * k);
      for (let i = 0; i < K; i++) {
        const c = signs[i] * coef[i].m2;
        const pu = project(V, k, d, units[i]);
        for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[a * k + b] += c * pu[a] * pu[b];
      }
      return out;
    },
    m3Projected(V, k) {
      const T = new Float64Array(k * k * k);
      for (let i = 0; i < K; i++) addRankOne(T, k, signs[i] * coef[i].m3, project(V, k, d, units[i]));
      return T;
    },
    r3(V, k, alphas) {
      return alphas.map((alpha) => {
        const T = new Float64Array(k * k * k);
        for (let i = 0; i < K; i++) {
          let dot = 0;
          for (let t = 0; t < d; t++) dot += alpha[t] * units[i][t];
          addRankOne(T, k, signs[i] * coef[i].m4 * dot, project(V, k, d, units[i]));
        }
        return T;
      });
    },
  };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += a[t] * b[t];
  return s;
}

/** sum_i c(i) u_i u_i^T, d x d row-major. */
function weightedGram(units: readonly Float64Array[], d: number, c: (i: number) => number): Float64Array {
  const out = new Float64Array(d * d);
  units.forEach((u, i) => {
    const ci = c(i);
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) out[a * d + b] += ci * u[a] * u[b];
  });
  return out;
}
