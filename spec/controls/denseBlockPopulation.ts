/**
 * Control: the population side with the angle from the wedge product,
 * theta = atan2(sqrt(sum_{i<j} (w_i v_j - w_j v_i)^2), w.v) (no acos, no cancellation), and the
 * population Hessian assembled as a dense dK x dK matrix of d x d blocks (THEORY.md's h1 and
 * h2 written out as matrices, I/2 on the diagonal), multiplied by u at the end.
 *
 * @example
 * ```ts
 * await denseBlockPopulationControl().populationHvp!(Wstar, W, u);
 * ```
 */
import type { Weights } from '../../src/core/layout.js';
import type { Implementation } from '../../src/impl/Implementation.js';

type Vec = Float64Array;
const unit = (W: Weights, k: number): Vec => W.data.subarray(k * W.d, (k + 1) * W.d);
const dotv = (a: Vec, b: Vec): number => a.reduce((s, v, i) => s + v * b[i], 0);
const len = (a: Vec): number => Math.hypot(...a);

/** The angle between w and v from the Binet-Cauchy identity |w ^ v|^2 = sum_{i<j} (w_i v_j - w_j v_i)^2. */
function wedgeAngle(w: Vec, v: Vec): { t: number; sin: number; cos: number } {
  let wedge2 = 0;
  for (let i = 0; i < w.length; i++) for (let j = i + 1; j < w.length; j++) wedge2 += (w[i] * v[j] - w[j] * v[i]) ** 2;
  const t = Math.atan2(Math.sqrt(wedge2), dotv(w, v));
  return { t, sin: Math.sin(t), cos: Math.cos(t) };
}

function k(w: Vec, v: Vec): number {
  const { t, sin, cos } = wedgeAngle(w, v);
  return ((len(w) * len(v)) / (2 * Math.PI)) * (sin + (Math.PI - t) * cos);
}

function lossOf(Ws: Weights, W: Weights, nu: number): number {
  // 1/2 E[(f_W(x) - f_W*(x))^2] + nu^2 / 2, expanded into kernel values.
  let ww = 0;
  let ws = 0;
  let ss = 0;
  for (let a = 0; a < W.K; a++) {
    for (let b = 0; b < W.K; b++) {
      ww += k(unit(W, a), unit(W, b));
      ws += k(unit(W, a), unit(Ws, b));
      ss += k(unit(Ws, a), unit(Ws, b));
    }
  }
  return 0.5 * (ww - 2 * ws + ss) + 0.5 * nu * nu;
}

/** grad_w k(w, v) added into out (sign +1 or -1). */
function addKernelGradient(out: Vec, w: Vec, v: Vec, sign: number): void {
  const { t, sin } = wedgeAngle(w, v);
  const lw = len(w);
  const lv = len(v);
  for (let i = 0; i < w.length; i++) out[i] += (sign * ((Math.PI - t) * v[i] + (lv * sin * w[i]) / lw)) / (2 * Math.PI);
}

function gradientOf(Ws: Weights, W: Weights): Float64Array {
  const out = new Float64Array(W.d * W.K);
  for (let a = 0; a < W.K; a++) {
    const g = out.subarray(a * W.d, (a + 1) * W.d);
    for (let b = 0; b < W.K; b++) {
      addKernelGradient(g, unit(W, a), unit(W, b), 1);
      addKernelGradient(g, unit(W, a), unit(Ws, b), -1);
    }
  }
  return out;
}

/** d x d blocks h1(w, v) and h2(w, v) (row-major). */
function blocks(w: Vec, v: Vec): { h1: Float64Array; h2: Float64Array } {
  const d = w.length;
  const { t, sin, cos } = wedgeAngle(w, v);
  const wb = w.map((x) => x / len(w));
  const vb = v.map((x) => x / len(v));
  const nwv = sin === 0 ? new Float64Array(d) : vb.map((x, i) => (x - cos * wb[i]) / sin);
  const nvw = sin === 0 ? new Float64Array(d) : wb.map((x, i) => (x - cos * vb[i]) / sin);
  const c1 = (len(v) * sin) / (2 * Math.PI * len(w));
  const h1 = new Float64Array(d * d);
  const h2 = new Float64Array(d * d);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      const id = r === c ? 1 : 0;
      h1[r * d + c] = c1 * (id - wb[r] * wb[c] + nwv[r] * nwv[c]);
      h2[r * d + c] = ((Math.PI - t) * id + vb[r] * nvw[c] + wb[r] * nwv[c]) / (2 * Math.PI);
    }
  }
  return { h1, h2 };
}

/** The dense population Hessian, dK x dK row-major over the unit-contiguous index. */
function hessian(Ws: Weights, W: Weights): Float64Array {
  const { d, K } = W;
  const n = d * K;
  const H = new Float64Array(n * n);
  const put = (a: number, b: number, B: Float64Array, s: number) => {
    for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) H[(a * d + r) * n + b * d + c] += s * B[r * d + c];
  };
  for (let a = 0; a < K; a++) {
    for (let r = 0; r < d; r++) H[(a * d + r) * n + a * d + r] += 0.5;
    for (let b = 0; b < K; b++) {
      put(a, a, blocks(unit(W, a), unit(Ws, b)).h1, -1);
      if (b === a) continue;
      const own = blocks(unit(W, a), unit(W, b));
      put(a, a, own.h1, 1);
      put(a, b, own.h2, 1);
    }
  }
  return H;
}

/**
 * The wedge-angle, dense-Hessian population control (population, populationHvp).
 * @example denseBlockPopulationControl().name
 */
export function denseBlockPopulationControl(): Implementation {
  return {
    name: 'control: wedge angles, dense population Hessian',
    capabilities: ['population', 'populationHvp'],
    populationLoss: async (Ws, W, nu) => lossOf(Ws, W, nu),
    populationGradient: async (Ws, W) => gradientOf(Ws, W),
    populationHvp: async (Ws, W, u) => {
      const H = hessian(Ws, W);
      const n = u.length;
      return Float64Array.from({ length: n }, (_, r) => H.subarray(r * n, (r + 1) * n).reduce((s, h, c) => s + h * u[c], 0));
    },
  };
}
