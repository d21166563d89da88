/**
 * fast-check arbitraries of the objects the claims quantify over: problem instances
 * (d, K <= d, kappa, N, noise level, seed) and points W (on W*, in the theory's ball, at a
 * chosen distance). Every value is a small record of settings; the heavy objects are built
 * from it by {@link materialize}, so counterexamples print as a few numbers and shrinking
 * walks towards small d, K, N, kappa = 1, no noise and W = W*.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(caseArbitrary({ d: [2, 5], N: [20, 80] }), (c) => { ... }));
 * ```
 */
import fc from 'fast-check';
import { makeInstance, type Instance, type InstanceConfig } from '../src/core/instance.js';
import type { Weights } from '../src/core/layout.js';
import { createStreams } from '../src/core/random.js';
import { assertPapersTeacher } from './papersTeacher.js';

/** Inclusive integer range. */
export type Range = readonly [number, number];

/** Ranges of the instance settings. */
export interface InstanceRanges {
  /** Input dimension range. */
  readonly d: Range;
  /** Upper limit of K (K is also at most d). Default: d's upper limit. */
  readonly Kmax?: number;
  /** Lower limit of K. Default 1. */
  readonly Kmin?: number;
  /** kappa range (continuous, in steps of 0.1). Default [1, 3]. */
  readonly kappa?: readonly [number, number];
  /** Sample size range. */
  readonly N: Range;
  /** Noise std range in steps of 0.05. Default [0, 0] (noiseless). */
  readonly noise?: readonly [number, number];
  /**
   * A second, wider set of ranges drawn for one case in four (larger d, K, N, odd and even),
   * so that a bug that shows only at sizes beyond the small cases' (a loop bound, an
   * accumulator, a blocked kernel's tail) is still drawn in the default tier. Shrinking stays
   * within the branch a case was drawn from.
   */
  readonly wide?: Omit<InstanceRanges, 'wide'>;
}

/**
 * The wide ranges of the exact claims: d up to 32, K up to 8, N up to 3000 (odd and even).
 * Their bounds are derived per sample and per operation, so they carry over unchanged.
 */
export const WIDE_EXACT: Omit<InstanceRanges, 'wide'> = { d: [8, 32], Kmin: 4, Kmax: 8, N: [61, 3000], noise: [0, 0.5] };

/** The wide ranges of the population claims (no data: N is 1). */
export const WIDE_POPULATION: Omit<InstanceRanges, 'wide'> = { d: [8, 32], Kmin: 4, Kmax: 8, kappa: [1, 3], N: [1, 1] };

const span = (r: readonly [number, number]): string => (r[0] === r[1] ? `${r[0]}` : `${r[0]}..${r[1]}`);

/** One set of ranges as text (K's limits as drawn: at most d). */
function rangesText(r: Omit<InstanceRanges, 'wide'>): Record<string, string> {
  return {
    d: span(r.d),
    K: span([r.Kmin ?? 1, Math.min(r.Kmax ?? r.d[1], r.d[1])]),
    kappa: span(r.kappa ?? [1, 3]),
    N: span(r.N),
    noise: span(r.noise ?? [0, 0]),
  };
}

/**
 * The ranges a claim draws, as `relucheck check --list` prints them.
 * @example describeRanges({ d: [2, 6], Kmax: 3, N: [10, 60], wide: WIDE_EXACT }).d // "2..6 (1 case in 4: 8..32)"
 */
export function describeRanges(r: InstanceRanges, extra: Readonly<Record<string, string>> = {}): Readonly<Record<string, string>> {
  const small = rangesText(r);
  if (r.wide === undefined) return { ...small, ...extra };
  const wide = rangesText(r.wide);
  const both = Object.fromEntries(Object.entries(small).map(([k, v]) => [k, wide[k] === v ? v : `${v} (1 case in 4: ${wide[k]})`]));
  return { ...both, ...extra };
}

/**
 * Instance settings with K <= d. Integers shrink to their lower limits: small d, K, N,
 * kappa and noise (and seed 0).
 * With `wide`, one case in four is drawn from the wide ranges instead.
 * @example instanceArbitrary({ d: [2, 6], N: [20, 100], noise: [0, 0.5] })
 */
export function instanceArbitrary(r: InstanceRanges): fc.Arbitrary<InstanceConfig> {
  if (r.wide !== undefined) {
    const { wide, ...small } = r;
    return fc.oneof({ arbitrary: instanceArbitrary(small), weight: 3 }, { arbitrary: instanceArbitrary(wide), weight: 1 });
  }
  const [k0, k1] = r.kappa ?? [1, 3];
  const [n0, n1] = r.noise ?? [0, 0];
  return fc
    .record({
      d: fc.integer({ min: r.d[0], max: r.d[1] }),
      K: fc.integer({ min: r.Kmin ?? 1, max: r.Kmax ?? r.d[1] }),
      kappaTenths: fc.integer({ min: Math.round(k0 * 10), max: Math.round(k1 * 10) }),
      N: fc.integer({ min: r.N[0], max: r.N[1] }),
      noise20ths: fc.integer({ min: Math.round(n0 * 20), max: Math.round(n1 * 20) }),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
    })
    .map(({ d, K, kappaTenths, N, noise20ths, seed }) => {
      const k = Math.min(K, d);
      // A single unit has one singular value, so kappa is 1 whatever was drawn.
      const kappa = k === 1 ? 1 : kappaTenths / 10;
      return { d, K: k, kappa, N, noiseStd: noise20ths / 20, seed };
    });
}

/**
 * Where W sits relative to W*: `W = W* + radius * fraction * D / |D|_F`, D Gaussian from
 * `seed`. The radius is chosen by the claim (the theory's ball, or a multiple of |W*|_F);
 * fraction shrinks to 0, i.e. to W* itself.
 */
export interface PointSpec {
  readonly fraction: number;
  readonly seed: number;
}

/**
 * Points at a fraction in [min, max] of the claim's radius (steps of 1/1000).
 * @example pointArbitrary(0, 1) // anywhere in the ball, shrinking to W*
 */
export function pointArbitrary(min = 0, max = 1): fc.Arbitrary<PointSpec> {
  return fc
    .record({
      permille: fc.integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) }),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
    })
    .map(({ permille, seed }) => ({ fraction: permille / 1000, seed }));
}

/** An instance setting and a point. */
export interface ClaimCase {
  readonly instance: InstanceConfig;
  readonly point: PointSpec;
}

/**
 * Instance settings and a point together.
 * @example caseArbitrary({ d: [2, 5], N: [20, 60] })
 */
export function caseArbitrary(r: InstanceRanges, point = pointArbitrary()): fc.Arbitrary<ClaimCase> {
  return fc.record({ instance: instanceArbitrary(r), point });
}

/**
 * `W* + radius * fraction * D / |D|_F` with D drawn from the point's seed.
 * @example pointNear(inst.Wstar, { fraction: 0.5, seed: 3 }, 0.1)
 */
export function pointNear(Wstar: Weights, p: PointSpec, radius: number): Weights {
  const D = createStreams(p.seed >>> 0).stream('point').fillNormal(new Float64Array(Wstar.data.length));
  let n = 0;
  for (let q = 0; q < D.length; q++) n += D[q] * D[q];
  const s = (radius * p.fraction) / Math.sqrt(n);
  return { d: Wstar.d, K: Wstar.K, data: Wstar.data.map((w, q) => w + s * D[q]) };
}

/**
 * A unit-Frobenius-norm direction with W's shape from a seed and stream name.
 * @example direction(W, 5, 'probe')
 */
export function direction(W: Weights, seed: number, name: string): Float64Array {
  const U = createStreams(seed >>> 0).stream(name).fillNormal(new Float64Array(W.data.length));
  let n = 0;
  for (let q = 0; q < U.length; q++) n += U[q] * U[q];
  const s = 1 / Math.sqrt(n);
  for (let q = 0; q < U.length; q++) U[q] *= s;
  return U;
}

/**
 * Builds the instance of a case, checked to have the papers' teacher
 * ({@link assertPapersTeacher}: the case printed is the case tested).
 * @example const inst = materialize(c.instance)
 */
export function materialize(config: InstanceConfig): Instance {
  const inst = makeInstance(config);
  assertPapersTeacher(inst);
  return inst;
}

/**
 * A printable case.
 * @example showCase(c) // '{"instance":{"d":2,...},"point":{...}}'
 */
export function showCase(value: unknown): string {
  return JSON.stringify(value);
}
