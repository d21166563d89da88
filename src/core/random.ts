/**
 * Seeded randomness: independent named streams derived from one master seed.
 *
 * Built on `@stdlib/random-base-normal` (a Mersenne Twister with the improved ziggurat). A
 * stream's seed is the pair (master seed, FNV-1a hash of its name), so the "inputs" stream of
 * seed 7 is the same whether or not the "weights" stream was used first: adding a consumer
 * never shifts another one's numbers, and one seed reproduces an instance bit for bit.
 *
 * @example
 * ```ts
 * const streams = createStreams(7);
 * const x = streams.stream('inputs').normal();
 * ```
 */
import type normalModule from '@stdlib/random-base-normal';
import { lazyDependency } from './lazyDependency.js';
import { assertIntegerInRange } from './validate.js';

// Required on the first stream, not at import (see lazyDependency: the generator and its
// Mersenne Twister are some 400 small CommonJS modules).
const normalPackage = lazyDependency<typeof normalModule>('@stdlib/random-base-normal');

/** A deterministic source of standard normal and uniform [0, 1) draws. */
export interface RandomStream {
  /** Name used to derive this stream's seed. */
  readonly name: string;
  /** The master seed it was derived from. */
  readonly masterSeed: number;
  /** A standard normal draw. */
  normal(): number;
  /** A uniform draw in [0, 1). */
  uniform(): number;
  /** Fills `out` with standard normal draws and returns it. */
  fillNormal(out: Float64Array, scale?: number): Float64Array;
}

/** A factory of named streams sharing one master seed. */
export interface RandomStreams {
  readonly seed: number;
  /** A fresh stream for `name`; the same name always restarts the same sequence. */
  stream(name: string): RandomStream;
}

/** Largest seed accepted: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/** 32-bit FNV-1a hash of a string; stable across platforms and Node versions. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Creates the named-stream factory for a master seed (an integer in [0, 2^32 - 1]).
 * @example const s = createStreams(1).stream('noise'); s.normal();
 */
export function createStreams(seed: number): RandomStreams {
  assertIntegerInRange('seed', seed, 0, MAX_SEED);
  return {
    seed,
    stream: (name: string) => createStream(seed, name),
  };
}

/**
 * A single stream for (master seed, name). Prefer {@link createStreams}.
 * @example createStream(3, 'init').uniform();
 */
export function createStream(masterSeed: number, name: string): RandomStream {
  assertIntegerInRange('seed', masterSeed, 0, MAX_SEED);
  // mt19937's init_by_array takes any uint32 words; the trailing constant keeps the array
  // non-trivial even for seed 0 and the empty name.
  const rand = normalPackage().factory(0, 1, { seed: [masterSeed >>> 0, fnv1a(name), 0x9e3779b9] });
  const uniform = rand.PRNG;
  return {
    name,
    masterSeed,
    normal: () => rand(),
    uniform: () => uniform(),
    fillNormal(out: Float64Array, scale = 1) {
      for (let i = 0; i < out.length; i++) out[i] = scale * rand();
      return out;
    },
  };
}

/**
 * A uniformly random integer in [0, n) from a stream.
 * @example randomInt(stream, 6);
 */
export function randomInt(stream: RandomStream, n: number): number {
  return Math.floor(stream.uniform() * n);
}
