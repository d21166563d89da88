/**
 * Two audits writing the same --out at once cannot interleave or lose records: the second
 * is refused while the first holds DIR/audit.lock (exit 2, naming the holder's pid and how to
 * clear a stale lock), a lock left by a dead process is taken over with a warning, and
 * whatever the timing, every trial is in results.jsonl exactly once. The two-audit cases run
 * the real CLI (dist/: `npm run build` first); the first audit is stopped (SIGSTOP) while the
 * second starts, so they overlap on any machine. Without the lock the second audit ran the
 * same trials and appended them a second time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireOutLock, LOCK_FILE } from '../../src/audit/runner/outLock.js';
import { readResults } from '../../src/audit/runner/resultsFile.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
/** Two of the cheapest quick-tier trials (about 1 s together). */
const ONLY = 'fig2d/init=tensor/d=10/ratio=40/';
const started: ChildProcess[] = [];

interface Run {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly done: Promise<number | null>;
}

function audit(out: string): Run {
  const child = spawn(process.execPath, [CLI, 'audit', '--only', ONLY, '--workers', '1', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    done: new Promise((resolve) => child.on('close', (code) => resolve(code))),
  };
  child.stdout!.on('data', (c: Buffer) => (run.stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (run.stderr += c.toString()));
  return run;
}

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every line of DIR/results.jsonl is a valid record and no trial appears twice. */
function expectEachTrialOnce(out: string): void {
  const read = readResults(join(out, 'results.jsonl'));
  expect(read.invalid).toEqual([]);
  expect(read.torn).toBeUndefined();
  const ids = read.records.map((r) => r.id).sort();
  expect(ids).toEqual([`${ONLY}trial=0`, `${ONLY}trial=1`]);
}

/** A pid that certainly ran and is certainly gone. */
function deadPid(): number {
  const r = spawnSync('true');
  return r.pid!;
}

afterAll(() => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('one audit at a time per --out', () => {
  it('a second audit is refused while the first runs; the first took over a stale lock; each record once', { timeout: 60_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'relucheck-lock-'));
    const stalePid = deadPid();
    writeFileSync(join(out, LOCK_FILE), `${JSON.stringify({ pid: stalePid, host: hostname(), since: '2026-01-01T00:00:00.000Z' })}\n`);
    const a = audit(out);
    await until('the first audit to start its trials', () => a.stdout.includes('relucheck audit: tier quick'));
    a.child.kill('SIGSTOP'); // holds the folder for as long as the second audit needs
    const t0 = performance.now();
    const b = audit(out);
    const bCode = await b.done;
    const bMs = performance.now() - t0;
    a.child.kill('SIGCONT');
    const aCode = await a.done;
    expect(b.stderr).toMatch(new RegExp(`is in use by another relucheck audit \\(pid ${a.child.pid} on host`));
    expect(b.stderr).toMatch(/delete .*audit\.lock and rerun/);
    expect(b.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(bCode, b.stderr).toBe(2);
    expect(bMs).toBeLessThan(15_000); // refused at once, not after running
    expect(a.stderr).toMatch(new RegExp(`took over the stale lock .*audit\\.lock \\(pid ${stalePid} `));
    expect(aCode, a.stderr).toBe(0);
    expectEachTrialOnce(out);
    expect(existsSync(join(out, LOCK_FILE)), 'the lock is released').toBe(false);
  });

  it('two audits started at the same moment: one runs, the other is refused or resumes; each record once', { timeout: 60_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'relucheck-lock-race-'));
    const runs = [audit(out), audit(out)];
    const codes = await Promise.all(runs.map((r) => r.done));
    runs.forEach((r, i) => {
      if (codes[i] === 0) return;
      expect(r.stderr).toMatch(/is in use by another relucheck audit/);
      expect(codes[i], r.stderr).toBe(2);
    });
    expect(codes).toContain(0);
    expectEachTrialOnce(out);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });
});

describe('the lock file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relucheck-lockfile-'));
  const path = join(dir, LOCK_FILE);
  const quiet = () => {};

  it('a live holder is refused with its pid', () => {
    const lock = acquireOutLock(dir, '--out', quiet);
    expect(() => acquireOutLock(dir, '--out', quiet)).toThrow(new RegExp(`in use by another relucheck audit \\(pid ${process.pid} `));
    lock.release();
    expect(existsSync(path)).toBe(false);
    acquireOutLock(dir, '--out', quiet).release(); // free again
  });

  it('a live pid with another start tick is a reused pid: the lock is stale', () => {
    if (!existsSync(`/proc/${process.pid}/stat`)) return; // Linux only
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z', startTicks: 1 }));
    let warned = '';
    const lock = acquireOutLock(dir, '--out', (t) => (warned += t));
    expect(warned).toMatch(/took over the stale lock/);
    expect(JSON.parse(readFileSync(path, 'utf8')).startTicks).not.toBe(1);
    lock.release();
  });

  it('a lock of another host is never taken over (its pid cannot be checked here)', () => {
    writeFileSync(path, JSON.stringify({ pid: deadPid(), host: 'elsewhere', since: '2026-01-01T00:00:00.000Z' }));
    expect(() => acquireOutLock(dir, '--out', quiet)).toThrow(/on host "elsewhere".*If no audit is running there .*delete .*audit\.lock/);
  });

  it('a file that is not a relucheck lock is refused, not overwritten', () => {
    writeFileSync(path, 'garbage');
    expect(() => acquireOutLock(dir, '--out', quiet)).toThrow(/is not a lock relucheck wrote \("garbage"\); if no audit is writing .*, delete/);
    expect(readFileSync(path, 'utf8')).toBe('garbage');
  });

  it('releasing a lock someone else took over leaves theirs in place', () => {
    writeFileSync(path, '');
    const other = mkdtempSync(join(tmpdir(), 'relucheck-lockfile-'));
    const lock = acquireOutLock(other, '--out', quiet);
    const theirs = JSON.stringify({ pid: 1, host: hostname(), since: 'now' });
    writeFileSync(lock.path, theirs);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(theirs);
  });
});
