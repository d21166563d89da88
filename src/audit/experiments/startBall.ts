/**
 * Whether each start of a recovery experiment lies inside Theorem 4.2's ball (Zhang et al.
 * 2019): GD is guaranteed to converge only from |W0 - W*|_F <= c s_K / (lambda kappa^3 K^2)
 * (THEORY.md, Lemma 5.1), with c an absolute constant the paper leaves open. Per cell: the c
 * each start would need (its aligned distance over s_K / (lambda kappa^3 K^2)), how many starts
 * lie inside the ball at relucheck's stated c (BALL_C, the property suite's), and, as the
 * looser reference the lemmas also use, how many lie within s_K / 2 of W* (Lemma 5.2's ball).
 * A success from outside the ball is no evidence for Theorem 4.2, which says nothing there.
 *
 * @example
 * ```ts
 * const { table, inside } = startBallTable('Fig. 2(b)', 'd', 'N/d', cells);
 * ```
 */
import { BALL_C } from '../../theory/claims.js';
import { fmt, quantile } from './stats.js';
import type { TableSpec, TrialResult } from './types.js';

/** One cell's starts: the scale s, the ratio and each trial's result. */
export interface StartCell {
  readonly s: number;
  readonly ratio: number;
  readonly results: readonly TrialResult[];
}

/** The c a start needs to lie inside the ball: its distance over s_K / (lambda kappa^3 K^2). */
export function cNeeded(r: TrialResult): number {
  return Number(r.initDistance) / Number(r.ballUnit);
}

/** The table, and how many starts lie inside the c = BALL_C ball in all. */
export function startBallTable(title: string, key: string, label: string, cells: readonly StartCell[]): { table: TableSpec; inside: number; starts: number; withinHalfSK: number } {
  let inside = 0;
  let starts = 0;
  let withinHalfSK = 0;
  const rows = cells.map((c) => {
    const need = c.results.map(cNeeded);
    const inBall = need.filter((x) => x <= BALL_C.value).length;
    const near = c.results.filter((r) => Number(r.initDistance) <= Number(r.sK) / 2).length;
    inside += inBall;
    withinHalfSK += near;
    starts += c.results.length;
    return [
      c.s,
      c.ratio,
      c.results.length,
      fmt(quantile(c.results.map((r) => Number(r.initError)), 0.5)),
      fmt(quantile(need, 0.5)),
      fmt(Math.min(...need)),
      `${inBall}/${c.results.length}`,
      `${near}/${c.results.length}`,
    ];
  });
  return {
    table: {
      title: `${title}: starts against Theorem 4.2's ball |W0 - W*|_F <= c s_K / (lambda kappa^3 K^2)`,
      columns: [key, label, 'starts', 'median relative start error', 'c needed (median)', 'c needed (smallest)', `inside at c = ${BALL_C.value}`, 'within s_K/2 of W*'],
      rows,
    },
    inside,
    starts,
    withinHalfSK,
  };
}
