/**
 * `relucheck check --impl`: a module that is not an Implementation, or whose methods throw or
 * never settle, gets a clear verdict (exit 2, the reason in words), and the example module
 * passes the claims available in this build.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { makeCheckCommand } from '../../src/cli/check.js';
import { runCli } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/usage.js';
import { gradientAgreementClaim } from './support/gradientAgreementClaim.js';

const dir = fileURLToPath(new URL('./modules/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

async function check(...args: string[]) {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
  const code = await makeCheckCommand(async () => [gradientAgreementClaim]).run(args, io);
  return { code, out };
}

describe('relucheck check --impl', () => {
  it.each([
    ['no-export.mjs', /ERROR \(module\) .*no-export\.mjs exports neither a default nor "implementation"/],
    ['missing-method.mjs', /ERROR \(module\) .*declares capability "gradient" but lacks its method/],
    ['missing-file.mjs', /ERROR \(module\) module ".*missing-file\.mjs" not found/],
    ['throws.mjs', /ERROR spec-gradient-agreement[\s\S]*gradient threw: Cannot read properties of undefined/],
    ['never-resolves.mjs', /ERROR spec-gradient-agreement[\s\S]*gradient did not settle within 1000 ms/],
  ])('%s gets a clear verdict', async (file, pattern) => {
    const r = await check('--impl', `${dir}${file}`, '--timeout', '1000');
    expect(r.out).toMatch(pattern);
    expect(r.code).toBe(2);
  });

  it('the example module passes', async () => {
    const r = await check('--impl', `${root}examples/typescript/solver.mjs`);
    expect(r.out).toMatch(/PASS  spec-gradient-agreement/);
    expect(r.code).toBe(0);
  });

  it.each([
    [[], /give exactly one of --impl MODULE or --cmd/],
    [['--impl', 'a.mjs', '--cmd', 'b'], /give exactly one of --impl MODULE or --cmd/],
    [['--impl', 'a.mjs', '--validate-protocol'], /--validate-protocol needs --cmd/],
    [['--impl', 'a.mjs', '--tier', 'slow'], /--tier must be one of quick, default, thorough; got "slow"/],
    [['--impl', 'a.mjs', '--path', '0:1'], /--path needs exactly one --claim/],
  ])('usage error %j exits 2 with a hint', async (args, pattern) => {
    let err = '';
    const io: CliIo = { stdout: () => {}, stderr: (t) => void (err += t), isTTY: false };
    expect(await runCli(['check', ...args], io)).toBe(2);
    expect(err).toMatch(pattern);
    expect(err).toMatch(/See 'relucheck check --help'/);
  });
});
