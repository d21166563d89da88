/**
 * A failure to write relucheck's own output (a full disk, a quota, a file size limit, a
 * read-only or vanished folder). It is neither a failed claim (exit 1) nor bad usage (exit 2):
 * the CLI exits with its own code (EXIT.io, 3) and the message says what was and was not
 * saved, so a CI job can tell "the implementation is wrong" from "the runner's disk is full".
 *
 * @example
 * ```ts
 * try { writeFileSync(path, text); } catch (err) { throw IoError.wrap(err, `could not write ${path}`); }
 * ```
 */

/** Error codes of the operating system that mean "could not write". */
const WRITE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO', 'EROFS', 'EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EMFILE', 'ENFILE', 'EBADF']);

/** A write of relucheck's own output failed. */
export class IoError extends Error {
  override readonly name = 'IoError';
  constructor(
    message: string,
    /** The operating system's code (ENOSPC, EFBIG, ...), when known. */
    readonly code?: string,
  ) {
    super(message);
  }

  /**
   * `what` (e.g. "could not append trial X to results.jsonl") with the system's reason; any
   * other error is returned unchanged (a bug must still surface as one).
   * @example IoError.wrap(err, 'could not write report.md')
   */
  static wrap(err: unknown, what: string): unknown {
    if (!isWriteFailure(err)) return err;
    const e = err as { code: string; message: string };
    return new IoError(`${what}: ${e.message}`, e.code);
  }
}

/**
 * True for an IoError, and for a Node system error whose code means a write could not be
 * done (thrown by writeSync, fsyncSync, openSync, mkdirSync...).
 * @example isWriteFailure(Object.assign(new Error('x'), { code: 'ENOSPC', syscall: 'write' })) // true
 */
export function isWriteFailure(err: unknown): boolean {
  if (err instanceof IoError) return true;
  const e = err as { code?: unknown; syscall?: unknown } | null;
  return typeof e?.code === 'string' && typeof e.syscall === 'string' && WRITE_FAILURES.has(e.code);
}
