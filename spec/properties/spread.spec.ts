/**
 * Thorough tier only: fc.statistics of the case arbitraries, so a thorough run shows how its
 * cases spread over d, K, N, noise and distance from W* (and that shrinking targets exist).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseArbitrary, type ClaimCase } from '../../properties/arbitraries.js';
import { claimOptionsFromEnv } from '../../properties/environment.js';
import { CONTRACTION_CLAIM_RANGES } from '../../properties/contractionTrace.js';

const options = claimOptionsFromEnv(process.env);

function classify(c: ClaimCase): string[] {
  const { d, K, N, noiseStd } = c.instance;
  return [
    `d=${d}`,
    `K=${K}`,
    `N in [${2 ** Math.floor(Math.log2(N))}, ${2 ** (Math.floor(Math.log2(N)) + 1)})`,
    noiseStd === 0 ? 'noiseless' : 'noisy',
    `|W - W*| at ${Math.floor(c.point.fraction * 4) * 25}%+ of the radius`,
  ];
}

describe.skipIf(options.tier !== 'thorough')('case spread (thorough tier)', () => {
  it.each([
    ['finite differences', { d: [2, 6], Kmax: 3, N: [10, 60], noise: [0, 0.5] }],
    ['contraction', CONTRACTION_CLAIM_RANGES],
  ] as const)('%s', (_name, ranges) => {
    const lines: string[] = [];
    for (const f of [0, 1, 2, 3, 4]) {
      fc.statistics(caseArbitrary(ranges), (c) => classify(c)[f], {
        seed: options.seed,
        numRuns: 1000,
        logger: (l) => lines.push(l),
      });
    }
    console.log(lines.join('\n'));
    expect(lines.length).toBeGreaterThan(5);
  });
});
