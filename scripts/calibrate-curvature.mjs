// Calibration of c_mu, c_L (Lemmas 5.1-5.2) and c2 (Lemma 5.3); src/theory/claims.ts records it.
// Usage: npm run build && node scripts/calibrate-curvature.mjs [cases=500]
import fc from 'fast-check';
import { caseArbitrary, pointArbitrary } from '../dist/properties/arbitraries.js';
import { curvatureRatios, CURVATURE_RANGES } from '../dist/properties/strongConvexity.js';
import { concentrationRatio, CONCENTRATION_RANGES } from '../dist/properties/gradientConcentration.js';
import { referenceImplementation } from '../dist/src/impl/reference.js';

const M = Number(process.argv[2] ?? 500);
const impl = referenceImplementation();
const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
for (const [which, seed] of [['population', 3001], ['empirical', 3002]]) {
  const cases = fc.sample(caseArbitrary(CURVATURE_RANGES, pointArbitrary(0, 1)), { seed, numRuns: M });
  const mu = [], L = [];
  for (const c of cases) {
    const r = await curvatureRatios(impl, c, which);
    mu.push(r.convexity); L.push(r.smoothness);
  }
  console.log(`${which} (${M} cases, sample seed ${seed}): convexity min ${Math.min(...mu)} q01 ${q(mu, 0.01)} median ${q(mu, 0.5)}; smoothness max ${Math.max(...L)} q99 ${q(L, 0.99)} median ${q(L, 0.5)}`);
}
const cc = fc.sample(caseArbitrary(CONCENTRATION_RANGES), { seed: 3003, numRuns: M });
const r2 = [];
for (const c of cc) r2.push(await concentrationRatio(impl, c));
console.log(`concentration (${M} cases, sample seed 3003): ratio max ${Math.max(...r2)} q99 ${q(r2, 0.99)} median ${q(r2, 0.5)}`);
