// Calibration of the contraction constants c3, c4 (src/theory/claims.ts records the result).
// Usage: npm run build && node scripts/calibrate-contraction.mjs [cases=400]
import fc from 'fast-check';
import { contractionTrace, minC3, maxC4, CONTRACTION_RANGES, CONTRACTION_STEPS } from '../dist/properties/contraction.js';
import { caseArbitrary, pointArbitrary } from '../dist/properties/arbitraries.js';
import { referenceImplementation } from '../dist/src/impl/reference.js';

const M = Number(process.argv[2] ?? 400);
const impl = referenceImplementation();
const quant = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const noiseless = fc.sample(caseArbitrary(CONTRACTION_RANGES, pointArbitrary(0.2, 1)), { seed: 1001, numRuns: M });
const c3s = [];
for (const c of noiseless) c3s.push(minC3(await contractionTrace(impl, c, CONTRACTION_STEPS)));
console.log(`c3 needed (noiseless, ${M} cases, seed 1001): min ${Math.min(...c3s)} q01 ${quant(c3s, 0.01)} median ${quant(c3s, 0.5)}`);
const c3 = Number(process.env.C3 ?? Math.min(...c3s) / 2);
const noisy = fc.sample(caseArbitrary({ ...CONTRACTION_RANGES, noise: [0, 0.5] }, pointArbitrary(0.2, 1)), { seed: 1002, numRuns: M });
const c4s = [];
for (const c of noisy) c4s.push(maxC4(await contractionTrace(impl, c, CONTRACTION_STEPS), c3));
console.log(`c4 needed given c3 = ${c3} (noisy, ${M} cases, seed 1002): max ${Math.max(...c4s)} q99 ${quant(c4s, 0.99)} median ${quant(c4s, 0.5)}`);
