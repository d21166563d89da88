/**
 * Loads an Implementation from a JavaScript module (ESM or CommonJS, compiled TypeScript):
 * the module's default export, or its export named `implementation`, is either an
 * Implementation object or a (possibly async) factory returning one. The result is checked
 * (name, known capabilities, a method for each declared capability) so that a malformed
 * module gets a clear verdict instead of a TypeError deep inside a property.
 *
 * @example
 * ```ts
 * const impl = await loadModuleImplementation('./solver.mjs');
 * // solver.mjs: export default { name: 'mine', capabilities: ['loss'], async loss(data, W) {...} };
 * ```
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CAPABILITIES, hasCapability, type Capability, type Implementation } from './Implementation.js';
import { ImplementationFault } from './ImplementationFault.js';
import { typeScriptHint } from './typeScriptHint.js';

/**
 * Imports `path` (relative to `cwd`) and returns the Implementation it exports.
 * Rejects with an ImplementationFault of kind `module` when there is none.
 */
export async function loadModuleImplementation(path: string, cwd = process.cwd()): Promise<Implementation> {
  const file = resolve(cwd, path);
  if (!existsSync(file)) throw new ImplementationFault('module', `module ${JSON.stringify(path)} not found (resolved to ${file})`, true);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    const hint = typeScriptHint(path, err);
    throw new ImplementationFault('module', `could not load ${path}: ${(err as Error)?.message ?? String(err)}${hint === undefined ? '' : `\n${hint}`}`, true);
  }
  let exported = mod.implementation ?? mod.default;
  // TypeScript compiled to CommonJS sets exports.default beside __esModule; import() then gives
  // the whole exports object as the default.
  if (mod.implementation === undefined && isCommonJsInterop(exported)) exported = exported.implementation ?? exported.default;
  if (exported === undefined) {
    throw new ImplementationFault('module', `${path} exports neither a default nor "implementation"`, true);
  }
  if (typeof exported === 'function') {
    try {
      exported = await (exported as () => unknown)();
    } catch (err) {
      throw new ImplementationFault('module', `the factory exported by ${path} threw: ${(err as Error)?.message ?? String(err)}`, true);
    }
  }
  return checkImplementation(exported, path);
}

/**
 * Checks that `value` is an Implementation: a name, known capabilities, and the methods
 * they need. @example checkImplementation(referenceImplementation(), 'reference')
 */
export function checkImplementation(value: unknown, source: string): Implementation {
  const impl = value as Implementation;
  if (impl === null || typeof impl !== 'object') {
    throw new ImplementationFault('module', `${source} did not provide an object (got ${value === null ? 'null' : typeof value})`, true);
  }
  if (typeof impl.name !== 'string' || impl.name === '') {
    throw new ImplementationFault('module', `${source}: the implementation needs a non-empty string "name"`, true);
  }
  if (!Array.isArray(impl.capabilities)) {
    throw new ImplementationFault('module', `${source}: "capabilities" must be an array of ${CAPABILITIES.join(', ')}`, true);
  }
  for (const c of impl.capabilities as unknown[]) {
    if (!CAPABILITIES.includes(c as Capability)) {
      throw new ImplementationFault('module', `${source}: unknown capability ${JSON.stringify(c)} (known: ${CAPABILITIES.join(', ')})`, true);
    }
    if (!hasCapability(impl, c as Capability)) {
      throw new ImplementationFault('module', `${source}: declares capability "${String(c)}" but lacks its method(s)`, true);
    }
  }
  return impl;
}

function isCommonJsInterop(value: unknown): value is { __esModule: true; default?: unknown; implementation?: unknown } {
  const v = value as { __esModule?: unknown; default?: unknown; implementation?: unknown } | null;
  return typeof v === 'object' && v !== null && v.__esModule === true && (v.default !== undefined || v.implementation !== undefined);
}
