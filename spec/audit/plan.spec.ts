import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allTrials, EXPERIMENTS } from '../../src/audit/experiments/registry.js';
import type { TrialRecord } from '../../src/audit/experiments/types.js';
import { loadRecords } from '../../src/audit/report/loadRecords.js';
import { createProgress } from '../../src/audit/runner/progress.js';
import { assertCurrentRevisions } from '../../src/audit/runner/revisions.js';
import { runAudit } from '../../src/audit/runner/runAudit.js';
import { inShard, parseShard, WHOLE } from '../../src/audit/runner/shard.js';
import { trialSeed } from '../../src/audit/runner/trialSeed.js';

describe('audit plan: trial ids, tiers, shards, seeds, progress', () => {
  it('trial ids are unique and the quick tier is a subset of the full one (a quick run resumes into a full one)', () => {
    const full = allTrials('full').map((t) => t.id);
    const quick = allTrials('quick').map((t) => t.id);
    expect(new Set(full).size).toBe(full.length);
    expect(new Set(quick).size).toBe(quick.length);
    const fullSet = new Set(full);
    expect(quick.filter((id) => !fullSet.has(id))).toEqual([]);
  });

  it.each([1, 2, 3, 4])('every trial lands in exactly one of %i shards', (n) => {
    for (const t of allTrials('full')) {
      const hits = Array.from({ length: n }, (_, i) => inShard(t.id, { index: i + 1, count: n })).filter(Boolean).length;
      if (hits !== 1) throw new Error(`${t.id} is in ${hits} of ${n} shards`);
    }
  });

  it('rejects malformed shards', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0']) expect(() => parseShard(bad)).toThrow('--shard must be i/n');
  });

  it('a trial seed depends on the master seed and the id only', () => {
    expect(trialSeed(1, 'x')).toBe(trialSeed(1, 'x'));
    expect(trialSeed(1, 'x')).not.toBe(trialSeed(2, 'x'));
    expect(trialSeed(1, 'x')).not.toBe(trialSeed(1, 'y'));
  });

  it('progress: a redrawn bar with ETA on a TTY, plain lines otherwise', () => {
    let clock = 0;
    const tty: string[] = [];
    const two = [{ experiment: 'a', cost: 1 }, { experiment: 'a', cost: 1 }];
    const p = createProgress({ trials: two, isTTY: true, write: (t) => tty.push(t), now: () => clock });
    clock = 10_000;
    p.done({ id: 'a', experiment: 'a', cost: 1 }, 10_000);
    expect(tty[0]).toMatch(/^\r\[#{15}\.{15}\] 1\/2 trials {2}elapsed 10s {2}ETA 10s/);
    const plain: string[] = [];
    const q = createProgress({ trials: two, isTTY: false, write: (t) => plain.push(t), now: () => clock });
    q.done({ id: 'fig2a/x', experiment: 'a', cost: 1 }, 1500);
    expect(plain[0]).toBe('[1/2] fig2a/x (2s), ETA 0s\n');
    expect(plain[0]).not.toContain('\r');
  });
});

describe('audit revisions: results of an older method are never mixed in', () => {
  const record = (experiment: string, revision?: number): TrialRecord => ({
    id: `${experiment}/x`, experiment, params: {}, masterSeed: 1, seed: 2, result: {}, ms: 0,
    ...(revision === undefined ? {} : { revision }),
  });

  it('every experiment has a revision (a positive integer)', () => {
    for (const e of EXPERIMENTS) expect(Number.isInteger(e.revision) && e.revision >= 1, e.id).toBe(true);
  });

  it('accepts current records, and old ones without a revision field as revision 1', () => {
    const current = EXPERIMENTS.map((e) => record(e.id, e.revision));
    expect(() => assertCurrentRevisions(current, '--out', 'dir')).not.toThrow();
    // A record without the field is read as revision 1, whichever revision the code is at now.
    const throws = (r: TrialRecord) => { try { assertCurrentRevisions([r], '--out', 'dir'); return false; } catch { return true; } };
    for (const e of EXPERIMENTS) expect(throws(record(e.id)), e.id).toBe(throws(record(e.id, 1)));
  });

  it('refuses, naming the experiment and both revisions, in runAudit (--out) and in report (DIR)', async () => {
    const bumped = EXPERIMENTS.find((e) => e.revision > 1);
    expect(bumped, 'an experiment whose method changed (zhongFig1: Jennrich -> signed whitening)').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'audit-rev-'));
    writeFileSync(join(dir, 'results.jsonl'), `${JSON.stringify(record(bumped!.id))}\n`);
    const message = new RegExp(`1 ${bumped!.id} record\\(s\\) of revision 1 \\(this relucheck computes revision ${bumped!.revision}\\)`);
    await expect(runAudit({ tier: 'quick', out: dir, masterSeed: 1, workers: 1, shard: WHOLE, only: ['none'], isTTY: false, write: () => {} }))
      .rejects.toThrow(message);
    expect(() => loadRecords([dir])).toThrow(message);
  });
});
