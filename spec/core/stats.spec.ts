import quantileT from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/core/random.js';
import { fitLine, lineSums } from '../../src/core/stats/fitLine.js';
import { mean } from '../../src/core/stats/mean.js';
import { slopeWithInterval } from '../../src/core/stats/slopeWithInterval.js';
import { ValidationError } from '../../src/core/validate.js';

const EPS = Number.EPSILON;

/*
 * Reference values computed once with scipy 1.17.1 (numpy 2.4.6):
 * python3 -c "import scipy; from scipy import stats; print(scipy.__version__); [print(repr(float(r.slope)), repr(float(r.intercept)), repr(float(stats.t.ppf(1-(1-l)/2, len(x)-2)*r.stderr))) for x, y, l in [([0,1,2,3,4],[0.1,-1.2,-1.9,-3.2,-3.9],0.95), ([1,2,3],[2,1,1.5],0.999), ([0.5,1.5,2.5,3.5,4.5,5.5,6.5,7.5],[3.1,2.2,2.6,1.1,0.4,0.9,-0.8,-1.3],0.9)] for r in [stats.linregress(x, y)]]; print([repr(float(stats.t.ppf(0.9995, v))) for v in (1, 23, 37)])"
 * (linregress's stderr is the slope's standard error, so ppf * stderr is the half-width.)
 */
const SCIPY_FITS = [
  { x: [0, 1, 2, 3, 4], y: [0.1, -1.2, -1.9, -3.2, -3.9], level: 0.95, slope: -1.0, intercept: -0.020000000000000018, halfWidth: 0.19094677831702211 },
  { x: [1, 2, 3], y: [2, 1, 1.5], level: 0.999, slope: -0.25, intercept: 2.0, halfWidth: 275.66422098596854 },
  {
    x: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5],
    y: [3.1, 2.2, 2.6, 1.1, 0.4, 0.9, -0.8, -1.3],
    level: 0.9,
    slope: -0.6142857142857143,
    intercept: 3.482142857142857,
    halfWidth: 0.14823244805627867,
  },
];
/** t quantiles at 0.9995 (the claims' 99.9% level) for 1 dof and the two rate grids' dofs (25 - 2, 39 - 2). */
const SCIPY_T_9995: ReadonlyArray<readonly [number, number]> = [[1, 636.6192487687897], [23, 3.7676268043118246], [37, 3.5736748444452444]];
/**
 * Two independent inverses of the regularized incomplete beta function: stdlib's and scipy's
 * each aim at full double precision; measured differences at most 1.12 eps here. 1e-13
 * relative (about 450 eps) is the allowance for the quantile alone.
 */
const QUANTILE_REL = 1e-13;

describe('core statistics: mean, least-squares line, slope interval', () => {
  it('mean sums left to right; NaN when empty', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNaN();
  });

  it('fitLine recovers an exact line, and is NaN when x does not vary or is empty', () => {
    expect(fitLine([1, 2, 3], [3, 5, 7])).toEqual({ a: 1, b: 2 });
    expect(fitLine([2, 2, 2], [1, 2, 3]).b).toBeNaN();
    expect(fitLine([], []).b).toBeNaN();
  });

  it('the t quantile agrees with scipy', () => {
    for (const [dof, q] of SCIPY_T_9995) {
      const mine = quantileT(0.9995, dof);
      expect(Math.abs(mine - q), `dof ${dof}: stdlib ${mine}, scipy ${q}`).toBeLessThanOrEqual(QUANTILE_REL * q);
    }
  });

  it('slope, intercept and half-width agree with scipy.stats.linregress and t.ppf', () => {
    for (const c of SCIPY_FITS) {
      const n = c.x.length;
      const s = lineSums(c.x, c.y);
      const { slope, halfWidth } = slopeWithInterval(c.x, c.y, c.level);
      const { a } = fitLine(c.x, c.y);
      // Rounding: the means carry n eps, each centred product 2 more, the sum n more; relative
      // to sxy that is amplified by cond = sum |dx dy| / |sxy| (sxx has cond 1).
      let absProducts = 0;
      for (let i = 0; i < n; i++) absProducts += Math.abs((c.x[i] - s.mx) * (c.y[i] - s.my));
      const slopeTol = (2 * n + 6) * EPS * (absProducts / Math.abs(s.sxy) + 1) * Math.abs(slope);
      const interceptTol = (n + 2) * EPS * (Math.abs(s.my) + Math.abs(slope * s.mx)) + Math.abs(s.mx) * slopeTol;
      // The residual sum cancels: its relative rounding is amplified by sum (|dy| + |b dx|)^2 / rss.
      let absResiduals = 0;
      let rss = 0;
      for (let i = 0; i < n; i++) {
        absResiduals += (Math.abs(c.y[i] - s.my) + Math.abs(slope * (c.x[i] - s.mx))) ** 2;
        rss += (c.y[i] - s.my - slope * (c.x[i] - s.mx)) ** 2;
      }
      const halfTol = (QUANTILE_REL + (4 * n + 10) * EPS * (absResiduals / rss + absProducts / Math.abs(s.sxy))) * c.halfWidth;
      const where = `x = [${c.x}], y = [${c.y}], level ${c.level}`;
      expect(Math.abs(slope - c.slope), `slope ${slope} vs scipy ${c.slope}; ${where}`).toBeLessThanOrEqual(slopeTol);
      expect(Math.abs(a - c.intercept), `intercept ${a} vs scipy ${c.intercept}; ${where}`).toBeLessThanOrEqual(interceptTol);
      expect(Math.abs(halfWidth - c.halfWidth), `half-width ${halfWidth} vs scipy ${c.halfWidth}; ${where}`).toBeLessThanOrEqual(halfTol);
    }
  });

  it('the interval slope is bit-identical to fitLine (the audit and the claims share one fit)', () => {
    const stream = createStream(7, 'stats-spec');
    for (let t = 0; t < 200; t++) {
      const n = 3 + (t % 40);
      const x = Array.from({ length: n }, () => Math.log(200 * 2 ** stream.normal()));
      const y = x.map((v) => -v + 0.5 * stream.normal());
      const i = slopeWithInterval(x, y, 0.999);
      expect(Object.is(i.slope, fitLine(x, y).b), `case ${t} (seed 7): ${i.slope} vs ${fitLine(x, y).b}`).toBe(true);
      expect(slopeWithInterval(x, y, 0.95).halfWidth).toBeLessThan(i.halfWidth);
    }
  });

  it('slopeWithInterval rejects mismatched lengths, fewer than 3 points and a level outside (0, 1)', () => {
    const rows: ReadonlyArray<[number[], number[], number, RegExp]> = [
      [[1, 2, 3], [1, 2], 0.95, /y must have as many entries as x \(3\)\. Value: 2\./],
      [[1, 2], [1, 2], 0.95, /at least 3 points.*Value: 2\./],
      [[1, 2, 3], [1, 2, 4], 1, /level must lie strictly between 0 and 1\. Value: 1\./],
      [[1, 2, 3], [1, 2, 4], NaN, /level must lie strictly between 0 and 1\. Value: NaN\./],
    ];
    for (const [x, y, level, message] of rows) {
      expect(() => slopeWithInterval(x, y, level)).toThrow(ValidationError);
      expect(() => slopeWithInterval(x, y, level)).toThrow(message);
    }
  });
});
