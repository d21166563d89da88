/**
 * Writes DIR/report.html and DIR/report.md from the records of one or more audit directories,
 * and, when merging shards into a new directory, the merged results.jsonl beside them.
 *
 * @example
 * ```ts
 * await writeReport(['shard1', 'shard2'], 'merged');
 * ```
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RESULTS_FILE } from '../runner/resultsFile.js';
import { buildReport, type Report } from './buildReport.js';
import { renderHtml } from './html.js';
import { loadRecords } from './loadRecords.js';
import { renderMarkdown } from './markdown.js';

/** Paths written and the report content. */
export interface Written {
  readonly report: Report;
  readonly html: string;
  readonly markdown: string;
}

/** Builds the report of `dirs` into `out` (which may be one of them). */
export async function writeReport(dirs: readonly string[], out: string): Promise<Written> {
  const loaded = loadRecords(dirs);
  const report = buildReport(loaded.records, loaded.masterSeed);
  mkdirSync(out, { recursive: true });
  if (!dirs.some((d) => resolve(d) === resolve(out))) {
    writeFileSync(join(out, RESULTS_FILE), loaded.records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
  const html = join(out, 'report.html');
  const markdown = join(out, 'report.md');
  writeFileSync(html, await renderHtml(report));
  writeFileSync(markdown, renderMarkdown(report));
  return { report, html, markdown };
}
