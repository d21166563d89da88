/**
 * Writes a whole file or nothing: the text goes to a private temporary file in the same
 * folder, is flushed to disk, then renamed over the target (rename is atomic within a
 * filesystem). A CI job that reads the file (a JUnit dashboard) never sees half of it, and a
 * run killed or out of disk mid-write leaves the previous file intact instead of a torn one.
 *
 * @example
 * ```ts
 * writeFileAtomic('results.xml', xml); // throws an IoError (exit 3) on a full disk
 * ```
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IoError } from '../core/ioError.js';

/**
 * Writes `text` (UTF-8) to `file` atomically; a failure removes the temporary file and is an
 * {@link IoError} naming the file (any other error is rethrown as it is).
 * @example writeFileAtomic('out/junit.xml', '<testsuites/>')
 */
export function writeFileAtomic(file: string, text: string): void {
  // pid and a random suffix: two relucheck runs writing the same target never share a temp file.
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already failing: the write's error is the one to report
      }
    }
    rmSync(tmp, { force: true });
    throw IoError.wrap(err, `could not write ${file} (nothing was written; a previous file is left as it was)`);
  }
}
