/**
 * Planted bugs for the seven claims that had none of their own (gradient-at-kink,
 * stationarity-noisy, stationarity-population, invariance-permutation, invariance-rotation,
 * strong-convexity-empirical, contraction): each a slip a real implementer makes, and the claim
 * that must see it (contraction has three GD slips: summed gradients, a stale gradient, a
 * momentum buffer). bugs.ts appends them to PLANTED_BUGS; planted.spec.ts runs them.
 * KNOWN_MISSES records a realistic slip a claim provably cannot see, and which claim does.
 *
 * @example
 * ```ts
 * for (const bug of GAP_BUGS) expect((await claimById(bug.caughtBy).run(bug.make(), options)).status).toBe('failed');
 * ```
 */
import type { Weights } from '../../src/core/layout.js';
import { empiricalHvp } from '../../src/core/population/empiricalHessian.js';
import { arcCosineKernel, unitAngle, unitDirections } from '../../src/core/population/arcCosine.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { withGdUpdate } from './withGdUpdate.js';
import { withKernel, type PlantedBug } from './slippedKernel.js';

/** A wrong implementation and the claim that must see it. */
export type GapBug = PlantedBug;


/**
 * Population loss with the cross term's 2 dropped when expanding E(f_W - f_W*)^2 / 2:
 * (1/2)[sum k(w_j, w_l) - sum k(w_j, w*_l) + sum k(w*_j, w*_l)] + nu^2 / 2.
 */
function crossTermSlipLoss(Wstar: Weights, W: Weights, nu: number): number {
  const { d, K } = W;
  const s = unitDirections(W, 'W', true);
  const t = unitDirections(Wstar, 'Wstar', true);
  let total = 0;
  for (let j = 0; j < K; j++) {
    for (let l = 0; l < K; l++) {
      total += arcCosineKernel(s.norms[j], s.norms[l], unitAngle(s.units, j * d, s.units, l * d, d));
      total -= arcCosineKernel(s.norms[j], t.norms[l], unitAngle(s.units, j * d, t.units, l * d, d));
      total += arcCosineKernel(t.norms[j], t.norms[l], unitAngle(t.units, j * d, t.units, l * d, d));
    }
  }
  return 0.5 * total + 0.5 * nu * nu;
}

/**
 * The gradient of {@link crossTermSlipLoss}: sum_l g(w_k, w_l) - (1/2) sum_l g(w_k, w*_l). As
 * g(w, v) is 1-homogeneous in v, that is the reference's gradient for the teacher W* / 2.
 */
async function crossTermSlipGradient(Wstar: Weights, W: Weights): Promise<Float64Array> {
  return referenceImplementation().populationGradient!({ ...Wstar, data: Wstar.data.map((v) => v / 2) }, W);
}


/** The empirical HVP scaled by `f(N)` (the reference's is (1/N) sum_i ...). */
function withHvpScale(name: string, f: (n: number) => number): Implementation {
  return { ...referenceImplementation(), name, hvp: async (data, W, u) => empiricalHvp(data, W, u).map((v) => v * data.n * f(data.n)) };
}

/** The bugs, one (two for the two halves of strong-convexity-empirical) per claim that had none. */
export const GAP_BUGS: readonly GapBug[] = [
  {
    // relu' as the sign identity (1 + z/|z|)/2 is 0/0 = NaN at z = 0: right everywhere except at an exact kink, which only gradient-at-kink builds.
    name: "relu' written as (1 + z/|z|)/2 (NaN at an exact kink)",
    caughtBy: 'gradient-at-kink',
    make: () => withKernel('sign heaviside', { heaviside: (z) => (1 + z / Math.abs(z)) / 2 }),
  },
  {
    // n/d mix-up in the normalization: every residual is 0 at noiseless W* (stationarity-noiseless sees 0), the noisy one is N/d times its Gaussian bound.
    name: 'gradient divided by d instead of N',
    caughtBy: 'stationarity-noisy',
    make: () => withKernel('grad / d', { scale: (data) => 1 / data.d }),
  },
  {
    // (a - b)^2 expanded without the cross term's 2, gradient derived from it: loss and gradient agree (population-gradient-fd passes), W* is no longer stationary.
    name: "population loss expanded without the cross term's 2 (gradient derived from it)",
    caughtBy: 'stationarity-population',
    make: () => ({
      ...referenceImplementation(),
      name: 'cross term without 2',
      populationLoss: async (Ws, W, nu) => crossTermSlipLoss(Ws, W, nu),
      populationGradient: crossTermSlipGradient,
    }),
  },
  {
    // W read as NumPy's d x K row-major (W[j, k] at j K + k) instead of unit-contiguous: moving unit blocks no longer permutes the units the kernel sees.
    name: 'weights read as a d x K row-major matrix (W[j, k] at j * K + k)',
    caughtBy: 'invariance-permutation',
    make: () => withKernel('d x K layout', { weightIndex: (k, j, _d, K) => j * K + k }),
  },
  {
    // 1-based loops (j = 1..d-1) drop input coordinate 0 from loss and gradient alike; a rotation mixes it back in, so L_N is not rotation invariant.
    name: 'input loops start at j = 1 (1-based habit), dropping coordinate 0',
    caughtBy: 'invariance-rotation',
    make: () => withKernel('j from 1', { firstInput: 1 }),
  },
  {
    // A hand-written HVP that sums over samples without the gradient's 1/N: |H u| is N (2000-4000) times too large for Lemma 5.2's c_L.
    name: 'empirical HVP missing 1/N',
    caughtBy: 'strong-convexity-empirical',
    make: () => withHvpScale('hvp no 1/N', () => 1),
  },
  {
    // HVP of the negated objective (a log-likelihood convention): its smallest eigenvalue is -lambda_max(H) < 0, below Lemma 5.1's c_mu.
    name: 'empirical HVP returns -H u',
    caughtBy: 'strong-convexity-empirical',
    make: () => withHvpScale('hvp sign', (n) => -1 / n),
  },
  {
    // GD's own fused loop sums per-sample gradients (no 1/N): steps N (2000-4000) times too long, so e_1 leaves sqrt(1 - q) e_0 at once.
    name: 'GD loop sums per-sample gradients (step N times too long)',
    caughtBy: 'contraction',
    make: () => withGdUpdate('gd sum', (W, g, eta, data) => W.forEach((w, q) => (W[q] = w - eta * data.n * g[q]))),
  },
  {
    // Updating with the gradient kept from the previous iteration (the buffer starts at 0): the first step does not move, e_1 = e_0 > sqrt(1 - q) e_0 (noiseless, derived q > 0).
    name: "GD steps with the previous iterate's gradient (stale by one; the first step is 0)",
    caughtBy: 'contraction',
    make: () => {
      // One buffer per run, keyed by the run's own iterate array; it starts at 0.
      const previous = new WeakMap<Float64Array, Float64Array>();
      return withGdUpdate('gd stale gradient', (W, g, eta) => {
        const p = previous.get(W) ?? new Float64Array(W.length);
        for (let q = 0; q < W.length; q++) W[q] -= eta * p[q];
        previous.set(W, Float64Array.from(g));
      });
    },
  },
  {
    // Heavy-ball momentum (beta = 0.9, a common default) where plain GD was asked for. A one-step call cannot see it (the buffer starts at 0);
    // within one 30-step call the underdamped directions make the loss rise at some step, above (1 - q) L_N(W^t).
    name: 'GD with a heavy-ball momentum buffer (beta = 0.9)',
    caughtBy: 'contraction',
    make: () => {
      const velocity = new WeakMap<Float64Array, Float64Array>();
      return withGdUpdate('gd momentum', (W, g, eta) => {
        const v = velocity.get(W) ?? new Float64Array(W.length);
        for (let q = 0; q < W.length; q++) {
          v[q] = 0.9 * v[q] - eta * g[q];
          W[q] += v[q];
        }
        velocity.set(W, v);
      });
    },
  },
];

/** A realistic slip a claim provably cannot see, and the claim that does. */
export interface KnownMiss {
  readonly name: string;
  /** The claim that passes the bug. */
  readonly missedBy: string;
  readonly why: string;
  /** A claim that fails it. */
  readonly caughtBy: string;
  make(): Implementation;
}

/**
 * Blind spots, checked both ways in planted.spec.ts (missedBy passes, caughtBy fails).
 * The clipped GD (farStartBugs.ts) left this list: since gd-consistency also runs from W0 = 0
 * on wide cases, it sees the clip on a few seeds, so "passes gd-consistency" is no longer true.
 */
export const KNOWN_MISSES: readonly KnownMiss[] = [
  {
    name: 'GD with twice the requested step (2 eta)',
    missedBy: 'contraction',
    why:
      'a larger step within the stable range contracts faster, and the theory allows it: with g = Hbar e, ' +
      '|1 - 2 eta h| <= |1 - eta h| for 0 < eta h <= 2/3, and eta lambda_max(H) was at most 0.25 at W0 and W* over 200 cases ' +
      'of the claim\'s ranges, so e_{t+1} <= sqrt(1 - q) e_t holds for this GD too; only a comparison with hand-made steps sees it',
    caughtBy: 'gd-consistency',
    make: () => withGdUpdate('gd 2 eta', (W, g, eta) => W.forEach((w, q) => (W[q] = w - 2 * eta * g[q]))),
  },
];
