import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../src/core/activations/catalog.js';
import type { ActivationName } from '../../src/core/activations/activation.js';

// The catalogue's sup |phi^(m)| (m = 1..4) feed the finite-difference tolerances of the
// gradient and Hessian-vector-product claims, so each is checked here: (1) closed forms of
// phi''' and phi'''' (written out below, independently of the catalogue) agree with central
// differences of the catalogue's phi'' and of each other; (2) on a fine grid the maximum of
// |phi^(m)| never exceeds the bound and comes within 1e-7 of it (the bound is attained, i.e.
// tight, not just safe). The tails beyond |z| = 30 decay monotonically (exp(-|z|) or
// exp(-z^2) times a polynomial), so the grid covers every maximum.

const sig = (z: number) => ACTIVATIONS.sigmoid.phi(z);
/** phi''' and phi'''' in closed form (derivations in catalog.ts). */
const HIGHER: Record<'sigmoid' | 'tanh' | 'erf', { d3: (z: number) => number; d4: (z: number) => number }> = {
  sigmoid: {
    // q = p (1 - p), s = 1 - 2p: sigma''' = q (1 - 6q), sigma'''' = q s (1 - 12 q)
    d3: (z) => { const p = sig(z); const q = p * (1 - p); return q * (1 - 6 * q); },
    d4: (z) => { const p = sig(z); const q = p * (1 - p); return q * (1 - 2 * p) * (1 - 12 * q); },
  },
  tanh: {
    // t = tanh z: tanh''' = (6 t^2 - 2)(1 - t^2), tanh'''' = 8 t (2 - 3 t^2)(1 - t^2)
    d3: (z) => { const t = Math.tanh(z); return (6 * t * t - 2) * (1 - t * t); },
    d4: (z) => { const t = Math.tanh(z); return 8 * t * (2 - 3 * t * t) * (1 - t * t); },
  },
  erf: {
    d3: (z) => (4 * z * z - 2) * Math.exp(-z * z),
    d4: (z) => (12 * z - 8 * z ** 3) * Math.exp(-z * z),
  },
};
const SMOOTH = ['sigmoid', 'tanh', 'erf'] as const;
const U = 2 ** -53;

function derivative(name: (typeof SMOOTH)[number], m: 1 | 2 | 3 | 4): (z: number) => number {
  const act = ACTIVATIONS[name];
  return [act.d1, act.d1, act.d2, HIGHER[name].d3, HIGHER[name].d4][m];
}

describe('derivative bounds of the smooth activations (finite-difference tolerances rest on them)', () => {
  it("closed-form phi''' and phi'''' match central differences of phi'' and phi'''", () => {
    // Central difference error: delta^2 / 6 sup |f'''| + rounding 2 * 16 u sup|f| / (2 delta).
    // sup |phi^(5)| <= 64 (tanh 16 at 0, erf 12 at 0, sigmoid 1/2) and sup |phi^(6)| <= 256
    // (tanh^(6) = 64 sigma^(6)(2z), erf's -H_5(z) exp(-z^2)) are loose on purpose: a slip in
    // a formula is an O(1) error, far above either tolerance.
    const delta = 1e-4;
    for (const name of SMOOTH) {
      const act = ACTIVATIONS[name];
      const b = act.derivativeBound!;
      const tol3 = (delta * delta * 64) / 6 + (16 * U * b(2, 0, 0)) / delta;
      const tol4 = (delta * delta * 256) / 6 + (16 * U * b(3, 0, 0)) / delta;
      for (let z = -8; z <= 8; z += 0.01) {
        const fd3 = (act.d2(z + delta) - act.d2(z - delta)) / (2 * delta);
        const fd4 = (HIGHER[name].d3(z + delta) - HIGHER[name].d3(z - delta)) / (2 * delta);
        expect(Math.abs(HIGHER[name].d3(z) - fd3), `${name} phi''' at z = ${z}`).toBeLessThanOrEqual(tol3);
        expect(Math.abs(HIGHER[name].d4(z) - fd4), `${name} phi'''' at z = ${z}`).toBeLessThanOrEqual(tol4);
      }
    }
  });

  it('on a grid of step 1e-4 over [-30, 30], max |phi^(m)| <= bound and attains it to 1e-7', () => {
    const measured: string[] = [];
    for (const name of SMOOTH) {
      const b = ACTIVATIONS[name].derivativeBound!;
      for (const m of [1, 2, 3, 4] as const) {
        const f = derivative(name, m);
        let max = 0;
        let at = 0;
        for (let t = -300000; t <= 300000; t++) {
          const z = t * 1e-4;
          const a = Math.abs(f(z));
          if (a > max) { max = a; at = z; }
        }
        const bound = b(m, -30, 30);
        measured.push(`${name} m=${m}: max ${max} at ${at}, bound ${bound}`);
        expect(max, measured.at(-1)).toBeLessThanOrEqual(bound * (1 + 1e-12));
        expect(max, measured.at(-1)).toBeGreaterThanOrEqual(bound * (1 - 1e-7));
      }
    }
  });

  it('polynomial activations: exact bounds over intervals (quadratic phi\' = 2z, phi\'\' = 2; linear 1, 0)', () => {
    const cases: Array<[ActivationName, number, number]> = [['quadratic', -3, 1], ['quadratic', 0.5, 2], ['linear', -5, 5]];
    for (const [name, lo, hi] of cases) {
      const act = ACTIVATIONS[name];
      const b = act.derivativeBound!;
      let max1 = 0;
      let max2 = 0;
      for (let t = 0; t <= 1000; t++) {
        const z = lo + ((hi - lo) * t) / 1000;
        max1 = Math.max(max1, Math.abs(act.d1(z)));
        max2 = Math.max(max2, Math.abs(act.d2(z)));
      }
      expect([b(1, lo, hi), b(2, lo, hi), b(3, lo, hi), b(4, lo, hi)]).toEqual([max1, max2, 0, 0]);
    }
  });
});
