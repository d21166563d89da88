// Calibration of the contraction constants c3, c4 and the margin of the derived noiseless bound
// (src/theory/claims.ts records the result).
// Usage: npm run build && node scripts/calibrate-contraction.mjs [cases=400]
//   C3=0.075 fixes c3 for the c4 part; PARTS=c3,c4,derived picks the parts to run.
import fc from 'fast-check';
import {
  contractionTrace, lossTrace, derivedMargin, lossMargin, minC3, maxC4,
  CONTRACTION_RANGES, CONTRACTION_CLAIM_RANGES, CONTRACTION_STEPS,
} from '../dist/properties/contractionTrace.js';
import { caseArbitrary, pointArbitrary } from '../dist/properties/arbitraries.js';
import { referenceImplementation } from '../dist/src/impl/reference.js';

const M = Number(process.argv[2] ?? 400);
const parts = (process.env.PARTS ?? 'c3,c4,derived').split(',');
const impl = referenceImplementation();
const quant = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
let c3 = Number(process.env.C3 ?? NaN);
if (parts.includes('c3')) {
  // The paper's form: geometric-convergence's instances (N 300..1500).
  const noiseless = fc.sample(caseArbitrary(CONTRACTION_RANGES, pointArbitrary(0.2, 1)), { seed: 1001, numRuns: M });
  const c3s = [];
  for (const c of noiseless) c3s.push(minC3(await contractionTrace(impl, c, CONTRACTION_STEPS)));
  console.log(`c3 needed (noiseless, ${M} cases, seed 1001): min ${Math.min(...c3s)} q01 ${quant(c3s, 0.01)} median ${quant(c3s, 0.5)}`);
  if (Number.isNaN(c3)) c3 = Math.min(...c3s) / 2;
}
if (parts.includes('c4')) {
  // The noisy half of the contraction claim: its own instances (N 2000..4000), noise 0.05..0.5.
  const noisy = fc.sample(caseArbitrary({ ...CONTRACTION_CLAIM_RANGES, noise: [0.05, 0.5] }, pointArbitrary(0.2, 1)), { seed: 1002, numRuns: M });
  const c4s = [];
  for (const c of noisy) c4s.push(maxC4(await contractionTrace(impl, c, CONTRACTION_STEPS), c3));
  console.log(`c4 needed given c3 = ${c3} (noisy, ${M} cases, seed 1002): max ${Math.max(...c4s)} q99 ${quant(c4s, 0.99)} median ${quant(c4s, 0.5)}`);
}
if (parts.includes('derived')) {
  // The derived noiseless bound (nothing calibrated here): its margin, achieved decrease over
  // guaranteed decrease, for the distance (one call per step) and the loss trace (one call).
  const cases = fc.sample(caseArbitrary({ ...CONTRACTION_CLAIM_RANGES, noise: [0, 0] }, pointArbitrary(0.2, 1)), { seed: 1003, numRuns: M });
  const md = [];
  const ml = [];
  for (const c of cases) {
    md.push(derivedMargin(await contractionTrace(impl, c, CONTRACTION_STEPS)));
    ml.push(lossMargin(await lossTrace(impl, c, CONTRACTION_STEPS)));
  }
  console.log(`derived noiseless margin, distance (${M} cases, seed 1003): min ${Math.min(...md)} q01 ${quant(md, 0.01)} median ${quant(md, 0.5)}`);
  console.log(`derived noiseless margin, loss trace (same cases): min ${Math.min(...ml)} q01 ${quant(ml, 0.01)} median ${quant(ml, 0.5)}`);
}
