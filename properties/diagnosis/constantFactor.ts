/**
 * The constant-factor hypothesis: the answer is c times the expected one. c is fitted by
 * least squares and named when it is one of the classic normalization slips (1/2, 2, N, 1/N,
 * N/(N - 1), N/(N + 1), ...), so a failure says which factor, not just "exceeds the bound".
 *
 * @example
 * ```ts
 * const c = fitFactor(actual, expected);          // 0.5
 * nameFactor(c, { n: 40 })?.text                  // '1/2'
 * ```
 */

/** A factor the diagnosis recognizes, with what usually causes it. */
export interface NamedFactor {
  readonly value: number;
  /** How it prints: "1/2", "N = 40", "N/(N+1) = 40/41". */
  readonly text: string;
  /** The usual cause, as a question. */
  readonly hint: string;
}

/** Sizes of the call, for the N- and K-dependent factors. */
export interface FactorContext {
  readonly n?: number;
  readonly K?: number;
}

/**
 * c minimizing |a - c e|_2 (0 when e is 0).
 * @example fitFactor(Float64Array.of(1, 2), Float64Array.of(2, 4)) === 0.5
 */
export function fitFactor(a: ArrayLike<number>, e: ArrayLike<number>): number {
  let ae = 0;
  let ee = 0;
  for (let q = 0; q < a.length; q++) {
    ae += a[q] * e[q];
    ee += e[q] * e[q];
  }
  return ee === 0 ? 0 : ae / ee;
}

/** The recognized factors for a call of these sizes, most specific first. */
export function knownFactors(ctx: FactorContext): NamedFactor[] {
  const out: NamedFactor[] = [
    { value: 0.5, text: '1/2', hint: 'an extra 1/2 (the loss\'s 1/2 applied to the gradient too)?' },
    { value: 2, text: '2', hint: 'a missing 1/2 (1/N where the loss has 1/(2N), or d/dz of z^2 without the 1/2)?' },
    { value: 0.25, text: '1/4', hint: 'a 1/2 applied twice?' },
    { value: 4, text: '4', hint: 'a 1/2 missing twice?' },
  ];
  const N = ctx.n;
  if (N !== undefined && N > 2) {
    out.push(
      { value: N, text: `N = ${N}`, hint: 'a missing 1/N (a sum where the mean belongs)?' },
      { value: 1 / N, text: `1/N = 1/${N}`, hint: 'divided by N twice?' },
      { value: 2 * N, text: `2N = ${2 * N}`, hint: 'both the 1/2 and the 1/N missing?' },
      { value: N / 2, text: `N/2 = ${N}/2`, hint: 'a missing 1/N with an extra 1/2?' },
      { value: N / (N - 1), text: `N/(N-1) = ${N}/${N - 1}`, hint: 'divided by N - 1 instead of N?' },
      { value: (N - 1) / N, text: `(N-1)/N = ${N - 1}/${N}`, hint: 'N - 1 where N belongs (a sample-variance style correction the wrong way)?' },
      { value: N / (N + 1), text: `N/(N+1) = ${N}/${N + 1}`, hint: 'divided by N + 1 instead of N?' },
      { value: (N + 1) / N, text: `(N+1)/N = ${N + 1}/${N}`, hint: 'N + 1 where N belongs?' },
    );
  }
  const K = ctx.K;
  if (K !== undefined && K > 2) {
    out.push({ value: K, text: `K = ${K}`, hint: 'summed over units where one unit\'s term belongs?' }, { value: 1 / K, text: `1/K = 1/${K}`, hint: 'an average over units (a 1/K) that the model does not have?' });
  }
  return out;
}

/**
 * The recognized factor within relative `tolerance` of c, if any.
 * @example nameFactor(40.0000000001, { n: 40 }, 1e-9)?.text // 'N = 40'
 */
export function nameFactor(c: number, ctx: FactorContext, tolerance: number): NamedFactor | undefined {
  let best: NamedFactor | undefined;
  let bestGap = Infinity;
  for (const f of knownFactors(ctx)) {
    const gap = Math.abs(c - f.value) / Math.abs(f.value);
    if (gap <= tolerance && gap < bestGap) {
      best = f;
      bestGap = gap;
    }
  }
  return best;
}
