/**
 * `relucheck check` progress within claims: a bar rewritten in place on a terminal (erased
 * before each verdict), throttled plain lines in CI, always on stderr.
 */
import { describe, expect, it } from 'vitest';
import { gradientFull } from '../../properties/gradientFiniteDifferences.js';
import { progressReporter } from '../../src/check/progressReporter.js';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import { fileURLToPath } from 'node:url';

const correct = fileURLToPath(new URL('../../examples/typescript/solver.mjs', import.meta.url));
const step = (casesDone: number, shrinking = false) => ({ claimId: 'c', casesDone, casesPlanned: 4, shrinking });

describe('progress reporter', () => {
  it('on a terminal: one bar rewritten in place, erased by clear()', () => {
    let out = '';
    const p = progressReporter({ write: (t) => void (out += t), isTTY: true });
    p.onProgress(step(1));
    p.onProgress(step(4));
    p.clear();
    expect(out).toBe('\r\x1b[2K  c [#####---------------] 1/4 cases\r\x1b[2K  c [####################] 4/4 cases\r\x1b[2K');
  });

  it('in CI: a plain line at most every interval per claim, saying when it shrinks', () => {
    let out = '';
    let t = 0;
    const p = progressReporter({ write: (s) => void (out += s), isTTY: false, intervalMs: 1000, now: () => t });
    p.onProgress(step(1));
    t = 500;
    p.onProgress(step(2));
    t = 1200;
    p.onProgress(step(3));
    t = 2500;
    p.onProgress(step(7, true));
    p.clear();
    expect(out).toBe('  ... c: 3/4 cases, 1 s\n  ... c: shrinking a failure, 7 cases tried, 3 s\n');
  });
});

describe('check shows it', () => {
  it('on stderr, and the verdicts on stdout stay clean', async () => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: true };
    const code = await makeCheckCommand(async () => [gradientFull], {}).run(['--impl', correct, '--tier', 'quick'], io);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\r\x1b\[2K {2}gradient-fd-full \[#+-*\] \d\/\d cases/);
    expect(stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(stdout).not.toMatch(/\r|\x1b/);
  });
});
