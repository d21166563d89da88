/**
 * What the activation claims check: relucheck's own activation core (catalogue, moments,
 * general kernel, Hessian). The Implementation seam (impl/Implementation.ts) speaks only the
 * ReLU model with v = 1, so these claims take their subject explicitly; the planted-bug specs
 * swap one part of it at a time.
 *
 * @example
 * ```ts
 * const claim = zhongPropertiesClaim(referenceActivationSubject());
 * ```
 */
import type { Activation, ActivationName } from '../../src/core/activations/activation.js';
import { ACTIVATIONS } from '../../src/core/activations/catalog.js';
import { momentsWithError, type MomentsWithError } from '../../src/core/activations/quadratureMoments.js';
import { outputModelHessian, outputModelHvp } from '../../src/core/outputModel/outputModelHessian.js';
import {
  outputModelLoss,
  outputModelLossAndGradient,
} from '../../src/core/outputModel/outputModelKernel.js';
import { tensorActivationOf } from '../../src/core/tensor/tensorActivation.js';
import { tensorInit } from '../../src/core/tensor/tensorInit.js';
import { tensorDirections } from '../../src/core/tensor/tensorDirections.js';

/** The parts of the core under test. */
export interface ActivationSubject {
  readonly name: string;
  readonly activations: Readonly<Record<ActivationName, Activation>>;
  readonly moments: (act: Activation, s: number) => MomentsWithError;
  readonly loss: typeof outputModelLoss;
  readonly lossAndGradient: typeof outputModelLossAndGradient;
  readonly hessian: typeof outputModelHessian;
  readonly hvp: typeof outputModelHvp;
  /** Tensor initialization and the activation view it reads coefficients from. */
  readonly tensorInit: typeof tensorInit;
  readonly tensorActivation: typeof tensorActivationOf;
  /** Steps 1-3 only (subspace, oriented unit directions): what m2 = 0 activations get. */
  readonly tensorDirections: typeof tensorDirections;
}

/** The reference subject: the core as shipped. @example referenceActivationSubject().name */
export function referenceActivationSubject(): ActivationSubject {
  return {
    name: 'reference',
    activations: ACTIVATIONS,
    moments: (act, s) => momentsWithError(act, s),
    loss: outputModelLoss,
    lossAndGradient: outputModelLossAndGradient,
    hessian: outputModelHessian,
    hvp: outputModelHvp,
    tensorInit,
    tensorActivation: tensorActivationOf,
    tensorDirections,
  };
}

/**
 * The subject with one activation replaced (for planted bugs).
 * @example withActivation(ref, { ...ACTIVATIONS.tanh, d1: (z) => 1 - Math.tanh(z) })
 */
export function withActivation(subject: ActivationSubject, act: Activation): ActivationSubject {
  return { ...subject, name: `${subject.name}+${act.name}*`, activations: { ...subject.activations, [act.name]: act } };
}
