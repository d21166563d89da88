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
import { makeCheckCommand } from '../../src/cli/check.js';
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
/** A fixture folder holding one file `name` with `content`. */
function fixtureDir(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmp, 'fx-'));
  writeFileSync(join(dir, name), content);
  return dir;
}
const group = (g: object) => JSON.stringify({ format: 'relucheck-fixtures', formatVersion: 1, groups: [g] });
const zeroBytes = fixtureDir('z.json', '');
const wrongFormat = fixtureDir('w.json', JSON.stringify({ format: 'something-else', formatVersion: 1, groups: [] }));
const futureVersion = fixtureDir('v.json', JSON.stringify({ format: 'relucheck-fixtures', formatVersion: 99, groups: [] }));
const topArray = fixtureDir('a.json', '[1, 2, 3]');
const noGroups = fixtureDir('g.json', JSON.stringify({ format: 'relucheck-fixtures', formatVersion: 1 }));
const hugeN = fixtureDir('n.json', group({ type: 'loss', d: 2, K: 1, cases: [{ id: 1, flags: [], inputs: { N: 1e12, X: [1, 2], y: [1] }, expected: {}, tolerance: {} }] }));
const noCases = fixtureDir('c.json', group({ type: 'loss', d: 2, K: 1, cases: [] }));
const onlyText = fixtureDir('README.txt', 'not a fixture');
const nestedGarbage = fixtureDir('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
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
  [['audit', '--shard', '3/2'], /--shard must be i\/n with 1 <= i <= n <= 10000, or auto \(read from a job array.s variables\). Value: "3\/2"/],
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

  // Every numeric flag: negative, huge, fractional, non-numeric, empty, hexadecimal, signed.
  ...(['-1', '99999999999999999999', '1.5', 'abc', '', ' ', '0x10', '+3', '1_000'] as const).flatMap((v): [string[], RegExp][] => [
    [['check', '--impl', impl, `--seed=${v}`], new RegExp(`--seed must be an integer from 0 to 4294967295.*Value: ${esc(JSON.stringify(v))}`)],
    [['audit', `--seed=${v}`], /--seed must be an integer from 0 to 4294967295/],
  ]),
  ...(['-5', '2147483648', '1e9', 'soon', ''] as const).map((v): [string[], RegExp] => [['check', '--impl', impl, `--timeout=${v}`], /--timeout must be an integer from 1 to 2147483647/]),
  ...(['0', '-1', '1000001', '2.5', 'all', ''] as const).map((v): [string[], RegExp] => [['check', '--impl', impl, `--num-runs=${v}`], /--num-runs must be an integer from 1 to 1000000/]),
  ...(['-1', '1.5', 'two', '', '257'] as const).map((v): [string[], RegExp] => [['audit', `--workers=${v}`], /--workers must be an integer from 1 to 256/]),
  ...(['0/2', '1/0', 'a/b', '1', '1/2/3', '', '-1/2', '2/2.5'] as const).map((v): [string[], RegExp] => [['audit', `--shard=${v}`], /--shard must be i\/n with 1 <= i <= n <= 10000/]),
  ...(['-1', 'x', '', '4294967296'] as const).map((v): [string[], RegExp] => [['demo', `--seed=${v}`], /--seed must be an integer from 0 to 4294967295/]),
  ...(['-1', 'many', '10000001', '', '1.5'] as const).map((v): [string[], RegExp] => [['zhong-fig1', `--iterations=${v}`], /--iterations must be an integer from 1 to 10000000/]),
  [['zhong-fig1', '--seed', '4294967296'], /--seed must be an integer from 0 to 4294967295/],

  // Enumerations and combinations.
  [['check', '--impl', impl, '--tier', 'fast'], /--tier must be one of quick, default, thorough; got "fast"/],
  [['check', '--impl', impl, '--tier', ''], /--tier must be one of quick, default, thorough; got ""/],
  [['check', '--impl', impl, '--precision', 'float16'], /--precision must be one of float64, float32; got "float16"/],
  [['check', '--impl', impl, '--relu-at-zero', '2'], /--relu-at-zero must be 0 \(the z > 0 mask of PyTorch, TensorFlow, JAX\) or 1 \(z >= 0\); got "2"/],
  [['check', '--impl', impl, '--relu-at-zero', '-1'], /--relu-at-zero/],
  [['check', '--impl', impl, '--claim', 'no-such-claim'], /unknown claim "no-such-claim"; known: /],
  [['check', '--impl', impl, '--path', '1:0'], /--path needs exactly one --claim/],
  [['check', '--impl', impl, '--claim', 'hvp-fd', '--path', ''], /--path must be a counterexample path.*Value: ""/],
  [['check', '--impl', impl, '--claim', 'hvp-fd', '--path', '1:'], /--path must be a counterexample path.*Value: "1:"/],
  [['check', '--impl', impl, '--claim', 'hvp-fd', '--path=-1'], /--path must be a counterexample path.*Value: "-1"/],
  // A negative value as a separate word looks like an option to parseArgs: its own message.
  [['check', '--impl', impl, '--seed', '-1'], /Option '--seed' argument is ambiguous.*use '--seed=-XYZ'/s],
  [['audit', '--shard', '-1/2'], /Option '--shard' argument is ambiguous/],
  [['check', '--impl', impl, '--claim', 'hvp-fd', '--path', '1234567890'], /--path must be a counterexample path.*Value: "1234567890"/],
  [['check'], /give exactly one of --impl MODULE or --cmd "COMMAND"/],
  [['check', '--impl', impl, '--cmd', 'true'], /give exactly one of --impl MODULE or --cmd "COMMAND"/],
  [['check', '--cmd', 'a\0b'], /--cmd must not contain a NUL character/],
  [['check', '--impl', join(tmp, 'no-such-module.mjs')], /--impl must be an existing JavaScript module file \(resolved to .*no-such-module\.mjs\)/],
  [['check', '--impl', tmp], /--impl must be a JavaScript module file, not a folder/],
  [['check', '--impl', impl, '--validate-protocol'], /--validate-protocol needs --cmd/],
  [['check', '--cmd', 'true', '--validate-protocol', '--fixtures'], /--validate-protocol and --fixtures are separate modes/],
  [['check', '--impl', impl, '--fixtures', '--dump-case', join(tmp, 'd1')], /--dump-case writes failed claims' cases; it does not apply to --fixtures/],
  [['check', '--impl', impl, '--dump-case', aFile], /--dump-case must be a directory, but .*a-file is an existing file/],
  [['check', '--impl', impl, '--dump-case', ''], /--dump-case must be a directory path, not empty/],
  [['check', '--impl', impl, '--dump-case', '/proc/relucheck'], /--dump-case must not be on a pseudo-filesystem/],
  [['check', '--impl', impl, '--fixtures-dir', empty], /--fixtures-dir needs --fixtures/],
  [['check', '--impl', impl, '--junit', ''], /--junit must be a file path, not empty/],
  [['check', '--impl', impl, '--junit', tmp], /--junit must be a file path, but .* is a folder/],
  [['check', '--impl', impl, '--junit', join(aFile, 'junit.xml')], /--junit must not lie under a file, but .*a-file is a file/],
  [['check', '--impl', impl, '--junit', '/proc/junit.xml'], /--junit must not be on a pseudo-filesystem/],
  [['check', '--cmd', 'true', '--validate-protocol', '--junit', join(tmp, 'j.xml')], /--junit reports claims or fixture cases; it does not apply to --validate-protocol/],

  // Corrupt fixture files: each names the file and what is wrong, never the implementation.
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', zeroBytes], /a fixture file is malformed: z\.json: /],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', wrongFormat], /a fixture file is malformed: w\.json: /],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', futureVersion], /a fixture file is malformed: v\.json: .*formatVersion/],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', topArray], /a fixture file is malformed: a\.json: /],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', noGroups], /a fixture file is malformed: g\.json: /],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', hugeN], /a fixture file is malformed: n\.json: /],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', noCases], /the fixture files hold no case/],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', onlyText], /--fixtures-dir must hold at least one fixture file/],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', nestedGarbage], /a fixture file is malformed: deep\.json: /],
  [['check', '--impl', impl, '--fixtures', '--fixtures-dir', ''], /--fixtures-dir must be an existing folder|--fixtures-dir must .*not empty/],

  // audit and report.
  [['audit', '--quick', '--full'], /--quick and --full exclude each other/],
  [['audit', '--only', ''], /--only must not be empty \(an empty prefix matches every trial; leave --only out to run them all\)/],
  [['audit', '--only', ' '], /--only must not be empty/],
  [['audit', '--full', '--only', 'fig9'], /--only must be a prefix of at least one trial id of the full tier/],
  [['audit', '--out', 'a\0b'], /--out must not contain a NUL character/],
  [['audit', '--out', '/proc'], /--out must not be on a pseudo-filesystem/],
  [['audit', '--out', '/sys/kernel/relucheck'], /--out must not be on a pseudo-filesystem/],
  [['report'], /give at least one audit directory/],
  [['report', join(tmp, 'no-such-dir')], /no-such-dir/],
  [['report', aFile], /a-file/],
  [['report', empty, '--out', ''], /--out must be a directory path, not empty/],
  [['report', empty, '--out', '/proc/x'], /--out must not be on a pseudo-filesystem/],
  [['report', empty, '--out', join(aFile, 'sub')], /--out must not lie under a file/],

  // Unknown flags, stray positionals, missing values, values given to switches.
  [['check', '--impl', impl, '--bogus'], /Unknown option '--bogus'/],
  [['check', '--impl', impl, 'stray'], /Unexpected argument 'stray'/],
  [['check', '--impl', impl, '--seed'], /Option '--seed <value>' argument missing/],
  [['check', '--impl', impl, '--json=yes'], /Option '--json' does not take an argument/],
  [['audit', '--bogus'], /Unknown option '--bogus'/],
  [['audit', 'stray'], /Unexpected argument 'stray'/],
  [['audit', '--workers'], /Option '--workers <value>' argument missing/],
  [['report', empty, '--bogus'], /Unknown option '--bogus'/],
  [['demo', '--bogus'], /Unknown option '--bogus'/],
  [['demo', 'stray'], /Unexpected argument 'stray'/],
  [['zhong-fig1', '--bogus'], /Unknown option '--bogus'/],
  [['info', '--bogus'], /Unknown option '--bogus'/],
  [['info', 'stray'], /Unexpected argument 'stray'/],
  [['check', '--impl', impl, '--\x1b[2J'], /Unknown option '--\\x1b\[2J'/],
  [['no-such-command'], /unknown command "no-such-command"/],
];

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

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
    expect(performance.now() - started).toBeLessThan(1000); // refused before any work, within a second
  });

  // The environment's defaults are checked as strictly as the flags.
  const envCases: [Record<string, string>, RegExp][] = [
    [{ RELUCHECK_SEED: 'abc' }, /RELUCHECK_SEED/],
    [{ RELUCHECK_SEED: '4294967296' }, /RELUCHECK_SEED/],
    [{ RELUCHECK_TIER: 'fast' }, /RELUCHECK_TIER/],
    [{ RELUCHECK_PRECISION: 'float16' }, /RELUCHECK_PRECISION/],
  ];
  it.each(envCases)('environment %j', async (env, pattern) => {
    let out = '';
    const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t), isTTY: false };
    const check = makeCheckCommand(async () => [], env);
    const code = await runCli(['check', '--impl', impl], io, [check]);
    expect(out, out).toMatch(pattern);
    expect(out).toMatch(/invalid argument\./);
    expect(code, out).toBe(2);
  });

  it('audit --seed 4294967296 exits (no worker thread left running)', () => {
    const main = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
    const r = spawnSync(process.execPath, [main, 'audit', '--seed', '4294967296', '--out', join(tmp, 'o3')], { encoding: 'utf8', timeout: 20_000 });
    expect(r.error, 'the CLI did not exit within 20 s').toBeUndefined();
    expect(r.stderr).toMatch(/--seed must be an integer from 0 to 4294967295/);
    expect(r.status).toBe(2);
  });
});
