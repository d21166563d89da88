/**
 * One audit at a time per output folder. Two audits resuming the same DIR would both read the
 * same results.jsonl, run the same missing trials and append them twice (or, with different
 * shards, race on the torn-tail repair and the report files), so an audit holds DIR/audit.lock
 * from before it reads the results until its report is written.
 *
 * The lock is a file created atomically with its whole content (written to a private file,
 * then hard-linked into place, which fails if the name exists), naming the holder: pid, host,
 * start time and, on Linux, the process's start tick from /proc (so a pid reused by another
 * process is not mistaken for the holder). A lock whose holder is gone (killed by a signal,
 * the machine rebooted) is taken over with a warning; takeovers are serialized by a second,
 * short-lived file, so two audits finding the same stale lock cannot both take it.
 *
 * @example
 * ```ts
 * const lock = acquireOutLock('audit-out', '--out', (w) => process.stderr.write(w));
 * try { ... } finally { lock.release(); }
 * ```
 */
import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fail } from '../../core/validate.js';

/** The lock's file name inside an audit directory. */
export const LOCK_FILE = 'audit.lock';

/** Who holds a lock (the file's JSON content). */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO date the lock was taken. */
  readonly since: string;
  /** Start time of the process in clock ticks since boot (Linux; field 22 of /proc/PID/stat). */
  readonly startTicks?: number;
}

/** A held lock. */
export interface OutLock {
  readonly path: string;
  /** Removes the lock if it is still this process's. Idempotent. */
  release(): void;
}

/** A takeover file older than this belongs to a process that died mid-takeover. */
const TAKEOVER_STALE_MS = 10_000;

/** The start tick of `pid` (Linux), undefined when it cannot be read. */
function startTicksOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isSafeInteger(v.pid) || (v.pid as number) <= 0 || typeof v.host !== 'string' || typeof v.since !== 'string') return undefined;
    return v as LockHolder;
  } catch {
    return undefined;
  }
}

/**
 * Is the holder certainly gone? Only decidable on this host: a dead pid, or a live pid whose
 * start tick is not the recorded one (the pid was reused).
 */
export function holderIsGone(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
  if (holder.startTicks === undefined) return false;
  const now = startTicksOf(holder.pid);
  return now !== undefined && now !== holder.startTicks;
}

function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} on host ${JSON.stringify(h.host)}, since ${h.since}`;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Sleeps synchronously (takeovers are rare and short; the audit has not started yet). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes `dir`'s lock or throws a ValidationError for `option` naming the holder and how to
 * clear a stale lock. A stale lock is taken over and `warn` is told.
 */
export function acquireOutLock(dir: string, option: string, warn: (text: string) => void): OutLock {
  const path = join(dir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), ...optionalTicks(startTicksOf(process.pid)) };
  const content = `${JSON.stringify(me)}\n`;
  const draft = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(draft, content, { flag: 'wx' });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, path);
        return held(path, content);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const text = readOrUndefined(path);
      if (text === undefined) continue; // released meanwhile: try again
      const holder = parseHolder(text);
      if (!holder) {
        fail(option, `${path} exists but is not a lock relucheck wrote (${JSON.stringify(text.slice(0, 60))}); if no audit is writing ${dir}, delete ${path} and rerun`, dir);
      }
      if (!holderIsGone(holder)) {
        fail(
          option,
          `${dir} is in use by another relucheck audit (${describeHolder(holder)}); wait for it to finish or use another ${option}. ` +
            `If no audit is running there (it was killed on another host, or the folder was copied), delete ${path} and rerun`,
          dir,
        );
      }
      if (attempt > 50) fail(option, `could not take over the stale lock ${path} (another process keeps replacing it); delete it and rerun`, dir);
      const took = takeOver(path, text);
      if (took === 'removed') {
        warn(`relucheck audit: took over the stale lock ${path} (${describeHolder(holder)}: that process is gone; a trial it left torn reruns)\n`);
      } else if (took === 'busy') {
        pause(50); // another audit is taking it over: see who wins
      }
    }
  } finally {
    try {
      unlinkSync(draft);
    } catch {
      /* already gone */
    }
  }
}

function optionalTicks(ticks: number | undefined): { startTicks?: number } {
  return ticks === undefined ? {} : { startTicks: ticks };
}

/**
 * Removes the stale lock whose content is `stale`, under the takeover file so that only one
 * process removes it (a second one would remove the first one's fresh lock). False when
 * another process is taking over ('busy'), or the lock changed meanwhile ('changed').
 */
function takeOver(path: string, stale: string): 'removed' | 'changed' | 'busy' {
  const gate = `${path}.takeover`;
  let fd: number;
  try {
    fd = openSync(gate, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    try {
      if (Date.now() - statSync(gate).mtimeMs > TAKEOVER_STALE_MS) unlinkSync(gate);
    } catch {
      /* removed meanwhile */
    }
    return 'busy';
  }
  try {
    writeSync(fd, `${process.pid}\n`);
    // Still the same stale lock? (Another process may have taken it over meanwhile.)
    if (readOrUndefined(path) !== stale) return 'changed';
    unlinkSync(path);
    return 'removed';
  } finally {
    closeSync(fd);
    unlinkSync(gate);
  }
}

function held(path: string, content: string): OutLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    // Only our own lock: a lock taken over after we were presumed dead is someone else's now.
    if (readOrUndefined(path) === content) unlinkSync(path);
  };
  // process.exit() skips finally blocks; the 'exit' event still runs (a signal runs neither:
  // that lock is then stale and the next audit takes it over).
  process.on('exit', release);
  return { path, release };
}
