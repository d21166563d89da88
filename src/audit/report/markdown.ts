/**
 * report.md: the report's provenance, verdicts and tables as GitHub-flavoured Markdown, for a
 * terminal or a pull request, with the plots embedded as images of figures/<id>.svg (written
 * beside it by writeReport).
 *
 * @example
 * ```ts
 * writeFileSync('report.md', renderMarkdown(buildReport(records, seed), currentProvenance({ tier: 'quick', masterSeed: seed })));
 * ```
 */
import { displayLine, DISPLAY_LIMITS } from '../../core/displayText.js';
import type { TableSpec } from '../experiments/types.js';
import type { Report } from './buildReport.js';
import { provenanceText, type Provenance } from './provenance.js';
import { powerRows } from './tierPower.js';

/** The family-wise statement of the report, in words (also in report.html). */
export function familyText(report: Report): string {
  const f = report.family;
  return `Family-wise error control: ${f.method} at level ${f.level} over the ${f.size} verdict(s) that carry a test (the chance that any of their true claims is reported NOT SUPPORTED is at most ${f.level}); ${f.rejected} rejected, ${f.downgraded} "not supported" before correction reported as inconclusive. Verdicts without a test follow their own stated rule.`;
}

/** The power table's columns (report.md and report.html). */
export const POWER_COLUMNS = ['claim', 'quick tier', 'full tier', 'records of this report'];

/** What the power table says, in words. */
export const POWER_NOTE =
  'Every verdict, with what the quick and the full tier\'s designs can decide. A verdict whose records are the quick tier and whose quick design cannot decide it is reported as NOT DECIDABLE ON THE QUICK TIER (its records shown as information, not a finding) and is left out of the Holm family.';

/** The window-sensitivity tables of a section's verdicts (from the report's corrected verdicts). */
export function sensitivityTables(report: Report, section: string): TableSpec[] {
  return report.verdicts.filter((v) => v.section === section && v.sensitivity).map((v) => v.sensitivity as TableSpec);
}

/**
 * Text for report.md: control characters escaped and capped (core/displayText.ts), HTML
 * neutralised (a Markdown viewer renders raw HTML: a `<script>` or `<img src=...>` from a
 * record must show as text). Notes and captions are written as Markdown (`\|w\|`), so only
 * table cells escape `|` (a value must not split its cell).
 * @example markdownText('<script>x</script>') // '&lt;script>x&lt;/script>'
 */
export function markdownText(v: string | number): string {
  return displayLine(String(v).replace(/\n/g, ' '), DISPLAY_LIMITS.block)
    .replace(/&(?=[#A-Za-z])/g, '&amp;') // an entity could spell any character
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;'); // a tag or comment; "N < 5" and "<=" stay readable
}

function cell(v: string | number): string {
  return markdownText(v).replace(/(?<!\\)\|/g, '\\|');
}

/** A Markdown table. */
export function markdownTable(t: Pick<TableSpec, 'columns' | 'rows'>): string {
  const head = `| ${t.columns.map(cell).join(' | ')} |`;
  const rule = `| ${t.columns.map(() => '---').join(' | ')} |`;
  const body = t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

/** The whole report as Markdown. */
export function renderMarkdown(report: Report, provenance: Provenance): string {
  const out: string[] = [];
  out.push('# relucheck audit report', '');
  out.push(provenanceText(provenance), '');
  out.push(`Master seed ${report.masterSeed ?? 'n/a'}; ${report.trials} trial(s); tier ${report.tier}${report.stale ? `; ${report.stale} record(s) of trials no longer planned left out` : ''}.`, '');
  out.push(markdownTable({ columns: ['experiment', 'trials found', 'quick tier', 'full tier'], rows: report.coverage.map((c) => [c.title, c.records, c.quick, c.full]) }), '');
  out.push('## Verdicts', '');
  out.push(familyText(report), '');
  out.push(markdownTable({ columns: ['status', 'claim', 'tolerance', 'source', 'evidence'], rows: report.verdicts.map((v) => [v.status.toUpperCase(), v.claim, v.tolerance ?? '-', v.citation, v.evidence]) }), '');
  out.push('### Quick vs full: what each tier can decide', '', POWER_NOTE, '');
  out.push(markdownTable({ columns: POWER_COLUMNS, rows: powerRows(report.verdicts) }), '');
  for (const s of report.sections) {
    out.push(`## ${markdownText(s.title)}`, '');
    for (const n of s.notes) out.push(`- ${markdownText(n)}`);
    out.push('');
    for (const f of s.figures) out.push(`![${markdownText(f.title)}](figures/${encodeURIComponent(f.id)}.svg)`, '', `*${markdownText(f.title)}.* ${markdownText(f.caption)}`, '');
    for (const t of s.tables) out.push(`### ${markdownText(t.title)}`, '', markdownTable(t), '');
    for (const t of sensitivityTables(report, s.title)) out.push(`### ${markdownText(t.title)}`, '', markdownTable(t), '');
  }
  return `${out.join('\n')}\n`;
}
