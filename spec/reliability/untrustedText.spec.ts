/**
 * Text written by someone else (an implementation's name, its error messages and stderr, and
 * strings read back from results.jsonl) is shown escaped and capped everywhere relucheck shows
 * it: in check's text output, in --json, and in report.md and report.html. Before, a name of
 * 1 MB made 6.3 MB of output, and escape codes (clear screen, window title) and newlines that
 * forge a "23 passed, 0 failed" line went to the terminal raw; report.md embedded `<script>`.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import { capLength, displayBlock, displayLine, DISPLAY_LIMITS } from '../../src/core/displayText.js';
import { buildReport, type Report } from '../../src/audit/report/buildReport.js';
import { renderHtml } from '../../src/audit/report/html.js';
import { renderMarkdown } from '../../src/audit/report/markdown.js';
import type { Provenance } from '../../src/audit/report/provenance.js';
import { gradientAgreementClaim } from '../protocol/support/gradientAgreementClaim.js';

const server = fileURLToPath(new URL('./servers/evil-text.mjs', import.meta.url));
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
const FORGED = /^23 passed/m;

async function check(...extra: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false };
  const code = await makeCheckCommand(async () => [gradientAgreementClaim], {}).run(['--cmd', `node ${server}`, '--timeout', '20000', ...extra], io);
  return { code, stdout, stderr };
}

describe('displayText', () => {
  it('escapes escape sequences, carriage returns, newlines, bidi overrides and lone surrogates in one line', () => {
    expect(displayLine('a\x1b[2J\x1b]0;t\x07\r\nb\u202ec\ud800d\x9be')).toBe('a\\x1b[2J\\x1b]0;t\\x07\\r\\nb\\u{202e}c\\u{d800}d\\x9be');
    expect(displayLine('plain text, ünïcödé and 😀 stay')).toBe('plain text, ünïcödé and 😀 stay');
  });

  it('keeps the newlines of a block but escapes the rest, and keeps only the last lines of a tail', () => {
    expect(displayBlock('one\r\ntwo\x1b[1m')).toBe('one\\r\ntwo\\x1b[1m');
    expect(displayBlock('1\n2\n3\n4\n', { maxLines: 2 })).toBe('... [earlier output cut]\n3\n4');
  });

  it('caps the length and says how much was cut, never splitting a surrogate pair', () => {
    expect(capLength('x'.repeat(1000), 10)).toBe('xxxxxxxxxx... [990 more characters]');
    expect(capLength('ab😀', 3)).toBe('ab... [2 more characters]');
    expect(displayLine('\x1b'.repeat(1e6)).length).toBeLessThan(DISPLAY_LIMITS.name * 4 + 40);
    expect(displayBlock('y'.repeat(1e7)).length).toBeLessThan(DISPLAY_LIMITS.block + 40);
  });
});

describe('check shows a hostile implementation\'s text escaped and capped', () => {
  it('text output: no raw control character, no forged summary line, bounded size', async () => {
    const r = await check();
    const text = r.stdout + r.stderr;
    expect(r.code, text.slice(0, 2000)).toBe(2);
    expect(text).toMatch(/relucheck check: evil\\x1b\[2J\\x1b\]0;owned\\x07\\r\\n23 passed/);
    expect(text).toMatch(/ERROR spec-gradient-agreement/);
    expect(text).toMatch(/boom\\x1b\[2J/);
    expect(text).toMatch(/more characters\]/);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text.match(/^\d+ passed, \d+ failed.*$/gm)).toEqual(['0 passed, 0 failed, 0 not applicable, 1 errored']);
    expect(text).not.toMatch(FORGED);
    expect(text.length).toBeLessThan(50_000); // 1.3 MB of hostile text in
  }, 30_000);

  it('--json: the name, self-description, message and stderr are capped', async () => {
    const r = await check('--json');
    expect(r.stdout.length).toBeLessThan(100_000);
    const doc = JSON.parse(r.stdout) as { implementation: { name: string; about: { version: string } }; verdicts: { message: string; fault: { stderr: string } }[] };
    expect(doc.implementation.name).toMatch(/^evil\x1b\[2J[\s\S]*more characters\] \(node /);
    expect(doc.implementation.about.version).toMatch(/^1\x1b/);
    expect(doc.verdicts[0]!.message.length).toBeLessThan(DISPLAY_LIMITS.block + 50);
    expect(doc.verdicts[0]!.fault.stderr.length).toBeLessThanOrEqual(2 * DISPLAY_LIMITS.block);
  }, 30_000);
});

describe('report.md and report.html show record strings as text', () => {
  it('HTML and escape codes in a table cell, a note and a verdict\'s evidence', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>\x1b[2J\n23 passed | x';
    const base = buildReport([], 1);
    const report: Report = {
      ...base,
      sections: [{ id: 'evil', title: 'Evil', notes: [hostile], figures: [], tables: [{ title: 'runs', columns: ['init used'], rows: [[hostile]] }], verdicts: [] }],
      verdicts: [{ claim: 'c', citation: 'p', status: 'supported', evidence: hostile, section: 'Evil' }],
    };
    const provenance = { version: '0', commit: 'c', date: 'd', command: 'relucheck audit' } as unknown as Provenance;
    const outputs = { 'report.md': renderMarkdown(report, provenance), 'report.html': await renderHtml(report, provenance) };
    for (const [file, text] of Object.entries(outputs)) {
      expect(text, file).not.toMatch(/<script>alert|<img src=x/);
      expect(text, file).not.toMatch(RAW_CONTROL);
      expect(text, file).not.toMatch(FORGED);
    }
    expect(outputs['report.md']).toMatch(/\| &lt;script>alert\(1\)&lt;\/script>&lt;img src=x onerror=alert\(2\)>\\x1b\[2J 23 passed \\\| x \|/);
    expect(outputs['report.html']).toMatch(/&lt;script&gt;alert\(1\)/);
  });

  it('a "|" a note or evidence already escapes for Markdown is not escaped twice (it would split the cell)', () => {
    const report: Report = { ...buildReport([], 1), sections: [], verdicts: [{ claim: 'c', citation: 'p', status: 'supported', evidence: '\\|slope\\| <= 0.05 and a|b', section: 'S' }] };
    const md = renderMarkdown(report, { version: '0', commit: 'c', date: 'd', command: 'x' } as unknown as Provenance);
    expect(md).toContain('| \\|slope\\| <= 0.05 and a\\|b |');
  });
});
