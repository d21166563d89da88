/**
 * The reference on its WebAssembly-free path: gradient descent on the plain-TypeScript kernel
 * (src/core/kernels/specialized.ts), the backend the core falls back to where WebAssembly is
 * unavailable (e.g. `node --jitless`). The reference adapter otherwise always runs native or
 * wasm, so without this spec no verdict would ever judge that path: every claim that needs
 * `gd` and every gradient-descent golden fixture runs on it here, exactly as on the default
 * reference. It is in the mutation test set (vitest.mutation.config.ts) for that reason.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { claims } from '../../properties/index.js';
import { claimOptionsFromEnv } from '../../properties/environment.js';
import { formatClaimFailure } from '../../properties/report.js';
import { referenceImplementation } from '../../src/impl/reference.js';
import { loadFixtureDirectory } from '../../src/fixtures/fixtureFile.js';
import { caseTitle, runCase } from '../../src/fixtures/runFixtures.js';

const options = claimOptionsFromEnv(process.env);
const impl = referenceImplementation({ gdKernel: 'typescript' });
const gdClaims = claims.filter((c) => c.needs.includes('gd'));
const files = loadFixtureDirectory(fileURLToPath(new URL('../../fixtures/', import.meta.url)));
const gdCases = files.flatMap((f) =>
  f.groups.filter((g) => g.type === 'gradient_descent').flatMap((g) => g.cases.map((c) => ({ file: f.name, g, c }))),
);

describe(`the reference with the TypeScript GD kernel (seed ${options.seed}, tier ${options.tier})`, () => {
  it('covers the GD claims and fixtures (none silently filtered out)', () => {
    expect(impl.name).toBe('reference (TypeScript GD kernel)');
    expect(gdClaims.map((c) => c.id)).toEqual(expect.arrayContaining(['gd-consistency', 'gd-far-start', 'contraction', 'statistical-rate']));
    expect(gdCases.length).toBeGreaterThanOrEqual(6);
  });

  it('rejects an unknown kernel name, naming the option and the value', () => {
    expect(() => referenceImplementation({ gdKernel: 'js' as 'typescript' })).toThrow(/options\.gdKernel must be 'fastest' or 'typescript', got "js"/);
  });

  for (const claim of gdClaims) {
    it(`${claim.id}: ${claim.title}`, async () => {
      const result = await claim.run(impl, options);
      if (result.status === 'failed') expect.fail(formatClaimFailure(claim, result));
      expect(result.status).toBe('passed');
    });
  }

  for (const { file, g, c } of gdCases) {
    it(`${caseTitle({ file, id: c.id, type: g.type, d: g.d, K: g.K, flags: c.flags })} ${c.comment}`, async () => {
      const r = await runCase(impl, file, g, c);
      expect(r.mismatches.map((m) => `case ${c.id}, ${m.message}`)).toEqual([]);
      expect(r.status).toBe('passed');
      expect(r.checked.length).toBeGreaterThan(0);
    });
  }
});
