/**
 * Float32 mode (issue 15): the float32 control (spec/controls/float32Impl.ts, written from
 * THEORY.md with float32 storage and rounding; controls.spec.ts holds it to every applicable
 * claim and fixture in float32 mode) fails when held to float64 bounds, and every such failure
 * says why (the float32-answer detector); in float32 mode, slips planted into that same float32
 * code are still caught, so the mode does not make the claims toothless.
 */
import { describe, expect, it } from 'vitest';
import { claims } from '../../properties/index.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { FLOAT32_HINT } from '../../src/impl/float32Answers.js';
import { float32Control } from '../controls/float32Impl.js';

const claim = (id: string) => {
  const c = claims.find((x) => x.id === id);
  if (!c) throw new Error(`no claim ${id}`);
  return c;
};
const options = { seed: 20190417, tier: 'default' } as const;

/** Claims with a rounding bound at u; at u = 2^-53 a float32 answer breaks most of them (which ones depends on the seed's cases). */
const EXACT = ['gradient-fd-directional', 'gradient-fd-full', 'gradient-at-kink', 'hvp-fd', 'stationarity-noiseless', 'invariance-permutation', 'invariance-rotation', 'invariance-duplication', 'gd-consistency'];

/**
 * Slips planted into the float32 control, and the claim that must still catch each in float32
 * mode. Measured on seed 20190417 (the shrunk case's measured / bound in the failure message):
 * - gradient x N/(N+1) (a 1/(N+1) normalization, signal |g_q| / (N + 1), 1.6e-2 |g_q| at the
 *   largest N = 60): the shrunk case (the smallest failing case fast-check found, so the
 *   closest call) exceeds the float32 bound 6.3 times;
 * - HVP halved: 190 times; GD one step too many: 20 times; loss without the 1/2: 77 times.
 * The float32 bounds are about 2^29 (5e8) times the float64 ones and these slips still exceed
 * them (6.3 to 190 times): the mode loosens the bounds, not the claims' power on O(1/N) or
 * larger mistakes. A slip smaller than ~1e-6 relative is invisible in float32 mode, as it is
 * to the float32 arithmetic itself.
 */
const SLIPS: readonly { name: string; caughtBy: string; make(): Implementation }[] = [
  {
    name: 'gradient scaled by N/(N+1)',
    caughtBy: 'gradient-fd-full',
    make: () => {
      const c = float32Control();
      return { ...c, name: 'float32 grad N/(N+1)', gradient: async (d, W) => (await c.gradient!(d, W)).map((v) => Math.fround((v * d.n) / (d.n + 1))) };
    },
  },
  {
    name: 'HVP halved',
    caughtBy: 'hvp-fd',
    make: () => {
      const c = float32Control();
      return { ...c, name: 'float32 hvp / 2', hvp: async (d, W, u) => (await c.hvp!(d, W, u)).map((v) => v / 2) };
    },
  },
  {
    name: 'GD one step too many',
    caughtBy: 'gd-consistency',
    make: () => {
      const c = float32Control();
      return {
        ...c,
        name: 'float32 GD T+1',
        gradientDescent: async (d, req) => {
          const r = await c.gradientDescent!(d, { ...req, iterations: req.iterations + 1 });
          return { W: r.W, loss: r.loss.subarray(0, req.iterations + 1) };
        },
      };
    },
  },
  {
    name: 'loss without the 1/2',
    caughtBy: 'gradient-fd-directional',
    make: () => {
      const c = float32Control();
      return { ...c, name: 'float32 loss x2', loss: async (d, W) => 2 * (await c.loss!(d, W)) };
    },
  },
];

/** measured / bound from a violation message "... X exceeds the bound Y ..." (for the log). */
function ratio(message: string): string {
  const m = /([-+0-9.e]+) exceeds the bound ([-+0-9.e]+)/.exec(message);
  return m ? (Number(m[1]) / Number(m[2])).toExponential(1) : '?';
}

describe('float32 mode', () => {
  it('the float32 control held to float64 bounds fails the exact claims, each failure naming float32', async () => {
    const failed: string[] = [];
    for (const id of EXACT) {
      const r = await claim(id).run(float32Control(), { ...options, precision: 'float64' });
      if (r.status !== 'failed') continue;
      failed.push(id);
      expect(r.message, id).toContain(FLOAT32_HINT);
    }
    // Seed 20190417: all but invariance-permutation (whose cases here happen to round alike).
    expect(failed.length).toBeGreaterThanOrEqual(EXACT.length - 2);
    expect(failed).toContain('gradient-fd-full');
  });

  it('the declaration alone selects float32 (no run option), and a run option overrides it', async () => {
    const declared = await claim('gradient-fd-full').run(float32Control(), options);
    expect(declared.status).toBe('passed');
    const overridden = await claim('gradient-fd-full').run(float32Control(), { ...options, precision: 'float64' });
    expect(overridden.status).toBe('failed');
  });

  for (const slip of SLIPS) {
    it(`float32 mode still catches a planted slip: ${slip.name} (${slip.caughtBy})`, async () => {
      const r = await claim(slip.caughtBy).run(slip.make(), { ...options, precision: 'float32' });
      expect(r.status).toBe('failed');
      if (r.status === 'failed') {
        expect(r.message).not.toContain(FLOAT32_HINT); // in float32 mode the hint would be wrong
        console.info(`${slip.name}: ${slip.caughtBy} measured/bound ${ratio(r.message)} (float32 mode)`);
      }
    });
  }
});
