/**
 * Renders a check's verdicts for people (one block per claim, a closing count) and for
 * machines (one JSON document). Text that can come from the implementation (messages, its
 * stderr, counterexamples quoting its answers) is escaped and capped (core/displayText.ts)
 * and every line of it indented, so it can neither drive the terminal nor forge a line.
 *
 * @example
 * ```ts
 * io.stdout(renderVerdict(verdict));
 * io.stdout(renderSummary(report));
 * ```
 */
import { displayBlock, DISPLAY_LIMITS } from '../core/displayText.js';
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
    if (v.detail) lines.push(...indent(displayBlock(`info: ${v.detail}`), pad));
  } else if (v.status === 'not-applicable') {
    lines[0] += (v.missing ?? []).length > 0 ? `  needs ${v.missing!.join(', ')}` : `  ${displayBlock(v.message ?? '').replace(/\n/g, ' ')}`;
  } else {
    if (v.message) lines.push(...indent(displayBlock(v.message), pad));
    if (v.diagnosis) lines.push(...indent(displayBlock(`diagnosis: ${v.diagnosis.summary}\n  ${v.diagnosis.evidence}`), pad));
    // Counterexamples print matrices: a larger cap, still escaped (they quote the answers).
    if (v.counterexample) lines.push(`${pad}counterexample:`, ...indent(displayBlock(v.counterexample, { maxLength: 4 * DISPLAY_LIMITS.block }), `${pad}  `));
    if (v.fault?.stderr) lines.push(`${pad}stderr of the implementation (last lines):`, ...indent(displayBlock(v.fault.stderr, { maxLines: 12, maxLineLength: DISPLAY_LIMITS.line }), `${pad}  `));
    // The replay line is built from the user's own command line: printed whole, to be pasted.
    if (v.replay) lines.push(`${pad}replay: ${v.replay}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The closing count line, and when no claim ran, why that is not a pass.
 * @example renderSummary(report) // "3 passed, 1 failed, ..."
 */
export function renderSummary(report: ClaimsCheckReport, passWithNone = false): string {
  const c = report.counts;
  const counts = `${c.passed} passed, ${c.failed} failed, ${c['not-applicable']} not applicable, ${c.errored} errored\n`;
  return report.nothingChecked ? `${counts}${nothingCheckedText(passWithNone)}` : counts;
}

/**
 * Says that a run checked nothing, and how to accept that on purpose.
 * @example nothingCheckedText(false, 'fixture case') // "nothing was checked: ..."
 */
export function nothingCheckedText(passWithNone: boolean, what = 'claim'): string {
  return passWithNone
    ? 'nothing was checked (accepted: --pass-with-none)\n'
    : `nothing was checked: no applicable ${what} ran (does the implementation declare its capabilities?); exit 1 (use --pass-with-none to accept)\n`;
}

function indent(text: string, pad: string): string[] {
  return text.split('\n').map((l) => `${pad}${l}`);
}
