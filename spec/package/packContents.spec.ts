import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What `npm pack` ships (package.json `files`): the compiled library, CLI and claims, the
 * native addon's sources (built on install where a compiler exists), the protocol schemas,
 * the golden fixtures `check --fixtures` reads, the docs, examples, LICENSE and README; not
 * the specs, benchmarks, calibration scripts, TypeScript sources or source maps.
 */
const ROOT = join(import.meta.dirname, '..', '..');

function packedFiles(): string[] {
  // --ignore-scripts: list what `files` selects from the current dist/ without rebuilding.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(out) as { files: { path: string }[] }[];
  return info.files.map((f) => f.path);
}

describe('npm pack contents', () => {
  const files = packedFiles();

  it('ships what a consumer runs and builds', () => {
    const required = [
      'LICENSE',
      'README.md',
      'package.json',
      'docs/theory.md',
      'docs/protocol.md',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/cli/main.js',
      'dist/properties/index.js',
      'dist/src/core/kernels/wasmBytes.generated.js',
      'src/native/addon/binding.gyp',
      'src/native/addon/gradient.c',
      'src/native/addon/gradient_kernel.h',
      'scripts/build-native.mjs',
      'schemas/protocol/common.schema.json',
      'fixtures/empirical.json',
    ];
    expect(required.filter((f) => !files.includes(f))).toEqual([]);
  });

  it('leaves out specs, benchmarks, calibration scripts, sources and maps', () => {
    const unwanted = files.filter((f) =>
      /^(spec|bench|dist\/bench|dist\/scripts|dist\/spec|python|\.ci)\//.test(f) ||
      (f.startsWith('scripts/') && f !== 'scripts/build-native.mjs') ||
      (f.startsWith('src/') && !f.startsWith('src/native/addon/')) ||
      f.startsWith('src/native/addon/build/') ||
      f.endsWith('.map') ||
      f.endsWith('.pyc'),
    );
    expect(unwanted).toEqual([]);
  });
});
