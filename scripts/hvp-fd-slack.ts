/**
 * Slack of the HVP finite-difference claim (properties/activations/hvpFiniteDifferences.claim.ts):
 * how close the measured |fd_q - (H U)_q| comes to the derived tolerance, over many of the
 * claim's own cases, for the reference core. Run: `npm run build && node
 * dist/scripts/hvp-fd-slack.js [--cases 10000] [--seed 1]`. Prints per activation the median
 * and maximum of max_q |fd_q - (H U)_q| / tol_q and the range of the chosen h.
 *
 * Recorded runs (branch smoothfd; fc.sample seeds 1, 2 with 5000 cases each and seed 3 with
 * 20000; 0.4-0.6 ms per case): worst ratio 0.72 (quadratic: the gradient is cubic in t, so
 * the truncation bound is nearly attained; it is exact up to the |.| taken per sample),
 * sigmoid 0.32, tanh 0.30, erf 0.27, linear 0.040 (rounding only); medians 0.20 (quadratic),
 * 0.02-0.04 (sigmoid, tanh, erf), 0.01 (linear). h = 2^-19..2^-14 (2^-6 for linear). None
 * above 1 in 30000 cases.
 */
import fc from 'fast-check';
import { hvpFdCases, measureHvpFd } from '../properties/activations/hvpFiniteDifferences.claim.js';
import { referenceActivationSubject } from '../properties/activations/subject.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const cases = fc.sample(hvpFdCases(), { seed: arg('seed', 1), numRuns: arg('cases', 10000) });
const ref = referenceActivationSubject();
const ratios: Record<string, number[]> = {};
const steps: Record<string, number[]> = {};
const t0 = performance.now();
let worst = { ratio: 0, text: '' };
for (const c of cases) {
  const m = measureHvpFd(ref, c);
  (ratios[c.name] ??= []).push(m.worstRatio);
  (steps[c.name] ??= []).push(Math.log2(m.h));
  if (m.worstRatio > worst.ratio) worst = { ratio: m.worstRatio, text: JSON.stringify({ case: c, ...m }) };
}
const ms = performance.now() - t0;
console.log(`${cases.length} cases, ${(ms / cases.length).toFixed(2)} ms per case`);
for (const [name, r] of Object.entries(ratios)) {
  r.sort((a, b) => a - b);
  const h = steps[name];
  console.log(
    `${name.padEnd(10)} n ${r.length}  median ${r[r.length >> 1].toExponential(2)}  max ${r[r.length - 1].toExponential(2)}  h 2^${Math.min(...h)}..2^${Math.max(...h)}`,
  );
}
console.log(`worst: ${worst.text}`);
