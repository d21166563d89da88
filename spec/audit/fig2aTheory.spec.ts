/**
 * Fig. 2(a)'s theory curve: the predicted local rate against gradient descent run on an
 * explicit quadratic (a control written from the linear map e <- (I - eta H) e, not from the
 * formula), and the verdict rule against planted records: a prediction with a slipped formula
 * must be "not supported", runs that never reach the window "inconclusive".
 */
import { describe, expect, it } from 'vitest';
import { denseSymmetricEigen } from '../../src/core/curvature/denseSymmetricEigen.js';
import { createStream } from '../../src/core/random.js';
import { fig2a, RATE_TOLERANCE, RATE_WINDOW } from '../../src/audit/experiments/fig2a.js';
import { rateTheory } from '../../src/audit/experiments/fig2aTheory.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { measuredStepsPerDecade, predictedStepsPerDecade, rateAgreement } from '../../src/theory/localLinearRate.js';

/** GD on L(e) = e^T H e / 2 from e0, log10 of the loss per step (to 4 decimals, as fig2a stores it). */
function quadraticGd(H: Float64Array, n: number, e0: Float64Array, eta: number, steps: number): number[] {
  let e = Float64Array.from(e0);
  const out: number[] = [];
  for (let t = 0; t <= steps; t++) {
    const He = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) He[i] += H[i * n + j] * e[j];
    let loss = 0;
    for (let i = 0; i < n; i++) loss += (e[i] * He[i]) / 2;
    out.push(Math.round(Math.log10(loss) * 1e4) / 1e4);
    e = e.map((v, i) => v - eta * He[i]);
  }
  return out;
}

/** A random SPD matrix A A^T / n + shift I (n x n), and its spectrum. */
function randomSpd(n: number, shift: number, seed: number): { H: Float64Array; values: Float64Array } {
  const s = createStream(seed, 'spd');
  const A = Float64Array.from({ length: n * n }, () => s.normal());
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let v = i === j ? shift : 0;
    for (let k = 0; k < n; k++) v += (A[i * n + k] * A[j * n + k]) / n;
    H[i * n + j] = v;
  }
  return { H, values: denseSymmetricEigen(H, n).values };
}

function record(id: string, log10Loss: number[], predicted: number): TrialRecord {
  return { id, experiment: 'fig2a', params: { init: 'random', trial: 0 }, masterSeed: 1, seed: 1, result: { log10Loss, predictedStepsPerDecade: predicted }, ms: 0 };
}

describe('Fig. 2(a) local rate theory', () => {
  it('the predicted rate is what GD on a quadratic does, deep in the run (3 random spectra)', () => {
    for (const seed of [1, 2, 3]) {
      const n = 12;
      const { H, values } = randomSpd(n, 0.05, seed);
      const eta = 1 / values[n - 1];
      const e0 = Float64Array.from({ length: n }, (_, i) => 1 + i);
      // No rounding floor on an explicit quadratic: run deep enough for the slowest mode to
      // dominate whatever the gap (these Wishart spectra have close bottom eigenvalues).
      const curve = quadraticGd(H, n, e0, eta, 12000);
      const predicted = predictedStepsPerDecade({ lambdaMin: values[0], lambdaMax: values[n - 1], eta });
      const measured = measuredStepsPerDecade(curve, 1e-90, 1e-80);
      expect(rateAgreement(measured, predicted, { below: 1e-3, above: 1e-3 }).agrees, `seed ${seed}: ${measured} vs ${predicted}`).toBe(true);
      // Log-convexity: no window is slower than the slowest mode (beyond the stored rounding).
      for (let top = -2; top >= -80; top -= 2) {
        const m = measuredStepsPerDecade(curve, 10 ** (top - 2), 10 ** top);
        expect(m / predicted, `seed ${seed}, window 1e${top}`).toBeLessThanOrEqual(1 + RATE_TOLERANCE.above);
      }
    }
  });

  it('measures an exact geometric decay and refuses a step that lambda_min does not govern', () => {
    expect(measuredStepsPerDecade([0, -0.5, -1, -1.5, -2], 1e-2, 1)).toBeCloseTo(2, 12);
    expect(measuredStepsPerDecade([0, -1], 1e-2, 1)).toBeNaN(); // too few points
    expect(() => predictedStepsPerDecade({ lambdaMin: 0.1, lambdaMax: 3.9, eta: 0.5 })).toThrow(/eta/);
  });

  it('verdict: correct predictions are supported, a slipped formula is not, no window crossing is inconclusive', () => {
    const { H, values } = randomSpd(10, 0.04, 9);
    const eta = 0.5;
    const curve = quadraticGd(H, 10, Float64Array.from({ length: 10 }, () => 1), eta, 3000);
    const lambdaMin = values[0];
    const right = predictedStepsPerDecade({ lambdaMin, lambdaMax: values[9], eta });
    expect(rateTheory([record('a', curve, right)], RATE_WINDOW, RATE_TOLERANCE).verdict.status).toBe('supported');
    // Planted: the loss rate without the square (one decade per -1/log10(1 - eta lambda) steps).
    const slipped = 1 / -Math.log10(1 - eta * lambdaMin);
    const bad = rateTheory([record('a', curve, right), record('b', curve, slipped)], RATE_WINDOW, RATE_TOLERANCE);
    expect(bad.verdict.status).toBe('not supported');
    expect(bad.verdict.evidence).toContain('b (');
    // Planted: the Hessian of sum_i r_i^2 (no 1/2), i.e. twice the curvature.
    const wrongMode = 1 / (-2 * Math.log10(1 - eta * 2 * lambdaMin));
    expect(rateTheory([record('c', curve, wrongMode)], RATE_WINDOW, RATE_TOLERANCE).verdict.status).toBe('not supported');
    const stuck = rateTheory([record('d', curve.slice(0, 50), right)], RATE_WINDOW, RATE_TOLERANCE);
    expect(stuck.verdict.status).toBe('inconclusive');
    expect(stuck.verdict.evidence).toContain('never crossed');
  });

  it('the section carries the theory verdict and a dashed theory layer with data', () => {
    const { H, values } = randomSpd(10, 0.04, 5);
    const curve = quadraticGd(H, 10, Float64Array.from({ length: 10 }, () => 1), 0.5, 3000);
    const r = { ...record('fig2a/init=random/trial=0', curve, predictedStepsPerDecade({ lambdaMin: values[0], lambdaMax: values[9], eta: 0.5 })) };
    const section = fig2a.summarize([{ ...r, result: { ...r.result, initUsed: 'random', lambdaMin: values[0] } }]);
    expect(section.verdicts.map((v) => v.status)).toContain('supported');
    const layers = (section.figures[0].vegaLite as { layer: { data: { values: unknown[] } }[] }).layer;
    expect(layers[1].data.values.length).toBeGreaterThan(0);
  });
});
