/**
 * Control: the `z > 0` kink convention of PyTorch, TensorFlow and JAX, declared
 * (`reluAtZero: 0`). Written the way an autograd framework evaluates the network, not from
 * relucheck's kernels: the pre-activations Z = X W as an N x K matrix, the backward pass
 * dL/dZ = (r / N) * 1{Z > 0} (1/N applied to the residual first, as a mean-reduced loss's
 * backward does), then grad = X^T dL/dZ; the Gauss-Newton HVP as J^T (J u / N); GD an SGD
 * optimizer's in-place `p -= eta * grad`. At a pre-activation exactly 0 its gradient, HVP and
 * GD differ from the `>= 0` default, so every exact-kink fixture and claim must read the
 * declaration to pass it.
 *
 * @example
 * ```ts
 * const impl = strictMaskControl();
 * impl.reluAtZero === 0;
 * await impl.gradient!(data, W);
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { GdRequest, GdResponse, Implementation } from '../../src/impl/Implementation.js';

/** Z[i*K + k] = w_k . x_i (W unit-contiguous, X row-major). */
function preActivations(data: Dataset, W: Weights): Float64Array {
  const { n, d, X } = data;
  const Z = new Float64Array(n * W.K);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < W.K; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += X[i * d + j] * W.data[k * d + j];
      Z[i * W.K + k] = z;
    }
  }
  return Z;
}

/** relu'(z) under the declared convention: 1 for z > 0 only. */
const strict = (z: number): number => (z > 0 ? 1 : 0);

function forwardBackward(data: Dataset, W: Weights): { loss: number; gradient: Float64Array } {
  const { n, d, X, y } = data;
  const K = W.K;
  const Z = preActivations(data, W);
  const dZ = new Float64Array(n * K);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let out = 0;
    for (let k = 0; k < K; k++) out += Math.max(Z[i * K + k], 0);
    const r = out - y[i];
    sum += r * r;
    const dOut = r / n;
    for (let k = 0; k < K; k++) dZ[i * K + k] = dOut * strict(Z[i * K + k]);
  }
  const gradient = new Float64Array(d * K);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) {
      let g = 0;
      for (let i = 0; i < n; i++) g += X[i * d + j] * dZ[i * K + k];
      gradient[k * d + j] = g;
    }
  }
  return { loss: sum / (2 * n), gradient };
}

function gaussNewtonHvp(data: Dataset, W: Weights, u: Float64Array): Float64Array {
  const { n, d, X } = data;
  const K = W.K;
  const Z = preActivations(data, W);
  // J u: the network output's directional derivative per sample, scaled by 1/N.
  const Ju = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) {
      if (strict(Z[i * K + k]) === 0) continue;
      let uz = 0;
      for (let j = 0; j < d; j++) uz += X[i * d + j] * u[k * d + j];
      s += uz;
    }
    Ju[i] = s / n;
  }
  const out = new Float64Array(d * K);
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) {
      let h = 0;
      for (let i = 0; i < n; i++) h += strict(Z[i * K + k]) * Ju[i] * X[i * d + j];
      out[k * d + j] = h;
    }
  }
  return out;
}

function sgd(data: Dataset, req: GdRequest): GdResponse {
  const W: Weights = { d: req.W0.d, K: req.W0.K, data: Float64Array.from(req.W0.data) };
  const loss = new Float64Array(req.iterations + 1);
  for (let t = 0; t < req.iterations; t++) {
    const step = forwardBackward(data, W);
    loss[t] = step.loss;
    for (let q = 0; q < W.data.length; q++) W.data[q] -= req.eta * step.gradient[q];
  }
  loss[req.iterations] = forwardBackward(data, W).loss;
  return { W, loss };
}

/**
 * The `z > 0` control (loss, gradient, hvp, gd), declaring relu'(0) = 0.
 * @example strictMaskControl().reluAtZero === 0
 */
export function strictMaskControl(): Implementation {
  return {
    name: 'control: z > 0 mask (autograd style)',
    capabilities: ['loss', 'gradient', 'hvp', 'gd'],
    reluAtZero: 0,
    loss: async (data, W) => forwardBackward(data, W).loss,
    gradient: async (data, W) => forwardBackward(data, W).gradient,
    hvp: async (data, W, u) => gaussNewtonHvp(data, W, u),
    gradientDescent: async (data, req) => sgd(data, req),
  };
}
