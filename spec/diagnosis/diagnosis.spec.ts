/**
 * Each diagnosis hypothesis names its planted bug: through the claim that catches it (the
 * failure's `diagnosis`), or, where no claim fails today (kink convention, float32 answers,
 * a population loss without nu^2/2), by diagnosing the call directly. A correct control's
 * answers get `none`, never a named mistake.
 */
import { describe, expect, it } from 'vitest';
import { claims } from '../../properties/index.js';
import type { CheckContext, DiagnosisCall } from '../../properties/Claim.js';
import { diagnoseCalls } from '../../properties/diagnosis/diagnoseCalls.js';
import { makeInstance } from '../../src/core/instance.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { withGradient, withKernel } from '../planted/slippedKernel.js';
import { reverseControl } from '../controls/reverseOrder.js';
import { clippedGd } from '../planted/farStartBugs.js';

const options = { seed: 20190417, tier: 'default' as const };
const F64: CheckContext = { precision: 'float64', unitRoundoff: 2 ** -53, reluAtZero: 1 };

async function diagnosisOf(claimId: string, impl: Implementation) {
  const claim = claims.find((c) => c.id === claimId)!;
  const r = await claim.run(impl, options);
  expect(r.status, `${impl.name} must fail ${claimId}`).toBe('failed');
  if (r.status !== 'failed') throw new Error('passed');
  expect(r.diagnosis, 'a failed exact claim carries a diagnosis').toBeDefined();
  expect(r.failingCase?.inputs).toBeDefined();
  return r.diagnosis!;
}

const ref = referenceImplementation();
const reversedUnits: Implementation = {
  ...ref,
  name: 'gradient units reversed',
  gradient: async (data, W) => {
    const g = await ref.gradient!(data, W);
    const out = new Float64Array(g.length);
    for (let k = 0; k < W.K; k++) out.set(g.subarray(k * W.d, k * W.d + W.d), (W.K - 1 - k) * W.d);
    return out;
  },
};

describe('diagnosis names planted bugs through the claims that catch them', () => {
  it.each([
    ['gradient-fd-full', withGradient('no 1/N', { scale: () => 1 }), 'constant-factor', /N = \d+ x the expected/],
    ['gradient-fd-directional', withGradient('sign', { sign: -1 }), 'sign-flip', /negative of the expected/],
    ['gradient-fd-directional', withKernel('no 1/2', { lossScale: (n) => 2 / n }), 'constant-factor', /loss is 2 x the expected/],
    ['stationarity-noiseless', withKernel('W read as d x K in C order', { weightIndex: (k, j, _d, K) => j * K + k }), 'transposed-layout', /C order/],
    ['gradient-fd-full', reversedUnits, 'permuted-units', /units reordered/],
  ] as const)('%s on "%s"', async (id, impl, hypothesis, summary) => {
    const dx = await diagnosisOf(id, impl);
    expect(dx.hypothesis, dx.summary).toBe(hypothesis);
    expect(dx.summary).toMatch(summary);
    expect(dx.tried[0].residual).toBeLessThan(1e-9);
  });

  it('gd-far-start: a clipped GD gets a diagnosis and the failing GD call from the largest start', async () => {
    const claim = claims.find((c) => c.id === 'gd-far-start')!;
    const r = await claim.run(clippedGd(), options);
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.diagnosis, 'a failed exact claim carries a diagnosis').toBeDefined();
    expect(r.failingCase?.method).toBe('gradientDescent');
    // One clipped step is a step of c eta with c = 20 / |g|: the step-factor hypothesis fits it.
    expect(r.diagnosis!.hypothesis, r.diagnosis!.summary).toBe('constant-factor');
  });

  it('an HVP halved is named 1/2', async () => {
    const half: Implementation = { ...ref, name: 'hvp half', hvp: async (data, W, u) => (await ref.hvp!(data, W, u)).map((v) => v / 2) };
    const dx = await diagnosisOf('hvp-fd', half);
    expect([dx.hypothesis, dx.summary]).toEqual(['constant-factor', expect.stringMatching(/1\/2 x/)]);
  });

  it('a mistake no hypothesis describes gets none (no mask: a linear network\'s gradient)', async () => {
    // (The neighbouring unit's mask is no example: at K = 2 it is exactly the units swapped.)
    const dx = await diagnosisOf('gradient-fd-directional', withGradient('no mask', { mask: 'none' }));
    expect(dx.hypothesis).toBe('none');
    expect(dx.summary).toMatch(/no named mistake fits/);
  });
});

describe('diagnosis of single calls', () => {
  const inst = makeInstance({ d: 4, K: 3, kappa: 1.5, N: 31, noiseStd: 0, seed: 5 });
  const W = { ...inst.Wstar, data: inst.Wstar.data.map((v, q) => v + 0.1 * Math.sin(q + 1)) };

  it('names the kink convention when the mismatch is only at exact kinks', async () => {
    const X = Float64Array.from(inst.data.X);
    X.fill(0, 0, 4);
    X[0] = W.data[1];
    X[1] = -W.data[0]; // w_0 . x_0 = 0 exactly
    const call: DiagnosisCall = { method: 'gradient', data: { ...inst.data, X }, W };
    const dx = (await diagnoseCalls(withGradient('strict', { mask: 'strict' }), [call], F64)).diagnosis!;
    expect(dx.hypothesis, dx.summary).toBe('kink-convention');
    expect(dx.summary).toMatch(/declare reluAtZero: 0/);
  });

  it('names float32 rounding when every value is a float32', async () => {
    const f32: Implementation = { ...ref, name: 'f32', gradient: async (d, w) => Float64Array.from(new Float32Array(await ref.gradient!(d, w))) };
    const dx = (await diagnoseCalls(f32, [{ method: 'gradient', data: inst.data, W }], F64)).diagnosis!;
    expect(dx.hypothesis, dx.summary).toBe('float32-rounding');
  });

  it('names a population loss without its nu^2/2', async () => {
    const noNoise: Implementation = { ...ref, name: 'no noise term', populationLoss: async (s, w) => ref.populationLoss!(s, w, 0) };
    const dx = (await diagnoseCalls(noNoise, [{ method: 'populationLoss', Wstar: inst.Wstar, W, nu: 0.5 }], F64)).diagnosis!;
    expect(dx.hypothesis, dx.summary).toBe('missing-noise');
  });

  it('a correct control summing in another order gets none, not a named mistake, and its case is dumped', async () => {
    const calls: DiagnosisCall[] = [{ method: 'loss', data: inst.data, W }, { method: 'gradient', data: inst.data, W }];
    const { diagnosis, failingCase } = await diagnoseCalls(reverseControl(), calls, F64);
    expect(diagnosis!.hypothesis).toBe('none');
    expect(diagnosis!.summary).toMatch(/agree with relucheck's reference/);
    expect(failingCase!.inputs.W).toEqual({ shape: [4, 3], data: expect.any(Float64Array) });
  });
});
