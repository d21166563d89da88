/**
 * Runs pytest in a fresh temporary directory holding a user's test file, with a recorder
 * conftest that writes every test report (node id, outcome, report text) as JSON lines, so
 * a spec asserts on each pytest item rather than on pytest's console layout.
 *
 * @example
 * const run = runPytestProject({ 'test_solver.py': 'import relucheck\n...' });
 * expect(run.outcome('test_solver.py::test_correct::gradient-fd-full')).toBe('passed');
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runPython, type PythonRun } from './python.js';

/** One pytest report of the test phase that decided the item (call, or a failed setup). */
export interface PytestReport {
  readonly nodeid: string;
  readonly when: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  readonly text: string;
}

/** What a pytest run said, item by item. */
export interface PytestProjectRun extends PythonRun {
  readonly reports: readonly PytestReport[];
  /** The outcome of one item, undefined when it did not run. */
  outcome(nodeid: string): PytestReport['outcome'] | undefined;
  report(nodeid: string): PytestReport | undefined;
}

const RECORDER = `import json, os
def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":
        with open(os.environ["RELUCHECK_SPEC_REPORTS"], "a") as f:
            f.write(json.dumps({"nodeid": report.nodeid, "when": report.when, "outcome": report.outcome,
                                "text": report.longreprtext}) + "\\n")
`;

/** relucheck's CLI as this repository builds it (dist/, built by `pretest`). */
export const relucheckCli = `node ${repoRoot}dist/src/cli/main.js`;

/**
 * Writes `files` into a temporary directory, runs `python -m pytest args...` there with
 * RELUCHECK_CLI pointing at this repository's build, and removes the directory.
 */
export function runPytestProject(
  files: Record<string, string>,
  args: readonly string[] = [],
  options: { python?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): PytestProjectRun {
  const dir = mkdtempSync(join(tmpdir(), 'relucheck-pytest-'));
  try {
    writeFileSync(join(dir, 'conftest.py'), RECORDER);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const reportsFile = join(dir, 'reports.jsonl');
    const run = runPython(['-m', 'pytest', '-p', 'no:cacheprovider', '-q', ...args], {
      cwd: dir,
      python: options.python,
      timeoutMs: options.timeoutMs ?? 90_000,
      env: { RELUCHECK_CLI: relucheckCli, RELUCHECK_SPEC_REPORTS: reportsFile, ...options.env },
    });
    const reports: PytestReport[] = existsSync(reportsFile)
      ? readFileSync(reportsFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as PytestReport)
      : [];
    const report = (nodeid: string) => reports.find((r) => r.nodeid === nodeid);
    return { ...run, reports, report, outcome: (nodeid) => report(nodeid)?.outcome };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
