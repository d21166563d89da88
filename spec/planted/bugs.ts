/**
 * Planted bugs: wrong Implementations, each a small edit of the reference, and the claim
 * that must catch it. planted.spec.ts runs each named claim against its bug (verdict must be
 * 'failed') and against the reference (verdict must be 'passed').
 */
import { lossAndGradient } from '../../src/core/kernel.js';
import { sliceDataset, type Dataset, type Weights } from '../../src/core/layout.js';
import { randomInit } from '../../src/core/init.js';
import { createStreams } from '../../src/core/random.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { POPULATION_BUGS } from './populationBugs.js';
import { GAP_BUGS } from './gapBugs.js';
import { CURVATURE_BUGS } from './curvatureBugs.js';
import { KINK_BUGS } from './kinkBugs.js';
import { withGdUpdate } from './withGdUpdate.js';
import { clippedGd, safeguardedGd } from './farStartBugs.js';
import { SIZE_BUGS } from './sizeBugs.js';
import { withGradient, withKernel, type PlantedBug } from './slippedKernel.js';

export type { PlantedBug } from './slippedKernel.js';


/** GD with a slip in its loop. */
function withGd(
  name: string,
  step: (t: number, T: number) => { eta: (eta: number) => number; steps: number; traceAfter: boolean },
  frozenMask = false,
): Implementation {
  const ref = referenceImplementation();
  return {
    ...ref,
    name,
    gradientDescent: async (data, req) => {
      const plan = step(0, req.iterations);
      const W = { ...req.W0, data: Float64Array.from(req.W0.data) };
      const grad = new Float64Array(W.data.length);
      const loss = new Float64Array(req.iterations + 1);
      const mask0 = frozenMask ? masks(data, req.W0) : undefined;
      for (let t = 0; t <= plan.steps; t++) {
        const L = mask0 ? frozenMaskGradient(data, W, grad, mask0) : lossAndGradient(data, W, grad);
        if (!plan.traceAfter && t < loss.length) loss[t] = L;
        if (plan.traceAfter && t > 0 && t - 1 < loss.length) loss[t - 1] = L;
        if (t === plan.steps) break;
        const eta = plan.eta(req.eta);
        for (let q = 0; q < W.data.length; q++) W.data[q] -= eta * grad[q];
      }
      if (plan.traceAfter) loss[req.iterations] = lossAndGradient(data, W, grad);
      return { W, loss };
    },
  };
}

function masks(data: Dataset, W: Weights): Uint8Array {
  const m = new Uint8Array(data.n * W.K);
  for (let i = 0; i < data.n; i++) {
    for (let k = 0; k < W.K; k++) {
      let z = 0;
      for (let j = 0; j < data.d; j++) z += W.data[k * data.d + j] * data.X[i * data.d + j];
      m[i * W.K + k] = z >= 0 ? 1 : 0;
    }
  }
  return m;
}

/** The gradient with the activation pattern of W^0 (a linearized network), loss exact. */
function frozenMaskGradient(data: Dataset, W: Weights, grad: Float64Array, m: Uint8Array): number {
  const L = lossAndGradient(data, W, grad);
  const { n, d, X } = data;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let out = 0;
    for (let k = 0; k < W.K; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += W.data[k * d + j] * X[i * d + j];
      if (z > 0) out += z;
    }
    r[i] = out - data.y[i];
  }
  grad.fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < W.K; k++) {
      if (!m[i * W.K + k]) continue;
      for (let j = 0; j < d; j++) grad[k * d + j] += (r[i] * X[i * d + j]) / n;
    }
  }
  return L;
}

/** Reference GD followed by a post-step edit of W (a wrong update rule). */
function withGdPostStep(name: string, edit: (W: Weights, eta: number) => void): Implementation {
  return withGdUpdate(name, (W, grad, eta, data) => {
    for (let q = 0; q < W.length; q++) W[q] -= eta * grad[q];
    edit({ d: data.d, K: W.length / data.d, data: W }, eta);
  });
}

/** Every counted planted bug. */
export const PLANTED_BUGS: readonly PlantedBug[] = [
  { name: 'gradient sign flipped', caughtBy: 'gradient-fd-directional', make: () => withGradient('sign', { sign: -1 }) },
  { name: 'gradient missing 1/N', caughtBy: 'gradient-fd-full', make: () => withGradient('no 1/N', { scale: () => 1 }) },
  { name: 'loss and gradient both missing 1/N', caughtBy: 'invariance-duplication', make: () => withKernel('no 1/N both', { scale: () => 1, lossScale: () => 1 }) },
  { name: 'loss missing the 1/2', caughtBy: 'gradient-fd-directional', make: () => withKernel('no 1/2', { lossScale: (n) => 2 / n }) },
  { name: 'mask of the neighbouring unit', caughtBy: 'gradient-fd-full', make: () => withGradient('shifted mask', { mask: 'shifted-unit' }) },
  { name: 'no mask (linear-network gradient)', caughtBy: 'gradient-fd-directional', make: () => withGradient('no mask', { mask: 'none' }) },
  { name: 'residual without y (loss and gradient)', caughtBy: 'stationarity-noiseless', make: () => withKernel('no y', { ignoreY: true }) },
  { name: 'transposed data (X read column-major)', caughtBy: 'stationarity-noiseless', make: () => withKernel('transposed X', { transposedX: true }) },
  { name: 'off-by-one: gradient loop skips the last sample', caughtBy: 'gradient-fd-full', make: () => withGradient('skip last', { skipLastSample: true }) },
  { name: 'bias inside the relu (relu(w.x + 0.1))', caughtBy: 'invariance-positive-scaling', make: () => withKernel('bias', { bias: 0.1 }) },
  { name: 'GD ignores eta (always 0.05)', caughtBy: 'gd-consistency', make: () => withGd('fixed eta', (_t, T) => ({ eta: () => 0.05, steps: T, traceAfter: false })) },
  { name: 'GD off-by-one: one step too many', caughtBy: 'gd-consistency', make: () => withGd('T+1 steps', (_t, T) => ({ eta: (e) => e, steps: T + 1, traceAfter: false })) },
  { name: 'GD loss trace shifted (records after the step)', caughtBy: 'gd-consistency', make: () => withGd('trace after', (_t, T) => ({ eta: (e) => e, steps: T, traceAfter: true })) },
  { name: 'GD keeps the activation mask of W0', caughtBy: 'gd-consistency', make: () => withGd('frozen mask', (_t, T) => ({ eta: (e) => e, steps: T, traceAfter: false }), true) },
  {
    name: 'GD with weight decay 0.1 (converges to a shrunk W)',
    caughtBy: 'geometric-convergence',
    make: () => withGdPostStep('weight decay', (W, eta) => W.data.forEach((w, q) => (W.data[q] = w - eta * 0.1 * w))),
  },
  {
    name: 'GD renormalizes every unit to norm 1 (wrong model)',
    caughtBy: 'statistical-rate',
    make: () =>
      withGdPostStep('unit norm', (W) => {
        for (let k = 0; k < W.K; k++) {
          let n = 0;
          for (let j = 0; j < W.d; j++) n += W.data[k * W.d + j] ** 2;
          for (let j = 0; j < W.d; j++) W.data[k * W.d + j] /= Math.sqrt(n);
        }
      }),
  },
  {
    name: 'gradient with a seeded-per-call jitter (nondeterministic)',
    caughtBy: 'determinism',
    make: () => {
      const ref = referenceImplementation();
      let calls = 0;
      return {
        ...ref,
        name: 'jitter',
        gradient: async (data, W) => {
          const g = await ref.gradient!(data, W);
          const s = createStreams(calls++).stream('jitter');
          return g.map((v) => v * (1 + 1e-14 * s.normal()));
        },
      };
    },
  },
  ...POPULATION_BUGS,
  {
    name: 'init returns random Gaussian weights',
    caughtBy: 'tensor-init-basin',
    make: () => ({
      ...referenceImplementation(),
      name: 'random init',
      tensorInit: async (data, req) => randomInit(data.d, req.K, createStreams(req.seed).stream('bug-init'), 1 / Math.sqrt(data.d)),
    }),
  },
  {
    // Twin of the Python bug init-sign-flipped (spec/protocol/python/planted_server.py):
    // RecMagSign reads each unit's orientation from M1 with the wrong sign, so W0 = -W.
    name: 'init orientations flipped (RecMagSign sign)',
    caughtBy: 'tensor-init-basin',
    make: () => {
      const ref = referenceImplementation();
      return {
        ...ref,
        name: 'init sign flipped',
        tensorInit: async (data, req) => {
          const W = await ref.tensorInit!(data, req);
          return { ...W, data: W.data.map((v) => -v) };
        },
      };
    },
  },
  {
    // An init that keeps state between calls: the request seed plus a call counter, so the
    // same request twice gives two different W0 (each a fine initialization on its own).
    name: 'init keeps a call counter (same seed, different W0)',
    caughtBy: 'determinism',
    make: () => {
      const ref = referenceImplementation();
      let calls = 0;
      return { ...ref, name: 'init call counter', tensorInit: async (data, req) => ref.tensorInit!(data, { ...req, seed: (req.seed + calls++) >>> 0 }) };
    },
  },
  {
    name: 'init uses only the first 1000 samples (error stops falling with N)',
    caughtBy: 'tensor-init-rate',
    make: () => {
      const ref = referenceImplementation();
      return { ...ref, name: 'init first 1000', tensorInit: async (data, req) => ref.tensorInit!(sliceDataset(data, 0, Math.min(1000, data.n)), req) };
    },
  },
  {
    name: 'empirical HVP without the activation mask',
    caughtBy: 'hvp-fd',
    make: () => ({
      ...referenceImplementation(),
      name: 'hvp no mask',
      hvp: async (data, W, u) => {
        const y = new Float64Array(u.length);
        for (let i = 0; i < data.n; i++) {
          let s = 0;
          for (let k = 0; k < W.K; k++) for (let j = 0; j < data.d; j++) s += u[k * data.d + j] * data.X[i * data.d + j];
          for (let k = 0; k < W.K; k++) for (let j = 0; j < data.d; j++) y[k * data.d + j] += (s * data.X[i * data.d + j]) / data.n;
        }
        return y;
      },
    }),
  },
  {
    name: 'empirical HVP returns H u / 2 (a 1/2 slip)',
    caughtBy: 'hvp-fd',
    make: () => {
      const ref = referenceImplementation();
      return { ...ref, name: 'hvp half', hvp: async (data, W, u) => (await ref.hvp!(data, W, u)).map((v) => v / 2) };
    },
  },
  { name: 'GD clips the gradient norm at 20', caughtBy: 'gd-far-start', make: clippedGd },
  { name: 'GD halves the step when |grad| > 20', caughtBy: 'gd-far-start', make: safeguardedGd },
  ...GAP_BUGS,
  ...CURVATURE_BUGS,
  ...SIZE_BUGS,
  {
    name: 'mask 1{w.x > 0} instead of >= 0',
    caughtBy: 'gradient-at-kink',
    make: () => withGradient('strict mask', { mask: 'strict' }),
  },
  ...KINK_BUGS,
];

/**
 * Bugs no property can see, listed and not counted. Empty since the kink convention became a
 * declaration: the z > 0 mask under the default relu'(0) = 1, once listed here, is caught by
 * gradient-at-kink (kinkBugs.ts).
 */
export const INVISIBLE_BUGS: readonly { readonly name: string; readonly why: string; make(): Implementation }[] = [];
