/**
 * The pytest plugin (python/src/relucheck/pytest_plugin.py): a user's test module binds
 * `relucheck.claims(Solver)` to a test name and gets one pytest item per claim of
 * `relucheck check --list`; a correct solver passes every item its capabilities allow (the
 * others are skipped with the missing capability), a planted bug fails exactly the item of
 * the claim that catches it, with the claim's message, counterexample and replay line, and
 * pytest exits 1. Runs pytest in a temporary directory with the package's source tree on
 * PYTHONPATH (`-p relucheck.pytest_plugin`); with RELUCHECK_PYTHON_INSTALLED=1 (set by
 * .ci/run after `pip install ./python`) also through the installed entry point, with no
 * repository path on sys.path.
 */
import { describe, expect, it } from 'vitest';
import { claims as suiteClaims } from '../../properties/index.js';
import { runPytestProject } from './support/pytestRun.js';

/** The plugin from the source tree; autoload off so an egg-info left by a pip build cannot register it twice. */
const fromSource = (files: Record<string, string>, args: string[]) =>
  runPytestProject(files, ['-p', 'relucheck.pytest_plugin', ...args], { env: { PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1' } });

const ids = suiteClaims.map((c) => c.id);
/** The solvers' capabilities (python/tests/solvers.py): loss, gradient, hvp, gd. */
const offered = new Set(['loss', 'gradient', 'hvp', 'gd']);
const applicable = suiteClaims.filter((c) => c.needs.every((n) => offered.has(n))).map((c) => c.id);

const testModule = `import relucheck
from solvers import EmpiricalSolver, GradientSignBug

test_correct = relucheck.claims(EmpiricalSolver, tier="quick", seed=1)
test_planted = relucheck.claims(GradientSignBug, tier="quick", seed=1, only=["gradient-fd-full", "population-gradient-fd"])
`;

describe('pytest plugin: one item per claim', () => {
  it('a correct solver passes every applicable item, the rest are skipped with the capability; a planted bug fails the right item', () => {
    const run = fromSource({ 'test_solver.py': testModule }, []);
    expect(run.error, run.output).toBeUndefined();
    const correct = run.reports.filter((r) => r.nodeid.startsWith('test_solver.py::test_correct::'));
    expect(correct.map((r) => r.nodeid.split('::')[2])).toEqual(ids);
    for (const r of correct) {
      const id = r.nodeid.split('::')[2];
      if (applicable.includes(id)) expect(r.outcome, `${id}: ${r.text}`).toBe('passed');
      else {
        expect(r.outcome, id).toBe('skipped');
        expect(r.text).toMatch(new RegExp(`${id} not applicable: needs (population|populationHvp|init)`));
      }
    }
    expect(applicable.length).toBeGreaterThanOrEqual(12);

    expect(run.outcome('test_solver.py::test_planted::population-gradient-fd')).toBe('skipped');
    const failed = run.report('test_solver.py::test_planted::gradient-fd-full')!;
    expect(failed.outcome).toBe('failed');
    expect(failed.text).toMatch(/^claim gradient-fd-full FAILED: /);
    expect(failed.text).toMatch(/measured .* exceeds the bound/);
    expect(failed.text).toMatch(/^counterexample:\n {2}\{"instance"/m);
    expect(failed.text).toMatch(/^replay: relucheck check --cmd '.*-m relucheck solvers:GradientSignBug' --claim gradient-fd-full --seed 1 --tier quick --path \S+$/m);
    expect(failed.text).toMatch(/^pytest replay: pytest test_solver.py::test_planted::gradient-fd-full --relucheck-seed 1 --relucheck-tier quick$/m);
    expect(run.reports.filter((r) => r.outcome === 'failed').map((r) => r.nodeid)).toEqual(['test_solver.py::test_planted::gradient-fd-full']);
    expect(run.status, run.output).toBe(1);
  });

  it('--relucheck-cmd adds a server\'s items and -k selects among them; a server that cannot start fails its items with the reason; a bad argument is refused naming it', () => {
    // One pytest run for the three (each run starts pytest and Node twice: the budget of npm test).
    const run = fromSource(
      {
        'test_broken.py': 'import relucheck\ntest_broken = relucheck.claims("python3 -c \\"raise SystemExit(3)\\"", only=["gradient-fd-full", "hvp-fd"])\n',
        'test_bad.py': 'import relucheck\ntest_bad = relucheck.claims("python3 s.py", tier="slow")\n',
      },
      [
        '--relucheck-cmd', 'python3 -m relucheck solvers:EmpiricalSolver',
        '--relucheck-tier', 'quick', '--relucheck-seed', '3',
        '-k', 'gradient-fd-full or tensor-init-rate or broken',
        '--continue-on-collection-errors',
      ],
    );
    expect(run.reports.filter((r) => r.nodeid.startsWith('relucheck::')).map((r) => [r.nodeid, r.outcome])).toEqual([
      ['relucheck::gradient-fd-full', 'passed'],
      ['relucheck::tensor-init-rate', 'skipped'],
    ]);
    const broken = run.reports.filter((r) => r.nodeid.startsWith('test_broken.py::'));
    expect(broken.map((r) => [r.nodeid, r.outcome])).toEqual([
      ['test_broken.py::test_broken::gradient-fd-full', 'failed'],
      ['test_broken.py::test_broken::hvp-fd', 'failed'],
    ]);
    for (const r of broken) expect(r.text).toMatch(/the implementation could not start \(\w+\)/);
    expect(run.output).toMatch(/ValueError: relucheck.claims: tier must be one of quick, default, thorough, got 'slow'/);
    expect(run.status, run.output).toBe(1);
  });

  it.skipIf(process.env.RELUCHECK_PYTHON_INSTALLED !== '1')(
    'installed with pip (RELUCHECK_PYTHON_INSTALLED=1): found through the pytest11 entry point, no repository path on sys.path',
    () => {
      const solver = `import numpy as np

class HalfGradient:
    def loss(self, X, y, W):
        r = np.maximum(X @ W, 0).sum(axis=1) - y
        return r @ r / (2 * len(y))

    def gradient(self, X, y, W):                # planted: a stray 1/2
        Z = X @ W
        r = np.maximum(Z, 0).sum(axis=1) - y
        return 0.5 * X.T @ ((Z >= 0) * r[:, None]) / len(y)
`;
      const run = runPytestProject(
        { 'my_solver.py': solver, 'test_mine.py': 'import relucheck\nfrom my_solver import HalfGradient\ntest_mine = relucheck.claims(HalfGradient, tier="quick", seed=1, only=["gradient-fd-full"])\n' },
        [],
        { env: { PYTHONPATH: '' } },
      );
      expect(run.outcome('test_mine.py::test_mine::gradient-fd-full'), run.output).toBe('failed');
      expect(run.status).toBe(1);
    },
  );
});
