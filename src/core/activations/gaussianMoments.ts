/**
 * The Gaussian moments of an activation that the theory is stated in (Zhong et al. 2017,
 * Property 3.2 and Definition 5.1), for z ~ N(0, 1) and a scale s > 0:
 *
 *   gamma_j(s) = E[phi(s z) z^j]       (j = 0..4; the tensor moments m_j),
 *   alpha_q(s) = E[phi'(s z) z^q]      (q = 0..2),
 *   beta_q(s)  = E[phi'(s z)^2 z^q]    (q = 0..2),
 *   rho(s) = min{beta0 - alpha0^2 - alpha1^2, beta2 - alpha1^2 - alpha2^2, alpha0 alpha2 - alpha1^2}.
 *
 * Also the raw normal moments the closed forms are built from: E[z^m] and the half-line
 * moments E[z^m 1{z > 0}].
 *
 * @example
 * ```ts
 * rho(momentsOf(RELU, 1)) // 1/4 - 1/(2 pi)
 * ```
 */

/** The moments at one scale s. */
export interface GaussianMoments {
  readonly s: number;
  /** gamma_0..gamma_4. */
  readonly gamma: readonly number[];
  /** alpha_0..alpha_2. */
  readonly alpha: readonly number[];
  /** beta_0..beta_2. */
  readonly beta: readonly number[];
}

/** Closed forms may cover only some moments (erf: alpha, beta, gamma_1 and gamma_3). */
export interface PartialMoments {
  readonly gamma?: readonly (number | undefined)[];
  readonly alpha?: readonly (number | undefined)[];
  readonly beta?: readonly (number | undefined)[];
}

/** The three terms of Property 3.2 whose minimum is rho. */
export function rhoTerms(m: GaussianMoments): [number, number, number] {
  const [a0, a1, a2] = m.alpha;
  const [b0, , b2] = m.beta;
  return [b0 - a0 * a0 - a1 * a1, b2 - a1 * a1 - a2 * a2, a0 * a2 - a1 * a1];
}

/**
 * rho(s) of Property 3.2 from the moments at s.
 * @example rho(momentsOf(LINEAR, 1)) // 0
 */
export function rho(m: GaussianMoments): number {
  return Math.min(...rhoTerms(m));
}

/**
 * The tensor-moment coefficients m_1..m_4 (THEORY.md): m1 = gamma1, m2 = gamma2 - gamma0,
 * m3 = gamma3 - 3 gamma1, m4 = gamma4 - 6 gamma2 + 3 gamma0.
 * @example tensorCoefficients(m)[2] // m3, 0 for ReLU
 */
export function tensorCoefficients(m: GaussianMoments): [number, number, number, number] {
  const g = m.gamma;
  return [g[1], g[2] - g[0], g[3] - 3 * g[1], g[4] - 6 * g[2] + 3 * g[0]];
}

/**
 * E[z^m] for z ~ N(0, 1): (m - 1)!! for even m, 0 for odd m.
 * @example normalMoment(4) // 3
 */
export function normalMoment(m: number): number {
  if (m % 2 === 1) return 0;
  let p = 1;
  for (let k = m - 1; k > 1; k -= 2) p *= k;
  return p;
}

/**
 * E[z^m 1{z > 0}] = (m - 1)!! / 2 for even m and (m - 1)!! / sqrt(2 pi) for odd m
 * (with (m - 1)!! = 2^{(m-1)/2} ((m-1)/2)! when m is odd; E[z 1{z>0}] = 1/sqrt(2 pi)).
 * E[z^m 1{z < 0}] is (-1)^m times this.
 * @example halfMoment(3) // 2 / sqrt(2 pi)
 */
export function halfMoment(m: number): number {
  let p = 1;
  for (let k = m - 1; k > 1; k -= 2) p *= k;
  return m % 2 === 0 ? p / 2 : p / Math.sqrt(2 * Math.PI);
}
