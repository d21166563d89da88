import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../src/core/instance.js';
import { createStreams } from '../../src/core/random.js';
import { teacherQuantities } from '../../src/core/teacher.js';
import { basinRadius } from '../../src/theory/quantities.js';
import { sampleInBall, sampleOnSphere } from '../../src/core/population/ball.js';
import { EPS, repro } from './support.js';

/**
 * Ball and sphere samples around W* with r = basinRadius(teacher, c = 1) (d = 10, K = 5,
 * n = 50) and a larger r = 0.5 where rounding is relatively smaller.
 *
 * Membership: a point is center + rho * dir, each coordinate rounded once, so
 * |W - W*|_F is rho up to 4 eps (|W*|_F + n rho).
 * Uniformity, M = 4000 samples per case:
 * - radius: in the ball (rho / r)^n ~ U(0, 1); the Dvoretzky-Kiefer-Wolfowitz inequality
 *   P(sup |F_M - F| > t) <= 2 exp(-2 M t^2) gives t = sqrt(ln(2 / 1e-4) / (2M)) for a false
 *   alarm of at most 1e-4;
 * - direction: each coordinate of dir has mean 0 and variance 1/n, and n dir_q^2 has mean 1
 *   and variance 2 (n - 1) / (n + 2); both sample means are within 4 SE (two-sided normal
 *   tail 6.3e-5, CLT at M = 4000). 2n = 100 comparisons per case.
 * Union bound over both cases: 2 * (1e-4 + 100 * 6.3e-5) = 1.3e-2 per fresh seed (the seeds
 * are fixed, so the verdict is deterministic).
 */
describe('points in the ball |W - W*|_F <= r', () => {
  const inst = makeInstance({ d: 10, K: 5, kappa: 2, N: 1, seed: 3 });
  const n = 50;
  const M = 4000;
  const rBasin = basinRadius(teacherQuantities(inst.Wstar), 1);
  let fro = 0;
  for (const v of inst.Wstar.data) fro += v * v;
  fro = Math.sqrt(fro);

  it.each([
    ['basin radius (c = 1)', rBasin],
    ['r = 0.5', 0.5],
  ])('%s: inside the ball, on the sphere, uniform', (label, r) => {
    const ball = createStreams(11).stream('spec-ball');
    const sphere = createStreams(11).stream('spec-sphere');
    const member = 4 * EPS * (fro + n * r);
    const radii: number[] = [];
    const mean = new Float64Array(n);
    const meanSq = new Float64Array(n);
    for (let m = 0; m < M; m++) {
      const W = sampleInBall(inst.Wstar, r, ball);
      const S = sampleOnSphere(inst.Wstar, r, sphere);
      let rw = 0;
      let rs = 0;
      for (let q = 0; q < n; q++) {
        rw += (W.data[q] - inst.Wstar.data[q]) ** 2;
        rs += (S.data[q] - inst.Wstar.data[q]) ** 2;
      }
      rw = Math.sqrt(rw);
      rs = Math.sqrt(rs);
      if (!(rw <= r + member)) expect.fail(repro({ label, m, rho: rw, r, tol: member }));
      if (!(Math.abs(rs - r) <= member)) expect.fail(repro({ label, m, sphere: rs, r, tol: member }));
      radii.push(Math.min(1, rw / r) ** n);
      for (let q = 0; q < n; q++) {
        const u = (S.data[q] - inst.Wstar.data[q]) / rs;
        mean[q] += u / M;
        meanSq[q] += (n * u * u) / M;
      }
    }
    radii.sort((a, b) => a - b);
    let ks = 0;
    radii.forEach((v, i) => {
      ks = Math.max(ks, Math.abs(v - i / M), Math.abs(v - (i + 1) / M));
    });
    const dkw = Math.sqrt(Math.log(2 / 1e-4) / (2 * M));
    expect(ks, repro({ label, ks, dkw })).toBeLessThanOrEqual(dkw);
    const seMean = Math.sqrt(1 / (n * M));
    const seSq = Math.sqrt((2 * (n - 1)) / (n + 2) / M);
    for (let q = 0; q < n; q++) {
      if (!(Math.abs(mean[q]) <= 4 * seMean)) expect.fail(repro({ label, q, mean: mean[q], tol: 4 * seMean }));
      if (!(Math.abs(meanSq[q] - 1) <= 4 * seSq)) expect.fail(repro({ label, q, meanSq: meanSq[q], tol: 4 * seSq }));
    }
  });

  it('is deterministic and validates r', () => {
    const a = sampleInBall(inst.Wstar, 0.1, createStreams(1).stream('b'));
    const b = sampleInBall(inst.Wstar, 0.1, createStreams(1).stream('b'));
    expect(Buffer.from(b.data.buffer)).toEqual(Buffer.from(a.data.buffer));
    expect(() => sampleOnSphere(inst.Wstar, -1, createStreams(1).stream('b'))).toThrow(/r must be at least 0/);
  });

  it('the radius check can fail: a radius-uniform sampler is rejected', () => {
    // Guard against a test that cannot fail: rho = r U (not U^(1/n)) concentrates near the
    // center and must be far outside the DKW band.
    const s = createStreams(2).stream('wrong');
    const radii = Array.from({ length: M }, () => s.uniform() ** n).sort((a, b) => a - b);
    let ks = 0;
    radii.forEach((v, i) => {
      ks = Math.max(ks, Math.abs(v - (i + 1) / M));
    });
    expect(ks).toBeGreaterThan(Math.sqrt(Math.log(2 / 1e-4) / (2 * M)));
  });
});
