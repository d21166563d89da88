/**
 * Kink-convention bugs (kinkBugs.ts) are caught by the exact-kink fixtures, which hold them to
 * their declaration, while the correct `z > 0` control with the same declaration passes.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFixtureDirectory } from '../../src/fixtures/fixtureFile.js';
import { runFixtures } from '../../src/fixtures/runFixtures.js';
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
