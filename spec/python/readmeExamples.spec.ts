/**
 * The README's pytest examples run as written: each ```python block of README.md that starts
 * with `# test_<name>.py` is written to that file in a fresh folder and run by pytest, with the
 * installed package (RELUCHECK_PYTHON_INSTALLED=1, as .ci/run sets up: no repository path on
 * sys.path) or else the source tree. A correct solver passes every item its capabilities allow
 * (the others are skipped as not applicable), and a planted bug, made by one textual edit of the
 * same example, fails the item of the claim that must catch it. The NumPy example always runs;
 * the PyTorch one where torch imports and RELUCHECK_TORCH=all, like torchAdapter.spec's pytest run
 * (each claim's requests go through torch in a server process: 64 s at load 12 here, too much for
 * npm test's 3 minutes); skipped, and counted as skipped, otherwise.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot, runPython } from './support/python.js';
import { runPytestProject, type PytestProjectRun } from './support/pytestRun.js';

/** The README's pytest examples, by file name. */
export function readmeTestFiles(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of markdown.matchAll(/```python\n(# (test_\w+\.py)[^\n]*\n[\s\S]*?)```/g)) files.set(m[2], m[1]);
  return files;
}

const examples = readmeTestFiles(readFileSync(`${repoRoot}README.md`, 'utf8'));
const installed = process.env.RELUCHECK_PYTHON_INSTALLED === '1';
/** Installed: no repository path at all. Otherwise the package's source (not its test solvers). */
const env: Record<string, string> = installed
  ? { PYTHONPATH: '', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }
  : { PYTHONPATH: `${repoRoot}python/src`, PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
/** From the source tree the plugin has no entry point: name it (autoload off, so it cannot load twice). */
const pluginArgs = installed ? [] : ['-p', 'relucheck.pytest_plugin'];
const torchRun = process.env.RELUCHECK_TORCH === 'all' && runPython(['-c', 'import torch'], { env, timeoutMs: 60_000 }).status === 0;

/** One planted bug: an edit of the example's text and the item that must fail. */
interface Planted {
  readonly replace: string;
  readonly by: string;
  readonly caughtBy: string;
  /** Items that must still pass: the bug is what the named claim sees, not a broken run. */
  readonly stillPass: readonly string[];
}

/** Runs the example and its planted twin in one pytest run (one start of pytest and Node). */
function runExample(file: string, planted: Planted): { run: PytestProjectRun; ok: string; bad: string } {
  const text = examples.get(file);
  expect(text, `README.md has no \`\`\`python block starting "# ${file}"`).toBeDefined();
  expect(text!.includes(planted.replace), `the ${file} example no longer contains ${JSON.stringify(planted.replace)}`).toBe(true);
  const bad = file.replace(/\.py$/, '_planted.py');
  const run = runPytestProject({ [file]: text!, [bad]: text!.replace(planted.replace, planted.by) }, [...pluginArgs, '--relucheck-seed', '1'], { env, timeoutMs: 240_000 });
  return { run, ok: file, bad };
}

function expectVerdicts({ run, ok, bad }: ReturnType<typeof runExample>, planted: Planted, minPassed: number): void {
  expect(run.error, run.output).toBeUndefined();
  const correct = run.reports.filter((r) => r.nodeid.startsWith(`${ok}::`));
  for (const r of correct) {
    if (r.outcome === 'skipped') expect(r.text, r.nodeid).toMatch(/not applicable: needs/);
    else expect(r.outcome, `${r.nodeid}: ${r.text}`).toBe('passed');
  }
  expect(correct.filter((r) => r.outcome === 'passed').length, run.output).toBeGreaterThanOrEqual(minPassed);
  const item = (id: string) => run.reports.find((r) => r.nodeid.startsWith(`${bad}::`) && r.nodeid.endsWith(`::${id}`));
  expect(item(planted.caughtBy)?.outcome, `${bad}: ${planted.caughtBy} must catch the planted edit\n${run.output}`).toBe('failed');
  expect(item(planted.caughtBy)!.text).toMatch(new RegExp(`^claim ${planted.caughtBy} FAILED: `));
  for (const id of planted.stillPass) expect(item(id)?.outcome, `${bad}::${id}`).toBe('passed');
  expect(run.status).toBe(1);
}

describe(`README pytest examples (${installed ? 'installed package' : 'source tree'})`, () => {
  it('lists the NumPy and the PyTorch example', () => {
    expect([...examples.keys()]).toEqual(['test_my_solver.py', 'test_my_torch_solver.py']);
  });

  it('NumPy: the example passes; a stray 1/2 in its gradient fails gradient-fd-full', () => {
    const planted: Planted = {
      replace: 'return X.T @ ((Z >= 0) * r[:, None]) / len(y)',
      by: 'return X.T @ ((Z >= 0) * r[:, None]) / (2 * len(y))',
      caughtBy: 'gradient-fd-full',
      stillPass: ['invariance-permutation'],
    };
    expectVerdicts(runExample('test_my_solver.py', planted), planted, 10);
  });

  it.skipIf(!torchRun)('PyTorch: the example passes; an output scaled by 0.9 keeps autograd consistent but moves the minimum off W* (stationarity-noiseless)', () => {
    const planted: Planted = {
      replace: 'return torch.relu(self.hidden(X)).sum(dim=1)',
      by: 'return 0.9 * torch.relu(self.hidden(X)).sum(dim=1)',
      caughtBy: 'stationarity-noiseless',
      stillPass: ['gradient-fd-full', 'hvp-fd'],
    };
    expectVerdicts(runExample('test_my_torch_solver.py', planted), planted, 12);
  });
});
