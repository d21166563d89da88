/**
 * The worker-thread module adapter behind `relucheck check --impl`, driven directly: datasets
 * keep their identity across calls inside the worker (sent once, then named), a timeout ends
 * the worker and every later call says so (as the process adapter does), what the module
 * printed is kept for the report, and close is idempotent.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Dataset, Weights } from '../../src/core/layout.js';
import { isFault } from '../../src/impl/ImplementationFault.js';
import { workerModuleImplementation } from '../../src/impl/workerModuleImplementation.js';

const dir = fileURLToPath(new URL('./modules/', import.meta.url));
const dataset = (): Dataset => ({ n: 2, d: 1, X: new Float64Array([1, 2]), y: new Float64Array([0, 1]) });
const W: Weights = { d: 1, K: 1, data: new Float64Array([0.5]) };

async function rejection(promise: Promise<unknown>) {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  if (!isFault(err)) throw new Error(`expected an ImplementationFault, got ${String(err)}`);
  return err;
}

describe('workerModuleImplementation', () => {
  it('the module sees one object per dataset, call after call', async () => {
    const impl = await workerModuleImplementation({ path: `${dir}counts-datasets.mjs`, timeoutMs: 5000 });
    try {
      const a = dataset();
      const b = dataset(); // equal content, another object: another dataset
      const seen = [await impl.loss!(a, W), await impl.loss!(a, W), await impl.loss!(b, W), await impl.loss!(a, W)];
      expect(seen).toEqual([1, 1, 2, 2]);
      // A Float64Array comes back as one, exactly.
      expect(await impl.gradient!(a, W)).toEqual(new Float64Array([1]));
    } finally {
      await impl.close();
    }
  });

  it('after a timeout the worker is gone: the fault is recorded and every later call says so', async () => {
    const impl = await workerModuleImplementation({ path: `${dir}loops.mjs`, timeoutMs: 300 });
    try {
      expect(await impl.loss!(dataset(), W)).toBe(0);
      const started = performance.now();
      const timeout = await rejection(impl.gradient!(dataset(), W));
      expect(performance.now() - started).toBeLessThan(300 + 1000);
      expect(timeout.kind).toBe('timeout');
      expect(timeout.message).toBe("gradient did not settle within 300 ms (the module's worker thread was stopped)");
      expect(impl.fault).toBe(timeout);
      const later = await rejection(impl.loss!(dataset(), W));
      expect(later.message).toBe(`implementation is no longer running (${timeout.message})`);
      // What the module printed before looping is kept for the report.
      expect(impl.stderrTail()).toContain('gradient: entering the loop');
    } finally {
      await impl.close();
      await impl.close(); // idempotent
    }
  });

  it('a module whose top-level code never finishes gets a start timeout, not a hang', async () => {
    const err = await rejection(workerModuleImplementation({ path: `${dir}loops-at-load.mjs`, timeoutMs: 300, startTimeoutMs: 300 }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe(`loading ${dir}loops-at-load.mjs did not finish within 300 ms (the module's worker thread was stopped)`);
  });

  it('close rejects the calls still pending, and a call after close rejects instead of waiting', async () => {
    const impl = await workerModuleImplementation({ path: `${dir}counts-datasets.mjs`, timeoutMs: 5000 });
    const pending = rejection(impl.gradient!(dataset(), W)); // counts-datasets answers, but close comes first
    await impl.close();
    expect((await pending).message).toBe('gradient was interrupted: the implementation was closed');
    const err = await rejection(impl.loss!(dataset(), W));
    expect(err.message).toBe('loss was called after the implementation was closed');
  });
});
