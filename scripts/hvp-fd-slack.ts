/**
 * Slack of the HVP finite-difference claim (properties/activations/hvpFiniteDifferences.claim.ts):
 * how close the measured |fd_q - (H U)_q| comes to the derived tolerance, over many of the
 * claim's own cases, for the reference core, at both of the claim's steps. Run: `npm run build
 * && node dist/scripts/hvp-fd-slack.js [--cases 10000] [--seed 1]`. Prints per activation the
 * median and maximum of max_q |fd_q - (H U)_q| / tol_q and the range of h.
 *
 * Recorded runs (branch smoothfd; fc.sample seeds 1, 2 with 5000 cases each, 3 with 20000 and
 * 4 with 10000; 0.3-0.6 ms per case and step). Balanced h (2^-19..2^-14; 2^-6 for linear):
 * worst ratio 0.72 (quadratic), sigmoid 0.32, tanh 0.30, erf 0.29, linear 0.040; medians 0.20
 * (quadratic), 0.02-0.04 (sigmoid, tanh, erf), 0.01 (linear). h = 2^-4 (seed 4): quadratic
 * median 0.986, max 1 - 5e-12 (the gradient is cubic in t, so its h^2 g'''/6 remainder is exact
 * and the per-sample |.| in the bound costs nothing when the signs agree: only the rounding
 * bound separates the two), sigmoid 0.71, erf 0.67, tanh 0.66, linear 0.034. None above 1.
 * Dropping any one truncation term (or halving the constant 1/6) makes the reference fail the
 * claim, except the r phi'''' u^3 term: kept because it is part of the bound, though at these
 * residuals (noise 0.1, W* + 0.3 noise) the other terms cover it.
 */
import fc from 'fast-check';
import { TRUNCATION_STEP, hvpFdCases, measureHvpFd } from '../properties/activations/hvpFiniteDifferences.claim.js';
import { referenceActivationSubject } from '../properties/activations/subject.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const cases = fc.sample(hvpFdCases(), { seed: arg('seed', 1), numRuns: arg('cases', 10000) });
const ref = referenceActivationSubject();
for (const step of [undefined, TRUNCATION_STEP]) {
  const ratios: Record<string, number[]> = {};
  const steps: Record<string, number[]> = {};
  const t0 = performance.now();
  let worst = { ratio: 0, text: '' };
  for (const c of cases) {
    const m = measureHvpFd(ref, c, step);
    (ratios[c.name] ??= []).push(m.worstRatio);
    (steps[c.name] ??= []).push(Math.log2(m.h));
    if (m.worstRatio > worst.ratio) worst = { ratio: m.worstRatio, text: JSON.stringify({ case: c, ...m }) };
  }
  const ms = performance.now() - t0;
  console.log(`${step === undefined ? 'balanced h' : `h = 2^${Math.log2(step)}`}: ${cases.length} cases, ${(ms / cases.length).toFixed(2)} ms per case`);
  for (const [name, r] of Object.entries(ratios)) {
    r.sort((a, b) => a - b);
    const h = steps[name];
    console.log(
      `  ${name.padEnd(10)} n ${r.length}  median ${r[r.length >> 1].toExponential(2)}  max ${r[r.length - 1].toExponential(2)}  h 2^${Math.min(...h)}..2^${Math.max(...h)}`,
    );
  }
  console.log(`  worst: ${worst.text}`);
}
