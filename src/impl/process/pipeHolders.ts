/**
 * Finds and kills the processes that still hold an implementation's pipes. Killing the child's
 * process group reaches everything it started, except a descendant that left the group
 * (setsid, or a daemonizing double fork): once its parent exits it is reparented and nothing
 * links it to relucheck but the pipes it inherited. On Linux, /proc names every process's open
 * files, so the holders of the pipe inodes relucheck created are exactly the leftovers; killing
 * them ends the conversation's last trace. Elsewhere this is a no-op (the group kill remains).
 *
 * @example
 * ```ts
 * const inodes = stdioInodes(child.pid);   // right after spawn
 * killPipeHolders(inodes);                  // after it exited: number of leftovers killed
 * ```
 */
import { readdirSync, readlinkSync } from 'node:fs';

/**
 * The inodes ("socket:[1234]", "pipe:[1234]") of a freshly spawned child's stdin, stdout and
 * stderr, read from its side (Node gives a child socketpairs, whose two ends have different
 * inodes, so relucheck's own end would not match the holders).
 */
export function stdioInodes(pid: number | undefined): Set<string> {
  const inodes = new Set<string>();
  if (pid === undefined) return inodes;
  for (const fd of [0, 1, 2]) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith('pipe:') || target.startsWith('socket:')) inodes.add(target);
    } catch {
      /* not Linux, or the child is already gone */
    }
  }
  return inodes;
}

/** SIGKILLs every other process holding one of `inodes`; returns how many were signalled. */
export function killPipeHolders(inodes: ReadonlySet<string>): number {
  if (inodes.size === 0) return 0;
  let killed = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return 0;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    const holds = fds.some((fd) => {
      try {
        return inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (!holds) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      killed++;
    } catch {
      /* exited meanwhile */
    }
  }
  return killed;
}
