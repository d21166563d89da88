/**
 * Fig. 2(a)'s theory curve and its verdict: per run, the steps per decade of loss predicted
 * from lambda_min of H_N(W*) (recorded by the trial) against the rate measured over the
 * linear-rate window, and the dashed theory line drawn through the window's centre with the
 * predicted slope. Kept apart from fig2a.ts so the rule can be tested on planted records.
 *
 * @example
 * ```ts
 * const t = rateTheory(records, [1e-22, 1e-18], { below: 0.02, above: 0.005 });
 * t.verdict.status; t.rows; t.lines;
 * ```
 */
import { fitLine } from '../../core/stats/fitLine.js';
import { measuredStepsPerDecade, rateAgreement, type RateTolerance } from '../../theory/localLinearRate.js';
import { fmt } from './stats.js';
import type { TrialRecord, Verdict } from './types.js';

/** One run's measured and predicted rate. */
export interface RunRate {
  readonly run: string;
  readonly measured: number;
  readonly predicted: number;
  readonly ratio: number;
  readonly agrees: boolean;
}

/** A point of a theory line (for the figure). */
export interface TheoryPoint {
  readonly t: number;
  readonly 'log10 loss': number;
  readonly run: string;
}

/** What the theory contributes to the section. */
export interface RateTheory {
  readonly runs: readonly RunRate[];
  readonly lines: readonly TheoryPoint[];
  readonly verdict: Verdict;
}

/**
 * The theory-rate comparison over `records` (each with `log10Loss` and
 * `predictedStepsPerDecade`), with the window [lo, hi] of loss and a relative tolerance.
 * Supported when every run that crosses the window agrees; not supported when one that
 * crosses it disagrees; inconclusive when none crosses it (those runs are counted).
 */
export function rateTheory(records: readonly TrialRecord[], window: readonly [number, number], tolerance: RateTolerance): RateTheory {
  const [lo, hi] = window;
  const runs: RunRate[] = [];
  const lines: TheoryPoint[] = [];
  let uncrossed = 0;
  for (const r of records) {
    const curve = r.result.log10Loss as readonly number[];
    const predicted = Number(r.result.predictedStepsPerDecade);
    const measured = measuredStepsPerDecade(curve, lo, hi);
    if (!Number.isFinite(measured) || !Number.isFinite(predicted)) {
      uncrossed++;
      continue;
    }
    const { ratio, agrees } = rateAgreement(measured, predicted, tolerance);
    runs.push({ run: r.id, measured, predicted, ratio, agrees });
    // Anchor at the centre of the measured window, so the lines overlay where they are compared.
    const ts = curve.map((_, t) => t).filter((t) => curve[t] >= Math.log10(lo) && curve[t] <= Math.log10(hi));
    const { a, b } = fitLine(ts, ts.map((t) => curve[t]));
    const tc = (ts[0] + ts[ts.length - 1]) / 2;
    const yc = a + b * tc;
    const span = ts[ts.length - 1] - ts[0];
    // Drawn back to loss ~1e-4 so a reader sees where the early curve departs from the slowest mode.
    const start = curve.findIndex((v) => v <= -4);
    for (const t of [Math.max(0, start), ts[ts.length - 1] + span / 4]) {
      lines.push({ t: Math.round(t), 'log10 loss': yc - (t - tc) / predicted, run: r.id });
    }
  }
  const bad = runs.filter((x) => !x.agrees);
  const ratios = runs.map((x) => x.ratio);
  const range = runs.length ? `measured / predicted in [${fmt(Math.min(...ratios))}, ${fmt(Math.max(...ratios))}]` : 'no run to compare';
  const verdict: Verdict = {
    claim: `the local linear rate equals the theory's, 1 / (-2 log10(1 - eta lambda_min(H_N(W*)))) steps per decade (measured / predicted in [${1 - tolerance.below}, ${1 + tolerance.above}])`,
    citation: 'Zhang et al. 2019, Fig. 2(a), with the exact local rate at a noiseless minimum (relucheck)',
    status: runs.length === 0 ? 'inconclusive' : bad.length === 0 ? 'supported' : 'not supported',
    evidence:
      `steps per decade of loss fitted over loss in [${lo}, ${hi}], against the prediction from each run's own H_N(W*): ${range} over ${runs.length} run(s)` +
      `${bad.length ? `; outside the tolerance: ${bad.map((x) => `${x.run} (${fmt(x.ratio)})`).join(', ')}` : ''}` +
      `${uncrossed ? `; ${uncrossed} run(s) never crossed the window (stuck, or not converged), not compared` : ''}.`,
  };
  return { runs, lines, verdict };
}
