/**
 * The papers' values table (src/audit/report/paperValues.ts) says only what the papers say,
 * and the report prints every entry beside ours:
 *
 * - every quote occurs in its paper's excerpt (docs/papers, up to whitespace: the PDF text
 *   breaks lines mid-sentence), and each excerpt occurs in the full text extraction when the
 *   papers folder is there (RELUCHECK_PAPERS_DIR, default /work/shared/papers); planted: a
 *   quote with one digit changed, and an invented one, are not found;
 * - every entry belongs to an experiment of the audit, which states our value for it;
 * - report.md and report.html of a real quick run (seed 1, recorded in
 *   fixtures/quick-seed1-results.jsonl; summaries only, no trial runs) have, for every entry, a
 *   row in its section's table with the quantity, the paper's value, ours and the quote;
 *   planted: the same report rendered with one entry dropped is caught, naming the entry;
 * - the plots that draw a paper value (Fig. 2(d)'s reference slope, Zhong Fig. 1(a)'s threshold
 *   plot) label it from the table.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allTrials, EXPERIMENTS } from '../../src/audit/experiments/registry.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { buildReport, type Report } from '../../src/audit/report/buildReport.js';
import { escapeHtml, renderHtml } from '../../src/audit/report/html.js';
import { markdownText, renderMarkdown } from '../../src/audit/report/markdown.js';
import { NOT_MEASURED, paperSide, withPaperValues } from '../../src/audit/report/paperValueTable.js';
import { PAPER_FILES, PAPER_VALUES, paperValue, type PaperValue } from '../../src/audit/report/paperValues.js';
import { currentProvenance } from '../../src/audit/report/provenance.js';

const ROOT = join(__dirname, '..', '..');
const PAPERS_DIR = process.env.RELUCHECK_PAPERS_DIR ?? '/work/shared/papers';
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** An excerpt without its header line (the header says where it is from; it is not the paper's text). */
const excerpt = (paper: keyof typeof PAPER_FILES) => readFileSync(join(ROOT, PAPER_FILES[paper].excerpt), 'utf8').replace(/^#[^\n]*\n/, '');
const quoteFound = (v: Pick<PaperValue, 'paper' | 'quote'>) => squash(excerpt(v.paper)).includes(squash(v.quote));

describe("the papers' values table quotes the papers", () => {
  it('every quote occurs verbatim (up to whitespace) in its paper; a changed digit or an invented quote does not', () => {
    for (const v of PAPER_VALUES) expect(quoteFound(v), `${v.id}: ${v.quote}`).toBe(true);
    // The paragraph named in `where` by its opening words is in the same paper too.
    for (const v of PAPER_VALUES) for (const [, words] of v.where.matchAll(/"([^"]+)"/g)) expect(quoteFound({ paper: v.paper, quote: words }), `${v.id} where: ${words}`).toBe(true);
    expect(PAPER_VALUES.filter((v) => /"[^"]+"/.test(v.where)).length).toBeGreaterThan(20);
    expect(quoteFound({ paper: 'zhang2019', quote: 'The number of neurons in the hidden layer is set as $K = 6$.' })).toBe(false);
    expect(quoteFound({ paper: 'zhong2017', quote: 'we run 20 trials' })).toBe(false);
    expect(quoteFound({ paper: 'zhong2017', quote: paperValue('zhang.K').quote })).toBe(false); // the other paper's text
  });

  it.runIf(existsSync(join(PAPERS_DIR, PAPER_FILES.zhang2019.full)))(`each excerpt is verbatim from the full text in ${PAPERS_DIR} (gated on that folder)`, () => {
    for (const paper of Object.keys(PAPER_FILES) as (keyof typeof PAPER_FILES)[]) {
      const full = squash(readFileSync(join(PAPERS_DIR, PAPER_FILES[paper].full), 'utf8'));
      // Paragraph by paragraph: the excerpt joins the caption and the section with a blank line.
      for (const para of excerpt(paper).split(/\n\s*\n/).map(squash).filter((p) => p.length > 0)) expect(full.includes(para), `${paper}: ${para.slice(0, 80)}`).toBe(true);
    }
  });

  it('ids are unique, every entry names audit experiments, and no quote is empty', () => {
    const ids = PAPER_VALUES.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    const experiments = new Set(EXPERIMENTS.map((e) => e.id));
    for (const v of PAPER_VALUES) {
      expect(v.sections.length, v.id).toBeGreaterThan(0);
      for (const s of v.sections) expect(experiments.has(s), `${v.id} names ${s}`).toBe(true);
      expect(v.quote.trim().length, v.id).toBeGreaterThan(10);
    }
    expect(() => paperValue('no.such.entry')).toThrow(/no\.such\.entry.*PAPER_VALUES/);
  });
});

/** The recorded quick run (seed 1), refused if a trial it holds is no longer planned. */
function recorded(): TrialRecord[] {
  const records = readFileSync(join(__dirname, 'fixtures', 'quick-seed1-results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TrialRecord);
  const known = new Set(allTrials('quick').map((t) => t.id));
  const stale = records.filter((r) => !known.has(r.id)).map((r) => r.id);
  // A stale fixture would show entries with no records behind them: regenerate it with
  // `relucheck audit --quick --seed 1 --out DIR` and copy DIR/results.jsonl.
  expect(stale, 'fixture trials no longer planned').toEqual([]);
  return records;
}

/** Entries without a row of quantity, paper's value, ours and quote in their section (cells escaped by `esc`). */
function missingRows(text: string, report: Report, esc: (s: string) => string, rowOf: (cells: string[]) => string): string[] {
  const missing: string[] = [];
  for (const v of PAPER_VALUES) {
    for (const id of v.sections) {
      const section = report.sections.find((s) => s.id === id)!;
      const ours = section.paperComparison?.[v.id] ?? NOT_MEASURED;
      const row = rowOf([v.quantity, paperSide(v), ours, v.kind, `${v.where}: "${v.quote}"`].map(esc));
      if (ours === NOT_MEASURED || !text.includes(row)) missing.push(`${v.id} in ${id}`);
    }
  }
  return missing;
}

const mdCell = (s: string) => markdownText(s).replace(/(?<!\\)\|/g, '\\|');
const mdRow = (cells: string[]) => `| ${cells.join(' | ')} |`;
const htmlRow = (cells: string[]) => cells.map((c) => `<td>${c}</td>`).join('');

describe("the report renders the papers' values beside ours", () => {
  const report = buildReport(recorded(), 1);
  const provenance = currentProvenance({ tier: 'quick', masterSeed: 1, env: { SOURCE_DATE_EPOCH: '1700000000' } });

  it('report.md and report.html: every entry has its row with our value, in each section it names', async () => {
    expect(missingRows(renderMarkdown(report, provenance), report, mdCell, mdRow)).toEqual([]);
    expect(missingRows(await renderHtml(report, provenance), report, (s) => escapeHtml(s), htmlRow)).toEqual([]);
    // Where the paper gives no number, the section says so in words.
    const md = renderMarkdown(report, provenance);
    for (const v of PAPER_VALUES.filter((e) => e.kind === 'no value')) expect(md, v.id).toContain(markdownText(`${v.quantity} (${v.where})`));
  });

  it('planted: a render with one entry dropped is caught, naming that entry', () => {
    const dropped = 'zhang.fig2d.rate';
    const without = PAPER_VALUES.filter((v) => v.id !== dropped);
    const planted: Report = { ...report, sections: report.sections.map((s) => withPaperValues({ ...s, tables: s.tables.filter((t) => !t.title.endsWith("the papers' values beside ours")) }, without)) };
    expect(missingRows(renderMarkdown(planted, provenance), planted, mdCell, mdRow)).toEqual([`${dropped} in fig2d`]);
  });

  it("the plots label the paper's values from the table", () => {
    const figure = (id: string) => JSON.stringify(report.sections.flatMap((s) => s.figures).find((f) => f.id === id)?.vegaLite ?? {});
    expect(figure('fig2d')).toContain(`paper: ${paperValue('zhang.fig2d.rate').value}`);
    expect(figure('zhongFig1aThreshold')).toContain('paper: slope 1');
  });
});
