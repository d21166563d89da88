/**
 * The audit end to end on a small share of the quick tier (one or a few trials of every
 * experiment, so every figure has data): shards merged give the same report as one run, a
 * killed audit resumes without losing a finished trial, and report.html renders in headless
 * Chromium with every plot drawn and no console error. Workers and the CLI run from dist/
 * (`pretest` builds it; run `npm run build` before `npx vitest run spec/audit`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { allTrials, EXPERIMENTS } from '../../src/audit/experiments/registry.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { writeReport } from '../../src/audit/report/writeReport.js';
import type { Provenance } from '../../src/audit/report/provenance.js';
import { readResults } from '../../src/audit/runner/resultsFile.js';
import { plannedTrials, runAudit } from '../../src/audit/runner/runAudit.js';
import { WHOLE } from '../../src/audit/runner/shard.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const CHROMIUM = '/usr/bin/chromium';
const SEED = 7;
/**
 * One cheap trial or a few of every experiment, picked from the quick tier by pattern (ids
 * carry the initialization actually run, which changes when tensor initialization lands).
 */
const PATTERNS = [
  /^fig2a\/init=random\/trial=0$/,
  /^fig2b\/init=\w+\/d=20\/K=5\/ratio=4\/trial=0$/,
  /^fig2c\/init=\w+\/d=20\/K=5\/ratio=20\/trial=0$/,
  /^fig2d\/init=\w+\/d=10\/ratio=(10|40)\//,
  /^constants\/d=10\/K=3\/kappa=2\//,
  /^zhongFig1\/c\/approach=III\/trial=0$/,
  /^zhongFig1\/ab\/init=tensor\/d=10\/N=1000\/trial=0$/,
  /^resampling\/init=tensor\/d=10\/ratio=200\/trial=0$/,
];
const ONLY = allTrials('quick')
  .map((t) => t.id)
  .filter((id) => PATTERNS.some((p) => p.test(id)));
/** The kill test skips the two slowest trials (~2 s each alone) to stay within the time budget. */
const KILL_ONLY = ONLY.filter((id) => !id.startsWith('fig2a/') && !id.startsWith('zhongFig1/'));
const quiet = () => {};
/** One provenance for every report here, so reports of the same records compare byte for byte. */
const PROVENANCE: Provenance = { version: '0.0.0', commit: 'spec', date: '2019-04-17T00:00:00.000Z', command: 'npx relucheck audit --quick --seed 7' };

function results(dir: string): Map<string, TrialRecord['result']> {
  return new Map(readResults(join(dir, 'results.jsonl')).records.map((r) => [r.id, r.result]));
}

let single: string;

beforeAll(async () => {
  single = mkdtempSync(join(tmpdir(), 'audit-single-'));
  await runAudit({ tier: 'quick', out: single, masterSeed: SEED, workers: 2, shard: WHOLE, only: ONLY, isTTY: false, write: quiet });
  await writeReport([single], single, { provenance: PROVENANCE });
});

describe('relucheck audit (a small share of the quick tier)', () => {
  it('runs every planned trial once, one results line each', () => {
    const planned = plannedTrials('quick', WHOLE, ONLY).map((t) => t.id).sort();
    const lines = readFileSync(join(single, 'results.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBe(planned.length);
    expect([...results(single).keys()].sort()).toEqual(planned);
    for (const p of PATTERNS) expect(planned.some((id) => p.test(id)), String(p)).toBe(true);
    // Every experiment is represented, so every figure of the report has data.
    for (const e of EXPERIMENTS) expect(planned.some((id) => id.startsWith(`${e.id}/`))).toBe(true);
  });

  it('two shards merged give the same report (and the same results) as one run', async () => {
    const parts = [1, 2].map(() => mkdtempSync(join(tmpdir(), 'audit-shard-')));
    await Promise.all(
      parts.map((out, i) =>
        runAudit({ tier: 'quick', out, masterSeed: SEED, workers: 1, shard: { index: i + 1, count: 2 }, only: ONLY, isTTY: false, write: quiet }),
      ),
    );
    const sizes = parts.map((p) => results(p).size);
    expect(Math.min(...sizes)).toBeGreaterThan(0); // both shards got work, or the test shows nothing
    const merged = mkdtempSync(join(tmpdir(), 'audit-merged-'));
    await writeReport(parts, merged, { provenance: PROVENANCE });
    expect(readFileSync(join(merged, 'report.md'), 'utf8')).toBe(readFileSync(join(single, 'report.md'), 'utf8'));
    expect(readFileSync(join(merged, 'report.html'), 'utf8')).toBe(readFileSync(join(single, 'report.html'), 'utf8'));
    expect(results(merged)).toEqual(results(single));
  });

  it('killed halfway and rerun, it loses no finished trial and redoes none', async () => {
    const out = mkdtempSync(join(tmpdir(), 'audit-kill-'));
    const file = join(out, 'results.jsonl');
    const args = [CLI, 'audit', '--out', out, '--seed', String(SEED), '--workers', '1', ...KILL_ONLY.flatMap((p) => ['--only', p])];
    const planned = plannedTrials('quick', WHOLE, KILL_ONLY).length;
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const lineCount = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0);
    while (lineCount() < 2) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    const before = readFileSync(file, 'utf8');
    const kept = readResults(file).records.length;
    expect(kept).toBeGreaterThanOrEqual(2);
    if (kept >= planned) throw new Error(`the audit finished (${kept} of ${planned}) before it was killed; the test would show nothing`);
    const summary = await runAudit({ tier: 'quick', out, masterSeed: SEED, workers: 2, shard: WHOLE, only: KILL_ONLY, isTTY: false, write: quiet });
    expect(summary.resumed).toBe(kept);
    expect(summary.ran).toBe(planned - kept);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before.endsWith('\n') ? before : before.slice(0, before.lastIndexOf('\n') + 1))).toBe(true);
    // Same seed -> same results, whether a trial ran before the kill, after it, or in another run.
    const reference = results(single);
    const mine = results(out);
    expect(mine.size).toBe(planned);
    for (const [id, result] of mine) expect(result, id).toEqual(reference.get(id));
  });

  it.skipIf(!existsSync(CHROMIUM))(`report.html renders in headless Chromium: every plot drawn, no console error${existsSync(CHROMIUM) ? '' : ` (SKIPPED: ${CHROMIUM} is missing; apt-get install -y chromium, as .ci/run does)`}`, async () => {
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'audit-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`file://${join(single, 'report.html')}`);
      const figures = await page.$$eval('figure.plot', (fs) =>
        fs.map((f) => ({
          id: f.getAttribute('data-figure'),
          svg: f.querySelector('svg') !== null,
          // Data marks only (role-mark), not axes or legends; each must have drawn something.
          marks: f.querySelectorAll('svg g.role-mark > path, svg g.role-mark > g path, svg g.role-mark > g > path').length,
          width: f.querySelector('svg')?.getBoundingClientRect().width ?? 0,
        })),
      );
      const expected = EXPERIMENTS.flatMap((e) => e.summarize([]).figures.map((f) => f.id));
      expect(figures.map((f) => f.id)).toEqual(expected);
      for (const f of figures) {
        if (!f.svg || f.marks === 0 || f.width === 0) throw new Error(`figure ${f.id} did not render: svg ${f.svg}, data marks ${f.marks}, width ${f.width}`);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
