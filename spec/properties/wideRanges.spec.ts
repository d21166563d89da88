/**
 * The exact claims' wide branch (properties/arbitraries.ts): one case in four is drawn at
 * d up to 32, K up to 8 and N up to 3000, odd and even, and `check --list` states it. The
 * size-dependent planted bugs (spec/planted/sizeBugs.ts) are exact on every small case, so it
 * is the wide branch that catches them (planted.spec.ts shows they are caught).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claims } from '../../properties/index.js';
import { describeRanges, instanceArbitrary, materialize, WIDE_EXACT, type InstanceRanges } from '../../properties/arbitraries.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { SIZE_BUGS } from '../planted/sizeBugs.js';

const SMALL: InstanceRanges = { d: [2, 6], Kmax: 3, N: [10, 60], noise: [0, 0.5] };
const draws = fc.sample(instanceArbitrary({ ...SMALL, wide: WIDE_EXACT }), { numRuns: 400, seed: 7 });

describe('wide ranges of the exact claims', () => {
  it('draws about one case in four wide, reaching d 32, K 8, N in the thousands, odd and even', () => {
    const wide = draws.filter((c) => c.N > 60);
    expect(wide.length / draws.length).toBeGreaterThan(0.15);
    expect(wide.length / draws.length).toBeLessThan(0.35);
    expect(Math.max(...wide.map((c) => c.d))).toBeGreaterThanOrEqual(28);
    expect(wide.some((c) => c.K === 8)).toBe(true);
    expect(Math.max(...wide.map((c) => c.N))).toBeGreaterThanOrEqual(2000);
    expect(wide.some((c) => c.N % 2 === 1) && wide.some((c) => c.N % 2 === 0)).toBe(true);
    for (const c of draws) expect(c.K).toBeLessThanOrEqual(c.d);
  });

  it('is stated by every claim that draws it, as check --list prints it', () => {
    expect(describeRanges({ ...SMALL, wide: WIDE_EXACT }).N).toBe('10..60 (1 case in 4: 61..3000)');
    for (const id of ['gradient-fd-directional', 'gradient-fd-full', 'hvp-fd', 'stationarity-noiseless', 'invariance-permutation', 'gd-consistency', 'population-gradient-fd']) {
      const c = claims.find((x) => x.id === id)!;
      expect(c.ranges?.d, id).toMatch(/1 case in 4: 8\.\.32/);
    }
  });

  it('the size bugs are exact on small cases: only the wide branch can catch them', async () => {
    const ref = referenceImplementation();
    for (const cfg of fc.sample(instanceArbitrary(SMALL), { numRuns: 20, seed: 3 })) {
      const inst = materialize(cfg);
      const expected = await ref.gradient!(inst.data, inst.Wstar);
      for (const bug of SIZE_BUGS) expect(await bug.make().gradient!(inst.data, inst.Wstar), bug.name).toEqual(expected);
    }
  });
});
