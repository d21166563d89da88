/**
 * Checks an output directory option (`--out`) before any work starts: not empty, not an
 * existing file, not under a file, not on a pseudo-filesystem (/proc, /sys, /dev: writing
 * there either fails late or, for /proc, makes Node's recursive mkdir spin forever), and
 * writable. Then creates it. Each refusal is a ValidationError naming the option, the rule and
 * the path (exit 2).
 *
 * @example
 * ```ts
 * prepareOutputDirectory('--out', 'audit-out'); // creates audit-out/ or throws "invalid argument. ..."
 * ```
 */
import { accessSync, constants, mkdirSync, statfsSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fail, ValidationError } from '../core/validate.js';

/** statfs magic numbers of kernel pseudo-filesystems (linux/magic.h). */
const PSEUDO_FS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0xcafe4a11, 'bpf'],
]);

/** Top-level folders that are pseudo-filesystems on Linux (devtmpfs has tmpfs's magic, so by name). */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];
const ALLOWED_UNDER_PSEUDO = ['/dev/shm'];

/** The nearest existing path at or above `abs`, with its stats. */
function nearestExisting(abs: string): { path: string; stats: Stats } {
  let p = abs;
  for (;;) {
    try {
      return { path: p, stats: statSync(p) };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const parent = dirname(p);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === p) throw err;
      p = parent;
    }
  }
}

function under(path: string, root: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/**
 * Validates `dir` for `option` without creating anything; returns its absolute path.
 * @example assertOutputDirectory('--out', 'merged')
 */
export function assertOutputDirectory(option: string, dir: string): string {
  if (dir.trim() === '') fail(option, `${option} must be a directory path, not empty`, dir);
  if (dir.includes('\0')) fail(option, `${option} must not contain a NUL character`, dir);
  const abs = resolve(dir);
  if (PSEUDO_ROOTS.some((r) => under(abs, r)) && !ALLOWED_UNDER_PSEUDO.some((r) => under(abs, r))) {
    fail(option, `${option} must not be on a pseudo-filesystem (${PSEUDO_ROOTS.join(', ')}); choose a folder on disk`, dir);
  }
  const found = nearestExisting(abs);
  if (!found.stats.isDirectory()) {
    fail(
      option,
      found.path === abs ? `${option} must be a directory, but ${found.path} is an existing file` : `${option} must not lie under a file, but ${found.path} is a file`,
      dir,
    );
  }
  let fsType: number | undefined;
  try {
    fsType = Number(statfsSync(found.path).type);
  } catch {
    fsType = undefined; // statfs unsupported here: the name checks above still apply
  }
  const pseudo = fsType === undefined ? undefined : PSEUDO_FS.get(fsType);
  if (pseudo) fail(option, `${option} must not be on a pseudo-filesystem (${found.path} is ${pseudo}); choose a folder on disk`, dir);
  try {
    accessSync(found.path, constants.W_OK | constants.X_OK);
  } catch {
    fail(option, `${option} must be writable, but ${found.path} is not writable by this user`, dir);
  }
  return abs;
}

/**
 * Validates `dir` (see {@link assertOutputDirectory}) and creates it; returns its absolute path.
 * @example prepareOutputDirectory('--out', 'audit-out')
 */
export function prepareOutputDirectory(option: string, dir: string): string {
  const abs = assertOutputDirectory(option, dir);
  try {
    mkdirSync(abs, { recursive: true });
  } catch (err) {
    fail(option, `${option} could not be created (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, dir);
  }
  return abs;
}

/**
 * An output file option (`--junit FILE`): not empty, not an existing folder, in a folder that
 * passes {@link prepareOutputDirectory} (created if missing). Checked before any work starts, so
 * a bad path is a usage error, not a run whose result is lost at the end. Returns the absolute path.
 * @example prepareOutputFile('--junit', 'reports/junit.xml')
 */
export function prepareOutputFile(option: string, file: string): string {
  if (file.trim() === '') fail(option, `${option} must be a file path, not empty`, file);
  if (file.includes('\0')) fail(option, `${option} must not contain a NUL character`, file);
  const abs = resolve(file);
  let isDirectory = false;
  try {
    isDirectory = statSync(abs).isDirectory();
  } catch {
    // Not there yet: the usual case.
  }
  if (isDirectory || /[/\\]$/.test(file)) fail(option, `${option} must be a file path, but ${abs} is a folder`, file);
  try {
    prepareOutputDirectory(option, dirname(abs));
  } catch (err) {
    // The folder's rule, but the value the user typed (the folder alone would be confusing).
    if (err instanceof ValidationError) fail(option, err.rule.replace(/^(\S+) must be a directory, but (.*) is an existing file$/, '$1 must not lie under a file, but $2 is a file'), file);
    throw err;
  }
  return abs;
}
