/**
 * Every planted bug must be caught by the claim it names (verdict 'failed'), and the
 * reference must pass that same claim under the same seed and tier: a claim that cannot
 * fail, or that fails the reference, proves nothing.
 */
import { describe, expect, it } from 'vitest';
import { claims } from '../../properties/index.js';
import { claimOptionsFromEnv } from '../../properties/environment.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { INVISIBLE_BUGS, PLANTED_BUGS } from './bugs.js';
import { KNOWN_MISSES } from './gapBugs.js';

const options = claimOptionsFromEnv(process.env);

function claimById(id: string) {
  const c = claims.find((x) => x.id === id);
  if (c === undefined) throw new Error(`no claim ${id}`);
  return c;
}

describe('planted bugs are caught', () => {
  it('there are at least 15 counted bugs, each naming an existing claim', () => {
    expect(PLANTED_BUGS.length).toBeGreaterThanOrEqual(15);
    for (const b of PLANTED_BUGS) expect(claims.map((c) => c.id)).toContain(b.caughtBy);
  });

  it('every claim has a planted bug of its own (the standard: a property must be able to fail)', () => {
    const named = new Set(PLANTED_BUGS.map((b) => b.caughtBy));
    expect(claims.map((c) => c.id).filter((id) => !named.has(id))).toEqual([]);
  });

  it.each(PLANTED_BUGS.map((b) => [b.name, b.caughtBy, b] as const))('%s -> caught by %s', async (_n, id, bug) => {
    const claim = claimById(id);
    const impl = bug.make();
    // A bug only some draws can see gets the cases its measured power needs (bug.minCases.why);
    // the thorough tier's own counts are larger.
    const runOptions = bug.minCases === undefined || options.tier === 'thorough' || options.numRuns !== undefined ? options : { ...options, numRuns: bug.minCases.cases };
    const verdict = await claim.run(impl, runOptions);
    expect(verdict.status, `bug "${bug.name}" escaped ${id}`).toBe('failed');
    if (verdict.status === 'failed') {
      expect(verdict.replay).toContain(`-t "${id}"`);
      expect(verdict.message.length).toBeGreaterThan(0);
    }
    const ref = await claim.run(referenceImplementation(), runOptions);
    expect(ref.status, `reference fails ${id}`).toBe('passed');
  });

  it.each(KNOWN_MISSES.map((b) => [b.name, b.missedBy, b.caughtBy, b] as const))('known miss: %s passes %s, fails %s', async (_n, missedBy, caughtBy, bug) => {
    expect((await claimById(missedBy).run(bug.make(), options)).status, bug.why).toBe('passed');
    expect((await claimById(caughtBy).run(bug.make(), options)).status, `${caughtBy} must catch it`).toBe('failed');
  });

  it('no bug is listed as invisible (the kink convention is a declaration now)', () => {
    expect(INVISIBLE_BUGS).toEqual([]);
  });
});
