// Calibration of the statistical-rate constant C and coverage check of the slope interval.
// Usage: npm run build && node scripts/calibrate-rate.mjs [cases=100]
import fc from 'fast-check';
import { measureRate, rateArbitrary } from '../dist/properties/statisticalRate.js';
import { referenceImplementation } from '../dist/src/impl/reference.js';

const M = Number(process.argv[2] ?? 100);
const impl = referenceImplementation();
const cases = fc.sample(rateArbitrary(), { seed: 2001, numRuns: M });
const cs = [], slopes = [], hws = [];
let missMinus1 = 0, includes0 = 0;
for (const c of cases) {
  const m = await measureRate(impl, c);
  cs.push(m.cNeeded); slopes.push(m.slope); hws.push(m.halfWidth);
  if (!(m.slope - m.halfWidth <= -1 && -1 <= m.slope + m.halfWidth)) missMinus1++;
  if (!(m.slope + m.halfWidth < 0)) includes0++;
}
const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
console.log(`${M} cases (sample seed 2001): C needed max ${Math.max(...cs)} q99 ${q(cs, 0.99)} median ${q(cs, 0.5)}`);
console.log(`slope: min ${Math.min(...slopes)} median ${q(slopes, 0.5)} max ${Math.max(...slopes)}; half-width median ${q(hws, 0.5)} max ${Math.max(...hws)}`);
console.log(`interval misses -1: ${missMinus1}/${M}; interval reaches 0: ${includes0}/${M}`);
