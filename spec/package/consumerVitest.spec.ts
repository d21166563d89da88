/**
 * relucheck/vitest as a consumer uses it: `npm pack`, the tarball and vitest installed into a
 * fresh project (offline from npm's cache when it can: --offline, else --prefer-offline),
 * then that project's own vitest suite calling describeClaims on the project's own solver (a
 * copy of examples/typescript/solver.mjs, imported by relative path as a user's would be):
 * - the correct solver passes its claims, and hvp-fd (it has no hvp) is skipped;
 * - a planted half gradient fails gradient-fd-full, with the claim report, and still passes
 *   invariance-permutation (halving keeps the symmetry), so the failure is the right test's;
 * - a thorough-tier claim on a slow solver honours vitest's timeout: vitest aborts the test's
 *   signal, the claim stops after the case in flight, and an idle test kept running after it
 *   sees no further call (a claim that ignored the signal would go on calling for minutes).
 *
 * Behind RELUCHECK_PACKAGE_SPEC=1: installing ~430 packages takes about a minute even from
 * the cache, too long for `npm test`. Packs the current dist/ (run `npm run build` first).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const enabled = process.env.RELUCHECK_PACKAGE_SPEC === '1';
const NPM_ENV = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
const VITEST = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.vitest;
const TIMEOUT_MS = 2000;

const TESTS: Record<string, string> = {
  'correct.test.mjs': `import { describeClaims } from 'relucheck/vitest';
import createImplementation from './solver.mjs';

describeClaims(createImplementation(), { only: ['gradient-fd-full', 'invariance-permutation', 'hvp-fd'], tier: 'quick', seed: 1 });
`,
  'planted.test.mjs': `import { describeClaims } from 'relucheck/vitest';
import createImplementation from './solver.mjs';

// Planted bug: the gradient is half the true one.
const correct = createImplementation();
const halfGradient = { ...correct, name: 'half-gradient', gradient: async (data, W) => (await correct.gradient(data, W)).map((g) => g / 2) };
describeClaims(halfGradient, { only: ['gradient-fd-full', 'invariance-permutation'], tier: 'quick', seed: 1 });
`,
  'timeout.test.mjs': `import { appendFileSync } from 'node:fs';
import { it } from 'vitest';
import { describeClaims } from 'relucheck/vitest';
import createImplementation from './solver.mjs';

// Every call logged with its time; the gradient, called once at the start of each case, slowed.
// A thorough case of gradient-fd-full is then one gradient and 2 dK loss calls (about 1 s here).
const log = process.env.CALL_LOG;
const correct = createImplementation();
const slow = {
  ...correct,
  name: 'slow',
  async loss(data, W) {
    appendFileSync(log, 'loss ' + Date.now() + '\\n');
    return correct.loss(data, W);
  },
  async gradient(data, W) {
    appendFileSync(log, 'gradient ' + Date.now() + '\\n');
    await new Promise((r) => setTimeout(r, 20));
    return correct.gradient(data, W);
  },
};
describeClaims(slow, { only: ['gradient-fd-full'], tier: 'thorough', seed: 1, timeout: ${TIMEOUT_MS} });

// Keeps the worker alive after the timeout: a claim that ignored the abort would go on calling.
it('idle after the timeout', async () => {
  appendFileSync(log, 'idle-start ' + Date.now() + '\\n');
  await new Promise((r) => setTimeout(r, 4000));
  appendFileSync(log, 'idle-end ' + Date.now() + '\\n');
});
`,
};

interface Assertion {
  title: string;
  status: string;
  duration: number;
  failureMessages: string[];
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = NPM_ENV) {
  const res = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
  return { status: res.status, out: `${res.stdout ?? ''}${res.stderr ?? ''}` };
}

describe.skipIf(!enabled)('describeClaims in a fresh project that installed the packed tarball (RELUCHECK_PACKAGE_SPEC=1; about 1-2 min: npm pack and install)', () => {
  let tmp = '';
  let app = '';
  let vitestOut = '';
  let byTitle: Record<string, Assertion & { file: string }> = {};
  let calls: string[] = [];

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'relucheck-consumer-'));
    const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', tmp], ROOT);
    expect(packed.status, packed.out).toBe(0);
    const tarball = join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz'))!);
    app = join(tmp, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    const args = ['install', '--no-audit', '--no-fund', tarball, `vitest@${VITEST}`];
    let installed = run('npm', [...args, '--offline'], app);
    // --offline needs every packument cached; otherwise fetch only what the cache lacks.
    if (installed.status !== 0) installed = run('npm', [...args, '--prefer-offline'], app);
    expect(installed.status, installed.out).toBe(0);
    copyFileSync(join(ROOT, 'examples/typescript/solver.mjs'), join(app, 'solver.mjs'));
    for (const [name, text] of Object.entries(TESTS)) writeFileSync(join(app, name), text);
    const log = join(app, 'calls.log');
    writeFileSync(log, '');
    const vt = run(join(app, 'node_modules/.bin/vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=report.json'], app, { ...NPM_ENV, CALL_LOG: log, CI: '1' });
    vitestOut = vt.out;
    expect(vt.status, vt.out).toBe(1); // the planted bug and the timeout fail
    const report = JSON.parse(readFileSync(join(app, 'report.json'), 'utf8')) as { testResults: { name: string; assertionResults: Assertion[] }[] };
    byTitle = Object.fromEntries(
      report.testResults.flatMap((f) => f.assertionResults.map((a) => [`${f.name.split('/').at(-1)} ${a.title.split(':')[0]}`, { ...a, file: f.name }])),
    );
    calls = readFileSync(log, 'utf8').trim().split('\n');
  }, 600_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the correct solver passes; the claim it cannot run is skipped', () => {
    expect(byTitle['correct.test.mjs gradient-fd-full']?.status, vitestOut).toBe('passed');
    expect(byTitle['correct.test.mjs invariance-permutation']?.status).toBe('passed');
    expect(byTitle['correct.test.mjs hvp-fd']?.status).toBe('skipped');
  });

  it('a planted half gradient fails gradient-fd-full with the claim report, and only that test', () => {
    const failed = byTitle['planted.test.mjs gradient-fd-full'];
    expect(failed?.status, vitestOut).toBe('failed');
    expect(failed.failureMessages.join('\n')).toMatch(/Claim failed: gradient-fd-full[\s\S]*replay: RELUCHECK_SEED=\d+ RELUCHECK_TIER=quick .*npx vitest run -t "gradient-fd-full"/);
    expect(byTitle['planted.test.mjs invariance-permutation']?.status).toBe('passed');
  });

  it("a thorough-tier claim honours vitest's timeout: no case begins after it, the one in flight ends", () => {
    const timedOut = byTitle['timeout.test.mjs gradient-fd-full'];
    expect(timedOut?.status, vitestOut).toBe('failed');
    expect(vitestOut).toContain(`Test timed out in ${TIMEOUT_MS}ms`);
    expect(byTitle['timeout.test.mjs idle after the timeout']?.status).toBe('passed');
    const times = (kind: string) => calls.filter((l) => l.startsWith(`${kind} `)).map((l) => Number(l.split(' ')[1]));
    const [idleStart] = times('idle-start');
    const [idleEnd] = times('idle-end');
    const gradients = times('gradient');
    const all = [...gradients, ...times('loss')];
    // It was running: at least one case begun and its loss calls under way.
    expect(gradients.filter((t) => t < idleStart).length, vitestOut).toBeGreaterThan(0);
    expect(all.filter((t) => t < idleStart).length).toBeGreaterThan(50);
    // No case begins after the abort (each begins with its gradient call) ...
    expect(gradients.filter((t) => t > idleStart), calls.slice(-5).join('\n')).toEqual([]);
    // ... and the case in flight has ended well before the idle test does.
    expect(all.filter((t) => t > idleEnd - 1500), calls.slice(-5).join('\n')).toEqual([]);
    expect(idleEnd - idleStart).toBeGreaterThanOrEqual(3900);
  });
});
