/**
 * The shape shared by Figures 2(b) and 2(c): success rate of recovery against a rescaled
 * sample size N / s, one curve per value of s (s = d in 2(b), s = K in 2(c)). The claim "the
 * sample complexity is linear in s" is tested on the threshold: the rescaled N at which the
 * success rate crosses 1/2, with a bootstrap interval per curve; linear means the thresholds
 * agree across s (their intervals share a point).
 *
 * @example
 * ```ts
 * export const fig2b = successCurveExperiment({ id: 'fig2b', scaleBy: 'd', ... });
 * ```
 */
import type { InitKind } from './initialize.js';
import { recoveryTrial } from './recovery.js';
import { PAPER } from './settings.js';
import { bootstrap, crossing, fmt, fmtInterval, intervalsOverlap, type Interval } from './stats.js';
import {
  num,
  type AuditTier,
  type Experiment,
  type Params,
  type Section,
  type TrialRecord,
  type TrialSpec,
  type Verdict,
} from './types.js';

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
  readonly grid: Readonly<Record<AuditTier, { readonly ratios: readonly number[]; readonly trials: number }>>;
  readonly notes: readonly string[];
}

interface Row {
  readonly s: number;
  readonly ratio: number;
  readonly success: boolean;
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
        for (const ratio of g.ratios) {
          for (let trial = 0; trial < g.trials; trial++) {
            const N = ratio * s;
            out.push({
              id: `${design.id}/init=${init}/d=${d}/K=${K}/ratio=${ratio}/trial=${trial}`,
              experiment: design.id,
              params: { d, K, N, ratio, trial },
              cost: N * d * K * PAPER.maxIterations * 1e-9,
            });
          }
        }
      }
      return out;
    },
    runTrial(params: Params, seed: number) {
      const d = num(params, 'd');
      const K = num(params, 'K');
      const r = recoveryTrial(
        {
          d,
          K,
          N: num(params, 'N'),
          noiseStd: 0,
          init: design.init,
          eta: design.eta(K),
          iterations: PAPER.maxIterations,
          lossTolerance: PAPER.lossTolerance,
        },
        seed,
      );
      return { ...r, success: typeof r.relError === 'number' && r.relError <= PAPER.successThreshold };
    },
    summarize(records: readonly TrialRecord[]): Section {
      const rows: Row[] = records.map((r) => ({
        s: num(r.params, key),
        ratio: num(r.params, 'ratio'),
        success: r.result.success === true,
        initUsed: String(r.result.initUsed),
      }));
      const scales = [...new Set(rows.map((r) => r.s))].sort((a, b) => a - b);
      const ratios = [...new Set(rows.map((r) => r.ratio))].sort((a, b) => a - b);
      const points: { s: number; ratio: number; rate: number; n: number }[] = [];
      const thresholds: { s: number; interval: Interval }[] = [];
      for (const s of scales) {
        const groups = ratios.map((q) => rows.filter((r) => r.s === s && r.ratio === q).map((r) => (r.success ? 1 : 0)));
        groups.forEach((g, i) => {
          if (g.length > 0) points.push({ s, ratio: ratios[i], rate: g.reduce((a: number, b) => a + b, 0) / g.length, n: g.length });
        });
        const present = groups.map((g, i) => ({ g, x: ratios[i] })).filter((e) => e.g.length > 0);
        const stat = (gs: readonly (readonly number[])[]) =>
          crossing(
            present.map((e) => e.x),
            gs.map((g) => g.reduce((a, b) => a + b, 0) / g.length),
          );
        thresholds.push({ s, interval: bootstrap(present.map((e) => e.g), stat, `${design.id}/${key}=${s}`) });
      }
      const provisional = rows.some((r) => r.initUsed !== design.init);
      const label = `N/${key}`;
      const vegaLite = {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width: 420,
        height: 260,
        data: { values: points.map((p) => ({ [key]: String(p.s), [label]: p.ratio, 'success rate': p.rate, trials: p.n })) },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: label, type: 'quantitative' },
          y: { field: 'success rate', type: 'quantitative', scale: { domain: [0, 1] } },
          color: { field: key, type: 'nominal', sort: scales.map(String) },
        },
      };
      const verdict = thresholdVerdict(design, thresholds, label);
      return {
        id: design.id,
        title: design.title,
        notes: [
          ...design.notes,
          `success: aligned relative error <= ${PAPER.successThreshold}; threshold ${label}* = where the success rate first reaches 1/2 (linear interpolation), 90% percentile-bootstrap interval over trials (${'inf'} = not reached within the grid in that share of resamples).`,
          ...(provisional ? [`PROVISIONAL: some records used another initialization than ${design.init} (see results.jsonl, initUsed).`] : []),
        ],
        figures: [{ id: design.id, title: design.title, caption: `Success rate against ${label}, one curve per ${key}.`, vegaLite }],
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
            title: `${design.title}: fitted threshold ${label}*`,
            columns: [key, `${label}* [90% interval]`],
            rows: thresholds.map((t) => [t.s, fmtInterval(t.interval)]),
          },
        ],
        verdicts: [verdict],
      };
    },
  };
}

function thresholdVerdict(design: SuccessCurveDesign, thresholds: { s: number; interval: Interval }[], label: string): Verdict {
  const claim = `sample complexity linear in ${design.scaleBy}: the threshold ${label}* is the same for every ${design.scaleBy}`;
  const list = thresholds.map((t) => `${design.scaleBy} = ${t.s}: ${fmtInterval(t.interval)}`).join('; ');
  if (thresholds.length < 2) {
    return { claim, citation: design.citation, status: 'inconclusive', evidence: `fewer than two curves have trials (${list || 'none'}).` };
  }
  const unreached = thresholds.filter((t) => !Number.isFinite(t.interval.estimate));
  if (unreached.length > 0) {
    return {
      claim,
      citation: design.citation,
      status: 'inconclusive',
      evidence: `the success rate never reaches 1/2 within the grid for ${unreached.map((t) => `${design.scaleBy} = ${t.s}`).join(', ')} (${list}).`,
    };
  }
  const ok = intervalsOverlap(thresholds.map((t) => t.interval));
  return {
    claim,
    citation: design.citation,
    status: ok ? 'supported' : 'not supported',
    evidence: ok
      ? `the 90% intervals of ${label}* share a common value across ${design.scaleBy} (${list}).`
      : `the 90% intervals of ${label}* are disjoint across ${design.scaleBy} (${list}).`,
  };
}
