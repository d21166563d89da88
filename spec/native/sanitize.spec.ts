/**
 * The hand-written native kernel under AddressSanitizer and UBSan: sanitize.c compiles the
 * very kernel the addon runs (src/native/addon/gradient_kernel.h) and checks 1848 shapes,
 * bit for bit, against a plain C reference loop (see its header). A read past an array, an
 * overflow or any other undefined behaviour aborts the program; a rounding difference fails
 * the comparison. Needs a C compiler with the sanitizers (gcc or clang): skipped, and counted
 * as skipped, without one, except under RELUCHECK_REQUIRE_NATIVE=1 (.ci/run), where a missing
 * compiler fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE = fileURLToPath(new URL('./sanitize.c', import.meta.url));
const CC = process.env.CC ?? 'cc';
const haveCc = spawnSync(CC, ['--version'], { encoding: 'utf8' }).status === 0;
const required = process.env.RELUCHECK_REQUIRE_NATIVE === '1';

describe('native kernel under AddressSanitizer and UBSan', () => {
  it.runIf(required)('a C compiler is available (RELUCHECK_REQUIRE_NATIVE=1)', () => {
    expect(haveCc, `${CC} --version failed`).toBe(true);
  });

  it.runIf(haveCc)('1848 shapes, no memory error, no undefined behaviour, bit-identical to the reference loop', () => {
    const exe = join(mkdtempSync(join(tmpdir(), 'relucheck-sanitize-')), 'sanitize');
    // The addon's own flags that matter for rounding (-ffp-contract=off, no -ffast-math).
    const build = spawnSync(CC, [
      '-O1', '-g', '-std=gnu11', '-ffp-contract=off', '-fsanitize=address,undefined',
      '-fno-sanitize-recover=all', '-fno-omit-frame-pointer', '-Wall', '-Wextra', '-Wno-psabi', SOURCE, '-o', exe,
    ], { encoding: 'utf8', timeout: 120_000 });
    expect(build.status, `compile failed:\n${build.stderr}`).toBe(0);
    const run = spawnSync(exe, [], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1' } });
    expect(run.status, `sanitized run failed:\n${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^1848 cases, 0 bitwise differences \((avx2|baseline)\)$/m);
  }, 180_000);
});
