/**
 * The audit's ETA learns from finished trials: with a fake clock and a simulated worker pool
 * (longest estimated cost first, as runner/workerPool.ts schedules), an experiment whose cost
 * estimate is 8x too low makes the ETA converge to the true remaining time as its trials
 * finish, where the cost-only ETA (elapsed x remaining cost / finished cost, the estimator
 * before) stays off by the factor the estimate is.
 */
import { describe, expect, it } from 'vitest';
import { COST_SCALE } from '../../src/audit/experiments/costCalibration.js';
import { allTrials, EXPERIMENTS } from '../../src/audit/experiments/registry.js';
import { createProgress } from '../../src/audit/runner/progress.js';

interface SimTrial {
  readonly id: string;
  readonly experiment: string;
  readonly cost: number;
  /** True worker time. */
  readonly ms: number;
}

interface Sample {
  readonly finished: number;
  readonly experiment: string;
  /** ETA of the learning estimator, of the cost-only one, and the true remaining wall time. */
  readonly eta: number;
  readonly costOnly: number;
  readonly truth: number;
}

/** Runs `trials` on `workers` lanes against a fake clock; samples both ETAs at every completion. */
function simulate(trials: readonly SimTrial[], workers: number): Sample[] {
  let clock = 0;
  const p = createProgress({ trials, isTTY: false, write: () => undefined, now: () => clock });
  const queue = [...trials].sort((a, b) => b.cost - a.cost || (a.id < b.id ? -1 : 1));
  const events: { at: number; trial: SimTrial }[] = [];
  const lanes = Array.from({ length: workers }, () => 0);
  for (const t of queue) {
    const lane = lanes.indexOf(Math.min(...lanes)); // the first free worker takes the next trial
    lanes[lane] += t.ms;
    events.push({ at: lanes[lane], trial: t });
  }
  events.sort((a, b) => a.at - b.at);
  const end = events[events.length - 1].at;
  const samples: Sample[] = [];
  let doneCost = 0;
  const totalCost = trials.reduce((a, t) => a + t.cost, 0);
  for (const [i, e] of events.entries()) {
    clock = e.at;
    p.done(e.trial, e.trial.ms);
    doneCost += e.trial.cost;
    samples.push({ finished: i + 1, experiment: e.trial.experiment, eta: p.eta(), costOnly: (clock * (totalCost - doneCost)) / doneCost, truth: end - clock });
  }
  return samples;
}

/**
 * 40 trials of 'a' (estimate `aCost` units, `aMs` each: 1 s per unit) and 20 of 'b' (estimate
 * 1 unit, 8 s each: 8x what the estimate says relative to 'a'). The pool runs a first when
 * aCost > 1 (longest estimate first), so b, the underestimated one, comes last.
 */
function twoExperiments(aCost: number, aMs: number): SimTrial[] {
  const out: SimTrial[] = [];
  for (let i = 0; i < 40; i++) out.push({ id: `a/${i}`, experiment: 'a', cost: aCost, ms: aMs });
  for (let i = 0; i < 20; i++) out.push({ id: `b/${i}`, experiment: 'b', cost: 1, ms: 8000 });
  return out;
}

describe('audit ETA driven by measured costs', () => {
  it('one worker, the 8x-off experiment last: the ETA error after k of its trials is the shrinkage 7 / (8 (k + 1)), the cost-only ETA stays ~8x low', () => {
    const s = simulate(twoExperiments(1, 1000), 1);
    const b = s.filter((x) => x.experiment === 'b' && x.truth > 0);
    expect(b).toHaveLength(19);
    for (const [k1, x] of b.entries()) {
      const k = k1 + 1;
      // One worker: parallelism is exactly 1, 'a' is measured exactly, and b's rate is its k
      // trials plus one pseudo-trial at the global rate g = (40 + 8k) / (40 + k) s per unit:
      // (8k + g) / (k + 1), so the ratio to the truth is (8k + g) / (8 (k + 1)) -> 1.
      const g = (40 + 8 * k) / (40 + k);
      expect(x.eta / x.truth).toBeCloseTo((8 * k + g) / (8 * (k + 1)), 9);
      expect(x.costOnly / x.truth).toBeLessThan(0.5); // elapsed / finished cost mixes a's 1 s and b's 8 s
    }
    expect(Math.abs(b[b.length - 1].eta / b[b.length - 1].truth - 1)).toBeLessThan(0.05);
  });

  it('before any trial of an experiment finished it is charged the global rate (nothing better is known)', () => {
    const s = simulate(twoExperiments(1, 1000), 1);
    const lastA = s.filter((x) => x.experiment === 'a').pop()!;
    expect(lastA.eta).toBeCloseTo(20 * 1000, 6); // 20 units at a's 1 s per unit
    expect(lastA.truth).toBe(20 * 8000);
  });

  it('two workers, the 8x-off experiment last: within the shrinkage plus one trial of the truth, where the cost-only ETA is 2-8x low', () => {
    const s = simulate(twoExperiments(2, 2000), 2);
    const b = s.filter((x) => x.experiment === 'b' && x.truth >= 16_000);
    expect(b).toHaveLength(16);
    for (const [k1, x] of b.entries()) {
      const k = k1 + 1;
      // b's rate is off by at most the shrinkage 7 / (8 (k + 1)) (one pseudo-trial at a rate
      // >= a's); the truth moves in steps of one 8 s trial as the two workers finish in pairs,
      // which the measured parallelism (finished worker time / elapsed) cannot see between
      // completions: at most 8 s / truth.
      const bound = 7 / (8 * (k + 1)) + 8000 / x.truth;
      expect(Math.abs(x.eta / x.truth - 1), `after ${k} b trial(s)`).toBeLessThanOrEqual(bound);
      expect(x.costOnly / x.truth, `after ${k} b trial(s)`).toBeLessThan(0.5);
    }
    // Converged: from the 3rd b trial on, within 25% while >= 16 s remain (shrinkage <= 0.22).
    expect(Math.max(...b.slice(2).map((x) => Math.abs(x.eta / x.truth - 1)))).toBeLessThan(0.25);
  });

  it('without measured times it falls back to the cost-only ETA; a failed trial leaves the remaining work', () => {
    let clock = 0;
    const trials = [{ experiment: 'a', cost: 1 }, { experiment: 'a', cost: 1 }, { experiment: 'a', cost: 2 }];
    const p = createProgress({ trials, isTTY: false, write: () => undefined, now: () => clock });
    expect(Number.isNaN(p.eta())).toBe(true);
    clock = 5000;
    p.done({ id: 'a/0', experiment: 'a', cost: 1 }, 0);
    expect(p.eta()).toBeCloseTo(15_000, 9); // 5 s for 1 unit, 3 units left
    p.failed({ id: 'a/2', experiment: 'a', cost: 2 }, 'boom');
    expect(p.eta()).toBeCloseTo(5000, 9);
  });

  it('every experiment has a measured cost factor and every trial a positive finite cost', () => {
    const groups = new Set(Object.keys(COST_SCALE).map((k) => k.replace(/^zhongFig1(ab|c)$/, 'zhongFig1')));
    for (const e of EXPERIMENTS) expect(groups.has(e.id), `${e.id} in costCalibration.ts`).toBe(true);
    for (const tier of ['quick', 'full'] as const) for (const t of allTrials(tier)) expect(t.cost > 0 && Number.isFinite(t.cost), t.id).toBe(true);
  });
});
