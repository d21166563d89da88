/**
 * The papers' values beside ours, per report section: one row per entry of PAPER_VALUES
 * (paperValues.ts) listed for the section, with our value from the section's own
 * `paperComparison` (each experiment states its value for the entries it measures or sets).
 * buildReport puts the table first in each section, so report.md and report.html render it
 * alike; an entry the experiment gives no value for says so in the row instead of vanishing.
 *
 * @example
 * ```ts
 * const table = paperValueTable(section); // undefined when no paper value concerns the section
 * ```
 */
import type { Section, TableSpec } from '../experiments/types.js';
import { PAPER_VALUES, type PaperValue } from './paperValues.js';

/** Columns of the table (the spec finds rows by them). @example PAPER_VALUE_COLUMNS[2] // 'ours' */
export const PAPER_VALUE_COLUMNS = ['quantity', 'paper', 'ours', 'kind', 'where in the paper (verbatim)'] as const;

/** What a row says when the experiment states no value of its own for an entry. @example section.paperComparison?.[id] ?? NOT_MEASURED */
export const NOT_MEASURED = 'not measured here';

/** The paper's side of a row: its value, or that it states none. @example paperSide(paperValue('zhang.fig2b.threshold')) // 'the paper states no value (...)' */
export function paperSide(v: PaperValue): string {
  return v.kind === 'no value' ? `the paper states no value (${v.value})` : v.value;
}

/** The table for one section, or undefined when the papers state nothing about it. @example paperValueTable(fig2d.summarize(records))?.rows.length */
export function paperValueTable(section: Pick<Section, 'id' | 'title' | 'paperComparison'>, entries: readonly PaperValue[] = PAPER_VALUES): TableSpec | undefined {
  const mine = entries.filter((v) => v.sections.includes(section.id));
  if (mine.length === 0) return undefined;
  return {
    title: `${section.title}: the papers' values beside ours`,
    columns: [...PAPER_VALUE_COLUMNS],
    rows: mine.map((v) => [v.quantity, paperSide(v), section.paperComparison?.[v.id] ?? NOT_MEASURED, v.kind, `${v.where}: "${v.quote}"`]),
  };
}

/** The section's note naming what the paper gives no number for (undefined when it gives all). @example noValueNote({ id: 'fig2a' }) // 'The paper states no value for: local linear rate ...' */
export function noValueNote(section: Pick<Section, 'id'>, entries: readonly PaperValue[] = PAPER_VALUES): string | undefined {
  const none = entries.filter((v) => v.sections.includes(section.id) && v.kind === 'no value');
  return none.length ? `The paper states no value for: ${none.map((v) => `${v.quantity} (${v.where})`).join('; ')}. Ours are in the papers' values table, beside what the paper says instead.` : undefined;
}

/**
 * The section with its paper-value table first and, when the paper gives no number for some
 * of what it measures, a note saying so (sections the papers say nothing about unchanged).
 * @example withPaperValues(fig2b.summarize(records)).tables[0].title // "...: the papers' values beside ours"
 */
export function withPaperValues(section: Section, entries: readonly PaperValue[] = PAPER_VALUES): Section {
  const table = paperValueTable(section, entries);
  const note = noValueNote(section, entries);
  return table ? { ...section, notes: [...section.notes, ...(note ? [note] : [])], tables: [table, ...section.tables] } : section;
}
