/**
 * The claims' case guard (properties/papersTeacher.ts): it accepts every teacher the claims'
 * ranges draw, and rejects the generator slips mutation testing found surviving in
 * src/core/instance.ts (kappa ignored, s inverted or shifted, a garbled column), each built
 * here from a correct instance so the guard, not the generator, is what is tested.
 */
import { describe, expect, it } from 'vitest';
import { makeInstance, type Instance } from '../../src/core/instance.js';
import { teacherQuantities } from '../../src/core/teacher.js';
import { materialize } from '../../properties/arbitraries.js';
import { assertPapersTeacher, papersSpectrum } from '../../properties/papersTeacher.js';

/** The instance with W* replaced (teacher quantities recomputed from it, as makeInstance does). */
function withWstar(inst: Instance, edit: (w: Float64Array, d: number, K: number) => void): Instance {
  const data = Float64Array.from(inst.Wstar.data);
  edit(data, inst.Wstar.d, inst.Wstar.K);
  const Wstar = { ...inst.Wstar, data };
  return { ...inst, Wstar, teacher: teacherQuantities(Wstar) };
}

describe('the papers-teacher guard', () => {
  it('gives the closed-form spectrum', () => {
    expect(Array.from(papersSpectrum(3, 2))).toEqual([2, 1.5, 1]);
    expect(Array.from(papersSpectrum(1, 3))).toEqual([1]);
  });

  it('accepts the instances of the claims ranges (d up to 32, K up to 32, kappa 1..3) and an ill-conditioned one (kappa 100)', () => {
    for (const [d, K, kappa] of [[1, 1, 1], [4, 1, 2.5], [5, 3, 1], [10, 5, 2], [16, 8, 3], [32, 32, 3], [12, 7, 1.1], [40, 20, 100]]) {
      for (let seed = 0; seed < 5; seed++) {
        expect(() => materialize({ d, K, kappa, N: 4, seed })).not.toThrow();
      }
    }
  });

  const base = makeInstance({ d: 8, K: 4, kappa: 2, N: 4, seed: 3 });
  const slips: [string, Instance][] = [
    ['kappa ignored (all s = 1)', { ...makeInstance({ ...base.config, kappa: 1 }), config: base.config }],
    ['s divided instead of multiplied (1/kappa .. 1)', withWstar(base, (w) => w.forEach((x, q) => (w[q] = x / 2)))],
    ['s shifted up (kappa .. 2 kappa - 1)', withWstar(base, (w) => w.forEach((x, q) => (w[q] = x * 1.5)))],
    ['one column garbled', withWstar(base, (w, d) => (w[d] = 0))],
  ];
  it.each(slips)('rejects a generator slip: %s', (_name, inst) => {
    expect(() => assertPapersTeacher(inst)).toThrow(/relucheck bug: instance .* singular value s_\d/);
  });

  it('rejects a W* whose shape is not the config', () => {
    const wrong = { ...base, Wstar: { ...base.Wstar, K: 3 } };
    expect(() => assertPapersTeacher(wrong)).toThrow(/relucheck bug: .* shape 8 x 3/);
  });
});
