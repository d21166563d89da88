/**
 * The Hessian of the population loss in closed form, as an operator (THEORY.md):
 *
 *   H_ii = I/2 + sum_{j != i} h1(w_i, w_j) - sum_j h1(w_i, w*_j),   H_ij = h2(w_i, w_j),
 *   h1(w, v) = |v| sin theta / (2 pi |w|) (I - wb wb^T + n n^T),  n = unit part of vb orthogonal to wb,
 *   h2(w, v) = ((pi - theta) I + vb n_vw^T + wb n_wv^T) / (2 pi).
 *
 * Stable forms. With p = wb + vb, m = wb - vb (orthogonal, |p| = 2 cos(theta/2),
 * |m| = 2 sin(theta/2)) the rank-two part of h2 equals `sin theta (ph ph^T - mh mh^T)`
 * (hats: unit vectors), and n = sin(theta/2) ph - cos(theta/2) mh. Both are exact rewrites
 * of the formulas above; they are manifestly symmetric, and their rounding error stays
 * O(eps) at every angle because the noisy direction (mh near 0, ph near pi) is always
 * multiplied by sin theta. The textbook form `(vb - c wb)/sin theta` instead divides an
 * O(eps) error by sin theta.
 *
 * Limits. Where sin theta < SIN_THETA_LIMIT = 32 eps (about 7e-15) the pair uses the exact
 * limits: h1 = 0, and h2 = I/2 at theta = 0 or 0 at theta = pi. Why that is accurate:
 * |h1| <= |v| sin theta / (pi |w|) and |h2 - limit| <= (theta' + sin theta) / (2 pi) with
 * theta' = min(theta, pi - theta) ~ sin theta, so the limit is within about
 * 7e-15 (1 + |v|/|w|) / pi of the true block; the stable form's own rounding error is of the
 * same order, and an angle that small is below what the rounded unit vectors resolve anyway
 * (each carries a few ulps of error). The threshold only avoids 0/0 in ph or mh.
 *
 * Cost: building is O(K^2 d); each product is O(K^2 d) (2K - 1 rank-one terms per diagonal
 * block, two per off-diagonal block), never forming the dK x dK matrix.
 *
 * @example
 * ```ts
 * const H = populationHessianOperator(inst.Wstar, W);
 * const Hu = H.matvec(u);   // O(K^2 d)
 * const M = H.dense();      // dK x dK row-major, index (k * d + i, l * d + j)
 * ```
 */
import type { SymmetricOperator } from '../curvature/SymmetricOperator.js';
import type { Weights } from '../layout.js';
import { fail } from '../validate.js';
import {
  assertPopulationPair,
  assertWeightVector,
  unitAngle,
  unitDirections,
} from './arcCosine.js';

/** Below this sin(theta) a pair's Hessian blocks take their theta = 0 / pi limits. */
export const SIN_THETA_LIMIT = 32 * Number.EPSILON;

const INV_2PI = 1 / (2 * Math.PI);

/** The population Hessian at one W, precomputed for fast products. */
export interface PopulationHessianOperator extends SymmetricOperator {
  readonly d: number;
  readonly K: number;
  /** The dense dK x dK row-major matrix (same flattening as W). */
  dense(): Float64Array;
}

/** The (wb, vb) frame: ph, mh and theta; null when sin(theta) < SIN_THETA_LIMIT. */
interface Frame {
  theta: number;
  ph: Float64Array;
  mh: Float64Array;
}

function frame(a: Float64Array, aOff: number, b: Float64Array, bOff: number, d: number): Frame | number {
  const theta = unitAngle(a, aOff, b, bOff, d);
  if (Math.sin(theta) < SIN_THETA_LIMIT) return theta < Math.PI / 2 ? 0 : Math.PI;
  const ph = new Float64Array(d);
  const mh = new Float64Array(d);
  let p2 = 0;
  let m2 = 0;
  for (let i = 0; i < d; i++) {
    ph[i] = a[aOff + i] + b[bOff + i];
    mh[i] = a[aOff + i] - b[bOff + i];
    p2 += ph[i] * ph[i];
    m2 += mh[i] * mh[i];
  }
  const ip = 1 / Math.sqrt(p2);
  const im = 1 / Math.sqrt(m2);
  for (let i = 0; i < d; i++) {
    ph[i] *= ip;
    mh[i] *= im;
  }
  return { theta, ph, mh };
}

/**
 * Precomputes the population Hessian at W for teacher W*. A zero unit of W is a
 * ValidationError (L is not twice differentiable there).
 */
export function populationHessianOperator(Wstar: Weights, W: Weights): PopulationHessianOperator {
  assertPopulationPair(Wstar, W);
  const { d, K } = W;
  const n = d * K;
  const s = unitDirections(W, 'W');
  const t = unitDirections(Wstar, 'Wstar', true);

  // Diagonal block i: gamma_i I - beta_i wb wb^T + sum_r coef_r n_r n_r^T.
  const gamma = new Float64Array(K);
  const beta = new Float64Array(K);
  const rankStart = new Int32Array(K + 1);
  const rankCoef: number[] = [];
  const rankVec: Float64Array[] = [];
  const addH1 = (i: number, other: Float64Array, j: number, normV: number, sign: number) => {
    if (normV === 0) return; // h1(w, 0) = 0
    const f = frame(s.units, i * d, other, j * d, d);
    if (typeof f === 'number') return; // limit h1 = 0
    const sinT = Math.sin(f.theta);
    const alpha = (sign * normV * sinT * INV_2PI) / s.norms[i];
    const S = Math.sin(f.theta / 2);
    const C = Math.cos(f.theta / 2);
    const nv = new Float64Array(d);
    for (let q = 0; q < d; q++) nv[q] = S * f.ph[q] - C * f.mh[q];
    beta[i] += alpha;
    rankCoef.push(alpha);
    rankVec.push(nv);
  };
  for (let i = 0; i < K; i++) {
    rankStart[i] = rankCoef.length;
    // Student and teacher terms interleaved: at W = W* each pair cancels exactly, so the
    // diagonal blocks come out exactly I/2 there.
    for (let j = 0; j < K; j++) {
      if (j !== i) addH1(i, s.units, j, s.norms[j], 1);
      addH1(i, t.units, j, t.norms[j], -1);
    }
  }
  rankStart[K] = rankCoef.length;
  // The sum of the alphas is formed from 0 first (so it is exactly 0 at W*), then offset.
  for (let i = 0; i < K; i++) gamma[i] = 0.5 + beta[i];

  // Off-diagonal block (i, j), i < j (and its transpose, equal): a I + b (ph ph^T - mh mh^T).
  const offA = new Float64Array(K * K);
  const offB = new Float64Array(K * K);
  const offP: (Float64Array | null)[] = new Array(K * K).fill(null);
  const offM: (Float64Array | null)[] = new Array(K * K).fill(null);
  for (let i = 0; i < K; i++) {
    for (let j = i + 1; j < K; j++) {
      const f = frame(s.units, i * d, s.units, j * d, d);
      let a: number;
      if (typeof f === 'number') {
        a = f === 0 ? 0.5 : 0;
      } else {
        a = (Math.PI - f.theta) * INV_2PI;
        const b = Math.sin(f.theta) * INV_2PI;
        offB[i * K + j] = offB[j * K + i] = b;
        offP[i * K + j] = offP[j * K + i] = f.ph;
        offM[i * K + j] = offM[j * K + i] = f.mh;
      }
      offA[i * K + j] = offA[j * K + i] = a;
    }
  }

  const coef = Float64Array.from(rankCoef);
  const units = s.units;

  function matvec(u: Float64Array, out?: Float64Array): Float64Array {
    assertWeightVector('u', u, n);
    const y = out ?? new Float64Array(n);
    if (y.length !== n) fail('out', `out must have length d * K = ${n}`, y.length);
    if (y === u) fail('out', 'out must not alias u', 'same array');
    for (let i = 0; i < K; i++) {
      const io = i * d;
      let wu = 0;
      for (let q = 0; q < d; q++) wu += units[io + q] * u[io + q];
      const g = gamma[i];
      const bw = beta[i] * wu;
      for (let q = 0; q < d; q++) y[io + q] = g * u[io + q] - bw * units[io + q];
      for (let r = rankStart[i]; r < rankStart[i + 1]; r++) {
        const v = rankVec[r];
        let dot = 0;
        for (let q = 0; q < d; q++) dot += v[q] * u[io + q];
        dot *= coef[r];
        for (let q = 0; q < d; q++) y[io + q] += dot * v[q];
      }
      for (let j = 0; j < K; j++) {
        if (j === i) continue;
        const jo = j * d;
        const a = offA[i * K + j];
        const P = offP[i * K + j];
        if (P === null) {
          if (a !== 0) for (let q = 0; q < d; q++) y[io + q] += a * u[jo + q];
          continue;
        }
        const M = offM[i * K + j] as Float64Array;
        const b = offB[i * K + j];
        let pu = 0;
        let mu = 0;
        for (let q = 0; q < d; q++) {
          pu += P[q] * u[jo + q];
          mu += M[q] * u[jo + q];
        }
        pu *= b;
        mu *= b;
        for (let q = 0; q < d; q++) y[io + q] += a * u[jo + q] + pu * P[q] - mu * M[q];
      }
    }
    return y;
  }

  function dense(): Float64Array {
    const H = new Float64Array(n * n);
    for (let i = 0; i < K; i++) {
      const io = i * d;
      for (let r = 0; r < d; r++) {
        const row = (io + r) * n;
        for (let c = 0; c < d; c++) {
          let v = -beta[i] * units[io + r] * units[io + c];
          for (let x = rankStart[i]; x < rankStart[i + 1]; x++) {
            v += coef[x] * rankVec[x][r] * rankVec[x][c];
          }
          H[row + io + c] = v + (r === c ? gamma[i] : 0);
        }
      }
      for (let j = 0; j < K; j++) {
        if (j === i) continue;
        const jo = j * d;
        const a = offA[i * K + j];
        const P = offP[i * K + j];
        const M = offM[i * K + j];
        const b = offB[i * K + j];
        for (let r = 0; r < d; r++) {
          const row = (io + r) * n;
          for (let c = 0; c < d; c++) {
            let v = r === c ? a : 0;
            if (P !== null && M !== null) v += b * (P[r] * P[c] - M[r] * M[c]);
            H[row + jo + c] = v;
          }
        }
      }
    }
    return H;
  }

  return { n, d, K, matvec, dense };
}
