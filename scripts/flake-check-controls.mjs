// Flake check of the controls: spec/controls/controls.spec.ts (every control against every
// claim and fixture, RELUCHECK_CONTROLS=all) under many global seeds. A control is correct
// code, so every failure is a false alarm of relucheck: the report counts them per control and
// claim and compares each claim's rate with its stated false-alarm budget.
// Usage: node scripts/flake-check-controls.mjs [seeds=20] [tier=default] [firstSeed=1]
//   OUT=flake-controls.jsonl  one line per finished seed (a rerun resumes: done seeds are skipped)
//   JOBS=2                    vitest processes at once (the spec file is one worker each)
// Seeds are spread over the 32-bit range like scripts/flake-check.mjs (Knuth's constant).
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { claims } from '../dist/properties/index.js';

const seeds = Number(process.argv[2] ?? 20);
const tier = process.argv[3] ?? 'default';
const first = Number(process.argv[4] ?? 1);
const out = process.env.OUT ?? `flake-controls-${tier}.jsonl`;
const jobs = Number(process.env.JOBS ?? availableParallelism());
for (const [name, v, ok] of [['seeds', seeds, seeds >= 1], ['firstSeed', first, first >= 1], ['JOBS', jobs, jobs >= 1]]) {
  if (!Number.isInteger(v) || !ok) throw new Error(`flake-check-controls: ${name} must be a positive integer, got ${v}`);
}
if (!['quick', 'default', 'thorough'].includes(tier)) throw new Error(`flake-check-controls: tier must be quick, default or thorough, got ${tier}`);

const done = new Map();
if (existsSync(out)) {
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r = JSON.parse(line);
      if (r.tier === tier) done.set(r.seed, r);
    } catch {
      // a torn last line from an interrupted run: that seed is simply run again
    }
  }
}

/** One seed: the controls spec in its own vitest process, read back from vitest's JSON report. */
function runSeed(seed) {
  const dir = mkdtempSync(join(tmpdir(), 'relucheck-flake-'));
  const file = join(dir, 'report.json');
  const env = { ...process.env, RELUCHECK_SEED: String(seed), RELUCHECK_TIER: tier, RELUCHECK_CONTROLS: 'all' };
  const args = ['vitest', 'run', 'spec/controls/controls.spec.ts', '--reporter=json', `--outputFile=${file}`];
  return new Promise((resolve) => {
    const child = spawn('npx', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', () => {
      const report = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { testResults: [] };
      rmSync(dir, { recursive: true, force: true });
      const tests = report.testResults.flatMap((f) => f.assertionResults);
      // A timeout is the harness's limit, not a verdict on the control: counted apart.
      const failed = tests
        .filter((t) => t.status === 'failed')
        .map((t) => {
          const message = (t.failureMessages ?? []).join('\n').slice(0, 2000);
          return { title: t.title, message, timeout: /timed out/i.test(message) };
        });
      resolve({ seed, tier, tests: tests.length, failed });
    });
  });
}

const pending = [];
for (let s = first; s < first + seeds; s++) {
  const seed = Math.imul(s, 2654435761) >>> 0;
  if (!done.has(seed)) pending.push(seed);
}
const t0 = Date.now();
async function worker() {
  for (let seed = pending.shift(); seed !== undefined; seed = pending.shift()) {
    const r = await runSeed(seed);
    if (r.tests === 0) throw new Error(`flake-check-controls: seed ${seed} ran no test (did vitest start?)`);
    appendFileSync(out, `${JSON.stringify(r)}\n`);
    done.set(seed, r);
    process.stderr.write(`seed ${seed}: ${r.tests} tests, ${r.failed.length} failed (${done.size}/${seeds}, ${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
}
await Promise.all(Array.from({ length: jobs }, worker));

const runs = [...done.values()].filter((r) => r.tier === tier);
const byTitle = new Map();
for (const r of runs) for (const f of r.failed) byTitle.set(f.title, [...(byTitle.get(f.title) ?? []), r.seed]);
for (const r of runs) for (const f of r.failed) console.log(`seed ${r.seed} ${f.title}:\n  ${f.message.split('\n').slice(0, 6).join('\n  ')}`);
console.log(`\ncontrols flake check, tier ${tier}, ${runs.length} seeds, ${runs.reduce((s, r) => s + r.tests, 0)} control x claim/fixture tests`);
for (const claim of claims) {
  const hits = [...byTitle].filter(([t]) => t.endsWith(` ${claim.id}`));
  const n = hits.reduce((s, [, v]) => s + v.length, 0);
  console.log(`${claim.id.padEnd(32)} false alarms ${n}  budget per claim run ${claim.falseAlarmBudget.toExponential(2)}${hits.length ? `  (${hits.map(([t, v]) => `${t.split(' ')[0]} x${v.length}`).join(', ')})` : ''}`);
}
const fixtureHits = [...byTitle].filter(([t]) => t.endsWith(' golden fixtures'));
console.log(`golden fixtures                  false alarms ${fixtureHits.reduce((s, [, v]) => s + v.length, 0)}  (deterministic: budget 0)`);
const timeouts = runs.reduce((s, r) => s + r.failed.filter((f) => f.timeout).length, 0);
const total = runs.reduce((s, r) => s + r.failed.length, 0) - timeouts;
console.log(`controls flake check: ${total} false alarm(s) and ${timeouts} timeout(s) over ${runs.length} seeds (results in ${out})`);
process.exitCode = total + timeouts === 0 ? 0 : 1;
