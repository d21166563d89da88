/**
 * The closed forms and Hessians against the golden fixtures written by the independent NumPy
 * implementation (fixtures/README.md: generated from THEORY.md without reading these
 * sources; tolerances derived there, `|actual - expected| <= abs + rel |expected|`
 * elementwise). Covers population loss/gradient (incl. at_optimum, degenerate and
 * near-degenerate angles), population Hessian, HVP and extreme eigenvalues, and the
 * empirical Gauss-Newton HVP and extreme eigenvalues.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Dataset, Weights } from '../../src/core/layout.js';
import { populationLoss } from '../../src/core/population/populationLoss.js';
import { populationGradient } from '../../src/core/population/populationGradient.js';
import { populationHessian, populationHvp } from '../../src/core/population/populationHessian.js';
import { populationHessianOperator } from '../../src/core/population/populationHessianOperator.js';
import { empiricalHessian, empiricalHvp } from '../../src/core/population/empiricalHessian.js';
import { extremeEigenvalues } from '../../src/core/curvature/extremeEigenvalues.js';

interface Tol {
  abs: number;
  rel: number;
}
interface FixtureCase {
  id: number;
  comment: string;
  flags: string[];
  inputs: Record<string, number | number[]>;
  expected: Record<string, number | number[]>;
  tolerance: Record<string, Tol>;
}
interface Group {
  type: string;
  d: number;
  K: number;
  cases: FixtureCase[];
}

function load(name: string): Group[] {
  const url = new URL(`../../fixtures/${name}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { groups: Group[] }).groups;
}

function weights(g: Group, v: number | number[]): Weights {
  return { d: g.d, K: g.K, data: Float64Array.from(v as number[]) };
}

function dataset(g: Group, c: FixtureCase): Dataset {
  const N = c.inputs.N as number;
  return { n: N, d: g.d, X: Float64Array.from(c.inputs.X as number[]), y: new Float64Array(N) };
}

function check(file: string, g: Group, c: FixtureCase, field: string, actual: number | ArrayLike<number>): void {
  const exp = c.expected[field];
  const { abs, rel } = c.tolerance[field];
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof exp === 'number' ? [exp] : exp;
  expect(a.length).toBe(e.length);
  for (let q = 0; q < e.length; q++) {
    const diff = Math.abs(a[q] - e[q]);
    const tol = abs + rel * Math.abs(e[q]);
    if (!(diff <= tol)) {
      expect.fail(
        `${file} ${g.type} id=${c.id} (${c.comment}; flags ${c.flags.join(',') || 'none'}) ${field}[${q}]: ` +
          `actual ${a[q]} expected ${e[q]} difference ${diff} tolerance ${tol}`,
      );
    }
  }
}

const cases = (file: string) =>
  load(file).flatMap((g) => g.cases.map((c) => [`${g.type} id=${c.id} ${c.flags.join(',')}`, g, c] as const));

describe('golden fixtures from the independent NumPy implementation', () => {
  it.each(cases('population.json'))('population.json %s', (_label, g, c) => {
    const Wstar = weights(g, c.inputs.Wstar);
    const W = weights(g, c.inputs.W);
    check('population.json', g, c, 'loss', populationLoss(Wstar, W, c.inputs.nu as number));
    check('population.json', g, c, 'gradient', populationGradient(Wstar, W));
  });

  it.each(cases('hessian.json'))('hessian.json %s', (_label, g, c) => {
    const f = 'hessian.json';
    switch (g.type) {
      case 'population_hessian':
        check(f, g, c, 'hessian', populationHessian(weights(g, c.inputs.Wstar), weights(g, c.inputs.W)));
        break;
      case 'population_hvp':
        check(f, g, c, 'hvp', populationHvp(weights(g, c.inputs.Wstar), weights(g, c.inputs.W), Float64Array.from(c.inputs.U as number[])));
        break;
      case 'population_hessian_eigen': {
        const op = populationHessianOperator(weights(g, c.inputs.Wstar), weights(g, c.inputs.W));
        for (const method of ['dense', 'lanczos'] as const) {
          const e = extremeEigenvalues(op, { method });
          check(f, g, c, 'lambdaMin', e.min);
          check(f, g, c, 'lambdaMax', e.max);
        }
        break;
      }
      case 'empirical_hvp':
        check(f, g, c, 'hvp', empiricalHvp(dataset(g, c), weights(g, c.inputs.W), Float64Array.from(c.inputs.U as number[])));
        break;
      case 'empirical_hessian_eigen': {
        const e = extremeEigenvalues(empiricalHessian(dataset(g, c), weights(g, c.inputs.W)));
        check(f, g, c, 'lambdaMin', e.min);
        check(f, g, c, 'lambdaMax', e.max);
        break;
      }
      default:
        expect.fail(`unknown group type ${g.type}`);
    }
  });
});
