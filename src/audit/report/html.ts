/**
 * report.html: one static page (no scripts, no network): the verdicts, then per experiment
 * its notes, its plots as inline SVG rendered by Vega, and its tables.
 *
 * @example
 * ```ts
 * writeFileSync('report.html', await renderHtml(report, provenance));
 * ```
 */
import { displayLine, DISPLAY_LIMITS } from '../../core/displayText.js';
import type { TableSpec, VerdictStatus } from '../experiments/types.js';
import type { Report } from './buildReport.js';
import { familyText, POWER_COLUMNS, POWER_NOTE, sensitivityTables } from './markdown.js';
import { powerRows } from './tierPower.js';
import { provenanceText, type Provenance } from './provenance.js';
import { renderSvg } from './renderSvg.js';

/** Escapes text for HTML; control characters are shown escaped and the length capped (core/displayText.ts). */
export function escapeHtml(text: string | number): string {
  return displayLine(String(text), DISPLAY_LIMITS.block).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function table(t: Pick<TableSpec, 'columns' | 'rows'>, cls = ''): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STATUS_CLASS: Record<VerdictStatus, string> = {
  supported: 'ok',
  'not supported': 'bad',
  inconclusive: 'unknown',
  pending: 'pending',
  'not decidable on the quick tier': 'pending',
};

const STYLE = `
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.status { font-weight: 600; white-space: nowrap; }
.ok { color: #1a7f37; } .bad { color: #c62828; } .unknown { color: #9a6700; } .pending { color: #666; }
figure { margin: 1em 0; } figcaption { font-size: 0.9em; color: #555; }
`;

/** The whole report as a static HTML page; `svgs` are figures already rendered (by id), others are rendered here. */
export async function renderHtml(report: Report, provenance: Provenance, svgs: ReadonlyMap<string, string> = new Map()): Promise<string> {
  const parts: string[] = [];
  parts.push(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>relucheck audit report</title><style>${STYLE}</style></head><body>`);
  parts.push('<h1>relucheck audit report</h1>');
  parts.push(`<p class="provenance">${escapeHtml(provenanceText(provenance))}</p>`);
  parts.push(`<p>Master seed ${escapeHtml(report.masterSeed ?? 'n/a')}; ${report.trials} trial(s); tier ${escapeHtml(report.tier)}${report.stale ? `; ${report.stale} record(s) of trials no longer planned left out` : ''}.</p>`);
  parts.push(table({ columns: ['experiment', 'trials found', 'quick tier', 'full tier'], rows: report.coverage.map((c) => [c.title, c.records, c.quick, c.full]) }));
  parts.push('<h2>Verdicts</h2>');
  const rows = report.verdicts
    .map((v) => `<tr><td class="status ${STATUS_CLASS[v.status]}">${escapeHtml(v.status)}</td><td>${escapeHtml(v.claim)}</td><td>${escapeHtml(v.tolerance ?? '-')}</td><td>${escapeHtml(v.citation)}</td><td>${escapeHtml(v.evidence)}</td></tr>`)
    .join('\n');
  parts.push(`<p class="family">${escapeHtml(familyText(report))}</p>`);
  parts.push(`<table class="verdicts"><thead><tr><th>status</th><th>claim</th><th>tolerance</th><th>source</th><th>evidence</th></tr></thead><tbody>\n${rows}\n</tbody></table>`);
  parts.push('<h3>Quick vs full: what each tier can decide</h3>', `<p>${escapeHtml(POWER_NOTE)}</p>`, table({ columns: POWER_COLUMNS, rows: powerRows(report.verdicts) }, 'power'));
  for (const s of report.sections) {
    parts.push(`<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>`);
    parts.push(`<ul>${s.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
    for (const f of s.figures) {
      const svg = svgs.get(f.id) ?? (await renderSvg(f.vegaLite));
      parts.push(`<figure class="plot" data-figure="${escapeHtml(f.id)}">${svg}<figcaption>${escapeHtml(f.title)}. ${escapeHtml(f.caption)}</figcaption></figure>`);
    }
    for (const t of s.tables) parts.push(`<h3>${escapeHtml(t.title)}</h3>`, table(t));
    for (const t of sensitivityTables(report, s.title)) parts.push(`<h3>${escapeHtml(t.title)}</h3>`, table(t, 'sensitivity'));
    parts.push('</section>');
  }
  parts.push('</body></html>\n');
  return parts.join('\n');
}
