import { describe, expect, it } from 'vitest';
import { allTrials } from '../../src/audit/experiments/registry.js';
import { createProgress } from '../../src/audit/runner/progress.js';
import { inShard, parseShard } from '../../src/audit/runner/shard.js';
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
    const p = createProgress({ total: 2, totalCost: 2, isTTY: true, write: (t) => tty.push(t), now: () => clock });
    clock = 10_000;
    p.done('a', 1, 10_000);
    expect(tty[0]).toMatch(/^\r\[#{15}\.{15}\] 1\/2 trials {2}elapsed 10s {2}ETA 10s/);
    const plain: string[] = [];
    const q = createProgress({ total: 2, totalCost: 2, isTTY: false, write: (t) => plain.push(t), now: () => clock });
    q.done('fig2a/x', 1, 1500);
    expect(plain[0]).toBe('[1/2] fig2a/x (2s), ETA 0s\n');
    expect(plain[0]).not.toContain('\r');
  });
});
