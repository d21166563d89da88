/**
 * Claim family 1: the reported gradient (and Hessian-vector product) agree with finite
 * differences of the implementation's own loss (and gradient).
 *
 * Away from kinks the stencil's half-width comes from `kinkFreeStep`, so no `w_k . x_i`
 * changes sign inside it: the loss is then an exact quadratic along the stencil and the
 * central difference equals the directional derivative up to rounding alone. The tolerance
 * is the rounding bound of `rounding.ts` times SAFETY; nothing is tuned. At a kink the
 * derivative does not exist, and the claim is that the reported directional derivative lies
 * between the two one-sided ones.
 *
 * @example
 * ```ts
 * await gradientDirectional.run(referenceImplementation(), { seed: 1, tier: 'quick' });
 * ```
 */
import fc from 'fast-check';
import { networkOutput } from '../src/core/kernel.js';
import type { Dataset, Weights } from '../src/core/layout.js';
import { kinkFreeStep } from '../src/core/stencil.js';
import { caseArbitrary, direction, materialize, pointNear, showCase, type ClaimCase } from './arbitraries.js';
import { defineClaim } from './defineClaim.js';
import { absDot, centralDifferenceOf, dot, oneSidedDerivative, shifted } from './finiteDifferences.js';
import { gamma, gradientRoundingBound, inputRoundings, pointRounding } from './rounding.js';
import { expectAtMost, expectBetween } from './violation.js';

/**
 * Multiplier on the derived rounding bounds. The bounds are worst-case sums (each already an
 * upper bound), so the factor only absorbs the few operations the analysis lumps together
 * (the 1/(2N) scaling, the final quotient); it is not fitted to data.
 */
export const SAFETY = 4;

const RANGES = { d: [2, 6], Kmax: 3, N: [10, 60], noise: [0, 0.5] } as const;

/** The case's instance and a point at up to |W*|_F from W* (almost surely off every kink). */
function pointOf(c: ClaimCase): { data: Dataset; W: Weights } {
  const inst = materialize(c.instance);
  return { data: inst.data, W: pointNear(inst.Wstar, c.point, inst.teacher.frobenius) };
}

async function checkDirection(
  impl: Parameters<typeof centralDifferenceOf>[0],
  data: Dataset,
  W: Weights,
  g: Float64Array,
  U: Float64Array,
  label: string,
  u: number,
): Promise<void> {
  const h = kinkFreeStep(data, W, U, 0.5);
  const eg = gradientRoundingBound(data, W, u);
  // An infinite step means U moves no pre-activation: any finite step is kink-free.
  const step = Number.isFinite(h) ? h : 1;
  const { fd, tol } = await centralDifferenceOf(impl, data, W, U, step, g, u);
  // <g, U> is relucheck's sum, in float64.
  const analytic = dot(g, U);
  const tolAnalytic = absDot(eg, U) + gamma(U.length) * absDot(g, U);
  expectAtMost(
    `|central difference - <grad, U>| along ${label}`,
    Math.abs(fd - analytic),
    SAFETY * (tol + tolAnalytic),
    `fd ${fd}, <grad, U> ${analytic}, kink-free h ${step}, rounding bound x${SAFETY}`,
  );
}

/** Random-direction mode: `<grad L_N(W), U>` against the central difference along U. */
export const gradientDirectional = defineClaim<ClaimCase>({
  id: 'gradient-fd-directional',
  needs: ['loss', 'gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 3, default: 12, thorough: 300 },
  arbitrary: () => caseArbitrary(RANGES),
  show: showCase,
  diagnosisCalls: (c) => {
    const { data, W } = pointOf(c);
    return [{ method: 'loss', data, W }, { method: 'gradient', data, W }];
  },
  async check(impl, c, { unitRoundoff }) {
    const { data, W } = pointOf(c);
    const g = await impl.gradient!(data, W);
    for (let t = 0; t < 3; t++) {
      await checkDirection(impl, data, W, g, direction(W, c.point.seed + t, 'fd-direction'), `random direction ${t}`, unitRoundoff);
    }
  },
});

/** Full mode: every coordinate of the gradient against its own central difference. */
export const gradientFull = defineClaim<ClaimCase>({
  id: 'gradient-fd-full',
  needs: ['loss', 'gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 2, default: 8, thorough: 200 },
  arbitrary: () => caseArbitrary(RANGES),
  show: showCase,
  diagnosisCalls: (c) => {
    const { data, W } = pointOf(c);
    return [{ method: 'loss', data, W }, { method: 'gradient', data, W }];
  },
  async check(impl, c, { unitRoundoff }) {
    const { data, W } = pointOf(c);
    const g = await impl.gradient!(data, W);
    for (let q = 0; q < g.length; q++) {
      const e = new Float64Array(g.length);
      e[q] = 1;
      await checkDirection(impl, data, W, g, e, `coordinate (unit ${Math.floor(q / W.d)}, input ${q % W.d})`, unitRoundoff);
    }
  },
});

/**
 * The case's data with sample 0 moved exactly onto unit 0's hyperplane:
 * x_0 = (w_01, -w_00, 0, ...), so w_0 . x_0 = p - p = 0 exactly in floating point.
 */
function onKink(c: ClaimCase): { data: Dataset; W: Weights } {
  const inst = materialize(c.instance);
  const W = pointNear(inst.Wstar, c.point, inst.teacher.frobenius);
  const { d, K } = W;
  const X = Float64Array.from(inst.data.X);
  const y = Float64Array.from(inst.data.y);
  X.fill(0, 0, d);
  X[0] = W.data[1];
  X[1] = -W.data[0];
  y[0] = networkOutput(inst.Wstar.data, d, K, X, 0);
  return { data: { n: inst.data.n, d, X, y }, W };
}

/** Half the largest step along U that changes no non-zero pre-activation's sign. */
function oneSidedStep(data: Dataset, W: Weights, U: Float64Array): number {
  const { n, d, X } = data;
  let hmax = Infinity;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < W.K; k++) {
      let z = 0;
      let dz = 0;
      for (let j = 0; j < d; j++) {
        z += W.data[k * d + j] * X[i * d + j];
        dz += U[k * d + j] * X[i * d + j];
      }
      if (z !== 0 && dz !== 0) hmax = Math.min(hmax, Math.abs(z) / Math.abs(dz));
    }
  }
  // The extrapolation uses [0, 2h]: keep 2h at half the safe width.
  return Number.isFinite(hmax) ? hmax / 4 : 1;
}

/** At an exact kink, `<grad, U>` lies between the one-sided derivatives along U. */
export const gradientAtKink = defineClaim<ClaimCase>({
  id: 'gradient-at-kink',
  needs: ['loss', 'gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 3, default: 10, thorough: 300 },
  arbitrary: () => caseArbitrary(RANGES, fc.record({ fraction: fc.integer({ min: 1, max: 1000 }).map((p) => p / 1000), seed: fc.integer({ min: 0, max: 0xffffffff }) })),
  show: showCase,
  diagnosisCalls: (c) => {
    const { data, W } = onKink(c);
    return [{ method: 'gradient', data, W }, { method: 'loss', data, W }];
  },
  async check(impl, c, { unitRoundoff }) {
    const { data, W } = onKink(c);
    const g = await impl.gradient!(data, W);
    const U = direction(W, c.point.seed, 'kink-direction');
    const h = oneSidedStep(data, W, U);
    // x_0 = (w_01, -w_00, 0, ...) stays on the kink after a conversion to float32 too: both
    // products round alike, so w_0 . x_0 = 0 exactly in the implementation's format.
    const right = await oneSidedDerivative(impl, data, W, U, h, 1, g, unitRoundoff);
    const left = await oneSidedDerivative(impl, data, W, U, h, -1, g, unitRoundoff);
    const eg = gradientRoundingBound(data, W, unitRoundoff);
    const tol = SAFETY * (Math.max(right.tol, left.tol) + absDot(eg, U) + gamma(U.length) * absDot(g, U));
    expectBetween(
      '<grad, U> at a kink (w_0 . x_0 = 0)',
      dot(g, U),
      Math.min(left.fd, right.fd),
      Math.max(left.fd, right.fd),
      tol,
      `one-sided derivatives left ${left.fd}, right ${right.fd}; h ${h}`,
    );
  },
});

/**
 * v^T J u mode for the Hessian-vector product: `<v, H u>` against the central difference of
 * `<v, grad>` along u. The gradient is piecewise linear, so inside a kink-free stencil the
 * difference is exact up to rounding.
 */
export const hvpDirectional = defineClaim<ClaimCase>({
  id: 'hvp-fd',
  needs: ['gradient', 'hvp'],
  falseAlarmPerCase: 0,
  runs: { quick: 3, default: 10, thorough: 300 },
  arbitrary: () => caseArbitrary(RANGES),
  show: showCase,
  diagnosisCalls: (c) => {
    const { data, W } = pointOf(c);
    return [{ method: 'hvp', data, W, u: direction(W, c.point.seed, 'hvp-u') }, { method: 'gradient', data, W }];
  },
  async check(impl, c, { unitRoundoff }) {
    const { data, W } = pointOf(c);
    const u = direction(W, c.point.seed, 'hvp-u');
    const v = direction(W, c.point.seed, 'hvp-v');
    const hk = kinkFreeStep(data, W, u, 0.5);
    const h = Number.isFinite(hk) ? hk : 1;
    const gp = await impl.gradient!(data, shifted(W, u, h));
    const gm = await impl.gradient!(data, shifted(W, u, -h));
    const Hu = await impl.hvp!(data, W, u);
    const Hv = await impl.hvp!(data, W, v);
    let fd = 0;
    for (let q = 0; q < v.length; q++) fd += (v[q] * (gp[q] - gm[q])) / (2 * h);
    const ep = gradientRoundingBound(data, shifted(W, u, h), unitRoundoff);
    const em = gradientRoundingBound(data, shifted(W, u, -h), unitRoundoff);
    let tol = 0;
    for (let q = 0; q < v.length; q++) tol += (Math.abs(v[q]) * (ep[q] + em[q])) / (2 * h);
    // Rounding of W +- h u moves the gradient by H delta, |<v, H delta>| <= |H v| |delta|.
    let wn = 0;
    for (let q = 0; q < v.length; q++) wn += (Math.abs(W.data[q]) + h * Math.abs(u[q])) ** 2;
    tol += (pointRounding(unitRoundoff) * Math.sqrt(dot(Hv, Hv)) * Math.sqrt(wn)) / h;
    // Rounding of H u itself: sums of N products of d-term dot products (x and u converted
    // first in a coarser format).
    let xs = 0;
    for (let q = 0; q < data.X.length; q++) xs += data.X[q] * data.X[q];
    tol += (gamma(data.n + data.d + W.K + 2 + 3 * inputRoundings(unitRoundoff), unitRoundoff) * W.K * xs) / data.n;
    expectAtMost(
      '|<v, H u> - central difference of <v, grad> along u|',
      Math.abs(dot(v, Hu) - fd),
      SAFETY * tol,
      `<v, H u> ${dot(v, Hu)}, fd ${fd}, kink-free h ${h}, rounding bound x${SAFETY}`,
    );
  },
});
