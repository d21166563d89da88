/**
 * Quick and full agree or say so: the success-rate grids' power is computed from their
 * end-of-grid trials (the quick tier's 3 can never place a curve beyond the grid), a
 * quick-tier verdict its design cannot decide becomes "not decidable on the quick tier" and
 * leaves the Holm family, the same verdict on full-tier records is untouched, and every
 * verdict of a report lists both tiers' power.
 */
import { describe, expect, it } from 'vitest';
import { fig2b } from '../../src/audit/experiments/fig2b.js';
import { fig2c } from '../../src/audit/experiments/fig2c.js';
import { binomialLowerTail, BEYOND_GRID_LEVEL, thresholdPower } from '../../src/audit/experiments/thresholdVerdict.js';
import type { Experiment, TrialRecord, Verdict } from '../../src/audit/experiments/types.js';
import { buildReport } from '../../src/audit/report/buildReport.js';
import { renderMarkdown } from '../../src/audit/report/markdown.js';
import { verdictsJson } from '../../src/audit/report/verdictsJson.js';
import { recordsTier, withTierPower } from '../../src/audit/report/tierPower.js';
import type { Provenance } from '../../src/audit/report/provenance.js';

const record = (e: Experiment, id: string): TrialRecord => ({ id, experiment: e.id, params: {}, masterSeed: 1, seed: 0, result: {}, ms: 0 });

describe('tier power', () => {
  it('threshold grids: 3 trials at the end cannot reject (0.5^3 = 0.125), 10 can (0/10 and 1/10), 20 can (up to 5/20)', () => {
    expect(thresholdPower({ ratios: [4, 10, 20], trials: 3 }, 'N/d').decides).toBe(false);
    expect(thresholdPower({ ratios: [4, 10, 20], trials: 3 }, 'N/d').why).toContain('0.5^3');
    for (const n of [4, 5, 10, 20]) {
      const p = thresholdPower({ ratios: [1, 2], trials: n }, 'N/d');
      expect(p.decides, `n = ${n}`).toBe(0.5 ** n < BEYOND_GRID_LEVEL);
    }
    const ten = thresholdPower({ ratios: [2, 80], trials: 10 }, 'N/d');
    expect(ten.why).toContain('at most 1/10');
    expect(binomialLowerTail(2, 10)).toBeGreaterThan(BEYOND_GRID_LEVEL);
    expect(thresholdPower({ ratios: [10, 400], trials: 10, endTrials: 20 }, 'N/K').why).toContain('at most 5/20');
  });

  it('Fig. 2(b) and 2(c): the quick grid cannot decide, the full grid can', () => {
    for (const e of [fig2b, fig2c]) {
      const v = e.summarize([]).verdicts[0];
      expect(v.power?.quick.decides, e.id).toBe(false);
      expect(v.power?.full.decides, e.id).toBe(true);
    }
  });

  it('records tier: full when every full trial is present, quick when every record is a quick trial', () => {
    expect(recordsTier(fig2b, fig2b.trials('full').map((t) => record(fig2b, t.id)))).toBe('full');
    expect(recordsTier(fig2b, fig2b.trials('quick').map((t) => record(fig2b, t.id)))).toBe('quick');
    const fullOnly = fig2b.trials('full').find((t) => !fig2b.trials('quick').some((q) => q.id === t.id))!;
    expect(recordsTier(fig2b, [record(fig2b, fullOnly.id)])).toBe('partial');
  });

  it('a quick-tier verdict its design cannot decide is "not decidable on the quick tier", without its test; on full records it stands', () => {
    const power = { quick: { design: 'q', decides: false, why: 'too few' }, full: { design: 'f', decides: true, why: 'enough' } };
    const v: Verdict = { claim: 'c', citation: 's', status: 'supported', evidence: 'intervals overlap', test: { pValue: 0.5 }, power };
    const quick = withTierPower(v, fig2b, 'quick');
    expect(quick.status).toBe('not decidable on the quick tier');
    expect(quick.test).toBeUndefined();
    expect(quick.evidence).toContain('too few');
    expect(quick.evidence).toContain('intervals overlap');
    expect(withTierPower(v, fig2b, 'full')).toEqual(v);
    // An experiment stating no power gets its trial counts, deciding on both tiers.
    const plain: Verdict = withTierPower<Verdict>({ claim: 'c', citation: 's', status: 'supported', evidence: 'e' }, fig2b, 'quick');
    expect(plain.status).toBe('supported');
    expect(plain.power?.full.design).toContain(`${fig2b.trials('full').length} trial(s)`);
  });

  it('a report lists quick vs full for every verdict, in report.md and verdicts.json', () => {
    const report = buildReport([], 1);
    const provenance = { version: '0', commit: 'c', date: 'd', command: 'x' } as unknown as Provenance;
    const md = renderMarkdown(report, provenance);
    expect(md).toContain('### Quick vs full: what each tier can decide');
    const json = verdictsJson(report, provenance);
    expect(json.verdicts.length).toBeGreaterThan(10);
    for (const v of json.verdicts) {
      expect(v.power, v.claim).not.toBeNull();
      expect(md).toContain(v.power!.full.design.replace(/\|/g, '\\|'));
    }
  });
});
