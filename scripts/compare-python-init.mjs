// The NumPy tensor initialization (examples/python/tensor_init_numpy.py, through the protocol
// server) against the TypeScript reference on the same instances and the same claim cases.
// Usage: npm run build && node scripts/compare-python-init.mjs [teachers=20]
// 1. d = 10, K = 5, kappa = 2, N = 1e3, 1e4, 1e5, seeds 1..10: aligned relative error of each
//    (same data), medians, and how often Python's error is the smaller.
// 2. The tensor claims' own statistics on the calibration cases of scripts/calibrate-init.mjs
//    (fast-check sample seeds 4001 / 4002): rate slopes and interval checks, basin ratios.
//
// Recorded run (branch pyinit, 20 teachers; both implementations see the same data sets):
//   N = 1e3: median error TS 0.812 [max 0.934], Python 0.680 [0.938]; Python smaller 5/10
//   N = 1e4: TS 0.238 [0.978], Python 0.201 [0.222]; Python smaller 9/10
//   N = 1e5: TS 0.0764 [0.111], Python 0.0603 [0.0803]; Python smaller 7/10
//   rate slopes (20 teachers): TS -0.589 / -0.482 / -0.330 (min / median / max), Python
//   -0.562 / -0.472 / -0.293; intervals missing -1/2: TS 0/20, Python 1/20 (teacher 13, the
//   one where the TS slope is also at its extreme: the data are shared). Over the 100
//   calibration teachers Python missed on that teacher only (1/100; slopes -0.585 / -0.480 /
//   -0.293), within the claim's budget of 0.011 per case. (The 100-teacher run predates the
//   batched restarts of power_method; the 20-teacher numbers above are identical before and after.)
//   basin (80 teachers): error/radius median 0.125 / 0.125, max TS 0.347, Python 0.352.
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { alignedError } from '../dist/src/core/alignedError.js';
import { makeInstance } from '../dist/src/core/instance.js';
import { referenceImplementation } from '../dist/src/impl/reference.js';
import { processImplementation } from '../dist/src/impl/processImplementation.js';
import { measureInitRate, initRateArbitrary, basinRatio, initBasinArbitrary } from '../dist/properties/tensorInit.js';

const M = Number(process.argv[2] ?? 20);
const root = fileURLToPath(new URL('../', import.meta.url));
const ts = referenceImplementation();
const py = await processImplementation({ command: `python3 ${root}examples/python/relucheck_server.py`, timeoutMs: 120_000 });
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const f = (x) => x.toPrecision(3);
try {
  for (const N of [1000, 10000, 100000]) {
    const e = { ts: [], py: [], gap: [] };
    for (let seed = 1; seed <= 10; seed++) {
      const inst = makeInstance({ d: 10, K: 5, kappa: 2, N, seed });
      const Wt = await ts.tensorInit(inst.data, { K: 5, seed });
      const Wp = await py.tensorInit(inst.data, { K: 5, seed });
      e.ts.push(alignedError(Wt, inst.Wstar).relative);
      e.py.push(alignedError(Wp, inst.Wstar).relative);
      e.gap.push(alignedError(Wp, Wt).relative);
    }
    const wins = e.py.filter((v, i) => v < e.ts[i]).length;
    console.log(`d=10 K=5 kappa=2 N=${N}: median error TS ${f(med(e.ts))} [max ${f(Math.max(...e.ts))}], Python ${f(med(e.py))} [max ${f(Math.max(...e.py))}]; Python smaller on ${wins}/10; median |W_py - W_ts| / |W_ts| ${f(med(e.gap))}`);
  }
  for (const [name, impl] of [['TS', ts], ['Python', py]]) {
    const slopes = [];
    let miss = 0, zero = 0;
    for (const c of fc.sample(initRateArbitrary(), { seed: 4001, numRuns: M })) {
      const m = await measureInitRate(impl, c);
      slopes.push(m.slope);
      if (!(m.slope - m.halfWidth <= -0.5 && -0.5 <= m.slope + m.halfWidth)) miss++;
      if (!(m.slope + m.halfWidth < 0)) zero++;
    }
    const ratios = [];
    for (const c of fc.sample(initBasinArbitrary(), { seed: 4002, numRuns: 4 * M })) ratios.push(await basinRatio(impl, c));
    console.log(`${name}: rate (${M} teachers) slope min ${f(Math.min(...slopes))} median ${f(med(slopes))} max ${f(Math.max(...slopes))}, interval misses -1/2 ${miss}/${M}, reaches 0 ${zero}/${M}; basin (${4 * M} teachers) error/radius median ${f(med(ratios))} max ${f(Math.max(...ratios))}`);
  }
} finally {
  await py.close();
}
