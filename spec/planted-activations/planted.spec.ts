import { describe, expect, it } from 'vitest';
import type { Claim } from '../../properties/Claim.js';
import {
  gradientFiniteDifferencesClaim,
  hessianPositiveDefiniteClaim,
  hvpFiniteDifferencesClaim,
  momentIdentitiesClaim,
  quadraticRandomInitClaim,
  referenceActivationSubject,
  tensorSignRecoveryClaim,
  oddTensorDirectionsClaim,
  withActivation,
  zhongPropertiesClaim,
  type ActivationSubject,
} from '../../properties/activations/index.js';
import { ACTIVATIONS } from '../../src/core/activations/catalog.js';
import type { Activation } from '../../src/core/activations/activation.js';
import type { OutputModel } from '../../src/core/outputModel/outputModelKernel.js';
import { makeOutputModelInstance } from '../../src/core/outputModel/outputModelInstance.js';
import { createStreams } from '../../src/core/random.js';
import { outputModelLossAndGradient } from '../../src/core/outputModel/outputModelKernel.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { tensorActivationOf } from '../../src/core/tensor/tensorActivation.js';
import { tensorInitFromMoments } from '../../src/core/tensor/tensorInit.js';
import { tensorDirections, tensorDirectionsFromMoments } from '../../src/core/tensor/tensorDirections.js';
import { sampleMoments } from '../../src/core/tensor/sampleMoments.js';
import type { MomentSource } from '../../src/core/tensor/momentSource.js';

const ref = referenceActivationSubject();

/**
 * A subject whose curvature term r v phi'' reads `d2` instead of phi'', in the dense Hessian and
 * the HVP alike (as a slip in their shared per-sample terms would): the two still agree.
 */
function withCurvatureSlip(d2: (act: Activation) => (z: number) => number): ActivationSubject {
  const slip = (model: OutputModel): OutputModel => ({ ...model, activation: { ...model.activation, d2: d2(model.activation) } });
  return {
    ...ref,
    name: 'reference+curvature-slip',
    hessian: (model, data, W) => ref.hessian(slip(model), data, W),
    hvp: (model, data, W, u) => ref.hvp(slip(model), data, W, u),
  };
}
/** Residual sign slipped (y - f) in the curvature term only: the same as negating phi''. */
const CURVATURE_SIGN_SLIP = withCurvatureSlip((act) => (z) => -act.d2(z));
/** phi' where phi'' belongs in the curvature term. */
const CURVATURE_D1_SLIP = withCurvatureSlip((act) => act.d1);

/** Each row: a plausible bug, planted into one part of the subject, and the claim that must catch it. */
const PLANTED: ReadonlyArray<{ bug: string; claim: (s: ActivationSubject) => Claim; subject: ActivationSubject }> = [
  {
    bug: "leaky ReLU typo max{z, 1 * z}: it is linear, rho = 0",
    claim: zhongPropertiesClaim,
    subject: withActivation(ref, { ...ACTIVATIONS.leakyRelu, phi: (z) => z, d1: () => 1 }),
  },
  {
    bug: "quadratic phi' = |2z| (abs slip): Property 3.1 would wrongly hold",
    claim: zhongPropertiesClaim,
    subject: withActivation(ref, { ...ACTIVATIONS.quadratic, d1: (z) => Math.abs(2 * z) }),
  },
  {
    bug: 'gamma_j integrates phi(s z) z^(j+1) (off by one power)',
    claim: momentIdentitiesClaim,
    subject: {
      ...ref,
      moments: (act, s) => {
        const r = ref.moments(act, s);
        const shifted = [...r.moments.gamma.slice(1), r.moments.gamma[4]];
        return { ...r, moments: { ...r.moments, gamma: shifted } };
      },
    },
  },
  {
    bug: "tanh' = 1 - tanh(z) (square forgotten) in the gradient",
    claim: gradientFiniteDifferencesClaim,
    subject: withActivation(ref, { ...ACTIVATIONS.tanh, d1: (z) => 1 - Math.tanh(z) }),
  },
  {
    bug: 'gradient ignores the output weights v',
    claim: gradientFiniteDifferencesClaim,
    subject: {
      ...ref,
      lossAndGradient: (model, data, W, gW, gV) => {
        const r = outputModelLossAndGradient(model, data, W, gW, gV);
        // v_k^2 = 1: the true residual, but every unit's gradient as if v_k = 1
        for (let k = 0; k < model.v.length; k++) {
          for (let j = 0; j < W.d; j++) gW[k * W.d + j] *= model.v[k];
        }
        return r;
      },
    },
  },
  {
    bug: "curvature term r v phi'' with the residual's sign slipped (y - f), shared by the dense Hessian and the HVP",
    claim: hvpFiniteDifferencesClaim,
    subject: CURVATURE_SIGN_SLIP,
  },
  {
    bug: "phi' in place of phi'' in the curvature term, shared by the dense Hessian and the HVP",
    claim: hvpFiniteDifferencesClaim,
    subject: CURVATURE_D1_SLIP,
  },
  {
    bug: "ReLU phi' = 1 everywhere (indicator dropped): Hessian of a linear model, singular",
    claim: hessianPositiveDefiniteClaim,
    subject: withActivation(ref, { ...ACTIVATIONS.relu, d1: () => 1 }),
  },
  {
    bug: "quadratic phi' = 2 relu(z) (squared-ReLU derivative): GD stalls off the optimum",
    claim: quadraticRandomInitClaim,
    subject: withActivation(ref, { ...ACTIVATIONS.quadratic, d1: (z) => (z > 0 ? 2 * z : 0) }),
  },
  {
    bug: 'residual sign slip (y - f with the gradient of f - y): GD ascends',
    claim: quadraticRandomInitClaim,
    subject: {
      ...ref,
      lossAndGradient: (model, data, W, gW, gV) => {
        const r = outputModelLossAndGradient(model, data, W, gW, gV);
        for (let q = 0; q < gW.length; q++) gW[q] = -gW[q];
        return r;
      },
    },
  },
  {
    bug: 'RecMagSign reads v from -gamma (sign of m2 flipped): every output weight comes out negated',
    claim: tensorSignRecoveryClaim,
    subject: {
      ...ref,
      tensorActivation: (act) => {
        const t = tensorActivationOf(act);
        return { ...t, coefficients: (s) => { const m = t.coefficients(s); return [m[0], -m[1], m[2], m[3]]; } };
      },
    },
  },
  // Not a row: 'sign tracking dropped' (whitening: 'absolute' with mixed v*) passes
  // tensorSignRecoveryClaim. At its K = 3 the |C|-whitened components are nearly orthonormal,
  // so the bias (~1e-2, population) hides inside the claim's 0.25 bound. It is caught by
  // spec/tensor/unknownSigns.spec.ts (population 1e-10 check; K = 5 sample max-error bound).
  {
    bug: 'He3 correction dropped from M3(V, V, V) (and y only centered): R3 biased by sym(V M1 (x) I)',
    claim: tensorSignRecoveryClaim,
    subject: {
      ...ref,
      tensorInit: (data, K, options) => {
        // u_p u_q u_r alone: E[y u_p u_q u_r] = M3(V,V,V) + sym3(V M1 (x) V V^T), V V^T = I.
        const src = sampleMoments(data, { varianceReduction: 'center' });
        const buggy: MomentSource = {
          ...src,
          m3Projected(V, k) {
            const T = src.m3Projected(V, k);
            const m1p = src.m1Projected(V, k);
            for (let p = 0; p < k; p++) {
              for (let q = 0; q < k; q++) {
                for (let r = 0; r < k; r++) {
                  T[(p * k + q) * k + r] += (q === r ? m1p[p] : 0) + (p === r ? m1p[q] : 0) + (p === q ? m1p[r] : 0);
                }
              }
            }
            return T;
          },
        };
        return tensorInitFromMoments(buggy, K, options);
      },
    },
  },
  {
    bug: 'P2 = M2 used anyway for m2 = 0 (sigmoid, tanh, erf): M2 is zero plus noise, the subspace is random',
    claim: oddTensorDirectionsClaim,
    subject: {
      ...ref,
      tensorDirections: (data, K, options) => {
        const src = sampleMoments(data);
        return tensorDirectionsFromMoments({ ...src, m3Matrix: () => src.m2() }, K, options);
      },
    },
  },
  {
    bug: 'directions left as the decomposition returns them (M1 orientation skipped): about half come out negated',
    claim: oddTensorDirectionsClaim,
    subject: {
      ...ref,
      tensorDirections: (data, K, options) => {
        const r = tensorDirections(data, K, options);
        // undo the M1 orientation: the decomposition's signs are arbitrary, as unoriented code would leave them
        const A = r.estimate.components.directions;
        const W = Float64Array.from(r.directions.data);
        const d = r.directions.d;
        for (let i = 0; i < K; i++) {
          let dot = 0;
          for (let t = 0; t < d; t++) {
            let s = 0;
            for (let p = 0; p < K; p++) s += A[i * K + p] * r.basis[p * d + t];
            dot += s * W[i * d + t];
          }
          if (dot < 0) for (let t = 0; t < d; t++) W[i * d + t] = -W[i * d + t];
        }
        return { ...r, directions: { ...r.directions, data: W } };
      },
    },
  },
];

describe('planted bugs in the activation core are caught', () => {
  const impl = referenceImplementation();
  it.each(PLANTED.map((p) => [p.bug, p] as const))('%s', async (_bug, p) => {
    const result = await p.claim(p.subject).run(impl, { seed: 20240611, tier: 'default' });
    if (process.env.PLANTED_VERBOSE && result.status === 'failed') console.log(result.message);
    expect(result.status).toBe('failed');
    if (result.status === 'failed') {
      expect(result.message.length).toBeGreaterThan(0);
      // The replay line is the activation suite's own (spec/activations reads these variables).
      const id = p.claim(p.subject).id;
      expect(result.replay).toMatch(new RegExp(`^RELUCHECK_SEED=20240611 RELUCHECK_TIER=default (RELUCHECK_PATH=\\S+ )?npx vitest run spec/activations -t "${id}"$`));
    }
  });
});

describe('claim verdicts are deterministic', () => {
  it('the same seed gives the same failure, message and path included', async () => {
    const impl = referenceImplementation();
    const p = PLANTED[3];
    const a = await p.claim(p.subject).run(impl, { seed: 99, tier: 'quick' });
    const b = await p.claim(p.subject).run(impl, { seed: 99, tier: 'quick' });
    expect(a.status).toBe('failed');
    expect(b).toEqual(a);
  });

  it('the HVP finite-difference claim too (balanced step chosen from the data, not from the clock)', async () => {
    const impl = referenceImplementation();
    const a = await hvpFiniteDifferencesClaim(CURVATURE_SIGN_SLIP).run(impl, { seed: 99, tier: 'quick' });
    const b = await hvpFiniteDifferencesClaim(CURVATURE_SIGN_SLIP).run(impl, { seed: 99, tier: 'quick' });
    expect(a.status).toBe('failed');
    expect(b).toEqual(a);
  });
});

describe('the curvature slips are invisible to the dense-vs-HVP comparison (why the FD claim exists)', () => {
  it('a slipped subject\'s dense H u equals its HVP to rounding, yet it differs from the reference HVP by more than 1e-3', () => {
    for (const subject of [CURVATURE_SIGN_SLIP, CURVATURE_D1_SLIP]) {
      for (const name of ['sigmoid', 'tanh', 'erf'] as const) {
        const inst = makeOutputModelInstance({ d: 5, K: 3, kappa: 2, N: 150, noiseStd: 0.3, seed: 2, activation: name });
        const s = createStreams(2).stream('spec-hvp');
        const W = { d: 5, K: 3, data: inst.Wstar.data.map((w) => w + 0.2 * s.normal()) };
        const u = s.fillNormal(new Float64Array(15));
        const H = subject.hessian(inst.model, inst.data, W);
        const Hu = subject.hvp(inst.model, inst.data, W, u);
        const HuRef = ref.hvp(inst.model, inst.data, W, u);
        const maxAbs = H.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
        const u1 = u.reduce((a, b) => a + Math.abs(b), 0);
        // the tolerance of spec/activations/outputModel.spec.ts's dense-vs-HVP check
        const tol = 2 * (150 + 15) * Number.EPSILON * maxAbs * u1 * 4;
        let gap = 0;
        for (let p = 0; p < 15; p++) {
          let acc = 0;
          for (let q = 0; q < 15; q++) acc += H[p * 15 + q] * u[q];
          expect(Math.abs(acc - Hu[p]), `${subject.name} ${name} row ${p}`).toBeLessThanOrEqual(tol);
          gap = Math.max(gap, Math.abs(Hu[p] - HuRef[p]));
        }
        expect(gap, `${name}: the slip changes H u`).toBeGreaterThan(1e-3);
      }
    }
  });
});
