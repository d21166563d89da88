/**
 * A stable step for Zhong et al. Fig. 1(c) approach (II) (random v and W, GD on both).
 *
 * Why the paper's step 0.02 overflowed there: it is stable near W* (eta lambda_max(H) =
 * 0.55-0.66 at W*, d = 10, N = 10000) but not at a standard Gaussian start, where
 * |W0|_F = 6-7 against |W*|_F = 3.45 and the objective is quartic in W (squared ReLU), so the
 * curvature grows like |W|^2 and, along v, like E phi(w.x)^2 ~ |w|^4. Measured over 5 trial
 * seeds: eta lambda_max of the W block alone was 2.3-4.3 at W0 (above 2: GD is unstable along
 * the top direction, the iterate grows, the curvature with it), and the runs with 3.7-4.3
 * overflowed within 10 steps; the joint (W, v) Hessian's lambda_max was 530-3150 over 12
 * seeds, 4-8x the W block's. With eta = 1 / lambda_max of the joint Hessian at the start
 * (half the stability limit 2 / lambda_max) all 12 stayed finite over 1000 steps, the
 * curvature along the run staying below its starting value (eta lambda_max(H_W) <= 0.31),
 * and none reached the optimum, which is what the paper reports for (II).
 *
 * The joint Hessian comes from central differences of the joint gradient (2 (dK + K) gradient
 * evaluations, about 110 GD steps' worth at d = 10, K = 5): the closed form in
 * src/core/outputModel covers the W block only.
 *
 * @example
 * ```ts
 * const { eta, lambdaMax } = stableStep(model, data, W0, 0.02);
 * ```
 */
import { extremeEigenvalues } from '../../core/curvature/extremeEigenvalues.js';
import type { Dataset, Weights } from '../../core/layout.js';
import { outputModelLossAndGradient, type OutputModel } from '../../core/outputModel/outputModelKernel.js';

/** lambda_max of the Hessian of L_N in (W, v) jointly at (W, model.v). */
export function jointCurvature(model: OutputModel, data: Dataset, W: Weights): number {
  const nW = W.data.length;
  const n = nW + W.K;
  const x = Float64Array.from([...W.data, ...model.v]);
  const grad = (p: Float64Array) => {
    const gW = new Float64Array(nW);
    const gV = new Float64Array(W.K);
    outputModelLossAndGradient({ activation: model.activation, v: p.subarray(nW) }, data, { d: W.d, K: W.K, data: p.subarray(0, nW) }, gW, gV);
    return Float64Array.from([...gW, ...gV]);
  };
  const H = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    // Relative step: the truncation error h^2 |third derivative| is far below lambda_max here.
    const h = 1e-5 * Math.max(1, Math.abs(x[j]));
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] += h;
    xm[j] -= h;
    const gp = grad(xp);
    const gm = grad(xm);
    for (let i = 0; i < n; i++) H[i * n + j] = (gp[i] - gm[i]) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const a = 0.5 * (H[i * n + j] + H[j * n + i]);
      H[i * n + j] = a;
      H[j * n + i] = a;
    }
  }
  return extremeEigenvalues(H, { method: 'dense' }).max;
}

/**
 * The step for a run from (W0, model.v): the paper's `eta` unless that exceeds 1 / lambda_max
 * of the joint Hessian at the start (then that).
 * @example stableStep(model, data, W0, 0.02).eta
 */
export function stableStep(model: OutputModel, data: Dataset, W0: Weights, eta: number): { eta: number; lambdaMax: number } {
  const lambdaMax = jointCurvature(model, data, W0);
  return { eta: lambdaMax > 0 ? Math.min(eta, 1 / lambdaMax) : eta, lambdaMax };
}
