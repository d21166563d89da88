/**
 * What to say when `--impl` is a TypeScript file that Node cannot load (Node 20 and 22 load
 * JavaScript only unless types are stripped). The usual fix, a loader (`node --import tsx`),
 * does not help here: the module runs on a worker thread, and on Node 20 a loader registered
 * in the main thread does not reach workers (tried with tsx 4.23: "Unknown file extension
 * .ts" in the worker, the same file loading fine in the main thread). Compiling does.
 *
 * @example
 * ```ts
 * typeScriptHint('solver.ts', err); // 'solver.ts is TypeScript ... npx tsc ...'
 * typeScriptHint('solver.mjs', err); // undefined
 * ```
 */
import { basename, extname } from 'node:path';

const TS_EXTENSIONS: Readonly<Record<string, string>> = { '.ts': '.js', '.mts': '.mjs', '.cts': '.cjs', '.tsx': '.js' };

/**
 * The hint for `path` when `err` is Node refusing its TypeScript extension, else undefined.
 * @example typeScriptHint('a.ts', Object.assign(new TypeError('x'), { code: 'ERR_UNKNOWN_FILE_EXTENSION' }))
 */
export function typeScriptHint(path: string, err: unknown): string | undefined {
  const ext = extname(path).toLowerCase();
  const js = TS_EXTENSIONS[ext];
  if (js === undefined || (err as { code?: unknown } | null)?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') return undefined;
  // tsc --outDir build on one file writes build/<name>.js whatever folder the file is in.
  const compiled = `build/${basename(path, extname(path))}${js}`;
  return (
    `${path} is TypeScript, which Node ${process.version} does not load by itself, and a loader given to node ` +
    `(--import tsx) does not reach the worker thread the module runs on. Compile it to JavaScript and pass that file, ` +
    `e.g. npx tsc --outDir build --module nodenext --target es2022 ${path}, then --impl ${compiled}. ` +
    `Node 23.6 and later load TypeScript without a loader (its erasable syntax: types, no enums or namespaces)`
  );
}
