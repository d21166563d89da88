// AssemblyScript source of the WebAssembly SIMD (f64x2) loss+gradient kernel.
//
// Why WebAssembly at all: the gradient is the hot loop of every property and experiment, and
// plain TypeScript loops measured 3.4x-19x slower than NumPy on this problem (issue 2); V8
// does not auto-vectorize JS, while wasm SIMD gives two float64 lanes per instruction.
// Compiled by scripts/build-wasm.mjs (asc, pinned in package.json) during `npm run build`;
// the bytes are embedded in wasmBytes.generated.ts so the core does no file I/O.
// Excluded from tsc (tsconfig exclude *.as.ts): this is AssemblyScript, not TypeScript.
//
// Bit-identical to src/core/kernel.ts lossAndGradient (the oracle), by construction: the
// SIMD lanes run over hidden units (forward) and input coordinates (backward), never along
// a sum, so every float64 sum is formed in the reference's order with the same roundings:
//   z_k = ((0 + w_k0 x_0) + w_k1 x_1) + ...      (j ascending, mul then add, no FMA)
//   out = sum over k ascending of z_k if z_k > 0;  r = out - y;  loss += r * r (rows ascending)
//   grad_kj += r x_j for rows ascending with z_k >= 0, r != 0;  then grad *= 1/N.
// Hence also: r == 0 exactly wherever the reference has it (the gradient at W* is exactly 0).
//
// Memory layout (all float64, byte pointers passed by the host):
//   X row-major n x d at xp, y at yp, grad unit-contiguous K x d at gp,
//   W interleaved by unit pairs at wp: wi[(p * d + j) * 2 + l] = (w_{2p+l})_j, K padded to
//   even with a zero unit; z scratch of 2 * (K + 1) doubles at zp.

/** First free byte after the module's static data; the host lays out its arrays from here. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * Returns 0.5 * scale * sum_i r_i^2 and writes scale * sum_i r_i 1{z_ik >= 0} x_i into gp.
 * scale = 1/n gives the loss and gradient; scale = 1 gives raw sums (parallel partials).
 */
export function lossGrad(
  xp: usize, yp: usize, n: i32, d: i32, K: i32, wp: usize, gp: usize, zp: usize, scale: f64,
): f64 {
  const rowBytes = <usize>d << 3;
  const pairBytes = rowBytes << 1; // one interleaved unit pair
  const P = (K + 1) >> 1; // unit pairs, the last one possibly padded with a zero unit
  const zb = zp + (<usize>(P << 1) << 3);
  memory.fill(gp, 0, rowBytes * <usize>K);
  let loss = 0.0;
  let i = 0;
  let xa = xp;
  for (; i + 1 < n; i += 2) {
    const xb = xa + rowBytes;
    // Forward, two rows at once; each accumulator holds (z_2p, z_2p+1) for one row.
    let p = 0;
    for (; p + 3 < P; p += 4) {
      const w0 = wp + <usize>p * pairBytes;
      const w1 = w0 + pairBytes;
      const w2 = w1 + pairBytes;
      const w3 = w2 + pairBytes;
      let a0 = f64x2.splat(0.0);
      let a1 = f64x2.splat(0.0);
      let a2 = f64x2.splat(0.0);
      let a3 = f64x2.splat(0.0);
      let b0 = f64x2.splat(0.0);
      let b1 = f64x2.splat(0.0);
      let b2 = f64x2.splat(0.0);
      let b3 = f64x2.splat(0.0);
      for (let j: usize = 0; j < rowBytes; j += 8) {
        const va = v128.load64_splat(xa + j);
        const vb = v128.load64_splat(xb + j);
        const u0 = v128.load(w0 + (j << 1));
        a0 = f64x2.add(a0, f64x2.mul(u0, va));
        b0 = f64x2.add(b0, f64x2.mul(u0, vb));
        const u1 = v128.load(w1 + (j << 1));
        a1 = f64x2.add(a1, f64x2.mul(u1, va));
        b1 = f64x2.add(b1, f64x2.mul(u1, vb));
        const u2 = v128.load(w2 + (j << 1));
        a2 = f64x2.add(a2, f64x2.mul(u2, va));
        b2 = f64x2.add(b2, f64x2.mul(u2, vb));
        const u3 = v128.load(w3 + (j << 1));
        a3 = f64x2.add(a3, f64x2.mul(u3, va));
        b3 = f64x2.add(b3, f64x2.mul(u3, vb));
      }
      const za = zp + (<usize>p << 4);
      const zbb = zb + (<usize>p << 4);
      v128.store(za, a0);
      v128.store(za, a1, 16);
      v128.store(za, a2, 32);
      v128.store(za, a3, 48);
      v128.store(zbb, b0);
      v128.store(zbb, b1, 16);
      v128.store(zbb, b2, 32);
      v128.store(zbb, b3, 48);
    }
    for (; p + 1 < P; p += 2) {
      const w0 = wp + <usize>p * pairBytes;
      const w1 = w0 + pairBytes;
      let a0 = f64x2.splat(0.0);
      let a1 = f64x2.splat(0.0);
      let b0 = f64x2.splat(0.0);
      let b1 = f64x2.splat(0.0);
      for (let j: usize = 0; j < rowBytes; j += 8) {
        const va = v128.load64_splat(xa + j);
        const vb = v128.load64_splat(xb + j);
        const u0 = v128.load(w0 + (j << 1));
        a0 = f64x2.add(a0, f64x2.mul(u0, va));
        b0 = f64x2.add(b0, f64x2.mul(u0, vb));
        const u1 = v128.load(w1 + (j << 1));
        a1 = f64x2.add(a1, f64x2.mul(u1, va));
        b1 = f64x2.add(b1, f64x2.mul(u1, vb));
      }
      const za = zp + (<usize>p << 4);
      const zbb = zb + (<usize>p << 4);
      v128.store(za, a0);
      v128.store(za, a1, 16);
      v128.store(zbb, b0);
      v128.store(zbb, b1, 16);
    }
    if (p < P) {
      const w0 = wp + <usize>p * pairBytes;
      let a0 = f64x2.splat(0.0);
      let b0 = f64x2.splat(0.0);
      for (let j: usize = 0; j < rowBytes; j += 8) {
        const u0 = v128.load(w0 + (j << 1));
        a0 = f64x2.add(a0, f64x2.mul(u0, v128.load64_splat(xa + j)));
        b0 = f64x2.add(b0, f64x2.mul(u0, v128.load64_splat(xb + j)));
      }
      v128.store(zp + (<usize>p << 4), a0);
      v128.store(zb + (<usize>p << 4), b0);
    }
    // Output and residual of row a, then row b, units ascending (the reference's order).
    let outa = 0.0;
    let outb = 0.0;
    for (let k = 0; k < K; k++) {
      const sa = load<f64>(zp + (<usize>k << 3));
      const sb = load<f64>(zb + (<usize>k << 3));
      if (sa > 0) outa += sa;
      if (sb > 0) outb += sb;
    }
    const ra = outa - load<f64>(yp + (<usize>i << 3));
    const rb = outb - load<f64>(yp + (<usize>i << 3), 8);
    loss += ra * ra;
    loss += rb * rb;
    // Backward: grad_k += r_a x_a, then += r_b x_b (two roundings, as in the reference),
    // for the units active on each row; lanes run over coordinates j.
    for (let k = 0; k < K; k++) {
      const ca = load<f64>(zp + (<usize>k << 3)) >= 0 ? ra : 0.0;
      const cb = load<f64>(zb + (<usize>k << 3)) >= 0 ? rb : 0.0;
      const g = gp + <usize>k * rowBytes;
      if (cb == 0) {
        if (ca != 0) axpy(g, ca, xa, rowBytes);
      } else if (ca == 0) {
        axpy(g, cb, xb, rowBytes);
      } else {
        const sa = f64x2.splat(ca);
        const sb = f64x2.splat(cb);
        let j: usize = 0;
        for (; j + 16 <= rowBytes; j += 16) {
          const t = f64x2.add(v128.load(g + j), f64x2.mul(sa, v128.load(xa + j)));
          v128.store(g + j, f64x2.add(t, f64x2.mul(sb, v128.load(xb + j))));
        }
        if (j < rowBytes) {
          const t = load<f64>(g + j) + ca * load<f64>(xa + j);
          store<f64>(g + j, t + cb * load<f64>(xb + j));
        }
      }
    }
    xa = xb + rowBytes;
  }
  if (i < n) {
    // Last row when n is odd, unit by unit: lane 0 of each pair accumulator.
    let out = 0.0;
    for (let p = 0; p < P; p++) {
      const w0 = wp + <usize>p * pairBytes;
      let a0 = f64x2.splat(0.0);
      for (let j: usize = 0; j < rowBytes; j += 8) {
        a0 = f64x2.add(a0, f64x2.mul(v128.load(w0 + (j << 1)), v128.load64_splat(xa + j)));
      }
      v128.store(zp + (<usize>p << 4), a0);
    }
    for (let k = 0; k < K; k++) {
      const s = load<f64>(zp + (<usize>k << 3));
      if (s > 0) out += s;
    }
    const r = out - load<f64>(yp + (<usize>i << 3));
    loss += r * r;
    if (r != 0) {
      for (let k = 0; k < K; k++) {
        if (load<f64>(zp + (<usize>k << 3)) >= 0) axpy(gp + <usize>k * rowBytes, r, xa, rowBytes);
      }
    }
  }
  const total = rowBytes * <usize>K;
  const sv = f64x2.splat(scale);
  let t: usize = 0;
  for (; t + 16 <= total; t += 16) v128.store(gp + t, f64x2.mul(v128.load(gp + t), sv));
  if (t < total) store<f64>(gp + t, load<f64>(gp + t) * scale);
  return 0.5 * loss * scale;
}

/** g += c x over `bytes` bytes, two coordinates per instruction. */
@inline
function axpy(g: usize, c: f64, x: usize, bytes: usize): void {
  const s = f64x2.splat(c);
  let j: usize = 0;
  for (; j + 16 <= bytes; j += 16) {
    v128.store(g + j, f64x2.add(v128.load(g + j), f64x2.mul(s, v128.load(x + j))));
  }
  if (j < bytes) store<f64>(g + j, load<f64>(g + j) + c * load<f64>(x + j));
}
