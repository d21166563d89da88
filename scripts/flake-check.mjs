// Flake check: the whole property suite on the reference under many global seeds.
// A correct implementation fails a claim only within its stated false-alarm budget, so the
// expected count is 0 (and at most about sum of budgets x seeds).
// Usage: npm run build && node scripts/flake-check.mjs [seeds=50] [tier=default] [firstSeed=1]
//   CLAIMS=contraction,geometric-convergence restricts the run to those claim ids.
//   SUITE=activations runs the activation-family claims (relucheck's own core) instead.
import { claims as reluClaims } from '../dist/properties/index.js';
import { activationClaims, referenceActivationSubject } from '../dist/properties/activations/index.js';
import { formatClaimFailure } from '../dist/properties/report.js';
import { referenceImplementation } from '../dist/src/impl/reference.js';

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
let budget = 0;
for (const c of checked) {
  budget += c.falseAlarmBudget;
  console.log(`${c.id.padEnd(32)} failures ${failures.get(c.id)}/${seeds}  budget per thorough run (union bound) ${c.falseAlarmBudget.toExponential(2)}${notApplicable.has(c.id) ? '  (not applicable)' : ''}`);
}
console.log(`flake check: ${total} failure(s) over ${seeds} seeds x ${checked.length} claims, tier ${tier} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
process.exitCode = total === 0 ? 0 : 1;
