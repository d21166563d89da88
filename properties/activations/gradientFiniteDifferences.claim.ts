/**
 * The general kernel's gradient in W agrees with a central difference of its loss, for the
 * smooth activations (sigmoid, tanh, erf, quadratic, linear), random output signs, noise, and
 * W near W*. The tolerance is derived, not tuned:
 *
 * - Truncation. With g(t) = L_N(W + tU), (g(h) - g(-h)) / (2h) - g'(0) = h^2 g'''(xi) / 6, and
 *   g''' = (1/N) sum_i [3 r_i' r_i'' + r_i r_i'''] with r_i(t) the residual along the line:
 *   |r_i'| <= sum_k B1 |u_ik|, |r_i''| <= sum_k B2 u_ik^2, |r_i'''| <= sum_k B3 |u_ik|^3 and
 *   |r_i(xi)| <= |r_i(0)| + h max|r_i'|, with u_ik = u_k . x_i and B_m the catalogue's bound on
 *   |phi^(m)| over the stencil's range of w_k . x_i (|v_k| = 1).
 * - Rounding. Each loss carries |dL| <= c eps (1/N) sum_i M_i (|r_i| + M_i) with M_i the
 *   magnitude of the terms summed into r_i (c = d + K + 16: the dot product, the output sum,
 *   and a few ulps per phi); the difference quotient turns that into 2 |dL| / (2h). The
 *   analytic inner product errs by (d + 16) eps sum|g_q U_q|.
 *
 * @example
 * ```ts
 * await gradientFiniteDifferencesClaim(referenceActivationSubject()).run(impl, { seed: 5, tier: 'default' });
 * ```
 */
import fc from 'fast-check';
import type { Claim } from '../Claim.js';
import { makeOutputModelInstance } from '../../src/core/outputModel/outputModelInstance.js';
import type { OutputModel } from '../../src/core/outputModel/outputModelKernel.js';
import { centralDifference } from '../../src/core/stencil.js';
import { createStreams } from '../../src/core/random.js';
import type { Dataset, Weights } from '../../src/core/layout.js';
import { defineActivationClaim } from './defineActivationClaim.js';
import { smoothCases } from './smoothCases.js';
import type { ActivationSubject } from './subject.js';

const EPS = Number.EPSILON;

/** Truncation plus rounding bound for the central difference along U with half-width h. */
export function centralDifferenceTolerance(
  model: OutputModel,
  data: Dataset,
  W: Weights,
  U: Float64Array,
  h: number,
  grad: Float64Array,
): number {
  const { n, d, X, y } = data;
  const { K } = W;
  const act = model.activation;
  const bound = act.derivativeBound!;
  let g3 = 0;
  let lossMag = 0;
  for (let i = 0; i < n; i++) {
    let r = -y[i];
    let M = Math.abs(y[i]);
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    for (let k = 0; k < K; k++) {
      let z = 0;
      let u = 0;
      let zAbs = 0;
      for (let j = 0; j < d; j++) {
        z += W.data[k * d + j] * X[i * d + j];
        zAbs += Math.abs(W.data[k * d + j] * X[i * d + j]);
        u += U[k * d + j] * X[i * d + j];
      }
      const lo = z - h * Math.abs(u);
      const hi = z + h * Math.abs(u);
      const b1 = bound(1, lo, hi);
      r += model.v[k] * act.phi(z);
      M += Math.abs(act.phi(z)) + b1 * zAbs;
      r1 += b1 * Math.abs(u);
      r2 += bound(2, lo, hi) * u * u;
      r3 += bound(3, lo, hi) * Math.abs(u) ** 3;
    }
    g3 += 3 * r1 * r2 + (Math.abs(r) + h * r1) * r3;
    lossMag += M * (Math.abs(r) + M);
  }
  g3 /= n;
  lossMag /= n;
  let dot = 0;
  for (let q = 0; q < U.length; q++) dot += Math.abs(grad[q] * U[q]);
  const truncation = (h * h * g3) / 6;
  const rounding = ((d + K + 16) * EPS * lossMag) / h + (d + 16) * EPS * dot;
  return truncation + rounding;
}

/** Builds the claim for a subject. */
export function gradientFiniteDifferencesClaim(subject: ActivationSubject): Claim {
  return defineActivationClaim({
    id: 'activation-gradient-finite-differences',
    falseAlarmBudget: 0,
    runs: { quick: 10, default: 40, thorough: 500 },
    property() {
      return fc.property(smoothCases(), ({ name, d, kFrac, N, kappa, seed }) => {
        const K = 1 + Math.floor(kFrac * d);
        const inst = makeOutputModelInstance({
          d, K, kappa, N, noiseStd: 0.1, seed, activation: subject.activations[name],
        });
        const model = inst.model;
        const draws = createStreams(seed).stream('claim-fd');
        const W: Weights = { d, K, data: inst.Wstar.data.map((w) => w + 0.3 * draws.normal()) };
        const U = draws.fillNormal(new Float64Array(d * K));
        const uNorm = Math.hypot(...U);
        for (let q = 0; q < U.length; q++) U[q] /= uNorm;
        const grad = new Float64Array(d * K);
        subject.lossAndGradient(model, inst.data, W, grad);
        // h ~ eps^{1/3} balances h^2 truncation against eps / h rounding.
        const h = 1e-5;
        const fd = centralDifference((V) => subject.loss(model, inst.data, V), W, U, h);
        let analytic = 0;
        for (let q = 0; q < U.length; q++) analytic += grad[q] * U[q];
        const tol = centralDifferenceTolerance(model, inst.data, W, U, h, grad);
        const diff = Math.abs(fd - analytic);
        if (!(diff <= tol) || !Number.isFinite(tol)) {
          throw new Error(
            `${name} d=${d} K=${K} N=${N} kappa=${kappa} seed=${seed}: grad . U = ${analytic}, central difference = ${fd}, difference ${diff} > tolerance ${tol} (h = ${h})`,
          );
        }
      });
    },
  });
}
