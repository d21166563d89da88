/**
 * Progress of an audit: on a terminal, one bar redrawn in place with the ETA; otherwise (CI
 * logs, pipes) one plain line per finished trial.
 *
 * The ETA learns from finished trials. A trial's static cost estimate (TrialSpec.cost) was
 * off by 3-17x between experiments (quick tier, seed 1: Zhong Fig. 1(c) was 2.2% of the
 * estimated cost and 37% of the worker time), so the cost alone cannot say how long the rest
 * takes. Instead a trial's worker time is learnt as its trials finish: a per-trial fixed cost
 * plus each experiment's milliseconds per unit of estimated cost, shrunk toward the global rate
 * by one pseudo-trial of the experiment's mean cost (etaCostModel.ts: without the fixed cost
 * the ETA ran ~0.6x low at the end of quick runs, where only small trials are left), and the
 * remaining trials are converted with it. That remaining worker time is divided by the parallelism measured so
 * far (finished worker time / elapsed wall time), which carries the number of workers and the
 * machine's load. Without measured times (ms 0) it falls back to elapsed x remaining cost /
 * finished cost.
 *
 * @example
 * ```ts
 * const p = createProgress({ trials: [{ experiment: 'fig2a', cost: 0.5 }], isTTY: false, write: console.log });
 * p.done({ id: 'fig2a/init=random/trial=0', experiment: 'fig2a', cost: 0.5 }, 1200);
 * p.finish();
 * ```
 */

import { createCostModel, type CostModelKind } from './etaCostModel.js';

/** A trial as the progress sees it. */
export interface ProgressTrial {
  readonly experiment: string;
  /** The static cost estimate (TrialSpec.cost). */
  readonly cost: number;
}

/** Where and how to report. */
export interface ProgressOptions {
  /** The trials to run. */
  readonly trials: readonly ProgressTrial[];
  readonly isTTY: boolean;
  readonly write: (text: string) => void;
  /** Clock (injected for specs). */
  readonly now?: () => number;
  /** The ETA's model of a trial's time (etaCostModel.ts); 'proportional' is the baseline before the intercept. */
  readonly costModel?: CostModelKind;
}

/** A progress reporter. */
export interface Progress {
  /** A trial finished after `ms` of worker time. */
  done(trial: ProgressTrial & { readonly id: string }, ms: number): void;
  /** A trial failed (reported, never hidden); its cost leaves the remaining work. */
  failed(trial: ProgressTrial & { readonly id: string }, message: string): void;
  /** The estimated wall time to the end in ms (NaN before any trial finished). */
  eta(): number;
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

/** Per experiment: trials and cost still to run, and cost and worker time finished. */
interface Tally {
  remainingCount: number;
  remainingCost: number;
  doneCost: number;
  doneMs: number;
  /** Mean cost of the experiment's trials: the weight of the global rate in its estimate. */
  readonly meanCost: number;
}

/** Creates the reporter. */
export function createProgress(o: ProgressOptions): Progress {
  const now = o.now ?? Date.now;
  const start = now();
  const total = o.trials.length;
  const tallies = new Map<string, Tally>();
  const model = createCostModel(o.costModel ?? 'affine');
  const counts = new Map<string, { n: number; cost: number }>();
  for (const t of o.trials) {
    const c = counts.get(t.experiment) ?? { n: 0, cost: 0 };
    c.n++;
    c.cost += t.cost;
    counts.set(t.experiment, c);
  }
  for (const [e, c] of counts) tallies.set(e, { remainingCount: c.n, remainingCost: c.cost, doneCost: 0, doneMs: 0, meanCost: c.cost / c.n });
  let count = 0;
  const tally = (e: string): Tally => {
    let t = tallies.get(e);
    if (t === undefined) tallies.set(e, (t = { remainingCount: 0, remainingCost: 0, doneCost: 0, doneMs: 0, meanCost: 0 }));
    return t;
  };
  const eta = (): number => {
    const elapsed = now() - start;
    let doneCost = 0;
    let doneMs = 0;
    let remainingCost = 0;
    for (const t of tallies.values()) {
      doneCost += t.doneCost;
      doneMs += t.doneMs;
      remainingCost += t.remainingCost;
    }
    if (!(doneCost > 0)) return remainingCost > 0 ? NaN : 0;
    if (!(doneMs > 0)) return (elapsed * remainingCost) / doneCost;
    const remaining = new Map([...tallies].map(([e, t]) => [e, { count: t.remainingCount, cost: t.remainingCost, meanCost: t.meanCost }]));
    // Remaining worker time over the parallelism measured so far (finished worker ms / elapsed).
    return (elapsed * model.remainingMs(remaining)) / doneMs;
  };
  const bar = () => {
    const width = 30;
    const fill = total === 0 ? width : Math.round((width * count) / total);
    return `\r[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${count}/${total} trials  elapsed ${formatDuration(now() - start)}  ETA ${formatDuration(eta())}   `;
  };
  const leave = (trial: ProgressTrial) => {
    const t = tally(trial.experiment);
    t.remainingCost = Math.max(0, t.remainingCost - trial.cost);
    t.remainingCount = Math.max(0, t.remainingCount - 1);
    return t;
  };
  return {
    done(trial, ms) {
      count++;
      const t = leave(trial);
      t.doneCost += trial.cost;
      t.doneMs += Math.max(0, ms);
      model.add(trial.experiment, { cost: trial.cost, ms });
      if (o.isTTY) o.write(bar());
      else o.write(`[${count}/${total}] ${trial.id} (${formatDuration(ms)}), ETA ${formatDuration(eta())}\n`);
    },
    failed(trial, message) {
      count++;
      leave(trial);
      o.write(`${o.isTTY ? '\n' : ''}trial ${trial.id} FAILED: ${message}\n`);
    },
    eta,
    finish() {
      if (o.isTTY) o.write(`${bar()}\n`);
      o.write(`${count} trial(s) run in ${formatDuration(now() - start)}\n`);
    },
  };
}
