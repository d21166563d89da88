import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { gradientDescent, resamplingGradientDescent } from '../../src/core/gd.js';
import { randomInit } from '../../src/core/init.js';
import { createStreams } from '../../src/core/random.js';

describe('determinism: the same seed gives bit-identical results', () => {
  it('instances', () => {
    const cfg = { d: 12, K: 4, kappa: 3, N: 300, noiseStd: 0.2, seed: 77 };
    const a = makeInstance(cfg);
    const b = makeInstance(cfg);
    expect(Buffer.from(a.Wstar.data.buffer)).toEqual(Buffer.from(b.Wstar.data.buffer));
    expect(Buffer.from(a.data.X.buffer)).toEqual(Buffer.from(b.data.X.buffer));
    expect(Buffer.from(a.data.y.buffer)).toEqual(Buffer.from(b.data.y.buffer));
    const c = makeInstance({ ...cfg, seed: 78 });
    expect(c.Wstar.data[0]).not.toBe(a.Wstar.data[0]);
  });

  it('named streams are independent of each other', () => {
    const s = createStreams(5);
    const first = s.stream('inputs').normal();
    s.stream('weights').normal();
    expect(s.stream('inputs').normal()).toBe(first);
    expect(s.stream('noise').normal()).not.toBe(first);
  });

  it('trajectories, full-sample and resampling', () => {
    const cfg = { d: 10, K: 3, kappa: 2, N: 2000, noiseStd: 0.1, seed: 21 };
    const runs = [0, 1].map(() => {
      const inst = makeInstance(cfg);
      const W0 = randomInit(10, 3, createStreams(21).stream('init'));
      const full = gradientDescent({ data: inst.data, W0, eta: 0.3, iterations: 20, Wstar: inst.Wstar });
      const res = resamplingGradientDescent({ data: inst.data, W0, eta: 0.3, iterations: 20, batchSize: 100 });
      return [full.trajectory.loss, full.trajectory.error!, full.W.data, res.trajectory.loss, res.W.data];
    });
    for (let q = 0; q < runs[0].length; q++) {
      expect(Buffer.from(runs[0][q].slice().buffer)).toEqual(Buffer.from(runs[1][q].slice().buffer));
    }
  });
});
