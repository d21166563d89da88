#!/usr/bin/env node
/**
 * The `relucheck` command line: dispatch to subcommands, uniform exit codes
 * (0 ok, 1 a claim failed, 2 bad usage, 3 could not write its output) and error printing.
 *
 * @example
 * ```sh
 * relucheck --help
 * relucheck demo --seed 2
 * ```
 */
import { readFileSync } from 'node:fs';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commands } from './commands.js';
import { didYouMean } from './didYouMean.js';
import { EXIT, UsageError, type CliIo, type Command } from './usage.js';
import { ValidationError } from '../core/validate.js';
import { isWriteFailure } from '../core/ioError.js';
import { displayBlock, displayLine } from '../core/displayText.js';

/** The package version, read from package.json next to dist/. */
export function version(): string {
  const pkg = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `relucheck ${version()}: a property-based verification harness for learning
one-hidden-layer ReLU networks by gradient descent.

Usage: relucheck <command> [options]
       relucheck <command> --help

Commands:
${lines.join('\n')}

Options:
  --help      show this help
  --version   print the version

Exit codes: 0 every applicable claim held, 1 a claim failed, 2 bad usage,
3 relucheck could not write its output (disk full, quota, read-only folder).
`;
}

/**
 * Runs the CLI on `argv` (without node and script) and resolves to the exit code. `available`
 * replaces the commands (specs inject a check command with its own environment).
 * @example await runCli(['--version'], io)
 */
export async function runCli(argv: readonly string[], io: CliIo, available: readonly Command[] = commands): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(helpText());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const command = available.find((c) => c.name === first);
  if (!command) {
    const hint = didYouMean(first, available.map((c) => c.name));
    io.stderr(`relucheck: invalid argument. unknown command ${JSON.stringify(displayLine(first))}.${hint} See 'relucheck --help'.\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ValidationError || isParseArgsError(err)) {
      // One form for every bad input: "invalid argument. <rule>" (ValidationErrors already say it).
      // Escaped: parseArgs quotes the user's option names raw (an unknown "--\x1b[2J").
      const message = displayBlock((err as Error).message);
      io.stderr(`relucheck ${command.name}: ${message.startsWith(INVALID) ? message : `${INVALID} ${message}`}\n`);
      io.stderr(`See 'relucheck ${command.name} --help'.\n`);
      return EXIT.usage;
    }
    if (isWriteFailure(err)) {
      io.stderr(`relucheck ${command.name}: ${(err as Error).message}\n`);
      return EXIT.io;
    }
    throw err;
  }
}

const INVALID = 'invalid argument.';

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  // A reader that stops early (`relucheck check --list | head`) closes the pipe: stop writing
  // and let the run end normally (its children stopped, its exit code kept) instead of
  // crashing on an unhandled EPIPE with a stack trace.
  let stdoutClosed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    stdoutClosed = true;
  });
  const io: CliIo = {
    stdout: (t) => void (stdoutClosed || process.stdout.write(t)),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`relucheck: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
