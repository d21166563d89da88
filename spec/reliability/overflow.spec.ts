/**
 * Tolerances computed from an implementation's own outputs must not overflow into a pass.
 * Rounding bounds scale with |grad|, |H v| and the loss; answers of 1e155 (whose squares
 * overflow) or +-1e308 made them Infinity, and `difference <= Infinity` passed any answer:
 * `hvp-fd` passed an HVP of 1e155 everywhere, and with every value at +-1e308 the four
 * finite-difference claims passed. Each planted implementation below must now fail, with a
 * message that says the check could not be evaluated in float64.
 */
import { describe, expect, it } from 'vitest';
import { gradientAtKink, gradientDirectional, gradientFull, hvpDirectional } from '../../properties/gradientFiniteDifferences.js';
import type { Claim } from '../../properties/Claim.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';

const OPTIONS = { seed: 7, tier: 'quick' } as const;

/** The reference, but every HVP entry is 1e155 (its square overflows float64). */
function hugeHvp(): Implementation {
  const ref = referenceImplementation();
  return { ...ref, name: 'planted: hvp entries 1e155', hvp: async (_data, W) => new Float64Array(W.data.length).fill(1e155) };
}

/** Every answer at +-1e308: the loss, each gradient and HVP entry (alternating signs). */
function allAtMax(): Implementation {
  const ref = referenceImplementation();
  const alternating = (n: number) => Float64Array.from({ length: n }, (_, q) => (q % 2 === 0 ? 1e308 : -1e308));
  return {
    ...ref,
    name: 'planted: every value +-1e308',
    loss: async () => 1e308,
    gradient: async (_data, W) => alternating(W.data.length),
    hvp: async (_data, W) => alternating(W.data.length),
  };
}

async function expectFails(claim: Claim, impl: Implementation): Promise<string> {
  const r = await claim.run(impl, OPTIONS);
  expect(r.status, `${impl.name} escaped ${claim.id}`).toBe('failed');
  return r.status === 'failed' ? r.message : '';
}

describe('an overflowing tolerance fails the check instead of passing it', () => {
  it('hvp-fd fails an HVP with entries of 1e155, saying the bound is not finite', async () => {
    const message = await expectFails(hvpDirectional, hugeHvp());
    expect(message).toMatch(/Infinity cannot be checked .*too large or not numbers/);
  });

  it.each([gradientDirectional, gradientFull, gradientAtKink, hvpDirectional].map((c) => [c.id, c] as const))(
    '%s fails when every value is +-1e308',
    async (_id, claim) => {
      const message = await expectFails(claim, allAtMax());
      expect(message).toMatch(/cannot be checked|exceeds the bound|outside/);
    },
  );

  it('the reference still passes the four claims (the guard does not fire on ordinary values)', async () => {
    for (const claim of [gradientDirectional, gradientFull, gradientAtKink, hvpDirectional]) {
      const r = await claim.run(referenceImplementation(), OPTIONS);
      expect(r.status, claim.id).toBe('passed');
    }
  });
});
