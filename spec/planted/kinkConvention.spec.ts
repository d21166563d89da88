/**
 * Kink-convention bugs (kinkBugs.ts) are caught by the exact-kink fixtures, which hold them to
 * their declaration, while the correct `z > 0` control with the same declaration passes; a
 * claim's reluAtZero run option overrides the declaration.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFixtureDirectory } from '../../src/fixtures/fixtureFile.js';
import { runFixtures } from '../../src/fixtures/runFixtures.js';
import { claims } from '../../properties/index.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { strictMaskControl } from '../controls/strictMask.js';
import { KINK_BUGS } from './kinkBugs.js';

const files = loadFixtureDirectory(fileURLToPath(new URL('../../fixtures/', import.meta.url)));

describe('kink-convention bugs are caught by the exact-kink fixtures', () => {
  it.each(KINK_BUGS.map((b) => [b.name, b] as const))('%s', async (_n, bug) => {
    const report = await runFixtures(bug.make(), files);
    const failed = report.cases.filter((c) => c.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((c) => c.flags.includes('exact_kink'))).toBe(true);
    expect(failed.every((c) => /^kink convention differs from the (declared|default) one/.test(c.hint ?? ''))).toBe(true);
    expect(report.counts.errored).toBe(0);
  });

  it('the z > 0 control with the same declaration passes every fixture it can compute', async () => {
    const report = await runFixtures(strictMaskControl(), files);
    expect(report.counts.failed + report.counts.errored).toBe(0);
    expect(report.cases.filter((c) => c.flags.includes('exact_kink')).every((c) => c.status === 'passed')).toBe(true);
  });
});

describe('the reluAtZero run option of a claim overrides the declaration', () => {
  const gradientAtKink = claims.find((c) => c.id === 'gradient-at-kink')!;
  const run = { seed: 3, tier: 'quick' as const };
  it('the reference fails gradient-at-kink when held to relu\'(0) = 0, and passes held to 1', async () => {
    expect((await gradientAtKink.run(referenceImplementation(), { ...run, reluAtZero: 0 })).status).toBe('failed');
    expect((await gradientAtKink.run(referenceImplementation(), { ...run, reluAtZero: 1 })).status).toBe('passed');
  });
  it('the z > 0 control fails held to 1 despite its declaration, and passes held to 0', async () => {
    expect((await gradientAtKink.run(strictMaskControl(), { ...run, reluAtZero: 1 })).status).toBe('failed');
    expect((await gradientAtKink.run(strictMaskControl(), { ...run, reluAtZero: 0 })).status).toBe('passed');
  });
});
