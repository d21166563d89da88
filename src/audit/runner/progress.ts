/**
 * Progress of an audit: on a terminal, one bar redrawn in place with the ETA; otherwise (CI
 * logs, pipes) one plain line per finished trial. The ETA weighs trials by their cost
 * estimate, so long trials count for what they take.
 *
 * @example
 * ```ts
 * const p = createProgress({ total: 10, totalCost: 5, isTTY: false, write: console.log });
 * p.done('fig2a/init=random/trial=0', 0.5, 1200);
 * p.finish();
 * ```
 */

/** Where and how to report. */
export interface ProgressOptions {
  readonly total: number;
  readonly totalCost: number;
  readonly isTTY: boolean;
  readonly write: (text: string) => void;
  /** Clock (injected for specs). */
  readonly now?: () => number;
}

/** A progress reporter. */
export interface Progress {
  /** A trial finished. */
  done(id: string, cost: number, ms: number): void;
  /** A trial failed (reported, never hidden). */
  failed(id: string, message: string): void;
  finish(): void;
}

/** "1h02m", "3m05s", "12s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Creates the reporter. */
export function createProgress(o: ProgressOptions): Progress {
  const now = o.now ?? Date.now;
  const start = now();
  let count = 0;
  let cost = 0;
  const eta = () => {
    const elapsed = now() - start;
    return cost > 0 ? (elapsed * (o.totalCost - cost)) / cost : NaN;
  };
  const bar = () => {
    const width = 30;
    const fill = o.total === 0 ? width : Math.round((width * count) / o.total);
    return `\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${count}/${o.total} trials  elapsed ${formatDuration(now() - start)}  ETA ${formatDuration(eta())}   `;
  };
  return {
    done(id, c, ms) {
      count++;
      cost += c;
      if (o.isTTY) o.write(bar());
      else o.write(`[${count}/${o.total}] ${id} (${formatDuration(ms)}), ETA ${formatDuration(eta())}\n`);
    },
    failed(id, message) {
      count++;
      o.write(`${o.isTTY ? '\n' : ''}trial ${id} FAILED: ${message}\n`);
    },
    finish() {
      if (o.isTTY) o.write(`${bar()}\n`);
      o.write(`${count} trial(s) run in ${formatDuration(now() - start)}\n`);
    },
  };
}
