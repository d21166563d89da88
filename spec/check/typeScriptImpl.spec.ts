/**
 * `check --impl solver.ts`: Node 20 cannot load TypeScript, and the usual loader does not reach
 * the worker thread the module runs on, so the error says how to run it (compile it) and the
 * spec follows that advice: the compiled file (CommonJS, as tsc writes it outside a "type":
 * "module" project) passes. The real `tsc` command takes about 5 s on a loaded 2-core machine,
 * so it runs in the thorough tier (RELUCHECK_TIER=thorough); otherwise TypeScript's
 * transpileModule writes the same CommonJS output in-process.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { makeCheckCommand } from '../../src/cli/check.js';
import type { CliIo } from '../../src/cli/usage.js';
import { typeScriptHint } from '../../src/impl/typeScriptHint.js';
import { gradientAgreementClaim } from '../protocol/support/gradientAgreementClaim.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SOLVER = `import createImplementation from ${JSON.stringify(join(ROOT, 'examples/typescript/solver.mjs'))};
interface Named { name: string; capabilities: string[] }
const impl: Named = createImplementation();
export default impl;
`;

async function check(args: string[], cwd: string) {
  let out = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), isTTY: false };
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await makeCheckCommand(async () => [gradientAgreementClaim], {}).run(args, io);
    return { code, out };
  } finally {
    process.chdir(before);
  }
}

describe('check --impl on a TypeScript file', () => {
  it('says to compile it, and the command it gives produces a module that passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relucheck-ts-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'solver.ts'), SOLVER);
    const r = await check(['--impl', 'src/solver.ts'], dir);
    expect(r.code, r.out).toBe(2);
    expect(r.out).toMatch(/could not load src\/solver\.ts: Unknown file extension "\.ts"/);
    const tsc = /e\.g\. npx tsc (.*) src\/solver\.ts, then --impl (\S+)\./.exec(r.out);
    expect(tsc, r.out).not.toBeNull();
    expect(tsc![2]).toBe('build/solver.js');
    if (process.env.RELUCHECK_TIER === 'thorough') {
      // Follow the advice to the letter (the repository's own tsc stands in for npx's).
      execFileSync(join(ROOT, 'node_modules/.bin/tsc'), [...tsc![1].split(' '), 'src/solver.ts'], { cwd: dir, stdio: 'pipe' });
    } else {
      const js = ts.transpileModule(SOLVER, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      expect(js).toMatch(/exports\.default = /); // the interop shape the loader must unwrap
      mkdirSync(join(dir, 'build'));
      writeFileSync(join(dir, tsc![2]), js);
    }
    const compiled = await check(['--impl', tsc![2]], dir);
    expect(compiled.out).toMatch(/1 passed, 0 failed/);
    expect(compiled.code).toBe(0);
  });

  it('gives the hint only for a TypeScript extension that Node refused', () => {
    const refused = Object.assign(new TypeError('Unknown file extension ".ts"'), { code: 'ERR_UNKNOWN_FILE_EXTENSION' });
    expect(typeScriptHint('a.mts', refused)).toMatch(/--impl build\/a\.mjs/);
    expect(typeScriptHint('a.cts', refused)).toMatch(/--impl build\/a\.cjs/);
    expect(typeScriptHint('a.mjs', refused)).toBeUndefined();
    expect(typeScriptHint('a.ts', new SyntaxError('Unexpected token'))).toBeUndefined();
  });
});
