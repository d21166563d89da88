/**
 * The public JS face, imported through the package name as a user's project would (Node's
 * self-reference through package.json `exports`; resolves to the compiled dist/, built by
 * `pretest`): the small `relucheck` surface, `relucheck/protocol`, and `relucheck/vitest`
 * (describeClaims registering real tests below, the toSatisfyClaim matcher on the reference
 * and on a planted bug, not-applicable as a skip, cancellation through the test's signal).
 */
import { describe, expect, it } from 'vitest';
import * as relucheck from 'relucheck';
import { claims, referenceImplementation, type Implementation } from 'relucheck';
import { decodeFloat64Array, encodeFloat64Array, PROTOCOL_VERSION } from 'relucheck/protocol';
import { claimTest, describeClaims, selectClaims } from 'relucheck/vitest';

const reference = referenceImplementation();

/** Planted bug: the gradient is half the true one (a stray 1/2). */
function halfGradient(): Implementation {
  const ref = referenceImplementation();
  return {
    ...ref,
    name: 'half-gradient',
    gradient: async (data, W) => (await ref.gradient!(data, W)).map((g) => g / 2),
  };
}

describeClaims(reference, { only: ['gradient-fd-full', 'invariance-permutation'], tier: 'quick', seed: 1, name: 'describeClaims on the reference (quick)' });

describe('relucheck (public entry)', () => {
  it('exports a small, named surface', () => {
    expect(Object.keys(relucheck).sort()).toEqual([
      'CAPABILITIES', 'DEFAULT_SEED', 'claimOptionsFromEnv', 'claims', 'formatClaimFailure', 'formatVerdict',
      'hasCapability', 'loadModuleImplementation', 'processImplementation', 'projectReplayLine',
      'referenceImplementation', 'runClaims',
    ]);
    expect(claims.map((c) => c.id)).toContain('gradient-fd-full');
  });

  it('relucheck/protocol round-trips float64 arrays and names the protocol version', () => {
    const a = new Float64Array([1.5, -0, Number.MIN_VALUE, 1e308]);
    expect(Array.from(decodeFloat64Array(encodeFloat64Array(a)))).toEqual(Array.from(a));
    expect(PROTOCOL_VERSION).toBe(1);
  });
});

describe('relucheck/vitest', () => {
  it('toSatisfyClaim passes the reference', async () => {
    await expect(reference).toSatisfyClaim('gradient-fd-full', { tier: 'quick', seed: 1 });
  });

  it('toSatisfyClaim fails a planted half gradient with the claim report and a project replay line', async () => {
    const failure = expect(halfGradient()).toSatisfyClaim('gradient-fd-full', { tier: 'quick', seed: 1 });
    await expect(failure).rejects.toThrow(/Claim failed: gradient-fd-full[\s\S]*replay: RELUCHECK_SEED=\d+ RELUCHECK_TIER=quick .*npx vitest run -t "gradient-fd-full"/);
  });

  it('an unknown claim id is an error naming it', () => {
    expect(() => selectClaims(['gradient-fd-ful'])).toThrow(/unknown claim ids \["gradient-fd-ful"\]/);
  });

  it('a claim the implementation cannot be held to is a skip with the reason', async () => {
    const lossOnly: Implementation = { name: 'loss only', capabilities: ['loss'], loss: reference.loss };
    const claim = claims.find((c) => c.id === 'hvp-fd')!;
    const notes: (string | undefined)[] = [];
    const skip = ((note?: string) => {
      notes.push(note);
      throw new Error('skipped');
    }) as never;
    await expect(claimTest(claim, async () => lossOnly, { seed: 1, tier: 'quick' })({ signal: new AbortController().signal, skip })).rejects.toThrow('skipped');
    expect(notes).toEqual([expect.stringMatching(/^not applicable: needs .*hvp/)]);
  });

  it("a thorough-tier claim stops between cases when the test's signal aborts (vitest's timeout)", async () => {
    let calls = 0;
    let callsAtAbort = -1;
    const ref = referenceImplementation();
    const slow: Implementation = {
      ...ref,
      name: 'slow',
      gradient: async (data, W) => {
        calls++;
        await new Promise((r) => setTimeout(r, 5));
        return ref.gradient!(data, W);
      },
    };
    const claim = claims.find((c) => c.id === 'gradient-fd-full')!;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      callsAtAbort = calls;
      controller.abort(new Error('test timed out'));
    }, 500);
    const run = claimTest(claim, async () => slow, { seed: 1, tier: 'thorough' })({ signal: controller.signal, skip: (() => {}) as never });
    await expect(run).rejects.toThrow('test timed out');
    clearTimeout(timer);
    expect(callsAtAbort).toBeGreaterThan(0);
    // At most the case in flight finishes after the abort (a case calls the gradient a few times).
    expect(calls - callsAtAbort).toBeLessThanOrEqual(4);
  });
});
