/**
 * Population-side speed, always as ratios to the reference empirical kernel
 * (src/core/kernel.ts lossAndGradient) timed in the same run, since the machine is shared:
 *
 * 1. one population Hessian-vector product at d = 100, K = 15 (operator built per call, as
 *    populationHvp does, and with a prebuilt operator) against one empirical gradient at
 *    N = 5000: the claim is "no more than a few empirical gradients";
 * 2. the extreme eigenvalues of the population Hessian at dK = 1500 by Lanczos (full
 *    reorthogonalization), claimed "well under a second", printed in ms and as a multiple
 *    of one empirical gradient; plus the empirical HVP for comparison.
 *
 * Timings are medians over repetitions.
 */
import { createStreams } from '../src/core/random.js';
import { makeInstance } from '../src/core/instance.js';
import { lossAndGradient } from '../src/core/kernel.js';
import type { Weights } from '../src/core/layout.js';
import { populationHvp } from '../src/core/population/populationHessian.js';
import { populationHessianOperator } from '../src/core/population/populationHessianOperator.js';
import { empiricalHvp } from '../src/core/population/empiricalHessian.js';
import { extremeEigenvalues } from '../src/core/curvature/extremeEigenvalues.js';

function median(f: () => void, reps: number): number {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Runs the population benchmarks, writing one line per measurement. */
export async function bench(out: (line: string) => void): Promise<void> {
  const d = 100;
  const K = 15;
  const inst = makeInstance({ d, K, kappa: 2, N: 5000, seed: 1 });
  const s = createStreams(1).stream('bench-perturb');
  const W: Weights = { d, K, data: inst.Wstar.data.map((v) => v + 0.1 * s.normal()) };
  const u = createStreams(1).stream('bench-u').fillNormal(new Float64Array(d * K));
  const grad = new Float64Array(d * K);
  const hv = new Float64Array(d * K);

  // Warm up the JIT on every path before timing.
  for (let r = 0; r < 5; r++) {
    lossAndGradient(inst.data, W, grad);
    populationHvp(inst.Wstar, W, u, hv);
  }
  const tGrad = median(() => lossAndGradient(inst.data, W, grad), 21);
  const tHvp = median(() => populationHvp(inst.Wstar, W, u, hv), 51);
  const op = populationHessianOperator(inst.Wstar, W);
  for (let r = 0; r < 20; r++) op.matvec(u, hv);
  const tMatvec = median(() => op.matvec(u, hv), 201);
  const tEmpHvp = median(() => empiricalHvp(inst.data, W, u, hv), 11);
  out(`population: empirical gradient (kernel.ts) d=${d} K=${K} N=5000: ${tGrad.toFixed(3)} ms (baseline)`);
  out(`population: populationHvp (operator built per call) d=${d} K=${K}: ${tHvp.toFixed(3)} ms = ${(tHvp / tGrad).toFixed(4)} x gradient`);
  out(`population: prebuilt operator matvec: ${tMatvec.toFixed(4)} ms = ${(tMatvec / tGrad).toFixed(5)} x gradient`);
  out(`population: empiricalHvp N=5000: ${tEmpHvp.toFixed(3)} ms = ${(tEmpHvp / tGrad).toFixed(3)} x gradient`);

  let last = extremeEigenvalues(op, { method: 'lanczos', stream: createStreams(1).stream('lanczos') });
  const tLanczos = median(() => {
    const built = populationHessianOperator(inst.Wstar, W);
    last = extremeEigenvalues(built, { method: 'lanczos', stream: createStreams(1).stream('lanczos') });
  }, 5);
  out(
    `population: Lanczos extremes dK=${d * K}: ${tLanczos.toFixed(1)} ms = ${(tLanczos / tGrad).toFixed(2)} x gradient; ` +
      `${last.iterations} iterations, [${last.min.toPrecision(6)}, ${last.max.toPrecision(6)}], ` +
      `residuals ${last.residualMin.toExponential(1)} / ${last.residualMax.toExponential(1)}`,
  );
}
