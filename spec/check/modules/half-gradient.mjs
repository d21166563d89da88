// A planted bug for `relucheck check --impl`: the loss is right, the gradient is half of it
// (a 1/(2N) carried over from the loss). Layouts as in examples/typescript/solver.mjs:
// W.data[k*d + j] is input j of unit k; X is N x d row-major.
function lossAndGradient({ n, d, X, y }, W) {
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
    for (let k = 0; k < W.K; k++) if (z[k] >= 0) for (let j = 0; j < d; j++) grad[k * d + j] += r * X[i * d + j];
  }
  for (let t = 0; t < grad.length; t++) grad[t] /= 2 * n;
  return { loss: total / (2 * n), grad };
}

export default {
  name: 'half-gradient',
  capabilities: ['loss', 'gradient'],
  async loss(data, W) {
    return lossAndGradient(data, W).loss;
  },
  async gradient(data, W) {
    return lossAndGradient(data, W).grad;
  },
};
