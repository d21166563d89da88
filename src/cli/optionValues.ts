/**
 * Parsing of the CLI's option values against stated limits. Every bad value is a
 * {@link ValidationError} naming the option, the rule and the value (exit 2), found before any
 * work starts: a CI step with a bad run id fails in a second, not after an hour.
 *
 * The limits are the largest values the machinery below can honour exactly: seeds are uint32
 * (the RNG keys on 32 bits, so 2^32 would silently alias seed 0), timers are int32 ms (Node
 * turns a longer delay into 1 ms), and worker/run/shard counts are capped where a larger
 * value is a typo rather than a plan.
 *
 * @example
 * ```ts
 * const seed = parseIntegerOption('--seed', '7', LIMITS.seed); // 7
 * parseIntegerOption('--seed', '4294967296', LIMITS.seed);     // throws "invalid argument. --seed must be ..."
 * ```
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fail } from '../core/validate.js';

/** An inclusive integer range, with how its ends are explained in messages. */
export interface IntegerLimit {
  readonly min: number;
  readonly max: number;
  /** Why `max` is the limit (appended to the rule). */
  readonly why?: string;
}

/** The option limits shared by every command. */
export const LIMITS = {
  /** Seeds: unsigned 32-bit. */
  seed: { min: 0, max: 0xffffffff, why: 'seeds are unsigned 32-bit integers' },
  /** Timeouts in ms: Node timers are signed 32-bit (a larger delay silently becomes 1 ms). */
  timeoutMs: { min: 1, max: 0x7fffffff, why: 'timers hold at most 2^31-1 ms, about 24.8 days' },
  /** Worker threads: beyond 256 every thread only adds memory on any machine relucheck runs on. */
  workers: { min: 1, max: 256 },
  /** Cases per claim: 10^6 cases of the cheapest claim already take hours. */
  numRuns: { min: 1, max: 1_000_000 },
  /** GD iterations of the demonstrations. */
  iterations: { min: 1, max: 10_000_000 },
} as const satisfies Record<string, IntegerLimit>;

/**
 * Parses a decimal integer option within `limit`.
 * @example parseIntegerOption('--workers', '2', LIMITS.workers) === 2
 */
export function parseIntegerOption(option: string, value: string | undefined, limit: IntegerLimit): number {
  const rule = `${option} must be an integer from ${limit.min} to ${limit.max}${limit.why ? ` (${limit.why})` : ''}`;
  if (value === undefined || !/^\d+$/.test(value.trim())) fail(option, rule, value);
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n) || n < limit.min || n > limit.max) fail(option, rule, value);
  return n;
}

/**
 * A string option that must say something (not empty, not only blanks).
 * @example nonEmptyOption('--cmd', 'python3 s.py')
 */
export function nonEmptyOption(option: string, value: string, what: string): string {
  if (value.trim() === '') fail(option, `${option} must be ${what}, not empty`, value);
  if (value.includes('\0')) fail(option, `${option} must not contain a NUL character`, value);
  return value;
}

/**
 * A fast-check counterexample path: colon-separated non-negative integers, e.g. "3:1:0".
 * @example parseReplayPath('--path', '3:1') === '3:1'
 */
export function parseReplayPath(option: string, value: string): string {
  if (!/^\d{1,9}(:\d{1,9})*$/.test(value)) {
    fail(option, `${option} must be a counterexample path of colon-separated integers, as printed by a failure (e.g. 3:1:0)`, value);
  }
  return value;
}

/**
 * A module path (`--impl`): an existing file, checked before a worker starts, so a typo is a
 * usage error about the argument rather than an errored implementation.
 * @example moduleFileOption('--impl', './solver.mjs') // the absolute path
 */
export function moduleFileOption(option: string, value: string, cwd: string = process.cwd()): string {
  nonEmptyOption(option, value, 'the path of a JavaScript module');
  const file = resolve(cwd, value);
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    return fail(option, `${option} must be an existing JavaScript module file (resolved to ${file})`, value);
  }
  if (!isFile) fail(option, `${option} must be a JavaScript module file, not a folder (resolved to ${file})`, value);
  return file;
}
