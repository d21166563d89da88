/**
 * The audit ETA's model of a trial's worker time: ms = a + b_e x cost, a per-trial fixed cost
 * `a` shared by every experiment and a per-experiment rate `b_e` per unit of estimated cost.
 *
 * Why an intercept: the static cost (TrialSpec.cost) scales with the GD work (N d K steps),
 * but a trial also pays for what does not scale with it (drawing the teacher and the data,
 * the tensor initialization, the alignment). The pool runs the longest estimates first, so
 * the trials finished early are the big ones, whose fixed part is a small share; a rate
 * learnt from them alone charges the small trials left at the end almost nothing, and the
 * rate-only ETA ran ~0.6x low over the last quarter of quick runs (seed 1: median 0.54).
 *
 * The fit is least squares on the rate: ms/cost = b_e + a / cost, demeaned within each
 * experiment (b_e is the experiment's own level), so the errors are relative and a small
 * trial weighs as much as a big one: an absolute least-squares fit was dominated by the big
 * trials, whose ms hardly grows with cost (early stops), and extrapolated an intercept of
 * ~350 ms to trials that take 15-60 ms. `a` is clamped to [0, the shortest finished trial]
 * (a fixed cost cannot exceed a whole trial). `b_e` is then the experiment's ratio of
 * (ms - a) to cost, shrunk toward the global one by one pseudo-trial of its mean cost (as
 * the rate-only model did), so the finished trials' total time is reproduced.
 *
 * Fallback: with fewer than {@link MIN_TRIALS_FOR_INTERCEPT} finished trials, or no experiment
 * with two different finished costs (nothing tells a fixed cost from a rate), a = 0, which is
 * exactly the rate-only model ({@link CostModelKind} 'proportional', kept as the baseline).
 *
 * @example
 * ```ts
 * const m = createCostModel('affine');
 * m.add('fig2b', { cost: 1, ms: 1200 }); // ... more finished trials
 * m.remainingMs(new Map([['fig2b', { count: 3, cost: 0.3, meanCost: 0.5 }]]));
 * ```
 */

/** 'affine': ms = a + b_e cost (the ETA's model); 'proportional': a = 0 (the baseline before). */
export type CostModelKind = 'affine' | 'proportional';

/** Below this many finished trials the intercept is not fitted (3 points for 2 parameters + 1). */
export const MIN_TRIALS_FOR_INTERCEPT = 3;

/** What is left of an experiment: trials, their total estimated cost and the experiment's mean cost. */
export interface Remaining {
  readonly count: number;
  readonly cost: number;
  /** Mean estimated cost over all its trials: the weight of the global rate in its own. */
  readonly meanCost: number;
}

/** The fitted model (for reports and specs). */
export interface CostFit {
  /** Per-trial fixed cost in ms. */
  readonly intercept: number;
  /** ms per unit of cost of an experiment, given its mean cost (the shrinkage weight). */
  rate(experiment: string, meanCost: number): number;
}

/** A learnt cost model. */
export interface CostModel {
  /** A finished trial: its estimated cost and measured worker ms. */
  add(experiment: string, t: { readonly cost: number; readonly ms: number }): void;
  fit(): CostFit;
  /** Predicted worker ms of the remaining trials; NaN before any trial with a positive cost finished. */
  remainingMs(remaining: ReadonlyMap<string, Remaining>): number;
}

/** Sums of one experiment's finished trials (x = 1 / cost, y = ms / cost). */
interface Sums {
  n: number;
  cost: number;
  ms: number;
  x: number;
  y: number;
  xx: number;
  xy: number;
}

/** Creates an empty model of the given kind. @example createCostModel('proportional').fit().intercept // 0 */
export function createCostModel(kind: CostModelKind): CostModel {
  const sums = new Map<string, Sums>();
  let shortest = Infinity;
  const fit = (): CostFit => {
    let n = 0;
    let cost = 0;
    let ms = 0;
    let sxx = 0;
    let sxy = 0;
    for (const s of sums.values()) {
      n += s.n;
      cost += s.cost;
      ms += s.ms;
      // Within-experiment centred sums; an experiment whose finished costs are all equal adds
      // (up to rounding) nothing, since there its fixed cost cannot be told from its rate.
      sxx += s.xx - (s.x * s.x) / s.n;
      sxy += s.xy - (s.x * s.y) / s.n;
    }
    const identified = kind === 'affine' && n >= MIN_TRIALS_FOR_INTERCEPT && sxx > 1e-9 * Math.max(1, ...[...sums.values()].map((s) => s.xx));
    const intercept = identified ? Math.min(shortest, Math.max(0, sxy / sxx)) : 0;
    const global = (ms - n * intercept) / cost;
    return {
      intercept,
      rate(experiment, meanCost) {
        const s = sums.get(experiment);
        if (s === undefined) return global;
        const r = (s.ms - s.n * intercept + global * meanCost) / (s.cost + meanCost);
        return Number.isFinite(r) ? Math.max(0, r) : global;
      },
    };
  };
  return {
    add(experiment, t) {
      if (!(t.cost > 0) || !Number.isFinite(t.cost)) return; // a free trial says nothing about rates
      let s = sums.get(experiment);
      if (s === undefined) sums.set(experiment, (s = { n: 0, cost: 0, ms: 0, x: 0, y: 0, xx: 0, xy: 0 }));
      const ms = Math.max(0, t.ms);
      const x = 1 / t.cost;
      s.n++;
      s.cost += t.cost;
      s.ms += ms;
      s.x += x;
      s.y += ms * x;
      s.xx += x * x;
      s.xy += ms * x * x;
      shortest = Math.min(shortest, ms);
    },
    fit,
    remainingMs(remaining) {
      if (sums.size === 0) return NaN;
      const f = fit();
      let total = 0;
      for (const [e, r] of remaining) total += r.count * f.intercept + r.cost * f.rate(e, r.meanCost);
      return total;
    },
  };
}
