/**
 * How tight each bound of Lemmas 5.1-5.3 and Theorem 4.2 is on the audit's instances: the
 * measured quantity over the paper's expression evaluated with the constant relucheck's
 * property suite uses (src/theory/claims.ts), e.g. mu / (c_mu / (lambda kappa^2)). A lower
 * bound holds where tightness >= 1 and is loose by the factor tightness; an upper bound holds
 * where tightness <= 1 and is loose by 1 / tightness. Since each measured constant is already
 * the quantity over the expression without its constant, tightness is that constant over
 * relucheck's; its slopes on log K and log kappa are the scaling verdicts' slopes, and its
 * plots against K and kappa show where the expression's powers of K and kappa overshoot.
 *
 * @example
 * ```ts
 * tightnessOf(TIGHTNESS_BOUNDS[0], record); // mu lambda kappa^2 / 0.027
 * const summary = summarizeTightness(TIGHTNESS_BOUNDS[0], records); // median, range, holds
 * ```
 */
import { BALL_C, claimTheory } from '../../theory/claims.js';
import { quantile } from './stats.js';
import { num, type FigureSpec, type TrialRecord } from './types.js';

/** One bound: the measured constant's result key, the paper's expression and relucheck's constant. */
export interface TightnessBound {
  /** The result key of the measured constant (constants.ts CONSTANTS). */
  readonly key: string;
  /** The quantity bounded, in words. */
  readonly quantity: string;
  /** The paper's bound with the constant named. */
  readonly expression: string;
  readonly direction: 'lower' | 'upper';
  /** relucheck's value of the constant, and the claim of src/theory/claims.ts that fixes it. */
  readonly constant: { readonly symbol: string; readonly value: number; readonly claim: string };
}

function fromClaim(claim: string, name: string): TightnessBound['constant'] {
  const c = claimTheory(claim).constants[name];
  if (c === undefined) throw new Error(`claim ${claim} has no constant ${name} (src/theory/claims.ts)`);
  return { symbol: c.symbol, value: c.value, claim };
}

/** The six bounds, in the order of constants.ts CONSTANTS. */
export const TIGHTNESS_BOUNDS: readonly TightnessBound[] = [
  { key: 'muLambdaKappa2', quantity: 'lambda_min(H(W*))', expression: 'c_mu / (lambda kappa^2)', direction: 'lower', constant: fromClaim('strong-convexity-population', 'cMu') },
  { key: 'LOverKappaK2', quantity: 'lambda_max(H) on the s_K/2 ball', expression: 'c_L kappa K^2', direction: 'upper', constant: fromClaim('strong-convexity-population', 'cL') },
  { key: 'c2', quantity: '|grad L_N - grad L|_F on the s_K/2 ball', expression: 'c2 sqrt(d K^5 log N / N)(|W*|_F + nu)', direction: 'upper', constant: fromClaim('gradient-concentration', 'c2') },
  { key: 'c3', quantity: '1 - rho (measured contraction per step)', expression: 'c3 eta / (lambda kappa^2)', direction: 'lower', constant: fromClaim('contraction', 'c3') },
  { key: 'c4', quantity: '|W^T - W*|_F^2 after noisy GD', expression: 'c4 lambda^2 kappa^4 K^5 (d log N / N)(|W*|_F^2 + nu^2)', direction: 'upper', constant: fromClaim('contraction', 'c4') },
  { key: 'cRadius', quantity: 'radius of positive definiteness', expression: 'c s_K / (lambda kappa^3 K^2)', direction: 'lower', constant: { symbol: BALL_C.symbol, value: BALL_C.value, claim: 'BALL_C' } },
];

/** Measured over bound for one instance (NaN when the record lacks the constant). */
export function tightnessOf(b: TightnessBound, r: TrialRecord): number {
  const v = r.result[b.key];
  return typeof v === 'number' ? v / b.constant.value : NaN;
}

/** Whether a tightness value means the bound holds on that instance. */
export function boundHolds(b: TightnessBound, t: number): boolean {
  return b.direction === 'lower' ? t >= 1 : t <= 1;
}

/** A bound's tightness over the instances (also written to verdicts.json). */
export interface TightnessSummary {
  readonly expression: string;
  readonly direction: 'lower' | 'upper';
  readonly constant: TightnessBound['constant'];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Instances where the bound with relucheck's constant holds, of `instances`. */
  readonly holds: number;
  readonly instances: number;
  /** The factor by which the bound is loose at the median (tightness, or its inverse for an upper bound). */
  readonly medianSlack: number;
}

/** Summary of one bound over the records (non-finite values left out). */
export function summarizeTightness(b: TightnessBound, records: readonly TrialRecord[]): TightnessSummary {
  const t = records.map((r) => tightnessOf(b, r)).filter(Number.isFinite);
  const median = quantile(t, 0.5);
  return {
    expression: b.expression,
    direction: b.direction,
    constant: b.constant,
    median,
    min: t.length ? Math.min(...t) : NaN,
    max: t.length ? Math.max(...t) : NaN,
    holds: t.filter((x) => boundHolds(b, x)).length,
    instances: t.length,
    medianSlack: b.direction === 'lower' ? median : 1 / median,
  };
}

/** A bound's row label in the figure, e.g. "c2: upper bound, c2 = 0.8". */
function boundLabel(b: TightnessBound, label: (key: string) => string): string {
  return `${label(b.key)}: ${b.direction} bound, ${b.constant.symbol} = ${b.constant.value}`;
}

/**
 * The figure's data: per instance and bound, one point against K (coloured by kappa) and one
 * against kappa (coloured by K), so one faceted chart shows both dependences.
 */
export function tightnessPoints(records: readonly TrialRecord[], label: (key: string) => string): Record<string, number | string>[] {
  const out: Record<string, number | string>[] = [];
  for (const r of records) {
    const K = num(r.params, 'K');
    const kappa = num(r.params, 'kappa');
    const d = num(r.params, 'd');
    for (const b of TIGHTNESS_BOUNDS) {
      const tightness = tightnessOf(b, r);
      if (!(tightness > 0 && Number.isFinite(tightness))) continue; // a log axis cannot show it
      const bound = boundLabel(b, label);
      out.push({ bound, against: 'against K', x: K, series: `kappa = ${kappa}`, d: `d = ${d}`, tightness });
      out.push({ bound, against: 'against kappa', x: kappa, series: `K = ${K}`, d: `d = ${d}`, tightness });
    }
  }
  return out;
}

/**
 * The tightness chart: one row per bound, columns "against K" and "against kappa", log-log,
 * points per instance with the median per setting joined, and a rule at 1 (the bound attained;
 * above it a lower bound holds, below it an upper bound holds), which the log scale always
 * includes, so the distance from 1 reads as how loose the bound is.
 */
export function tightnessFigure(records: readonly TrialRecord[], label: (key: string) => string): FigureSpec {
  const values = tightnessPoints(records, label);
  return {
    id: 'constants-tightness',
    title: 'Tightness of the bounds against K and kappa',
    caption:
      'Measured quantity / the paper\'s bound with relucheck\'s constant (src/theory/claims.ts), per instance (points; shape d) and median per setting (line, colour the other setting); the grey rule is 1. A lower bound holds above the rule and an upper bound below it; the distance from the rule is the factor by which the bound is loose.',
    vegaLite: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { values },
      facet: {
        // Row labels horizontal on two lines (rotated, the long names ran into each other).
        row: { field: 'bound', type: 'nominal', title: null, sort: TIGHTNESS_BOUNDS.map((b) => boundLabel(b, label)), header: { labelAngle: 0, labelAlign: 'right', labelExpr: "split(datum.value, ': ')", labelLimit: 0, labelFontSize: 11 } },
        column: { field: 'against', type: 'nominal', title: null, sort: ['against K', 'against kappa'], header: { labelFontSize: 12 } },
      },
      spec: {
        width: 220,
        height: 110,
        layer: [
          { mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { y: { datum: 1, type: 'quantitative' } } },
          {
            mark: { type: 'point', filled: true, opacity: 0.7 },
            encoding: {
              x: { field: 'x', type: 'quantitative', scale: { type: 'log', nice: false, padding: 12 }, title: 'K (left) or kappa (right)' },
              y: { field: 'tightness', type: 'quantitative', scale: { type: 'log' }, title: 'measured / bound' },
              color: { field: 'series', type: 'nominal', title: 'other setting' },
              shape: { field: 'd', type: 'nominal', title: 'd' },
            },
          },
          {
            mark: { type: 'line', strokeWidth: 1.5 },
            encoding: {
              x: { field: 'x', type: 'quantitative', scale: { type: 'log' } },
              y: { aggregate: 'median', field: 'tightness', type: 'quantitative', scale: { type: 'log' } },
              color: { field: 'series', type: 'nominal' },
            },
          },
        ],
      },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    },
  };
}
