/**
 * The geometry behind the population loss: unit directions, stable angles and the
 * arc-cosine kernel (THEORY.md, "Population loss in closed form"):
 *
 *   k(w, v) = E[relu(w.x) relu(v.x)] = |w||v| / (2 pi) (sin theta + (pi - theta) cos theta).
 *
 * Angles use Kahan's formula `theta = 2 atan2(|wb - vb|, |wb + vb|)` on unit vectors: it is
 * accurate to a few ulps at every angle, whereas `acos(wb . vb)` loses half the digits near
 * 0 and pi (acos(1 - eps) is already 2e-8). Identical directions give theta = 0 exactly,
 * which is what makes the gradient exactly zero at W*.
 *
 * @example
 * ```ts
 * const u = unitDirections(W, 'W');
 * const theta = unitAngle(u.units, 0, u.units, W.d, W.d); // angle between w_0 and w_1
 * ```
 */
import { assertSameShape, type Weights } from '../layout.js';
import { assertFiniteArray, assertIntegerInRange, fail } from '../validate.js';

/** Hidden units as unit vectors (same layout as W) with their norms. */
export interface UnitDirections {
  /** `units[k * d + i] = (w_k)_i / |w_k|`; all zeros for a zero unit. */
  readonly units: Float64Array;
  /** `norms[k] = |w_k|`. */
  readonly norms: Float64Array;
}

/**
 * Normalizes every hidden unit. With `allowZero` false a zero unit is a ValidationError:
 * the gradient and Hessian of the population loss do not exist at w_k = 0 (the kernel's
 * gradient there depends on the direction of approach).
 * @example unitDirections(W, 'W').norms[0]
 */
export function unitDirections(W: Weights, name: string, allowZero = false): UnitDirections {
  const { d, K, data } = W;
  const units = new Float64Array(d * K);
  const norms = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += data[k * d + i] * data[k * d + i];
    const nrm = Math.sqrt(s);
    if (nrm === 0) {
      if (!allowZero) {
        fail(
          name,
          `every unit of ${name} must be non-zero: the population gradient and Hessian do ` +
            `not exist at w_k = 0 (unit k = ${k})`,
          0,
        );
      }
      continue;
    }
    norms[k] = nrm;
    for (let i = 0; i < d; i++) units[k * d + i] = data[k * d + i] / nrm;
  }
  return { units, norms };
}

/**
 * The angle in [0, pi] between the unit vectors starting at `a[aOff]` and `b[bOff]`
 * (Kahan's formula, accurate near 0 and pi).
 * @example unitAngle(u, 0, v, 0, d)
 */
export function unitAngle(
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  d: number,
): number {
  let m2 = 0;
  let p2 = 0;
  for (let i = 0; i < d; i++) {
    const x = a[aOff + i];
    const y = b[bOff + i];
    m2 += (x - y) * (x - y);
    p2 += (x + y) * (x + y);
  }
  return 2 * Math.atan2(Math.sqrt(m2), Math.sqrt(p2));
}

/**
 * The arc-cosine kernel as a function of the two norms and the angle.
 * @example arcCosineKernel(1, 1, 0) === 0.5
 */
export function arcCosineKernel(normW: number, normV: number, theta: number): number {
  return (
    ((normW * normV) / (2 * Math.PI)) * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta))
  );
}

/**
 * Validates a (teacher, student) pair of weight matrices: same shape, finite entries.
 * @example assertPopulationPair(Wstar, W)
 */
export function assertPopulationPair(Wstar: Weights, W: Weights): void {
  for (const [name, M] of [
    ['Wstar', Wstar],
    ['W', W],
  ] as const) {
    if (M === null || typeof M !== 'object') fail(name, `${name} must be Weights`, M);
    assertIntegerInRange(`${name}.d`, M.d, 1, Number.MAX_SAFE_INTEGER);
    assertIntegerInRange(`${name}.K`, M.K, 1, Number.MAX_SAFE_INTEGER);
    assertFiniteArray(`${name}.data`, M.data, M.d * M.K, `d * K = ${M.d * M.K}`);
  }
  assertSameShape('W', W, 'Wstar', Wstar);
}

/**
 * Validates a vector argument of W's shape (a direction u for a Hessian-vector product).
 * @example assertWeightVector('u', u, d * K)
 */
export function assertWeightVector(name: string, u: unknown, n: number): asserts u is Float64Array {
  assertFiniteArray(name, u, n, `d * K = ${n}`);
}
