/**
 * Measured time per unit of estimated cost, per experiment (Zhong Fig. 1 per panel), from an
 * audit's results.jsonl: the numbers behind src/audit/experiments/costCalibration.ts. The
 * records' ms is worker time; costs are the current code's TrialSpec.cost, so after a
 * recalibration every ratio should be near 1.
 *
 *   npm run build && node scripts/audit-costs.mjs audit-out/results.jsonl quick
 */
import { readFileSync } from 'node:fs';
import { allTrials } from '../dist/src/audit/experiments/registry.js';

const [file, tier = 'quick'] = process.argv.slice(2);
if (!file) throw new Error('usage: node scripts/audit-costs.mjs RESULTS.jsonl [quick|full]');
const cost = new Map([...allTrials('full'), ...allTrials('quick')].map((t) => [t.id, t.cost]));
const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => cost.has(r.id));
const groups = new Map();
let totalCost = 0;
let totalMs = 0;
for (const r of records) {
  const key = r.experiment === 'zhongFig1' ? `zhongFig1${r.params.panel}` : r.experiment;
  const g = groups.get(key) ?? { n: 0, cost: 0, ms: 0 };
  g.n++;
  g.cost += cost.get(r.id);
  g.ms += r.ms;
  groups.set(key, g);
  totalCost += cost.get(r.id);
  totalMs += r.ms;
}
const rate = totalMs / totalCost;
console.log(`${records.length} records (tier ${tier}): ${(totalMs / 1000).toFixed(0)} s of worker time, ${rate.toFixed(0)} ms per unit of estimated cost`);
for (const [key, g] of groups) {
  console.log(`${key.padEnd(14)} ${String(g.n).padStart(4)} trials  cost ${((100 * g.cost) / totalCost).toFixed(1).padStart(5)}%  time ${((100 * g.ms) / totalMs).toFixed(1).padStart(5)}%  ms/unit ${(g.ms / g.cost).toFixed(0).padStart(7)}  ratio ${(g.ms / g.cost / rate).toFixed(2)}`);
}
