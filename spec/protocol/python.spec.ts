/**
 * The NumPy protocol server (examples/python/relucheck_server.py, written against
 * docs/protocol.md) passes `relucheck check --cmd` (the protocol conformance session, the
 * golden fixtures, and the claims available in this build), the tiny JavaScript example
 * passes `--impl --fixtures`, and Python twins of planted bugs are caught through the
 * protocol with the failure pointing at the right fixture field.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import { processImplementation } from '../../src/impl/processImplementation.js';
import { loadFixtureDirectory } from '../../src/fixtures/fixtureFile.js';
import { runFixtures } from '../../src/fixtures/runFixtures.js';
import { gradientAgreementClaim } from './support/gradientAgreementClaim.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const server = `python3 ${root}examples/python/relucheck_server.py`;
const planted = (bug: string) => `python3 ${root}spec/protocol/python/planted_server.py ${bug}`;
const fixtures = loadFixtureDirectory(`${root}fixtures`);

async function check(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false };
  const cmd = makeCheckCommand(async () => [gradientAgreementClaim]);
  const code = await cmd.run([...args, '--timeout', '20000'], io);
  return { code, stdout, stderr };
}

describe('the NumPy example passes relucheck check', () => {
  it('--validate-protocol: every message valid against the schemas', async () => {
    const r = await check(['--cmd', server, '--validate-protocol', '--json']);
    const doc = JSON.parse(r.stdout) as { ok: boolean; steps: { request: string; outcome: string }[] };
    expect(doc.steps.map((s) => s.request)).toEqual(['start', 'loss', 'gradient', 'hvp', 'population', 'populationHvp', 'gd']);
    expect(doc.steps.every((s) => s.outcome === 'ok'), JSON.stringify(doc.steps)).toBe(true);
    expect(r.code).toBe(0);
  });

  it('--fixtures: every fixture it can compute passes (the aligned error is not an Implementation method)', async () => {
    const r = await check(['--cmd', server, '--fixtures', '--json']);
    const doc = JSON.parse(r.stdout) as { counts: Record<string, number>; cases: { type: string; status: string }[] };
    expect(doc.counts.failed, r.stdout.slice(0, 2000)).toBe(0);
    expect(doc.counts.errored).toBe(0);
    expect(doc.cases.filter((c) => c.status === 'not-applicable').every((c) => c.type === 'aligned_error')).toBe(true);
    expect(doc.counts.passed).toBe(fixtures.flatMap((f) => f.groups).filter((g) => g.type !== 'aligned_error').reduce((s, g) => s + g.cases.length, 0));
    expect(r.code).toBe(0);
  });

  it('claims: passes the claims of this build', async () => {
    const r = await check(['--cmd', server]);
    expect(r.stdout).toMatch(/PASS  spec-gradient-agreement/);
    expect(r.code, r.stdout).toBe(0);
  });
});

describe('the tiny JavaScript example passes --impl --fixtures', () => {
  it('examples/typescript/solver.mjs', async () => {
    const r = await check(['--impl', `${root}examples/typescript/solver.mjs`, '--fixtures']);
    expect(r.stdout).toMatch(/16 passed, 0 failed, 45 not applicable, 0 errored/);
    expect(r.code).toBe(0);
  });
});

// [bug, fixture file (and group type) that must catch it, the first failure's field and numbers]
const bugs: [string, string, RegExp][] = [
  ['gradient-sign', 'empirical.json', /^gradient\[0\]: actual .* expected .* difference .* > tolerance/],
  ['missing-1-over-N', 'empirical.json', /^gradient\[0\]: actual/],
  ['strict-indicator', 'empirical.json', /^gradient\[\d+\]: actual/],
  ['residual-without-y', 'empirical.json', /^loss: actual/],
  ['no-mask', 'empirical.json', /^gradient\[0\]: actual/],
  ['shifted-mask', 'empirical.json', /^gradient\[\d+\]: actual/],
  ['loss-missing-half', 'empirical.json', /^loss: actual/],
  ['gd-ignores-eta', 'gd.json', /^iterates\[0\]: actual/],
  ['population-missing-noise', 'population.json', /^loss: actual 0, expected 0\.125/],
  ['hvp-without-mask', 'hessian.json:empirical_hvp', /^hvp\[0\]: actual/],
];

describe('Python planted bugs are caught through the protocol', () => {
  it.each(bugs)('%s is caught by %s', async (bug, file, firstMessage) => {
    const impl = await processImplementation({ command: planted(bug), timeoutMs: 20_000 });
    try {
      const [name, type] = file.split(':');
      const files = fixtures
        .filter((f) => f.name === name)
        .map((f) => ({ ...f, groups: f.groups.filter((g) => type === undefined || g.type === type) }));
      const report = await runFixtures(impl, files);
      const failed = report.cases.filter((c) => c.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(report.counts.errored).toBe(0);
      expect(failed[0].mismatches[0].message).toMatch(firstMessage);
      if (bug === 'strict-indicator') expect(failed.map((c) => c.flags)).toEqual([['exact_kink']]);
    } finally {
      await impl.close();
    }
  });
});
