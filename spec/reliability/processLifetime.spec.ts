/**
 * Implementations that misbehave in how they live and die (spec/reliability/servers/), beside
 * spec/protocol's misbehaving servers: each gets a clear verdict and the right exit code
 * within a small time, relucheck's memory stays bounded (stdout lines at most
 * MAX_LINE_BYTES = 64 MiB, stderr's last 16 KiB), and no process is left behind: every pid a
 * server records (its own, its grandchild's) is dead when the check returns, and when
 * relucheck itself is ended by SIGINT, SIGTERM or SIGHUP (which skip Node's 'exit' event).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import { ChildConnection, MAX_LINE_BYTES } from '../../src/impl/process/childConnection.js';
import { gradientAgreementClaim } from '../protocol/support/gradientAgreementClaim.js';

const dir = fileURLToPath(new URL('./servers/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'relucheck-lifetime-'));
let pidFile = '';
let n = 0;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie waiting for its reaper is dead for our purposes.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The pids the server recorded that are still alive 1 s after the check returned. */
async function survivors(): Promise<number[]> {
  const pids = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number) : [];
  expect(pids.length, 'the server recorded its pid').toBeGreaterThan(0);
  for (let i = 0; i < 20 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
  return pids.filter(alive);
}

async function check(script: string, env: Record<string, string> = {}, timeoutMs = 3000, prefix = '') {
  pidFile = join(tmp, `pids-${n++}`);
  Object.assign(process.env, { PIDFILE: pidFile, ...env });
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false };
  const started = performance.now();
  const code = await makeCheckCommand(async () => [gradientAgreementClaim], {}).run(['--cmd', `${prefix}node ${dir}${script}`, '--timeout', String(timeoutMs)], io);
  for (const k of Object.keys(env)) delete process.env[k];
  return { code, text: stdout + stderr, seconds: (performance.now() - started) / 1000 };
}

afterEach(async () => {
  expect(await survivors(), 'a process outlived the check').toEqual([]);
});

describe('relucheck survives implementations that misbehave in how they live and die', () => {
  const cases: [string, Record<string, string>, number, RegExp, number][] = [
    ['reply-twice.mjs', {}, 2, /ERROR spec-gradient-agreement[\s\S]*replied with id 2 but the pending requests are: none/, 5],
    ['stderr-flood.mjs', { FLOOD_MB: '20' }, 0, /PASS  spec-gradient-agreement/, 15],
    ['half-line-hang.mjs', {}, 2, /ERROR spec-gradient-agreement[\s\S]*no reply to gradient \(id 2\) within 1500 ms/, 6],
    // Run by `exec`: /bin/sh (dash) does not exec a -c command itself, and the shell's copy of
    // the pipe would keep stdout open (the closed-stdout case is then a timeout, below).
    ['exec stdout-closed.mjs', {}, 2, /ERROR spec-gradient-agreement[\s\S]*closed its stdout but kept running while answering gradient \(id 2\)/, 5],
    ['stdout-closed.mjs', {}, 2, /ERROR spec-gradient-agreement[\s\S]*no reply to gradient \(id 2\) within 1500 ms/, 6],
    ['grandchild.mjs', { GRANDCHILD: 'group' }, 2, /ERROR spec-gradient-agreement[\s\S]*exited with code 3 while answering gradient \(id 2\)/, 5],
    ['grandchild.mjs', { GRANDCHILD: 'setsid' }, 2, /ERROR spec-gradient-agreement[\s\S]*exited with code 3 while answering gradient \(id 2\)/, 5],
    ['unknown-command.mjs', {}, 2, /ERROR spec-gradient-agreement[\s\S]*gradient \(id 2\) failed: unknown command gradient/, 5],
    ['protocol-string.mjs', {}, 2, /ERROR \(schema\) handshake failed: .*protocol must be integer/, 5],
    ['extreme-numbers.mjs', {}, 1, /FAIL  spec-gradient-agreement[\s\S]*gradient\[0\]: actual 1e\+308/, 5],
    // Killed after close()'s 1 s grace: the check still passes, and takes about a second more.
    ['ignores-stop.mjs', {}, 0, /PASS  spec-gradient-agreement/, 6],
    // Around the 2000 ms timeout, with margins a loaded 2-core machine keeps (0.4x and 1.75x).
    ['slow-reply.mjs', { DELAY_MS: '800' }, 0, /PASS  spec-gradient-agreement/, 10],
    ['slow-reply.mjs', { DELAY_MS: '3500' }, 2, /ERROR spec-gradient-agreement[\s\S]*no reply to gradient \(id 2\) within 2000 ms/, 8],
  ];
  it.each(cases)('%s %j -> exit %i', async (script, env, exitCode, pattern, maxSeconds) => {
    const [prefix, file] = script.startsWith('exec ') ? ['exec ', script.slice(5)] : ['', script];
    const timeout = ['half-line-hang.mjs', 'stdout-closed.mjs'].includes(script) ? 1500 : script === 'slow-reply.mjs' ? 2000 : 10_000;
    const r = await check(file!, env, timeout, prefix);
    expect(r.text, r.text.slice(0, 3000)).toMatch(pattern);
    expect(r.code, r.text.slice(0, 3000)).toBe(exitCode);
    expect(r.text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    expect(r.text.length).toBeLessThan(60_000); // a 20 MB stderr flood shows as its last lines
    expect(r.seconds).toBeLessThan(maxSeconds);
  }, 30_000);

  it(`a stdout line past the bound ends the conversation at the bound (default ${MAX_LINE_BYTES} bytes = 64 MiB)`, async () => {
    expect(MAX_LINE_BYTES).toBe(64 * 1024 * 1024);
    pidFile = join(tmp, `pids-${n++}`);
    process.env.PIDFILE = pidFile;
    process.env.LINE_MB = '8';
    const { connection } = await ChildConnection.open({ command: `node ${dir}huge-line.mjs`, timeoutMs: 10_000, maxLineBytes: 1 << 20 });
    delete process.env.LINE_MB;
    const before = process.memoryUsage().rss;
    await connection.request('dataset', { name: 'D', n: 1, d: 1, X: { f64: 'AAAAAAAA8D8=' }, y: { f64: 'AAAAAAAA8D8=' } });
    await expect(connection.request('gradient', { dataset: 'D', W: { K: 1, d: 1, data: { f64: 'AAAAAAAA8D8=' } } })).rejects.toThrow(
      /printed a line longer than 1048576 bytes on stdout without a newline/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(64 << 20); // 8 MB sent; at most ~1 MiB held
    await connection.close();
  }, 20_000);
});

describe('a signal to relucheck ends the implementation too', () => {
  const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s: relucheck dies of it and a server that ignores end of input and signals is killed', async (signal) => {
    pidFile = join(tmp, `pids-${n++}`);
    const child = spawn(process.execPath, [CLI, 'check', '--cmd', `node ${dir}ignores-stop.mjs`], { env: { ...process.env, PIDFILE: pidFile }, stdio: 'ignore' });
    for (let i = 0; i < 200 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300)); // the handshake is under way or done
    const died = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    child.kill(signal);
    expect(await died).toBe(signal);
  }, 30_000);
});
