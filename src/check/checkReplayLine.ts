/**
 * The replay line of `relucheck check`: the same command (the options that select the
 * implementation) narrowed to one claim, seed, tier and counterexample path. It is the only
 * replay an external implementation gets: relucheck's own vitest line would rerun the claim on
 * relucheck's reference, where it passes.
 *
 * @example
 * ```ts
 * const line = checkReplayLine('relucheck check --cmd "python3 s.py"');
 * line({ claimId: 'gradient-fd-full', seed: 7, tier: 'default', path: '3:1', precision: 'float64' });
 * // relucheck check --cmd "python3 s.py" --claim gradient-fd-full --seed 7 --tier default --path 3:1
 * ```
 */
import type { ReplayLineBuilder } from '../../properties/Claim.js';

/**
 * A {@link ReplayLineBuilder} that prefixes `prefix` (`relucheck check --cmd '...'`). The
 * precision is named only when it is not float64, the default of every implementation that
 * declares none.
 * @example checkReplayLine('relucheck check --impl ./s.mjs')({ claimId: 'x', seed: 1, tier: 'quick', precision: 'float64' })
 */
export function checkReplayLine(prefix: string): ReplayLineBuilder {
  return ({ claimId, seed, tier, path, precision }) => {
    const args = [`--claim ${claimId}`, `--seed ${seed}`, `--tier ${tier}`];
    if (path !== undefined) args.push(`--path ${shellQuote(path)}`);
    if (precision !== 'float64') args.push(`--precision ${precision}`);
    return `${prefix} ${args.join(' ')}`;
  };
}

/** Quotes a word for POSIX shells. @example shellQuote("a b") === "'a b'" */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
