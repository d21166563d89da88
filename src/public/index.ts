/**
 * `relucheck`: the public library surface, kept small. An implementation's types, the
 * reference, every claim of the papers and the runner, the failure formatting, and the two
 * adapters that turn a JS module or a process into an Implementation. The numerical core
 * (instances, kernels, population closed forms, ...) is `relucheck/core`, without a
 * stability promise; vitest integration is `relucheck/vitest`, the wire format
 * `relucheck/protocol`.
 *
 * @example
 * ```ts
 * import { claims, runClaims, referenceImplementation, formatVerdict } from 'relucheck';
 * const verdicts = await runClaims(referenceImplementation(), { seed: 1, tier: 'quick' }, ['gradient-fd-full']);
 * for (const v of verdicts) console.log(formatVerdict(v.claim, v.result));
 * ```
 */
export type { Dataset, Weights } from '../core/layout.js';
export type {
  Capability,
  GdRequest,
  GdResponse,
  Implementation,
  InitRequest,
  Precision,
  ReluAtZero,
} from '../impl/Implementation.js';
export { CAPABILITIES, hasCapability } from '../impl/Implementation.js';
export { referenceImplementation } from '../impl/reference.js';
export { loadModuleImplementation } from '../impl/moduleImplementation.js';
export { processImplementation } from '../impl/processImplementation.js';
export type { ProcessImplementation } from '../impl/processImplementation.js';
export { claims, runClaims } from '../../properties/index.js';
export type { ClaimVerdict } from '../../properties/index.js';
export type {
  Citation,
  Claim,
  ClaimProgress,
  ClaimResult,
  ClaimRunOptions,
  Diagnosis,
  FailingCase,
  ReplayLineBuilder,
  Tier,
} from '../../properties/Claim.js';
export { formatClaimFailure, formatVerdict, projectReplayLine } from '../../properties/report.js';
export { claimOptionsFromEnv, DEFAULT_SEED } from '../../properties/environment.js';
