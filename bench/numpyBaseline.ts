/**
 * A NumPy process (bench/numpy_gradient.py) with its BLAS pinned to a number of threads,
 * driven line by line so its runs can be interleaved with ours in one benchmark.
 *
 * @example
 * ```ts
 * const np = await startNumpy(1);
 * const ms = await np.time(5000, 10, 5, 20);
 * np.close();
 * ```
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running NumPy baseline. */
export interface NumpyBaseline {
  /** What numpy reported about its BLAS, as JSON text. */
  readonly blas: string;
  /** Per-call milliseconds of `reps` loss+gradient calls at (N, d, K). */
  time(N: number, d: number, K: number, reps: number): Promise<number[]>;
  /** Best 1000^3 float64 matmul rate, GFLOP/s. */
  peak(): Promise<number>;
  close(): void;
}

// The script lives in bench/ next to this file's source; dist/bench/ has no .py files.
const script = fileURLToPath(new URL('../../bench/numpy_gradient.py', import.meta.url));

/** Starts python3 with every BLAS thread knob set to `threads`. */
export async function startNumpy(threads: number): Promise<NumpyBaseline> {
  const env = { ...process.env };
  for (const knob of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS',
    'BLIS_NUM_THREADS', 'VECLIB_MAXIMUM_THREADS', 'NUMEXPR_NUM_THREADS']) {
    env[knob] = String(threads);
  }
  // These slow a current NumPy; unset in this subprocess only (issue 2).
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const child = spawn('python3', [script], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error('numpy_gradient.py exited early');
    return value as string;
  };
  const ask = async (req: object): Promise<Record<string, unknown>> => {
    child.stdin.write(`${JSON.stringify(req)}\n`);
    return JSON.parse(await next()) as Record<string, unknown>;
  };
  const blas = await next();
  return {
    blas,
    time: async (N, d, K, reps) => (await ask({ N, d, K, reps })).ms as number[],
    peak: async () => (await ask({ peak: true })).gflops as number,
    close: () => child.stdin.end(),
  };
}
