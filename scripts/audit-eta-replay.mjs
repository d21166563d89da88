/**
 * Replays an audit's results.jsonl through a simulated worker pool (longest estimated cost
 * first, as runner/workerPool.ts schedules; each trial takes its recorded worker ms) and
 * samples the ETA at every completion against the true remaining time, for the ETA's cost
 * model ('affine', with the per-trial fixed cost) and the baseline before it ('proportional').
 * The same recorded timings drive both, so the ratio between them is measured in one run.
 *
 *   npm run build && node scripts/audit-eta-replay.mjs audit-out/results.jsonl [workers]
 *
 * Prints, per model: the median and worst factor the ETA is off (max(eta/truth, truth/eta))
 * over 10-90% of the run's wall time, and over its last quarter the median eta/truth and the
 * worst factor off (the end of the run, where only small trials are left).
 */
import { readFileSync } from 'node:fs';
import { allTrials } from '../dist/src/audit/experiments/registry.js';
import { createProgress } from '../dist/src/audit/runner/progress.js';

const [file, workersArg = '2'] = process.argv.slice(2);
if (!file) throw new Error('usage: node scripts/audit-eta-replay.mjs RESULTS.jsonl [workers]');
const workers = Number(workersArg);
const cost = new Map([...allTrials('full'), ...allTrials('quick')].map((t) => [t.id, t.cost]));
const trials = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
  .filter((r) => cost.has(r.id))
  .map((r) => ({ id: r.id, experiment: r.experiment, cost: cost.get(r.id), ms: r.ms }));

/** Completion events of the simulated pool. */
function schedule() {
  const queue = [...trials].sort((a, b) => b.cost - a.cost || (a.id < b.id ? -1 : 1));
  const lanes = Array.from({ length: workers }, () => 0);
  const events = queue.map((t) => {
    const lane = lanes.indexOf(Math.min(...lanes));
    lanes[lane] += t.ms;
    return { at: lanes[lane], trial: t };
  });
  return events.sort((a, b) => a.at - b.at);
}

const events = schedule();
const end = events[events.length - 1].at;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const off = (f) => Math.max(f, 1 / f);
console.log(`${trials.length} trials, ${(end / 1000).toFixed(1)} s simulated wall time on ${workers} worker(s)`);
for (const costModel of ['proportional', 'affine']) {
  let clock = 0;
  const p = createProgress({ trials, isTTY: false, write: () => undefined, now: () => clock, costModel });
  const samples = [];
  for (const e of events) {
    clock = e.at;
    p.done(e.trial, e.trial.ms);
    if (end - clock > 0) samples.push({ frac: clock / end, f: p.eta() / (end - clock) });
  }
  const mid = samples.filter((s) => s.frac >= 0.1 && s.frac <= 0.9);
  const last = samples.filter((s) => s.frac >= 0.75);
  console.log(
    `${costModel.padEnd(12)} 10-90%: median off ${median(mid.map((s) => off(s.f))).toFixed(2)}, worst ${Math.max(...mid.map((s) => off(s.f))).toFixed(2)}; ` +
      `last 25%: median eta/truth ${median(last.map((s) => s.f)).toFixed(2)}, worst off ${Math.max(...last.map((s) => off(s.f))).toFixed(2)} (${last.length} samples)`,
  );
}
