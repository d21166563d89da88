/**
 * Claim family 8: metamorphic invariances of the objective, which hold for any data and any
 * W and so need no statistics:
 * - permuting hidden units permutes the gradient and keeps the loss;
 * - rotating inputs and weights together (x -> Q^T x, w_k -> Q^T w_k) keeps the loss and
 *   rotates the gradient;
 * - duplicating every sample keeps loss and gradient (they are means);
 * - positive homogeneity, relu(c z) = c relu(z): scaling W and y by c scales the loss by c^2
 *   and the gradient by c; scaling X and y by c scales both by c^2. With c a power of two
 *   every floating-point operation commutes with the scaling, so these hold bit for bit;
 * - determinism: the same call twice gives bit-identical results.
 * Tolerances of the first three are the rounding bounds of `rounding.ts` (times SAFETY).
 *
 * @example
 * ```ts
 * await permutationInvariance.run(referenceImplementation(), { seed: 1, tier: 'quick' });
 * ```
 */
import fc from 'fast-check';
import type { Dataset, Weights } from '../src/core/layout.js';
import { haarOrthonormal } from '../src/core/linalg.js';
import { createStreams } from '../src/core/random.js';
import { caseArbitrary, materialize, pointNear, showCase, type ClaimCase, describeRanges, WIDE_EXACT, type InstanceRanges } from './arbitraries.js';
import type { DiagnosisCall } from './Claim.js';
import { defineClaim } from './defineClaim.js';
import { SAFETY } from './gradientFiniteDifferences.js';
import { gamma, gradientRoundingBound, lossRoundingBound } from './rounding.js';
import { ClaimViolation, expectAtMost } from './violation.js';

const RANGES: InstanceRanges = { d: [2, 6], Kmax: 3, N: [10, 60], noise: [0, 0.5], wide: WIDE_EXACT };

function pointOf(c: ClaimCase): { data: Dataset; W: Weights } {
  const inst = materialize(c.instance);
  return { data: inst.data, W: pointNear(inst.Wstar, c.point, inst.teacher.frobenius) };
}

/** The calls every invariance makes first: loss and gradient at the case's point. */
function lossAndGradientCalls({ data, W }: { data: Dataset; W: Weights }): DiagnosisCall[] {
  return [
    { method: 'loss', data, W },
    { method: 'gradient', data, W },
  ];
}

function expectCloseArrays(what: string, a: Float64Array, b: Float64Array, tol: Float64Array | number): void {
  for (let q = 0; q < a.length; q++) {
    const t = typeof tol === 'number' ? tol : tol[q];
    expectAtMost(`${what}, entry ${q} (${a[q]} vs ${b[q]})`, Math.abs(a[q] - b[q]), SAFETY * t, `rounding bound x${SAFETY}`);
  }
}

function expectIdentical(what: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new ClaimViolation(`${what}: length`, a.length, b.length, '<=', 'lengths differ');
  for (let q = 0; q < a.length; q++) {
    if (!Object.is(a[q], b[q])) {
      throw new ClaimViolation(`${what}, entry ${q}`, a[q], b[q], 'in', `bit-identical value ${b[q]} (exact identity)`);
    }
  }
}

/** Loss and gradient are equivariant under permuting hidden units. */
export const permutationInvariance = defineClaim<ClaimCase & { readonly shift: number }>({
  id: 'invariance-permutation',
  needs: ['loss', 'gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 3, default: 10, thorough: 300 },
  ranges: describeRanges(RANGES),
  arbitrary: () => caseArbitrary(RANGES).chain((c) => fc.nat({ max: 7 }).map((shift) => ({ ...c, shift }))),
  show: showCase,
  diagnosisCalls: (c) => lossAndGradientCalls(pointOf(c)),
  async check(impl, c, { unitRoundoff: u }) {
    const { data, W } = pointOf(c);
    const { d, K } = W;
    // A reversal composed with a cyclic shift: every K >= 2 gets a non-trivial permutation.
    const perm = Array.from({ length: K }, (_, k) => (K - 1 - k + c.shift) % K);
    const Wp = { d, K, data: new Float64Array(d * K) };
    for (let k = 0; k < K; k++) Wp.data.set(W.data.subarray(perm[k] * d, perm[k] * d + d), k * d);
    const l0 = await impl.loss!(data, W);
    const l1 = await impl.loss!(data, Wp);
    expectAtMost('|L_N(W P) - L_N(W)|', Math.abs(l1 - l0), SAFETY * 2 * lossRoundingBound(data, W, u), `rounding bound x${SAFETY}`);
    const g0 = await impl.gradient!(data, W);
    const g1 = await impl.gradient!(data, Wp);
    const g0p = new Float64Array(d * K);
    for (let k = 0; k < K; k++) g0p.set(g0.subarray(perm[k] * d, perm[k] * d + d), k * d);
    const eg = gradientRoundingBound(data, W, u).map((e) => 2 * e);
    expectCloseArrays(`grad L_N(W P) vs grad L_N(W) P, permutation [${perm}]`, g1, g0p, eg);
  },
});

/** Loss invariant, gradient rotated, when inputs and weights rotate together. */
export const rotationInvariance = defineClaim<ClaimCase>({
  id: 'invariance-rotation',
  needs: ['loss', 'gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 3, default: 10, thorough: 300 },
  ranges: describeRanges(RANGES),
  arbitrary: () => caseArbitrary(RANGES),
  show: showCase,
  diagnosisCalls: (c) => lossAndGradientCalls(pointOf(c)),
  async check(impl, c, { unitRoundoff: u }) {
    const { data, W } = pointOf(c);
    const { d, K } = W;
    const { n, X } = data;
    const Q = haarOrthonormal(d, d, createStreams(c.point.seed).stream('rotation')); // row-major
    const rot = (v: Float64Array, off: number, out: Float64Array, o: number): void => {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let l = 0; l < d; l++) s += Q[l * d + j] * v[off + l]; // (Q^T v)_j
        out[o + j] = s;
      }
    };
    const Xr = new Float64Array(n * d);
    for (let i = 0; i < n; i++) rot(X, i * d, Xr, i * d);
    const Wr = { d, K, data: new Float64Array(d * K) };
    for (let k = 0; k < K; k++) rot(W.data, k * d, Wr.data, k * d);
    const dataR: Dataset = { n, d, X: Xr, y: data.y };
    // Rounding of the rotation moves each pre-activation by at most dz_ki = gamma(3d) d |w_k| |x_i|,
    // hence each residual by dr_i = sum_k dz_ki (a mask can flip only if |z_ki| < dz_ki). The
    // rotation is relucheck's, in float64; the implementation's own rounding (masks it may
    // flip included) is in the loss and gradient bounds at u.
    // (In a coarser format the conversion of the rotated x adds u |x_i| per entry; it is in the
    // bounds of the rotated problem, which see Xr as their input.)
    let lossShift = 0;
    const gradShift = new Float64Array(d * K);
    for (let i = 0; i < n; i++) {
      let xn = 0;
      for (let j = 0; j < d; j++) xn += X[i * d + j] ** 2;
      xn = Math.sqrt(xn);
      let dr = 0;
      let out = 0;
      for (let k = 0; k < K; k++) {
        let wn = 0;
        let z = 0;
        for (let j = 0; j < d; j++) {
          wn += W.data[k * d + j] ** 2;
          z += W.data[k * d + j] * X[i * d + j];
        }
        const dz = gamma(3 * d) * d * Math.sqrt(wn) * xn;
        fc.pre(Math.abs(z) > 2 * dz); // the claim is about points off the kinks
        dr += dz;
        if (z > 0) out += z;
      }
      const r = Math.abs(out - data.y[i]);
      lossShift += (r * dr + dr * dr) / n;
      for (let j = 0; j < d; j++) {
        const v = (dr * Math.abs(Xr[i * d + j]) + (r + dr) * gamma(3 * d) * d * xn) / n;
        for (let k = 0; k < K; k++) gradShift[k * d + j] += v;
      }
    }
    const l0 = await impl.loss!(data, W);
    const l1 = await impl.loss!(dataR, Wr);
    const lt = lossRoundingBound(data, W, u) + lossRoundingBound(dataR, Wr, u) + lossShift;
    expectAtMost('|L_N rotated - L_N|', Math.abs(l1 - l0), SAFETY * lt, `rounding bound x${SAFETY}`);
    const g0 = await impl.gradient!(data, W);
    const g1 = await impl.gradient!(dataR, Wr);
    const g0r = new Float64Array(d * K);
    for (let k = 0; k < K; k++) rot(g0, k * d, g0r, k * d);
    const e0 = gradientRoundingBound(data, W, u);
    const e1 = gradientRoundingBound(dataR, Wr, u);
    const tol = new Float64Array(d * K);
    for (let k = 0; k < K; k++) {
      let e0n = 0;
      let g0a = 0;
      for (let l = 0; l < d; l++) {
        e0n += e0[k * d + l];
        g0a += Math.abs(g0[k * d + l]);
      }
      for (let j = 0; j < d; j++) tol[k * d + j] = e1[k * d + j] + gradShift[k * d + j] + e0n + gamma(d) * g0a;
    }
    expectCloseArrays('grad of rotated problem vs Q^T grad', g1, g0r, tol);
  },
});

/** Duplicating every sample keeps the loss and the gradient (they are means over samples). */
export const duplicationInvariance = defineClaim<ClaimCase>({
  id: 'invariance-duplication',
  needs: ['loss', 'gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 3, default: 10, thorough: 300 },
  ranges: describeRanges(RANGES),
  arbitrary: () => caseArbitrary(RANGES),
  show: showCase,
  diagnosisCalls: (c) => lossAndGradientCalls(pointOf(c)),
  async check(impl, c, { unitRoundoff: u }) {
    const { data, W } = pointOf(c);
    const X = new Float64Array(2 * data.X.length);
    X.set(data.X);
    X.set(data.X, data.X.length);
    const y = new Float64Array(2 * data.n);
    y.set(data.y);
    y.set(data.y, data.n);
    const twice: Dataset = { n: 2 * data.n, d: data.d, X, y };
    const l0 = await impl.loss!(data, W);
    const l1 = await impl.loss!(twice, W);
    const lt = lossRoundingBound(data, W, u) + lossRoundingBound(twice, W, u);
    expectAtMost('|L_N(duplicated data) - L_N(data)|', Math.abs(l1 - l0), SAFETY * lt, `rounding bound x${SAFETY}`);
    const e0 = gradientRoundingBound(data, W, u);
    const e1 = gradientRoundingBound(twice, W, u);
    expectCloseArrays(
      'grad on duplicated data vs grad',
      await impl.gradient!(twice, W),
      await impl.gradient!(data, W),
      e0.map((e, q) => e + e1[q]),
    );
  },
});

/** relu(c z) = c relu(z) with c a power of two: exact identities. */
export const scalingInvariance = defineClaim<ClaimCase & { readonly log2c: number }>({
  id: 'invariance-positive-scaling',
  needs: ['loss', 'gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 3, default: 10, thorough: 300 },
  ranges: describeRanges(RANGES),
  arbitrary: () =>
    caseArbitrary(RANGES).chain((c) =>
      fc.integer({ min: -3, max: 3 }).filter((e) => e !== 0).map((log2c) => ({ ...c, log2c })),
    ),
  show: showCase,
  diagnosisCalls: (c) => lossAndGradientCalls(pointOf(c)),
  async check(impl, c) {
    const { data, W } = pointOf(c);
    const s = 2 ** c.log2c;
    const l0 = await impl.loss!(data, W);
    const g0 = await impl.gradient!(data, W);
    // W -> cW, y -> cy: residuals scale by c.
    const dataY: Dataset = { ...data, y: data.y.map((v) => s * v) };
    const Ws: Weights = { ...W, data: W.data.map((v) => s * v) };
    expectIdentical(`L_N(cW; cy) vs c^2 L_N(W; y), c = ${s}`, [await impl.loss!(dataY, Ws)], [s * s * l0]);
    expectIdentical(`grad(cW; cy) vs c grad(W; y), c = ${s}`, await impl.gradient!(dataY, Ws), g0.map((v) => s * v));
    // X -> cX, y -> cy: residuals and inputs scale by c.
    const dataXY: Dataset = { ...dataY, X: data.X.map((v) => s * v) };
    expectIdentical(`L_N(W; cX, cy) vs c^2 L_N(W; X, y), c = ${s}`, [await impl.loss!(dataXY, W)], [s * s * l0]);
    expectIdentical(`grad(W; cX, cy) vs c^2 grad(W; X, y), c = ${s}`, await impl.gradient!(dataXY, W), g0.map((v) => s * s * v));
  },
});

/** Samples of the init data set: enough for the moments to be finite, cheap for any init. */
export const DETERMINISM_INIT_N = 2000;

/**
 * The same call twice gives bit-identical answers (loss, gradient, and GD and init when
 * offered). Init gets the same request seed twice: the seed is the method's only randomness
 * (InitRequest), so an init that keeps state between calls (a call counter, a shared
 * generator) fails.
 */
export const determinism = defineClaim<ClaimCase>({
  id: 'determinism',
  needs: ['loss', 'gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 2, default: 6, thorough: 200 },
  ranges: describeRanges(RANGES),
  arbitrary: () => caseArbitrary(RANGES),
  show: showCase,
  diagnosisCalls: (c) => {
    const { data, W } = pointOf(c);
    return [...lossAndGradientCalls({ data, W }), { method: 'gradientDescent', data, W0: W, eta: 0.1, iterations: 3 }];
  },
  async check(impl, c) {
    const { data, W } = pointOf(c);
    expectIdentical('L_N twice', [await impl.loss!(data, W)], [await impl.loss!(data, W)]);
    expectIdentical('grad twice', await impl.gradient!(data, W), await impl.gradient!(data, W));
    if (impl.capabilities.includes('gd') && impl.gradientDescent) {
      const req = { W0: W, eta: 0.1, iterations: 3 };
      const a = await impl.gradientDescent(data, req);
      const b = await impl.gradientDescent(data, req);
      expectIdentical('GD final W twice', a.W.data, b.W.data);
      expectIdentical('GD loss trace twice', a.loss, b.loss);
    }
    if (impl.capabilities.includes('init') && impl.tensorInit) {
      // The case's teacher on its own larger sample (the case's N <= 60 is too few for moments).
      const initData = materialize({ ...c.instance, N: DETERMINISM_INIT_N }).data;
      const request = { K: c.instance.K, seed: (c.instance.seed ^ 0x5bd1e995) >>> 0 };
      const a = await impl.tensorInit(initData, request);
      const b = await impl.tensorInit(initData, request);
      expectIdentical(`init W0 twice (seed ${request.seed}, N = ${DETERMINISM_INIT_N})`, a.data, b.data);
    }
  },
});
