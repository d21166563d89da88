import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { makeWeights } from '../../src/core/layout.js';
import { gradientDescent } from '../../src/core/gd.js';
import { createStreams } from '../../src/core/random.js';
import { solveAssignment } from '../../src/core/hungarian.js';
import { basinRadius } from '../../src/theory/quantities.js';
import { teacherQuantities } from '../../src/core/teacher.js';
import { ValidationError } from '../../src/core/validate.js';

const base = { d: 3, K: 2, kappa: 2, N: 10, seed: 0 };
const inst = makeInstance(base);

// Table: each row is one rule a user can break, the call that breaks it, and the exact
// message. Titles come from the table, so a message and its test cannot drift apart.
const cases: [string, () => unknown, string][] = [
  ['K > d', () => makeInstance({ ...base, K: 5 }), 'invalid argument. K must be at most d (d = 3). Value: 5.'],
  ['K = 0', () => makeInstance({ ...base, K: 0 }), 'invalid argument. K must be at least 1. Value: 0.'],
  ['d not an integer', () => makeInstance({ ...base, d: 2.5 }), 'invalid argument. d must be an integer. Value: 2.5.'],
  ['N = 0', () => makeInstance({ ...base, N: 0 }), 'invalid argument. N must be at least 1. Value: 0.'],
  ['kappa < 1', () => makeInstance({ ...base, kappa: 0.5 }), 'invalid argument. kappa must be at least 1. Value: 0.5.'],
  ['kappa NaN', () => makeInstance({ ...base, kappa: NaN }), 'invalid argument. kappa must be a finite number. Value: NaN.'],
  ['negative noise', () => makeInstance({ ...base, noiseStd: -1 }), 'invalid argument. noiseStd must be at least 0. Value: -1.'],
  ['seed negative', () => createStreams(-1), 'invalid argument. seed must be at least 0. Value: -1.'],
  ['W wrong length', () => makeWeights(3, 2, new Float64Array(5)), 'invalid argument. W must have length d * K = 6. Value: 5.'],
  ['W with Infinity', () => makeWeights(1, 1, new Float64Array([Infinity])), 'invalid argument. W must contain only finite numbers (entry 0). Value: Infinity.'],
  ['eta = 0', () => gradientDescent({ data: inst.data, W0: inst.Wstar, eta: 0, iterations: 1 }), 'invalid argument. eta must be greater than 0. Value: 0.'],
  ['iterations fractional', () => gradientDescent({ data: inst.data, W0: inst.Wstar, eta: 0.1, iterations: 1.5 }), 'invalid argument. iterations must be an integer. Value: 1.5.'],
  ['W0 with wrong d', () => gradientDescent({ data: inst.data, W0: makeWeights(2, 2, new Float64Array(4)), eta: 0.1, iterations: 1 }), 'invalid argument. W0 must have d = 3 rows like the data. Value: 2.'],
  ['data y with NaN', () => gradientDescent({ data: { ...inst.data, y: new Float64Array(10).fill(NaN) }, W0: inst.Wstar, eta: 0.1, iterations: 1 }), 'invalid argument. data.y must contain only finite numbers (entry 0). Value: NaN.'],
  ['assignment cost shape', () => solveAssignment(new Float64Array(3), 2), 'invalid argument. cost must have length n * n = 4. Value: 3.'],
  ['radius constant c <= 0', () => basinRadius(teacherQuantities(inst.Wstar), 0), 'invalid argument. c must be greater than 0. Value: 0.'],
  ['rank-deficient teacher', () => teacherQuantities(makeWeights(2, 2, new Float64Array([1, 0, 2, 0]))), 'invalid argument. Wstar must have full column rank (s_K > 0). Value: 0.'],
];

describe('every validation error names the argument, the rule and the value', () => {
  it.each(cases)('%s', (_title, call, message) => {
    let thrown: unknown;
    try {
      call();
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as Error).message).toBe(message);
  });
});
