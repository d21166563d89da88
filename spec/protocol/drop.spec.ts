/**
 * Protocol 1.1's `drop`: the schema accepts it both ways; a server that declares `drop` is
 * told to release datasets at the explicit release point (releaseDatasets, the end of each
 * claim) and when a Dataset object is garbage-collected, and its dataset count falls; a server
 * that does not declare it never receives `drop` and works as before.
 *
 * The count comes from spec/protocol/python/counting_server.py, which wraps the NumPy
 * server's own dataset and drop handlers and reports "datasets N" on stderr.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { makeInstance } from '../../src/core/instance.js';
import type { Weights } from '../../src/core/layout.js';
import { protocolValidator } from '../../src/protocol/schemaValidator.js';
import { processImplementation, type ProcessImplementation } from '../../src/impl/processImplementation.js';
import { runClaimsCheck } from '../../src/check/runClaimsCheck.js';
import { gradientAgreementClaim } from './support/gradientAgreementClaim.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const counting = `python3 ${root}spec/protocol/python/counting_server.py`;
/** The misbehaving folder's correct JavaScript server: protocol 1.0, loss and gradient only. */
const plain10 = `node --input-type=module -e "import('${root}spec/protocol/misbehaving/lib.mjs').then((m) => m.serve())"`;

/** Every "datasets N" the server reported, in order. */
const counts = (impl: ProcessImplementation) => [...impl.stderrTail().matchAll(/^datasets (\d+)/gm)].map((m) => Number(m[1]));

/** Polls until `done()` (stderr and finalizers arrive on their own schedule), at most `ms`. */
async function until(done: () => boolean, ms: number, step?: () => void): Promise<void> {
  const end = performance.now() + ms;
  while (!done() && performance.now() < end) {
    step?.();
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function open(command: string, sent: string[]) {
  return processImplementation({ command, timeoutMs: 20_000, onMessage: (dir, line) => void (dir === 'sent' && sent.push(line)) });
}

const commandsSent = (sent: string[]) => sent.map((l) => (JSON.parse(l) as { cmd: string }).cmd);

function instance(seed: number) {
  return makeInstance({ d: 4, K: 2, kappa: 2, N: 64, noiseStd: 0.1, seed });
}

describe('drop: schema', () => {
  const v = protocolValidator();
  it('accepts the request, its reply, an error reply and a handshake declaring drop', () => {
    expect(v.request({ cmd: 'drop', id: 7, datasets: ['D1', 'D2'] })).toBeNull();
    expect(v.response('drop', { id: 7, result: {} })).toBeNull();
    expect(v.response('drop', { id: 7, error: { message: 'no' } })).toBeNull();
    expect(v.response('start', { id: 0, result: { protocol: 1, implementation: { name: 'x' }, capabilities: ['loss', 'drop'] } })).toBeNull();
  });
  it('names what is wrong in either direction', () => {
    expect(v.request({ cmd: 'drop', id: 7 })).toMatch(/must have required property 'datasets' \[request-drop/);
    expect(v.request({ cmd: 'drop', id: 7, datasets: [] })).toMatch(/message\.datasets must NOT have fewer than 1 items/);
    expect(v.request({ cmd: 'drop', id: 7, datasets: ['D1', 'D1'] })).toMatch(/must NOT have duplicate items/);
    expect(v.request({ cmd: 'drop', id: 7, dataset: 'D1', datasets: ['D1'] })).toMatch(/additional properties \("dataset"\)/);
    expect(v.response('drop', { id: 7, result: { dropped: 1 } })).toMatch(/additional properties \("dropped"\) \[response-drop/);
    expect(v.response('drop', { id: 7 })).toMatch(/must have required property 'result'/);
  });
});

describe('drop: a server that declares it', () => {
  it('releases every dataset at releaseDatasets; a dataset used again is re-sent and answers the same', async () => {
    const sent: string[] = [];
    const impl = await open(counting, sent);
    try {
      const insts = [1, 2, 3].map(instance);
      const W: Weights = insts[0].Wstar;
      const first = await impl.loss!(insts[0].data, W);
      for (const inst of insts) await impl.loss!(inst.data, W);
      expect(impl.datasetsHeld()).toBe(3);
      await impl.releaseDatasets();
      expect(impl.datasetsHeld()).toBe(0);
      const drops = sent.filter((l) => l.includes('"cmd":"drop"')).map((l) => JSON.parse(l) as { datasets: string[] });
      expect(drops).toEqual([expect.objectContaining({ datasets: ['D1', 'D2', 'D3'] })]);
      await until(() => counts(impl).at(-1) === 0, 2000);
      expect(counts(impl), impl.stderrTail()).toEqual([1, 2, 3, 0]);
      // The harness forgot the name with the drop: the same object goes out again, as D4.
      expect(await impl.loss!(insts[0].data, W)).toBe(first);
      expect(sent.at(-2)).toMatch(/"cmd":"dataset","id":\d+,"name":"D4"/);
      await impl.releaseDatasets(); // idempotent once empty: nothing more is held
      await impl.releaseDatasets();
      expect(commandsSent(sent).filter((c) => c === 'drop')).toHaveLength(2);
    } finally {
      await impl.close();
    }
  });

  it('the claims runner releases after each claim: three claims of two datasets never hold more than two', async () => {
    let impl: ProcessImplementation | undefined;
    const report = await runClaimsCheck({
      connect: async () => (impl = await open(counting, [])),
      claims: [gradientAgreementClaim, gradientAgreementClaim, gradientAgreementClaim],
      seed: 1,
      tier: 'default',
      numRuns: 2,
      replayPrefix: 'relucheck check --cmd counting',
    });
    expect(report.counts.passed).toBe(3);
    // Garbage collection may drop some earlier (timing is V8's): that only lowers counts.
    const seen = counts(impl!);
    expect(Math.max(...seen), seen.join(' ')).toBe(2);
    expect(seen.at(-1), seen.join(' ')).toBe(0);
  });

  it('a garbage-collected Dataset is dropped without any explicit release', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const sent: string[] = [];
    const impl = await open(counting, sent);
    try {
      const W = instance(1).Wstar;
      // The datasets are built and used inside this function only: unreachable once it returns.
      const useAndForget = async () => {
        for (const seed of [11, 12]) await impl.loss!(instance(seed).data, W);
      };
      await useAndForget();
      expect(impl.datasetsHeld()).toBe(2);
      await until(() => impl.datasetsHeld() === 0 && counts(impl).at(-1) === 0, 5000, gc);
      expect(impl.datasetsHeld()).toBe(0);
      expect(counts(impl), impl.stderrTail()).toEqual(expect.arrayContaining([2]));
      expect(counts(impl).at(-1), impl.stderrTail()).toBe(0);
      const dropped = sent
        .filter((l) => l.includes('"cmd":"drop"'))
        .flatMap((l) => (JSON.parse(l) as { datasets: string[] }).datasets)
        .sort();
      expect(dropped).toEqual(['D1', 'D2']);
    } finally {
      await impl.close();
    }
  });
});

describe('drop: a server that does not declare it (protocol 1.0)', () => {
  for (const [label, command] of [
    ['the NumPy server without the capability', `${counting} no-drop`],
    ['a 1.0 JavaScript server that replies an error to any unknown command', plain10],
  ] as const) {
    it(`${label}: never receives drop, its claims still pass, its count only rises`, async () => {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      const sent: string[] = [];
      let impl: ProcessImplementation | undefined;
      const report = await runClaimsCheck({
        connect: async () => (impl = await open(command, sent)),
        claims: [gradientAgreementClaim, gradientAgreementClaim],
        seed: 2,
        tier: 'default',
        numRuns: 2,
        replayPrefix: 'relucheck check --cmd plain',
      });
      expect(report.counts.passed, JSON.stringify(report.verdicts)).toBe(2);
      // Collections change nothing either: give finalizers a chance, on a fresh session.
      const again = await open(command, sent);
      try {
        await (async () => void (await again.loss!(instance(5).data, instance(5).Wstar)))();
        for (let i = 0; i < 5; i++) {
          gc();
          await new Promise((r) => setTimeout(r, 20));
        }
        await again.releaseDatasets();
        expect(again.datasetsHeld()).toBe(0);
        expect(await again.loss!(instance(6).data, instance(6).Wstar)).toBeTypeOf('number');
      } finally {
        await again.close();
      }
      expect(commandsSent(sent)).not.toContain('drop');
      expect(commandsSent(sent).filter((c) => c === 'dataset')).toHaveLength(6);
      if (command.includes('no-drop')) expect(counts(impl!)).toEqual([1, 2, 3, 4]);
    });
  }
});
