/**
 * The ReLU moment coefficients of Zhong et al. 2017 (Definition 5.1), restated in THEORY.md:
 * with `gamma_j(s) = E[relu(s z) z^j]`, z ~ N(0, 1),
 * `m1 = gamma1`, `m2 = gamma2 - gamma0`, `m3 = gamma3 - 3 gamma1`, `m4 = gamma4 - 6 gamma2 + 3 gamma0`.
 * For ReLU `gamma0..4 = s/sqrt(2 pi), s/2, 2 s/sqrt(2 pi), 3 s/2, 8 s/sqrt(2 pi)`, hence
 * `m1 = s/2`, `m2 = s/sqrt(2 pi)`, `m3 = 0`, `m4 = -s/sqrt(2 pi)`.
 *
 * So for ReLU M3 vanishes identically and the algorithm's P2 is M2 and its P3 is M4(I, I, I, alpha).
 *
 * @example
 * ```ts
 * reluMomentCoefficients(2).m1; // 1
 * ```
 */

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** The coefficients m1..m4 of a unit of norm s (every moment is linear in s). */
export interface ReluMomentCoefficients {
  readonly m1: number;
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
}

/**
 * gamma_0..gamma_4 of ReLU at scale s (closed forms of half-Gaussian moments).
 * @example reluGammas(1)[1]; // 0.5
 */
export function reluGammas(s: number): [number, number, number, number, number] {
  return [s * INV_SQRT_2PI, s / 2, 2 * s * INV_SQRT_2PI, (3 * s) / 2, 8 * s * INV_SQRT_2PI];
}

/**
 * m1..m4 for a ReLU unit of norm s, derived from the gammas (not typed in separately, so
 * the two forms cannot drift apart).
 * @example reluMomentCoefficients(1).m4; // -1 / sqrt(2 pi)
 */
export function reluMomentCoefficients(s: number): ReluMomentCoefficients {
  const [g0, g1, g2, g3, g4] = reluGammas(s);
  return { m1: g1, m2: g2 - g0, m3: g3 - 3 * g1, m4: g4 - 6 * g2 + 3 * g0 };
}
