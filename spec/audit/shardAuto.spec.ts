/**
 * `--shard auto`: each job-array engine's variables pick one shard per array element, the
 * elements together run every trial exactly once, and `relucheck report` over their
 * directories gives a report byte-identical to an unsharded audit's (report.md, report.html,
 * verdicts.json). The end-to-end part runs the real CLI (dist/) as separate processes, as the
 * engines do, on 10 cheap quick-tier trials (about 12 s of CPU, mostly process start and
 * report rendering, 10 processes). Bad or ambiguous variables are usage errors (exit 2)
 * naming the variable, the rule and the value. A planted reader (Kubernetes' 0-based index
 * taken as 1-based) is caught by the same coverage check the real readers pass.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { allTrials } from '../../src/audit/experiments/registry.js';
import { plannedTrials } from '../../src/audit/runner/runAudit.js';
import type { Shard } from '../../src/audit/runner/shard.js';
import { shardFromEnvironment, type ShardEnvironment } from '../../src/audit/runner/shardAuto.js';
import { makeAuditCommand } from '../../src/cli/audit.js';
import { runCli } from '../../src/cli/main.js';
import { reportCommand } from '../../src/cli/report.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
/** Cheap trials of three experiments (ids carry the initialization run, so picked by pattern). */
const PATTERNS = [/^fig2d\/init=\w+\/d=10\/ratio=(10|40)\//, /^fig2b\/init=\w+\/d=20\/K=5\/ratio=4\//, /^fig2c\/init=\w+\/d=20\/K=5\/ratio=20\//];
const ONLY = allTrials('quick')
  .map((t) => t.id)
  .filter((id) => PATTERNS.some((p) => p.test(id)));
const PLANNED = plannedTrials('quick', { index: 1, count: 1 }, ONLY).map((t) => t.id);

/** One engine's job array: the environment of each element (nothing else of the parent's). */
interface Engine {
  readonly name: string;
  readonly elements: readonly ShardEnvironment[];
}
const ENGINES: readonly Engine[] = [
  // strategy: { matrix: { part: [a, b] } } with env RELUCHECK_SHARD_INDEX: ${{ strategy.job-index }}
  { name: 'GitHub Actions matrix', elements: [0, 1].map((i) => ({ RELUCHECK_SHARD_INDEX: String(i), RELUCHECK_SHARD_COUNT: '2' })) },
  // sbatch --array=1-5:2 (ids 1, 3, 5: MIN 1 and a step, the cases a 0-based reading gets wrong)
  {
    name: 'Slurm job array',
    elements: [1, 3, 5].map((id) => ({ SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '5', SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_COUNT: '3' })),
  },
  // completionMode: Indexed, completions: 2, env RELUCHECK_SHARD_COUNT: "2"
  { name: 'Kubernetes Indexed Job', elements: [0, 1].map((i) => ({ JOB_COMPLETION_INDEX: String(i), RELUCHECK_SHARD_COUNT: '2' })) },
];

/** Trials of PLANNED that no shard runs, and those more than one runs: both empty for a sound reader. */
function coverage(shards: readonly Shard[]): { missing: string[]; twice: string[] } {
  const runs = new Map<string, number>();
  for (const s of shards) for (const t of plannedTrials('quick', s, ONLY)) runs.set(t.id, (runs.get(t.id) ?? 0) + 1);
  return { missing: PLANNED.filter((id) => !runs.has(id)), twice: PLANNED.filter((id) => (runs.get(id) ?? 0) > 1) };
}

/** A planted bug: JOB_COMPLETION_INDEX read as a 1-based shard index. */
function plantedK8sReader(env: ShardEnvironment): Shard {
  return { index: Number(env.JOB_COMPLETION_INDEX), count: Number(env.RELUCHECK_SHARD_COUNT) };
}

/** Only PATH and the variables given: the parent's own CI variables must not leak in. */
function childEnv(extra: ShardEnvironment): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '1555459200', ...extra };
}

function runNode(args: readonly string[], env: ShardEnvironment): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const ONLY_ARGS = ONLY.flatMap((id) => ['--only', id]);
const REPORT_FILES = ['report.md', 'report.html', 'verdicts.json'];
let whole: string;

beforeAll(async () => {
  whole = mkdtempSync(join(tmpdir(), 'shard-auto-whole-'));
  const r = await runNode(['audit', '--out', whole, '--workers', '1', ...ONLY_ARGS], {});
  expect(r.code, r.stderr).toBe(0);
}, 60_000);

describe('--shard auto', () => {
  it('picks the subset: 10 trials of three experiments', () => {
    expect(PLANNED.length).toBe(10);
    for (const p of PATTERNS) expect(PLANNED.some((id) => p.test(id)), String(p)).toBe(true);
  });

  it.each(ENGINES)('$name: every trial in exactly one element, every element has work', ({ elements }) => {
    const shards = elements.map((e) => shardFromEnvironment(e).shard);
    expect(shards.map((s) => s.index)).toEqual(elements.map((_, i) => i + 1));
    expect(new Set(shards.map((s) => s.count))).toEqual(new Set([elements.length]));
    expect(coverage(shards)).toEqual({ missing: [], twice: [] });
    for (const s of shards) expect(plannedTrials('quick', s, ONLY).length).toBeGreaterThan(0);
  });

  it('catches a planted reader that takes the Kubernetes index as 1-based', () => {
    const k8s = ENGINES.find((e) => e.name.startsWith('Kubernetes'))!;
    const planted = coverage(k8s.elements.map(plantedK8sReader));
    expect(planted.missing.length).toBeGreaterThan(0);
  });

  it.each(ENGINES)(
    '$name: shards run as separate processes merge into the unsharded report, byte for byte',
    async ({ elements }) => {
      const dirs = elements.map(() => mkdtempSync(join(tmpdir(), 'shard-auto-part-')));
      const runs = await Promise.all(elements.map((env, i) => runNode(['audit', '--shard', 'auto', '--out', dirs[i], '--workers', '1', ...ONLY_ARGS], env)));
      runs.forEach((r, i) => {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain(`--shard auto: shard ${i + 1}/${elements.length} (`);
      });
      const merged = mkdtempSync(join(tmpdir(), 'shard-auto-merged-'));
      const m = await runNode(['report', ...dirs, '--out', merged], {});
      expect(m.code, m.stderr).toBe(0);
      for (const f of REPORT_FILES) expect(readFileSync(join(merged, f), 'utf8'), f).toBe(readFileSync(join(whole, f), 'utf8'));
    },
    60_000,
  );
});

describe('--shard auto: bad variables are usage errors naming the variable, rule and value', () => {
  const slurm = { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' };
  const cases: [string, ShardEnvironment, RegExp][] = [
    ['nothing set', {}, /--shard auto needs a job-array index: RELUCHECK_SHARD_INDEX .* none is set. Value: "auto"/],
    ['a count without an index', { RELUCHECK_SHARD_COUNT: '4' }, /\(RELUCHECK_SHARD_COUNT is set, but no index\)/],
    ['two engines', { ...slurm, JOB_COMPLETION_INDEX: '0' }, /more than one engine \(SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX\).*Value: "SLURM_ARRAY_TASK_ID=3 JOB_COMPLETION_INDEX=0"/],
    ['GitHub and Kubernetes', { RELUCHECK_SHARD_INDEX: '0', JOB_COMPLETION_INDEX: '0', RELUCHECK_SHARD_COUNT: '2' }, /more than one engine \(RELUCHECK_SHARD_INDEX, JOB_COMPLETION_INDEX\)/],
    ['GitHub without a count', { RELUCHECK_SHARD_INDEX: '0' }, /needs RELUCHECK_SHARD_COUNT \(set it from strategy.job-total\). Value: undefined/],
    ['Kubernetes without a count', { JOB_COMPLETION_INDEX: '1' }, /needs RELUCHECK_SHARD_COUNT \(Kubernetes does not export spec.completions: set it to that value\)/],
    ['an index at the count', { RELUCHECK_SHARD_INDEX: '2', RELUCHECK_SHARD_COUNT: '2' }, /RELUCHECK_SHARD_INDEX must be an integer from 0 to 1 \(0-based, below RELUCHECK_SHARD_COUNT = 2\). Value: "2"/],
    ['a count of 0', { JOB_COMPLETION_INDEX: '0', RELUCHECK_SHARD_COUNT: '0' }, /RELUCHECK_SHARD_COUNT must be an integer from 1 to 10000.*Value: "0"/],
    ['a count past the cap', { JOB_COMPLETION_INDEX: '0', RELUCHECK_SHARD_COUNT: '10001' }, /RELUCHECK_SHARD_COUNT must be an integer from 1 to 10000.*Value: "10001"/],
    ['a negative index', { JOB_COMPLETION_INDEX: '-1', RELUCHECK_SHARD_COUNT: '2' }, /JOB_COMPLETION_INDEX must be an integer from 0 to 1.*Value: "-1"/],
    ['an empty index', { RELUCHECK_SHARD_INDEX: '', RELUCHECK_SHARD_COUNT: '2' }, /RELUCHECK_SHARD_INDEX must be an integer from 0 to 1.*Value: ""/],
    ['a fraction', { RELUCHECK_SHARD_INDEX: '1.0', RELUCHECK_SHARD_COUNT: '2' }, /RELUCHECK_SHARD_INDEX must be an integer.*Value: "1.0"/],
    ['a word', { RELUCHECK_SHARD_INDEX: '0', RELUCHECK_SHARD_COUNT: 'two' }, /RELUCHECK_SHARD_COUNT must be an integer.*Value: "two"/],
    ['Slurm and a second count', { ...slurm, RELUCHECK_SHARD_COUNT: '4' }, /RELUCHECK_SHARD_COUNT and SLURM_ARRAY_TASK_COUNT both give a shard count.*Value: "4"/],
    ['Slurm without MIN', { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' }, /needs SLURM_ARRAY_TASK_MIN/],
    ['Slurm without COUNT', { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1' }, /needs SLURM_ARRAY_TASK_COUNT/],
    ['Slurm id below MIN', { ...slurm, SLURM_ARRAY_TASK_ID: '0' }, /SLURM_ARRAY_TASK_ID must be an integer from 1 to .*\(at least SLURM_ARRAY_TASK_MIN = 1\). Value: "0"/],
    ['Slurm id past the range', { ...slurm, SLURM_ARRAY_TASK_ID: '5' }, /SLURM_ARRAY_TASK_ID must be one of 1, 2, \.\.\., 4.*Value: "5"/],
    ['Slurm id off the step', { ...slurm, SLURM_ARRAY_TASK_STEP: '2', SLURM_ARRAY_TASK_ID: '4' }, /SLURM_ARRAY_TASK_ID must be one of 1, 3, \.\.\., 7.*Value: "4"/],
    ['a Slurm list, not a range', { ...slurm, SLURM_ARRAY_TASK_MAX: '9' }, /a regular range .* not a list such as --array=1,2,7: here 1 \+ 3 \* 1 = 4.*Value: "9"/],
    ['a Slurm step of 0', { ...slurm, SLURM_ARRAY_TASK_STEP: '0' }, /SLURM_ARRAY_TASK_STEP must be an integer from 1 to .*Value: "0"/],
  ];

  it.each(cases)('%s', async (_, env, pattern) => {
    expect(() => shardFromEnvironment(env)).toThrow(pattern);
    // Through the CLI: exit 2, 'invalid argument.', before any output folder or worker exists.
    let stderr = '';
    const io = { stdout: () => {}, stderr: (t: string) => void (stderr += t), isTTY: false };
    const out = join(mkdtempSync(join(tmpdir(), 'shard-auto-bad-')), 'never');
    const code = await runCli(['audit', '--shard', 'auto', '--out', out], io, [makeAuditCommand(env), reportCommand]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^relucheck audit: invalid argument\. /);
    expect(stderr).toMatch(pattern);
    expect(existsSync(out)).toBe(false);
  });

  it('reads the three engines as documented', () => {
    expect(shardFromEnvironment({ RELUCHECK_SHARD_INDEX: '0', RELUCHECK_SHARD_COUNT: '1' }).shard).toEqual({ index: 1, count: 1 });
    expect(shardFromEnvironment({ SLURM_ARRAY_TASK_ID: '30', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '10', SLURM_ARRAY_TASK_COUNT: '4' }).shard).toEqual({ index: 4, count: 4 });
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '9', RELUCHECK_SHARD_COUNT: '10' })).toEqual({
      shard: { index: 10, count: 10 },
      source: 'Kubernetes Indexed Job: JOB_COMPLETION_INDEX=9, RELUCHECK_SHARD_COUNT=10',
    });
  });
});
