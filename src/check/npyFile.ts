/**
 * NumPy's .npy format (version 1.0) for a float64 array, so a failing case can be loaded with
 * `np.load` exactly, bit for bit (-0, subnormals and non-finite values included, which JSON
 * cannot carry). Written by hand: the format is a 10-byte preamble and a Python-literal header
 * (numpy/lib/format.py); no maintained npm package writes it without pulling in a runtime.
 *
 * @example
 * ```ts
 * writeFileSync('W.npy', encodeNpy([3, 2], W)); // np.load('W.npy').shape == (3, 2)
 * ```
 */
import { fail } from '../core/validate.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * The .npy bytes of a row-major (C order) little-endian float64 array of `shape`.
 * @example encodeNpy([2], Float64Array.of(1, 2)).length // 128 + 16
 */
export function encodeNpy(shape: readonly number[], data: Float64Array): Uint8Array {
  const size = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((s) => Number.isInteger(s) && s >= 0)) fail('shape', 'shape must be non-negative integers', shape.join(','));
  if (size !== data.length) fail('data', `data must hold prod(shape) = ${size} values`, data.length);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${dims}), }`;
  // The preamble (10 bytes) plus the header, ending in '\n', is padded to a multiple of 64.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total + 8 * size);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, total);
  for (let i = 0; i < size; i++) view.setFloat64(8 * i, data[i], true);
  return out;
}
