/**
 * Claim family 1: the reported gradient (and Hessian-vector product) agree with finite
 * differences of the implementation's own loss (and gradient).
 *
 * Away from kinks the stencil's half-width comes from `kinkFreeStep`, so no `w_k . x_i`
 * changes sign inside it: the loss is then an exact quadratic along the stencil and the
 * central difference equals the directional derivative up to rounding alone. The tolerance
 * is the rounding bound of `rounding.ts` times SAFETY; nothing is tuned. At a kink the
 * derivative does not exist: the reported directional derivative must be the one-sided one
 * of the side the declared kink convention stands for (relu'(0) = 1, the default: the side
 * where the kink's pre-activation is positive; relu'(0) = 0: where it is negative), and at
 * W = 0, where every pre-activation is 0, the gradient and HVP must be the convention's
 * closed forms (zeroWeights.ts).
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
import { caseArbitrary, direction, materialize, pointNear, showCase, type ClaimCase, describeRanges, WIDE_EXACT, type InstanceRanges } from './arbitraries.js';
import { defineClaim } from './defineClaim.js';
import { absDot, centralDifferenceOf, dot, oneSidedDerivative, shifted } from './finiteDifferences.js';
import { gamma, gradientRoundingBound, inputRoundings, pointRounding } from './rounding.js';
import { expectAtMost } from './violation.js';
import { gradientAtZero, gradientAtZeroBound, hvpAtZero, hvpAtZeroBound, maxAbsDifference, zeroWeights } from './zeroWeights.js';
import type { ReluAtZero } from '../src/impl/Implementation.js';

/**
 * Multiplier on the derived rounding bounds. The bounds are worst-case sums (each already an
 * upper bound), so the factor only absorbs the few operations the analysis lumps together
 * (the 1/(2N) scaling, the final quotient); it is not fitted to data.
 */
export const SAFETY = 4;

const RANGES: InstanceRanges = { d: [2, 6], Kmax: 3, N: [10, 60], noise: [0, 0.5], wide: WIDE_EXACT };

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
  ranges: describeRanges(RANGES),
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
  ranges: describeRanges(RANGES),
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

/** v rounded to 12 significant bits (exact: a power-of-two scaling and an integer rounding). */
function round12(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return v;
  const scale = 2 ** (11 - Math.floor(Math.log2(Math.abs(v))));
  return Math.round(v * scale) / scale;
}

/**
 * The case's data with sample 0 moved exactly onto unit 0's hyperplane: w_00 and w_01 are
 * rounded to 12 significant bits and x_0 = (w_01, -w_00, 0, ...), so w_0 . x_0 = p - p = 0.
 * The 12 bits make it exact for every implementation: the product p = w_00 w_01 (24 bits) is
 * exact in float64 and in float32, so no summation order and no fused multiply-add (which
 * BLAS dot products use, and which turns an unrounded w_01 (-w_00) + fl(w_00 w_01) into the
 * product's rounding error, a tiny z of either sign) can leave the kink.
 */
function onKink(c: ClaimCase): { data: Dataset; W: Weights } {
  const inst = materialize(c.instance);
  const near = pointNear(inst.Wstar, c.point, inst.teacher.frobenius);
  const { d, K } = near;
  const W: Weights = { d, K, data: Float64Array.from(near.data) };
  W.data[0] = round12(W.data[0]);
  W.data[1] = round12(W.data[1]);
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

/**
 * The side of the kink at sample 0, unit 0 whose one-sided derivative along U the convention
 * stands for: +1 when moving along +U makes w_0 . x_0 positive (dz > 0) and relu'(0) = 1, or
 * negative and relu'(0) = 0; -1 otherwise. With dz = 0 both sides agree.
 */
function conventionSide(data: Dataset, W: Weights, U: Float64Array, reluAtZero: ReluAtZero): 1 | -1 {
  let dz = 0;
  for (let j = 0; j < W.d; j++) dz += U[j] * data.X[j];
  const positive = dz >= 0 ? 1 : -1;
  return reluAtZero === 1 ? positive : (-positive as 1 | -1);
}

const conventionName = (c: ReluAtZero) => `relu'(0) = ${c} (${c === 1 ? 'z >= 0' : 'z > 0'} mask)`;

/**
 * At an exact kink, `<grad, U>` is the one-sided derivative along U on the side of the
 * declared convention; at W = 0 the gradient is that convention's closed form.
 */
export const gradientAtKink = defineClaim<ClaimCase>({
  id: 'gradient-at-kink',
  needs: ['loss', 'gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 3, default: 10, thorough: 300 },
  ranges: describeRanges(RANGES),
  arbitrary: () => caseArbitrary(RANGES, fc.record({ fraction: fc.integer({ min: 1, max: 1000 }).map((p) => p / 1000), seed: fc.integer({ min: 0, max: 0xffffffff }) })),
  show: showCase,
  diagnosisCalls: (c) => {
    const { data, W } = onKink(c);
    return [{ method: 'gradient', data, W }, { method: 'gradient', data, W: zeroWeights(W.d, W.K) }, { method: 'loss', data, W }];
  },
  async check(impl, c, { unitRoundoff, reluAtZero }) {
    const { data, W } = onKink(c);
    const g = await impl.gradient!(data, W);
    const U = direction(W, c.point.seed, 'kink-direction');
    const h = oneSidedStep(data, W, U);
    // x_0 = (w_01, -w_00, 0, ...) with 12-bit entries stays on the kink in float32 too: the
    // conversion and both products are exact, so w_0 . x_0 = 0 in the implementation's format.
    const right = await oneSidedDerivative(impl, data, W, U, h, 1, g, unitRoundoff);
    const left = await oneSidedDerivative(impl, data, W, U, h, -1, g, unitRoundoff);
    const side = conventionSide(data, W, U, reluAtZero);
    const matched = side === 1 ? right : left;
    const eg = gradientRoundingBound(data, W, unitRoundoff);
    const tol = SAFETY * (matched.tol + absDot(eg, U) + gamma(U.length) * absDot(g, U));
    expectAtMost(
      `|<grad, U> - ${side === 1 ? 'right' : 'left'} derivative| at a kink (w_0 . x_0 = 0) under ${conventionName(reluAtZero)}`,
      Math.abs(dot(g, U) - matched.fd),
      tol,
      `<grad, U> ${dot(g, U)}; one-sided derivatives left ${left.fd}, right ${right.fd}; h ${h}; rounding bound x${SAFETY}`,
    );
    // W = 0: every pre-activation is 0, so the whole gradient is the convention's.
    const zero = zeroWeights(W.d, W.K);
    const g0 = await impl.gradient!(data, zero);
    expectAtMost(
      `max |grad L_N(0) - (-(relu'(0)/N) sum_i y_i x_i)| at W = 0 (every w_k . x_i = 0) under ${conventionName(reluAtZero)}`,
      maxAbsDifference(g0, gradientAtZero(data, W.K, reluAtZero)),
      SAFETY * gradientAtZeroBound(data, unitRoundoff),
      `rounding bound x${SAFETY}`,
    );
  },
});

/**
 * The HVP at an exact kink against a one-sided difference of the gradient on the declared
 * convention's side: the gradient is affine in t on each side, g(W + t u) = g_s + t H_s u,
 * so (g(W + 2 s h u) - g(W + s h u)) / (s h) is H_s u up to rounding, and H_s u is the
 * Gauss-Newton HVP with the kink's mask at relu'(0).
 */
async function checkHvpAtKink(
  impl: Parameters<typeof centralDifferenceOf>[0],
  c: ClaimCase,
  unitRoundoff: number,
  reluAtZero: ReluAtZero,
): Promise<void> {
  const { data, W } = onKink(c);
  const u = direction(W, c.point.seed, 'kink-hvp-u');
  const v = direction(W, c.point.seed, 'kink-hvp-v');
  const h = oneSidedStep(data, W, u);
  const s = conventionSide(data, W, u, reluAtZero);
  const W1 = shifted(W, u, s * h);
  const W2 = shifted(W, u, 2 * s * h);
  const g1 = await impl.gradient!(data, W1);
  const g2 = await impl.gradient!(data, W2);
  const Hu = await impl.hvp!(data, W, u);
  const Hv = await impl.hvp!(data, W, v);
  let fd = 0;
  for (let q = 0; q < v.length; q++) fd += (v[q] * (g2[q] - g1[q])) / (s * h);
  const e1 = gradientRoundingBound(data, W1, unitRoundoff);
  const e2 = gradientRoundingBound(data, W2, unitRoundoff);
  let tol = 0;
  for (let q = 0; q < v.length; q++) tol += (Math.abs(v[q]) * (e1[q] + e2[q])) / h;
  let wn = 0;
  for (let q = 0; q < v.length; q++) wn += (Math.abs(W.data[q]) + 2 * h * Math.abs(u[q])) ** 2;
  tol += (2 * pointRounding(unitRoundoff) * Math.sqrt(dot(Hv, Hv)) * Math.sqrt(wn)) / h;
  let xs = 0;
  for (let q = 0; q < data.X.length; q++) xs += data.X[q] * data.X[q];
  tol += (gamma(data.n + data.d + W.K + 2 + 3 * inputRoundings(unitRoundoff), unitRoundoff) * W.K * xs) / data.n;
  expectAtMost(
    `|<v, H u> - one-sided difference of <v, grad> (${s === 1 ? 'right' : 'left'})| at a kink (w_0 . x_0 = 0) under ${conventionName(reluAtZero)}`,
    Math.abs(dot(v, Hu) - fd),
    SAFETY * tol,
    `<v, H u> ${dot(v, Hu)}, fd ${fd}, h ${h}, rounding bound x${SAFETY}`,
  );
  const u0 = direction(W, c.point.seed, 'zero-hvp-u');
  const H0 = await impl.hvp!(data, zeroWeights(W.d, W.K), u0);
  expectAtMost(
    `max |H(0) u - (relu'(0)/N) sum_i x_i sum_l u_l . x_i| at W = 0 (every w_k . x_i = 0) under ${conventionName(reluAtZero)}`,
    maxAbsDifference(H0, hvpAtZero(data, u0, W.K, reluAtZero)),
    SAFETY * hvpAtZeroBound(data, u0, W.K, unitRoundoff),
    `rounding bound x${SAFETY}`,
  );
}

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
  ranges: describeRanges(RANGES),
  arbitrary: () => caseArbitrary(RANGES),
  show: showCase,
  diagnosisCalls: (c) => {
    const { data, W } = pointOf(c);
    const kink = onKink(c);
    return [
      { method: 'hvp', data, W, u: direction(W, c.point.seed, 'hvp-u') },
      { method: 'hvp', data: kink.data, W: kink.W, u: direction(kink.W, c.point.seed, 'kink-hvp-u') },
      { method: 'hvp', data: kink.data, W: zeroWeights(W.d, W.K), u: direction(W, c.point.seed, 'zero-hvp-u') },
      { method: 'gradient', data, W },
    ];
  },
  async check(impl, c, { unitRoundoff, reluAtZero }) {
    await checkHvpAtKink(impl, c, unitRoundoff, reluAtZero);
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
