import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Heavy dependencies stay off the import path: vega and vega-lite (about 60 packages) load
 * only when a report draws its first chart (src/audit/report/renderSvg.ts imports them
 * there), so `relucheck check`, `info` and the library start without them; mathjs (about
 * 3 s to import) is not a runtime dependency at all any more (src/core/linalg.ts has its own
 * QR and eigensolver, erf comes from @stdlib), only the specs' independent reference; the
 * stdlib normal generator, t quantile and erf (some 450 small CommonJS modules) are required
 * on first use (src/core/lazyDependency.ts). Measured on the
 * compiled dist/ (built by `pretest`) in a fresh process, through a resolve hook that lists
 * every package Node resolves (spec/support/loadedPackages.mjs).
 */
const ROOT = join(import.meta.dirname, '..', '..');

function loadedPackages(entry: string): string[] {
  const out = execFileSync(process.execPath, [join(ROOT, 'spec/support/loadedPackages.mjs'), join(ROOT, entry)], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as string[];
}

describe('lazy imports', () => {
  it('the hook sees a package a module imports (control: ajv in the protocol validator)', () => {
    expect(loadedPackages('dist/src/protocol/schemaValidator.js')).toContain('ajv');
  });

  const LAZY = ['@stdlib/random-base-normal', '@stdlib/stats-base-dists-t-quantile', '@stdlib/math-base-special-erf'];
  const heavy = (loaded: string[]) =>
    loaded.filter((p) => p === 'mathjs' || p.startsWith('vega') || LAZY.includes(p));

  it('the seeded normal stream, the t quantile and erf load their packages on first use (control)', () => {
    expect(loadedPackages('spec/support/usesLazyPackages.mjs')).toEqual(expect.arrayContaining(LAZY));
  });

  it.each(['dist/src/public/index.js', 'dist/src/index.js', 'dist/src/cli/main.js', 'dist/src/public/vitest.js'])(
    '%s loads neither mathjs, vega, the normal generator nor the t quantile',
    (entry) => {
      expect(heavy(loadedPackages(entry))).toEqual([]);
    },
  );

  it('the hook would see mathjs if something imported it (control: the specs\' reference)', () => {
    expect(heavy(loadedPackages('spec/support/importsMathjs.mjs'))).toContain('mathjs');
  });

  it('runtime dependencies do not list mathjs (it is a dev dependency)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(Object.keys(pkg.dependencies)).not.toContain('mathjs');
    expect(Object.keys(pkg.devDependencies)).toContain('mathjs');
  });
});
