/**
 * The theory's quantities (Zhang, Yu, Wang, Gu 2019) as functions of the teacher and an
 * absolute constant c that the paper leaves unnamed. relucheck never fixes c silently: each
 * caller passes it, and the audit estimates it.
 *
 * @example
 * ```ts
 * const t = teacherQuantities(Wstar);
 * basinRadius(t, 1);          // c s_K / (lambda kappa^3 K^2)
 * statisticalError(t, 1, { N: 5000, nu: 0.1 });
 * ```
 */
import type { TeacherQuantities } from '../core/teacher.js';
import { assertAtLeast, assertIntegerInRange, fail } from '../core/validate.js';

/** Lemma 5.1 / Theorem 4.2: radius `c s_K / (lambda kappa^3 K^2)` of the basin. */
export function basinRadius(t: TeacherQuantities, c: number): number {
  assertAtLeast('c', c, 0, true);
  return (c * t.sK) / (t.lambda * t.kappa ** 3 * t.K ** 2);
}

/** Lemma 5.2: the smoothness ball's radius `s_K / 2`. */
export function smoothnessRadius(t: TeacherQuantities): number {
  return t.sK / 2;
}

/** Lemma 5.1: strong convexity modulus `mu = c / (lambda kappa^2)`. */
export function strongConvexity(t: TeacherQuantities, c: number): number {
  assertAtLeast('c', c, 0, true);
  return c / (t.lambda * t.kappa ** 2);
}

/** Lemma 5.2: smoothness constant `L = c kappa K^2`. */
export function smoothness(t: TeacherQuantities, c: number): number {
  assertAtLeast('c', c, 0, true);
  return c * t.kappa * t.K ** 2;
}

/** Theorem 4.2: the step bound `eta <= 1 / (c kappa K^2)`. */
export function stepBound(t: TeacherQuantities, c: number): number {
  assertAtLeast('c', c, 0, true);
  return 1 / (c * t.kappa * t.K ** 2);
}

/** Sample size and noise level of an empirical problem. */
export interface SampleSetting {
  readonly N: number;
  /** Noise standard deviation nu (>= 0). */
  readonly nu: number;
}

/** `d log N / N`, the rate at the heart of the statistical term (natural log). */
export function rate(d: number, N: number): number {
  assertIntegerInRange('N', N, 1, Number.MAX_SAFE_INTEGER);
  return (d * Math.log(N)) / N;
}

/**
 * Theorem 4.2's statistical term
 * `c lambda^2 kappa^4 K^5 (d log N / N) (|W*|_F^2 + nu^2)`.
 */
export function statisticalError(t: TeacherQuantities, c: number, s: SampleSetting): number {
  assertAtLeast('c', c, 0, true);
  assertAtLeast('nu', s.nu, 0);
  return (
    c * t.lambda ** 2 * t.kappa ** 4 * t.K ** 5 * rate(t.d, s.N) * (t.frobenius ** 2 + s.nu ** 2)
  );
}

/**
 * Lemma 5.3's concentration bound `c2 sqrt(d K^5 log N / N) (|W*|_F + nu)` on
 * `|grad L_N(W) - grad L(W)|_F` over the small ball.
 */
export function gradientConcentration(t: TeacherQuantities, c2: number, s: SampleSetting): number {
  assertAtLeast('c2', c2, 0, true);
  assertAtLeast('nu', s.nu, 0);
  return c2 * Math.sqrt((t.K ** 5 * rate(t.d, s.N))) * (t.frobenius + s.nu);
}

/** Theorem 4.2's contraction factor per step `1 - c3 eta / (lambda kappa^2)`. */
export function contractionFactor(t: TeacherQuantities, c3: number, eta: number): number {
  assertAtLeast('c3', c3, 0, true);
  assertAtLeast('eta', eta, 0, true);
  return 1 - (c3 * eta) / (t.lambda * t.kappa ** 2);
}

/**
 * The rate `q = eta mu (2 - eta L)` of gradient descent on a function that is mu-strongly
 * convex and L-smooth between W and its stationary point W*: with g = grad f(W) =
 * Hbar (W - W*), Hbar the Hessian averaged over the segment (mu I <= Hbar <= L I),
 * `|W - eta g - W*|^2 = e^2 - 2 eta <g, e> + eta^2 |g|^2 <= e^2 - eta (2 - eta L) <g, e>
 *  <= (1 - q) e^2` (using |g|^2 <= L <g, e> and <g, e> >= mu e^2). The same q bounds the
 * function value: f(W - eta g) - f* <= (1 - q)(f(W) - f*) (descent lemma plus
 * |g|^2 >= 2 mu (f - f*)). Needs 0 < eta L < 2.
 * @example gdContractionRate(0.1, 1, 0.5) // 0.5 * 0.1 * 1.5 = 0.075
 */
export function gdContractionRate(mu: number, L: number, eta: number): number {
  assertAtLeast('mu', mu, 0, true);
  assertAtLeast('L', L, mu);
  assertAtLeast('eta', eta, 0, true);
  if (!(eta * L < 2)) fail('eta', `eta L must be below 2 (L = ${L})`, eta);
  return eta * mu * (2 - eta * L);
}
