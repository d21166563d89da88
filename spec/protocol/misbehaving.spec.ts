/**
 * Misbehaving implementations (spec/protocol/misbehaving/) must each get a clear verdict from
 * `relucheck check` within the per-request timeout: the right exit code, the fault named in
 * words, the implementation's stderr kept, never a hang or a stack trace; and the child must
 * be dead afterwards.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import { processImplementation } from '../../src/impl/processImplementation.js';
import { ImplementationFault } from '../../src/impl/ImplementationFault.js';
import { makeInstance } from '../../src/core/instance.js';
import { gradientAgreementClaim, needsInitClaim } from './support/gradientAgreementClaim.js';

const dir = fileURLToPath(new URL('./misbehaving/', import.meta.url));
// The hang must be cut at this timeout; the others must not need it (a generous limit keeps a
// loaded machine's slow process start from turning into a false timeout verdict).
const HANG_TIMEOUT_MS = 1500;
const TIMEOUT_MS = 20_000;
// An empty environment: the verdicts below must not depend on RELUCHECK_SEED of the shell.
const check = makeCheckCommand(async () => [gradientAgreementClaim, needsInitClaim], {});

async function runCheck(script: string, ...extra: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false };
  const command = script.endsWith('.py') ? `python3 ${dir}${script}` : `node ${dir}${script}`;
  const started = performance.now();
  const timeout = script === 'hang.mjs' ? HANG_TIMEOUT_MS : TIMEOUT_MS;
  const code = await check.run(['--cmd', command, '--timeout', String(timeout), ...extra], io);
  return { code, stdout, stderr, seconds: (performance.now() - started) / 1000 };
}

// [script, exit code, status label in the summary, pattern the verdict must contain]
const cases: [string, number, RegExp][] = [
  ['crash-at-start.mjs', 2, /ERROR \(start\) implementation exited with code 1[\s\S]*ModuleNotFoundError: No module named 'torch'/],
  ['crash-mid-run.mjs', 2, /ERROR spec-gradient-agreement[\s\S]*exited with code 139 while answering gradient \(id 2\)[\s\S]*Segmentation fault/],
  ['hang.mjs', 2, /ERROR spec-gradient-agreement[\s\S]*no reply to gradient \(id 2\) within 1500 ms/],
  ['exits-early.mjs', 2, /ERROR spec-gradient-agreement[\s\S]*exited with code 0 while answering dataset \(id 1\)/],
  ['garbage-stdout.mjs', 2, /ERROR spec-gradient-agreement[\s\S]*not JSON on stdout: "computing gradient\.\.\. 100%" \(use stderr for logs\)/],
  ['returns-nan.mjs', 1, /FAIL  spec-gradient-agreement[\s\S]*gradient returned NaN at index 3 \(of 8\)/],
  ['wrong-shape.mjs', 1, /FAIL  spec-gradient-agreement[\s\S]*gradient returned 7 values, expected 8 \(d x K = 4 x 2\)/],
  ['wrong-id.mjs', 2, /ERROR spec-gradient-agreement[\s\S]*replied with id 102 but the pending requests are: gradient id 2/],
  ['wrong-version.mjs', 2, /ERROR \(version\) implementation speaks protocol version 2; relucheck speaks 1/],
  ['breaks-schema.mjs', 2, /ERROR spec-gradient-agreement[\s\S]*must have required property 'gradient'[\s\S]*response-gradient\.schema\.json/],
  ['raises.py', 2, /ERROR spec-gradient-agreement[\s\S]*gradient \(id 2\) failed: FloatingPointError: overflow in matmul[\s\S]*Traceback/],
  ['wrong-answer.mjs', 1, /FAIL  spec-gradient-agreement[\s\S]*gradient\[\d\]: actual [\s\S]*replay: relucheck check --cmd .*wrong-answer\.mjs.* --claim spec-gradient-agreement --seed 20190417 /],
];

describe('relucheck check gives a clear verdict for a misbehaving implementation', () => {
  it.each(cases)('%s -> exit %i', async (script, exitCode, pattern) => {
    const r = await runCheck(script);
    const text = r.stdout + r.stderr;
    expect(text, text).toMatch(pattern);
    expect(r.code, text).toBe(exitCode);
    expect(text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
    if (script === 'hang.mjs') expect(r.seconds).toBeLessThan(HANG_TIMEOUT_MS / 1000 + 5);
  });

  it('reports a claim whose capability is missing as not applicable, and a restart after a crash', async () => {
    const r = await runCheck('crash-mid-run.mjs');
    expect(r.stdout).toMatch(/N\/A   spec-needs-init .* needs init/);
    expect(r.stdout).toMatch(/0 passed, 0 failed, 1 not applicable, 1 errored/);
  });

  it('--validate-protocol reports the first message that breaks the schema', async () => {
    const r = await runCheck('breaks-schema.mjs', '--validate-protocol');
    expect(r.stdout).toMatch(/ok    loss\n  FAIL  gradient: schema: /);
    expect(r.stdout).toMatch(/first violation \(schema\): reply to gradient \(id 3\): message\.result must have required property 'gradient'/);
    expect(r.stdout).toMatch(/message #8 \(received\): \{"id":3,"result":\{"grad":/);
    expect(r.code).toBe(2);
  });

  it('--json gives the verdicts as one document', async () => {
    const r = await runCheck('returns-nan.mjs', '--json');
    const doc = JSON.parse(r.stdout) as { exitCode: number; verdicts: { id: string; status: string; fault?: { kind: string } }[] };
    expect(doc.exitCode).toBe(1);
    expect(doc.verdicts[0]).toMatchObject({ id: 'spec-gradient-agreement', status: 'failed', fault: { kind: 'non-finite' } });
  });
});

describe('the child process is always killed', () => {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('after a timeout, and after close', async () => {
    const inst = makeInstance({ d: 4, K: 2, kappa: 2, N: 10, seed: 1 });
    const hung = await processImplementation({ command: `node ${dir}hang.mjs`, timeoutMs: 500 });
    const err = await hung.gradient!(inst.data, inst.Wstar).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImplementationFault);
    expect((err as ImplementationFault).kind).toBe('timeout');
    await hung.close();
    expect(alive(hung.pid!)).toBe(false);
    // later calls fail at once with the same verdict
    await expect(hung.loss!(inst.data, inst.Wstar)).rejects.toThrow(/no longer running \(no reply to gradient/);

    const fine = await processImplementation({ command: `node ${dir}wrong-answer.mjs`, timeoutMs: 2000 });
    expect(await fine.loss!(inst.data, inst.Wstar)).toBe(0);
    await fine.close();
    await fine.close(); // idempotent
    expect(alive(fine.pid!)).toBe(false);
  });
});
