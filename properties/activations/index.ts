/**
 * The activation-family claims (Zhong et al. 2017 beyond ReLU; Xia et al. 2019), each built
 * for a subject (the reference core, or a planted bug).
 *
 * @example
 * ```ts
 * for (const claim of activationClaims(referenceActivationSubject())) await claim.run(impl, opts);
 * ```
 */
import type { Claim } from '../Claim.js';
import { gradientFiniteDifferencesClaim } from './gradientFiniteDifferences.claim.js';
import { hessianPositiveDefiniteClaim } from './hessianPositiveDefinite.claim.js';
import { hvpFiniteDifferencesClaim } from './hvpFiniteDifferences.claim.js';
import { momentIdentitiesClaim } from './momentIdentities.claim.js';
import { oddTensorDirectionsClaim } from './oddTensorDirections.claim.js';
import { quadraticRandomInitClaim } from './quadraticRandomInit.claim.js';
import type { ActivationSubject } from './subject.js';
import { tensorSignRecoveryClaim } from './tensorSignRecovery.claim.js';
import { zhongPropertiesClaim } from './zhongProperties.claim.js';

export * from './subject.js';
export {
  gradientFiniteDifferencesClaim,
  hessianPositiveDefiniteClaim,
  hvpFiniteDifferencesClaim,
  momentIdentitiesClaim,
  oddTensorDirectionsClaim,
  quadraticRandomInitClaim,
  tensorSignRecoveryClaim,
  zhongPropertiesClaim,
};

/** Every activation claim for one subject, in a stable order. */
export function activationClaims(subject: ActivationSubject): Claim[] {
  return [
    zhongPropertiesClaim(subject),
    momentIdentitiesClaim(subject),
    gradientFiniteDifferencesClaim(subject),
    hvpFiniteDifferencesClaim(subject),
    hessianPositiveDefiniteClaim(subject),
    quadraticRandomInitClaim(subject),
    tensorSignRecoveryClaim(subject),
    oddTensorDirectionsClaim(subject),
  ];
}
