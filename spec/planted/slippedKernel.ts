/**
 * The reference kernel's loop rewritten with switchable slips, and the Implementations built
 * on it: the one skeleton behind every planted kernel bug (bugs.ts, gapBugs.ts), so each bug
 * states only what is wrong. With no slip it computes the reference's loss and gradient.
 *
 * @example
 * ```ts
 * withKernel('no 1/2', { lossScale: (n) => 2 / n });
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';

/** A wrong implementation and the claim that must see it. */
export interface PlantedBug {
  readonly name: string;
  readonly caughtBy: string;
  /**
   * Cases the claim needs to catch the bug on (nearly) every seed, when the tier's count is not
   * enough: only a fraction of the claim's draws can see some bugs. `why` records the measured
   * per-case power and the resulting miss probability per seed.
   */
  readonly minCases?: { readonly cases: number; readonly why: string };
  make(): Implementation;
}

/** Slips of the kernel, each a classic mistake, each off by default. */
export interface KernelSlips {
  readonly sign?: number;
  /** The gradient's normalization; default 1 / N. */
  readonly scale?: (data: Dataset) => number;
  readonly lossScale?: (n: number) => number;
  readonly mask?: 'shifted-unit' | 'strict' | 'none';
  /** relu'(z) as a number, replacing the mask; default the reference's 1{z >= 0}. */
  readonly heaviside?: (z: number) => number;
  readonly ignoreY?: boolean;
  readonly transposedX?: boolean;
  readonly skipLastSample?: boolean;
  readonly bias?: number;
  /** Where weight (unit k, input j) is read from; default unit-contiguous k * d + j. */
  readonly weightIndex?: (k: number, j: number, d: number, K: number) => number;
  /** First input coordinate the loops visit; default 0. */
  readonly firstInput?: number;
}

/** Loss and gradient with the chosen slips. */
export function slippedLossAndGradient(data: Dataset, W: Weights, grad: Float64Array, s: KernelSlips): number {
  const { n, d, y } = data;
  const K = W.K;
  const X = s.transposedX ? transposeView(data) : data.X;
  const at = s.weightIndex ?? ((k: number, j: number, dd: number) => k * dd + j);
  const j0 = s.firstInput ?? 0;
  const z = new Float64Array(K);
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let out = 0;
    for (let k = 0; k < K; k++) {
      let v = s.bias ?? 0;
      for (let j = j0; j < d; j++) v += W.data[at(k, j, d, K)] * X[i * d + j];
      z[k] = v;
      if (v > 0) out += v;
    }
    const r = s.ignoreY ? out : out - y[i];
    loss += r * r;
    if (s.skipLastSample && i === n - 1) continue;
    for (let k = 0; k < K; k++) {
      // A numeric relu' multiplies (so a NaN at the kink propagates); the masks skip.
      const m = s.heaviside ? s.heaviside(z[k])
        : (s.mask === 'shifted-unit' ? z[(k + 1) % K] >= 0 : s.mask === 'strict' ? z[k] > 0 : s.mask === 'none' ? true : z[k] >= 0) ? 1 : 0;
      if (m === 0) continue;
      for (let j = j0; j < d; j++) grad[at(k, j, d, K)] += m * r * X[i * d + j];
    }
  }
  const inv = s.scale ? s.scale(data) : 1 / n;
  for (let q = 0; q < grad.length; q++) grad[q] *= inv * (s.sign ?? 1);
  return 0.5 * loss * (s.lossScale ? s.lossScale(n) : 1 / n);
}

/** X read as if it were stored column-major (d x N). */
function transposeView(data: Dataset): Float64Array {
  const { n, d, X } = data;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = X[j * n + i];
  return out;
}

/** The reference with loss and gradient both replaced by the slipped kernel. */
export function withKernel(name: string, s: KernelSlips): Implementation {
  return { ...withGradient(name, s), loss: async (data, W) => slippedLossAndGradient(data, W, new Float64Array(W.data.length), s) };
}

/** Gradient-only slip: the loss stays right. */
export function withGradient(name: string, s: KernelSlips): Implementation {
  return {
    ...referenceImplementation(),
    name,
    gradient: async (data, W) => {
      const g = new Float64Array(W.data.length);
      slippedLossAndGradient(data, W, g, s);
      return g;
    },
  };
}
