/**
 * Float64 values cross the pipe bit-exactly (base64 of little-endian doubles, and shortest
 * round-trip decimals), including -0, subnormals and non-finite values, in both directions
 * between JavaScript and Python; and the JSON Schemas accept the messages the harness sends
 * and name the first thing wrong in a bad one.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { decodeFloat64Array, decodeScalar, encodeFloat64Array, encodeScalar, WireFormatError } from '../../src/protocol/float64Codec.js';
import { protocolValidator } from '../../src/protocol/schemaValidator.js';

const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));
// JSON.stringify writes -0 as 0 (JSON itself allows -0; Python writes -0.0): the decimal form
// loses the sign of zero when JavaScript writes it, base64 never does.
const signless = (a: Float64Array) => a.map((v) => (Object.is(v, -0) ? 0 : v));
const SPECIAL = new Float64Array([0, -0, 5e-324, -2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 1 / 3, NaN, Infinity, -Infinity]);

describe('float64 codec', () => {
  it('base64 round trip is bit-identical (fast-check, seeded)', () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 64 }), (values) => {
        const back = decodeFloat64Array(JSON.parse(JSON.stringify(encodeFloat64Array(values))));
        expect(bits(back)).toEqual(bits(values));
      }),
      { seed: 20190417, numRuns: 200 },
    );
    expect(bits(decodeFloat64Array(encodeFloat64Array(SPECIAL)))).toEqual(bits(SPECIAL));
  });

  it('decimal scalars and JSON arrays round-trip, non-finite spelled as strings', () => {
    const wire = JSON.parse(JSON.stringify(Array.from(SPECIAL, encodeScalar)));
    expect(wire.slice(-3)).toEqual(['NaN', 'Infinity', '-Infinity']);
    expect(bits(decodeFloat64Array(wire))).toEqual(bits(signless(SPECIAL)));
    expect(Object.is(decodeScalar(JSON.parse('-0.0')), -0)).toBe(true); // Python's -0.0 arrives intact
  });

  it('rejects malformed arrays with a reason', () => {
    expect(() => decodeFloat64Array({ f64: 'AAAA' })).toThrow(/3 bytes, not a multiple of 8/);
    expect(() => decodeFloat64Array({ f64: 'not base64!' })).toThrow(WireFormatError);
    expect(() => decodeFloat64Array([1, 'nan'])).toThrow(/\[1\] must be a number or "NaN"/);
    expect(() => decodeFloat64Array({ data: [] })).toThrow(/must be \{"f64": base64\}/);
  });

  it('Python decodes and re-encodes the same bits (both array forms)', () => {
    const wire = JSON.stringify({ b64: encodeFloat64Array(SPECIAL), list: Array.from(SPECIAL, encodeScalar) });
    const script = [
      'import base64, json, sys',
      'import numpy as np',
      'm = json.loads(sys.stdin.read())',
      'a = np.frombuffer(base64.b64decode(m["b64"]["f64"]), "<f8")',
      'b = np.array([float(v) for v in m["list"]])',
      'enc = lambda x: x if np.isfinite(x) else ("NaN" if np.isnan(x) else ("Infinity" if x > 0 else "-Infinity"))',
      'print(json.dumps({"b64": base64.b64encode(a.astype("<f8").tobytes()).decode(), "list": [enc(float(v)) for v in b]}, allow_nan=False))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script], { input: wire, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const back = JSON.parse(r.stdout) as { b64: string; list: unknown[] };
    expect(bits(decodeFloat64Array({ f64: back.b64 }))).toEqual(bits(SPECIAL));
    expect(bits(decodeFloat64Array(back.list))).toEqual(bits(signless(SPECIAL)));
  });
});

describe('protocol schemas', () => {
  const v = protocolValidator();
  const W = { d: 2, K: 1, data: encodeFloat64Array(new Float64Array([1, 2])) };

  it('accept well-formed messages in both directions', () => {
    expect(v.request({ cmd: 'start', id: 0, protocol: 1, harness: { name: 'relucheck', version: '1' } })).toBeNull();
    expect(v.request({ cmd: 'gd', id: 4, dataset: 'D1', W0: W, eta: 0.1, iterations: 3 })).toBeNull();
    expect(v.request({ cmd: 'stop', id: 9 })).toBeNull();
    expect(v.response('loss', { id: 3, result: { loss: 'NaN' } })).toBeNull();
    expect(v.response('gradient', { id: 3, result: { gradient: [1, 2] } })).toBeNull();
    expect(v.response('gd', { id: 3, error: { message: 'boom', detail: 'Traceback' } })).toBeNull();
  });

  it('name the first violation', () => {
    expect(v.response('gradient', { id: 3, result: { grad: [1] } })).toMatch(/must have required property 'gradient' \[response-gradient/);
    expect(v.response('start', { id: 0, result: { protocol: 1, implementation: { name: 'x' }, capabilities: ['tensor'] } })).toMatch(
      /message\.result\.capabilities\.0 must be equal to one of the allowed values/,
    );
    expect(v.request({ cmd: 'loss', id: 1, dataset: 'D1', W, extra: 1 })).toMatch(/must NOT have additional properties \("extra"\)/);
    expect(v.request({ cmd: 'train', id: 1 })).toMatch(/unknown cmd "train"/);
    expect(v.response('loss', { id: -1, result: { loss: 1 } })).toMatch(/message\.id must be >= 0/);
  });
});
