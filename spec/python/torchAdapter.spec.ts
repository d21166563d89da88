/**
 * relucheck.torch (python/src/relucheck/torch.py): a PyTorch model served through the
 * adapter (autograd gradient, double-backward HVP, GD by the model's optimizer) declares
 * reluAtZero 0 and its dtype's precision, passes every claim its capabilities allow in float64
 * and, declared float32, in float32 mode; from pytest, planted bugs (a smooth stand-in for
 * relu, momentum in the optimizer) fail the item of the claim that catches them. Skipped, and
 * counted as skipped, where torch cannot be imported (RELUCHECK_TORCH_PYTHON names another
 * interpreter, e.g. Debian's /usr/bin/python3 with python3-torch). npm test runs the
 * handshake and the float64 claims; RELUCHECK_TORCH=all adds the pytest run with the planted
 * bugs (each solver imports torch in its own process: about 20 s on a quiet machine).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import { processImplementation } from '../../src/impl/processImplementation.js';
import { pythonPath, runPython } from './support/python.js';
import { runPytestProject } from './support/pytestRun.js';

const python = process.env.RELUCHECK_TORCH_PYTHON ?? 'python3';
/** One intra-op thread: the tensors are tiny, and two cores are shared. */
const threads = { OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
const probe = runPython(['-c', 'import torch, numpy; print(torch.__version__)'], { python, timeoutMs: 60_000, env: threads });
const torchVersion = probe.status === 0 ? probe.stdout.trim() : undefined;
const why = torchVersion ? `torch ${torchVersion}` : `skipped: ${python} cannot import torch (${probe.output.trim().split('\n').pop()})`;

const served = (target: string) =>
  `OMP_NUM_THREADS=1 PYTHONPATH='${pythonPath.join(':')}' ${python} -m relucheck torch_solvers:${target}`;

async function check(args: string[]) {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
  const code = await makeCheckCommand().run([...args, '--timeout', '60000'], io);
  return { code, out };
}

/** A temporary folder holding only the exact-kink cases of fixtures/. */
function exactKinkFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relucheck-kinks-'));
  for (const name of readdirSync('fixtures').filter((f) => f.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(join('fixtures', name), 'utf8')) as { groups: { cases: { flags: string[] }[] }[] };
    doc.groups = doc.groups
      .map((g) => ({ ...g, cases: g.cases.filter((c) => c.flags.includes('exact_kink')) }))
      .filter((g) => g.cases.length > 0);
    if (doc.groups.length > 0) writeFileSync(join(dir, name), JSON.stringify(doc));
  }
  return dir;
}

describe.skipIf(!torchVersion)(`relucheck.torch (${why})`, () => {
  it('declares relu\'(0) = 0 and its dtype\'s precision in the handshake (float32 here; float64 in python/tests)', async () => {
    const impl = await processImplementation({ command: served('model32'), timeoutMs: 60_000 });
    try {
      expect([impl.reluAtZero, impl.precision]).toEqual([0, 'float32']);
    } finally {
      await impl.close();
    }
  });

  it('a float64 torch model passes every claim its capabilities allow', async () => {
    const r = await check(['--cmd', served('model64'), '--tier', 'quick', '--seed', '1', '--json']);
    const doc = JSON.parse(r.out) as { implementation: { about: Record<string, unknown>; capabilities: string[] }; counts: Record<string, number>; verdicts: { id: string; status: string; message?: string }[] };
    expect(doc.implementation.capabilities).toEqual(['loss', 'gradient', 'hvp', 'gd']);
    expect(doc.implementation.about).toMatchObject({ language: 'python', name: 'relucheck.torch model Net' });
    const bad = doc.verdicts.filter((v) => v.status === 'failed' || v.status === 'errored');
    expect(bad, JSON.stringify(bad, null, 1).slice(0, 3000)).toEqual([]);
    expect(doc.counts.passed).toBeGreaterThanOrEqual(12);
    expect(r.code).toBe(0);
  });

  // npm test: the exact-kink cases only (a folder of them; the dense-Hessian cases take ~10 s of
  // double-backward HVPs); RELUCHECK_TORCH=all: every fixture.
  it("a float64 torch model passes the golden fixtures, the exact-kink ones held to its declared relu'(0) = 0", async () => {
    const dir = process.env.RELUCHECK_TORCH === 'all' ? 'fixtures' : exactKinkFixtures();
    const r = await check(['--cmd', served('model64'), '--fixtures', '--fixtures-dir', dir, '--json']);
    type Case = { status: string; flags: string[]; reluAtZero?: { value: number; from: string } };
    const doc = JSON.parse(r.out) as { counts: Record<string, number>; cases: Case[] };
    const bad = doc.cases.filter((c) => c.status === 'failed' || c.status === 'errored');
    expect(bad, JSON.stringify(bad, null, 1).slice(0, 3000)).toEqual([]);
    const kinks = doc.cases.filter((c) => c.flags.includes('exact_kink'));
    expect(kinks.map((c) => [c.status, c.reluAtZero])).toEqual(kinks.map(() => ['passed', { value: 0, from: 'declared' }]));
    expect(kinks.length).toBe(5);
    expect(r.code).toBe(0);
  });

  // The float32 rounding bounds arrive with check's --precision option (the precision work of
  // issue 15); until then claims hold a float32 server to float64 bounds, and this waits.
  it.skipIf(!makeCheckCommand().help.includes('--precision'))('declared float32, it passes in float32 mode (rounding bounds with u = 2^-24)', async () => {
    const r = await check(['--cmd', served('model32'), '--tier', 'quick', '--seed', '1', '--json']);
    const doc = JSON.parse(r.out) as { counts: Record<string, number>; verdicts: { id: string; status: string; replay?: string }[] };
    const bad = doc.verdicts.filter((v) => v.status === 'failed' || v.status === 'errored');
    expect(bad, JSON.stringify(bad, null, 1).slice(0, 3000)).toEqual([]);
    expect(doc.counts.passed).toBeGreaterThanOrEqual(8);
    expect(r.code).toBe(0);
  });

  it.skipIf(process.env.RELUCHECK_TORCH !== 'all')('from pytest (RELUCHECK_TORCH=all): the torch model passes, planted bugs fail the right item', () => {
    const run = runPytestProject(
      {
        'test_torch_solver.py': `import relucheck
from torch_solvers import loss64, planted_momentum, planted_softplus

test_loss = relucheck.claims(loss64, tier="quick", seed=1, only=["gradient-fd-full", "hvp-fd", "stationarity-noiseless"])
test_softplus = relucheck.claims(planted_softplus, tier="quick", seed=1, only=["gradient-fd-full", "stationarity-noiseless"])
test_momentum = relucheck.claims(planted_momentum, tier="quick", seed=1, only=["gradient-fd-full", "gd-consistency"])
`,
      },
      ['-p', 'relucheck.pytest_plugin'],
      { python, env: { ...threads, PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1' }, timeoutMs: 120_000 },
    );
    const outcomes = Object.fromEntries(run.reports.map((r) => [r.nodeid.replace('test_torch_solver.py::', ''), r.outcome]));
    expect(outcomes, run.output.slice(-3000)).toEqual({
      'test_loss::gradient-fd-full': 'passed',
      'test_loss::hvp-fd': 'passed',
      'test_loss::stationarity-noiseless': 'passed',
      // Softplus is not piecewise quadratic, so central differences are no longer exact at the
      // claim's step; and W* is no longer stationary.
      'test_softplus::gradient-fd-full': 'failed',
      'test_softplus::stationarity-noiseless': 'failed',
      'test_momentum::gradient-fd-full': 'passed',
      'test_momentum::gd-consistency': 'failed',
    });
    expect(run.report('test_torch_solver.py::test_momentum::gd-consistency')!.text).toMatch(/^replay: relucheck check --cmd .*--claim gd-consistency --seed 1 --tier quick/m);
    expect(run.status).toBe(1);
  });
});
