/**
 * Control: the population side as a textbook writes it (THEORY.md, eq. 3.1): the angle as
 * theta = acos(clip(w.v / (|w||v|), -1, 1)), the arc-cosine kernel, its gradient, and the
 * Hessian blocks h1, h2 with the limits at theta = 0 and pi taken only when sin theta is 0
 * exactly. acos loses about half the digits near theta = 0 (acos(1 - e) ~ sqrt(2e)), which is
 * precisely what a fair tolerance must allow for and relucheck's atan2 form avoids.
 *
 * @example
 * ```ts
 * await acosPopulationControl().populationGradient!(Wstar, W);
 * ```
 */
import type { Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';

type Vec = Float64Array;
const col = (W: Weights, k: number): Vec => W.data.subarray(k * W.d, (k + 1) * W.d);
const dotv = (a: Vec, b: Vec): number => a.reduce((s, v, i) => s + v * b[i], 0);
const norm = (a: Vec): number => Math.sqrt(dotv(a, a));

function angle(w: Vec, v: Vec): number {
  const c = dotv(w, v) / (norm(w) * norm(v));
  return Math.acos(Math.min(1, Math.max(-1, c)));
}

/** k(w, v) = |w||v| / (2 pi) (sin t + (pi - t) cos t). */
function kernel(w: Vec, v: Vec): number {
  const t = angle(w, v);
  return ((norm(w) * norm(v)) / (2 * Math.PI)) * (Math.sin(t) + (Math.PI - t) * Math.cos(t));
}

/** g(w, v) = grad_w k(w, v) = ((pi - t) v + |v| sin t w / |w|) / (2 pi). */
function kernelGradient(w: Vec, v: Vec): Vec {
  const t = angle(w, v);
  const a = (Math.PI - t) / (2 * Math.PI);
  const b = (norm(v) * Math.sin(t)) / (norm(w) * 2 * Math.PI);
  return w.map((wi, i) => a * v[i] + b * wi);
}

function populationLoss(Ws: Weights, W: Weights, nu: number): number {
  let L = 0;
  for (let j = 0; j < W.K; j++) {
    for (let l = 0; l < W.K; l++) {
      L += kernel(col(W, j), col(W, l)) - 2 * kernel(col(W, j), col(Ws, l)) + kernel(col(Ws, j), col(Ws, l));
    }
  }
  return L / 2 + (nu * nu) / 2;
}

function populationGradient(Ws: Weights, W: Weights): Float64Array {
  const out = new Float64Array(W.d * W.K);
  for (let k = 0; k < W.K; k++) {
    const g = new Float64Array(W.d);
    for (let l = 0; l < W.K; l++) {
      const a = kernelGradient(col(W, k), col(W, l));
      const b = kernelGradient(col(W, k), col(Ws, l));
      for (let i = 0; i < W.d; i++) g[i] += a[i] - b[i];
    }
    out.set(g, k * W.d);
  }
  return out;
}

/** Unit vectors, cos, sin, theta and the normals n_wv, n_vw of a pair. */
function frame(w: Vec, v: Vec) {
  const wb = w.map((x) => x / norm(w));
  const vb = v.map((x) => x / norm(v));
  const t = angle(w, v);
  const c = Math.cos(t);
  const s = Math.sin(t);
  const nwv = vb.map((x, i) => (s === 0 ? 0 : (x - c * wb[i]) / s));
  const nvw = wb.map((x, i) => (s === 0 ? 0 : (x - c * vb[i]) / s));
  return { wb, vb, t, s, nwv, nvw };
}

/** h1(w, v) u = |v| sin t / (2 pi |w|) (u - wb (wb.u) + n_wv (n_wv.u)). */
function h1(w: Vec, v: Vec, u: Vec): Vec {
  const f = frame(w, v);
  const a = (norm(v) * f.s) / (2 * Math.PI * norm(w));
  const pw = dotv(f.wb, u);
  const pn = dotv(f.nwv, u);
  return u.map((x, i) => a * (x - f.wb[i] * pw + f.nwv[i] * pn));
}

/** h2(w, v) u = ((pi - t) u + vb (n_vw.u) + wb (n_wv.u)) / (2 pi). */
function h2(w: Vec, v: Vec, u: Vec): Vec {
  const f = frame(w, v);
  const pv = dotv(f.nvw, u);
  const pw = dotv(f.nwv, u);
  return u.map((x, i) => ((Math.PI - f.t) * x + f.vb[i] * pv + f.wb[i] * pw) / (2 * Math.PI));
}

function populationHvp(Ws: Weights, W: Weights, u: Float64Array): Float64Array {
  const U: Weights = { d: W.d, K: W.K, data: u };
  const out = new Float64Array(W.d * W.K);
  for (let i = 0; i < W.K; i++) {
    const wi = col(W, i);
    const acc = col(U, i).map((x) => x / 2);
    for (let j = 0; j < W.K; j++) {
      const star = h1(wi, col(Ws, j), col(U, i));
      const off = j === i ? new Float64Array(W.d) : h1(wi, col(W, j), col(U, i));
      const cross = j === i ? new Float64Array(W.d) : h2(wi, col(W, j), col(U, j));
      for (let q = 0; q < W.d; q++) acc[q] += off[q] - star[q] + cross[q];
    }
    out.set(acc, i * W.d);
  }
  return out;
}

/**
 * The acos population control (population, populationHvp).
 * @example acosPopulationControl().capabilities
 */
export function acosPopulationControl(): Implementation {
  return {
    name: 'control: acos-with-clip population',
    capabilities: ['population', 'populationHvp'],
    populationLoss: async (Ws, W, nu) => populationLoss(Ws, W, nu),
    populationGradient: async (Ws, W) => populationGradient(Ws, W),
    populationHvp: async (Ws, W, u) => populationHvp(Ws, W, u),
  };
}
