/**
 * A single 300 MB stdout line from a --cmd server, through the real CLI (dist/: `npm run
 * build` first) at the default bound MAX_LINE_BYTES = 64 MiB: the claim is ERRORED naming the
 * bound, exit 2, within a few seconds, the server is dead afterwards, and relucheck's peak RSS
 * (process.resourceUsage().maxRSS, reported by a preloaded exit hook) stays under
 * {@link PEAK_RSS_BOUND}: the 64 MiB the line may fill plus 128 MiB for Node and relucheck
 * itself. Measured on the 2-core dev machine: 143 MB peak for this case, 83 MB for the same
 * check against a well-behaved server; a line buffered whole (readline, before the bound)
 * would take more than 300 MB. About 2 s, so it runs in the default tier.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../../src/impl/process/childConnection.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
const SERVER = fileURLToPath(new URL('./servers/huge-line.mjs', import.meta.url));
/** Peak resident memory allowed to relucheck: the line bound plus 128 MiB of its own. */
const PEAK_RSS_BOUND = MAX_LINE_BYTES + 128 * 1024 * 1024;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

it('a 300 MB stdout line: ERRORED at the 64 MiB bound, exit 2, bounded memory, no process left', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'relucheck-hugeline-'));
  const pidFile = join(tmp, 'pids');
  const hook = join(tmp, 'maxrss.mjs');
  writeFileSync(hook, "import { writeSync } from 'node:fs';\nprocess.on('exit', () => writeSync(2, `\\nmaxrss-kb ${process.resourceUsage().maxRSS}\\n`));\n");
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', hook, CLI, 'check', '--cmd', `node ${SERVER}`, '--claim', 'stationarity-noiseless', '--timeout', '20000'], {
    encoding: 'utf8',
    env: { ...process.env, PIDFILE: pidFile, LINE_MB: '300' },
    timeout: 60_000,
  });
  const seconds = (performance.now() - started) / 1000;
  expect(r.error).toBeUndefined();
  expect(r.stdout).toMatch(/ERROR stationarity-noiseless[\s\S]*printed a line longer than 67108864 bytes on stdout without a newline/);
  expect(r.stdout).toMatch(/0 passed, 0 failed, 0 not applicable, 1 errored/);
  expect(r.status, r.stderr).toBe(2);
  const peakBytes = Number(/maxrss-kb (\d+)/.exec(r.stderr)?.[1]) * 1024;
  expect(peakBytes).toBeGreaterThan(0);
  expect(peakBytes, `peak RSS ${(peakBytes / 2 ** 20).toFixed(0)} MiB`).toBeLessThan(PEAK_RSS_BOUND);
  expect(seconds).toBeLessThan(15);
  const pids = readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number);
  expect(pids.length).toBeGreaterThan(0);
  expect(pids.filter(alive), 'the server outlived the check').toEqual([]);
}, 60_000);
