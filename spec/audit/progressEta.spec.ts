/**
 * The audit's ETA learns from finished trials: with a fake clock and a simulated worker pool
 * (longest estimated cost first, as runner/workerPool.ts schedules), an experiment whose cost
 * estimate is 8x too low makes the ETA converge to the true remaining time as its trials
 * finish, where the cost-only ETA (elapsed x remaining cost / finished cost, the estimator
 * before) stays off by the factor the estimate is. With a per-trial fixed cost (etaCostModel.ts)
 * the ETA stays right at the end of a longest-first run, where only small trials are left and
 * the rate-only baseline ('proportional', the model before) runs low.
 */
import { describe, expect, it } from 'vitest';
import { COST_SCALE } from '../../src/audit/experiments/costCalibration.js';
import { allTrials, EXPERIMENTS } from '../../src/audit/experiments/registry.js';
import { createCostModel, type CostModelKind } from '../../src/audit/runner/etaCostModel.js';
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
  /** Simulated time of this completion and of the run's end. */
  readonly at: number;
  readonly end: number;
  readonly experiment: string;
  /** ETA of the learning estimator, of the cost-only one, and the true remaining wall time. */
  readonly eta: number;
  readonly costOnly: number;
  readonly truth: number;
}

/** Runs `trials` on `workers` lanes against a fake clock; samples both ETAs at every completion. */
function simulate(trials: readonly SimTrial[], workers: number, costModel: CostModelKind = 'affine'): Sample[] {
  let clock = 0;
  const p = createProgress({ trials, isTTY: false, write: () => undefined, now: () => clock, costModel });
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
    samples.push({ finished: i + 1, end, at: clock, experiment: e.trial.experiment, eta: p.eta(), costOnly: (clock * (totalCost - doneCost)) / doneCost, truth: end - clock });
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

  it('a per-trial fixed cost: on ms = 200 + 1000 cost (costs 1 down to 0.01, one worker) the ETA is exact once two costs finished, where the rate-only baseline ends ~3x low', () => {
    // Geometric costs from 1 to 0.01: longest first, so the small trials, whose 200 ms fixed
    // part is most of their time, are the ones left at the end.
    const trials: SimTrial[] = Array.from({ length: 40 }, (_, i) => {
      const cost = 0.01 ** (i / 39);
      return { id: `a/${String(i).padStart(2, '0')}`, experiment: 'a', cost, ms: 200 + 1000 * cost };
    });
    const affine = simulate(trials, 1, 'affine');
    const proportional = simulate(trials, 1, 'proportional');
    let doneMs = 0;
    let doneCost = 0;
    for (const [i, x] of affine.entries()) {
      doneMs += trials[i].ms;
      doneCost += trials[i].cost;
      const left = trials.slice(i + 1).reduce((a, t) => a + t.cost, 0);
      // One experiment, one worker: the baseline is exactly the ratio estimator (finished ms /
      // finished cost) times the cost left, so it is the model it claims to be.
      expect(proportional[i].eta).toBeCloseTo((doneMs / doneCost) * left, 6);
      // The fit ms/cost = b + a/cost recovers a = 200, b = 1000 from any two distinct costs
      // (noise-free), and with one worker the parallelism is exactly 1: ETA = truth.
      if (i >= 2 && x.truth > 0) expect(x.eta / x.truth, `after ${i + 1} trials`).toBeCloseTo(1, 9);
    }
    const lastQuarter = (s: Sample[]) => s.filter((x) => x.at >= 0.75 * x.end && x.truth > 0);
    const worstOff = (s: Sample[]) => Math.max(...lastQuarter(s).map((x) => Math.max(x.eta / x.truth, x.truth / x.eta)));
    expect(lastQuarter(affine).length).toBeGreaterThan(5);
    expect(worstOff(affine)).toBeLessThan(1 + 1e-9);
    // The baseline learns ~1000 + 200/cost from the big trials and charges the last ones
    // (cost ~0.01, 210 ms) a few ms each.
    expect(worstOff(proportional)).toBeGreaterThan(3);
  });

  it('noisy timings on 2 workers (two experiments sharing a 150 ms fixed cost, +-30% noise): the end-of-run ETA is closer to the truth than the baseline', () => {
    let state = 12345; // a fixed LCG: the same synthetic run every time
    const noise = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return 0.7 + (0.6 * state) / 2147483648;
    };
    const trials: SimTrial[] = [];
    for (const [e, rate] of [['a', 800], ['b', 3000]] as const) {
      for (let i = 0; i < 30; i++) {
        const cost = 0.005 + (i % 10) * 0.1;
        trials.push({ id: `${e}/${i}`, experiment: e, cost, ms: (150 + rate * cost) * noise() });
      }
    }
    const endError = (s: Sample[]) => {
      const last = s.filter((x) => x.at >= 0.75 * x.end && x.truth > 0).map((x) => Math.abs(Math.log(x.eta / x.truth)));
      return [...last].sort((p, q) => p - q)[Math.floor(last.length / 2)];
    };
    const affine = endError(simulate(trials, 2, 'affine'));
    const proportional = endError(simulate(trials, 2, 'proportional'));
    expect(affine).toBeLessThan(proportional / 2);
    expect(Math.exp(affine)).toBeLessThan(1.3);
  });

  it('fallback: no two different finished costs (or fewer than 3 trials) leave the intercept at 0, the baseline exactly; the intercept never exceeds the shortest trial', () => {
    const equal = createCostModel('affine');
    for (let i = 0; i < 5; i++) equal.add('a', { cost: 0.5, ms: 100 + 10 * i });
    expect(equal.fit().intercept).toBe(0);
    const two = createCostModel('affine');
    two.add('a', { cost: 1, ms: 1200 });
    two.add('a', { cost: 0.1, ms: 300 });
    expect(two.fit().intercept).toBe(0);
    two.add('a', { cost: 0.5, ms: 700 });
    expect(two.fit().intercept).toBeCloseTo(200, 6); // ms = 200 + 1000 cost exactly
    // Timings flat in cost would fit an intercept above every trial; it is capped at the shortest.
    const flat = createCostModel('affine');
    for (const [cost, ms] of [[1, 500], [0.5, 600], [0.1, 550]]) flat.add('a', { cost, ms });
    expect(flat.fit().intercept).toBe(500);
    const baseline = createCostModel('proportional');
    for (const [cost, ms] of [[1, 1200], [0.1, 300], [0.5, 700]]) baseline.add('a', { cost, ms });
    expect(baseline.fit().intercept).toBe(0);
    expect(baseline.remainingMs(new Map([['a', { count: 2, cost: 0.2, meanCost: 0.4 }]]))).toBeCloseTo((0.2 * (2200 + (2200 / 1.6) * 0.4)) / (1.6 + 0.4), 9);
  });
});
