/**
 * Where a report came from: relucheck's version, the commit of the code that built it, when,
 * and the command that reproduces it (the audit is a pure function of tier and master seed, so
 * that command rebuilds the same records and the same verdicts). report.md, report.html and
 * verdicts.json all carry it.
 *
 * The date honours SOURCE_DATE_EPOCH (the reproducible-builds convention), so two reports of
 * the same records can be made byte-identical; the commit is `git rev-parse HEAD` of the
 * package's checkout, or "unknown" outside one (an installed package).
 *
 * @example
 * ```ts
 * const p = currentProvenance({ tier: 'full', masterSeed: 1 });
 * p.command; // "npx relucheck audit --full --seed 1"
 * ```
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AuditTier } from '../experiments/types.js';

/** The provenance block of a report. */
export interface Provenance {
  readonly version: string;
  readonly commit: string;
  /** ISO 8601, UTC. */
  readonly date: string;
  /** The command that reproduces the records (and so the report). */
  readonly command: string;
}

/** The package root: dist/src/audit/report -> four levels up, src/audit/report -> three. */
function packageRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.includes('/dist/') ? fileURLToPath(new URL('../../../../', import.meta.url)) : fileURLToPath(new URL('../../../', import.meta.url));
}

/** The command that reproduces an audit of this tier and seed ('partial' reruns the quick tier, with a note). */
export function reproduceCommand(tier: AuditTier | 'partial', masterSeed: number | undefined): string {
  const base = `npx relucheck audit --${tier === 'full' ? 'full' : 'quick'} --seed ${masterSeed ?? 1}`;
  return tier === 'partial' ? `${base}   # this report covers part of a tier (--only or unfinished shards); this reruns the whole quick tier` : base;
}

/** The provenance of a report built now, from this checkout. */
export function currentProvenance(o: { tier: AuditTier | 'partial'; masterSeed: number | undefined; env?: NodeJS.ProcessEnv }): Provenance {
  const env = o.env ?? process.env;
  const root = packageRoot();
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string }).version;
  } catch {
    // No package.json beside the code: left "unknown" rather than failing the report.
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim() || 'unknown';
  } catch {
    // Not a git checkout (an installed package): the version identifies the code.
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  const date = (epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date()).toISOString();
  return { version, commit, date, command: reproduceCommand(o.tier, o.masterSeed) };
}

/** One line for the top of report.md / report.html. */
export function provenanceText(p: Provenance): string {
  return `relucheck ${p.version}, commit ${p.commit}, built ${p.date}. Reproduce with: ${p.command}`;
}
