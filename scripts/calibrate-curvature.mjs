// Calibration of c_mu, c_L (Lemmas 5.1-5.2) and c2 (Lemma 5.3); src/theory/claims.ts records it.
// Usage: npm run build && node scripts/calibrate-curvature.mjs [cases=500]
//   PARTS=probes,concentration,eigen picks the parts (default all). eigen: at the same cases and
//   points as the probes, the smallest eigenvalue of the dense population / empirical Hessian
//   (what Lemma 5.1 states, H >= mu I) instead of u^T H u for 4 random unit probes u.
import fc from 'fast-check';
import { caseArbitrary, pointArbitrary } from '../dist/properties/arbitraries.js';
import { curvatureRatios, CURVATURE_RANGES } from '../dist/properties/strongConvexity.js';
import { concentrationRatio, CONCENTRATION_RANGES } from '../dist/properties/gradientConcentration.js';
import { referenceImplementation } from '../dist/src/impl/reference.js';
import { materialize, pointNear } from '../dist/properties/arbitraries.js';
import { BALL_C } from '../dist/src/theory/claims.js';
import { basinRadius } from '../dist/src/theory/quantities.js';
import { populationHessian } from '../dist/src/core/population/populationHessian.js';
import { empiricalHessian } from '../dist/src/core/population/empiricalHessian.js';
import { extremeEigenvalues } from '../dist/src/core/curvature/extremeEigenvalues.js';

const M = Number(process.argv[2] ?? 500);
const impl = referenceImplementation();
const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const parts = (process.env.PARTS ?? 'probes,concentration,eigen').split(',');
for (const [which, seed] of parts.includes('probes') ? [['population', 3001], ['empirical', 3002]] : []) {
  const cases = fc.sample(caseArbitrary(CURVATURE_RANGES, pointArbitrary(0, 1)), { seed, numRuns: M });
  const mu = [], L = [];
  for (const c of cases) {
    const r = await curvatureRatios(impl, c, which);
    mu.push(r.convexity); L.push(r.smoothness);
  }
  console.log(`${which} (${M} cases, sample seed ${seed}): convexity min ${Math.min(...mu)} q01 ${q(mu, 0.01)} median ${q(mu, 0.5)}; smoothness max ${Math.max(...L)} q99 ${q(L, 0.99)} median ${q(L, 0.5)}`);
}
if (parts.includes('concentration')) {
  const cc = fc.sample(caseArbitrary(CONCENTRATION_RANGES), { seed: 3003, numRuns: M });
  const r2 = [];
  for (const c of cc) r2.push(await concentrationRatio(impl, c));
  console.log(`concentration (${M} cases, sample seed 3003): ratio max ${Math.max(...r2)} q99 ${q(r2, 0.99)} median ${q(r2, 0.5)}`);
}
for (const [which, seed] of parts.includes('eigen') ? [['population', 3001], ['empirical', 3002]] : []) {
  const cases = fc.sample(caseArbitrary(CURVATURE_RANGES, pointArbitrary(0, 1)), { seed, numRuns: M });
  const mu = [];
  for (const c of cases) {
    const inst = materialize(c.instance);
    const t = inst.teacher;
    const Wb = pointNear(inst.Wstar, c.point, basinRadius(t, BALL_C.value));
    const H = which === 'population' ? populationHessian(inst.Wstar, Wb) : empiricalHessian(inst.data, Wb);
    mu.push(extremeEigenvalues(H, { method: 'dense' }).min * t.lambda * t.kappa ** 2);
  }
  console.log(`${which} eigenvalues (${M} cases, sample seed ${seed}): lambda_min lambda kappa^2 min ${Math.min(...mu)} q01 ${q(mu, 0.01)} median ${q(mu, 0.5)}`);
}
