/**
 * null in results.jsonl. JSON cannot carry NaN or Infinity (JSON.stringify writes null), and
 * the summaries read numbers with Number(...), which turns null into 0: before, a record with
 * `"error": null` was accepted and read as a perfect recovery. Now null is refused, with the
 * line and the field named, wherever a number is required, and accepted only in fields
 * declared nullable (resultFields.ts: `number|unmeasured`, and the points of a curve), where
 * it is read back as NaN, never 0. Also: an overflowed recovery run's record (every
 * 'diverged' field) is one the reader accepts; before, gradientNorm and lossWindowRatio were
 * declared plain numbers, so such a trial failed the audit as a relucheck bug.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allTrials, experimentById } from '../../src/audit/experiments/registry.js';
import { fieldProblem } from '../../src/audit/experiments/resultFields.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { recordProblem } from '../../src/audit/runner/recordValidation.js';
import { readResults } from '../../src/audit/runner/resultsFile.js';
import { trialSeed } from '../../src/audit/runner/trialSeed.js';
import { runOne } from '../../src/audit/runner/worker.js';
import { runCli } from '../../src/cli/main.js';

const SEED = 3;
const trials = allTrials('quick').filter((t) => t.experiment === 'fig2c' && t.params.ratio === 20).slice(0, 2);
const records: TrialRecord[] = trials.map((t) => runOne({ trial: t, masterSeed: SEED, seed: trialSeed(SEED, t.id) }));
const line = (r: unknown) => `${JSON.stringify(r)}\n`;
const withResult = (r: TrialRecord, edit: Record<string, unknown>) => ({ ...r, result: { ...r.result, ...edit } });

/** A Zhong Fig. 1(c) record whose initialization was unavailable (finalError NaN, written as null). */
function unavailableZhongRecord(): TrialRecord {
  const t = allTrials('quick').find((x) => x.experiment === 'zhongFig1' && x.params.panel === 'c')!;
  const result = { initUsed: 'unavailable', log10Objective: [], finalError: NaN, signsMatch: false, eta: 0.02, startCurvature: NaN };
  const r = { id: t.id, experiment: t.experiment, params: t.params, masterSeed: SEED, seed: trialSeed(SEED, t.id), revision: experimentById(t.experiment)!.revision, ms: 1, result };
  return JSON.parse(JSON.stringify(r)) as TrialRecord; // as written: NaN became null
}

function dirWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'relucheck-null-'));
  writeFileSync(join(dir, 'results.jsonl'), text);
  return dir;
}

async function report(dir: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['report', dir], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false });
  return { code, stdout, stderr, wrote: existsSync(join(dir, 'report.md')) };
}

describe('null where a number is required is refused, naming the line and the field', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['error (number or "diverged")', { error: null }, /line 2: result\.error must be a number or "diverged", got null \(JSON writes NaN and Infinity as null, and this field is always finite/],
    ['relError', { relError: null }, /line 2: result\.relError must be a number or "diverged", got null/],
    ['initError (number)', { initError: null }, /line 2: result\.initError must be a number, got null \(JSON writes NaN/],
    ['iterations', { iterations: null }, /line 2: result\.iterations must be a number, got null/],
  ];
  it.each(cases)('%s: null -> exit 2, no report', async (_name, edit, message) => {
    const r = await report(dirWith(line(records[0]) + line(withResult(records[1]!, edit))));
    expect(r.stderr).toMatch(message);
    expect(r.code, r.stderr).toBe(2);
    expect(r.wrote).toBe(false);
  });

  it('the kinds, one by one', () => {
    expect(fieldProblem(null, 'number')).toMatch(/^must be a number, got null/);
    expect(fieldProblem(null, 'number|diverged')).toMatch(/^must be a number or "diverged", got null/);
    expect(fieldProblem(null, 'number|unmeasured')).toBeUndefined();
    expect(fieldProblem([1, null, 2], 'numbers')).toBeUndefined();
    expect(fieldProblem([1, 'x'], 'numbers')).toMatch(/entry 1 is the string "x"/);
    expect(fieldProblem(null, 'boolean')).toMatch(/must be true or false, got null/);
    expect(fieldProblem(Number.NaN, 'number|unmeasured')).toMatch(/must be a number, or null where it was not measured/);
  });
});

describe('null where a field is declared nullable is read back as NaN, never 0', () => {
  it('Zhong Fig. 1(c) with its initialization unavailable: finalError null -> NaN; report exits 0', async () => {
    const z = unavailableZhongRecord();
    expect(z.result.finalError).toBeNull();
    expect(recordProblem(z)).toBeUndefined();
    const dir = dirWith(line(z));
    const read = readResults(join(dir, 'results.jsonl'));
    expect(read.invalid).toEqual([]);
    expect(read.records[0]!.result.finalError).toBeNaN();
    const r = await report(dir);
    expect(r.code, r.stderr).toBe(0);
  });

  it('a curve point that overflowed (null in log10Objective) is NaN', () => {
    const z = unavailableZhongRecord();
    const dir = dirWith(line({ ...z, result: { ...z.result, log10Objective: [0.5, null, -1] } }));
    const [rec] = readResults(join(dir, 'results.jsonl')).records;
    const curve = rec!.result.log10Objective as readonly number[];
    expect(curve[0]).toBe(0.5);
    expect(curve[1]).toBeNaN();
  });
});

it("an overflowed recovery run's record is accepted (every value 'diverged')", () => {
  const diverged = { error: 'diverged', relError: 'diverged', finalLoss: 'diverged', gradientNorm: 'diverged', lossWindowRatio: 'diverged', diverged: true, stoppedBy: 'diverged', success: false };
  expect(recordProblem(JSON.parse(line(withResult(records[0]!, diverged))))).toBeUndefined();
});
