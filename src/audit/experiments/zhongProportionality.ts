/**
 * Zhong et al. Fig. 1(a)-(b) as the proportionality claims the paper draws from them, each a
 * fitted exponent with a stated tolerance (orderClaim.ts: joint fit, window-sensitivity table,
 * p-value in the report's Holm family):
 *
 * - (a) "the least number of samples required ... is about proportional to the dimension":
 *   per d the recovery threshold N*_d (the N where the recovery rate first reaches 1/2, linear
 *   interpolation over the N grid, 90% bootstrap interval over trials; the paper's own "100%
 *   recovery" N is tabulated beside it), then log N*_d = a + b log d. Claimed b = 1 up to logs:
 *   Theorem 5.6 asks N >= d poly(log d), and a log^2 d factor adds 2 ln 2 / ln 10 = 0.60 to the
 *   local exponent over d = 10..100 (the grid's span), so the band is [0.9, 1.7] (1 - 0.1 and
 *   1 + 0.6 + 0.1, the 0.1 of the report's other exponents). A d whose rate is >= 1/2 already
 *   at the grid's smallest N, or never reaches it, has no resolved threshold and is left out
 *   (listed in the evidence).
 * - (b) "to achieve the same initialization error, the sample complexity required is about
 *   proportional to the dimension", with Lemma 4.5's N >= eps^-2 d poly(log d), i.e.
 *   eps ~ sqrt(d polylog d / N): in log(median init error) = a + b log N + c log d, b = -1/2
 *   (band [-0.6, -0.4]) and b + c in [-0.1, 0.4] (0 at the same N/d, up to the same log^2 d
 *   factor's 0.30 on eps). Fitted over cells whose median init error is <= 0.5: Lemma 4.5's
 *   regime of an informative start (above it the error saturates near 1, a random start).
 *
 * @example
 * ```ts
 * const { verdicts, tables } = proportionality(abRecords);
 * ```
 */
import { orderVerdict, type OrderCell, type WindowFit } from './orderClaim.js';
import type { Interval } from './stats.js';
import { fmt, fmtInterval, quantile } from './stats.js';
import { threshold } from './thresholdVerdict.js';
import type { TableSpec, TierPower, TrialRecord, Verdict } from './types.js';

const CITATION_A = 'Zhong et al. 2017, Section 7 (Fig. 1(a)) and Theorem 5.6';
const CITATION_B = 'Zhong et al. 2017, Section 7 (Fig. 1(b)) and Lemma 4.5';

/** The threshold exponent's band: 1 up to a log^2 d factor over d = 10..100 (see above). */
export const THRESHOLD_BAND = { claimed: 1.3, tolerance: 0.4 } as const;
/** Cells fitted for (b): median initialization error at most this. */
export const INFORMATIVE_INIT = 0.5;

/** Claims, as the report names them. */
export const PROPORTIONALITY_CLAIMS = {
  threshold: 'Fig. 1(a): the recovery threshold N* is proportional to d up to logs (d exponent of N* in [0.9, 1.7])',
  errorN: 'Fig. 1(b), Lemma 4.5: the initialization error falls like N^(-1/2)',
  errorRatio: 'Fig. 1(b): the same initialization error needs N proportional to d (error a function of N/d, up to logs)',
} as const;

interface Row {
  readonly d: number;
  readonly N: number;
  readonly recovered: boolean;
  readonly initError: number;
}

const rowsOf = (records: readonly TrialRecord[]): Row[] =>
  records.map((r) => ({ d: Number(r.params.d), N: Number(r.params.N), recovered: r.result.recovered === true, initError: typeof r.result.initError === 'number' ? r.result.initError : Infinity }));

/** The two tiers' power for the threshold fit: it needs at least 3 values of d. */
export function thresholdPower(ds: readonly number[], Ns: readonly number[], trials: number): TierPower {
  const design = `d = ${ds.join(', ')}; N = ${Ns.join(', ')}; ${trials} trials per cell`;
  return ds.length >= 3
    ? { design, decides: true, why: `a slope through up to ${ds.length} thresholds with its t interval (d's without a resolved threshold are left out; fewer than 3 resolved gives inconclusive)` }
    : { design, decides: false, why: `${ds.length} values of d: a line through ${ds.length} thresholds has no residual degrees of freedom, so no interval` };
}

/**
 * The two tiers' power for the init-error fits (3 coefficients): the quick grid's 2 d x 3 N
 * leaves at most 3 residual degrees of freedom, fewer once uninformative cells are dropped
 * (seed 1: 4 cells, 1 degree, t quantile 6.3), so its interval meets any band: it cannot
 * decide. The full grid's 6 d x 10 N can.
 */
export function errorFitPower(ds: readonly number[], Ns: readonly number[], trials: number): TierPower {
  const design = `d = ${ds.join(', ')}; N = ${Ns.join(', ')}; ${trials} trials per cell (cells with median init error <= ${INFORMATIVE_INIT})`;
  const df = ds.length * Ns.length - 3;
  return ds.length >= 3 && df >= 10
    ? { design, decides: true, why: `up to ${df} residual degrees of freedom for the joint fit, refitted on each window` }
    : { design, decides: false, why: `${ds.length} values of d x ${Ns.length} of N leave at most ${df} residual degrees of freedom (fewer after the informative-cell filter), so the t interval is too wide to miss any band` };
}

/** One d's recovery threshold: N* (rate 1/2) with its interval, and the paper's 100%-recovery N. */
export interface DThreshold {
  readonly d: number;
  readonly interval: Interval;
  readonly resolved: boolean;
  /** The smallest N from which every larger N recovered every trial (NaN when none). */
  readonly full: number;
  /** When the grid does not resolve N*: the grid's end it lies beyond (or at most at). */
  readonly bound?: { readonly N: number; readonly side: 'at most' | 'beyond' };
}

/** What the proportionality fits found: verdicts, tables, the thresholds and the all-cells fits. */
export interface Proportionality {
  readonly verdicts: Verdict[];
  readonly tables: TableSpec[];
  readonly thresholds: readonly DThreshold[];
  /** The d exponent of N* and the b + c of the init error over all cells (undefined: too few to fit). */
  readonly fits: { readonly threshold?: WindowFit; readonly errorRatio?: WindowFit };
}

/** Verdicts and tables of the proportionality claims from the (a)/(b) records. */
export function proportionality(records: readonly TrialRecord[]): Proportionality {
  const rows = rowsOf(records);
  const ds = [...new Set(rows.map((r) => r.d))].sort((a, b) => a - b);
  const Ns = [...new Set(rows.map((r) => r.N))].sort((a, b) => a - b);

  // (a) thresholds per d.
  const per = ds.map((d) => {
    const present = Ns.filter((N) => rows.some((r) => r.d === d && r.N === N));
    const outcomes = present.map((N) => rows.filter((r) => r.d === d && r.N === N).map((r) => (r.recovered ? 1 : 0)));
    const interval = threshold({ s: d, ratios: present, outcomes }, `zhongFig1/threshold/d=${d}`);
    const rateAt = (i: number) => outcomes[i].reduce((a: number, b) => a + b, 0) / outcomes[i].length;
    const censored = present.length > 0 && rateAt(0) >= 0.5;
    // The paper's reading: the smallest N from which every larger N recovers every trial.
    let full = NaN;
    for (let i = present.length - 1; i >= 0 && rateAt(i) === 1; i--) full = present[i];
    return { d, interval, censored, full, resolved: Number.isFinite(interval.estimate) && !censored };
  });
  const resolved = per.filter((p) => p.resolved);
  const thresholdCells: OrderCell[] = resolved.map((p) => ({ xs: [Math.log(p.d)], y: Math.log(p.interval.estimate), n: p.d, s: 0 }));
  const left = per.filter((p) => !p.resolved).map((p) => `d = ${p.d} (${p.censored ? `rate >= 1/2 already at N = ${Ns[0]}` : 'never reaches 1/2'})`);
  const aFit = orderVerdict(
    thresholdCells,
    { claim: PROPORTIONALITY_CLAIMS.threshold, citation: CITATION_A, weights: [0, 1], claimed: THRESHOLD_BAND.claimed, tolerance: THRESHOLD_BAND.tolerance, side: 'band', factors: ['log d'], quantity: 'd exponent of N*' },
    'd',
    'd',
  );
  const a = aFit.verdict;
  const aVerdict: Verdict = {
    ...a,
    evidence: `${a.evidence.replace('joint fit of log error on', 'fit of log N* on')}${left.length ? ` No resolved threshold, left out: ${left.join('; ')}.` : ''}`,
  };

  // (b) median init error per informative cell.
  const cells = ds.flatMap((d) =>
    Ns.map((N) => ({ d, N, errs: rows.filter((r) => r.d === d && r.N === N).map((r) => r.initError) })).filter((c) => c.errs.length > 0),
  ).map((c) => ({ ...c, median: quantile(c.errs, 0.5) }));
  const informative = cells.filter((c) => Number.isFinite(c.median) && c.median > 0 && c.median <= INFORMATIVE_INIT);
  const errCells: OrderCell[] = informative.map((c) => ({ xs: [Math.log(c.N), Math.log(c.d)], y: Math.log(c.median), n: c.N, s: c.d }));
  const excluded = cells.length - informative.length;
  const note = ` Fitted over the ${informative.length} cells with median init error <= ${INFORMATIVE_INIT} (${excluded} left out).`;
  const bN = orderVerdict(errCells, { claim: PROPORTIONALITY_CLAIMS.errorN, citation: CITATION_B, weights: [0, 1, 0], claimed: -0.5, tolerance: 0.1, side: 'band', factors: ['log N', 'log d'], quantity: 'N exponent b' }, 'd', 'N').verdict;
  const bRFit = orderVerdict(errCells, { claim: PROPORTIONALITY_CLAIMS.errorRatio, citation: CITATION_B, weights: [0, 1, 1], claimed: 0.15, tolerance: 0.25, side: 'band', factors: ['log N', 'log d'], quantity: 'b + c (N and d exponents)' }, 'd', 'N');
  const bR = bRFit.verdict;
  const allCells = (w: readonly WindowFit[]) => w.find((x) => x.window === 'all cells');

  const tables: TableSpec[] = [
    {
      title: 'Zhong Fig. 1(a): recovery threshold per d',
      columns: ['d', 'N* (rate 1/2) [90% interval]', 'resolved', "smallest N with 100% recovery from there on (the paper's reading)"],
      rows: per.map((p) => [p.d, fmtInterval(p.interval), p.resolved ? 'yes' : p.censored ? `no (<= ${Ns[0]})` : 'no (beyond the grid)', Number.isFinite(p.full) ? p.full : '-']),
    },
    {
      title: 'Zhong Fig. 1(b): median initialization error against N / d',
      columns: ['d', 'N', 'N / d', 'median init error', 'sqrt(d / N)', 'fitted'],
      rows: cells.map((c) => [c.d, c.N, fmt(c.N / c.d), fmt(c.median), fmt(Math.sqrt(c.d / c.N)), informative.includes(c) ? 'yes' : 'no']),
    },
  ];
  return {
    verdicts: [aVerdict, { ...bN, evidence: bN.evidence + note }, { ...bR, evidence: bR.evidence + note }],
    tables,
    thresholds: per.map((p) => ({
      d: p.d,
      interval: p.interval,
      resolved: p.resolved,
      full: p.full,
      ...(p.resolved || Ns.length === 0 ? {} : { bound: p.censored ? { N: Ns[0], side: 'at most' as const } : { N: Ns[Ns.length - 1], side: 'beyond' as const } }),
    })),
    fits: { threshold: allCells(aFit.windows), errorRatio: allCells(bRFit.windows) },
  };
}
