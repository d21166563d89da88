/**
 * The float32-answer detector. An implementation that computes in float32 (PyTorch's default
 * dtype, TensorFlow.js) and is checked against float64 rounding bounds fails every exact claim
 * with a mismatch of ~1e-7 relative, which reads like a bug. Its answers give it away: every
 * number it returns is exactly a float32 (`Math.fround(v) === v`), which a float64 computation
 * does only by chance (probability 2^-29 per value with a full significand). Runners wrap the
 * implementation with this watch and, when a check fails, append {@link FLOAT32_HINT}'s
 * sentence to the failure if the watch saw enough evidence.
 *
 * Evidence: a value counts only if its significand has at least {@link EVIDENCE_BITS} bits, so
 * zeros, integers and short dyadic fractions (exact in every format) prove nothing; at least
 * {@link EVIDENCE_VALUES} distinct such values must be seen, and one value that is not a float32
 * settles it the other way. A float32 result has at most 24 significant bits, and one computed
 * from random inputs has >= 16 with probability 1 - 2^-8, so a float32 implementation meets
 * the evidence rule after one gradient (the smallest golden fixture, d = 3 and K = 1, returns
 * four values), while four computed float64 answers all landing on float32 values happen with
 * probability about 2^-116.
 *
 * @example
 * ```ts
 * const watch = watchFloat32Answers(impl);
 * await watch.impl.gradient!(data, W);   // use watch.impl wherever impl was used
 * const hint = watch.hint();             // the sentence, or undefined
 * ```
 */
import type { Weights } from '../core/layout.js';
import type { GdResponse, Implementation } from './Implementation.js';

/** What the runner appends to a failure when every answer was a float32. */
export const FLOAT32_HINT =
  "every value returned is exactly representable in float32: if your implementation computes in float32, run with --precision float32 or declare precision: 'float32'";

/** Significant bits a value needs to count as evidence (a short dyadic value is exact in any format). */
export const EVIDENCE_BITS = 16;

/** Evidence values needed before the hint is given. */
export const EVIDENCE_VALUES = 4;

/** Distinct evidence values remembered (bounds the watch's memory; far more than needed). */
const MAX_EVIDENCE = 1000;

/** An implementation wrapped so that its answers are watched. */
export interface Float32Watch {
  /** Use this in place of the implementation: same methods, same answers. */
  readonly impl: Implementation;
  /**
   * The hint sentence (with the number of values that bear it out) when every value returned
   * so far is exactly a float32 and at least EVIDENCE_VALUES of them had a long significand;
   * otherwise undefined.
   */
  hint(): string | undefined;
}

const view = new DataView(new ArrayBuffer(8));

/** Significant bits of a finite non-zero double (53 minus the trailing zero bits of its significand). */
function significantBits(v: number): number {
  view.setFloat64(0, v);
  const hi = view.getUint32(0) & 0xfffff;
  const lo = view.getUint32(4);
  // The implicit leading bit makes a zero stored fraction a 1-bit significand.
  if (lo !== 0) return 53 - (31 - Math.clz32(lo & -lo));
  if (hi !== 0) return 21 - (31 - Math.clz32(hi & -hi));
  return 1;
}

/**
 * Wraps `impl` so that every number it returns is checked for being exactly a float32.
 * @example const watch = watchFloat32Answers(impl); await claimCheck(watch.impl); watch.hint();
 */
export function watchFloat32Answers(impl: Implementation): Float32Watch {
  let seen = 0;
  // Distinct values only: the same answer returned twice is one piece of evidence.
  const evidence = new Set<number>();
  let refuted = false;
  const see = (v: unknown): void => {
    if (refuted || typeof v !== 'number' || v === 0 || !Number.isFinite(v)) return;
    seen++;
    if (Math.fround(v) !== v) refuted = true;
    else if (evidence.size < MAX_EVIDENCE && significantBits(v) >= EVIDENCE_BITS) evidence.add(v);
  };
  const seeAll = <T extends ArrayLike<number>>(a: T): T => {
    // An answer of the wrong type is the guard's business, not the detector's.
    if (a !== null && typeof a === 'object' && typeof a.length === 'number') for (let q = 0; q < a.length; q++) see(a[q]);
    return a;
  };
  const seeNumber = (v: number): number => (see(v), v);
  const seeWeights = (W: Weights): Weights => (W && seeAll(W.data), W);
  const seeGd = (r: GdResponse): GdResponse => (r && (seeWeights(r.W), seeAll(r.loss)), r);
  const wrapped: Implementation = {
    name: impl.name,
    capabilities: impl.capabilities,
    ...(impl.reluAtZero === undefined ? {} : { reluAtZero: impl.reluAtZero }),
    ...(impl.precision === undefined ? {} : { precision: impl.precision }),
    ...(impl.loss && { loss: async (data, W) => seeNumber(await impl.loss!(data, W)) }),
    ...(impl.gradient && { gradient: async (data, W) => seeAll(await impl.gradient!(data, W)) }),
    ...(impl.hvp && { hvp: async (data, W, u) => seeAll(await impl.hvp!(data, W, u)) }),
    ...(impl.populationLoss && { populationLoss: async (Ws, W, nu) => seeNumber(await impl.populationLoss!(Ws, W, nu)) }),
    ...(impl.populationGradient && { populationGradient: async (Ws, W) => seeAll(await impl.populationGradient!(Ws, W)) }),
    ...(impl.populationHvp && { populationHvp: async (Ws, W, u) => seeAll(await impl.populationHvp!(Ws, W, u)) }),
    ...(impl.gradientDescent && { gradientDescent: async (data, req) => seeGd(await impl.gradientDescent!(data, req)) }),
    ...(impl.tensorInit && { tensorInit: async (data, req) => seeWeights(await impl.tensorInit!(data, req)) }),
    ...(impl.close && { close: () => impl.close!() }),
  };
  return {
    impl: wrapped,
    hint: () =>
      !refuted && evidence.size >= EVIDENCE_VALUES
        ? `${FLOAT32_HINT} (${seen} non-zero values returned, ${evidence.size}${evidence.size === MAX_EVIDENCE ? '+' : ''} distinct ones with >= ${EVIDENCE_BITS} significant bits)`
        : undefined,
  };
}

/** Every value is finite and equal to its float32 rounding (and there is one). */
function allFloat32(values: ArrayLike<number>): boolean {
  for (let q = 0; q < values.length; q++) {
    const v = values[q];
    if (!Number.isFinite(v) || Math.fround(v) !== v) return false;
  }
  return values.length > 0;
}

/**
 * The single-answer form of the detector, for a failed case whose expected answer is known
 * (the diagnosis): every value of `actual` is exactly a float32 while `expected` is not all
 * float32 (an answer of zeros and small integers is float32 whatever the arithmetic, so it
 * tells nothing). The evidence rule of the watch needs no expected answer and more values.
 * @example answerLooksFloat32(Float64Array.of(Math.fround(0.1)), Float64Array.of(0.1)) // true
 */
export function answerLooksFloat32(actual: ArrayLike<number>, expected: ArrayLike<number>): boolean {
  return allFloat32(actual) && !allFloat32(expected);
}

/** The values rounded to float32. @example roundedToFloat32(Float64Array.of(0.1))[0] === Math.fround(0.1) */
export function roundedToFloat32(values: Float64Array): Float64Array {
  return values.map((v) => Math.fround(v));
}
