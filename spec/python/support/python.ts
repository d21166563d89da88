/**
 * Running the Python package (python/) from specs: its source tree on PYTHONPATH (no install
 * needed), one BLAS thread (2 cores shared), bounded time.
 *
 * @example
 * const run = runPython(['-m', 'pytest', 'python/tests', '-q']);
 * expect(run.status, run.output).toBe(0);
 */
import { spawnSync } from 'node:child_process';
import { delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (ends with a slash). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** PYTHONPATH entries: the package's source and its test solvers. */
export const pythonPath = [`${repoRoot}python/src`, `${repoRoot}python/tests`];

/** The environment for a Python child: the package importable, single-threaded BLAS. */
export function pythonEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = process.env.PYTHONPATH ? [process.env.PYTHONPATH] : [];
  return { ...process.env, PYTHONPATH: [...pythonPath, ...inherited].join(delimiter), OPENBLAS_NUM_THREADS: '1', ...extra };
}

/** What a finished Python run said. */
export interface PythonRun {
  readonly status: number | null;
  readonly output: string;
  readonly stdout: string;
  readonly error?: Error;
}

/** Runs `python argv...` in the repository root with {@link pythonEnv}, killed after `timeoutMs`. */
export function runPython(argv: readonly string[], options: { python?: string; timeoutMs?: number; env?: Record<string, string>; cwd?: string } = {}): PythonRun {
  const run = spawnSync(options.python ?? 'python3', argv, {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    env: pythonEnv(options.env),
    timeout: options.timeoutMs ?? 60_000,
  });
  return { status: run.status, stdout: run.stdout, output: `${run.stdout}\n${run.stderr}`, error: run.error };
}
