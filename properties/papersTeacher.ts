/**
 * The case a claim prints is the case it tested: every instance the claims draw must have
 * the papers' teacher, W* = U diag(s) V^T with s evenly spaced from kappa down to 1
 * (Zhang et al. 2019, Section 5; Zhong et al. 2017, Section 7).
 *
 * Why it is checked here, outside the generator: the claims' bounds are computed from the
 * W* actually drawn, so a generator that ignored kappa, inverted s or garbled W*'s columns
 * left every claim passing while testing only other teachers than the ones the case and the
 * report name (mutation testing found five such generator mutants of src/core/instance.ts
 * surviving; docs/mutation.md). The singular values are compared with the closed form written
 * out again here, not with the generator's own `teacherSpectrum`, so one slip cannot hide in
 * both. A mismatch is a relucheck bug, never a verdict on the implementation.
 *
 * @example
 * ```ts
 * assertPapersTeacher(makeInstance({ d: 6, K: 3, kappa: 2, N: 10, seed: 1 })); // ok
 * ```
 */
import type { Instance } from '../src/core/instance.js';

/**
 * Tolerance on the singular values, relative to s_1^2 / s_k. They come from the eigenvalues
 * of W*^T W* (src/core/teacher.ts), whose absolute error is a few ulps of s_1^2 times K
 * (a K x K symmetric eigensolver), so s_k = sqrt(eigenvalue) is off by about that over 2 s_k:
 * ~1e-14 s_1^2 / s_k at K <= 50. 1e-9 is five orders above that, and at the claims' kappa <= 3
 * (tolerance <= 9e-9) far below the smallest generator slip, a spacing change of
 * (kappa - 1) / K^2 >= 1e-4 at kappa >= 1.1, K <= 32.
 * @example Math.abs(s_k - want_k) <= (TEACHER_SPECTRUM_RTOL * kappa ** 2) / want_k
 */
export const TEACHER_SPECTRUM_RTOL = 1e-9;

/**
 * The papers' singular values of W*, descending: s_k = kappa - (kappa - 1) k / (K - 1).
 * @example papersSpectrum(3, 2) // [2, 1.5, 1]
 */
export function papersSpectrum(K: number, kappa: number): Float64Array {
  const s = new Float64Array(K);
  for (let k = 0; k < K; k++) s[k] = K === 1 ? 1 : kappa + ((1 - kappa) * k) / (K - 1);
  return s;
}

/**
 * Throws (naming the instance, which singular value and both values) unless the instance's
 * W* has the papers' spectrum for its kappa and the shape its config states.
 * @example assertPapersTeacher(inst)
 */
export function assertPapersTeacher(inst: Instance): void {
  const { d, K, kappa } = inst.config;
  const at = `instance ${JSON.stringify(inst.config)}`;
  if (inst.Wstar.d !== d || inst.Wstar.K !== K || inst.Wstar.data.length !== d * K) {
    throw new Error(`relucheck bug: ${at} has a W* of shape ${inst.Wstar.d} x ${inst.Wstar.K}`);
  }
  const want = papersSpectrum(K, kappa);
  const got = inst.teacher.singularValues;
  for (let k = 0; k < K; k++) {
    if (!(Math.abs(got[k] - want[k]) <= (TEACHER_SPECTRUM_RTOL * want[0] ** 2) / want[k])) {
      throw new Error(
        `relucheck bug: ${at} drew a teacher whose singular value s_${k + 1} is ${got[k]}, ` +
          `not the papers' ${want[k]} (s evenly spaced from kappa = ${kappa} down to 1)`,
      );
    }
  }
}
