/**
 * A derived bound on | (G(W + hU) - G(W - hU)) / (2h) - H(W) U |, coordinate by coordinate, for
 * the output-weight model's gradient G = grad_W L_N and Hessian H (v fixed, as in
 * core/outputModel/outputModelHessian.ts), smooth activations. Not tuned: every term below is
 * a truncation remainder or a Higham-style rounding bound (properties/rounding.ts).
 *
 * Truncation. Coordinate q = (k, j): G_q(W + tU) = (1/N) sum_i f_i(t) x_ij, f_i = r_i a_ik,
 * r_i(t) = sum_l v_l phi(z_il + t u_il) - y_i, a_ik(t) = v_k phi'(z_ik + t u_ik), u_il = U_l . x_i.
 * The central difference errs by (h^2 / 12)(f'''(xi_1) + f'''(xi_2)) <= (h^2 / 6) sup |f'''|, and
 *   f''' = r''' a + 3 r'' a' + 3 r' a'' + r a''',
 *   |r^(m)| <= R_m = sum_l |v_l| B_m(l) |u_il|^m,   |a^(m)| <= |v_k| B_{m+1}(k) |u_ik|^m,
 *   |r(t)| <= |r_i| + h R_1,
 * with B_m(l) the catalogue's sup |phi^(m)| over the stencil's range z_il -+ h |u_il|. So
 *   trunc_q = (h^2 / 6N) sum_i |x_ij| |v_k| [ R_3 B_1 + 3 R_2 B_2 |u_ik| + 3 R_1 B_3 u_ik^2
 *                                          + (|r_i| + h R_1) B_4 |u_ik|^3 ]:
 * the phi''' (w.x)-terms come in through R_3 (the curvature of the residual) and B_3, and
 * phi'''' through r phi'''' (u.x)^3 v, the third derivative of the phi'' term r v phi''.
 *
 * Rounding (first order in u = 2^-53; phi^(m) evaluations are taken to err by at most
 * 16 u (|phi^(m)| + B_m) beyond the error propagated from z, a stated allowance for Math.exp,
 * Math.tanh and mathjs erf, whose subtractions like 1 - sigma lose relative accuracy):
 * - each gradient evaluation at W -+ hU, divided by 2h (h a power of two: hU is exact);
 * - the stencil points themselves: fl(W -+ hU) is off by u |W -+ hU|, so the quotient is off
 *   by |H| u (|W| + h |U|) / h (entrywise absolute Hessian);
 * - the subtraction G+ - G-: u |fd_q|; the analytic H U: its own sums and inputs.
 *
 * @example
 * ```ts
 * const h = balancedStep(model, data, W, U);
 * const b = hvpCentralDifferenceBound(model, data, W, U, h, fd); // b.tolerance[q]
 * ```
 */
import type { Dataset, Weights } from '../../src/core/layout.js';
import type { OutputModel } from '../../src/core/outputModel/outputModelKernel.js';
import { UNIT_ROUNDOFF as u, gamma } from '../rounding.js';

/** Ulps allowed per evaluation of phi, phi', phi'' beyond the propagated error. */
export const FN_ULPS = 16;

/** Per-coordinate bound and its parts. */
export interface HvpDifferenceBound {
  readonly truncation: Float64Array;
  /** Rounding that scales like 1/h (the gradients and the stencil points). */
  readonly roundingOverH: Float64Array;
  /** Rounding independent of h (the analytic product, the subtraction). */
  readonly roundingFixed: Float64Array;
  readonly tolerance: Float64Array;
}

/**
 * Coordinatewise rounding bound of the gradient in W evaluated at P (first order).
 * @example gradientRounding(model, data, W)[q]
 */
export function gradientRounding(model: OutputModel, data: Dataset, P: Weights): Float64Array {
  const { n, d, X, y } = data;
  const { K } = P;
  const act = model.activation;
  const B = act.derivativeBound!;
  const out = new Float64Array(d * K);
  const aAbs = new Float64Array(K);
  const da = new Float64Array(K);
  const gd = gamma(d);
  for (let i = 0; i < n; i++) {
    let r = -y[i];
    let mag = Math.abs(y[i]);
    let dr = 0;
    for (let k = 0; k < K; k++) {
      let z = 0;
      let zAbs = 0;
      for (let j = 0; j < d; j++) {
        z += P.data[k * d + j] * X[i * d + j];
        zAbs += Math.abs(P.data[k * d + j] * X[i * d + j]);
      }
      const e = gd * zAbs;
      const vk = Math.abs(model.v[k]);
      const phi = act.phi(z);
      const b1 = B(1, z - e, z + e);
      r += model.v[k] * phi;
      mag += vk * Math.abs(phi);
      dr += vk * (FN_ULPS * u * Math.abs(phi) + b1 * e);
      aAbs[k] = vk * Math.abs(act.d1(z));
      da[k] = vk * (FN_ULPS * u * (Math.abs(act.d1(z)) + b1) + B(2, z - e, z + e) * e) + u * aAbs[k];
    }
    dr += gamma(K + 1) * mag;
    const rAbs = Math.abs(r);
    for (let k = 0; k < K; k++) {
      const c = dr * aAbs[k] + rAbs * da[k] + gamma(n + 5) * rAbs * aAbs[k];
      for (let j = 0; j < d; j++) out[k * d + j] += c * Math.abs(X[i * d + j]);
    }
  }
  for (let q = 0; q < out.length; q++) out[q] /= n;
  return out;
}

/**
 * The stencil points fl(W + hU), fl(W - hU) as the finite difference evaluates them.
 * @example const [Wp, Wm] = stencilPoints(W, U, 2 ** -17)
 */
export function stencilPoints(W: Weights, U: Float64Array, h: number): [Weights, Weights] {
  const p = W.data.map((w, q) => w + h * U[q]);
  const m = W.data.map((w, q) => w - h * U[q]);
  return [{ d: W.d, K: W.K, data: p }, { d: W.d, K: W.K, data: m }];
}

/**
 * Truncation plus rounding bound on |fd_q - (H U)_q| for half-width h (a power of two).
 * @example hvpCentralDifferenceBound(model, data, W, U, h, fd).tolerance
 */
export function hvpCentralDifferenceBound(
  model: OutputModel,
  data: Dataset,
  W: Weights,
  U: Float64Array,
  h: number,
  fd: Float64Array,
): HvpDifferenceBound {
  const { n, d, X, y } = data;
  const { K } = W;
  const P = d * K;
  const act = model.activation;
  const B = act.derivativeBound!;
  const v = model.v;
  const gd = gamma(d);
  const trunc = new Float64Array(P);
  const hvpRound = new Float64Array(P);
  const disp = new Float64Array(P);
  const f = (len: number) => new Float64Array(len);
  const [xu, xuAbs, xDelta, a, da, c, phi2, zAbs, b1, b2, b3, b4] = Array.from({ length: 12 }, () => f(K));
  for (let i = 0; i < n; i++) {
    const x = (j: number) => X[i * d + j];
    let r = -y[i];
    let mag = Math.abs(y[i]);
    let dr = 0;
    let R1 = 0;
    let R2 = 0;
    let R3 = 0;
    for (let k = 0; k < K; k++) {
      let z = 0;
      let s = 0;
      zAbs[k] = 0;
      xuAbs[k] = 0;
      xDelta[k] = 0;
      for (let j = 0; j < d; j++) {
        const w = W.data[k * d + j];
        z += w * x(j);
        zAbs[k] += Math.abs(w * x(j));
        s += U[k * d + j] * x(j);
        xuAbs[k] += Math.abs(U[k * d + j] * x(j));
        xDelta[k] += Math.abs(x(j)) * u * (Math.abs(w) + h * Math.abs(U[k * d + j]));
      }
      xu[k] = s;
      // the stencil's range of z, widened by the rounding of z itself
      const e = 2 * gamma(d + 1) * (zAbs[k] + h * xuAbs[k]);
      const lo = z - h * Math.abs(s) - e;
      const hi = z + h * Math.abs(s) + e;
      [b1[k], b2[k], b3[k], b4[k]] = [B(1, lo, hi), B(2, lo, hi), B(3, lo, hi), B(4, lo, hi)];
      const vk = Math.abs(v[k]);
      const p0 = act.phi(z);
      r += v[k] * p0;
      mag += vk * Math.abs(p0);
      dr += vk * (FN_ULPS * u * Math.abs(p0) + b1[k] * gd * zAbs[k]);
      a[k] = v[k] * act.d1(z);
      da[k] = vk * (FN_ULPS * u * (Math.abs(act.d1(z)) + b1[k]) + b2[k] * gd * zAbs[k]) + u * Math.abs(a[k]);
      phi2[k] = act.d2(z);
      R1 += vk * b1[k] * Math.abs(s);
      R2 += vk * b2[k] * s * s;
      R3 += vk * b3[k] * Math.abs(s) ** 3;
    }
    dr += gamma(K + 1) * mag;
    const rAbs = Math.abs(r);
    let Sabs = 0;
    let dS = 0;
    let absHd = 0; // sum_l |a_l| x.delta_l for the stencil-point term
    for (let k = 0; k < K; k++) {
      c[k] = r * v[k] * phi2[k];
      Sabs += Math.abs(a[k] * xu[k]);
      dS += da[k] * Math.abs(xu[k]) + Math.abs(a[k]) * gd * xuAbs[k];
      absHd += Math.abs(a[k]) * xDelta[k];
    }
    dS += gamma(K) * Sabs;
    for (let k = 0; k < K; k++) {
      const vk = Math.abs(v[k]);
      const uk = Math.abs(xu[k]);
      const t =
        vk * (R3 * b1[k] + 3 * R2 * b2[k] * uk + 3 * R1 * b3[k] * uk * uk + (rAbs + h * R1) * b4[k] * uk ** 3);
      const dc =
        rAbs * vk * (FN_ULPS * u * (Math.abs(phi2[k]) + b2[k]) + b3[k] * gd * zAbs[k]) +
        dr * vk * Math.abs(phi2[k]) +
        gamma(2) * Math.abs(c[k]);
      const coefAbs = Math.abs(a[k]) * Sabs + Math.abs(c[k]) * uk;
      const dcoef =
        da[k] * Sabs + Math.abs(a[k]) * dS + dc * uk + Math.abs(c[k]) * gd * xuAbs[k] + gamma(2) * coefAbs;
      const hr = dcoef + gamma(n + 3) * coefAbs;
      const hd = Math.abs(a[k]) * absHd + Math.abs(c[k]) * xDelta[k];
      for (let j = 0; j < d; j++) {
        const xa = Math.abs(x(j));
        trunc[k * d + j] += xa * t;
        hvpRound[k * d + j] += xa * hr;
        disp[k * d + j] += xa * hd;
      }
    }
  }
  const [Wp, Wm] = stencilPoints(W, U, h);
  const gp = gradientRounding(model, data, Wp);
  const gm = gradientRounding(model, data, Wm);
  const truncation = f(P);
  const roundingOverH = f(P);
  const roundingFixed = f(P);
  const tolerance = f(P);
  for (let q = 0; q < P; q++) {
    truncation[q] = (h * h * trunc[q]) / (6 * n);
    roundingOverH[q] = (gp[q] + gm[q]) / (2 * h) + disp[q] / (n * h);
    roundingFixed[q] = hvpRound[q] / n + u * Math.abs(fd[q]);
    tolerance[q] = truncation[q] + roundingOverH[q] + roundingFixed[q];
  }
  return { truncation, roundingOverH, roundingFixed, tolerance };
}

/** Bounds on h: below MIN_STEP rounding dominates anything, above MAX_STEP B_m widen for polynomials. */
const MIN_STEP = 2 ** -30;
const MAX_STEP = 2 ** -6;

/**
 * The power-of-two half-width balancing truncation (A h^2) against rounding (B / h):
 * h* = (sum B / (2 sum A))^(1/3), measured at a pilot h = 2^-16, rounded down to a power of two.
 * Linear phi has A = 0 (the gradient is affine): the largest allowed h, 2^-6.
 * @example balancedStep(model, data, W, U) // e.g. 2^-17 ~ 7.6e-6
 */
export function balancedStep(model: OutputModel, data: Dataset, W: Weights, U: Float64Array): number {
  const h0 = 2 ** -16;
  const pilot = hvpCentralDifferenceBound(model, data, W, U, h0, new Float64Array(W.data.length));
  let A = 0;
  let Bsum = 0;
  for (let q = 0; q < pilot.truncation.length; q++) {
    A += pilot.truncation[q] / (h0 * h0);
    Bsum += pilot.roundingOverH[q] * h0;
  }
  if (!(A > 0)) return MAX_STEP;
  const hStar = Math.cbrt(Bsum / (2 * A));
  return Math.min(MAX_STEP, Math.max(MIN_STEP, 2 ** Math.floor(Math.log2(hStar))));
}
