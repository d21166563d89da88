// Flake check: the whole property suite on the reference under many global seeds.
// A correct implementation fails a claim only within its stated false-alarm budget, so the
// number of failures over S seeds has mean at most (the tier's suite budget) x S
// (properties/suiteBudget.ts); the check fails when the observed count is improbable under
// that bound (Poisson tail below 0.01), and prints each claim's failures beside its budget.
// Usage: npm run build && node scripts/flake-check.mjs [seeds=50] [tier=default] [firstSeed=1]
//   CLAIMS=contraction,geometric-convergence restricts the run to those claim ids.
//   SUITE=activations runs the activation-family claims (relucheck's own core) instead.
import { claims as reluClaims } from '../dist/properties/index.js';
import { activationClaims, referenceActivationSubject } from '../dist/properties/activations/index.js';
import { formatClaimFailure } from '../dist/properties/report.js';
import { referenceImplementation } from '../dist/src/impl/reference.js';
import { claimFalseAlarm, SUITE_FALSE_ALARM_BUDGET, suiteFalseAlarm } from '../dist/properties/suiteBudget.js';

const seeds = Number(process.argv[2] ?? 50);
const tier = process.argv[3] ?? 'default';
const first = Number(process.argv[4] ?? 1);
const impl = referenceImplementation();
const claims = process.env.SUITE === 'activations' ? activationClaims(referenceActivationSubject()) : reluClaims;
const only = process.env.CLAIMS ? process.env.CLAIMS.split(',') : undefined;
const checked = only === undefined ? claims : claims.filter((c) => only.includes(c.id));
const failures = new Map(claims.map((c) => [c.id, 0]));
const notApplicable = new Set();
let total = 0;
const t0 = Date.now();
for (let s = first; s < first + seeds; s++) {
  // Spread the seeds over the 32-bit range (Knuth's multiplicative constant).
  const seed = Math.imul(s, 2654435761) >>> 0;
  for (const claim of checked) {
    const result = await claim.run(impl, { seed, tier });
    if (result.status === 'failed') {
      failures.set(claim.id, failures.get(claim.id) + 1);
      total++;
      console.log(formatClaimFailure(claim, result));
    } else if (result.status === 'not-applicable') notApplicable.add(claim.id);
  }
  process.stderr.write(`seed ${s - first + 1}/${seeds} done (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}
for (const c of checked) {
  console.log(`${c.id.padEnd(32)} failures ${failures.get(c.id)}/${seeds}  budget per ${tier} run (union bound) ${claimFalseAlarm(c, tier).toExponential(2)}${notApplicable.has(c.id) ? '  (not applicable)' : ''}`);
}
// P(X >= total) for X ~ Poisson(mean): the failures of independent runs, each run's chance of
// any failure at most the budget (Poisson dominates the binomial sum's upper tail for small p).
const budget = suiteFalseAlarm(checked, tier);
const mean = budget * seeds;
let term = Math.exp(-mean);
let below = 0;
for (let k = 0; k < total; k++) { below += term; term *= mean / (k + 1); }
const tail = total === 0 ? 1 : Math.max(0, 1 - below);
console.log(`flake check: ${total} failure(s) over ${seeds} seeds x ${checked.length} claims, tier ${tier} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
console.log(`budget: these claims ${budget.toExponential(2)} per ${tier} run (the suite states ${SUITE_FALSE_ALARM_BUDGET[tier] ?? 'n/a'}), so at most ${mean.toFixed(2)} expected over ${seeds} seeds; P(>= ${total}) <= ${tail.toExponential(2)}${tail < 0.01 ? ': MORE FAILURES THAN THE BUDGET ALLOWS' : ''}`);
process.exitCode = tail < 0.01 ? 1 : 0;
