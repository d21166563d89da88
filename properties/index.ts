/**
 * The property suite: every claim, and a helper that runs them all against one
 * implementation. `relucheck check`, the specs and the flake script all go through here.
 *
 * @example
 * ```ts
 * const verdicts = await runClaims(referenceImplementation(), { seed: 1, tier: 'quick' });
 * ```
 */
import type { Implementation } from '../src/impl/Implementation.js';
import type { Claim, ClaimResult, ClaimRunOptions } from './Claim.js';
import { gradientAtKink, gradientDirectional, gradientFull, hvpDirectional } from './gradientFiniteDifferences.js';
import { stationarityNoiseless, stationarityNoisy } from './stationarity.js';
import {
  determinism,
  duplicationInvariance,
  permutationInvariance,
  rotationInvariance,
  scalingInvariance,
} from './invariances.js';
import { gdConsistency } from './gdConsistency.js';
import { gdFarStart } from './gdFarStart.js';
import { contraction, geometricConvergence } from './contraction.js';
import { statisticalRate } from './statisticalRate.js';
import { tensorInitBasin, tensorInitRate } from './tensorInit.js';
import { strongConvexityEmpirical, strongConvexityPopulation } from './strongConvexity.js';
import { gradientConcentrationClaim } from './gradientConcentration.js';
import { populationGradientFd, populationHvpFd, populationStationarity } from './population.js';

export type { Claim, ClaimResult, ClaimRunOptions, Tier } from './Claim.js';

/** Every claim, in report order. */
export const claims: readonly Claim[] = [
  gradientDirectional,
  gradientFull,
  gradientAtKink,
  hvpDirectional,
  stationarityNoiseless,
  stationarityNoisy,
  populationStationarity,
  populationGradientFd,
  populationHvpFd,
  permutationInvariance,
  rotationInvariance,
  duplicationInvariance,
  scalingInvariance,
  determinism,
  strongConvexityPopulation,
  strongConvexityEmpirical,
  gradientConcentrationClaim,
  gdConsistency,
  gdFarStart,
  contraction,
  geometricConvergence,
  statisticalRate,
  tensorInitRate,
  tensorInitBasin,
];

/** A claim and its verdict. */
export interface ClaimVerdict {
  readonly claim: Claim;
  readonly result: ClaimResult;
}

/**
 * Runs the claims (all, or those whose id is in `only`) one after another.
 * @example await runClaims(impl, { seed: 7, tier: 'default' }, ['gradient-fd-full'])
 */
export async function runClaims(
  impl: Implementation,
  options: ClaimRunOptions,
  only?: readonly string[],
): Promise<ClaimVerdict[]> {
  const out: ClaimVerdict[] = [];
  for (const claim of claims) {
    if (only !== undefined && !only.includes(claim.id)) continue;
    out.push({ claim, result: await claim.run(impl, options) });
  }
  return out;
}
