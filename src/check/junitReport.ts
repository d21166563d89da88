/**
 * JUnit XML of a check for CI dashboards (GitLab, Jenkins, GitHub test reporters): one
 * `<testcase>` per claim (or fixture case), `<failure>` with the claim's message, diagnosis,
 * counterexample and replay line, `<error>` for an implementation that crashed, hung or broke
 * the protocol, `<skipped>` with the reason for not applicable.
 *
 * Names and messages are the implementation's own text: shown as visible escapes like the
 * terminal output (core/displayText.ts), then XML-escaped. XML 1.0 cannot carry most control
 * characters at all (not even as `&#27;`), so an ANSI escape in a name would make the whole
 * file unreadable to the dashboard; here it arrives as the text `\x1b`.
 *
 * @example
 * ```ts
 * writeFileAtomic('junit.xml', claimsJunit(report, { suite: 'relucheck check: my-solver', properties: { seed: '1' } }));
 * ```
 */
import { displayBlock, displayLine, DISPLAY_LIMITS } from '../core/displayText.js';
import { caseTitle, type FixtureCaseResult } from '../fixtures/runFixtures.js';
import { renderVerdict } from './renderClaimsReport.js';
import type { ClaimVerdict } from './runClaimsCheck.js';

/** What the suite is called and the run's settings (seed, tier, ...), shown as `<properties>`. */
export interface JunitSuite {
  readonly suite: string;
  readonly properties: Readonly<Record<string, string>>;
  /** Wall time of the whole run, in seconds. */
  readonly seconds: number;
  /** ISO 8601 start of the run. */
  readonly timestamp: string;
}

/** One test case, already reduced to what JUnit shows. */
interface JunitCase {
  readonly classname: string;
  readonly name: string;
  readonly seconds?: number;
  readonly outcome?: { readonly element: 'failure' | 'error' | 'skipped'; readonly type: string; readonly message: string; readonly body: string };
}

/** Characters XML 1.0 cannot hold (C0 but tab/LF/CR, lone surrogates, U+FFFE/F), and C1 and DEL, which terminals obey. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text made safe for XML content or an attribute: forbidden characters as visible escapes
 * (`\x1b`, `\u{fffe}`), then `& < > " '` as entities. Newlines and tabs stay in content;
 * in attributes they become character references so a parser keeps them.
 * @example xmlEscape('a < b\x1b[2J') // 'a &lt; b\\x1b[2J'
 */
export function xmlEscape(text: string, attribute = false): string {
  let s = String(text).replace(NOT_XML, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
  s = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) s = s.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
  return s;
}

/** The first line of a message, escaped for display and capped (an attribute shows one line). */
function firstLine(text: string | undefined): string {
  return displayLine((text ?? '').split('\n')[0], DISPLAY_LIMITS.line);
}

/**
 * The JUnit document of a claims check.
 * @example claimsJunit(report.verdicts, suite)
 */
export function claimsJunit(verdicts: readonly ClaimVerdict[], suite: JunitSuite): string {
  return document(
    suite,
    verdicts.map((v): JunitCase => {
      const base = { classname: 'relucheck.claims', name: v.id, seconds: v.seconds };
      // renderVerdict's block is the terminal's: message, diagnosis, counterexample, stderr
      // tail and replay line, each already escaped for display.
      if (v.status === 'failed') return { ...base, outcome: { element: 'failure', type: 'claim failed', message: firstLine(v.message), body: renderVerdict(v) } };
      if (v.status === 'errored') {
        return { ...base, outcome: { element: 'error', type: v.fault?.kind ?? 'errored', message: firstLine(v.message ?? v.fault?.message), body: renderVerdict(v) } };
      }
      if (v.status === 'not-applicable') {
        const why = (v.missing ?? []).length > 0 ? `not applicable: needs ${v.missing!.join(', ')}` : `not applicable: ${v.message ?? ''}`;
        return { ...base, outcome: { element: 'skipped', type: 'not applicable', message: firstLine(why), body: '' } };
      }
      return base;
    }),
  );
}

/**
 * The JUnit document of a fixture run: one test case per fixture case, grouped by file.
 * @example fixturesJunit(report.cases, suite)
 */
export function fixturesJunit(cases: readonly FixtureCaseResult[], suite: JunitSuite): string {
  return document(
    suite,
    cases.map((r): JunitCase => {
      const base = { classname: `relucheck.fixtures.${displayLine(r.file)}`, name: displayLine(caseTitle(r), DISPLAY_LIMITS.line) };
      const body = displayBlock([...r.mismatches.map((m) => `case ${r.id}, ${m.message}`), r.error, r.hint].filter((t) => t !== undefined).join('\n'));
      if (r.status === 'failed') return { ...base, outcome: { element: 'failure', type: 'fixture mismatch', message: firstLine(body), body } };
      if (r.status === 'errored') return { ...base, outcome: { element: 'error', type: 'errored', message: firstLine(r.error), body } };
      if (r.status === 'not-applicable') {
        const why = `not applicable: ${[...new Set(r.skipped.map((s) => s.reason))].join('; ')}`;
        return { ...base, outcome: { element: 'skipped', type: 'not applicable', message: firstLine(why), body: '' } };
      }
      return base;
    }),
  );
}

/**
 * The JUnit document of a check whose implementation never started (it crashed, hung or broke
 * the handshake): one errored test case, so a dashboard shows the failure instead of no report.
 * @example startFaultJunit({ kind: 'exited', message: 'exit code 1', stderr: '...' }, suite)
 */
export function startFaultJunit(fault: { readonly kind: string; readonly message: string; readonly stderr?: string }, suite: JunitSuite): string {
  const stderr = fault.stderr ? `\nstderr of the implementation (last lines):\n${displayBlock(fault.stderr, { maxLines: 12, maxLineLength: DISPLAY_LIMITS.line })}` : '';
  return document(suite, [
    {
      classname: 'relucheck.check',
      name: 'implementation start',
      outcome: { element: 'error', type: fault.kind, message: firstLine(fault.message), body: `${displayBlock(fault.message)}${stderr}` },
    },
  ]);
}

function document(suite: JunitSuite, cases: readonly JunitCase[]): string {
  const count = (e: string) => cases.filter((c) => c.outcome?.element === e).length;
  const totals = `tests="${cases.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}" time="${suite.seconds.toFixed(3)}"`;
  const a = (t: string) => xmlEscape(t, true);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="relucheck" ${totals}>`,
    `  <testsuite name="${a(displayLine(suite.suite, DISPLAY_LIMITS.line))}" ${totals} timestamp="${a(suite.timestamp)}">`,
    '    <properties>',
    ...Object.entries(suite.properties).map(([k, v]) => `      <property name="${a(k)}" value="${a(displayLine(v, DISPLAY_LIMITS.block))}"/>`),
    '    </properties>',
  ];
  for (const c of cases) {
    const head = `    <testcase classname="${a(c.classname)}" name="${a(c.name)}" time="${(c.seconds ?? 0).toFixed(3)}"`;
    if (c.outcome === undefined) {
      lines.push(`${head}/>`);
      continue;
    }
    const o = c.outcome;
    const open = `<${o.element} type="${a(o.type)}" message="${a(o.message)}"`;
    lines.push(`${head}>`, o.body === '' ? `      ${open}/>` : `      ${open}>${xmlEscape(o.body)}</${o.element}>`, '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
