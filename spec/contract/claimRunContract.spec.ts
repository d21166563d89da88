/**
 * The claim-run contract that every runner builds on (properties/Claim.ts): stopping between
 * cases on an AbortSignal, progress after every case, a precision at which a claim is not
 * applicable, a runner-supplied replay line, and the check context a claim's check receives.
 * Also that protocol 1.2's declarations reach the Implementation from the handshake.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckContext, ClaimProgress } from '../../properties/Claim.js';
import { defineClaim } from '../../properties/defineClaim.js';
import { expectAtMost } from '../../properties/violation.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { processImplementation } from '../../src/impl/processImplementation.js';

const impl: Implementation = { name: 'stub', capabilities: [] };
const contexts: CheckContext[] = [];

/** A claim over integers 0..99 that fails on values >= 50 (reuses an existing theory id). */
const probe = defineClaim<number>({
  id: 'gradient-fd-full',
  needs: [],
  falseAlarmPerCase: 0,
  runs: { quick: 5, default: 20, thorough: 40 },
  ranges: { value: '0..99' },
  notApplicableAt: { float32: 'no float32 analysis for this probe' },
  arbitrary: () => fc.integer({ min: 0, max: 99 }),
  show: String,
  async check(_impl, value, context) {
    contexts.push(context);
    expectAtMost('value', value, 1000, 'never fails');
  },
});

const failing = defineClaim<number>({
  id: 'gradient-fd-full',
  needs: [],
  falseAlarmPerCase: 0,
  runs: { quick: 5, default: 200, thorough: 400 },
  arbitrary: () => fc.integer({ min: 0, max: 99 }),
  show: String,
  async check(_impl, value) {
    expectAtMost('value', value, 49, 'planted');
  },
});

describe('claim run contract', () => {
  it('reports progress after every case and passes the check context', async () => {
    const seen: ClaimProgress[] = [];
    contexts.length = 0;
    const r = await probe.run({ ...impl, reluAtZero: 0 }, { seed: 3, tier: 'default', onProgress: (p) => seen.push(p) });
    expect(r.status).toBe('passed');
    expect(seen.map((p) => p.casesDone)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(seen.every((p) => p.casesPlanned === 20 && !p.shrinking && p.claimId === 'gradient-fd-full')).toBe(true);
    expect(contexts[0]).toEqual({ precision: 'float64', unitRoundoff: 2 ** -53, reluAtZero: 0 });
    expect(probe.ranges).toEqual({ value: '0..99' });
  });

  it('is not applicable, with the reason, at a precision the claim excludes (option or declaration)', async () => {
    const byOption = await probe.run(impl, { seed: 3, tier: 'quick', precision: 'float32' });
    expect(byOption).toEqual({ status: 'not-applicable', missing: [], reason: 'no float32 analysis for this probe' });
    const byDeclaration = await probe.run({ ...impl, precision: 'float32' }, { seed: 3, tier: 'quick' });
    expect(byDeclaration.status).toBe('not-applicable');
    const overridden = await probe.run({ ...impl, precision: 'float32' }, { seed: 3, tier: 'quick', precision: 'float64' });
    expect(overridden.status).toBe('passed');
  });

  it('stops between cases on abort and rejects with the signal reason', async () => {
    const controller = new AbortController();
    let done = 0;
    const run = probe.run(impl, {
      seed: 3,
      tier: 'default',
      signal: controller.signal,
      onProgress: (p) => {
        done = p.casesDone;
        if (p.casesDone === 4) controller.abort(new Error('stopped by the spec'));
      },
    });
    await expect(run).rejects.toThrow('stopped by the spec');
    expect(done).toBe(4);
    await expect(probe.run(impl, { seed: 3, tier: 'quick', signal: AbortSignal.abort() })).rejects.toThrow();
  });

  it('builds the replay line with the runner-supplied builder (default: relucheck suite)', async () => {
    const byDefault = await failing.run(impl, { seed: 5, tier: 'default' });
    expect(byDefault.status).toBe('failed');
    if (byDefault.status === 'failed') expect(byDefault.replay).toContain('npx vitest run spec/properties');
    const custom = await failing.run(impl, {
      seed: 5,
      tier: 'default',
      replayLine: ({ claimId, seed, tier, path, precision }) => `mine ${claimId} ${seed} ${tier} ${path} ${precision}`,
    });
    if (custom.status !== 'failed') throw new Error('expected failure');
    expect(custom.replay).toBe(`mine gradient-fd-full 5 default ${custom.path} float64`);
  });

  it('carries protocol 1.2 declarations from the handshake to the Implementation', async () => {
    const server = join(import.meta.dirname, 'declares-conventions.mjs');
    const p = await processImplementation({ command: `node ${server}`, timeoutMs: 10_000 });
    try {
      expect(p.reluAtZero).toBe(0);
      expect(p.precision).toBe('float32');
    } finally {
      await p.close();
    }
  });
});
