/**
 * A gradient-descent run must be what it says (Zhang et al. Algorithm 1): T steps of
 * W <- W - eta grad L_N(W) with the implementation's own gradient, and a loss trace of T + 1
 * values L_N(W^0..W^T). Checked against the implementation's gradient and loss, stepped by
 * hand, to rounding. Also from W0 = 0, where every pre-activation is exactly 0: the first step
 * must be the declared kink convention's, W^1 = (relu'(0) eta / N) sum_i y_i x_i in every
 * column (zeroWeights.ts), and the run from there is hand-stepped like any other.
 *
 * @example
 * ```ts
 * await gdConsistency.run(referenceImplementation(), { seed: 1, tier: 'quick' });
 * ```
 */
import fc from 'fast-check';
import { caseArbitrary, describeRanges, materialize, pointNear, showCase, WIDE_EXACT, type ClaimCase, type InstanceRanges } from './arbitraries.js';
import { defineClaim } from './defineClaim.js';
import { SAFETY } from './gradientFiniteDifferences.js';
import { gamma, gradientRoundingBound, inputRoundings, lossRoundingBound } from './rounding.js';
import { ClaimViolation, expectAtMost } from './violation.js';
import type { Dataset, Weights } from '../src/core/layout.js';
import type { Implementation } from '../src/impl/Implementation.js';
import { gradientAtZero, gradientAtZeroBound, maxAbsDifference, zeroWeights } from './zeroWeights.js';

/** Small cases and, one in four, the wide sizes (the drift bound is per step and per sample). */
const GD_RANGES: InstanceRanges = { d: [2, 6], Kmax: 3, N: [10, 60], noise: [0, 0.5], wide: WIDE_EXACT };

/** GD equals T hand-made steps with the implementation's own gradient. */
export const gdConsistency = defineClaim<ClaimCase & { readonly T: number; readonly etaTenths: number }>({
  id: 'gd-consistency',
  needs: ['loss', 'gradient', 'gd'],
  falseAlarmPerCase: 0,
  runs: { quick: 2, default: 8, thorough: 200 },
  ranges: describeRanges(GD_RANGES, { T: '1..4 steps', eta: '0.1..0.5' }),
  arbitrary: () =>
    fc.record({
      c: caseArbitrary(GD_RANGES),
      T: fc.integer({ min: 1, max: 4 }),
      etaTenths: fc.integer({ min: 1, max: 5 }),
    }).map(({ c, T, etaTenths }) => ({ ...c, T, etaTenths })),
  show: showCase,
  diagnosisCalls: (c) => {
    const inst = materialize(c.instance);
    const W0 = pointNear(inst.Wstar, c.point, inst.teacher.frobenius);
    return [
      { method: 'gradientDescent', data: inst.data, W0, eta: c.etaTenths / 10, iterations: c.T },
      { method: 'loss', data: inst.data, W: W0 },
      { method: 'gradient', data: inst.data, W: W0 },
      { method: 'gradientDescent', data: inst.data, W0: zeroWeights(W0.d, W0.K), eta: c.etaTenths / 10, iterations: 1 },
    ];
  },
  async check(impl, c, { unitRoundoff: u, reluAtZero }) {
    const inst = materialize(c.instance);
    const W0 = pointNear(inst.Wstar, c.point, inst.teacher.frobenius);
    const eta = c.etaTenths / 10;
    await expectHandStepped(impl, { data: inst.data, W0, eta, T: c.T, unitRoundoff: u });
    const zero = zeroWeights(W0.d, W0.K);
    const first = await impl.gradientDescent!(inst.data, { W0: zero, eta, iterations: 1 });
    const g0 = gradientAtZero(inst.data, W0.K, reluAtZero);
    let gmax = 0;
    for (const g of g0) gmax = Math.max(gmax, Math.abs(g));
    expectAtMost(
      `max |W^1 - (relu'(0) eta / N) sum_i y_i x_i| from W0 = 0 (every w_k . x_i = 0) under relu'(0) = ${reluAtZero} (${reluAtZero === 1 ? 'z >= 0' : 'z > 0'} mask)`,
      maxAbsDifference(first.W.data, g0.map((g) => -eta * g)),
      SAFETY * (eta * gradientAtZeroBound(inst.data, u) + gamma(2 + inputRoundings(u), u) * eta * gmax),
      `rounding bound x${SAFETY} (eta ${eta})`,
    );
    await expectHandStepped(impl, { data: inst.data, W0: zero, eta, T: c.T, unitRoundoff: u, where: 'W0 = 0' });
  },
});

/** One GD request to compare with hand-made steps, and where it starts (for messages). */
export interface HandSteppedRun {
  readonly data: Dataset;
  readonly W0: Weights;
  readonly eta: number;
  /** Iterations. */
  readonly T: number;
  /** The unit roundoff the rounding bounds assume (2^-53 for float64). */
  readonly unitRoundoff: number;
  /** Where the run starts, for messages ("W0 = 10 G"). */
  readonly where?: string;
}

/**
 * Runs the implementation's GD from W0 and checks it against T steps of
 * W <- W - eta grad L_N(W) made by hand with the implementation's own gradient and loss, to a
 * rounding drift bound. Shared by `gd-consistency` (starts near W*) and `gd-far-start`.
 *
 * @example
 * ```ts
 * await expectHandStepped(impl, { data: inst.data, W0, eta: 0.1, T: 3, unitRoundoff: 2 ** -53, where: 'W0 = 10 G' }); // throws ClaimViolation on a mismatch
 * ```
 */
export async function expectHandStepped(impl: Implementation, run: HandSteppedRun): Promise<void> {
  const { data, W0, eta, T, unitRoundoff: u, where = '' } = run;
  const at = where === '' ? '' : `${where}, `;
  const gd = await impl.gradientDescent!(data, { W0, eta, iterations: T });
  if (gd.loss.length !== T + 1) {
    throw new ClaimViolation('length of the loss trace', gd.loss.length, T + 1, 'in', `exactly T + 1 = ${T + 1}${where === '' ? '' : ` (${where})`}`);
  }
  let W = W0;
  // Differences between two roundings of the same step grow at most by |I - eta H| <= 1 + eta L
  // per step, with L <= (K/N) sum |x_i|^2 (the Gauss-Newton Hessian's trace bound).
  let xs = 0;
  for (let q = 0; q < data.X.length; q++) xs += data.X[q] ** 2;
  const growth = 1 + (eta * W0.K * xs) / data.n;
  let drift = 0;
  for (let s = 0; s <= T; s++) {
    const L = await impl.loss!(data, W);
    let gn = 0;
    const g = await impl.gradient!(data, W);
    for (let q = 0; q < g.length; q++) gn += g[q] * g[q];
    expectAtMost(
      `|loss trace[${s}] - L_N(W^${s})|`,
      Math.abs(gd.loss[s] - L),
      SAFETY * (2 * lossRoundingBound(data, W, u) + Math.sqrt(gn) * drift),
      `rounding bound x${SAFETY} (${at}eta ${eta}, T ${T})`,
    );
    if (s === T) break;
    let wn = 0;
    // The two trajectories are up to `drift` apart: a mask may differ between them for any
    // sample that close to a kink, which the bound's kink term covers (it grows with u:
    // a float32 drift reaches kinks a float64 one never does).
    const eg = gradientRoundingBound(data, W, u, drift);
    let egn = 0;
    for (let q = 0; q < g.length; q++) {
      wn += W.data[q] ** 2;
      egn += eg[q] ** 2;
    }
    // The update's product and subtraction, plus (coarser format) the conversion of eta.
    drift = drift * growth + eta * 2 * Math.sqrt(egn) + gamma(2 + inputRoundings(u), u) * (Math.sqrt(wn) + eta * Math.sqrt(gn));
    W = { ...W, data: W.data.map((w, q) => w - eta * g[q]) };
  }
  let diff = 0;
  for (let q = 0; q < W.data.length; q++) diff += (gd.W.data[q] - W.data[q]) ** 2;
  expectAtMost(
    `|W^T (implementation) - W^T (hand-stepped)|_F`,
    Math.sqrt(diff),
    SAFETY * drift,
    `rounding drift bound x${SAFETY} (${at}eta ${eta}, T ${T})`,
  );
}
