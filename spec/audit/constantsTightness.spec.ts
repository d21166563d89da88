/**
 * Tightness of the constants' bounds (measured / the paper's bound with relucheck's
 * constant): the values from records with planted constants, the direction rule (a lower
 * bound holds at >= 1, an upper bound at <= 1), and that the column reaches report.md,
 * report.html, verdicts.json and a rendered SVG figure.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { constants, CONSTANTS } from '../../src/audit/experiments/constants.js';
import { boundHolds, summarizeTightness, tightnessFigure, tightnessOf, TIGHTNESS_BOUNDS } from '../../src/audit/experiments/constantsTightness.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { renderSvg } from '../../src/audit/report/renderSvg.js';
import type { Provenance } from '../../src/audit/report/provenance.js';
import type { VerdictsFile } from '../../src/audit/report/verdictsJson.js';
import { writeReport } from '../../src/audit/report/writeReport.js';
import { trialSeed } from '../../src/audit/runner/trialSeed.js';
import { claimTheory, BALL_C } from '../../src/theory/claims.js';

/** A record whose measured constants are `scale` times relucheck's, with a K and kappa. */
function record(K: number, kappa: number, scale: (key: string) => number): TrialRecord {
  // The other fields a constants record declares (resultFields.ts); the summary reads only rho and proofRho of them.
  const result: Record<string, number | boolean> = { N: 400, lambda: 1, mu: 0.1, L: 1, eta: 1, statError: 0.01, cRadiusIsLowerBound: false, rho: 0.5, proofRho: 0.9, radiusOverSK: 1 };
  for (const b of TIGHTNESS_BOUNDS) result[b.key] = b.constant.value * scale(b.key);
  const id = `constants/d=10/K=${K}/kappa=${kappa}/trial=0`;
  return { id, experiment: 'constants', params: { d: 10, K, kappa, trial: 0 }, masterSeed: 1, seed: trialSeed(1, id), result, revision: constants.revision, ms: 1 };
}

describe('constants: tightness of the bounds', () => {
  it('uses the property suite\'s constants, in the order of the constants table', () => {
    expect(TIGHTNESS_BOUNDS.map((b) => b.key)).toEqual(CONSTANTS.map((c) => c.key));
    expect(TIGHTNESS_BOUNDS.map((b) => b.direction)).toEqual(CONSTANTS.map((c) => c.direction));
    const byKey = Object.fromEntries(TIGHTNESS_BOUNDS.map((b) => [b.key, b.constant.value]));
    expect(byKey.muLambdaKappa2).toBe(claimTheory('strong-convexity-population').constants.cMu.value);
    expect(byKey.LOverKappaK2).toBe(claimTheory('strong-convexity-population').constants.cL.value);
    expect(byKey.c2).toBe(claimTheory('gradient-concentration').constants.c2.value);
    expect(byKey.c3).toBe(claimTheory('contraction').constants.c3.value);
    expect(byKey.c4).toBe(claimTheory('contraction').constants.c4.value);
    expect(byKey.cRadius).toBe(BALL_C.value);
  });

  it('is measured / bound, holds by direction, and is summarized with its slack', () => {
    // Lower bounds measured at 4x, 2x, 0.5x their constant; upper bounds at 0.25x, 0.5x, 2x.
    const factors = [
      { lower: 4, upper: 0.25 },
      { lower: 2, upper: 0.5 },
      { lower: 0.5, upper: 2 },
    ];
    const recs = factors.map((f, i) => record(2 + i, 2, (key) => (TIGHTNESS_BOUNDS.find((b) => b.key === key)!.direction === 'lower' ? f.lower : f.upper)));
    for (const b of TIGHTNESS_BOUNDS) {
      const t = recs.map((r) => tightnessOf(b, r));
      const want = factors.map((f) => (b.direction === 'lower' ? f.lower : f.upper));
      t.forEach((x, i) => expect(x).toBeCloseTo(want[i], 12));
      const s = summarizeTightness(b, recs);
      expect(s.holds).toBe(2); // the third instance breaks each bound
      expect(s.instances).toBe(3);
      expect(s.median).toBeCloseTo(b.direction === 'lower' ? 2 : 0.5, 12);
      expect(s.medianSlack).toBeCloseTo(2, 12); // loose by 2 either way
      expect(boundHolds(b, 1)).toBe(true); // attained exactly
    }
    expect(boundHolds(TIGHTNESS_BOUNDS[0], 0.99)).toBe(false);
    expect(boundHolds(TIGHTNESS_BOUNDS[1], 1.01)).toBe(false);
  });

  it('reaches the section: table column, verdict field and evidence, and a figure against K and kappa', async () => {
    const recs = [record(2, 1.5, () => 3), record(3, 2, () => 2), record(5, 4, () => 1.5)];
    const section = constants.summarize(recs);
    const table = section.tables[0];
    const col = table.columns.indexOf('tightness');
    expect(col).toBeGreaterThan(0);
    expect(table.rows.map((r) => r[col])).toEqual(CONSTANTS.map(() => '2 [1.5, 3]'));
    const bounded = section.verdicts.filter((v) => v.tightness !== undefined);
    expect(bounded).toHaveLength(CONSTANTS.length);
    expect(bounded.map((v) => v.tightness!.holds)).toEqual(CONSTANTS.map((c) => (c.direction === 'lower' ? 3 : 0)));
    expect(bounded[0].evidence).toContain('Tightness (measured / c_mu / (lambda kappa^2) with c_mu = 0.027): median 2 [1.5, 3]');
    const fig = section.figures.find((f) => f.id === 'constants-tightness')!;
    const values = (fig.vegaLite.data as { values: { against: string; x: number }[] }).values;
    expect(values).toHaveLength(2 * recs.length * CONSTANTS.length);
    expect(values.filter((v) => v.against === 'against K').map((v) => v.x)).toContain(5);
    expect(values.filter((v) => v.against === 'against kappa').map((v) => v.x)).toContain(1.5);
    const svg = await renderSvg(fig.vegaLite);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const c of CONSTANTS) expect(svg).toContain(c.label.replace(/\^/g, '^'));
  }, 20_000);

  it('leaves out values a log axis cannot show, rather than drawing them at the edge', () => {
    const r = record(2, 2, (key) => (key === 'c4' ? 0 : 1));
    const values = (tightnessFigure([r], (k) => k).vegaLite.data as { values: { bound: string }[] }).values;
    expect(values.some((v) => v.bound.startsWith('c4'))).toBe(false);
    expect(values).toHaveLength(2 * (CONSTANTS.length - 1));
  });

  it('is written to report.md, report.html (column and figure) and verdicts.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-tightness-'));
    const recs = [record(2, 1.5, () => 3), record(3, 2, () => 2), record(5, 4, () => 1.5)];
    writeFileSync(join(dir, 'results.jsonl'), recs.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const provenance: Provenance = { version: '0.0.0', commit: 'unknown', date: '2023-11-14T22:13:20.000Z', command: 'npx relucheck audit --quick --seed 1' };
    const written = await writeReport([dir], dir, { provenance });
    const md = readFileSync(written.markdown, 'utf8');
    const html = readFileSync(written.html, 'utf8');
    expect(md).toContain('](figures/constants-tightness.svg)');
    expect(md).toContain("| relucheck's constant | tightness | bound holds | loose by (median) |");
    expect(md).toContain('| c_mu = 0.027 | 2 [1.5, 3] | 3/3 | 2 |');
    expect(html).toContain('data-figure="constants-tightness"');
    expect(html).toContain('<td>c_L = 1</td><td>2 [1.5, 3]</td><td>0/3</td><td>0.5</td>');
    const json = JSON.parse(readFileSync(written.verdicts, 'utf8')) as VerdictsFile;
    const withT = json.verdicts.filter((v) => v.tightness);
    expect(withT.map((v) => v.tightness!.constant.symbol)).toEqual(['c_mu', 'c_L', 'c2', 'c3', 'c4', 'c']);
    expect(withT[2].tightness).toMatchObject({ median: 2, holds: 0, instances: 3, direction: 'upper' });
    expect(withT[2].tightness!.min).toBeCloseTo(1.5, 12);
    expect(withT[2].tightness!.max).toBeCloseTo(3, 12);
  }, 30_000);
});
