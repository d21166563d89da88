// A tiny JavaScript implementation for `relucheck check --impl`:
//
//   relucheck check --impl examples/typescript/solver.mjs
//   relucheck check --impl examples/typescript/solver.mjs --fixtures
//
// The default export is a factory returning an Implementation (src/impl/Implementation.ts):
// a name, the capabilities offered, and one async method per capability. Layouts: W is
// d x K with unit k contiguous (W.data[k*d + i]); X is N x d row-major.

/** @typedef {{ n: number, d: number, X: Float64Array, y: Float64Array }} Dataset */
/** @typedef {{ d: number, K: number, data: Float64Array }} Weights */

/** Loss 1/(2N) sum r_i^2 and its gradient (eq. 3.2, indicator >= 0). */
function lossAndGradient(/** @type {Dataset} */ { n, d, X, y }, /** @type {Weights} */ W) {
  const grad = new Float64Array(W.data.length);
  const z = new Float64Array(W.K);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let out = 0;
    for (let k = 0; k < W.K; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += W.data[k * d + j] * X[i * d + j];
      z[k] = s;
      if (s > 0) out += s;
    }
    const r = out - y[i];
    total += r * r;
    for (let k = 0; k < W.K; k++) {
      if (z[k] >= 0) for (let j = 0; j < d; j++) grad[k * d + j] += r * X[i * d + j];
    }
  }
  for (let t = 0; t < grad.length; t++) grad[t] /= n;
  return { loss: total / (2 * n), grad };
}

export default function createImplementation() {
  return {
    name: 'tiny-js-example',
    capabilities: ['loss', 'gradient', 'gd'],
    async loss(data, W) {
      return lossAndGradient(data, W).loss;
    },
    async gradient(data, W) {
      return lossAndGradient(data, W).grad;
    },
    async gradientDescent(data, { W0, eta, iterations }) {
      let W = { d: W0.d, K: W0.K, data: Float64Array.from(W0.data) };
      const loss = new Float64Array(iterations + 1);
      for (let t = 0; t < iterations; t++) {
        const { loss: l, grad } = lossAndGradient(data, W);
        loss[t] = l;
        W = { ...W, data: W.data.map((w, i) => w - eta * grad[i]) };
      }
      loss[iterations] = lossAndGradient(data, W).loss;
      return { W, loss };
    },
  };
}
