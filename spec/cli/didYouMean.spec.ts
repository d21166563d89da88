/**
 * CLI manners: a mistyped option or command is answered with the closest known one ("Did you
 * mean --seed?"), on every command, and a word that resembles nothing gets no guess. Runs
 * in-process through runCli; every case is still a usage error (exit 2) before any work.
 */
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.js';
import { didYouMean, editDistance, suggest } from '../../src/cli/didYouMean.js';
import { runCli } from '../../src/cli/main.js';

async function cli(argv: string[]) {
  let out = '';
  const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t), isTTY: false };
  const code = await runCli(argv, io);
  return { code, out };
}

describe('edit distance and suggestions', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('--seed', '--seed')).toBe(0);
    expect(editDistance('--sed', '--seed')).toBe(1);
    expect(editDistance('--tire', '--tier')).toBe(1);
    expect(editDistance('--jsno', '--json')).toBe(1);
    expect(editDistance('--seed', '--tier')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only what is close for its length, or extends what was typed', () => {
    const check = ['--impl', '--cmd', '--fixtures', '--fixtures-dir', '--seed', '--tier', '--json', '--junit', '--pass-with-none'];
    expect(suggest('--sed', check)).toEqual(['--seed']);
    expect(suggest('--fix', check)).toEqual(['--fixtures', '--fixtures-dir']);
    expect(suggest('--passwithnone', check)).toEqual(['--pass-with-none']);
    expect(suggest('--bogus', check)).toEqual([]);
    expect(suggest('--x', check)).toEqual([]);
    expect(suggest('--', check)).toEqual([]);
    expect(didYouMean('--jsno', check)).toBe(' Did you mean --json?');
    expect(didYouMean('--fix', check)).toBe(' Did you mean --fixtures or --fixtures-dir?');
    expect(didYouMean('--xyzzy', check)).toBe('');
  });
});

describe('the CLI suggests the closest option or command', () => {
  const cases: [string[], RegExp][] = [
    [['check', '--sed', '3'], /Unknown option '--sed'\. Did you mean --seed\?/],
    [['check', '--impl', 'x.mjs', '--tire', 'quick'], /Unknown option '--tire'\. Did you mean --tier\?/],
    [['check', '--impl', 'x.mjs', '--jsno'], /Did you mean --json\?/],
    [['check', '--impl', 'x.mjs', '--passwithnone'], /Did you mean --pass-with-none\?/],
    [['check', '--fix'], /Did you mean --fixtures or --fixtures-dir\?/],
    [['check', '--sed=3'], /Unknown option '--sed'\. Did you mean --seed\?/],
    [['audit', '--ful'], /Did you mean --full\?/],
    [['audit', '--worker', '2'], /Did you mean --workers\?/],
    [['report', 'dir', '--otu', 'x'], /Unknown option '--otu'\. Did you mean --out\? To specify a positional argument/],
    [['demo', '--Seed=2'], /Did you mean --seed\?/],
    [['zhong-fig1', '--iteration', '3'], /Did you mean --iterations\?/],
    [['chek'], /unknown command "chek"\. Did you mean check\? See 'relucheck --help'/],
    [['reprot', 'dir'], /unknown command "reprot"\. Did you mean report\?/],
    [['Audit'], /unknown command "Audit"\. Did you mean audit\?/],
  ];
  it.each(cases)('%j', async (argv, pattern) => {
    const r = await cli(argv);
    expect(r.out).toMatch(pattern);
    expect(r.out).toMatch(/invalid argument\./);
    expect(r.code).toBe(2);
  });

  it('guesses nothing for a word that resembles no option or command', async () => {
    for (const argv of [['check', '--xyzzy'], ['audit', '--bogus'], ['no-such-command']]) {
      const r = await cli(argv);
      expect(r.out).not.toMatch(/Did you mean/);
      expect(r.code).toBe(2);
    }
  });

  it('every command answers a mistyped --help with its suggestion (each parses through parseOptions)', async () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const c of commands) {
      const r = await cli([c.name, '--hlep']);
      expect(r.out, c.name).toMatch(new RegExp(`^relucheck ${c.name}: invalid argument\\. Unknown option '--hlep'\\. Did you mean --help\\?`));
      expect(r.code, c.name).toBe(2);
    }
  });
});
