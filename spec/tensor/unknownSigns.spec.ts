import { describe, expect, it } from 'vitest';
import {
  populationUnknownSigns,
  UNKNOWN_SIGNS_GRID,
  unknownSignsSweep,
  type UnknownSignsSweep,
} from '../../properties/activations/unknownSignsSweep.js';
import type { TensorInitOptions } from '../../src/core/tensor/tensorInit.js';

// Tensor initialization with output weights of unknown sign (Zhong et al. 2017, Algorithm 1):
// whitening by the indefinite C = V P2 V^T with its sign pattern J tracked, J-orthogonal
// deflation (src/core/tensor/whitenedDecomposition.ts derives it). The planted bug is the
// same method with the sign tracking dropped (whitening by |C|, J = I): every check below
// runs on both, and the planted one must fail.
const PLANTED: Partial<TensorInitOptions> = { whitening: 'absolute' };

// Population: every step is exact in exact arithmetic, so only rounding amplified by the
// conditioning remains. Calibration (scripts/unknown-signs-compare.ts --calibrate: ReLU and
// squared ReLU x 4 settings x seeds 1-25): worst aligned relative error 3.3e-13, every v*
// recovered. 1e-10 (the "~1e-10") is far above that.
const POPULATION_TOLERANCE = 1e-10;
const POPULATION_SETTINGS = [
  { activation: 'relu', d: 10, K: 5, kappa: 2 },
  { activation: 'relu', d: 50, K: 10, kappa: 3 },
  { activation: 'squaredRelu', d: 10, K: 5, kappa: 2 },
  { activation: 'squaredRelu', d: 8, K: 8, kappa: 2 },
] as const;

function populationFailures(options: Partial<TensorInitOptions>): string[] {
  const failures: string[] = [];
  for (const { activation, d, K, kappa } of POPULATION_SETTINGS) {
    for (const seed of [1, 2]) {
      const p = populationUnknownSigns(activation, d, K, kappa, seed, options);
      const where = `${activation} d=${d} K=${K} kappa=${kappa} seed=${seed} v*=[${Array.from(p.vstar)}]`;
      if (!(p.relative <= POPULATION_TOLERANCE)) {
        failures.push(`${where}: aligned relative error ${p.relative} > tolerance ${POPULATION_TOLERANCE}`);
      }
      if (!p.signsRecovered) failures.push(`${where}: v* not recovered under the aligned matching`);
    }
  }
  return failures;
}

// Samples, UNKNOWN_SIGNS_GRID (ReLU: P3 = M4(I, I, I, alpha), the noisy path; d = 10, K = 5,
// kappa = 2, N = 1e4, 3e4, 1e5, seeds 1-12). Calibration: the same statistic on 20 disjoint
// blocks of 12 seeds (1001-1240) with scripts/unknown-signs-compare.ts --calibrate: block
// slopes mean -0.519, sd 0.052, range [-0.608, -0.415]; largest error per N over the 240
// seeds 0.579, 0.380, 0.099; v* recovered in all 720 runs. Tolerances and why:
// - slope of log(median error) on log N within SLOPE_HALF_WIDTH of -1/2: the half-width is 4
//   standard deviations of the block slopes, 0.21 (a normal tail of 6e-5 per run for a fresh
//   seed set, even allowing the -0.019 pre-asymptotic offset of the mean; the spec's seeds
//   are fixed, so this guards against benign code changes), which also exceeds 1.5x the
//   largest deviation from -1/2 seen in the 20 blocks (0.108);
// - no blow-ups: every seed's error at each N at most MAX_ERROR[N] = 2x the largest of the
//   240 calibration seeds at that N (the old Jennrich path reached 1.8e4 at N = 1e4);
// - v* recovered exactly on every seed (none failed in the 720 calibration runs).
const SLOPE_HALF_WIDTH = 4 * 0.052;
const MAX_ERROR: readonly number[] = [2 * 0.579, 2 * 0.38, 2 * 0.099];

function sampleFailures(s: UnknownSignsSweep): string[] {
  const G = UNKNOWN_SIGNS_GRID;
  const failures: string[] = [];
  const dev = s.slope + 0.5;
  if (!(Math.abs(dev) <= SLOPE_HALF_WIDTH)) {
    failures.push(`slope of log median error on log N = ${s.slope} (medians ${s.medians} at N = ${G.Ns}), expected -0.5, difference ${dev}, tolerance ${SLOPE_HALF_WIDTH}`);
  }
  s.errors.forEach((row, i) =>
    row.forEach((e, j) => {
      if (!(e <= MAX_ERROR[i])) {
        failures.push(`N=${G.Ns[i]} seed=${G.seeds[j]}: aligned relative error ${e} > bound ${MAX_ERROR[i]}`);
      }
    }),
  );
  s.signsRecovered.forEach((n, i) => {
    if (n !== G.seeds.length) failures.push(`N=${G.Ns[i]}: v* recovered on ${n} of ${G.seeds.length} seeds, expected all`);
  });
  return failures;
}

describe('tensor initialization with output weights of unknown sign (sign-tracked whitening)', () => {
  it(`recovers W* to ${POPULATION_TOLERANCE} and v* exactly from population moments`, () => {
    expect(populationFailures({})).toEqual([]);
  });

  it('planted: without the sign tracking (whitening by |C|) the population check fails', () => {
    expect(populationFailures(PLANTED).length).toBeGreaterThan(0);
  });

  it('on samples: median error falls like N^(-1/2), no seed blows up, v* recovered', () => {
    expect(sampleFailures(unknownSignsSweep(UNKNOWN_SIGNS_GRID))).toEqual([]);
  });

  it('planted: without the sign tracking the sample check fails', () => {
    expect(sampleFailures(unknownSignsSweep({ ...UNKNOWN_SIGNS_GRID, options: PLANTED })).length).toBeGreaterThan(0);
  });
});
