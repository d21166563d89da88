/**
 * Calibration behind spec/population/curvature.spec.ts ("population and empirical Hessians
 * agree at W*"): over seeds 1..200 of d = 10, K = 5, kappa = 2, N = 2e4 (noiseless), the
 * distribution of (lambda(H_N) - lambda(H)) / SE for the extreme eigenvalues, SE the
 * first-order sampling error from empiricalRayleigh. Not a benchmark; run on demand:
 *
 *   npm run build && node dist/bench/calibrateHessianEigenvalues.js
 *
 * Result recorded in the spec: min mean -0.32 sd 0.96 max|z| 2.65; max mean +0.22 sd 1.00
 * max|z| 3.13.
 */
import { makeInstance } from '../src/core/instance.js';
import { extremeEigenvalues } from '../src/core/curvature/extremeEigenvalues.js';
import { empiricalHessian } from '../src/core/population/empiricalHessian.js';
import { empiricalRayleigh } from '../src/core/population/empiricalRayleigh.js';
import { populationHessianOperator } from '../src/core/population/populationHessianOperator.js';

/** Prints the standardized deviations' mean, sd and max |z| for min and max. */
export function calibrate(seeds = 200, out: (line: string) => void = console.log): void {
  const z: number[][] = [[], []];
  for (let seed = 1; seed <= seeds; seed++) {
    const inst = makeInstance({ d: 10, K: 5, kappa: 2, N: 20_000, seed });
    const pop = extremeEigenvalues(populationHessianOperator(inst.Wstar, inst.Wstar));
    const emp = extremeEigenvalues(empiricalHessian(inst.data, inst.Wstar));
    z[0].push((emp.min - pop.min) / empiricalRayleigh(inst.data, inst.Wstar, pop.minVector).stdError);
    z[1].push((emp.max - pop.max) / empiricalRayleigh(inst.data, inst.Wstar, pop.maxVector).stdError);
  }
  for (const [name, zs] of [
    ['min', z[0]],
    ['max', z[1]],
  ] as const) {
    const m = zs.reduce((a, b) => a + b, 0) / zs.length;
    const sd = Math.sqrt(zs.reduce((a, b) => a + (b - m) ** 2, 0) / (zs.length - 1));
    const mx = Math.max(...zs.map(Math.abs));
    out(`${name}: mean ${m.toFixed(3)} sd ${sd.toFixed(3)} max|z| ${mx.toFixed(3)} over ${zs.length} seeds`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) calibrate();
