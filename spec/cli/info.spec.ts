/**
 * `relucheck info` reports the backend that `auto` resolves to, consistent with the native
 * loader's own status, and rejects unknown options with exit 2.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { nativeKernelStatus } from '../../src/native/nativeKernel.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), isTTY: false } };
}

describe('relucheck info', () => {
  it('names the native kernel status and the backend in use', async () => {
    const c = capture();
    expect(await runCli(['info'], c.io)).toBe(0);
    const text = c.out.join('');
    const native = nativeKernelStatus();
    expect(text).toMatch(/^wasm SIMD kernel: available$/m);
    expect(text).toContain(native.available ? `native kernel: available (${native.isa};` : 'native kernel: unavailable (');
    expect(text).toMatch(new RegExp(`^backend in use \\(auto\\): ${native.available ? 'native' : 'wasm'}$`, 'm'));
  });

  it('rejects an unknown option with exit 2', async () => {
    const c = capture();
    expect(await runCli(['info', '--bogus'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('--bogus');
  });
});
