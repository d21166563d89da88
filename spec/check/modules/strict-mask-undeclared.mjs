// A correct solver with the z > 0 mask of PyTorch, TensorFlow and JAX that does not declare it
// (no `reluAtZero`): what an older protocol server or a quick --impl module looks like. Loss and
// gradient of f(x) = sum_k relu(w_k . x), W unit-contiguous (w_k = W.data[k*d .. k*d + d]).
export default {
  name: 'strict mask, undeclared',
  capabilities: ['loss', 'gradient'],
  async loss(data, W) {
    const { n, d, X, y } = data;
    let s = 0;
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let k = 0; k < W.K; k++) {
        let z = 0;
        for (let j = 0; j < d; j++) z += W.data[k * d + j] * X[i * d + j];
        f += Math.max(z, 0);
      }
      s += (f - y[i]) ** 2;
    }
    return s / (2 * n);
  },
  async gradient(data, W) {
    const { n, d, X, y } = data;
    const g = new Float64Array(d * W.K);
    const z = new Float64Array(W.K);
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let k = 0; k < W.K; k++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += W.data[k * d + j] * X[i * d + j];
        z[k] = s;
        f += Math.max(s, 0);
      }
      const r = (f - y[i]) / n;
      for (let k = 0; k < W.K; k++) if (z[k] > 0) for (let j = 0; j < d; j++) g[k * d + j] += r * X[i * d + j];
    }
    return g;
  },
};
