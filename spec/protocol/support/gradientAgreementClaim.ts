/**
 * A spec-only stand-in for the property suite (until properties/index.ts is merged): one real
 * claim in the Claim contract's shape, so `relucheck check`'s verdict mapping can be tested
 * end to end. It compares an implementation's gradient with the reference kernel's under a
 * worst-case rounding bound: both sum the same N + d + K terms in some order, so each entry
 * may differ by at most 2 (N + d + K) u S, with S the entry recomputed from absolute values
 * (Higham, Accuracy and Stability, eq. 3.5; u = 2^-53).
 */
import type { Claim, ClaimResult } from '../../../properties/Claim.js';
import { makeInstance } from '../../../src/core/instance.js';
import { lossAndGradient } from '../../../src/core/kernel.js';
import type { Dataset, Weights } from '../../../src/core/layout.js';
import { createStreams } from '../../../src/core/random.js';

const U = 2 ** -53;

/** S: the gradient with every term replaced by its absolute value. */
export function absoluteGradientScale(data: Dataset, W: Weights): Float64Array {
  const { n, d, X, y } = data;
  const S = new Float64Array(W.data.length);
  for (let i = 0; i < n; i++) {
    let a = Math.abs(y[i]);
    for (let k = 0; k < W.K; k++) for (let j = 0; j < d; j++) a += Math.abs(W.data[k * d + j] * X[i * d + j]);
    for (let k = 0; k < W.K; k++) for (let j = 0; j < d; j++) S[k * d + j] += (a * Math.abs(X[i * d + j])) / n;
  }
  return S;
}

export const gradientAgreementClaim: Claim = {
  id: 'spec-gradient-agreement',
  title: 'gradient agrees with the reference kernel to rounding',
  citation: { paper: 'Zhang et al. 2019', where: 'eq. (3.2)' },
  needs: ['gradient'],
  falseAlarmBudget: 0,
  async run(impl, options): Promise<ClaimResult> {
    const runs = options.numRuns ?? 3;
    for (let r = 0; r < runs; r++) {
      const seed = (Math.imul(options.seed, 1000) + r) >>> 0; // any 32-bit seed, the default included
      const inst = makeInstance({ d: 4, K: 2, kappa: 2, N: 40, noiseStd: 0.1, seed });
      const s = createStreams(seed).stream('spec-agreement');
      const W: Weights = { ...inst.Wstar, data: inst.Wstar.data.map((v) => v + 0.3 * s.normal()) };
      const got = await impl.gradient!(inst.data, W);
      const want = new Float64Array(W.data.length);
      lossAndGradient(inst.data, W, want);
      const S = absoluteGradientScale(inst.data, W);
      for (let i = 0; i < want.length; i++) {
        const tol = 2 * (inst.data.n + W.d + W.K) * U * S[i];
        const diff = Math.abs(got[i] - want[i]);
        if (!(diff <= tol)) {
          return {
            status: 'failed',
            seed: options.seed,
            counterexample: `instance d=4 K=2 N=40 seed=${seed}, W = W* + 0.3 G`,
            message: `gradient[${i}]: actual ${got[i]}, expected ${want[i]}, difference ${diff.toExponential(3)} > tolerance ${tol.toExponential(3)}`,
            replay: `spec-gradient-agreement seed ${options.seed} run ${r}`,
          };
        }
      }
    }
    return { status: 'passed', numRuns: runs, seed: options.seed };
  },
};

/** A claim no implementation here can run: needs init. */
export const needsInitClaim: Claim = {
  id: 'spec-needs-init',
  title: 'needs a tensor initialization',
  citation: { paper: 'Zhong et al. 2017', where: 'Algorithm 1' },
  needs: ['init'],
  falseAlarmBudget: 0,
  async run(): Promise<ClaimResult> {
    throw new Error('not reached: the runner reports not-applicable before calling run');
  },
};
