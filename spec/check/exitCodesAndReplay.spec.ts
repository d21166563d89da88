/**
 * `relucheck check` exit codes, environment and replay lines: a run that checked nothing is
 * not a pass; the seed and tier come from RELUCHECK_SEED / RELUCHECK_TIER like the suite, with
 * the suite's default seed; an external implementation gets only the `relucheck check` replay
 * line, and that line replays the same counterexample; `formatClaimFailure` in a user's test
 * prints a replay that works there.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ClaimResult } from '../../properties/Claim.js';
import { DEFAULT_SEED } from '../../properties/environment.js';
import { gradientFull } from '../../properties/gradientFiniteDifferences.js';
import { formatClaimFailure, projectReplayLine } from '../../properties/report.js';
import { makeCheckCommand, type CheckEnvironment } from '../../src/cli/check.js';
import { UsageError, type CliIo } from '../../src/cli/usage.js';
import type { Implementation } from '../../src/impl/Implementation.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { gradientAgreementClaim } from '../protocol/support/gradientAgreementClaim.js';

const dir = fileURLToPath(new URL('./modules/', import.meta.url));

async function check(args: string[], env: CheckEnvironment = {}, claims = [gradientAgreementClaim]) {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
  const code = await makeCheckCommand(async () => claims, env).run(args, io);
  return { code, out };
}

/** Splits a replay line into words (the POSIX single quotes of shellQuote included). */
function words(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll("'\\''", "'") : m[2]));
}

describe('a check run that checked nothing', () => {
  it('exits 1 with "nothing was checked" when no claim applies', async () => {
    const r = await check(['--impl', `${dir}offers-nothing.mjs`]);
    expect(r.out).toMatch(/0 passed, 0 failed, 1 not applicable, 0 errored\nnothing was checked: no applicable claim ran/);
    expect(r.out).toMatch(/--pass-with-none/);
    expect(r.code).toBe(1);
  });

  it('exits 0 with --pass-with-none, and says so', async () => {
    const r = await check(['--impl', `${dir}offers-nothing.mjs`, '--pass-with-none']);
    expect(r.out).toMatch(/nothing was checked \(accepted: --pass-with-none\)/);
    expect(r.code).toBe(0);
  });

  it('says so in --json and for fixtures too', async () => {
    const json = await check(['--impl', `${dir}offers-nothing.mjs`, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ nothingChecked: true, exitCode: 1, counts: { passed: 0, 'not-applicable': 1 } });
    const fixtures = await check(['--impl', `${dir}offers-nothing.mjs`, '--fixtures']);
    expect(fixtures.out).toMatch(/nothing was checked: no applicable fixture case ran/);
    expect(fixtures.code).toBe(1);
  });
});

describe('seed and tier from the environment', () => {
  it('uses the suite default seed without RELUCHECK_SEED, and RELUCHECK_SEED / RELUCHECK_TIER when set', async () => {
    const byDefault = await check(['--impl', `${dir}offers-nothing.mjs`, '--pass-with-none']);
    expect(byDefault.out).toMatch(new RegExp(`seed ${DEFAULT_SEED}, tier default,`));
    const fromEnv = await check(['--impl', `${dir}offers-nothing.mjs`, '--pass-with-none'], { RELUCHECK_SEED: '7', RELUCHECK_TIER: 'quick' });
    expect(fromEnv.out).toMatch(/seed 7, tier quick,/);
    const flagsWin = await check(['--impl', `${dir}offers-nothing.mjs`, '--pass-with-none', '--seed', '9', '--tier', 'thorough'], { RELUCHECK_SEED: '7' });
    expect(flagsWin.out).toMatch(/seed 9, tier thorough,/);
  });

  it('rejects a bad RELUCHECK_SEED or RELUCHECK_TIER as a usage error naming the variable and value', async () => {
    const bad = check(['--impl', `${dir}offers-nothing.mjs`], { RELUCHECK_SEED: '-3' });
    await expect(bad).rejects.toBeInstanceOf(UsageError);
    await expect(bad).rejects.toThrow(/RELUCHECK_SEED.*-3/);
    await expect(check(['--impl', `${dir}offers-nothing.mjs`], { RELUCHECK_TIER: 'slow' })).rejects.toThrow(/RELUCHECK_TIER.*"slow"/);
  });
});

describe('replay lines for an external implementation', () => {
  it('--impl gets only the relucheck check line, and that line replays the same counterexample', async () => {
    const module = `${dir}half-gradient.mjs`;
    const first = await check(['--impl', module, '--tier', 'quick', '--seed', '3', '--json'], {}, [gradientFull]);
    expect(first.code).toBe(1);
    expect(first.out).not.toMatch(/npx vitest/);
    const verdict = (JSON.parse(first.out) as { verdicts: { status: string; replay: string; counterexample: string; message: string }[] }).verdicts[0];
    expect(verdict.status).toBe('failed');
    expect(verdict.replay).toMatch(new RegExp(`^relucheck check --impl \\S*half-gradient\\.mjs --claim gradient-fd-full --seed 3 --tier quick --path \\S+$`));
    const [, , ...args] = words(verdict.replay);
    const again = await check([...args, '--json'], {}, [gradientFull]);
    const replayed = (JSON.parse(again.out) as { verdicts: { status: string; counterexample: string }[] }).verdicts[0];
    expect(replayed.status).toBe('failed');
    expect(replayed.counterexample).toBe(verdict.counterexample);
    const text = await check(['--impl', module, '--tier', 'quick', '--seed', '3'], {}, [gradientFull]);
    expect(text.out.match(/replay/g)).toHaveLength(1);
    expect(text.out).toMatch(/^ {6}replay: relucheck check --impl /m);
  });
});

/** The reference with its gradient halved: what a user's own test suite might be guarding. */
const halfGradient: Implementation = (() => {
  const ref = referenceImplementation();
  return { ...ref, name: 'half gradient', gradient: async (data, W) => (await ref.gradient!(data, W)).map((g) => g / 2) };
})();

describe('formatClaimFailure in a user test', () => {
  it('prints a replay call that works from any code, and labels the suite line as relucheck\'s own', async () => {
    const result = await gradientFull.run(halfGradient, { seed: 5, tier: 'quick' });
    if (result.status !== 'failed') throw new Error('the planted bug must fail');
    const text = formatClaimFailure(gradientFull, result);
    expect(text).toMatch(/replay in relucheck's own suite \(on its reference\): RELUCHECK_SEED=5 /);
    const call = /replay from code: await claim\.run\(impl, \{ seed: (\d+), tier: '(\w+)', path: '([^']+)' \}\)/.exec(text);
    expect(call, text).not.toBeNull();
    const again = (await gradientFull.run(halfGradient, { seed: Number(call![1]), tier: call![2] as 'quick', path: call![3] })) as ClaimResult;
    expect(again.status).toBe('failed');
    if (again.status === 'failed') expect(again.counterexample).toBe(result.counterexample);
  });

  it('prints the runner-supplied line unlabelled (a user project: no spec path of relucheck)', async () => {
    const result = await gradientFull.run(halfGradient, { seed: 5, tier: 'quick', replayLine: projectReplayLine });
    if (result.status !== 'failed') throw new Error('the planted bug must fail');
    const text = formatClaimFailure(gradientFull, result);
    expect(text).toMatch(/^ {2}replay: RELUCHECK_SEED=5 RELUCHECK_TIER=quick RELUCHECK_PATH=\S+ npx vitest run -t "gradient-fd-full"$/m);
    expect(text).not.toMatch(/spec\/properties/);
  });
});
