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
import { assertAtLeast, assertIntegerInRange } from '../core/validate.js';

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
