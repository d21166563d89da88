import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { hasCapability } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { populationLoss } from '../../src/core/population/populationLoss.js';
import { populationGradient } from '../../src/core/population/populationGradient.js';
import { populationHvp } from '../../src/core/population/populationHessian.js';
import { empiricalHvp } from '../../src/core/population/empiricalHessian.js';
import { perturbed, unitVector } from './support.js';

describe('reference implementation: hvp, population, populationHvp capabilities', () => {
  it('declares them and returns exactly the core results', async () => {
    const impl = referenceImplementation();
    for (const c of ['hvp', 'population', 'populationHvp'] as const) expect(hasCapability(impl, c), c).toBe(true);
    const inst = makeInstance({ d: 6, K: 3, kappa: 2, N: 200, noiseStd: 0.1, seed: 2 });
    const W = perturbed(inst.Wstar, 0.3, 2);
    const u = unitVector(18, 2);
    expect(await impl.populationLoss!(inst.Wstar, W, 0.1)).toBe(populationLoss(inst.Wstar, W, 0.1));
    expect(await impl.populationGradient!(inst.Wstar, W)).toEqual(populationGradient(inst.Wstar, W));
    expect(await impl.populationHvp!(inst.Wstar, W, u)).toEqual(populationHvp(inst.Wstar, W, u));
    expect(await impl.hvp!(inst.data, W, u)).toEqual(empiricalHvp(inst.data, W, u));
  });
});
