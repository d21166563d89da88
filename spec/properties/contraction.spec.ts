/**
 * The contraction claim's derived noiseless rate: it is the recorded q (so the record and the
 * check cannot drift), it is positive, and its preconditions are validated.
 */
import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { ValidationError } from '../../src/core/validate.js';
import { claimTheory } from '../../src/theory/claims.js';
import { gdContractionRate, stepBound } from '../../src/theory/quantities.js';
import { noiselessRate } from '../../properties/contractionTrace.js';

describe('derived noiseless contraction rate', () => {
  it('q lambda kappa^3 K^2 equals the value recorded in src/theory/claims.ts', () => {
    const recorded = claimTheory('contraction').constants.q.value;
    for (const [d, K, kappa] of [[3, 2, 1], [6, 3, 2], [4, 3, 1.5]] as const) {
      const t = makeInstance({ d, K, kappa, N: 10, noiseStd: 0, seed: 1 }).teacher;
      const q = noiselessRate(t, stepBound(t, 1));
      expect(q * t.lambda * t.kappa ** 3 * t.K ** 2).toBeCloseTo(recorded, 12);
    }
  });

  it('gdContractionRate is eta mu (2 - eta L) and rejects eta L >= 2', () => {
    expect(gdContractionRate(0.1, 1, 0.5)).toBeCloseTo(0.075, 15);
    expect(() => gdContractionRate(0.1, 1, 2)).toThrow(ValidationError);
    expect(() => gdContractionRate(0, 1, 0.5)).toThrow(ValidationError);
    expect(() => gdContractionRate(0.1, 0.05, 0.5)).toThrow(ValidationError);
  });
});
