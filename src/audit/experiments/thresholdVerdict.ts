/**
 * The verdict of a success-rate experiment (Fig. 2(b)-(c)) on "the sample complexity is
 * linear in s": the rescaled threshold N/s* (where the success rate reaches 1/2) is the same
 * for every s. Judged on 90% bootstrap intervals of the thresholds:
 *
 * - all curves reach 1/2 within the grid: supported when the intervals share a point;
 * - a curve never reaches 1/2: its threshold lies beyond the grid only if its success rate at
 *   the grid's largest ratio is significantly below 1/2 (one-sided binomial test at 0.05; its
 *   p-value joins the report's Holm family); then the claim is not supported when another
 *   curve's whole interval lies inside the grid, and inconclusive otherwise;
 * - runs still converging when the budget ran out (failureReason.ts) are no evidence: the
 *   verdict is taken with them counted as failures and again as successes, and is
 *   inconclusive when the two disagree.
 *
 * @example
 * ```ts
 * thresholdVerdict({ claim, citation, key: 'K', label: 'N/K', name: 'fig2c', pessimistic, optimistic, undecided: 3 });
 * ```
 */
import { bootstrap, crossing, fmt, fmtInterval, intervalsOverlap, type Interval } from './stats.js';
import type { TierPower, Verdict } from './types.js';

/** One curve: its scale s and, per grid ratio, the 0/1 outcomes of its trials. */
export interface Curve {
  readonly s: number;
  readonly ratios: readonly number[];
  readonly outcomes: readonly (readonly number[])[];
}

/** Level of the one-sided test that a curve's success rate at the grid's end is below 1/2. */
export const BEYOND_GRID_LEVEL = 0.05;

/** P(Bin(n, 1/2) <= x): the p-value of "the success rate is at least 1/2" after x of n. */
export function binomialLowerTail(x: number, n: number): number {
  let term = 0.5 ** n;
  let sum = term;
  for (let i = 1; i <= x; i++) {
    term = (term * (n - i + 1)) / i;
    sum += term;
  }
  return Math.min(1, sum);
}

/** The threshold of a curve with its 90% bootstrap interval (NaN estimate: never reached). */
export function threshold(c: Curve, name: string): Interval {
  const present = c.ratios.map((x, i) => ({ x, g: c.outcomes[i] })).filter((e) => e.g.length > 0);
  const stat = (gs: readonly (readonly number[])[]) => crossing(present.map((e) => e.x), gs.map((g) => g.reduce((a, b) => a + b, 0) / g.length));
  return bootstrap(present.map((e) => e.g), stat, name);
}

interface Judgement {
  readonly status: Verdict['status'];
  readonly evidence: string;
  readonly pValue?: number;
}

function judge(curves: readonly Curve[], key: string, label: string, name: string): Judgement {
  const ts = curves.map((c) => ({ c, interval: threshold(c, `${name}/${key}=${c.s}`) }));
  const list = ts.map((t) => `${key} = ${t.c.s}: ${fmtInterval(t.interval)}`).join('; ');
  if (ts.length < 2) return { status: 'inconclusive', evidence: `fewer than two curves have trials (${list || 'none'}).` };
  const unreached = ts.filter((t) => !Number.isFinite(t.interval.estimate));
  if (unreached.length === 0) {
    const ok = intervalsOverlap(ts.map((t) => t.interval));
    return { status: ok ? 'supported' : 'not supported', evidence: `the 90% intervals of ${label}* ${ok ? 'share a common value' : 'are disjoint'} across ${key} (${list}).` };
  }
  const tests = unreached.map((t) => {
    const last = t.c.outcomes.length - 1;
    const g = t.c.outcomes[last];
    const x = g.reduce((a, b) => a + b, 0);
    return { t, at: t.c.ratios[last], x, n: g.length, p: binomialLowerTail(x, g.length) };
  });
  const testText = tests.map((e) => `${key} = ${e.t.c.s}: ${e.x}/${e.n} at ${label} = ${e.at}, p = ${fmt(e.p)}`).join('; ');
  const weak = tests.filter((e) => !(e.p < BEYOND_GRID_LEVEL));
  if (weak.length > 0) {
    return { status: 'inconclusive', evidence: `the success rate never reaches 1/2 within the grid for ${weak.map((e) => `${key} = ${e.t.c.s}`).join(', ')}, but its trials at the grid's end cannot tell it from 1/2 (one-sided binomial test, ${testText}); thresholds ${list}.` };
  }
  const end = Math.max(...curves.flatMap((c) => c.ratios));
  const inside = ts.filter((t) => Number.isFinite(t.interval.hi) && t.interval.hi < end);
  const beyond = `the success rate at the grid's end is below 1/2 for ${tests.map((e) => `${key} = ${e.t.c.s}`).join(', ')} (one-sided binomial test, ${testText}), so ${tests.length > 1 ? 'their thresholds lie' : 'its threshold lies'} beyond ${label} = ${end}`;
  if (inside.length === 0) return { status: 'inconclusive', evidence: `${beyond}, and no other curve's 90% interval lies inside the grid (${list}).` };
  return {
    status: 'not supported',
    evidence: `${beyond}, while the 90% interval of ${inside.map((t) => `${key} = ${t.c.s}`).join(', ')} lies inside it (${list}).`,
    pValue: Math.max(...tests.map((e) => e.p)),
  };
}

/** The verdict, bracketing the runs still converging (`undecided` of them). */
export function thresholdVerdict(o: {
  readonly claim: string;
  readonly citation: string;
  readonly key: string;
  readonly label: string;
  readonly name: string;
  /** Runs still converging counted as failures. */
  readonly pessimistic: readonly Curve[];
  /** ... and as successes. */
  readonly optimistic: readonly Curve[];
  readonly undecided: number;
}): Verdict {
  const a = judge(o.pessimistic, o.key, o.label, o.name);
  const tolerance = `thresholds equal within their 90% bootstrap intervals; beyond the grid only at binomial p < ${BEYOND_GRID_LEVEL}`;
  const base = { claim: o.claim, citation: o.citation, tolerance };
  if (o.undecided === 0) return { ...base, status: a.status, evidence: a.evidence, ...(a.pValue === undefined ? {} : { test: { pValue: a.pValue } }) };
  const b = judge(o.optimistic, o.key, o.label, `${o.name}/optimistic`);
  const runs = `${o.undecided} run(s) still converging after the step budget and its extensions`;
  if (a.status !== b.status) {
    return { ...base, status: 'inconclusive', evidence: `decided by the ${runs}: counted as failures, ${a.status} (${a.evidence}); counted as successes, ${b.status} (${b.evidence})` };
  }
  const p = a.pValue === undefined || b.pValue === undefined ? undefined : Math.max(a.pValue, b.pValue);
  return { ...base, status: a.status, evidence: `${a.evidence} The same with the ${runs} counted as successes.`, ...(p === undefined ? {} : { test: { pValue: p } }) };
}

/**
 * What a tier's grid can decide about the threshold claim. "Not supported" needs a curve
 * placed beyond the grid, i.e. a one-sided binomial p < BEYOND_GRID_LEVEL from the trials at
 * the grid's largest ratio; with n trials the smallest p is 0.5^n (all failed), so n <= 4
 * (0.5^4 = 0.0625) can never reach it: such a grid can only return "supported" (intervals
 * overlapping, accepting the null) or inconclusive, and cannot decide the claim.
 * @example thresholdPower({ ratios: [4, 10, 20], trials: 3 }, 'N/d').decides // false
 */
export function thresholdPower(grid: { readonly ratios: readonly number[]; readonly trials: number; readonly endTrials?: number }, label: string): TierPower {
  const n = grid.endTrials ?? grid.trials;
  const end = Math.max(...grid.ratios);
  let significant = -1;
  while (significant + 1 <= n && binomialLowerTail(significant + 1, n) < BEYOND_GRID_LEVEL) significant++;
  const design = `${label} = ${grid.ratios.join(', ')}, ${grid.trials} trials per ratio${n !== grid.trials ? ` (${n} at ${label} = ${end})` : ''}`;
  if (significant < 0) {
    return {
      design,
      decides: false,
      why: `with ${n} trials at the grid's end (${label} = ${end}) the smallest one-sided binomial p is 0.5^${n} = ${fmt(0.5 ** n)} >= ${BEYOND_GRID_LEVEL}, so no curve can be placed beyond the grid and "not supported" is out of reach; a "supported" would only accept the null`,
    };
  }
  return {
    design,
    decides: true,
    why: `a curve with at most ${significant}/${n} successes at ${label} = ${end} is placed beyond the grid (p = ${fmt(binomialLowerTail(significant, n))} < ${BEYOND_GRID_LEVEL}); thresholds inside the grid are compared on 90% bootstrap intervals`,
  };
}
