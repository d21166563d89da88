/**
 * Writes DIR/report.html, DIR/report.md (embedding DIR/figures/*.svg, written beside it) and
 * DIR/verdicts.json from the records of one or more audit directories, all three carrying the
 * report's provenance, and, when merging shards into a new directory, the merged results.jsonl.
 *
 * @example
 * ```ts
 * await writeReport(['shard1', 'shard2'], 'merged');
 * ```
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { IoError } from '../../core/ioError.js';
import { fail } from '../../core/validate.js';
import { RESULTS_FILE } from '../runner/resultsFile.js';
import { buildReport, type Report } from './buildReport.js';
import { renderHtml } from './html.js';
import { loadRecords } from './loadRecords.js';
import { renderMarkdown } from './markdown.js';
import { currentProvenance, type Provenance } from './provenance.js';
import { renderSvg } from './renderSvg.js';
import { verdictsJson } from './verdictsJson.js';

/** Paths written and the report content. */
export interface Written {
  readonly report: Report;
  readonly html: string;
  readonly markdown: string;
  readonly verdicts: string;
  readonly provenance: Provenance;
  /** Torn last lines left out ("DIR/results.jsonl line N"), for a warning. */
  readonly torn: readonly string[];
}

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** Fixed provenance (specs, or rebuilding a report byte for byte); default: this checkout, now. */
  readonly provenance?: Provenance;
  /** Refuse directories that hold no record at all (`relucheck report`: an empty report is no report). */
  readonly requireRecords?: boolean;
}

/** Writes one output file; a failure names the file (and is an IoError: exit 3, not a crash). */
function writeOutput(path: string, data: string): void {
  try {
    writeFileSync(path, data);
  } catch (err) {
    throw IoError.wrap(err, `could not write ${path} (the report is incomplete; the audit's results are untouched: rerun once there is space)`);
  }
}

/** Builds the report of `dirs` into `out` (which may be one of them). */
export async function writeReport(dirs: readonly string[], out: string, options: WriteReportOptions = {}): Promise<Written> {
  const loaded = loadRecords(dirs);
  if (options.requireRecords && loaded.records.length === 0) {
    fail('DIR', 'the results.jsonl of DIR hold no trial record; run relucheck audit into DIR first', dirs.join(' '));
  }
  const report = buildReport(loaded.records, loaded.masterSeed);
  const provenance = options.provenance ?? currentProvenance({ tier: report.tier, masterSeed: report.masterSeed });
  mkdirSync(join(out, 'figures'), { recursive: true });
  const svgs = new Map<string, string>();
  for (const s of report.sections) for (const f of s.figures) svgs.set(f.id, await renderSvg(f.vegaLite));
  for (const [id, svg] of svgs) writeOutput(join(out, 'figures', `${id}.svg`), svg);
  if (!dirs.some((d) => resolve(d) === resolve(out))) {
    writeOutput(join(out, RESULTS_FILE), loaded.records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
  const html = join(out, 'report.html');
  const markdown = join(out, 'report.md');
  const verdicts = join(out, 'verdicts.json');
  writeOutput(html, await renderHtml(report, provenance, svgs));
  writeOutput(markdown, renderMarkdown(report, provenance));
  writeOutput(verdicts, `${JSON.stringify(verdictsJson(report, provenance), null, 2)}\n`);
  return { report, html, markdown, verdicts, provenance, torn: loaded.torn };
}
