/**
 * Seeded points in the ball |W - W*|_F <= r and on its sphere, the region where the
 * theory's local claims live (r from `basinRadius` in src/theory/quantities.ts).
 *
 * A Gaussian vector g in R^n (n = dK) normalized to g/|g| is uniform on the unit sphere
 * (rotation invariance); scaling by r U^(1/n), U uniform on (0, 1], makes the point uniform in
 * the ball because the volume within radius rho grows like rho^n.
 *
 * Stream use: n normals, then (ball only) one uniform.
 *
 * @example
 * ```ts
 * const r = basinRadius(teacherQuantities(Wstar), 1);
 * const W = sampleInBall(Wstar, r, createStreams(3).stream('ball'));
 * ```
 */
import type { Weights } from '../layout.js';
import type { RandomStream } from '../random.js';
import { assertAtLeast, assertFiniteArray, fail } from '../validate.js';

function unitDirection(n: number, stream: RandomStream): Float64Array {
  const g = new Float64Array(n);
  for (;;) {
    stream.fillNormal(g);
    let s = 0;
    for (let q = 0; q < n; q++) s += g[q] * g[q];
    // |g| = 0 has probability zero; redrawing keeps the direction well defined regardless.
    if (s > 0) {
      const inv = 1 / Math.sqrt(s);
      for (let q = 0; q < n; q++) g[q] *= inv;
      return g;
    }
  }
}

function offset(center: Weights, radius: number, dir: Float64Array): Weights {
  const data = new Float64Array(dir.length);
  for (let q = 0; q < dir.length; q++) data[q] = center.data[q] + radius * dir[q];
  return { d: center.d, K: center.K, data };
}

function validate(center: Weights, r: number): void {
  if (center === null || typeof center !== 'object') fail('center', 'center must be Weights', center);
  assertFiniteArray('center.data', center.data, center.d * center.K, `d * K = ${center.d * center.K}`);
  assertAtLeast('r', r, 0);
}

/** A point uniform in the Frobenius ball of radius r around `center`. */
export function sampleInBall(center: Weights, r: number, stream: RandomStream): Weights {
  validate(center, r);
  const n = center.data.length;
  const dir = unitDirection(n, stream);
  // 1 - U is uniform on (0, 1], so the radius is never exactly 0 by construction.
  const radius = r * Math.pow(1 - stream.uniform(), 1 / n);
  return offset(center, radius, dir);
}

/** A point uniform on the Frobenius sphere of radius r around `center`. */
export function sampleOnSphere(center: Weights, r: number, stream: RandomStream): Weights {
  validate(center, r);
  return offset(center, r, unitDirection(center.data.length, stream));
}
