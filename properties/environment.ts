/**
 * How a property run is configured from the environment: the global seed, the tier and a
 * counterexample path to replay. Only the runners (specs, scripts, the CLI) call this; claims
 * themselves take everything through {@link ClaimRunOptions}.
 *
 * - `RELUCHECK_SEED`: unsigned 32-bit integer, default {@link DEFAULT_SEED}.
 * - `RELUCHECK_TIER`: `quick` | `default` | `thorough`, default `default`.
 * - `RELUCHECK_PATH`: fast-check path of a counterexample to replay (optional).
 * - `RELUCHECK_PRECISION`: `float64` | `float32`, the arithmetic the rounding bounds assume
 *   (optional; without it a claim uses the implementation's declaration, else float64).
 *
 * @example
 * ```ts
 * const options = claimOptionsFromEnv(process.env); // { seed: 20190417, tier: 'default' }
 * ```
 */
import type { ClaimRunOptions, Tier } from './Claim.js';
import { PRECISIONS, type Precision } from '../src/impl/Implementation.js';
import { assertIntegerInRange, fail } from '../src/core/validate.js';

/** The fixed default global seed (the first paper's arXiv month, any fixed value would do). */
export const DEFAULT_SEED = 20190417;

const TIERS: readonly Tier[] = ['quick', 'default', 'thorough'];

/**
 * Reads the claim options from an environment map, validating each variable.
 * @example claimOptionsFromEnv({ RELUCHECK_SEED: '7', RELUCHECK_TIER: 'quick' })
 */
export function claimOptionsFromEnv(env: Record<string, string | undefined>): ClaimRunOptions {
  const rawSeed = env.RELUCHECK_SEED;
  const seed = rawSeed === undefined || rawSeed === '' ? DEFAULT_SEED : Number(rawSeed);
  assertIntegerInRange('RELUCHECK_SEED', seed, 0, 0xffffffff);
  const tier = (env.RELUCHECK_TIER ?? 'default') as Tier;
  if (!TIERS.includes(tier)) fail('RELUCHECK_TIER', `RELUCHECK_TIER must be one of ${TIERS.join(', ')}`, tier);
  const path = env.RELUCHECK_PATH === '' ? undefined : env.RELUCHECK_PATH;
  const rawPrecision = env.RELUCHECK_PRECISION === '' ? undefined : env.RELUCHECK_PRECISION;
  if (rawPrecision !== undefined && !PRECISIONS.includes(rawPrecision as Precision)) {
    fail('RELUCHECK_PRECISION', `RELUCHECK_PRECISION must be one of ${PRECISIONS.join(', ')}`, rawPrecision);
  }
  return {
    seed,
    tier,
    ...(path === undefined ? {} : { path }),
    ...(rawPrecision === undefined ? {} : { precision: rawPrecision as Precision }),
  };
}
