/**
 * Information in a passed verdict: a claim's check may return one line about a case that held
 * (the tensor-init claims say how the init compares with relucheck's reference). The line is
 * never a failure; it reaches `ClaimResult.detail`, the check verdict's `detail`, the text
 * report ("info: ...") and `--json`, and a failed run carries none.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineClaim, summarizeDetails } from '../../properties/defineClaim.js';
import { formatVerdict } from '../../properties/report.js';
import { expectAtMost } from '../../properties/violation.js';
import { renderVerdict } from '../../src/check/renderClaimsReport.js';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import type { Implementation } from '../../src/impl/Implementation.js';

const impl: Implementation = { name: 'stub', capabilities: [] };

/** Passes every case and says which parity it saw (reuses an existing theory id). */
const informative = (failAbove = 1000) =>
  defineClaim<number>({
    id: 'gradient-fd-full',
    needs: [],
    falseAlarmPerCase: 0,
    runs: { quick: 5, default: 20, thorough: 40 },
    arbitrary: () => fc.integer({ min: 0, max: 99 }),
    show: String,
    async check(_impl, value) {
      expectAtMost('value', value, failAbove, 'probe');
      return value % 2 === 0 ? 'even case' : 'odd case';
    },
  });

describe('a passed verdict carries the cases information', () => {
  it('folds the lines of the cases into one detail', async () => {
    const r = await informative().run(impl, { seed: 3, tier: 'default' });
    expect(r.status).toBe('passed');
    expect(r.status === 'passed' && r.detail).toMatch(/^(even case; odd case|odd case; even case)$/);
    expect(formatVerdict(informative(), r)).toMatch(/^PASS gradient-fd-full \(20 cases, seed 3\); info: (even|odd) case/);
  });

  it('uses the claim summary when it has one, and no detail when no case returned a line', async () => {
    const fourCases = (check: () => Promise<string | undefined>, summarize?: (lines: readonly string[]) => string) =>
      defineClaim<number>({
        id: 'gradient-fd-full',
        needs: [],
        falseAlarmPerCase: 0,
        runs: { quick: 4, default: 4, thorough: 4 },
        arbitrary: () => fc.integer({ min: 0, max: 9 }),
        show: String,
        check,
        ...(summarize === undefined ? {} : { summarize }),
      });
    const summarized = fourCases(async () => 'x', (lines) => `${lines.length} lines`);
    expect(await summarized.run(impl, { seed: 1, tier: 'quick' })).toMatchObject({ status: 'passed', detail: '4 lines' });
    const silent = fourCases(async () => undefined);
    const r = await silent.run(impl, { seed: 1, tier: 'quick' });
    expect(r.status === 'passed' && 'detail' in r).toBe(false);
  });

  it('is never a failure and never rides on one', async () => {
    const r = await informative(49).run(impl, { seed: 3, tier: 'default' });
    expect(r.status).toBe('failed');
    expect('detail' in r).toBe(false);
  });

  it('summarizes many distinct lines as the first three and a count', () => {
    expect(summarizeDetails(['a', 'b', 'a'])).toBe('a; b');
    expect(summarizeDetails(['a', 'b', 'c', 'd', 'e'])).toBe('a; b; c; ... (2 more of 5 cases)');
  });
});

describe('the check report shows it', () => {
  it('as an info line in text and as detail in --json', async () => {
    const dir = fileURLToPath(new URL('../check/modules/', import.meta.url));
    const run = async (args: string[]) => {
      let out = '';
      const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
      const code = await makeCheckCommand(async () => [informative()], {}).run(['--impl', `${dir}offers-nothing.mjs`, '--seed', '3', ...args], io);
      return { code, out };
    };
    const text = await run([]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/PASS  gradient-fd-full .*\n {6}info: (even|odd) case; (even|odd) case\n/);
    const json = JSON.parse((await run(['--json'])).out);
    expect(json.verdicts[0]).toMatchObject({ status: 'passed', detail: expect.stringMatching(/even case/) });
    expect(renderVerdict({ ...json.verdicts[0], detail: undefined })).not.toMatch(/info:/);
  });
});
