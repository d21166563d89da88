/**
 * Gradient descent must be plain W <- W - eta grad L_N(W) everywhere, not only near W*
 * (Zhang et al. Algorithm 1 has no clipping, normalization or adaptive step). `gd-consistency`
 * starts inside the theory's ball, where gradients are small, so a step rule that only differs
 * at large gradients (norm clipping, normalized steps, a step that adapts to the loss) passes
 * it. Each case starts from W0 = s G for every s in {0.1, 1, 10, 100}, G standard Gaussian
 * (d x K): the random starts of the papers' experiments and far beyond them. The ladder is
 * fixed rather than drawn so that every case reaches large gradients: a drawn scale left 75%
 * of cases below |grad| = 20 (2000 draws), and a slip that only shows there would be missed
 * by whole runs. Because relu is positively homogeneous the Hessian does not grow with s, so
 * T <= 4 steps of eta <= 0.3 stay finite. Iterates and loss traces are compared with
 * hand-made steps of the implementation's own gradient, to the same rounding drift bound as
 * `gd-consistency`.
 *
 * @example
 * ```ts
 * await gdFarStart.run(referenceImplementation(), { seed: 1, tier: 'quick' });
 * ```
 */
import fc from 'fast-check';
import { instanceArbitrary, materialize, showCase } from './arbitraries.js';
import { defineClaim } from './defineClaim.js';
import { expectHandStepped } from './gdConsistency.js';
import { createStreams } from '../src/core/random.js';
import type { Weights } from '../src/core/layout.js';
import type { InstanceConfig } from '../src/core/instance.js';

/** Scales of the starts W0 = s G every case runs. */
export const FAR_START_SCALES: readonly number[] = [0.1, 1, 10, 100];

/** An instance, the seed of G, and the GD settings. */
export interface FarStartCase {
  readonly instance: InstanceConfig;
  readonly seed: number;
  readonly T: number;
  readonly etaHundredths: number;
}

/**
 * The starts W0 = s G for every s in {@link FAR_START_SCALES}, one G (standard Gaussian,
 * drawn from `seed`, shape of W*) for all of them, so the scales differ only in distance.
 * @example farStarts(inst.Wstar, 7).map((W) => W.data[0]) // 0.1 g, g, 10 g, 100 g
 */
export function farStarts(Wstar: Weights, seed: number): readonly { readonly s: number; readonly W0: Weights }[] {
  const G = createStreams(seed >>> 0).stream('far-start').fillNormal(new Float64Array(Wstar.data.length));
  return FAR_START_SCALES.map((s) => ({ s, W0: { d: Wstar.d, K: Wstar.K, data: G.map((g) => s * g) } }));
}

/** GD from far, random starts equals T hand-made steps with the implementation's own gradient. */
export const gdFarStart = defineClaim<FarStartCase>({
  id: 'gd-far-start',
  needs: ['loss', 'gradient', 'gd'],
  falseAlarmPerCase: 0,
  runs: { quick: 2, default: 8, thorough: 200 },
  arbitrary: () =>
    fc.record({
      instance: instanceArbitrary({ d: [2, 8], Kmax: 5, N: [10, 80], noise: [0, 0.5] }),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      T: fc.integer({ min: 1, max: 4 }),
      // Steps up to 0.3: the Hessian does not grow with s (see above), so T <= 4 steps stay finite.
      etaHundredths: fc.integer({ min: 1, max: 30 }),
    }),
  show: showCase,
  // Largest start first: a step rule that differs only at large gradients shows there.
  diagnosisCalls: (c) => {
    const inst = materialize(c.instance);
    const starts = [...farStarts(inst.Wstar, c.seed)].reverse();
    return [
      ...starts.map(({ W0 }) => ({ method: 'gradientDescent' as const, data: inst.data, W0, eta: c.etaHundredths / 100, iterations: c.T })),
      { method: 'loss', data: inst.data, W: starts[0].W0 },
      { method: 'gradient', data: inst.data, W: starts[0].W0 },
    ];
  },
  async check(impl, c, { unitRoundoff: u }) {
    const inst = materialize(c.instance);
    for (const { s, W0 } of farStarts(inst.Wstar, c.seed)) {
      await expectHandStepped(impl, { data: inst.data, W0, eta: c.etaHundredths / 100, T: c.T, unitRoundoff: u, where: `W0 = ${s} G` });
    }
  },
});
