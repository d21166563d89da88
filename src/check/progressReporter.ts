/**
 * Progress of a `relucheck check` run within long claims: on a terminal, one bar rewritten in
 * place ("gradient-fd-full [######----] 6/10 cases"), erased before each verdict is printed;
 * in CI (no terminal) a plain line per claim at most every `intervalMs` (default 15 s), so a
 * log shows that a slow claim is alive without flooding. Writes to the stream it is given
 * (stderr, so `--json` on stdout stays one document).
 *
 * @example
 * ```ts
 * const progress = progressReporter({ write: (t) => process.stderr.write(t), isTTY: true });
 * await claim.run(impl, { ...options, onProgress: progress.onProgress });
 * progress.clear();
 * ```
 */
import type { ClaimProgress } from '../../properties/Claim.js';

/** Settings of a progress reporter. */
export interface ProgressOptions {
  readonly write: (text: string) => void;
  /** A terminal: a bar rewritten in place; otherwise throttled plain lines. */
  readonly isTTY: boolean;
  /** Plain mode: at most one line per claim this often (ms). Default 15000. */
  readonly intervalMs?: number;
  /** Clock (ms), replaced in specs. Default Date.now. */
  readonly now?: () => number;
}

/** What the runner calls. */
export interface ProgressReporter {
  readonly onProgress: (p: ClaimProgress) => void;
  /** Erases the bar (terminal mode) before other output. */
  readonly clear: () => void;
}

const WIDTH = 20;

function counts(p: ClaimProgress): string {
  return p.shrinking ? `shrinking a failure, ${p.casesDone} cases tried` : `${Math.min(p.casesDone, p.casesPlanned)}/${p.casesPlanned} cases`;
}

/**
 * A progress reporter writing to `options.write`.
 * @example progressReporter({ write: (t) => void (log += t), isTTY: false, now: () => t })
 */
export function progressReporter(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 15_000;
  let shown = false;
  let claim = '';
  let started = 0;
  let lastLine = 0;
  return {
    onProgress: (p) => {
      const t = now();
      if (p.claimId !== claim) {
        claim = p.claimId;
        started = t;
        lastLine = t;
      }
      if (options.isTTY) {
        const filled = p.shrinking ? WIDTH : Math.round((WIDTH * Math.min(p.casesDone, p.casesPlanned)) / Math.max(1, p.casesPlanned));
        options.write(`\r\x1b[2K  ${p.claimId} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${counts(p)}`);
        shown = true;
      } else if (t - lastLine >= interval) {
        lastLine = t;
        options.write(`  ... ${p.claimId}: ${counts(p)}, ${((t - started) / 1000).toFixed(0)} s\n`);
      }
    },
    clear: () => {
      if (shown) options.write('\r\x1b[2K');
      shown = false;
    },
  };
}
