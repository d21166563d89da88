/**
 * Bad command-line input gets a usage error (exit 2) naming the argument, the rule and the
 * value, before any work starts: no stack trace, no long run that fails at the end, no value
 * silently wrapped (a seed of 2^32 + 1 running seed 1, a timeout above 2^31-1 ms becoming 1 ms).
 * The audit seed case runs the real CLI in a child process: it used to print its error and then
 * never exit (a worker thread was left running).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

const tmp = mkdtempSync(join(tmpdir(), 'relucheck-badinput-'));
const aFile = join(tmp, 'a-file');
writeFileSync(aFile, 'x');
const corrupt = join(tmp, 'corrupt');
mkdirSync(corrupt);
writeFileSync(join(corrupt, 'broken.json'), '{"format": "relucheck-fixtures", ');
const binary = join(tmp, 'binary');
mkdirSync(binary);
writeFileSync(join(binary, 'b.json'), Buffer.from([0, 159, 146, 150, 255]));
const badCase = join(tmp, 'badcase');
mkdirSync(badCase);
writeFileSync(
  join(badCase, 'c.json'),
  JSON.stringify({ format: 'relucheck-fixtures', formatVersion: 1, groups: [{ type: 'loss', d: 2, K: 1, cases: [{ id: 1, flags: [], inputs: { N: 2, X: [1, 2, 3] }, expected: {}, tolerance: {} }] }] }),
);
const empty = join(tmp, 'empty');
mkdirSync(empty);
const impl = fileURLToPath(new URL('../protocol/modules/throws.mjs', import.meta.url));

// [argv, pattern the message must match]: every one exits 2.
const cases: [string[], RegExp][] = [
  [['check', '--impl', impl, '--seed', '4294967297'], /--seed must be an integer from 0 to 4294967295 .*Value: "4294967297"/],
  [['check', '--impl', impl, '--seed=-1'], /--seed must be an integer from 0 to 4294967295.*Value: "-1"/],
  [['check', '--impl', impl, '--seed', '1e3'], /--seed must be an integer.*Value: "1e3"/],
  [['check', '--impl', impl, '--timeout', '3000000000'], /--timeout must be an integer from 1 to 2147483647 .*Value: "3000000000"/],
  [['check', '--impl', impl, '--timeout', '0'], /--timeout must be an integer from 1 to 2147483647.*Value: "0"/],
  [['check', '--impl', impl, '--num-runs', '99999999999'], /--num-runs must be an integer from 1 to 1000000. Value: "99999999999"/],
  [['check', '--impl', impl, '--num-runs', 'many'], /--num-runs must be an integer.*Value: "many"/],
  [['check', '--cmd', ''], /--cmd must be a command line run by \/bin\/sh .*not empty. Value: ""/],
  [['check', '--cmd', '   '], /--cmd must be .*not empty. Value: "   "/],
  [['check', '--impl', ''], /--impl must be the path of a JavaScript module, not empty/],
  [['check', '--impl', impl, '--claim', 'hvp-fd', '--path', 'zz:--'], /--path must be a counterexample path of colon-separated integers.*Value: "zz:--"/],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', corrupt], /a fixture file is malformed: broken\.json: not valid JSON/],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', binary], /a fixture file is malformed: b\.json: not valid JSON/],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', badCase], /b?adcase|c\.json: case 1: inputs\.X has 3 values, expected N x d = 2 x 2/],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', empty], /--fixtures-dir must hold at least one fixture file/],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', aFile], /--fixtures-dir must be a folder, not a file/],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', join(tmp, 'nope')], /--fixtures-dir must be an existing folder/],
  [['audit', '--seed', '4294967296', '--out', join(tmp, 'o1')], /--seed must be an integer from 0 to 4294967295/],
  [['audit', '--workers', '0'], /--workers must be an integer from 1 to 256. Value: "0"/],
  [['audit', '--workers', '1000'], /--workers must be an integer from 1 to 256. Value: "1000"/],
  [['audit', '--shard', '3/2'], /--shard must be i\/n with 1 <= i <= n <= 10000. Value: "3\/2"/],
  [['audit', '--shard', '1/100000'], /--shard must be i\/n .*Value: "1\/100000"/],
  [['audit', '--only', 'no-such-trial'], /--only must be a prefix of at least one trial id of the quick tier.*Value: "no-such-trial"/],
  [['audit', '--out', aFile], /--out must be a directory, but .*a-file is an existing file/],
  [['audit', '--out', join(aFile, 'sub')], /--out must not lie under a file, but .*a-file is a file/],
  [['audit', '--out', ''], /--out must be a directory path, not empty/],
  [['audit', '--out', '/proc/x'], /--out must not be on a pseudo-filesystem.*Value: "\/proc\/x"/],
  [['audit', '--out', '/sys/x'], /--out must not be on a pseudo-filesystem.*Value: "\/sys\/x"/],
  [['audit', '--out', '/dev/relucheck'], /--out must not be on a pseudo-filesystem/],
  [['report', join(tmp, 'o2'), '--out', aFile], /--out must be a directory, but .*is an existing file/],
  [['demo', '--seed', '4294967296'], /--seed must be an integer from 0 to 4294967295/],
  [['zhong-fig1', '--iterations', '0'], /--iterations must be an integer from 1 to 10000000/],
];

describe('bad CLI input is a usage error naming the argument, the rule and the value', () => {
  it.each(cases)('%j', async (argv, pattern) => {
    let out = '';
    const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t), isTTY: false };
    const started = performance.now();
    const code = await runCli(argv, io);
    expect(out, out).toMatch(pattern);
    expect(out).toMatch(/invalid argument\./);
    expect(out).not.toMatch(/\n\s+at .*:\d+:\d+/); // no stack trace
    expect(code, out).toBe(2);
    expect(performance.now() - started).toBeLessThan(5000); // refused before any work
  });

  it('audit --seed 4294967296 exits (no worker thread left running)', () => {
    const main = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
    const r = spawnSync(process.execPath, [main, 'audit', '--seed', '4294967296', '--out', join(tmp, 'o3')], { encoding: 'utf8', timeout: 20_000 });
    expect(r.error, 'the CLI did not exit within 20 s').toBeUndefined();
    expect(r.stderr).toMatch(/--seed must be an integer from 0 to 4294967295/);
    expect(r.status).toBe(2);
  });
});
