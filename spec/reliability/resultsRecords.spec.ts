/**
 * `report` and a resumed `audit` check every line of results.jsonl before believing it. Before,
 * one record with `"error": "NaN"` turned NOT SUPPORTED into SUPPORTED with exit 0 (NaN fails
 * every comparison), torn or garbage lines were dropped without a word, and a missing, empty
 * or binary results file gave an empty report and exit 0. Now a bad line is named with its
 * number and reason and nothing is written (exit 2); a torn last line (an audit killed
 * mid-write) is left out with a warning, and cut off when the audit resumes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allTrials } from '../../src/audit/experiments/registry.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { recordProblem } from '../../src/audit/runner/recordValidation.js';
import { openResults, readResults } from '../../src/audit/runner/resultsFile.js';
import { runAudit } from '../../src/audit/runner/runAudit.js';
import { WHOLE } from '../../src/audit/runner/shard.js';
import { runOne } from '../../src/audit/runner/worker.js';
import { trialSeed } from '../../src/audit/runner/trialSeed.js';
import { runCli } from '../../src/cli/main.js';

const SEED = 3;
// Three of the cheapest trials (fig2c at N/K = 20: ~20 ms each), computed for real.
const trials = allTrials('quick').filter((t) => t.experiment === 'fig2c' && t.params.ratio === 20).slice(0, 3);
const records: TrialRecord[] = trials.map((t) => runOne({ trial: t, masterSeed: SEED, seed: trialSeed(SEED, t.id) }));
const line = (r: unknown) => `${JSON.stringify(r)}\n`;

function dirWith(content: string | Buffer | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'relucheck-records-'));
  if (content !== undefined) writeFileSync(join(dir, 'results.jsonl'), content);
  return dir;
}

async function report(dir: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['report', dir], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false });
  return { code, stdout, stderr, text: stdout + stderr, wrote: existsSync(join(dir, 'report.md')) };
}

describe('report refuses a results file it cannot believe, naming the line', () => {
  it('accepts the records an audit writes (control)', async () => {
    for (const r of records) expect(recordProblem(JSON.parse(JSON.stringify(r)))).toBeUndefined();
    const r = await report(dirWith(records.map(line).join('')));
    expect(r.code, r.text).toBe(0);
    expect(r.stdout).toMatch(/merged 3 trial\(s\)/);
  });

  const forged: [string, (r: Record<string, unknown>) => unknown, RegExp][] = [
    ['"error": "NaN"', (r) => ({ ...r, result: { ...(r.result as object), error: 'NaN' } }), /line 2: result\.error must be a number or "diverged", got the string "NaN"/],
    ['a missing result field', (r) => ({ ...r, result: { ...(r.result as object), success: undefined } }), /line 2: result\.success must be true or false, got nothing/],
    ['success as the string "true"', (r) => ({ ...r, result: { ...(r.result as object), success: 'true' } }), /line 2: result\.success must be true or false, got the string "true"/],
    ['an edited seed', (r) => ({ ...r, seed: (r.seed as number) + 1 }), /line 2: seed \d+ is not the seed of trial fig2c\/.* under master seed 3/],
    ['params of another trial', (r) => ({ ...r, params: { ...(r.params as object), N: 1 } }), /line 2: experiment and params are not those of the planned trial/],
    ['an unknown experiment', (r) => ({ ...r, experiment: 'fig9' }), /line 2: experiment "fig9" is not one this relucheck runs/],
    ['a JSON array', () => [1, 2], /line 2: not a JSON object/],
  ];
  it.each(forged)('%s -> exit 2, nothing written', async (_name, edit, message) => {
    const r = await report(dirWith([line(records[0]), line(edit(records[1] as unknown as Record<string, unknown>)), line(records[2])].join('')));
    expect(r.code, r.text).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/fix or delete those lines/);
    expect(r.wrote).toBe(false);
  });

  it('a garbage line in the middle, and several bad lines counted', async () => {
    const r = await report(dirWith([line(records[0]), 'garbage\n', '{"id": \n', line(records[1])].join('')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has 2 line\(s\) that are not trial records of this relucheck \(line 2: not valid JSON; line 3: not valid JSON\)/);
  });

  it('a missing, empty, blank or binary results file, or a DIR that is not an audit directory', async () => {
    const cases: [string, RegExp][] = [
      [dirWith(undefined), /results\.jsonl does not exist: DIR must be a directory written by relucheck audit/],
      [dirWith(''), /hold no trial record; run relucheck audit into DIR first/],
      [dirWith('\n\n  \n'), /hold no trial record/],
      [dirWith(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0xfe, 10, 0, 0, 10])), /line 1: not text \(binary data\); line 2: not text \(binary data\)/],
    ];
    for (const [dir, message] of cases) {
      const r = await report(dir);
      expect(r.code, `${dir}: ${r.text}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.wrote).toBe(false);
    }
    const fifo = dirWith(undefined);
    mkdirSync(join(fifo, 'results.jsonl'));
    const r = await report(fifo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/must be a regular file/);
  });

  it('a torn last line (an audit killed mid-write) is left out with a warning naming it', async () => {
    const torn = line(records[2]).slice(0, 40);
    const r = await report(dirWith([line(records[0]), line(records[1]), torn].join('')));
    expect(r.code, r.text).toBe(0);
    expect(r.stdout).toMatch(/merged 2 trial\(s\)/);
    expect(r.stderr).toMatch(/results\.jsonl line 3 is a torn record \(an audit killed mid-write\), left out/);
  });
});

describe('a resumed audit', () => {
  const run = (out: string, write: (t: string) => void = () => {}) =>
    runAudit({ tier: 'quick', out, masterSeed: SEED, workers: 1, shard: WHOLE, only: [records[2]!.id], isTTY: false, write });

  it('cuts off a torn last line and reruns its trial; the file ends clean', async () => {
    const dir = dirWith([line(records[0]), line(records[1]), line(records[2]).slice(0, 40)].join(''));
    const said: string[] = [];
    const summary = await run(dir, (t) => said.push(t));
    expect(said.join('')).toMatch(/line 3 is a torn record \(a run killed mid-write\): cut off, its trial reruns/);
    expect(summary.ran).toBe(1);
    const read = readResults(join(dir, 'results.jsonl'));
    expect(read.invalid).toEqual([]);
    expect(read.torn).toBeUndefined();
    expect(read.records.map((r) => r.id)).toEqual(records.map((r) => r.id));
  });

  it('refuses a garbage line in the middle, naming it, before running anything', async () => {
    const dir = dirWith([line(records[0]), '#!garbage\n', line(records[1])].join(''));
    await expect(run(dir)).rejects.toThrow(/results\.jsonl has 1 line\(s\) .*\(line 2: not valid JSON\); fix or delete those lines/);
  });

  it('a complete last record without its newline is kept, and the next one starts on a new line', () => {
    const dir = dirWith([line(records[0]), line(records[1]).trimEnd()].join(''));
    const sink = openResults(join(dir, 'results.jsonl'));
    sink.append(records[2]!);
    sink.close();
    expect(readResults(join(dir, 'results.jsonl')).records).toHaveLength(3);
    expect(readFileSync(join(dir, 'results.jsonl'), 'utf8').endsWith('\n')).toBe(true);
  });
});
