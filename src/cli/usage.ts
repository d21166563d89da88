/**
 * Exit codes and the usage error shared by every subcommand.
 *
 * @example
 * ```ts
 * throw new UsageError('--workers must be a positive integer', '--workers', 'x');
 * ```
 */

import { parseIntegerOption } from './optionValues.js';

export { EXIT } from '../check/exitCodes.js';

/** Bad command-line usage; the CLI prints it with a hint and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string) {
    super(message);
  }
}

/** A subcommand of `relucheck`. */
export interface Command {
  readonly name: string;
  /** One line for `relucheck --help`. */
  readonly summary: string;
  /** Full help text for `relucheck NAME --help`. */
  readonly help: string;
  /** Runs with the arguments after the subcommand name; resolves to an exit code. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Where a command writes; injected so specs can capture output. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
}

/**
 * Parses a positive integer option value, or throws a UsageError naming the option.
 * @example parsePositiveInt('--workers', '2') === 2
 */
export function parsePositiveInt(option: string, value: string | undefined, min = 1): number {
  return parseIntegerOption(option, value, { min, max: Number.MAX_SAFE_INTEGER });
}
