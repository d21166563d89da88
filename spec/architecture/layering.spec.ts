import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of ../shared/ARCHITECTURE.md, as a rank per folder: a module may import only
 * from its own folder or from a folder of lower rank, so the graph is acyclic by construction
 * and the pure core can never come to depend on the harness, the CLI or an adapter.
 */
const RANK: Record<string, number> = {
  core: 0,
  theory: 1,
  protocol: 1,
  native: 1,
  parallel: 2,
  impl: 2,
  fixtures: 3,
  properties: 3,
  check: 4,
  audit: 4,
  cli: 5,
  index: 6,
  public: 6,
};

const ROOT = join(import.meta.dirname, '..', '..');

function layerOf(file: string): string {
  const parts = relative(ROOT, file).split(sep);
  if (parts[0] === 'properties') return 'properties';
  if (parts[0] === 'src') return parts.length > 2 ? parts[1] : 'index';
  return parts[0];
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.as.ts') ? [path] : [];
  });
}

const IMPORT = /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'properties'))];

describe('architecture', () => {
  it('every folder has a rank (a new folder must be placed in the layering)', () => {
    const unranked = [...new Set(files.map(layerOf))].filter((l) => !(l in RANK));
    expect(unranked).toEqual([]);
  });

  it('imports only go down the layering (core <- theory, protocol <- impl <- properties <- audit, check <- cli)', () => {
    const upward: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = normalize(join(dirname(file), spec));
        const [from, to] = [layerOf(file), layerOf(target)];
        if (from !== to && !(RANK[to] < RANK[from])) {
          upward.push(`${relative(ROOT, file)} (${from}) imports ${spec} (${to})`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('the core is pure: no Node modules, no ambient randomness, clock or console', () => {
    const impure: string[] = [];
    for (const file of files.filter((f) => layerOf(f) === 'core')) {
      const code = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
        .join('\n');
      for (const spec of importsOf(file)) {
        // The single exception: src/core/lazyDependency.ts requires heavy CommonJS packages on
        // first use (node:module's createRequire) to keep them off the import path.
        if (spec === 'node:module' && relative(ROOT, file) === join('src', 'core', 'lazyDependency.ts')) continue;
        if (spec.startsWith('node:')) impure.push(`${relative(ROOT, file)}: ${spec}`);
      }
      for (const word of ['Math.random(', 'Date.now(', 'process.', 'console.']) {
        if (code.includes(word)) impure.push(`${relative(ROOT, file)}: ${word}`);
      }
    }
    expect(impure).toEqual([]);
  });
});
