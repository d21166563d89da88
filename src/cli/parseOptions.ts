/**
 * node:util's parseArgs, with "did you mean" for an unknown option: every command parses
 * through here, so a typo like `--sed 3` is answered with the command's own closest option
 * (`Unknown option '--sed'. Did you mean --seed?`) instead of only being refused.
 *
 * @example
 * ```ts
 * const { values } = parseOptions({ args: ['--seed', '3'], options: { seed: { type: 'string' } } });
 * ```
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from './didYouMean.js';

/**
 * parseArgs(config), rethrowing an unknown option with the closest known options named.
 * @example parseOptions({ args: ['--jsno'], options: { json: { type: 'boolean' } } }) // throws "... Did you mean --json?"
 */
export function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown } | null;
    if (e?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || typeof e.message !== 'string') throw err;
    const typed = /^Unknown option '([^']*)'/.exec(e.message)?.[1];
    if (typed === undefined) throw err;
    const known = ['--help'];
    for (const [name, option] of Object.entries(config.options ?? {})) {
      known.push(`--${name}`);
      if (option.short !== undefined) known.push(`-${option.short}`);
    }
    const hint = didYouMean(typed, known);
    if (hint === '') throw err;
    // `--sed=3` is reported as '--sed'; the suggestion goes right after that first sentence.
    const head = `Unknown option '${typed}'`;
    const rest = e.message.slice(head.length);
    const message = `${head}.${hint}${rest.startsWith('. ') ? rest.slice(1) : rest}`;
    throw Object.assign(new TypeError(message), { code: e.code });
  }
}
