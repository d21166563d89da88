/**
 * The shape shared by Figures 2(b) and 2(c): success rate of recovery against a rescaled
 * sample size N / s, one curve per value of s (s = d in 2(b), s = K in 2(c)). The claim "the
 * sample complexity is linear in s" is tested on the threshold: the rescaled N at which the
 * success rate crosses 1/2, with a bootstrap interval per curve; linear means the thresholds
 * agree across s (thresholdVerdict.ts). Every failed run gets a reason (failureReason.ts),
 * counted per cell in the report and listed per run in verdicts.json; runs still converging
 * when the budget (scaled with 1/eta) ran out are bracketed, never counted against the claim.
 *
 * @example
 * ```ts
 * export const fig2b = successCurveExperiment({ id: 'fig2b', scaleBy: 'd', ... });
 * ```
 */
import { FAILURE_REASONS, failureReason, type FailureDiagnosis } from './failureReason.js';
import type { InitKind } from './initialize.js';
import { recoveryTrial } from './recovery.js';
import { PAPER } from './settings.js';
import { fmt, fmtInterval } from './stats.js';
import { startBallTable } from './startBall.js';
import { threshold, thresholdPower, thresholdVerdict, type Curve } from './thresholdVerdict.js';
import { BALL_C } from '../../theory/claims.js';
import { num, type AuditTier, type Experiment, type Params, type Section, type TrialRecord, type TrialSpec } from './types.js';
import { successCurveCostScale } from './costCalibration.js';
import { clopperPearson, dodge, errorBarLayer, PLOT_LEVEL } from './plotBands.js';

/**
 * The step budget of a curve: the paper's 3000 steps at eta = 0.5, scaled with 1/eta so a
 * smaller step gets as far (eta x budget = 1500 for every curve; Fig. 2(c) at K = 10 ran out
 * of a fixed 3000 steps while still converging).
 */
export function stepBudget(eta: number): number {
  return Math.round((PAPER.maxIterations * PAPER.eta) / eta);
}

/**
 * GD also stops at |grad L_N|_F <= 1e-9. Near W*, |grad| >= mu e with mu = lambda_min(H_N(W*))
 * >= 0.0089 (measured at N/K >= 40, d = 20, K = 5..15), so such a point is within 1.2e-7 of W*,
 * deep inside the success ball (1e-3 |W*|_F >= 2e-3): a gradient stop that is not a success is
 * a stationary point away from W*.
 */
export const GRADIENT_TOLERANCE = 1e-9;

/**
 * A run whose loss is still falling when its budget runs out continues for up to this many
 * further budgets (recovery.ts), so few runs stay undecided. Measured (Fig. 2(c), seed 1): a
 * K = 15 run still converging at 9000 steps reached W* 5,700 steps later.
 */
export const EXTENSIONS = 3;

/** The grid and settings of a success-rate experiment, per tier. */
export interface SuccessCurveDesign {
  readonly id: string;
  readonly title: string;
  /** See Experiment.revision. */
  readonly revision: number;
  readonly citation: string;
  /** Which setting the sample size is rescaled by. */
  readonly scaleBy: 'd' | 'K';
  /** The curves: values of the rescaling setting, with the other one fixed. */
  readonly curves: readonly { readonly d: number; readonly K: number }[];
  readonly init: InitKind;
  /** Step size for a curve (the paper's 0.5 unless it diverges). */
  readonly eta: (K: number) => number;
  /**
   * Ratios and trials per ratio; `endTrials` (default `trials`) at the grid's largest ratio,
   * where the verdict tests whether a curve that never reaches 1/2 lies beyond the grid.
   */
  readonly grid: Readonly<Record<AuditTier, { readonly ratios: readonly number[]; readonly trials: number; readonly endTrials?: number }>>;
  readonly notes: readonly string[];
  /** Ours beside the paper's statements about the figure (report/paperValues.ts), by entry id. */
  readonly paperComparison?: (f: SuccessCurveFacts) => Record<string, string>;
}

/** What a success-rate section measured and ran, in words, for its paper comparison. */
export interface SuccessCurveFacts {
  /** Values of the rescaling setting, e.g. "20, 50, 100". */
  readonly scales: string;
  /** The rescaled grid, e.g. "N/d = 4, 10, 20". */
  readonly grid: string;
  /** Trials per point, e.g. "3" or "10 (20 at N/K = 400)". */
  readonly trials: string;
  /** The fitted thresholds per curve with their intervals. */
  readonly thresholds: string;
  /** Step sizes per curve. */
  readonly etas: string;
}

interface Row {
  readonly id: string;
  readonly s: number;
  readonly ratio: number;
  readonly failure: FailureDiagnosis | undefined;
  readonly initUsed: string;
}

/** Builds the experiment from its design. */
export function successCurveExperiment(design: SuccessCurveDesign): Experiment {
  const key = design.scaleBy;
  return {
    id: design.id,
    title: design.title,
    revision: design.revision,
    trials(tier: AuditTier): readonly TrialSpec[] {
      const out: TrialSpec[] = [];
      const g = design.grid[tier];
      const init = design.init;
      for (const { d, K } of design.curves) {
        const s = key === 'd' ? d : K;
        const end = Math.max(...g.ratios);
        for (const ratio of g.ratios) {
          const count = ratio === end ? (g.endTrials ?? g.trials) : g.trials;
          for (let trial = 0; trial < count; trial++) {
            const N = ratio * s;
            out.push({
              id: `${design.id}/init=${init}/d=${d}/K=${K}/ratio=${ratio}/trial=${trial}`,
              experiment: design.id,
              params: { d, K, N, ratio, trial },
              cost: N * d * K * stepBudget(design.eta(K)) * 1e-9 * successCurveCostScale(design.id),
            });
          }
        }
      }
      return out;
    },
    runTrial(params: Params, seed: number) {
      const d = num(params, 'd');
      const K = num(params, 'K');
      const eta = design.eta(K);
      const r = recoveryTrial(
        {
          d,
          K,
          N: num(params, 'N'),
          noiseStd: 0,
          init: design.init,
          eta,
          iterations: stepBudget(eta),
          lossTolerance: PAPER.lossTolerance,
          gradientTolerance: GRADIENT_TOLERANCE,
          extensions: EXTENSIONS,
        },
        seed,
      );
      return { ...r, success: typeof r.relError === 'number' && r.relError <= PAPER.successThreshold };
    },
    summarize(records: readonly TrialRecord[]): Section {
      const rows: Row[] = [...records]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((r) => ({ id: r.id, s: num(r.params, key), ratio: num(r.params, 'ratio'), failure: failureReason(r.result, PAPER.successThreshold), initUsed: String(r.result.initUsed) }));
      const scales = [...new Set(rows.map((r) => r.s))].sort((a, b) => a - b);
      const ratios = [...new Set(rows.map((r) => r.ratio))].sort((a, b) => a - b);
      const cell = (s: number, q: number) => rows.filter((r) => r.s === s && r.ratio === q);
      // Outcomes per cell; a run still converging is a failure in one bracket, a success in the other.
      const curves = (undecidedAs: number): Curve[] =>
        scales.map((s) => {
          const present = ratios.filter((q) => cell(s, q).length > 0);
          return { s, ratios: present, outcomes: present.map((q) => cell(s, q).map((r) => (r.failure === undefined ? 1 : r.failure.reason === 'still converging' ? undecidedAs : 0))) };
        });
      const pessimistic = curves(0);
      const points = pessimistic.flatMap((c) => c.ratios.map((q, i) => ({ s: c.s, ratio: q, rate: c.outcomes[i].reduce((a, b) => a + b, 0) / c.outcomes[i].length, n: c.outcomes[i].length })));
      const thresholds = pessimistic.map((c) => ({ s: c.s, interval: threshold(c, `${design.id}/${key}=${c.s}`) }));
      const failed = rows.filter((r) => r.failure !== undefined);
      const undecided = failed.filter((r) => r.failure!.reason === 'still converging').length;
      const provisional = rows.some((r) => r.initUsed !== design.init);
      const ball = startBallTable(
        design.title,
        key,
        `N/${key}`,
        scales.flatMap((sc) => ratios.map((q) => ({ s: sc, ratio: q, results: records.filter((r) => num(r.params, key) === sc && num(r.params, 'ratio') === q).map((r) => r.result) }))).filter((c) => c.results.length > 0),
      );
      const label = `N/${key}`;
      // Each point with its exact 90% binomial interval; series dodged sideways (Fig. 2(c)'s
      // K = 10 and K = 15 both sit at 0 and one hid the other) and told apart by dash and shape too.
      const plotted = points.map((p) => {
        const successes = Math.round(p.rate * p.n);
        const ci = clopperPearson(successes, p.n);
        return { [key]: String(p.s), [label]: p.ratio, x: dodge(p.ratio, scales.indexOf(p.s), scales.length), 'success rate': p.rate, lo: ci.lo, hi: ci.hi, trials: `${successes}/${p.n}` };
      });
      const series = { field: key, type: 'nominal', sort: scales.map(String) };
      const xAxis = { field: 'x', type: 'quantitative', title: label, scale: { type: 'log', nice: false, padding: 10 } };
      // A little room below 0 and above 1: a curve at rate 0 would otherwise lie on the axis line.
      const rateAxis = { field: 'success rate', type: 'quantitative', title: `success rate (${PLOT_LEVEL * 100}% interval)`, scale: { domain: [-0.04, 1.04], nice: false }, axis: { values: [0, 0.2, 0.4, 0.6, 0.8, 1] } };
      const vegaLite = {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width: 420,
        height: 260,
        layer: [
          { mark: { type: 'rule', color: '#999', strokeDash: [4, 3] }, encoding: { y: { datum: 0.5, type: 'quantitative' } } },
          errorBarLayer(plotted, { x: xAxis, lo: 'lo', hi: 'hi', color: series, y: rateAxis }),
          {
            data: { values: plotted },
            mark: { type: 'line', point: { filled: true, size: 50 } },
            encoding: {
              x: xAxis,
              y: rateAxis,
              color: series,
              strokeDash: { field: key, type: 'nominal', sort: scales.map(String) },
              shape: { field: key, type: 'nominal', sort: scales.map(String) },
            },
          },
        ],
      };
      const verdict = thresholdVerdict({
        claim: `sample complexity linear in ${key}: the threshold ${label}* is the same for every ${key}`,
        citation: design.citation,
        key,
        label,
        name: design.id,
        pessimistic,
        optimistic: curves(1),
        undecided,
      });
      const budgets = [...new Set(design.curves.map((c) => `${key} = ${key === 'd' ? c.d : c.K}: ${stepBudget(design.eta(c.K))}`))].join(', ');
      return {
        id: design.id,
        title: design.title,
        notes: [
          ...design.notes,
          `step budget scaled with 1/eta (3000 x 0.5 / eta; ${budgets}); GD also stops at |grad L_N|_F <= ${GRADIENT_TOLERANCE}, and a run whose loss is still falling at the budget's end gets up to ${EXTENSIONS} further budgets. Every failed run gets a reason (see the failure table): spurious stationary point (gradient stop, zero loss away from W*, or a plateau: L_N fell by < 1% over the budget's last 10%), still converging (the loss still falling after the extensions), diverged.`,
          `success: aligned relative error <= ${PAPER.successThreshold}; threshold ${label}* = where the success rate first reaches 1/2 (linear interpolation), 90% percentile-bootstrap interval over trials (${'inf'} = not reached within the grid in that share of resamples). Runs still converging count as failures in the plot and the threshold table; the verdict is taken both ways.`,
          `Theorem 4.2 speaks only for starts in |W0 - W*|_F <= c s_K / (lambda kappa^3 K^2) (c left open; relucheck's property suite uses c = ${BALL_C.value}): ${ball.inside} of ${ball.starts} starts lie inside that ball and ${ball.withinHalfSK} within s_K/2 of W* (aligned distances; the start table gives the c each start needs), so the success rates measure ${ball.inside === 0 ? 'GD from outside the ball, where the theorem says nothing' : 'GD partly from inside the ball'}.`,
          ...(provisional ? [`PROVISIONAL: some records used another initialization than ${design.init} (see results.jsonl, initUsed).`] : []),
        ],
        figures: [{ id: design.id, title: design.title, caption: `Success rate against ${label} (log axis), one curve per ${key}, with exact ${PLOT_LEVEL * 100}% (Clopper-Pearson) intervals over the trials of each point; curves are dodged sideways by a few percent of ${label} so that equal rates stay visible, and the grey rule is the rate 1/2 that defines the threshold.`, vegaLite }],
        tables: [
          {
            title: `${design.title}: success rate (successes / trials)`,
            columns: [key, ...ratios.map((q) => `${label}=${q}`)],
            rows: scales.map((s) => [
              s,
              ...ratios.map((q) => {
                const p = points.find((e) => e.s === s && e.ratio === q);
                return p ? `${fmt(p.rate)} (${Math.round(p.rate * p.n)}/${p.n})` : '-';
              }),
            ]),
          },
          {
            title: `${design.title}: why runs failed (counts per cell; every run in verdicts.json)`,
            columns: [key, label, 'trials', 'successes', ...FAILURE_REASONS],
            rows: scales.flatMap((s) =>
              ratios
                .filter((q) => cell(s, q).length > 0)
                .map((q) => [s, q, cell(s, q).length, cell(s, q).filter((r) => r.failure === undefined).length, ...FAILURE_REASONS.map((why) => cell(s, q).filter((r) => r.failure?.reason === why).length)]),
            ),
          },
          ball.table,
          {
            title: `${design.title}: fitted threshold ${label}*`,
            columns: [key, `${label}* [90% interval]`],
            rows: thresholds.map((t) => [t.s, fmtInterval(t.interval)]),
          },
        ],
        paperComparison: design.paperComparison?.({
          scales: scales.join(', '),
          grid: `${label} = ${ratios.join(', ')}`,
          trials: [...new Set(scales.flatMap((sc) => ratios.map((q) => cell(sc, q).length)).filter((n) => n > 0))].join(' or '),
          thresholds: thresholds.map((t) => `${key} = ${t.s}: ${fmtInterval(t.interval)}`).join('; '),
          etas: [...new Set(design.curves.map((c) => `${key} = ${key === 'd' ? c.d : c.K}: ${fmt(design.eta(c.K))}`))].join(', '),
        }),
        verdicts: [{ ...verdict, power: { quick: thresholdPower(design.grid.quick, label), full: thresholdPower(design.grid.full, label) }, failedRuns: failed.map((r) => ({ id: r.id, reason: r.failure!.reason, detector: r.failure!.detector })) }],
      };
    },
  };
}
