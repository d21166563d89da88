/**
 * `relucheck audit`: runs (or resumes) the audit into DIR and writes the report there.
 *
 * @example
 * ```sh
 * relucheck audit                      # quick tier into audit-out/
 * relucheck audit --full --workers 2 --out full-out
 * relucheck audit --full --shard 1/4 --out shard1   # then: relucheck report shard1 ... shard4
 * relucheck audit --full --shard auto --out shard-$SLURM_ARRAY_TASK_ID   # in a job array
 * ```
 */
import { availableParallelism } from 'node:os';
import { parseOptions } from './parseOptions.js';
import { plannedTrials, runAudit, type AuditOptions } from '../audit/runner/runAudit.js';
import { parseShard, WHOLE, type Shard } from '../audit/runner/shard.js';
import { shardFromEnvironment, type ShardEnvironment } from '../audit/runner/shardAuto.js';
import { writeReport } from '../audit/report/writeReport.js';
import { acquireOutLock } from '../audit/runner/outLock.js';
import { LIMITS, parseIntegerOption } from './optionValues.js';
import { prepareOutputDirectory } from './outputDirectory.js';
import { fail } from '../core/validate.js';
import { EXIT, UsageError, type CliIo, type Command } from './usage.js';

/** The default output directory (gitignored). */
export const DEFAULT_OUT = 'audit-out';

/**
 * Builds the command reading `--shard auto`'s variables from `env` (specs inject their own).
 * @example await makeAuditCommand({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '2' }).run(['--shard', 'auto'], io)
 */
export function makeAuditCommand(env: ShardEnvironment = process.env): Command {
  return { ...AUDIT, run: (argv, io) => AUDIT.run(argv, io, env) };
}

const AUDIT = {
  name: 'audit',
  summary: "run the papers' experiments, estimate their constants, write a report",
  help: `relucheck audit [--quick | --full] [--out DIR] [--seed S] [--workers N] [--shard i/n | --shard auto] [--only PREFIX]... [--strict]

Runs Zhang et al. 2019's Fig. 2(a)-(d) and Zhong et al. 2017's Fig. 1(a)-(c), measures the
constants of Lemmas 5.1-5.3 and Theorem 4.2, then writes DIR/report.html, DIR/report.md (with
DIR/figures/*.svg), DIR/verdicts.json (for CI) and DIR/results.jsonl; each report states the
version, commit, date and the command that reproduces it.

Exit codes: 0 done; 1 a trial failed, or (with --strict) a verdict is NOT SUPPORTED (the code
relucheck check uses for a failed claim); 2 bad usage, or a results.jsonl line that is not
a record of this relucheck; 3 relucheck could not write its output (disk full, quota,
read-only): every trial finished before the failure is saved, and rerunning the same
command resumes.

  --quick       the quick tier (default; a few minutes on 2 cores)
  --full        the papers' trial counts
  --out DIR     output directory (default ${DEFAULT_OUT}); rerunning resumes from its results.jsonl.
                One audit at a time: DIR/audit.lock names the audit writing DIR; a second
                one exits 2 naming it; a lock left by a killed audit is taken over
  --seed S      master seed (default 1); every trial's seed derives from (S, trial id)
  --workers N   worker threads (default: available cores)
  --shard i/n   run only the i-th of n deterministic shares; merge with 'relucheck report'
  --shard auto  the share of this job-array element, from its engine's variables:
                GitHub Actions matrix: RELUCHECK_SHARD_INDEX (0-based) and RELUCHECK_SHARD_COUNT,
                  set in the workflow from strategy.job-index and strategy.job-total;
                Slurm job array: SLURM_ARRAY_TASK_ID, _MIN, _STEP and _COUNT (a regular range);
                Kubernetes Indexed Job: JOB_COMPLETION_INDEX, with RELUCHECK_SHARD_COUNT set to
                  spec.completions. None, or two engines' variables at once, is a usage error
  --only P      only trials whose id starts with P (repeatable), e.g. --only fig2b/d=20
  --strict      exit 1 when any verdict is NOT SUPPORTED (after the family-wise correction)`,
  async run(argv: readonly string[], io: CliIo, env: ShardEnvironment): Promise<number> {
    const { values } = parseOptions({
      args: [...argv],
      options: {
        quick: { type: 'boolean' },
        full: { type: 'boolean' },
        out: { type: 'string' },
        seed: { type: 'string' },
        workers: { type: 'string' },
        shard: { type: 'string' },
        only: { type: 'string', multiple: true },
        strict: { type: 'boolean' },
      },
    });
    if (values.quick && values.full) throw new UsageError('--quick and --full exclude each other');
    const out = values.out ?? DEFAULT_OUT;
    const tier = values.full ? 'full' : 'quick';
    // Every value is checked before the output folder or a worker exists.
    const masterSeed = values.seed === undefined ? 1 : parseIntegerOption('--seed', values.seed, LIMITS.seed);
    const workers = values.workers === undefined ? Math.min(availableParallelism(), LIMITS.workers.max) : parseIntegerOption('--workers', values.workers, LIMITS.workers);
    const shard = shardOption(values.shard, env, io);
    for (const prefix of values.only ?? []) {
      if (prefix.trim() === '') fail('--only', '--only must not be empty (an empty prefix matches every trial; leave --only out to run them all)', prefix);
      if (plannedTrials(tier, WHOLE, [prefix]).length === 0) {
        fail('--only', `--only must be a prefix of at least one trial id of the ${tier} tier (e.g. fig2b/d=20)`, prefix);
      }
    }
    prepareOutputDirectory('--out', out);
    // Held through the report too: a second audit must not rewrite it while this one writes.
    const lock = acquireOutLock(out, '--out', io.stderr);
    try {
      const settings = { tier, out, masterSeed, workers, shard, only: values.only, isTTY: io.isTTY, write: io.stdout, holdsLock: true } as const;
      return await auditAndReport(settings, Boolean(values.strict), io);
    } finally {
      lock.release();
    }
  },
};

/** The audit subcommand. */
export const auditCommand: Command = makeAuditCommand();

/** `--shard`: absent (the whole audit), `i/n`, or `auto` (printed with the variables that chose it). */
function shardOption(value: string | undefined, env: ShardEnvironment, io: CliIo): Shard {
  if (value === undefined) return WHOLE;
  if (value !== 'auto') return parseShard(value);
  const auto = shardFromEnvironment(env);
  io.stdout(`relucheck audit: --shard auto: shard ${auto.shard.index}/${auto.shard.count} (${auto.source})\n`);
  return auto.shard;
}

/** Runs the audit (its lock held by the caller), writes the report, and picks the exit code. */
async function auditAndReport(settings: AuditOptions, strict: boolean, io: CliIo): Promise<number> {
  const { out } = settings;
  const summary = await runAudit(settings);
  const written = await writeReport([out], out);
  io.stdout(`wrote ${written.html}, ${written.markdown}, ${written.verdicts} and ${out}/results.jsonl\n`);
  for (const v of written.report.verdicts) io.stdout(`  ${v.status.padEnd(13)} ${v.claim}\n`);
  if (summary.failed.length > 0) {
    io.stderr(`${summary.failed.length} trial(s) failed: ${summary.failed.join(', ')}\n`);
    return EXIT.claimFailed;
  }
  const refuted = written.report.verdicts.filter((v) => v.status === 'not supported');
  if (strict && refuted.length > 0) {
    io.stderr(`--strict: ${refuted.length} verdict(s) NOT SUPPORTED (see ${written.verdicts}): ${refuted.map((v) => v.claim).join('; ')}\n`);
    return EXIT.claimFailed;
  }
  return EXIT.ok;
}
