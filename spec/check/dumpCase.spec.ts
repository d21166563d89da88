/**
 * `relucheck check --dump-case DIR` writes a failed claim's shrunk case so a Python author can
 * rebuild it without relucheck: case.json, bit-exact .npy arrays (checked by NumPy itself) and
 * load_case.py; `--json` carries the same case with arrays as lists. A passing run writes
 * nothing; a bad folder is a usage error before anything runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gradientFull } from '../../properties/gradientFiniteDifferences.js';
import { makeCheckCommand } from '../../src/cli/check.js';
import { encodeNpy } from '../../src/check/npyFile.js';
import { UsageError, type CliIo } from '../../src/cli/usage.js';

const modules = fileURLToPath(new URL('./modules/', import.meta.url));
const correct = fileURLToPath(new URL('../../examples/typescript/solver.mjs', import.meta.url));

async function check(args: string[]) {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
  const code = await makeCheckCommand(async () => [gradientFull], {}).run(args, io);
  return { code, out };
}

const python = (script: string, cwd: string) => execFileSync('python3', ['-c', script], { cwd, encoding: 'utf8' });

describe('the .npy writer', () => {
  it('writes what NumPy reads back bit for bit: -0, subnormals, 1e308, NaN and infinities, 1-d and 2-d', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relucheck-npy-'));
    const values = Float64Array.of(-0, 5e-324, 1e308, NaN, Infinity, -Infinity, 1 / 3, -2.5);
    writeFileSync(join(dir, 'a.npy'), encodeNpy([2, 4], values));
    writeFileSync(join(dir, 'b.npy'), encodeNpy([8], values));
    const printed = python(
      'import numpy as np\n' +
        'for f in ("a.npy", "b.npy"):\n' +
        '    a = np.load(f)\n' +
        '    print(a.dtype, a.shape, a.flags["C_CONTIGUOUS"], a.ravel().view(np.uint64).tolist())',
      dir,
    ).trim();
    const bits = Array.from(new BigUint64Array(values.buffer), (b) => b.toString()).join(', ');
    expect(printed.split('\n')).toEqual([`float64 (2, 4) True [${bits}]`, `float64 (8,) True [${bits}]`]);
  });

  it('refuses a shape that does not match the data', () => {
    expect(() => encodeNpy([3], Float64Array.of(1, 2))).toThrow(/data.*prod\(shape\) = 3.*2/);
  });
});

describe('relucheck check --dump-case', () => {
  it("writes the failed claim's case: inputs, both answers, seed and replay, loadable by load_case.py", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'relucheck-dump-')), 'cases');
    const r = await check(['--impl', `${modules}half-gradient.mjs`, '--dump-case', dir, '--tier', 'quick']);
    expect(r.code).toBe(1);
    const folder = join(dir, 'gradient-fd-full');
    expect(r.out).toContain(`failing case written to ${folder}/`);
    expect(readdirSync(folder).sort()).toEqual(['W.npy', 'X.npy', 'actual.npy', 'case.json', 'expected.npy', 'load_case.py', 'y.npy']);
    const doc = JSON.parse(readFileSync(join(folder, 'case.json'), 'utf8'));
    expect(doc).toMatchObject({ claimId: 'gradient-fd-full', failingCase: { method: 'gradient' } });
    expect(doc.replay).toMatch(/^relucheck check --impl .* --claim gradient-fd-full .*--path /);
    const [d, K] = doc.failingCase.inputs.W.shape;
    // The planted bug halves the gradient: NumPy sees actual = expected / 2 from the files alone.
    const printed = python(
      'import load_case as c, numpy as np\n' +
        'a = c.arrays\n' +
        'print(a["W"].shape, a["X"].shape[1], np.allclose(a["actual"], a["expected"] / 2, rtol=1e-12, atol=0))',
      folder,
    ).trim();
    expect(printed).toBe(`(${d}, ${K}) ${d} True`);
    expect(execFileSync('python3', [join(folder, 'load_case.py')], { encoding: 'utf8' })).toMatch(/max \|actual - expected\|: /);
  });

  it('carries the same case in --json, arrays as lists', async () => {
    const r = await check(['--impl', `${modules}half-gradient.mjs`, '--json', '--tier', 'quick']);
    const v = JSON.parse(r.out).verdicts[0];
    expect(v.status).toBe('failed');
    const W = v.failingCase.inputs.W;
    expect(Array.isArray(W.data)).toBe(true);
    expect(W.data).toHaveLength(W.shape[0] * W.shape[1]);
  });

  it('writes nothing for a passing implementation', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'relucheck-dump-')), 'cases');
    const r = await check(['--impl', correct, '--dump-case', dir, '--tier', 'quick']);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a folder it cannot write, and the fixtures mode, before anything runs', async () => {
    await expect(check(['--impl', correct, '--dump-case', '/proc/x'])).rejects.toThrow(/--dump-case/);
    await expect(check(['--impl', correct, '--dump-case', 'x', '--fixtures'])).rejects.toBeInstanceOf(UsageError);
    expect(existsSync('x')).toBe(false);
  });
});
