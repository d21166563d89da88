/**
 * Exact transport of float64 values through JSON.
 *
 * - Arrays travel as `{"f64": "<base64 of the little-endian IEEE-754 bytes>"}`: exact, compact
 *   (8 bytes -> ~10.7 characters) and cheap to decode on both sides (`np.frombuffer(..., '<f8')`).
 *   A plain JSON array of numbers is also accepted from implementations (small arrays, hand-written
 *   servers); JSON numbers written as shortest round-trip decimals (JS `JSON.stringify`, Python
 *   `repr`/`json.dumps`) parse back to the same double, so that form is exact too, except that
 *   `JSON.stringify(-0)` is "0" (the sign of zero is lost when JavaScript writes decimals).
 * - Scalars travel as JSON numbers (shortest round-trip decimals). JSON has no NaN or
 *   infinities, so non-finite scalars or array entries are the strings "NaN", "Infinity",
 *   "-Infinity". Decoding keeps them (the guard, not the codec, decides they are wrong).
 *
 * @example
 * ```ts
 * const wire = encodeFloat64Array(new Float64Array([1, 0.1]));
 * decodeFloat64Array(wire); // Float64Array [1, 0.1], bit-identical
 * ```
 */
import { endianness } from 'node:os';

/** The wire form of an array. */
export type WireArray = { readonly f64: string } | readonly WireScalar[];
/** The wire form of a scalar. */
export type WireScalar = number | 'NaN' | 'Infinity' | '-Infinity';

const LITTLE_ENDIAN_HOST = endianness() === 'LE';

/** Encodes an array as base64 of its little-endian bytes. @example encodeFloat64Array(W.data) */
export function encodeFloat64Array(values: Float64Array): { f64: string } {
  if (LITTLE_ENDIAN_HOST) {
    return { f64: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64') };
  }
  const bytes = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i], i * 8);
  return { f64: bytes.toString('base64') };
}

/** Why a wire value could not be decoded (becomes a protocol fault upstream). */
export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

/**
 * Decodes either wire form of an array to a fresh Float64Array.
 * @example decodeFloat64Array({ f64: 'AAAAAAAA8D8=' }) // [1]
 */
export function decodeFloat64Array(wire: unknown): Float64Array {
  if (Array.isArray(wire)) return Float64Array.from(wire, (v, i) => decodeScalar(v, `[${i}]`));
  if (wire !== null && typeof wire === 'object' && typeof (wire as { f64?: unknown }).f64 === 'string') {
    const text = (wire as { f64: string }).f64;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
      throw new WireFormatError('f64 is not canonical base64');
    }
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length % 8 !== 0) {
      throw new WireFormatError(`f64 holds ${bytes.length} bytes, not a multiple of 8`);
    }
    const out = new Float64Array(bytes.length / 8);
    for (let i = 0; i < out.length; i++) out[i] = bytes.readDoubleLE(i * 8);
    return out;
  }
  throw new WireFormatError('an array must be {"f64": base64} or a JSON array of numbers');
}

/** Encodes a scalar (non-finite values as strings). @example encodeScalar(NaN) === 'NaN' */
export function encodeScalar(value: number): WireScalar {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** Decodes a scalar; `where` names it in the error. @example decodeScalar('-Infinity') */
export function decodeScalar(wire: unknown, where = 'value'): number {
  if (typeof wire === 'number') return wire;
  if (wire === 'NaN') return NaN;
  if (wire === 'Infinity') return Infinity;
  if (wire === '-Infinity') return -Infinity;
  throw new WireFormatError(`${where} must be a number or "NaN"/"Infinity"/"-Infinity"; got ${JSON.stringify(wire)}`);
}
