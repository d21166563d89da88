/**
 * The report's outputs for readers and CI: provenance (version, commit, date, reproduce
 * command) in report.md, report.html and verdicts.json; the figures as figures/*.svg embedded
 * in report.md; verdicts.json's counts; and `relucheck audit --strict` exiting 1 (EXIT.claimFailed)
 * on a NOT SUPPORTED verdict and 0 without --strict. Planted fig2d records (errors three
 * times the theory's) make the NOT SUPPORTED; the command resumes them, so no trial runs
 * (it runs in-process: a child process would spend its time loading Vega).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fig2d } from '../../src/audit/experiments/fig2d.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { currentProvenance, reproduceCommand } from '../../src/audit/report/provenance.js';
import { VERDICTS_SCHEMA, type VerdictsFile } from '../../src/audit/report/verdictsJson.js';
import { writeReport } from '../../src/audit/report/writeReport.js';
import { trialSeed } from '../../src/audit/runner/trialSeed.js';
import { EXIT } from '../../src/check/exitCodes.js';
import { auditCommand } from '../../src/cli/audit.js';

const SEED = 7;

/** The fields of a recovery trial the fig2d summary does not look at (the report checks every record has them). */
const RECOVERY_FIELDS = { initError: 0.5, initDistance: 1, ballUnit: 1, sK: 1, iterations: 100, extensions: 0, finalLoss: 1e-3, gradientNorm: 1e-6, lossWindowRatio: 1, stoppedBy: 'budget' };

/** The quick tier's fig2d records with errors `scale` times nu sqrt(tr / N) (tr fixed at 240, as for d = 10). */
function planted(scale: number): TrialRecord[] {
  return fig2d.trials('quick').map((t) => {
    const N = Number(t.params.N);
    const error = scale * Math.sqrt(0.1) * Math.sqrt(240 / N);
    return { id: t.id, experiment: 'fig2d', params: t.params, masterSeed: SEED, seed: trialSeed(SEED, t.id), revision: fig2d.revision, result: { ...RECOVERY_FIELDS, error, relError: error / 20, diverged: false, initUsed: 'tensor', noiseStd: Math.sqrt(0.1), traceInverseHessian: 240, traceInverseHessianSquared: 2000 }, ms: 0 };
  });
}

function dirWith(records: readonly TrialRecord[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-outputs-'));
  writeFileSync(join(dir, 'results.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return dir;
}

describe('report provenance, figures and verdicts.json', () => {
  it('every output carries version, commit, date and the reproduce command; figures are files embedded in report.md', async () => {
    const dir = dirWith(planted(1));
    const provenance = currentProvenance({ tier: 'quick', masterSeed: SEED, env: { SOURCE_DATE_EPOCH: '1700000000' } });
    expect(provenance.date).toBe('2023-11-14T22:13:20.000Z');
    expect(provenance.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(provenance.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    const written = await writeReport([dir], dir, { provenance });
    const md = readFileSync(written.markdown, 'utf8');
    const html = readFileSync(written.html, 'utf8');
    for (const text of [md, html]) {
      expect(text).toContain(`commit ${provenance.commit}`);
      expect(text).toContain(provenance.date);
      expect(text).toContain(`npx relucheck audit --quick --seed ${SEED}`);
    }
    expect(md).toContain('![Fig. 2(d): mean aligned error vs N/d with noise](figures/fig2d.svg)');
    const svg = readFileSync(join(dir, 'figures', 'fig2d.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(html).toContain(svg); // the same drawing in both
    const json = JSON.parse(readFileSync(written.verdicts, 'utf8')) as VerdictsFile;
    expect(json.schema).toBe(VERDICTS_SCHEMA);
    expect(json.provenance).toEqual(provenance);
    expect(json.masterSeed).toBe(SEED);
    expect(json.family.method).toBe('Holm');
    expect(Object.values(json.counts).reduce((a, b) => a + b, 0)).toBe(json.verdicts.length);
    expect(json.verdicts.find((v) => v.claim.startsWith('the error is the asymptotic'))?.status).toBe('supported');
    expect(reproduceCommand('full', 3)).toBe('npx relucheck audit --full --seed 3');
  });

  it('relucheck audit --strict exits 1 on a NOT SUPPORTED verdict, 0 without --strict', async () => {
    const dir = dirWith(planted(3));
    const args = ['--out', dir, '--seed', String(SEED), '--workers', '1', '--only', 'fig2d/'];
    const run = async (extra: string[]) => {
      const out = { stdout: '', stderr: '' };
      const code = await auditCommand.run([...args, ...extra], { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), isTTY: false });
      return { code, ...out };
    };
    const lax = await run([]);
    expect(lax.code, lax.stderr).toBe(EXIT.ok);
    const json = JSON.parse(readFileSync(join(dir, 'verdicts.json'), 'utf8')) as VerdictsFile;
    expect(json.counts['not supported']).toBeGreaterThan(0);
    const strict = await run(['--strict']);
    expect(strict.code).toBe(EXIT.claimFailed);
    expect(strict.stderr).toMatch(/--strict: \d+ verdict\(s\) NOT SUPPORTED .*the error is the asymptotic/);
    // Nothing ran: every planned trial was resumed from the planted records.
    expect(strict.stdout).toContain('already in');
  });
});
