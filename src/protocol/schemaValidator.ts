/**
 * Validates protocol messages in both directions against schemas/protocol/*.schema.json with
 * ajv, so the documented schemas and the harness's behaviour cannot drift apart.
 *
 * @example
 * ```ts
 * const v = protocolValidator();
 * v.request({ cmd: 'stop', id: 9 }); // null (valid)
 * v.response('loss', { id: 3, result: {} }); // "result must have required property 'loss'"
 * ```
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import { COMMANDS, type Command } from './messages.js';
import { protocolRegExp } from './protocolRegExp.js';

const SCHEMA_BASE = 'https://relucheck.example/protocol/1/';

/** Checks messages; each method returns null when valid, else a one-line reason. */
export interface ProtocolValidator {
  /** A harness -> implementation message (its `cmd` picks the schema). */
  request(message: unknown): string | null;
  /** An implementation -> harness reply to a request of command `cmd` (error replies too). */
  response(cmd: Command, message: unknown): string | null;
}

/**
 * The folder holding the protocol schemas, found by walking up from this file (works from
 * src/ under vitest and from dist/src/ when compiled).
 */
export function schemaDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schemas', 'protocol');
    if (existsSync(join(candidate, 'common.schema.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('relucheck: schemas/protocol not found next to the package');
}

let cached: ProtocolValidator | undefined;

/** The validator over every schema file (compiled once per process). */
export function protocolValidator(): ProtocolValidator {
  if (cached) return cached;
  // protocolRegExp: base64 arrays of any size (a native RegExp overflows the stack on ~1e7 characters).
  const ajv = new Ajv({ allErrors: false, strict: true, code: { regExp: protocolRegExp } });
  const dir = schemaDirectory();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object);
  }
  const get = (name: string): ValidateFunction => {
    const fn = ajv.getSchema(`${SCHEMA_BASE}${name}.schema.json`);
    if (!fn) throw new Error(`relucheck: missing schema ${name}.schema.json`);
    return fn;
  };
  const requests = new Map<string, ValidateFunction>(COMMANDS.map((c) => [c, get(`request-${c}`)]));
  const responses = new Map<string, ValidateFunction>(
    COMMANDS.filter((c) => c !== 'stop').map((c) => [c, get(`response-${c}`)]),
  );
  const errorReply = get('response-error');
  cached = {
    request(message) {
      const cmd = (message as { cmd?: unknown } | null)?.cmd;
      const fn = typeof cmd === 'string' ? requests.get(cmd) : undefined;
      if (!fn) return `unknown cmd ${JSON.stringify(cmd)} (expected one of ${COMMANDS.join(', ')})`;
      return fn(message) ? null : describe(`request-${String(cmd)}`, fn.errors);
    },
    response(cmd, message) {
      const isError = message !== null && typeof message === 'object' && 'error' in message;
      const fn = isError ? errorReply : responses.get(cmd);
      if (!fn) return `command ${cmd} has no reply`;
      const name = isError ? 'response-error' : `response-${cmd}`;
      return fn(message) ? null : describe(name, fn.errors);
    },
  };
  return cached;
}

function describe(schema: string, errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return `does not match ${schema}.schema.json`;
  const where = e.instancePath === '' ? 'message' : `message${e.instancePath.replaceAll('/', '.')}`;
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)})`
      : e.keyword === 'enum' || e.keyword === 'const'
        ? ` (${JSON.stringify(e.params)})`
        : '';
  return `${where} ${e.message ?? 'is invalid'}${extra} [${schema}.schema.json]`;
}
