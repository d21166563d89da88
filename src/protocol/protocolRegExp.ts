/**
 * The regular-expression engine the protocol validator gives ajv: native RegExp, except for
 * the schemas' canonical-base64 pattern, which gets an equivalent linear-time test.
 *
 * Why: V8's backtracking engine keeps one stack entry per repetition of a group, so
 * `^(?:[A-Za-z0-9+/]{4})*...$` throws "Maximum call stack size exceeded" on strings of a few
 * million characters (measured: fine at 4e6, throws at 1e7). A dataset of N = 500000 rows in
 * d = 4 (the tensor-init-basin claim) is a 21-million-character base64 string, and the harness
 * validates every message it sends. The test below accepts exactly the strings the pattern
 * accepts (whole groups of 4 alphabet characters, the last one possibly padded as `xx==` or
 * `xxx=`), and a single character-class loop, unlike a repeated group, needs no stack.
 *
 * @example
 * ```ts
 * const ajv = new Ajv({ code: { regExp: protocolRegExp } });
 * protocolRegExp(BASE64_PATTERN, 'u').test('AAAAAAAA8D8='); // true
 * ```
 */
import type { CodeOptions } from 'ajv';

type RegExpEngine = NonNullable<CodeOptions['regExp']>;

/** The `pattern` of `base64Array.f64` in schemas/protocol/common.schema.json. */
export const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';

const ALPHABET = /^[A-Za-z0-9+/]*$/;

/**
 * Whether `s` matches {@link BASE64_PATTERN}, in time linear in its length.
 * @example isCanonicalBase64('AAA=') // true; isCanonicalBase64('A===') // false
 */
export function isCanonicalBase64(s: string): boolean {
  if (s.length % 4 !== 0) return false;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return ALPHABET.test(pad === 0 ? s : s.slice(0, s.length - pad));
}

/** ajv's `code.regExp` option. */
export const protocolRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string): { test(s: string): boolean } =>
    pattern === BASE64_PATTERN ? { test: isCanonicalBase64 } : new RegExp(pattern, flags),
  { code: 'protocolRegExp' },
);
