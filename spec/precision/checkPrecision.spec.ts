/**
 * `relucheck check --precision` and RELUCHECK_PRECISION: the run states its precision (text and
 * --json, with where it came from), a float32 answer held to float64 bounds fails with the
 * detector's sentence, the same run at float32 passes, and a bad value is a usage error.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gradientFull } from '../../properties/gradientFiniteDifferences.js';
import { makeCheckCommand, type CheckEnvironment } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import { FLOAT32_HINT } from '../../src/impl/float32Answers.js';

const module = fileURLToPath(new URL('./modules/float32-answers.mjs', import.meta.url));

async function check(args: string[], env: CheckEnvironment = {}) {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
  const code = await makeCheckCommand(async () => [gradientFull], env).run(['--impl', module, '--tier', 'quick', ...args], io);
  return { code, out };
}

describe('check --precision', () => {
  it('by default holds float32 answers to float64 bounds, fails, and says float32 and what to do', async () => {
    const r = await check([]);
    expect(r.out).toContain('precision float64 (u = 2^-53, default)');
    expect(r.out).toContain(FLOAT32_HINT);
    expect(r.code).toBe(1);
  });

  it('--precision float32 passes the same answers and reports the precision in --json', async () => {
    const r = await check(['--precision', 'float32', '--json']);
    const json = JSON.parse(r.out);
    expect(json.precision).toEqual({ precision: 'float32', unitRoundoff: '2^-24', from: '--precision' });
    expect(json.verdicts[0].status).toBe('passed');
    expect(r.code).toBe(0);
  });

  it('RELUCHECK_PRECISION selects it too, and the flag wins over it', async () => {
    const env = await check([], { RELUCHECK_PRECISION: 'float32' });
    expect(env.out).toContain('precision float32 (u = 2^-24, RELUCHECK_PRECISION)');
    expect(env.code).toBe(0);
    const flag = await check(['--precision', 'float64'], { RELUCHECK_PRECISION: 'float32' });
    expect(flag.out).toContain('precision float64 (u = 2^-53, --precision)');
    expect(flag.code).toBe(1);
  });

  it('rejects an unknown precision, naming the option and the value', async () => {
    await expect(check(['--precision', 'float16'])).rejects.toThrow(/--precision must be one of float64, float32; got "float16"/);
    await expect(check([], { RELUCHECK_PRECISION: 'half' })).rejects.toThrow(/RELUCHECK_PRECISION/);
  });

  it('runs the fixtures at the precision too (float32 tolerances, the undetermined cases not applicable)', async () => {
    const r = await check(['--fixtures', '--precision', 'float32', '--json']);
    const json = JSON.parse(r.out);
    expect(json.precision.precision).toBe('float32');
    expect(json.counts.failed).toBe(0);
    const nearKink = json.cases.filter((c: { flags: string[] }) => c.flags.includes('near_kink'));
    expect(nearKink.length).toBeGreaterThan(0);
    for (const c of nearKink) expect(c.status).toBe('not-applicable');
    const f64 = JSON.parse((await check(['--fixtures', '--json'])).out);
    expect(f64.counts.failed).toBeGreaterThan(0);
    expect(f64.cases.filter((c: { status: string }) => c.status === 'failed').every((c: { hint?: string }) => c.hint?.includes(FLOAT32_HINT))).toBe(true);
  });
});
