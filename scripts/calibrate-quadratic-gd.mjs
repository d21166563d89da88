// Calibration of quadratic-random-init-linear-convergence (src/theory/activationClaims.ts records
// the result): the step budget and the window contraction, measured over the cases the claim
// actually draws (d 5..9, K 2..min(4, d - 1), kappa 1..2), not over d = 10/20, K = 3/5 as before.
// Each case runs with 4x the claim's step budget so a slow case shows how slow it is.
// Usage: npm run build && node scripts/calibrate-quadratic-gd.mjs [cases=3000] [seed=4242]
import fc from 'fast-check';
import { measureQuadraticCase, quadraticCaseArbitrary, QUADRATIC_GD_CALIBRATION as cal } from '../dist/properties/activations/quadraticRandomInit.claim.js';
import { referenceActivationSubject } from '../dist/properties/activations/index.js';

const n = Number(process.argv[2] ?? 3000);
const seed = Number(process.argv[3] ?? 4242);
const subject = referenceActivationSubject();
const cases = fc.sample(quadraticCaseArbitrary(), { seed, numRuns: n });
const rows = cases.map((c) => measureQuadraticCase(subject, c, 4 * cal.maxSteps));
const quant = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const steps = rows.map((r) => r.stepsToTarget);
const ratios = rows.map((r) => r.worstRatio);
const local = rows.map((r) => r.worstLocalRatio);
console.log(`${n} cases (fc.sample seed ${seed}), budget ${4 * cal.maxSteps} steps`);
console.log(`steps to ${cal.target}: median ${quant(steps, 0.5)} q99 ${quant(steps, 0.99)} max ${Math.max(...steps)}; over the claim's ${cal.maxSteps}: ${steps.filter((s) => s > cal.maxSteps).length}`);
console.log(`worst window ratio: median ${quant(ratios, 0.5).toFixed(4)} q99 ${quant(ratios, 0.99).toFixed(4)} max ${Math.max(...ratios).toFixed(4)}; over the claim's ${cal.windowContraction}: ${ratios.filter((r) => r > cal.windowContraction).length}`);
console.log(`worst local-phase ratio (windows starting below ${cal.localPhase}): median ${quant(local, 0.5).toFixed(4)} q99 ${quant(local, 0.99).toFixed(4)} max ${Math.max(...local).toFixed(4)}`);
for (const K of [2, 3, 4]) {
  const sub = rows.filter((r) => r.K === K);
  if (sub.length) console.log(`  K = ${K} (${sub.length} cases): steps max ${Math.max(...sub.map((r) => r.stepsToTarget))}, ratio max ${Math.max(...sub.map((r) => r.worstRatio)).toFixed(4)}, local ratio max ${Math.max(...sub.map((r) => r.worstLocalRatio)).toFixed(4)}`);
}
const worst = [...rows].sort((a, b) => b.worstLocalRatio - a.worstLocalRatio).slice(0, 3).concat([...rows].sort((a, b) => b.stepsToTarget - a.stepsToTarget).slice(0, 2));
for (const r of worst) console.log(`  worst: d ${r.d} K ${r.K} ratio ${r.worstRatio.toFixed(4)} at window ${r.worstWindow}, local ${r.worstLocalRatio.toFixed(4)} at ${r.worstLocalWindow}, errors ${r.errors.slice(0, 14).map((e) => e.toExponential(1)).join(' ')}`);
