/**
 * The Python package (python/): its own pytest suite, and a server built on
 * `relucheck.serve` passing `relucheck check --cmd` (every claim its capabilities allow),
 * with a planted bug in the same solver failing the gradient claim.
 */
import { describe, expect, it } from 'vitest';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import { pythonPath, runPython } from './support/python.js';

/** A server command running the package from its source tree (no install). */
const served = (target: string) => `PYTHONPATH='${pythonPath.join(':')}' python3 -m relucheck ${target}`;

async function check(args: string[]) {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
  const code = await makeCheckCommand().run([...args, '--timeout', '20000'], io);
  return { code, out };
}

describe('python/ package', () => {
  it('passes its own pytest suite', () => {
    const run = runPython(['-m', 'pytest', 'python/tests', '-q', '-p', 'no:cacheprovider'], { timeoutMs: 60_000 });
    expect(run.error, run.output).toBeUndefined();
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/\d+ passed/);
    expect(run.output).not.toMatch(/failed|error/i);
  });

  it('a solver served by relucheck.serve passes every claim its capabilities allow', async () => {
    const r = await check(['--cmd', served('solvers:EmpiricalSolver'), '--tier', 'quick']);
    expect(r.out).not.toMatch(/^(FAIL|ERROR)/m);
    // loss, gradient, hvp and gd: the population and init claims are not applicable.
    expect(r.out).toMatch(/capabilities: loss, gradient, hvp, gd\n/);
    expect(r.out).toMatch(/^(\d+) passed, 0 failed, \d+ not applicable, 0 errored$/m);
    expect(Number(/^(\d+) passed/m.exec(r.out)?.[1])).toBeGreaterThanOrEqual(12);
    expect(r.code, r.out).toBe(0);
  });

  it('the same solver with its gradient sign flipped fails the gradient claim, with a replay line', async () => {
    const r = await check(['--cmd', served('solvers:GradientSignBug'), '--seed', '1', '--tier', 'quick', '--claim', 'gradient-fd-directional']);
    expect(r.out).toMatch(/^FAIL {2}gradient-fd-directional /m);
    expect(r.out).toMatch(/--claim gradient-fd-directional --seed 1 --tier quick --path /);
    expect(r.code).toBe(1);
  });
});
