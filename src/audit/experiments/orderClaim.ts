/**
 * The verdict rule for "of order" claims (an exponent, up to a stated tolerance): a joint
 * least-squares fit over the cells of a grid (e.g. log error = a + b log N + c log d), an
 * exponent (a linear combination of the coefficients) with its Student-t interval and p-value,
 * refitted on every fit window of a sensitivity table (all cells; without the smallest or the
 * largest N; without the smallest or the largest d).
 *
 * - "supported": in every window the interval meets the claimed band (claimed -+ tolerance, or
 *   the half-line for a one-sided bound);
 * - "not supported": in every window the interval misses the band, i.e. the claim is rejected
 *   at the interval's level in each window (an intersection-union test: its p-value is the
 *   largest of the windows'), and the report's family-wise correction (holm.ts) rejects it too;
 * - "inconclusive": the windows disagree (the verdict is a fit-window artifact) or too few
 *   cells to fit.
 *
 * @example
 * ```ts
 * const v = orderVerdict(cells, { claim, citation, weights: [0, 1, 0], claimed: -0.5, tolerance: 0.1, side: 'band', factors: ['log N', 'log d'] });
 * v.verdict.status; v.verdict.test?.pValue; v.verdict.sensitivity;
 * ```
 */
import { studentTQuantile as quantileT } from '../../core/stats/studentTQuantile.js';
import { jointFit } from './jointFit.js';
import { tCdf } from './tCdf.js';
import { fmt } from './stats.js';
import type { TableSpec, Verdict } from './types.js';

/** One cell of the grid: its regressors, its response, and the coordinates windows drop by. */
export interface OrderCell {
  readonly xs: readonly number[];
  readonly y: number;
  /** Sample size (or its rescaled value): windows drop the smallest and the largest. */
  readonly n: number;
  /** The second factor (e.g. d): windows drop the smallest and the largest when it varies. */
  readonly s: number;
}

/** What is claimed about which combination of the coefficients. */
export interface OrderClaim {
  readonly claim: string;
  readonly citation: string;
  /** Weights on [intercept, x_1, ...]. */
  readonly weights: readonly number[];
  readonly claimed: number;
  /** Stated tolerance on the exponent ("of order" allows this much). */
  readonly tolerance: number;
  /** 'band': claimed -+ tolerance; 'atLeast' / 'atMost': a one-sided bound, relaxed by the tolerance. */
  readonly side: 'band' | 'atLeast' | 'atMost';
  /** Names of the regressors, for the evidence. */
  readonly factors: readonly string[];
  /** What the combination is, in words (e.g. "N exponent b"). */
  readonly quantity: string;
}

/** Two-sided interval level of the windows' intervals; each side is then a 5% test. */
export const ORDER_LEVEL = 0.9;

/** A window's fit of the combination. */
export interface WindowFit {
  readonly window: string;
  readonly cells: number;
  readonly estimate: number;
  readonly lo: number;
  readonly hi: number;
  /** p-value of "the exponent lies in the band" (small: the claim is rejected). */
  readonly pValue: number;
  readonly meetsBand: boolean;
}

function bandOf(c: OrderClaim): [number, number] {
  if (c.side === 'atLeast') return [c.claimed - c.tolerance, Infinity];
  if (c.side === 'atMost') return [-Infinity, c.claimed + c.tolerance];
  return [c.claimed - c.tolerance, c.claimed + c.tolerance];
}

function fitWindow(name: string, cells: readonly OrderCell[], c: OrderClaim): WindowFit | undefined {
  const fit = jointFit(cells.map((x) => x.xs), cells.map((x) => x.y));
  if (!fit) return undefined;
  const { estimate, se } = fit.combination(c.weights);
  const t = quantileT(1 - (1 - ORDER_LEVEL) / 2, fit.df);
  const [bl, bh] = bandOf(c);
  // Distance beyond the band in standard errors; the p-value is that of the nearest band edge
  // (the least favourable point of the composite null "exponent in the band").
  const below = (bl - estimate) / se;
  const above = (estimate - bh) / se;
  const z = Math.max(below, above);
  const pValue = se > 0 ? 1 - tCdf(z, fit.df) : z > 0 ? 0 : 1;
  const lo = estimate - t * se;
  const hi = estimate + t * se;
  return { window: name, cells: cells.length, estimate, lo, hi, pValue, meetsBand: hi >= bl && lo <= bh };
}

/** The fit windows of a grid: all cells, then each edge of n and of s dropped (when it leaves a fit). */
export function fitWindows(cells: readonly OrderCell[]): { name: string; cells: OrderCell[] }[] {
  const ns = [...new Set(cells.map((c) => c.n))].sort((a, b) => a - b);
  const ss = [...new Set(cells.map((c) => c.s))].sort((a, b) => a - b);
  const out = [{ name: 'all cells', cells: [...cells] }];
  if (ns.length > 2) {
    out.push({ name: `without the smallest N (${fmt(ns[0])})`, cells: cells.filter((c) => c.n !== ns[0]) });
    out.push({ name: `without the largest N (${fmt(ns[ns.length - 1])})`, cells: cells.filter((c) => c.n !== ns[ns.length - 1]) });
  }
  if (ss.length > 2) {
    out.push({ name: `without the smallest s (${fmt(ss[0])})`, cells: cells.filter((c) => c.s !== ss[0]) });
    out.push({ name: `without the largest s (${fmt(ss[ss.length - 1])})`, cells: cells.filter((c) => c.s !== ss[ss.length - 1]) });
  }
  return out;
}

/** The verdict on `claim` from `cells`, with its window-sensitivity table and its test. */
export function orderVerdict(cells: readonly OrderCell[], claim: OrderClaim, sLabel = 's', nLabel = 'N'): { verdict: Verdict; windows: readonly WindowFit[] } {
  const windows = fitWindows(cells)
    .map((w) => ({ ...w, name: w.name.replace(' s (', ` ${sLabel} (`).replace(' N (', ` ${nLabel} (`) }))
    .map((w) => fitWindow(w.name, w.cells, claim))
    .filter((w) => w !== undefined);
  const [bl, bh] = bandOf(claim);
  const band = claim.side === 'band' ? `[${fmt(bl)}, ${fmt(bh)}]` : claim.side === 'atLeast' ? `>= ${fmt(bl)}` : `<= ${fmt(bh)}`;
  const tolerance = `${claim.quantity} ${band} (claimed ${fmt(claim.claimed)}, tolerance ${fmt(claim.tolerance)})`;
  const sensitivity: TableSpec = {
    title: `Window sensitivity: ${claim.claim}`,
    columns: ['fit window', 'cells', `${claim.quantity} [${ORDER_LEVEL * 100}% interval]`, 'p (claim in band)', 'meets band'],
    rows: windows.map((w) => [w.window, w.cells, `${fmt(w.estimate)} [${fmt(w.lo)}, ${fmt(w.hi)}]`, fmt(w.pValue), w.meetsBand ? 'yes' : 'no']),
  };
  const main = windows.find((w) => w.window === 'all cells');
  if (!main) {
    return { verdict: { claim: claim.claim, citation: claim.citation, status: 'inconclusive', evidence: `too few cells to fit ${claim.factors.join(', ')} (${cells.length}).`, tolerance, sensitivity }, windows };
  }
  const meets = windows.filter((w) => w.meetsBand).length;
  const status: Verdict['status'] = meets === windows.length ? 'supported' : meets === 0 ? 'not supported' : 'inconclusive';
  const pValue = Math.max(...windows.map((w) => w.pValue));
  const fitText = `joint fit of log error on ${claim.factors.join(' + ')} over ${main.cells} cells: ${claim.quantity} = ${fmt(main.estimate)} [${fmt(main.lo)}, ${fmt(main.hi)}] (${ORDER_LEVEL * 100}% t interval); needed ${band}`;
  const windowText =
    status === 'inconclusive'
      ? `; window-sensitive: the interval meets the band in ${meets} of ${windows.length} fit windows (see the sensitivity table)`
      : `; the same in all ${windows.length} fit windows`;
  return { verdict: { claim: claim.claim, citation: claim.citation, status, evidence: `${fitText}${windowText}.`, tolerance, sensitivity, test: { pValue } }, windows };
}
