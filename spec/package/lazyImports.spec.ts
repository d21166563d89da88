import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Heavy dependencies stay off the import path: vega and vega-lite (about 60 packages) load
 * only when a report draws its first chart (src/audit/report/renderSvg.ts imports them
 * there), so `relucheck check`, `info` and the library start without them. Measured on the
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
  it('the hook sees a package a module imports (control: the seeded normal stream)', () => {
    expect(loadedPackages('dist/src/core/random.js')).toContain('@stdlib/random-base-normal');
  });

  it('the CLI loads neither vega nor vega-lite until a report is written', () => {
    const loaded = loadedPackages('dist/src/cli/main.js');
    expect(loaded.filter((p) => p === 'vega' || p === 'vega-lite' || p.startsWith('vega-'))).toEqual([]);
  });

  it('the library loads neither vega nor vega-lite', () => {
    const loaded = loadedPackages('dist/src/index.js');
    expect(loaded.filter((p) => p.startsWith('vega'))).toEqual([]);
  });
});
