/**
 * `relucheck check --relu-at-zero 0|1`: the kink convention asked for on the command line, for
 * an implementation that does not declare one (an older protocol server, a quick --impl
 * module). It overrides the declaration in the claims and the exact-kink fixtures, is printed
 * in the header and in --json, and is part of the replay line; it has teeth both ways: a z > 0
 * solver passes only with 0, a z >= 0 solver fails with 0.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeCheckCommand } from '../../src/cli/check.js';
import { UsageError, type CliIo } from '../../src/cli/usage.js';

const dir = fileURLToPath(new URL('./modules/', import.meta.url));
const strict = `${dir}strict-mask-undeclared.mjs`;
const weak = fileURLToPath(new URL('../../examples/typescript/solver.mjs', import.meta.url));

async function check(args: string[]) {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
  const code = await makeCheckCommand().run([...args, '--seed', '1', '--tier', 'quick'], io);
  return { code, out };
}

describe('check --relu-at-zero', () => {
  it('an undeclared z > 0 solver fails gradient-at-kink under the default and passes with --relu-at-zero 0', async () => {
    const byDefault = await check(['--impl', strict, '--claim', 'gradient-at-kink']);
    expect(byDefault.out).toMatch(/kink convention relu'\(0\) = 1 \(z >= 0 mask, default\)/);
    expect(byDefault.out).toMatch(/FAIL {2}gradient-at-kink/);
    expect(byDefault.out).toMatch(/a different kink convention, not a wrong gradient; .*--relu-at-zero 0\)/);
    expect(byDefault.code).toBe(1);
    const zero = await check(['--impl', strict, '--claim', 'gradient-at-kink', '--relu-at-zero', '0']);
    expect(zero.out).toMatch(/kink convention relu'\(0\) = 0 \(z > 0 mask, --relu-at-zero\)/);
    expect(zero.out).toMatch(/PASS {2}gradient-at-kink/);
    expect(zero.code).toBe(0);
  });

  it('holds a z >= 0 solver to 0 when asked: it fails, and the replay line carries the flag', async () => {
    const r = await check(['--impl', weak, '--claim', 'gradient-at-kink', '--relu-at-zero', '0']);
    expect(r.out).toMatch(/FAIL {2}gradient-at-kink/);
    expect(r.out).toMatch(/^ {6}replay: relucheck check --impl \S+solver\.mjs --relu-at-zero 0 --claim gradient-at-kink --seed 1 --tier quick --path \S+$/m);
    expect(r.code).toBe(1);
  });

  it('reaches the exact-kink fixtures, and --json names the convention and where it came from', async () => {
    const byDefault = await check(['--impl', strict, '--fixtures', '--json']);
    const doc = JSON.parse(byDefault.out) as { kinkConvention: unknown; counts: { failed: number }; cases: { hint?: string; status: string }[] };
    expect(doc.kinkConvention).toEqual({ reluAtZero: 1, from: 'default' });
    expect(doc.counts.failed).toBeGreaterThan(0);
    for (const c of doc.cases.filter((x) => x.status === 'failed')) expect(c.hint).toMatch(/^kink convention differs from the default one/);
    const zero = await check(['--impl', strict, '--fixtures', '--json', '--relu-at-zero', '0']);
    const z = JSON.parse(zero.out) as { kinkConvention: unknown; counts: { failed: number; passed: number } };
    expect(z.kinkConvention).toEqual({ reluAtZero: 0, from: '--relu-at-zero' });
    expect(z.counts).toMatchObject({ failed: 0 });
    expect(z.counts.passed).toBeGreaterThan(0);
    expect(zero.code).toBe(0);
  });

  it.each(['2', '=-1', 'true', '', '0.0'])('refuses %j naming the flag, the rule and the value', async (v) => {
    // '=-1' is the --flag=value spelling (a separate '-1' reads as an option: badInput.spec).
    const args = v.startsWith('=') ? [`--relu-at-zero${v}`] : ['--relu-at-zero', v];
    const value = v.startsWith('=') ? v.slice(1) : v;
    await expect(check(['--impl', strict, ...args])).rejects.toThrow(UsageError);
    await expect(check(['--impl', strict, ...args])).rejects.toThrow(`--relu-at-zero must be 0 (the z > 0 mask of PyTorch, TensorFlow, JAX) or 1 (z >= 0); got ${JSON.stringify(value)}`);
  });
});
