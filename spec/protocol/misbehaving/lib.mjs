// A minimal, correct relucheck protocol server (loss and gradient only) that the
// misbehaving implementations in this folder bend in exactly one way each.
import { createInterface } from 'node:readline';

export const decode = (wire) =>
  Array.isArray(wire) ? Float64Array.from(wire) : new Float64Array(new Uint8Array(Buffer.from(wire.f64, 'base64')).buffer);
export const encode = (a) => ({ f64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') });

function lossAndGradient({ n, d, X, y }, W) {
  const K = W.K;
  const w = decode(W.data);
  const grad = new Float64Array(d * K);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const z = [];
    let out = 0;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += w[k * d + j] * X[i * d + j];
      z.push(s);
      out += Math.max(s, 0);
    }
    const r = out - y[i];
    loss += r * r;
    for (let k = 0; k < K; k++) if (z[k] >= 0) for (let j = 0; j < d; j++) grad[k * d + j] += (r * X[i * d + j]) / n;
  }
  return { loss: loss / (2 * n), grad };
}

/**
 * Serves requests; `hooks[cmd](req, answer)` may replace the reply (return a string to write
 * raw, an object to write as JSON, or undefined to stay silent).
 */
export function serve(hooks = {}) {
  const datasets = new Map();
  const write = (m) => process.stdout.write(typeof m === 'string' ? `${m}\n` : `${JSON.stringify(m)}\n`);
  const answer = (req) => {
    switch (req.cmd) {
      case 'start':
        return { id: req.id, result: { protocol: 1, implementation: { name: 'misbehaving', language: 'javascript' }, capabilities: ['loss', 'gradient'] } };
      case 'dataset':
        datasets.set(req.name, { n: req.n, d: req.d, X: decode(req.X), y: decode(req.y) });
        return { id: req.id, result: {} };
      case 'loss':
        return { id: req.id, result: { loss: lossAndGradient(datasets.get(req.dataset), req.W).loss } };
      case 'gradient':
        return { id: req.id, result: { gradient: encode(lossAndGradient(datasets.get(req.dataset), req.W).grad) } };
      default:
        return { id: req.id, error: { message: `unsupported ${req.cmd}` } };
    }
  };
  createInterface({ input: process.stdin }).on('line', (line) => {
    const req = JSON.parse(line);
    if (req.cmd === 'stop') process.exit(0);
    const reply = hooks[req.cmd] ? hooks[req.cmd](req, () => answer(req)) : answer(req);
    if (reply !== undefined) write(reply);
  });
}
