/**
 * `relucheck info`: what this installation computes with. The kernel backend changes speed,
 * never results (every backend is bit-identical to the reference loop), so when relucheck is
 * slow the first question is whether the native kernel built, and if not, why.
 *
 * @example
 * ```sh
 * relucheck info
 * ```
 */
import { availableParallelism, cpus } from 'node:os';
import { parseOptions } from './parseOptions.js';
import { wasmAvailable } from '../core/kernels/wasm.js';
import { fastestBackend } from '../native/fastestKernel.js';
import { nativeKernelStatus } from '../native/nativeKernel.js';
import type { CliIo, Command } from './usage.js';

/** Prints the runtime, the kernel backends and the one `auto` picks. */
export const infoCommand: Command = {
  name: 'info',
  summary: 'show the runtime and which loss/gradient kernel backend is in use (and why)',
  help: `relucheck info

Prints Node's version, the CPU, whether the WebAssembly SIMD kernel and the native C kernel
can run here (with the reason when the native one cannot: it is built when relucheck is
installed, where a C compiler exists, and rebuilt by \`npm rebuild relucheck\`), and the
backend gradient descent, the audit and the parallel kernel use ('auto': native when
available, else wasm). Results never depend on it.`,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    parseOptions({ args: [...argv], options: {} });
    const native = nativeKernelStatus();
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    io.stdout(`node ${process.versions.node} (V8 ${process.versions.v8}), ${process.platform}-${process.arch}\n`);
    io.stdout(`cpu: ${cpu}, ${availableParallelism()} threads available\n`);
    io.stdout(`wasm SIMD kernel: ${wasmAvailable() ? 'available' : 'unavailable (no WebAssembly SIMD in this runtime)'}\n`);
    io.stdout(native.available
      ? `native kernel: available (${native.isa}; ${native.path})\n`
      : `native kernel: unavailable (${native.reason})\n`);
    io.stdout(`backend in use (auto): ${fastestBackend()}\n`);
    return 0;
  },
};
