/**
 * An activation as data: the function, its first two derivatives, where it has kinks, its
 * degree of positive homogeneity, derivative bounds (for finite-difference tolerances) and,
 * where they exist, closed forms of its Gaussian moments.
 *
 * Conventions (Zhong et al. 2017, Section 3): at a kink phi' is the LEFT derivative, and phi''
 * there is its left limit; for piecewise-linear activations phi'' is 0 except at the kinks
 * (Property 3.3(b)), so Hessians built from it are the almost-everywhere Hessians.
 *
 * @example
 * ```ts
 * const act: Activation = ACTIVATIONS.sigmoid;
 * act.phi(0); act.d1(0); act.d2(0); act.degree; // 0.5, 0.25, 0, null
 * ```
 */
import type { PartialMoments } from './gaussianMoments.js';

/** The catalogue's names. */
export type ActivationName =
  | 'relu'
  | 'leakyRelu'
  | 'squaredRelu'
  | 'sigmoid'
  | 'tanh'
  | 'erf'
  | 'quadratic'
  | 'linear';

/** An activation with everything the theory and the kernels read from it. */
export interface Activation {
  readonly name: ActivationName;
  /** A printable definition, e.g. "max{z, 0.01 z}". */
  readonly formula: string;
  readonly phi: (z: number) => number;
  /** phi' (left derivative at kinks). */
  readonly d1: (z: number) => number;
  /** phi'' where defined (left limit at kinks; 0 almost everywhere for piecewise linear). */
  readonly d2: (z: number) => number;
  /** Points where phi' or phi'' jumps (quadrature splits there). */
  readonly kinks: readonly number[];
  /** p with phi(c z) = c^p phi(z) for all c > 0, or null when not positively homogeneous. */
  readonly degree: number | null;
  /** phi is C^3 with bounded phi'', phi''' near any bounded set: finite differences apply. */
  readonly smooth: boolean;
  /**
   * An upper bound on sup |phi^(order)| over [lo, hi] (order 1..4), for smooth activations;
   * used to derive finite-difference truncation tolerances (order 4: the central difference
   * of the gradient, whose h^2 remainder differentiates phi' three times).
   */
  readonly derivativeBound?: (order: 1 | 2 | 3 | 4, lo: number, hi: number) => number;
  /** Closed forms of (some of) the Gaussian moments at scale s > 0. */
  readonly closedMoments?: (s: number) => PartialMoments;
  /** Which side of Zhong's Theorem 3.5 it is on: satisfies Properties 3.1-3.3, or not. */
  readonly zhongFamily: boolean;
}
