/**
 * Tensor initialization (Zhong et al. 2017, Algorithm 1): the public pieces.
 * @example
 * ```ts
 * import { tensorInit } from './tensor/index.js';
 * ```
 */
export * from './reluMoments.js';
export * from './tensorActivation.js';
export * from './symmetricTensor.js';
export * from './pseudoSolve.js';
export * from './momentSource.js';
export * from './populationMoments.js';
export * from './sampleMoments.js';
export * from './topEigenvectors.js';
export * from './orthogonalPowerMethod.js';
export * from './whitenedDecomposition.js';
export * from './recMagSign.js';
export * from './tensorDirections.js';
export * from './principalAngles.js';
export * from './tensorInit.js';
