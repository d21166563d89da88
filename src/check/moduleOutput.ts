/**
 * What an `--impl` module prints while `relucheck check` runs, shown on relucheck's stderr the
 * way a `--cmd` server's stderr is shown in a verdict: every line prefixed (so it can never
 * pass for one of relucheck's own lines, such as a forged "23 passed, 0 failed"), control
 * characters escaped (no clear-screen or window-title codes reach the terminal), each line
 * capped, and the whole capped (a module printing megabytes in a loop costs a bounded amount
 * of output; the most recent 16 KiB stay in every errored verdict). Never on stdout, which
 * may be a `--json` document.
 *
 * @example
 * ```ts
 * const forward = moduleOutputForwarder({ write: io.stderr });
 * forward('hello\x1b[2J\n', 'stdout'); // writes "  [module stdout] hello\\x1b[2J\n"
 * ```
 */
import { displayLine, DISPLAY_LIMITS } from '../core/displayText.js';

/** Settings of a forwarder. */
export interface ModuleOutputOptions {
  readonly write: (text: string) => void;
  /** Called before each write (erases a progress bar). */
  readonly before?: () => void;
  /** Characters shown in all before the rest is only counted. Default 64 KiB. */
  readonly maxChars?: number;
  /** Lines shown in all. Default 1000. */
  readonly maxLines?: number;
}

/** The default caps: enough for a module's logging, bounded for its floods. */
export const MODULE_OUTPUT_LIMITS = { chars: 65_536, lines: 1000 } as const;

/** A sink for the chunks a module prints, by the stream it printed them on. */
export type ModuleOutputSink = (text: string, stream: 'stdout' | 'stderr') => void;

/** Builds the sink for one `check` run (shared by every worker the run starts). */
export function moduleOutputForwarder(options: ModuleOutputOptions): ModuleOutputSink {
  const maxChars = options.maxChars ?? MODULE_OUTPUT_LIMITS.chars;
  const maxLines = options.maxLines ?? MODULE_OUTPUT_LIMITS.lines;
  let shownChars = 0;
  let shownLines = 0;
  let silenced = false;
  return (text, stream) => {
    if (silenced) return;
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop(); // a chunk ending its last line
    let out = '';
    for (const line of lines) {
      const shown = `  [module ${stream}] ${displayLine(line, DISPLAY_LIMITS.line)}\n`;
      if (shownChars + shown.length > maxChars || shownLines >= maxLines) {
        out += `  [module] further output not shown (more than ${shownLines} lines or ${maxChars} characters; the last 16 KiB are kept for errored verdicts)\n`;
        silenced = true;
        break;
      }
      out += shown;
      shownChars += shown.length;
      shownLines++;
    }
    if (out === '') return;
    options.before?.();
    options.write(out);
  };
}
