/**
 * What tensor initialization needs to know about an activation: its moment coefficients
 * `m_j(s)` (THEORY.md: m1 = gamma1, m2 = gamma2 - gamma0, m3 = gamma3 - 3 gamma1,
 * m4 = gamma4 - 6 gamma2 + 3 gamma0) and its degree of positive homogeneity p (if any), which
 * makes every coefficient scale like `m_j(s) = s^p m_j(1)`. That scaling is what lets RecMagSign
 * turn a recovered coefficient `v_i m_j(s_i)` back into `s_i = (|coef| / |m_j(1)|)^(1/p)`
 * and `v_i = sign(coef) sign(m_j(1))`.
 *
 * Which moments Algorithm 1 uses follows from which coefficients vanish:
 * - P3 = M3 when m3 != 0 (squared ReLU: m3 = 2 s^2 / sqrt(2 pi)), else M4(I, I, I, alpha)
 *   (ReLU, leaky ReLU: m3 = 0 identically);
 * - P2 = M2 when m2 != 0 (ReLU s / sqrt(2 pi), squared ReLU s^2), else M3(I, I, alpha)
 *   (sigmoid, tanh, erf: m2 = 0 by symmetry), else M4(I, I, alpha, alpha).
 *
 * Vanishing is decided at s = 1: for the catalogue it is a symmetry of phi (odd phi' or odd
 * phi up to a constant), hence the same at every s.
 *
 * @example
 * ```ts
 * const sq = tensorActivationOf(ACTIVATIONS.squaredRelu);
 * sq.coefficients(2); // [8/sqrt(2 pi), 4, 8/sqrt(2 pi), 0]
 * thirdOrderPath(sq);  // 'm3'
 * ```
 */
import type { Activation } from '../activations/activation.js';
import { tensorCoefficients } from '../activations/gaussianMoments.js';
import { momentsOf } from '../activations/quadratureMoments.js';
import { fail } from '../validate.js';
import { reluMomentCoefficients } from './reluMoments.js';

/** m1..m4 at one scale. */
export type MomentCoefficients = readonly [number, number, number, number];

/** An activation as tensor initialization sees it. */
export interface TensorActivation {
  readonly name: string;
  /**
   * Degree p of positive homogeneity (phi(c z) = c^p phi(z), c > 0), or null when phi is not
   * positively homogeneous (sigmoid, tanh, erf): then the subspace and the directions are
   * recovered ({@link tensorDirections}) but not the norms (RecMagSign rejects it).
   */
  readonly degree: number | null;
  /** m1..m4 at scale s > 0. */
  readonly coefficients: (s: number) => MomentCoefficients;
}

/** ReLU from its closed forms (the default everywhere; m3 is exactly 0). */
export const RELU_TENSOR: TensorActivation = {
  name: 'relu',
  degree: 1,
  coefficients: (s) => {
    const c = reluMomentCoefficients(s);
    return [c.m1, c.m2, c.m3, c.m4];
  },
};

/**
 * The tensor view of a catalogue activation: ReLU from closed forms, any other positively
 * homogeneous activation from its quadrature moments at s = 1 scaled by s^p, and a
 * non-homogeneous one (sigmoid, tanh, erf) from its quadrature moments at each scale s
 * (degree null).
 * @example tensorActivationOf(ACTIVATIONS.squaredRelu).degree // 2
 */
export function tensorActivationOf(act: Activation): TensorActivation {
  if (act.name === 'relu') return RELU_TENSOR;
  const p = act.degree;
  if (p === null) {
    return {
      name: act.name,
      degree: null,
      coefficients: (s) => {
        if (!(s > 0)) fail('s', 'the scale s must be positive', s);
        return tensorCoefficients(momentsOf(act, s));
      },
    };
  }
  if (!(p > 0)) {
    fail('activation', 'tensor initialization needs a positive homogeneity degree or none (null)', `${act.name}: ${p}`);
  }
  const unit = tensorCoefficients(momentsOf(act, 1));
  return {
    name: act.name,
    degree: p,
    coefficients: (s) => {
      const f = s ** p;
      return [unit[0] * f, unit[1] * f, unit[2] * f, unit[3] * f];
    },
  };
}

/**
 * Relative size below which a coefficient counts as zero: the quadrature moments carry
 * rounding of order 1e-15 relative (quadratureMoments.ts error estimates), ReLU's closed
 * forms give exact zeros; 1e-10 separates both from any coefficient that is really there.
 */
export const ZERO_COEFFICIENT = 1e-10;

/** Whether m_j (j = 1..4) vanishes for this activation (relative to the largest m). */
export function coefficientVanishes(act: TensorActivation, j: 1 | 2 | 3 | 4): boolean {
  const m = act.coefficients(1);
  const scale = Math.max(...m.map(Math.abs));
  return Math.abs(m[j - 1]) <= ZERO_COEFFICIENT * scale;
}

/**
 * Which moment plays P3 (Zhong et al. 2017, Definition 5.4: j3 = min{j >= 3 : M_j != 0}):
 * 'm3' when m3 != 0, else 'm4' (contracted with alpha). Assumption 5.3.2 (one of M3, M4 is
 * non-zero) is checked: with both zero no P3 exists and the activation is rejected.
 * @example thirdOrderPath(RELU_TENSOR) // 'm4'
 */
export function thirdOrderPath(act: TensorActivation): 'm3' | 'm4' {
  if (!coefficientVanishes(act, 3)) return 'm3';
  if (coefficientVanishes(act, 4)) {
    fail('activation', 'P3 needs m3 != 0 or m4 != 0 (Zhong et al. 2017, Assumption 5.3.2)', act.name);
  }
  return 'm4';
}

/** The order j2 of the moment that plays P2. */
export type SecondOrderPath = 'm2' | 'm3' | 'm4';

/**
 * Which moment plays P2 (Zhong et al. 2017, Definition 5.4: P2 = M_{j2}(I, I, alpha, ...),
 * j2 = min{j >= 2 : M_j != 0}, i.e. the first non-zero of M2, M3(I, I, alpha),
 * M4(I, I, alpha, alpha)). Sigmoid, tanh and erf (odd up to a constant: m2 = m4 = 0) take
 * 'm3'. Rejected when m2 = m3 = m4 = 0 (no second-order moment carries the subspace).
 * @example secondOrderPath(tensorActivationOf(ACTIVATIONS.tanh)) // 'm3'
 */
export function secondOrderPath(act: TensorActivation): SecondOrderPath {
  if (!coefficientVanishes(act, 2)) return 'm2';
  if (!coefficientVanishes(act, 3)) return 'm3';
  if (!coefficientVanishes(act, 4)) return 'm4';
  return fail('activation', 'P2 needs one of m2, m3, m4 non-zero (Zhong et al. 2017, Definition 5.4)', act.name);
}
