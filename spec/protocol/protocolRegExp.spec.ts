/**
 * The validator's base64 test (src/protocol/protocolRegExp.ts) accepts exactly what the
 * schema's pattern accepts, and, unlike the native RegExp, does not overflow the stack on
 * the datasets the tensor claims send (N = 500000 rows: a 2e7-character string).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { BASE64_PATTERN, isCanonicalBase64 } from '../../src/protocol/protocolRegExp.js';
import { protocolValidator, schemaDirectory } from '../../src/protocol/schemaValidator.js';

describe('protocol base64 pattern', () => {
  it('is the pattern of schemas/protocol/common.schema.json', () => {
    const common = JSON.parse(readFileSync(`${schemaDirectory()}/common.schema.json`, 'utf8'));
    expect(common.definitions.base64Array.properties.f64.pattern).toBe(BASE64_PATTERN);
  });

  it('the linear test agrees with the native RegExp (fast-check over a small alphabet, seeded)', () => {
    const native = new RegExp(BASE64_PATTERN, 'u');
    // Few letters, so padding, misplaced '=' and illegal characters come up often.
    const text = fc.array(fc.constantFrom('A', 'z', '0', '+', '/', '=', '-', ' '), { maxLength: 14 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(isCanonicalBase64(s), JSON.stringify(s)).toBe(native.test(s));
      }),
      { seed: 20240601, numRuns: 5000 },
    );
    for (const s of ['', 'AAAA', 'AA==', 'AAA=', 'A===', '====', 'AA=A', 'AAAAA', 'AA= ']) {
      expect(isCanonicalBase64(s), s).toBe(native.test(s));
    }
  });

  it('validates a 2.2e7-character dataset message that the native RegExp cannot', () => {
    const big = 'A'.repeat(22_000_000);
    expect(() => new RegExp(BASE64_PATTERN, 'u').test(big)).toThrow(RangeError);
    const message = { cmd: 'dataset', id: 1, name: 'd1', n: 1, d: 1, X: { f64: big }, y: { f64: 'AAAAAAAAAAA=' } };
    expect(protocolValidator().request(message)).toBeNull();
    expect(protocolValidator().request({ ...message, X: { f64: `${big}A` } })).toMatch(/pattern/);
  });
});
