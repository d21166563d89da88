/**
 * Every control (registry.ts) passes every applicable claim and golden fixture: a failure here
 * is a relucheck bug (an unfair threshold or a claim that measures relucheck's own rounding)
 * unless the control is shown wrong. `npm test` runs each cheap control on every claim but
 * the GD-heavy statistical ones, and the costly controls on a sample of claims; the full matrix
 * runs with RELUCHECK_CONTROLS=all and in the flake check (scripts/flake-check.mjs), over many
 * seeds, which also compares failure rates with the claims' budgets.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { claims } from '../../properties/index.js';
import type { Claim } from '../../properties/Claim.js';
import { claimOptionsFromEnv } from '../../properties/environment.js';
import { loadFixtureDirectory } from '../../src/fixtures/fixtureFile.js';
import { caseTitle, runFixtures } from '../../src/fixtures/runFixtures.js';
import { hasCapability, type Implementation } from '../../src/impl/Implementation.js';
import { CONTROLS, type ControlEntry } from './registry.js';

const options = claimOptionsFromEnv(process.env);
const FULL = process.env.RELUCHECK_CONTROLS === 'all';
/**
 * In the full matrix a slow control runs whole GD grids (statistical-rate on the autodiff
 * control: over 120 s on a loaded 2-core machine): a timeout there is not a verdict, so the
 * flake check gives each test 30 minutes.
 */
const FULL_TIMEOUT_MS = 30 * 60_000;
/** Whole GD grids per case (seconds per control in plain JavaScript): flake check and FULL only. */
const HEAVY = new Set(['statistical-rate', 'tensor-init-rate', 'tensor-init-basin']);
/** Trajectory claims: in npm test only on the cheapest GD control (a second each). */
const TRAJECTORY = new Set(['contraction', 'geometric-convergence']);
/** What the costly controls (a child process, a dense Hessian) run in npm test. */
const SAMPLE = new Set(['gradient-fd-full', 'gradient-at-kink', 'hvp-fd', 'population-hvp-fd', 'stationarity-population', 'determinism', 'gd-consistency']);

function selected(entry: ControlEntry, claim: Claim): boolean {
  if (FULL) return true;
  if (HEAVY.has(claim.id)) return false;
  if (TRAJECTORY.has(claim.id)) return entry.id === 'in-place';
  return entry.cheap || SAMPLE.has(claim.id);
}

const files = loadFixtureDirectory(fileURLToPath(new URL('../../fixtures/', import.meta.url)));

for (const entry of CONTROLS) {
  describe(`control ${entry.id} (${entry.how})`, () => {
    let made: Promise<Implementation> | undefined;
    const impl = () => (made ??= Promise.resolve(entry.make()));
    afterAll(async () => {
      if (made) await (await made).close?.();
    });
    const run = { ...options, ...(entry.precision === undefined ? {} : { precision: entry.precision }) };

    for (const claim of claims.filter((c) => selected(entry, c))) {
      it(`${entry.id} ${claim.id}`, async () => {
        const implementation = await impl();
        const verdict = await claim.run(implementation, {
          ...run,
          replayLine: (r) =>
            `RELUCHECK_CONTROLS=all RELUCHECK_SEED=${r.seed} RELUCHECK_TIER=${r.tier}${r.path ? ` RELUCHECK_PATH=${r.path}` : ''} npx vitest run spec/controls -t "${entry.id} ${r.claimId}"`,
        });
        const applicable = claim.needs.every((cap) => hasCapability(implementation, cap));
        if (verdict.status === 'failed') {
          expect.fail(`control ${entry.id} fails ${claim.id} (a relucheck bug unless the control is wrong):\n${verdict.message}\n${verdict.counterexample}\nreplay: ${verdict.replay}`);
        }
        if (applicable && verdict.status === 'not-applicable') {
          // Only a stated precision limit may make an offered claim not applicable.
          expect(verdict.reason, `${claim.id} not applicable although every capability is offered`).toBeDefined();
        }
        if (!applicable) expect(verdict.status).toBe('not-applicable');
      }, FULL ? FULL_TIMEOUT_MS : undefined);
    }

    it(`${entry.id} golden fixtures`, async () => {
      const implementation = await impl();
      const report = await runFixtures(implementation, files);
      const bad = report.cases
        .filter((x) => x.status === 'failed' || x.status === 'errored')
        .map((r) => `${caseTitle(r)}: ${r.error ?? r.mismatches.map((m) => m.message).join('; ')}`);
      expect(bad).toEqual([]);
      expect(report.counts.passed, 'a control must be checked against some fixture').toBeGreaterThan(0);
    });
  });
}

describe('the registry', () => {
  it('holds at least ten controls with distinct ids', () => {
    expect(CONTROLS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(CONTROLS.map((c) => c.id)).size).toBe(CONTROLS.length);
  });

  it('npm test runs every claim but the heavy statistical ones on some control', () => {
    const run = claims.filter((c) => CONTROLS.some((e) => selected(e, c))).map((c) => c.id);
    expect(claims.map((c) => c.id).filter((id) => !run.includes(id) && !HEAVY.has(id))).toEqual([]);
  });
});
