/**
 * Measurements for the unknown-v tensor initialization (sign-tracked whitening vs the old
 * Jennrich two-slice path). Run: `npm run build && node dist/scripts/unknown-signs-compare.js
 * [--old DIR] [--seeds n] [--act relu|squaredRelu]`. With `--old DIR` (a dist/ of the old code,
 * e.g. a copy of main's before this change) it runs the old tensorInit on the SAME datasets.
 * Prints, at d = 10, K = 5, kappa = 2, mixed v*, outputWeights 'unknown': per N the median,
 * 90th percentile and max aligned relative error over the seeds, sign recovery, and time.
 * `--calibrate B` runs the spec's statistic (spec/tensor/unknownSigns.spec.ts) on B blocks.
 *
 * Recorded run (branch jennrich, old = main's dist at 79f8cf6, seeds 1-20, same datasets;
 * machine shared, times indicative):
 *   ReLU (P3 = M4(I,I,I,alpha)), median / p90 / max, signs recovered, ms per init:
 *   N = 1e4  new 0.132 / 0.171 / 0.379, 20/20, 19 ms   old 0.171 / 301 / 1.78e4, 16/20, 194 ms
 *   N = 1e5  new 0.0439 / 0.0621 / 0.0727, 20/20, 149  old 0.0537 / 0.0934 / 5.83e4, 19/20, 260
 *   slope of the median (two points): new -0.477, old -0.503
 *   squared ReLU (P3 = M3):
 *   N = 1e4  new 0.0946 / 0.115 / 0.119, 20/20, 14 ms  old 0.0939 / 0.107 / 0.114, 20/20, 42 ms
 *   N = 1e5  new 0.0305 / 0.0360 / 0.0373, 20/20      old 0.0288 / 0.0335 / 0.0346, 20/20
 *   New, ReLU, seeds 1-100: N = 1e4 median 0.138, p90 0.215, max 0.542; N = 1e5 median
 *   0.0428, p90 0.0663, max 0.0981; v* recovered on 200/200.
 *   --calibrate 20: block slopes mean -0.519, sd 0.052, range [-0.608, -0.415]; max error per
 *   N = 1e4, 3e4, 1e5 over 240 seeds 0.579, 0.380, 0.099; population worst 3.3e-13.
 */
import { alignedError } from '../src/core/alignedError.js';
import { ACTIVATIONS } from '../src/core/activations/catalog.js';
import { makeOutputModelInstance } from '../src/core/outputModel/outputModelInstance.js';
import { createStreams } from '../src/core/random.js';
import { fitLine } from '../src/core/stats/fitLine.js';
import { tensorActivationOf } from '../src/core/tensor/tensorActivation.js';
import { tensorInit } from '../src/core/tensor/tensorInit.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const oldDir = arg('--old');
const nSeeds = Number(arg('--seeds') ?? 20);
const actName = (arg('--act') ?? 'relu') as 'relu' | 'squaredRelu';
const Ns = (arg('--N') ?? '1e4,1e5').split(',').map(Number);
const d = Number(arg('--d') ?? 10);
const K = Number(arg('--K') ?? 5);
const kappa = 2;

const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
};
const quantile = (a: number[], q: number): number => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))];
const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(3) : String(x));

type Init = typeof tensorInit;
const methods: Array<[string, Init, Record<string, unknown>]> = [['signed whitening', tensorInit, {}]];
if (oldDir) {
  const old = (await import(`${oldDir}/src/core/tensor/tensorInit.js`)) as { tensorInit: Init };
  const oldAct = (await import(`${oldDir}/src/core/tensor/tensorActivation.js`)) as { tensorActivationOf: typeof tensorActivationOf };
  methods.push(['old jennrich', old.tensorInit, { activation: oldAct.tensorActivationOf(ACTIVATIONS[actName]) }]);
}
const act = tensorActivationOf(ACTIVATIONS[actName]);
console.log(`# unknown-v tensor init, ${actName}, d = ${d}, K = ${K}, kappa = ${kappa}, mixed v*, ${nSeeds} seeds (1..${nSeeds})`);
const medians = new Map<string, number[]>();
for (const N of Ns) {
  const rows = methods.map(() => ({ errs: [] as number[], signs: 0, ms: 0 }));
  for (let seed = 1; seed <= nSeeds; seed++) {
    const inst = makeOutputModelInstance({ d, K, kappa, N, seed, activation: actName });
    methods.forEach(([, init, extra], m) => {
      const t0 = performance.now();
      const r = init(inst.data, K, { stream: createStreams(seed).stream('init'), outputWeights: 'unknown', activation: act, ...extra });
      rows[m].ms += performance.now() - t0;
      const { relative, permutation } = alignedError(r.W, inst.Wstar);
      rows[m].errs.push(relative);
      if (Array.from(permutation).every((j, k) => r.v[k] === inst.model.v[j])) rows[m].signs++;
    });
  }
  methods.forEach(([name], m) => {
    const { errs, signs, ms } = rows[m];
    medians.set(name, [...(medians.get(name) ?? []), median(errs)]);
    console.log(`N = ${N.toExponential(0)} ${name.padEnd(17)} median ${fmt(median(errs))}  p90 ${fmt(quantile(errs, 0.9))}  max ${fmt(Math.max(...errs))}  signs ${signs}/${nSeeds}  ${(ms / nSeeds).toFixed(0)} ms/run`);
    if (process.argv.includes('--all')) console.log(`  [${errs.map(fmt).join(' ')}]`);
  });
}
if (Ns.length > 1) {
  for (const [name, meds] of medians) console.log(`${name}: log-log slope of the median ${fitLine(Ns.map(Math.log10), meds.map(Math.log10)).b.toFixed(3)}`);
}

// --calibrate B: the spec's statistic (UNKNOWN_SIGNS_GRID) on B disjoint blocks of seeds
// 1001.., plus population errors; prints what the spec's calibration record quotes.
const blocks = Number(arg('--calibrate') ?? 0);
if (blocks > 0) {
  const { UNKNOWN_SIGNS_GRID: G, unknownSignsSweep, populationUnknownSigns } = await import('../properties/activations/unknownSignsSweep.js');
  const slopes: number[] = [];
  const maxima = G.Ns.map(() => 0);
  let signFails = 0;
  for (let b = 0; b < blocks; b++) {
    const seeds = G.seeds.map((s) => 1000 + b * G.seeds.length + s);
    const sw = unknownSignsSweep({ ...G, seeds });
    slopes.push(sw.slope);
    sw.errors.forEach((row, i) => (maxima[i] = Math.max(maxima[i], ...row)));
    signFails += sw.signsRecovered.reduce((a, n) => a + (seeds.length - n), 0);
    console.log(`block ${b}: slope ${sw.slope.toFixed(3)} medians ${sw.medians.map(fmt).join(' ')} max ${sw.errors.map((r) => fmt(Math.max(...r))).join(' ')}`);
  }
  const m = slopes.reduce((a, x) => a + x, 0) / blocks;
  const sd = Math.sqrt(slopes.reduce((a, x) => a + (x - m) ** 2, 0) / (blocks - 1));
  console.log(`slopes over ${blocks} blocks of ${G.seeds.length} seeds: mean ${m.toFixed(3)} sd ${sd.toFixed(3)} min ${Math.min(...slopes).toFixed(3)} max ${Math.max(...slopes).toFixed(3)}`);
  console.log(`max error per N (${G.Ns.join(', ')}) over ${blocks * G.seeds.length} seeds: ${maxima.map(fmt).join(', ')}; sign failures ${signFails}`);
  let worst = 0;
  let pf = 0;
  const settings = [[10, 5, 2], [20, 3, 5], [8, 8, 2], [50, 10, 3]] as const;
  for (const act of ['relu', 'squaredRelu'] as const) {
    for (const [dd, KK, kk] of settings) {
      for (let seed = 1; seed <= 25; seed++) {
        const p = populationUnknownSigns(act, dd, KK, kk, seed);
        worst = Math.max(worst, p.relative);
        if (!p.signsRecovered) pf++;
      }
    }
  }
  console.log(`population: worst aligned relative error ${worst.toExponential(2)} over 2 activations x 4 settings x 25 seeds; sign failures ${pf}`);
}
