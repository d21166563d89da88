import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { howToBuild } from '../../src/native/nativeKernel.js';

/**
 * The packed package as a consumer gets it: `npm pack`, then `npm install TARBALL` into a
 * fresh project, where the package's install script builds the native kernel (a compiler
 * exists on this machine) and, with the compiler made to fail (CC=/bin/false), leaves the
 * WebAssembly fallback with a message that tells a consumer `npm rebuild relucheck`.
 *
 * Also `npx relucheck audit --only fig2a` from the installed package. Behind RELUCHECK_TIER=thorough: installing about 390 packages takes 30-60 s even from npm's
 * cache (--prefer-offline: packages already in the cache are not fetched again, others are).
 * Packs the current dist/ (--ignore-scripts: `npm run build` must have run, as `pretest` does).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const thorough = process.env.RELUCHECK_TIER === 'thorough';
const NPM_ENV = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = NPM_ENV) {
  const res = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  return { status: res.status, out: `${res.stdout ?? ''}${res.stderr ?? ''}` };
}

function freshProject(parent: string, name: string, tarball: string, env?: NodeJS.ProcessEnv): string {
  const dir = join(parent, name);
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, type: 'module' }));
  const res = run('npm', ['install', '--prefer-offline', '--foreground-scripts', tarball], dir, env);
  expect(res.status, res.out).toBe(0);
  return dir;
}

describe('the native kernel\'s build hint (fast; the install below shows it in place)', () => {
  it('tells an installed package to npm rebuild relucheck, a checkout to npm run build', () => {
    expect(howToBuild('/app/node_modules/relucheck/dist/src/native/nativeKernel.js')).toMatch(/^it is built when relucheck is installed: run `npm rebuild relucheck` in your project/);
    expect(howToBuild('/app/node_modules/relucheck/dist/src/native/nativeKernel.js')).not.toMatch(/npm run build/);
    expect(howToBuild('C:\\app\\node_modules\\relucheck\\dist\\src\\native\\nativeKernel.js')).toMatch(/npm rebuild relucheck/);
    expect(howToBuild('/home/me/relucheck/dist/src/native/nativeKernel.js')).toMatch(/^run `npm run build` in the relucheck checkout/);
  });
});

describe.skipIf(!thorough)('installing the packed tarball into a fresh project', () => {
  let tmp = '';
  let tarball = '';
  let withNative = '';
  let withoutNative = '';
  const addon = (dir: string) => join(dir, 'node_modules/relucheck/src/native/addon/build/Release/relucheck_native.node');

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'relucheck-install-'));
    const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp], ROOT);
    expect(packed.status, packed.out).toBe(0);
    tarball = join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz'))!);
    withNative = freshProject(tmp, 'with-native', tarball);
    // A compiler that fails: node-gyp's make uses $CC, so the addon build fails for real.
    withoutNative = freshProject(tmp, 'without-native', tarball, { ...NPM_ENV, CC: '/bin/false', CXX: '/bin/false' });
  }, 600_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('builds the native kernel on install where a compiler exists; info reports it', () => {
    expect(existsSync(addon(withNative))).toBe(true);
    const info = run('npx', ['relucheck', 'info'], withNative);
    expect(info.status, info.out).toBe(0);
    expect(info.out).toMatch(/native kernel: available/);
    expect(info.out).toMatch(/backend in use \(auto\): native/);
  });

  it('npx relucheck audit runs a trial and writes its report (vega, fixtures and workers from the installed package)', () => {
    const out = join(withNative, 'audit-out');
    const audit = run('npx', ['relucheck', 'audit', '--only', 'fig2a', '--out', out], withNative);
    expect(audit.status, audit.out).toBe(0);
    for (const f of ['report.md', 'report.html', 'verdicts.json', 'results.jsonl']) expect(existsSync(join(out, f)), f).toBe(true);
    const verdicts = JSON.parse(readFileSync(join(out, 'verdicts.json'), 'utf8')) as { verdicts: { status: string }[] };
    expect(verdicts.verdicts.length).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(1);
  });

  it('npx relucheck check --list lists the claims without an implementation', () => {
    const list = run('npx', ['relucheck', 'check', '--list', '--json'], withNative);
    expect(list.status, list.out).toBe(0);
    const claims = JSON.parse(list.out.slice(list.out.indexOf('{'))) as { claims: { id: string }[] };
    expect(claims.claims.map((c) => c.id)).toContain('gradient-fd-directional');
  });

  it('the library imports by name from the consumer project (relucheck/vitest needs vitest, an optional peer)', () => {
    const code = "const m = await import('relucheck'); const p = await import('relucheck/protocol'); console.log(JSON.stringify({ run: typeof m.runClaims, claims: m.claims.length, protocol: typeof p.PROTOCOL_VERSION }));";
    const res = run(process.execPath, ['--input-type=module', '-e', code], withNative);
    expect(res.status, res.out).toBe(0);
    const face = JSON.parse(res.out.trim().split('\n').at(-1)!) as { run: string; claims: number; protocol: string };
    expect(face).toEqual({ run: 'function', claims: expect.any(Number), protocol: 'number' });
    expect(face.claims).toBeGreaterThan(10);
  });

  it('without a working compiler the install still succeeds, info says npm rebuild relucheck, check runs on wasm', () => {
    expect(existsSync(addon(withoutNative))).toBe(false);
    const info = run('npx', ['relucheck', 'info'], withoutNative);
    expect(info.status, info.out).toBe(0);
    expect(info.out).toMatch(/native kernel: unavailable \(the native addon is not built \(it is built when relucheck is installed: run `npm rebuild relucheck`/);
    expect(info.out).not.toMatch(/npm run build/);
    expect(info.out).toMatch(/backend in use \(auto\): wasm/);
    const solver = 'node_modules/relucheck/examples/typescript/solver.mjs';
    const check = run('npx', ['relucheck', 'check', '--impl', solver, '--claim', 'gradient-fd-directional', '--tier', 'quick', '--seed', '1'], withoutNative);
    expect(check.status, check.out).toBe(0);
    expect(check.out).toMatch(/PASS {2}gradient-fd-directional/);
  });
});
