// Measures relucheck's reference on the tensor-init claims' cases (slope intervals, ball ratios). The claims'
// constants no longer come from here: they are calibrated on the faithful family by
// scripts/calibrate-faithful-init.ts (src/theory/claims.ts records that run).
// Usage: npm run build && node scripts/calibrate-init.mjs [teachers=100]
import fc from 'fast-check';
import { measureInitRate, initRateArbitrary, basinRatio, initBasinArbitrary } from '../dist/properties/tensorInit.js';
import { referenceImplementation } from '../dist/src/impl/reference.js';

const M = Number(process.argv[2] ?? 100);
const impl = referenceImplementation();
const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const slopes = [], hws = [];
let miss = 0, zero = 0;
for (const c of fc.sample(initRateArbitrary(), { seed: 4001, numRuns: M })) {
  const m = await measureInitRate(impl, c);
  slopes.push(m.slope); hws.push(m.halfWidth);
  if (!(m.slope - m.halfWidth <= -0.5 && -0.5 <= m.slope + m.halfWidth)) miss++;
  if (!(m.slope + m.halfWidth < 0)) zero++;
}
console.log(`rate (${M} teachers, sample seed 4001): slope min ${Math.min(...slopes)} median ${q(slopes, 0.5)} max ${Math.max(...slopes)}; half-width median ${q(hws, 0.5)} max ${Math.max(...hws)}; misses -1/2 ${miss}/${M}; reaches 0 ${zero}/${M}`);
const ratios = [];
for (const c of fc.sample(initBasinArbitrary(), { seed: 4002, numRuns: 4 * M })) ratios.push(await basinRatio(impl, c));
console.log(`basin (${4 * M} teachers, sample seed 4002): error/radius max ${Math.max(...ratios)} q99 ${q(ratios, 0.99)} median ${q(ratios, 0.5)}`);
