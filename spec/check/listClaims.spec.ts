/**
 * `relucheck check --list`: the claims a runner can offer as separate tests (the pytest
 * plugin collects its items from `--list --json`), without starting an implementation.
 */
import { describe, expect, it } from 'vitest';
import { claims as suiteClaims } from '../../properties/index.js';
import { gradientFull } from '../../properties/gradientFiniteDifferences.js';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';

async function check(args: string[], claims: Parameters<typeof makeCheckCommand>[0] = async () => suiteClaims) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false };
  const code = await makeCheckCommand(claims, {}).run(args, io);
  return { code, stdout, stderr };
}

describe('relucheck check --list', () => {
  it('--json lists every claim of the suite with what it needs, in the order check runs them', async () => {
    const r = await check(['--list', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { mode: string; claims: { id: string; needs: string[]; citation: string; falseAlarmBudget: number }[] };
    expect(doc.mode).toBe('list');
    expect(doc.claims.map((c) => c.id)).toEqual(suiteClaims.map((c) => c.id));
    const gradient = doc.claims.find((c) => c.id === gradientFull.id)!;
    expect(gradient.needs).toEqual([...gradientFull.needs]);
    expect(gradient.citation).toBe(`${gradientFull.citation.paper}, ${gradientFull.citation.where}`);
    expect(gradient.falseAlarmBudget).toBe(gradientFull.falseAlarmBudget);
  });

  it('prints a line per claim for people, then the ranges it draws, needing no --impl or --cmd', async () => {
    const r = await check(['--list'], async () => [gradientFull]);
    expect(r.code).toBe(0);
    const ranges = Object.entries(gradientFull.ranges!).map(([k, v]) => `${k} ${v}`).join(', ');
    expect(r.stdout).toBe(
      `${gradientFull.id}  ${gradientFull.title} (${gradientFull.citation.paper}, ${gradientFull.citation.where}); needs ${gradientFull.needs.join(', ')}\n` +
        `${' '.repeat(gradientFull.id.length)}  draws ${ranges}\n`,
    );
    expect(ranges).toMatch(/^d 2\.\.6 \(1 case in 4: 8\.\.32\), K .*N 10\.\.60 \(1 case in 4: 61\.\.3000\)/);
  });

  it('is a usage error (exit 2) when the build has no property suite', async () => {
    const r = await check(['--list', '--json'], async () => undefined);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no property suite/);
  });
});
