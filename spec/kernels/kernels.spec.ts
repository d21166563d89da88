/**
 * Every fast loss+gradient backend against the reference kernel (src/core/kernel.ts).
 *
 * - specialized TS, wasm SIMD and native C form every float64 sum in the reference's order, so they
 *   must be BIT-identical (tolerance 0), including -0/+0.
 * - the parallel backend computes the same per-row residuals r_i (each thread runs the native
 *   or the wasm kernel on its rows) and the same products t_i = r_i x_ij, but sums them in two parts then
 *   adds the parts: a reordered sum of the same N terms. Each order is within
 *   gamma(N-1) sum|t_i| of the exact sum (Higham, Accuracy and Stability, eq. 4.4;
 *   gamma(n) = n u / (1 - n u), u = 2^-53), so the two unscaled sums differ by at most
 *   2 gamma(N-1) sum|t_i|; both are then multiplied by the same fl(1/N), one rounding each:
 *   |a - b| <= fl(1/N) (1 + u) 2 gamma(N-1) sum|t_i| + u (|a| + |b|). Same for the loss with
 *   t_i = r_i^2 / 2. On integer data every operation is exact, so the parallel result must
 *   also be bit-identical there.
 * The native addon is optional (it needs a C compiler): its cases are skipped, and counted as
 * skipped, where it did not build, except under RELUCHECK_REQUIRE_NATIVE=1 (.ci/run), where a
 * missing addon fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradientDescent, resamplingGradientDescent, type LossGradientFn } from '../../src/core/gd.js';
import { makeInstance } from '../../src/core/instance.js';
import { lossAndGradient, networkOutput } from '../../src/core/kernel.js';
import { specializedLossAndGradient } from '../../src/core/kernels/specialized.js';
import { createWasmKernel } from '../../src/core/kernels/wasm.js';
import type { Dataset, Weights } from '../../src/core/layout.js';
import { createStreams } from '../../src/core/random.js';
import { ValidationError } from '../../src/core/validate.js';
import { createFastestKernel } from '../../src/native/fastestKernel.js';
import { createNativeKernel, nativeKernelStatus } from '../../src/native/nativeKernel.js';
import { createParallelKernel, type ParallelKernel } from '../../src/parallel/parallelKernel.js';

const NATIVE = nativeKernelStatus();

const u = 2 ** -53;
const gamma = (n: number): number => (n * u) / (1 - n * u);

interface Case {
  readonly N: number;
  readonly d: number;
  readonly K: number;
  readonly seed: number;
}

// K = 1, d = 1, N = 1, N odd, K odd and even, K = d, d odd; N mod 4 = 0, 1, 2, 3 (the wasm
// kernel works in blocks of 4 rows, so every leftover-row count is covered).
const CASES: readonly Case[] = [
  { N: 1, d: 1, K: 1, seed: 1 },
  { N: 7, d: 1, K: 1, seed: 2 },
  { N: 1, d: 6, K: 3, seed: 3 },
  { N: 33, d: 3, K: 1, seed: 4 },
  { N: 101, d: 5, K: 3, seed: 5 },
  { N: 64, d: 8, K: 8, seed: 6 },
  { N: 257, d: 10, K: 5, seed: 7 },
  { N: 1000, d: 17, K: 7, seed: 8 },
  { N: 999, d: 50, K: 15, seed: 9 },
  { N: 500, d: 20, K: 10, seed: 10 },
  { N: 258, d: 9, K: 6, seed: 12 },
];

/** A noisy instance and a W away from W* (about half the units active on each row). */
function instance(c: Case): { data: Dataset; W: Weights; Wstar: Weights } {
  const inst = makeInstance({ d: c.d, K: c.K, kappa: 2, N: c.N, noiseStd: 0.2, seed: c.seed });
  const s = createStreams(c.seed).stream('spec-kernels-W');
  const W = { d: c.d, K: c.K, data: inst.Wstar.data.map((v) => v + 0.5 * s.normal()) };
  return { data: inst.data, W, Wstar: inst.Wstar };
}

/**
 * Integer data and weights in [-2, 2]: every product and sum is exact in any order, and many
 * w_k . x_i are exactly 0, the kink where the indicator `>= 0` must be 1.
 */
function integerInstance(N: number, d: number, K: number, seed: number) {
  const s = createStreams(seed).stream('spec-kernels-int');
  const int = (): number => Math.floor(s.uniform() * 5) - 2;
  const X = Float64Array.from({ length: N * d }, int);
  const y = Float64Array.from({ length: N }, int);
  const W = { d, K, data: Float64Array.from({ length: d * K }, int) };
  let kinks = 0;
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < K; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += W.data[k * d + j] * X[i * d + j];
      if (z === 0) kinks++;
    }
  }
  return { data: { n: N, d, X, y }, W, kinks };
}

function run(fn: LossGradientFn, data: Dataset, W: Weights) {
  const grad = new Float64Array(W.d * W.K).fill(NaN);
  const loss = fn(data, W, grad);
  return { loss, grad };
}

/** Index and values of the first bitwise difference (Object.is: -0 differs from +0). */
function firstBitDifference(a: Float64Array, b: Float64Array): string | undefined {
  for (let q = 0; q < a.length; q++) {
    if (!Object.is(a[q], b[q])) return `index ${q}: actual ${b[q]}, expected ${a[q]}`;
  }
  return undefined;
}

/** The reordering bound above, per gradient entry and for the loss. */
function reorderBounds(data: Dataset, W: Weights, ref: { loss: number; grad: Float64Array }) {
  const { n, d, X, y } = data;
  const K = W.K;
  const absT = new Float64Array(d * K);
  let absLoss = 0;
  for (let i = 0; i < n; i++) {
    const r = networkOutput(W.data, d, K, X, i * d) - y[i];
    absLoss += 0.5 * r * r;
    for (let k = 0; k < K; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += W.data[k * d + j] * X[i * d + j];
      if (z >= 0) for (let j = 0; j < d; j++) absT[k * d + j] += Math.abs(r * X[i * d + j]);
    }
  }
  const inv = 1 / n;
  const g = 2 * gamma(Math.max(n - 1, 0)) * inv * (1 + u);
  return {
    grad: (q: number, other: number) => g * absT[q] + u * (Math.abs(ref.grad[q]) + Math.abs(other)),
    loss: (other: number) => g * absLoss + u * (Math.abs(ref.loss) + Math.abs(other)),
  };
}

let par: ParallelKernel;
let parWasm: ParallelKernel;
beforeAll(async () => {
  par = await createParallelKernel({ workers: 2 });
  parWasm = await createParallelKernel({ workers: 2, backend: 'wasm' });
});
afterAll(async () => {
  await par.close();
  await parWasm.close();
});

const serial: ReadonlyArray<[string, () => LossGradientFn]> = [
  ['specialized TS', () => specializedLossAndGradient],
  ['wasm SIMD', () => createWasmKernel().lossAndGradient],
  ...(NATIVE.available ? [['native C', () => createNativeKernel().lossAndGradient] as [string, () => LossGradientFn]] : []),
];

describe('native backend', () => {
  it.runIf(process.env.RELUCHECK_REQUIRE_NATIVE === '1')('is built (RELUCHECK_REQUIRE_NATIVE=1)', () => {
    expect(NATIVE.available, NATIVE.available ? '' : NATIVE.reason).toBe(true);
  });

  it.runIf(NATIVE.available)('rejects mismatched shapes with argument, rule and value', () => {
    const { data, W } = instance(CASES[6]);
    const k = createNativeKernel();
    expect(() => k.lossAndGradient(data, W, new Float64Array(3))).toThrow(ValidationError);
    expect(() => k.lossAndGradient(data, W, new Float64Array(3))).toThrow(
      /invalid argument\. grad must have length d \* K = 50\. Value: 3\./,
    );
    expect(() => k.lossAndGradient({ ...data, d: 11 }, W, new Float64Array(50))).toThrow(/W must have d = data.d \(11\)/);
  });

  it('auto picks native exactly when the addon loaded', () => {
    expect(createFastestKernel().backend).toBe(NATIVE.available ? 'native' : 'wasm');
    expect(par.backend).toBe(NATIVE.available ? 'native' : 'wasm');
    expect(parWasm.backend).toBe('wasm');
  });
});

describe.each(serial)('%s backend', (_name, make) => {
  it.each(CASES)('is bit-identical to the reference (N=$N d=$d K=$K seed=$seed)', (c) => {
    const { data, W } = instance(c);
    const ref = run(lossAndGradient, data, W);
    const got = run(make(), data, W);
    expect(Object.is(got.loss, ref.loss), `loss: actual ${got.loss}, expected ${ref.loss}`).toBe(true);
    expect(firstBitDifference(ref.grad, got.grad), `seed ${c.seed}`).toBeUndefined();
  });

  it('is bit-identical at exact kinks (integer data, w.x = 0 exactly)', () => {
    for (const [N, d, K, seed] of [[301, 4, 3, 11], [64, 1, 1, 12], [99, 7, 6, 13]]) {
      const { data, W, kinks } = integerInstance(N, d, K, seed);
      expect(kinks, 'the instance must contain kinks to test them').toBeGreaterThan(0);
      const ref = run(lossAndGradient, data, W);
      const got = run(make(), data, W);
      expect(got.loss).toBe(ref.loss);
      expect(firstBitDifference(ref.grad, got.grad), `N=${N} d=${d} K=${K} seed=${seed}`).toBeUndefined();
    }
  });
});

describe.each([['auto (native when built)', () => par], ['wasm', () => parWasm]] as const)('parallel backend (2 workers, %s)', (_name, kernel) => {
  it.each(CASES)('is within the reordering bound of the reference (N=$N d=$d K=$K seed=$seed)', (c) => {
    const par = kernel();
    const { data, W } = instance(c);
    const ref = run(lossAndGradient, data, W);
    const got = par.lossAndGradient(data, W, new Float64Array(W.d * W.K));
    const grad = new Float64Array(W.d * W.K);
    const loss = par.lossAndGradient(data, W, grad);
    expect(loss).toBe(got); // same call, same bits
    const bound = reorderBounds(data, W, ref);
    const dl = Math.abs(loss - ref.loss);
    expect(dl, `loss: actual ${loss}, expected ${ref.loss}, tol ${bound.loss(loss)}`).toBeLessThanOrEqual(bound.loss(loss));
    for (let q = 0; q < grad.length; q++) {
      const tol = bound.grad(q, grad[q]);
      const diff = Math.abs(grad[q] - ref.grad[q]);
      if (!(diff <= tol)) {
        expect.fail(`grad[${q}]: actual ${grad[q]}, expected ${ref.grad[q]}, diff ${diff}, tol ${tol}, seed ${c.seed}`);
      }
    }
  });

  it('is bit-identical at exact kinks (integer data: every operation exact)', () => {
    const par = kernel();
    const { data, W, kinks } = integerInstance(301, 4, 3, 11);
    expect(kinks).toBeGreaterThan(0);
    const ref = run(lossAndGradient, data, W);
    const got = run(par.lossAndGradient, data, W);
    expect(got.loss).toBe(ref.loss);
    expect(firstBitDifference(ref.grad, got.grad)).toBeUndefined();
  });
});

describe('every backend', () => {
  const all = (): ReadonlyArray<[string, LossGradientFn]> => [
    ['reference', lossAndGradient],
    ['specialized TS', specializedLossAndGradient],
    ['wasm SIMD', createWasmKernel().lossAndGradient],
    ['parallel', par.lossAndGradient],
    ['parallel wasm', parWasm.lossAndGradient],
    ...(NATIVE.available ? [['native C', createNativeKernel().lossAndGradient] as [string, LossGradientFn]] : []),
  ];

  it('gives an exactly zero loss and gradient at W* without noise', () => {
    for (const [N, d, K, seed] of [[2000, 10, 5, 21], [333, 7, 7, 22], [1, 3, 2, 23]]) {
      const inst = makeInstance({ d, K, kappa: 3, N, seed });
      for (const [name, fn] of all()) {
        const grad = new Float64Array(d * K).fill(1);
        const loss = fn(inst.data, inst.Wstar, grad);
        expect(loss, `${name} N=${N} seed=${seed}`).toBe(0);
        const nonzero = grad.findIndex((g) => g !== 0);
        expect(nonzero, `${name}: grad[${nonzero}] = ${grad[nonzero]}, seed ${seed}`).toBe(-1);
      }
    }
  });

  it('is deterministic: the same seed gives bit-identical output', async () => {
    const c = CASES[8];
    const first = all().map(([name, fn]) => [name, run(fn, instance(c).data, instance(c).W)] as const);
    const par2 = await createParallelKernel({ workers: 2 });
    try {
      const again: LossGradientFn[] = [lossAndGradient, specializedLossAndGradient,
        createWasmKernel().lossAndGradient, par2.lossAndGradient, parWasm.lossAndGradient,
        ...(NATIVE.available ? [createNativeKernel().lossAndGradient] : [])];
      again.forEach((fn, b) => {
        const [name, want] = first[b];
        const got = run(fn, instance(c).data, instance(c).W);
        expect(Object.is(got.loss, want.loss), name).toBe(true);
        expect(firstBitDifference(want.grad, got.grad), name).toBeUndefined();
      });
    } finally {
      await par2.close();
    }
  });

  it('handles resampling slices and dataset switches (resident-data cache)', () => {
    const inst = makeInstance({ d: 6, K: 4, kappa: 2, N: 600, noiseStd: 0.1, seed: 31 });
    const other = makeInstance({ d: 9, K: 4, kappa: 2, N: 50, noiseStd: 0.1, seed: 32 });
    const W0 = { d: 6, K: 4, data: inst.Wstar.data.map((v, q) => v + 0.2 * Math.cos(q)) };
    const opts = { data: inst.data, W0, eta: 0.5, iterations: 6, batchSize: 100 };
    const ref = resamplingGradientDescent({ ...opts, kernel: lossAndGradient });
    const wasm = createWasmKernel();
    const got = resamplingGradientDescent({ ...opts, kernel: wasm.lossAndGradient });
    expect(firstBitDifference(ref.W.data, got.W.data)).toBeUndefined();
    expect(firstBitDifference(ref.trajectory.loss, got.trajectory.loss)).toBeUndefined();
    // Switch to another dataset (other d) and back: each call must see its own data.
    const Wo = { d: 9, K: 4, data: other.Wstar.data.map((v) => 1.1 * v) };
    for (const fn of [wasm.lossAndGradient, par.lossAndGradient, createFastestKernel().lossAndGradient]) {
      for (const [data, W] of [[other.data, Wo], [inst.data, W0], [other.data, Wo]] as const) {
        const want = run(lossAndGradient, data, W);
        const got2 = run(fn, data, W);
        const b = reorderBounds(data, W, want);
        expect(Math.abs(got2.loss - want.loss)).toBeLessThanOrEqual(b.loss(got2.loss));
      }
    }
  });

  it('gradientDescent defaults to a backend bit-identical to the reference', () => {
    const inst = makeInstance({ d: 10, K: 5, kappa: 2, N: 800, noiseStd: 0.1, seed: 41 });
    const W0 = { d: 10, K: 5, data: inst.Wstar.data.map((v, q) => v + 0.1 * Math.sin(q)) };
    const opts = { data: inst.data, W0, eta: 0.5, iterations: 20, Wstar: inst.Wstar };
    const ref = gradientDescent({ ...opts, kernel: lossAndGradient });
    const def = gradientDescent(opts);
    expect(firstBitDifference(ref.trajectory.loss, def.trajectory.loss)).toBeUndefined();
    expect(firstBitDifference(ref.W.data, def.W.data)).toBeUndefined();
  });
});
