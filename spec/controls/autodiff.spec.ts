/**
 * The autodiff control's loss is its tape's forward pass run without recording: the value must
 * be bit-identical to the taped one (read here from GD's loss trace at step 0, which comes from
 * the tape), so the speed-up changes no verdict; and it is what makes gradient-fd-full on the
 * wide cases (d <= 32, K <= 8, N <= 3000) fit the flake check's time limit.
 */
import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { autodiffControl } from './autodiff.js';

describe('autodiff control loss', () => {
  it('equals the taped loss bit for bit, narrow and wide, off and near W*', async () => {
    const ad = autodiffControl();
    for (let s = 0; s < 16; s++) {
      const d = 2 + ((s * 7) % 31);
      const K = 1 + (s % Math.min(8, d));
      const inst = makeInstance({ d, K, kappa: 1.5, N: 1 + 29 * s, noiseStd: s % 2 === 0 ? 0 : 0.3, seed: s });
      const W = { ...inst.Wstar, data: inst.Wstar.data.map((v, i) => v + (s % 3) * 0.4 * Math.sin(i + s)) };
      const plain = await ad.loss!(inst.data, W);
      const taped = (await ad.gradientDescent!(inst.data, { W0: W, eta: 0, iterations: 0 })).loss[0];
      expect(Object.is(plain, taped), `case ${s} (d ${d}, K ${K}, N ${inst.data.n}): ${plain} vs ${taped}`).toBe(true);
    }
  });

  it('is at least 3x faster than the tape on a wide case (d 32, K 8, N 300), measured in the same run', async () => {
    const ad = autodiffControl();
    const inst = makeInstance({ d: 32, K: 8, kappa: 1.5, N: 300, noiseStd: 0, seed: 1 });
    const time = async (f: () => Promise<unknown>): Promise<number> => {
      const t = performance.now();
      for (let r = 0; r < 3; r++) await f();
      return performance.now() - t;
    };
    const taped = await time(() => ad.gradientDescent!(inst.data, { W0: inst.Wstar, eta: 0, iterations: 0 }));
    const plain = await time(() => ad.loss!(inst.data, inst.Wstar));
    console.log(`autodiff loss: tape ${(taped / 3).toFixed(1)} ms, forward pass ${(plain / 3).toFixed(1)} ms (${(taped / plain).toFixed(1)}x)`);
    expect(taped / plain).toBeGreaterThan(3);
  });
});
