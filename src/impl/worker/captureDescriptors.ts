/**
 * Inside the `--impl` worker thread: writes a module makes straight to file descriptors 1 and
 * 2 (`fs.writeSync(1, ...)`, `fs.write(2, ...)`, a WriteStream on fd 1) are sent through the
 * worker's own process.stdout / process.stderr instead. A worker shares the process's file
 * descriptors, so such a write would otherwise land in relucheck's stdout, in the middle of a
 * `--json` document; through the worker's streams it reaches the main thread, which shows it
 * escaped and capped on stderr like everything else the module prints.
 *
 * Not covered: a module that opens /dev/stdout or /proc/self/fd/1 itself, or writes from
 * native code (documented in docs/protocol.md; run such a module behind `--cmd`).
 *
 * @example
 * ```ts
 * captureStandardDescriptors(); // before the user's module is imported
 * ```
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

type WriteSync = typeof fs.writeSync;
type Write = typeof fs.write;

/** The stream standing in for descriptor `fd`, or undefined for any other descriptor. */
function streamFor(fd: unknown): NodeJS.WriteStream | undefined {
  return fd === 1 ? process.stdout : fd === 2 ? process.stderr : undefined;
}

/** The bytes fs.write/writeSync would write for these arguments (offset, length, encoding forms). */
function bytesOf(data: unknown, rest: readonly unknown[]): Buffer {
  if (typeof data === 'string') {
    // writeSync(fd, string[, position[, encoding]])
    const encoding = typeof rest[1] === 'string' ? (rest[1] as BufferEncoding) : typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
    return Buffer.from(data, encoding);
  }
  const view = data as ArrayBufferView;
  const all = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  // writeSync(fd, buffer[, offset[, length[, position]]]) or (fd, buffer, { offset, length })
  const opts = rest[0] !== null && typeof rest[0] === 'object' ? (rest[0] as { offset?: number; length?: number }) : undefined;
  const offset = opts?.offset ?? (typeof rest[0] === 'number' ? rest[0] : 0);
  const length = opts?.length ?? (typeof rest[1] === 'number' ? rest[1] : all.length - offset);
  return all.subarray(offset, offset + length);
}

/** Redirects descriptor 1 and 2 writes of the fs module (and its ESM named exports). */
export function captureStandardDescriptors(): void {
  const writeSync: WriteSync = fs.writeSync;
  const write: Write = fs.write;
  fs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    const stream = streamFor(fd);
    if (!stream) return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    const bytes = bytesOf(data, rest);
    stream.write(bytes);
    return bytes.length;
  }) as WriteSync;
  fs.write = ((fd: number, data: unknown, ...rest: unknown[]) => {
    const stream = streamFor(fd);
    if (!stream) return (write as (...a: unknown[]) => void)(fd, data, ...rest);
    const callback = rest.pop() as (err: Error | null, written?: number, data?: unknown) => void;
    const bytes = bytesOf(data, rest);
    stream.write(bytes, (err) => callback(err ?? null, bytes.length, data));
  }) as Write;
  syncBuiltinESMExports();
}
