/**
 * Calibration of the tensor-init claims on the faithful family (spec/controls/faithfulInit/):
 * Algorithm 1 of Zhong et al. 2017 as written, under eight choices the paper leaves open.
 * The claims must hold every member, so their constants come from the WORST member, over the
 * claims' own case ranges (initBasinArbitrary, initRateArbitrary) and several sample seeds.
 * relucheck's reference is measured alongside, for the information line only.
 *
 * - basin statistic q = aligned |W0 - W*|_F / (sqrt(d / N) |W*|_F) at N = N_basin: Theorem
 *   5.6's form (error <= eps poly(k, kappa) |W*|_F with N ~ eps^-2 d), K = 2 and kappa <= 1.2
 *   fixed by the ranges, so poly(...) and the log factors are one constant C.
 * - rate statistic: the least-squares slope of log error against log N on the claim's grid
 *   (measureInitRate); per member its mean and sd over teachers.
 *
 * Run: `npm run build && nice -n 10 node dist/scripts/calibrate-faithful-init.js [--seeds 5]
 * [--teachers 6]`. The recorded run is quoted in properties/tensorInit.ts.
 */
import fc from 'fast-check';
import { FAITHFUL_FAMILY } from '../spec/controls/faithfulInit/faithfulFamily.js';
import { basinError, initBasinArbitrary, initRateArbitrary, measureInitRate } from '../properties/tensorInit.js';
import { referenceImplementation } from '../src/impl/reference.js';
import type { Implementation } from '../src/impl/Implementation.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const SEEDS = arg('seeds', 5);
const TEACHERS = arg('teachers', 6);
const RUNS = arg('runs', 5);
const ONLY = process.argv.includes('--members') ? process.argv[process.argv.indexOf('--members') + 1].split(',') : undefined;
const SKIP_RATE = process.argv.includes('--basin-only');
const mean = (a: number[]): number => a.reduce((s, x) => s + x, 0) / a.length;
const sd = (a: number[]): number => Math.sqrt(a.reduce((s, x) => s + (x - mean(a)) ** 2, 0) / (a.length - 1));

const subjects: { id: string; impl: Implementation }[] = [
  ...FAITHFUL_FAMILY.map((m) => ({ id: m.id, impl: m.make() })),
  { id: 'reference', impl: referenceImplementation() },
].filter((s) => ONLY === undefined || ONLY.includes(s.id));
const basinCases = Array.from({ length: SEEDS }, (_, s) => fc.sample(initBasinArbitrary(), { seed: 5001 + s, numRuns: TEACHERS })).flat();
const rateCases = Array.from({ length: SEEDS }, (_, s) => fc.sample(initRateArbitrary(), { seed: 6001 + s, numRuns: Math.max(2, TEACHERS / 2) })).flat();

const started = Date.now();
for (const { id, impl } of subjects) {
  const q: number[] = [];
  const radius: number[] = [];
  for (const c of basinCases) {
    const b = await basinError(impl, c, RUNS);
    q.push(b.theoremRatio);
    radius.push(b.ballRatio);
  }
  const slopes: number[] = [];
  const upper: number[] = [];
  const medianSlopes: number[] = [];
  for (const c of SKIP_RATE ? [] : rateCases) {
    const m = await measureInitRate(impl, c);
    slopes.push(m.slope);
    upper.push(m.slope + m.halfWidth);
    medianSlopes.push(m.medianSlope);
  }
  console.log(
    `${id.padEnd(24)} basin q max ${Math.max(...q).toFixed(3)} mean ${mean(q).toFixed(3)} log q mean ${mean(q.map(Math.log)).toFixed(3)} sd ${sd(q.map(Math.log)).toFixed(3)} exp(mean+2.88sd) ${Math.exp(mean(q.map(Math.log)) + 2.88 * sd(q.map(Math.log))).toFixed(1)} (error/radius max ${Math.max(...radius).toFixed(2)}) | ` +
      `slope mean ${mean(slopes).toFixed(3)} sd ${sd(slopes).toFixed(3)} max ${Math.max(...slopes).toFixed(3)} mean+2.88sd ${(mean(slopes) + 2.88 * sd(slopes)).toFixed(3)}; ` +
      `CI upper max ${Math.max(...upper).toFixed(3)} | median-slope mean ${mean(medianSlopes).toFixed(3)} sd ${sd(medianSlopes).toFixed(3)} max ${Math.max(...medianSlopes).toFixed(3)} mean+2.88sd ${(mean(medianSlopes) + 2.88 * sd(medianSlopes)).toFixed(3)} | ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}
console.log(`basin: median of ${RUNS} request seeds per teacher; ${basinCases.length} basin teachers (sample seeds 5001..${5000 + SEEDS}), ${rateCases.length} rate teachers (6001..${6000 + SEEDS})`);
