/**
 * Fig. 2(b)-(c): each start is placed against Theorem 4.2's ball (startBall.ts) from what the
 * trial recorded: its aligned distance to W* and the teacher's unit s_K / (lambda kappa^3 K^2).
 */
import { describe, expect, it } from 'vitest';
import { recoveryTrial } from '../../src/audit/experiments/recovery.js';
import { cNeeded, startBallTable } from '../../src/audit/experiments/startBall.js';
import { drawTeacher } from '../../src/core/instance.js';
import { createStreams } from '../../src/core/random.js';
import { teacherQuantities } from '../../src/core/teacher.js';
import { BALL_C } from '../../src/theory/claims.js';

describe('startBallTable', () => {
  it('counts starts inside the c-ball and within s_K/2, per cell', () => {
    const unit = 1e-3;
    const at = (distance: number) => ({ initDistance: distance, ballUnit: unit, sK: 1, initError: distance / 3 });
    const { table, inside, starts, withinHalfSK } = startBallTable('T', 'd', 'N/d', [
      { s: 20, ratio: 4, results: [at(0.9 * BALL_C.value * unit), at(2 * BALL_C.value * unit), at(0.4)] },
      { s: 20, ratio: 8, results: [at(0.6), at(3)] },
    ]);
    expect([inside, starts, withinHalfSK]).toEqual([1, 5, 3]);
    expect(table.rows[0].slice(6)).toEqual(['1/3', '3/3']);
    expect(table.rows[1].slice(6)).toEqual(['0/2', '0/2']);
    expect(table.rows[1][5]).toBe('600');
  });

  it("a trial records the start's aligned distance and its own teacher's ball unit", () => {
    const seed = 5;
    const r = recoveryTrial({ d: 8, K: 3, N: 400, noiseStd: 0, init: 'random', eta: 0.5, iterations: 1, lossTolerance: 0 }, seed);
    const t = teacherQuantities(drawTeacher(8, 3, 2, createStreams(seed).stream('weights')));
    expect(r.ballUnit).toBeCloseTo(t.sK / (t.lambda * t.kappa ** 3 * t.K ** 2), 14);
    expect(r.sK).toBe(t.sK);
    expect(r.initDistance / r.initError).toBeCloseTo(t.frobenius, 12);
    expect(cNeeded(r)).toBeGreaterThan(BALL_C.value); // a standard Gaussian start is far outside
  });
});
