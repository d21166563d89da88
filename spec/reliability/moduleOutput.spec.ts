/**
 * Stray writes from a user's --impl module cannot corrupt relucheck's own output. Before, a
 * module's `fs.writeSync(1, ...)` landed in the middle of the `--json` document on stdout,
 * and everything it printed reached stderr raw: clear-screen and window-title escapes, a
 * forged "23 passed, 0 failed" line, and 4 MB for four 1 MiB writes. Now fd 1 and 2 writes go
 * through the worker's captured streams (captureDescriptors.ts) and every printed line is
 * shown on stderr prefixed "[module stdout]" / "[module stderr]", escaped and capped
 * (moduleOutput.ts: 64 KiB and 1000 lines per run), like a --cmd server's stderr. The CLI
 * cases run dist/ (`npm run build` first) in a child process: fd 1 is only observable there.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { moduleOutputForwarder, MODULE_OUTPUT_LIMITS } from '../../src/check/moduleOutput.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const NOISY = fileURLToPath(new URL('./modules/noisy.mjs', import.meta.url));
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** stderr bound: the forwarder's cap plus relucheck's own lines (the verdict's 16 KiB tail is escaped text of its own). */
const STDERR_BOUND = MODULE_OUTPUT_LIMITS.chars + 40_000;

function check(json: boolean) {
  const started = performance.now();
  const args = [CLI, 'check', '--impl', NOISY, '--claim', 'stationarity-noiseless', '--num-runs', '2', ...(json ? ['--json'] : [])];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 << 20 });
  return { ...r, ms: performance.now() - started };
}

/** Every stderr line the module caused is one of the forwarder's (prefixed), never bare. */
function expectModuleLinesPrefixed(stderr: string): void {
  for (const line of stderr.split('\n')) {
    if (/forged|23 passed|fd 2|stderr line|owned|^x{20}/.test(line)) expect(line).toMatch(/^ {2}\[module (stdout|stderr)\] |^ {4}/);
  }
}

describe('a noisy --impl module (prints, escape codes, fd 1 and 2 writes, a flood)', () => {
  it('--json: stdout is exactly one JSON document; the prints are on stderr, escaped, capped', () => {
    const r = check(true);
    expect(r.error).toBeUndefined();
    const doc = JSON.parse(r.stdout) as { verdicts: { status: string; message?: string }[]; exitCode: number };
    expect(doc.verdicts[0]!.status).toBe('errored');
    expect(JSON.stringify(doc)).toMatch(/boom/); // the module's own error, not a broken file write
    expect(r.status, r.stderr.slice(0, 2000)).toBe(2);
    expect(r.stdout.trimStart().startsWith('{"forged"')).toBe(false);
    expect(r.stderr).toContain('  [module stdout] {"forged": "json on fd 1"}');
    expect(r.stderr).toContain('  [module stderr] fd 2 \\x1b[31mred');
    expect(r.stderr).toContain('  [module stdout] \\x1b[2J\\x1b]0;owned\\x07');
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expectModuleLinesPrefixed(r.stderr);
    expect(r.stderr.length).toBeLessThan(STDERR_BOUND);
    expect(r.ms).toBeLessThan(20_000);
  });

  it('text: one summary line of relucheck on stdout, nothing of the module there', () => {
    const r = check(false);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(2);
    expect(r.stdout.match(/^\d+ passed, \d+ failed/gm)).toHaveLength(1);
    expect(r.stdout).not.toMatch(/\[module/);
    // The verdict quotes the module's output tail, indented and escaped, never as a line of its own.
    for (const line of r.stdout.split('\n').filter((l) => /forged|23 passed|owned/.test(l))) expect(line).toMatch(/^ {8}/);
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).not.toMatch(/^23 passed/m);
    expectModuleLinesPrefixed(r.stderr);
    expect(r.stderr.length).toBeLessThan(STDERR_BOUND);
  });
});

describe('the forwarder', () => {
  it('prefixes, escapes and caps each line, then stops with a note', () => {
    let out = '';
    let cleared = 0;
    const forward = moduleOutputForwarder({ write: (t) => (out += t), before: () => cleared++, maxChars: 1000, maxLines: 5 });
    forward('a\x1b[2Jb\nsecond\n', 'stdout');
    forward('y'.repeat(10_000), 'stderr');
    expect(out).toBe(`  [module stdout] a\\x1b[2Jb\n  [module stdout] second\n  [module stderr] ${'y'.repeat(500)}... [9500 more characters]\n`);
    for (let i = 0; i < 10; i++) forward(`line ${i}\n`, 'stdout');
    expect(out).toMatch(/\[module\] further output not shown \(more than 5 lines or 1000 characters/);
    const frozen = out;
    forward('more\n', 'stdout');
    expect(out).toBe(frozen);
    expect(cleared).toBeGreaterThan(0);
  });

  it('a flood of 10 MB costs at most the cap', () => {
    let out = '';
    const forward = moduleOutputForwarder({ write: (t) => (out += t) });
    for (let i = 0; i < 160; i++) forward(`${'z'.repeat(100)}\n`.repeat(640), 'stdout');
    expect(out.length).toBeLessThan(MODULE_OUTPUT_LIMITS.chars + 200);
  });
});
