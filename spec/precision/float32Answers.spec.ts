/**
 * The float32-answer detector (src/impl/float32Answers.ts): it names float32 only when every
 * answer is exactly a float32 and enough of them have a long significand, never for float64
 * answers or for answers exact in any format; and the claim and fixture runners put its
 * sentence into a failure only when the run is held to float64 bounds.
 */
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineClaim } from '../../properties/defineClaim.js';
import { expectAtMost } from '../../properties/violation.js';
import { makeInstance } from '../../src/core/instance.js';
import { loadFixtureDirectory } from '../../src/fixtures/fixtureFile.js';
import { runFixtures } from '../../src/fixtures/runFixtures.js';
import { EVIDENCE_VALUES, FLOAT32_HINT, watchFloat32Answers } from '../../src/impl/float32Answers.js';
import { hasCapability, type Implementation } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';

const inst = makeInstance({ d: 4, K: 2, kappa: 1.5, N: 30, seed: 11 });
const W = { ...inst.Wstar, data: inst.Wstar.data.map((v, q) => v + 0.1 * Math.sin(q + 1)) };

/** The reference with every answer rounded to float32 (what a float32 server sends back). */
function rounded(): Implementation {
  const ref = referenceImplementation();
  return {
    ...ref,
    name: 'rounded reference',
    loss: async (data, V) => Math.fround(await ref.loss!(data, V)),
    gradient: async (data, V) => (await ref.gradient!(data, V)).map(Math.fround),
    hvp: async (data, V, u) => (await ref.hvp!(data, V, u)).map(Math.fround),
    gradientDescent: async (data, req) => {
      const r = await ref.gradientDescent!(data, req);
      return { W: { ...r.W, data: r.W.data.map(Math.fround) }, loss: r.loss.map(Math.fround) };
    },
  };
}

describe('watchFloat32Answers', () => {
  it('names float32 once enough long-significand answers are all float32', async () => {
    const watch = watchFloat32Answers(rounded());
    expect(watch.hint()).toBeUndefined();
    const at = (t: number) => ({ ...W, data: W.data.map((v) => v * (1 + t / 8)) });
    for (let t = 0; t < EVIDENCE_VALUES - 1; t++) await watch.impl.loss!(inst.data, at(t));
    for (let t = 0; t < 5; t++) await watch.impl.loss!(inst.data, at(0));
    expect(watch.hint(), `${EVIDENCE_VALUES - 1} distinct values are not evidence enough`).toBeUndefined();
    await watch.impl.loss!(inst.data, at(EVIDENCE_VALUES));
    expect(watch.hint()).toContain(FLOAT32_HINT);
    await watch.impl.hvp!(inst.data, W, W.data); // 8 more values
    expect(watch.hint()).toContain(FLOAT32_HINT);
    expect(watch.hint()).toMatch(/\(17 non-zero values returned, 12 distinct ones/);
  });

  it('never names float32 for a float64 implementation', async () => {
    const watch = watchFloat32Answers(referenceImplementation());
    await watch.impl.gradient!(inst.data, W);
    await watch.impl.hvp!(inst.data, W, W.data);
    await watch.impl.gradientDescent!(inst.data, { W0: W, eta: 0.1, iterations: 3 });
    expect(watch.hint()).toBeUndefined();
  });

  it('one value off the float32 grid refutes any amount of float32 evidence', async () => {
    const impl = rounded();
    const watch = watchFloat32Answers({ ...impl, loss: async (d, V) => (await referenceImplementation().loss!(d, V)) });
    await watch.impl.gradient!(inst.data, W);
    await watch.impl.gradient!(inst.data, inst.Wstar);
    expect(watch.hint()).toBeDefined();
    await watch.impl.loss!(inst.data, W);
    expect(watch.hint()).toBeUndefined();
  });

  it('zeros, integers and short dyadic values prove nothing (they are exact in every format)', async () => {
    const watch = watchFloat32Answers({
      name: 'dyadic',
      capabilities: ['gradient'],
      gradient: async () => Float64Array.from({ length: 4 * EVIDENCE_VALUES }, (_, q) => [0, 1, -0.5, 3.25, 1 / 1024, 12345][q % 6]),
    });
    for (let t = 0; t < 5; t++) await watch.impl.gradient!(inst.data, W);
    expect(watch.hint()).toBeUndefined();
  });

  it('keeps exactly the methods, capabilities and declarations of the implementation', () => {
    const watched = watchFloat32Answers({ ...rounded(), precision: 'float32', reluAtZero: 0 }).impl;
    expect(watched.capabilities).toEqual(referenceImplementation().capabilities);
    expect(watched.precision).toBe('float32');
    expect(watched.reluAtZero).toBe(0);
    for (const c of watched.capabilities) expect(hasCapability(watched, c)).toBe(true);
    const lossOnly = watchFloat32Answers({ name: 'loss only', capabilities: ['loss'], loss: async () => 1 }).impl;
    expect(hasCapability(lossOnly, 'gradient')).toBe(false);
    expect('gradient' in lossOnly).toBe(false);
  });
});

/** Fails every case whose gradient is not bit-identical to the reference's (a float64 bound). */
const exactGradient = defineClaim<number>({
  id: 'gradient-fd-full',
  needs: ['gradient'],
  falseAlarmPerCase: 0,
  runs: { quick: 3, default: 3, thorough: 3 },
  arbitrary: () => fc.integer({ min: 0, max: 5 }),
  show: String,
  async check(impl) {
    const g = await impl.gradient!(inst.data, W);
    const ref = await referenceImplementation().gradient!(inst.data, W);
    let diff = 0;
    for (let q = 0; q < g.length; q++) diff = Math.max(diff, Math.abs(g[q] - ref[q]));
    expectAtMost('max |g - g_ref|', diff, 0, 'exact');
  },
});

describe('the runners attach the hint', () => {
  it('to a claim failure held to float64 bounds, not at float32 and not for float64 answers', async () => {
    const f64 = await exactGradient.run(rounded(), { seed: 1, tier: 'quick' });
    expect(f64.status).toBe('failed');
    if (f64.status === 'failed') expect(f64.message).toContain(FLOAT32_HINT);
    const f32 = await exactGradient.run(rounded(), { seed: 1, tier: 'quick', precision: 'float32' });
    expect(f32.status).toBe('failed');
    if (f32.status === 'failed') expect(f32.message).not.toContain('float32');
    const scaled = { ...referenceImplementation(), gradient: async (d: typeof inst.data, V: typeof W) => (await referenceImplementation().gradient!(d, V)).map((v) => v * 1.001) };
    const bug = await exactGradient.run(scaled, { seed: 1, tier: 'quick' });
    expect(bug.status).toBe('failed');
    if (bug.status === 'failed') expect(bug.message).not.toContain('float32');
  });

  it('to a failed fixture case whose answers were all float32', async () => {
    const files = loadFixtureDirectory(fileURLToPath(new URL('../../fixtures/', import.meta.url))).filter((f) => f.name.startsWith('empirical'));
    const report = await runFixtures(rounded(), files);
    const failed = report.cases.filter((c) => c.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const c of failed) expect(c.hint, `${c.id} ${c.checked} ${c.mismatches.map((m) => m.message)}`).toContain(FLOAT32_HINT);
    const reference = await runFixtures(referenceImplementation(), files);
    expect(reference.cases.every((c) => c.hint === undefined)).toBe(true);
  });
});
