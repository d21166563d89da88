/**
 * Renders a check's verdicts for people (one block per claim, a closing count) and for
 * machines (one JSON document).
 *
 * @example
 * ```ts
 * io.stdout(renderVerdict(verdict));
 * io.stdout(renderSummary(report));
 * ```
 */
import type { ClaimVerdict, ClaimsCheckReport } from './runClaimsCheck.js';

const LABEL: Record<ClaimVerdict['status'], string> = {
  passed: 'PASS ',
  failed: 'FAIL ',
  'not-applicable': 'N/A  ',
  errored: 'ERROR',
};

/** One claim, human-readable (several lines for failures). @example renderVerdict(v) */
export function renderVerdict(v: ClaimVerdict): string {
  const head = `${LABEL[v.status]} ${v.id}  ${v.title} (${v.citation})`;
  const lines = [head];
  const pad = '      ';
  if (v.status === 'passed') {
    lines[0] += `  ${v.numRuns ?? '?'} runs, ${v.seconds.toFixed(1)} s`;
    if (v.message) lines.push(`${pad}${v.message}`);
  } else if (v.status === 'not-applicable') {
    lines[0] += `  needs ${(v.missing ?? []).join(', ')}`;
  } else {
    if (v.message) lines.push(...indent(v.message, pad));
    if (v.counterexample) lines.push(`${pad}counterexample:`, ...indent(v.counterexample, `${pad}  `));
    if (v.fault?.stderr) lines.push(`${pad}stderr of the implementation (last lines):`, ...indent(lastLines(v.fault.stderr, 12), `${pad}  `));
    if (v.replay) lines.push(`${pad}replay (claim): ${v.replay}`);
    if (v.checkReplay) lines.push(`${pad}replay: ${v.checkReplay}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The closing count line. @example renderSummary(report) // "3 passed, 1 failed, ..." */
export function renderSummary(report: ClaimsCheckReport): string {
  const c = report.counts;
  return `${c.passed} passed, ${c.failed} failed, ${c['not-applicable']} not applicable, ${c.errored} errored\n`;
}

function indent(text: string, pad: string): string[] {
  return text.split('\n').map((l) => `${pad}${l}`);
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}
