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
import type { Claim } from '../../properties/Claim.js';

/** A second claim, run after the gradient one: it needs a live implementation again. */
const lossAnswersClaim: Claim = {
  ...gradientAgreementClaim,
  id: 'spec-loss-answers',
  title: 'loss answers with a finite number',
  needs: ['loss'],
  async run(impl, options) {
    const value = await impl.loss!({ n: 1, d: 1, X: new Float64Array([1]), y: new Float64Array([0]) }, { d: 1, K: 1, data: new Float64Array([1]) });
    return Number.isFinite(value)
      ? { status: 'passed', numRuns: 1, seed: options.seed, detail: `loss ${value}` }
      : { status: 'failed', seed: options.seed, message: `loss ${value} is not finite`, counterexample: 'n = d = K = 1, X = 1, y = 0, W = 1', replay: '' };
  },
};

const dir = fileURLToPath(new URL('./modules/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

async function check(...args: string[]) {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
  const code = await makeCheckCommand(async () => [gradientAgreementClaim, lossAnswersClaim]).run(args, io);
  return { code, out };
}

describe('relucheck check --impl', () => {
  it.each([
    ['no-export.mjs', /ERROR \(module\) .*no-export\.mjs exports neither a default nor "implementation"/],
    ['missing-method.mjs', /ERROR \(module\) .*declares capability "gradient" but lacks its method/],
    ['throws.mjs', /ERROR spec-gradient-agreement[\s\S]*gradient threw: Cannot read properties of undefined/],
    ['never-resolves.mjs', /ERROR spec-gradient-agreement[\s\S]*gradient did not settle within 1000 ms/],
    ['exits.mjs', /ERROR spec-gradient-agreement[\s\S]*the module's worker thread exited with code 3 while answering gradient/],
    ['throws-later.mjs', /ERROR spec-gradient-agreement[\s\S]*the module's worker thread died of an uncaught exception while answering gradient: thrown from a timer/],
  ])('%s gets a clear verdict', async (file, pattern) => {
    const r = await check('--impl', `${dir}${file}`, '--timeout', '1000');
    expect(r.out).toMatch(pattern);
    expect(r.code).toBe(2);
  });

  it('a value structured clone cannot copy is a wrong answer (exit 1), as a wrong type is in-process', async () => {
    const r = await check('--impl', `${dir}uncloneable.mjs`);
    expect(r.out).toMatch(/FAIL  spec-gradient-agreement[\s\S]*gradient returned a value that cannot be copied out of the module's worker thread \(\(\) => 0 could not be cloned\.\)/);
    expect(r.code).toBe(1);
  });

  it('a synchronous endless loop gets a timeout verdict within the timeout + 1 s, and the next claim a fresh worker', async () => {
    const started = performance.now();
    const r = await check('--impl', `${dir}loops.mjs`, '--timeout', '1000');
    const seconds = (performance.now() - started) / 1000;
    expect(r.out).toMatch(/ERROR spec-gradient-agreement[\s\S]*gradient did not settle within 1000 ms \(the module's worker thread was stopped\)/);
    expect(r.out).toMatch(/PASS  spec-loss-answers/);
    expect(r.code).toBe(2);
    // Loading the module twice plus the 1 s timeout; the 1 s margin covers worker start-up on a loaded machine.
    expect(seconds).toBeLessThan(2 + 1);
  });

  it('the example module passes', async () => {
    const r = await check('--impl', `${root}examples/typescript/solver.mjs`);
    expect(r.out).toMatch(/PASS  spec-gradient-agreement/);
    expect(r.code).toBe(0);
  });

  // An existing module, so each case fails on the rule it names and not on the path check.
  const solver = `${root}examples/typescript/solver.mjs`;
  it.each([
    [[], /give exactly one of --impl MODULE or --cmd/],
    [['--impl', solver, '--cmd', 'b'], /give exactly one of --impl MODULE or --cmd/],
    [['--impl', solver, '--validate-protocol'], /--validate-protocol needs --cmd/],
    [['--impl', solver, '--tier', 'slow'], /--tier must be one of quick, default, thorough; got "slow"/],
    [['--impl', solver, '--path', '0:1'], /--path needs exactly one --claim/],
    // A missing module is refused before a worker starts (it was an ERRORED implementation).
    [['--impl', `${dir}missing-file.mjs`], /--impl must be an existing JavaScript module file \(resolved to .*missing-file\.mjs\)/],
  ])('usage error %j exits 2 with a hint', async (args, pattern) => {
    let err = '';
    const io: CliIo = { stdout: () => {}, stderr: (t) => void (err += t), isTTY: false };
    expect(await runCli(['check', ...args], io)).toBe(2);
    expect(err).toMatch(pattern);
    expect(err).toMatch(/See 'relucheck check --help'/);
  });
});
