// Calibration of c_mu, c_L (Lemmas 5.1-5.2) and c2 (Lemma 5.3); src/theory/claims.ts records it.
// Usage: npm run build && node scripts/calibrate-curvature.mjs [cases=500]
//   PARTS=eigen,concentration picks the parts (default both). eigen: the curvature claims' own
//   measurement (properties/strongConvexity.ts curvatureRatios, from the reference
//   implementation's HVPs): lambda_min of the Hessian's symmetric part at the basin point x
//   lambda kappa^2, and its largest singular value at the s_K/2-ball point / (kappa K^2), for
//   the population Hessian (sample seed 3001) and the empirical one (3002). Each case's ratios
//   are also written as a JSON line to $OUT (when set) so a long run can be inspected or resumed.
//   The claims' first calibration (4 random unit probes per point instead of eigenvalues) is in
//   git history; its minimum was ~1.5x the eigenvalues'.
import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import { caseArbitrary, pointArbitrary } from '../dist/properties/arbitraries.js';
import { curvatureRatios, CURVATURE_RANGES } from '../dist/properties/strongConvexity.js';
import { concentrationRatio, CONCENTRATION_RANGES } from '../dist/properties/gradientConcentration.js';
import { referenceImplementation } from '../dist/src/impl/reference.js';

const M = Number(process.argv[2] ?? 500);
const impl = referenceImplementation();
const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const parts = (process.env.PARTS ?? 'eigen,concentration').split(',');
const out = process.env.OUT;
for (const [which, seed] of parts.includes('eigen') ? [['population', 3001], ['empirical', 3002]] : []) {
  const cases = fc.sample(caseArbitrary(CURVATURE_RANGES, pointArbitrary(0, 1)), { seed, numRuns: M });
  const mu = [], L = [];
  const t0 = Date.now();
  for (const [i, c] of cases.entries()) {
    const r = await curvatureRatios(impl, c, which);
    mu.push(r.convexity); L.push(r.smoothness);
    if (out) appendFileSync(out, JSON.stringify({ which, i, convexity: r.convexity, smoothness: r.smoothness, d: c.instance.d, K: c.instance.K, kappa: c.instance.kappa }) + '\n');
    if (i + 1 === 2000 && M > 2000) console.log(`${which} first 2000: lambda_min min ${Math.min(...mu)}; sigma_max max ${Math.max(...L)}`);
  }
  console.log(`${which} (${M} cases, sample seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(1)} s): lambda_min lambda kappa^2 min ${Math.min(...mu)} q01 ${q(mu, 0.01)} median ${q(mu, 0.5)}; sigma_max / (kappa K^2) max ${Math.max(...L)} q99 ${q(L, 0.99)} median ${q(L, 0.5)}`);
}
if (parts.includes('concentration')) {
  const cc = fc.sample(caseArbitrary(CONCENTRATION_RANGES), { seed: 3003, numRuns: M });
  const r2 = [];
  for (const c of cc) r2.push(await concentrationRatio(impl, c));
  console.log(`concentration (${M} cases, sample seed 3003): ratio max ${Math.max(...r2)} q99 ${q(r2, 0.99)} median ${q(r2, 0.5)}`);
}
