/**
 * relucheck's public library surface: the pure numerical core, the theory's quantities and
 * the Implementation seam. The CLI, properties and audit are built on exactly these exports.
 *
 * @example
 * ```ts
 * import { makeInstance, gradientDescent, alignedError } from 'relucheck';
 * const inst = makeInstance({ d: 10, K: 5, kappa: 2, N: 5000, seed: 1 });
 * ```
 */
export * from './core/validate.js';
export * from './core/random.js';
export * from './core/layout.js';
export * from './core/kernel.js';
export * from './core/instance.js';
export * from './core/teacher.js';
export * from './core/linalg.js';
export * from './core/hungarian.js';
export * from './core/alignedError.js';
export * from './core/init.js';
export * from './core/gd.js';
export * from './core/stencil.js';
export * from './theory/quantities.js';
export * from './impl/Implementation.js';
export * from './impl/reference.js';
export * from './core/activations/activation.js';
export * from './core/activations/catalog.js';
export * from './core/activations/gaussRules.js';
export * from './core/activations/gaussianExpectation.js';
export * from './core/activations/gaussianMoments.js';
export * from './core/activations/quadratureMoments.js';
export * from './core/outputModel/outputModelKernel.js';
export * from './core/outputModel/outputModelHessian.js';
export * from './core/outputModel/outputModelInstance.js';
export * from './core/outputModel/gramError.js';
export * from './core/population/arcCosine.js';
export * from './core/population/populationLoss.js';
export * from './core/population/populationGradient.js';
export * from './core/population/populationHessianOperator.js';
export * from './core/population/populationHessian.js';
export * from './core/population/empiricalHessian.js';
export * from './core/population/empiricalRayleigh.js';
export * from './core/population/monteCarloPopulation.js';
export * from './core/population/ball.js';
export * from './core/curvature/SymmetricOperator.js';
export * from './core/curvature/tridiagonalEigen.js';
export * from './core/curvature/denseSymmetricEigen.js';
export * from './core/curvature/lanczos.js';
export * from './core/curvature/extremeEigenvalues.js';
export * from './core/curvature/curvatureProbes.js';
export * from './core/tensor/index.js';
export * from './impl/ImplementationFault.js';
export * from './impl/guardedImplementation.js';
export * from './impl/moduleImplementation.js';
export * from './impl/workerModuleImplementation.js';
export * from './impl/processImplementation.js';
export * from './protocol/float64Codec.js';
export { PROTOCOL_VERSION } from './protocol/messages.js';
export * from './fixtures/fixtureFile.js';
export * from './fixtures/compareField.js';
export * from './fixtures/runFixtures.js';
export * from './fixtures/fixtureTolerance.js';
export * from './fixtures/degenerateAngleTolerance.js';
export * from './theory/claims.js';
export * from './core/outputModel/zhongError.js';
