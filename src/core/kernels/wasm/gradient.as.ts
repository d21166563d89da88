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
//   even with a zero unit; scratch at zp of 64 * ceil(K / 2) + 48 bytes: z of a block of 4
//   rows (2 * ceil(K / 2) doubles each), then 4 coefficients (f64) and 4 row pointers (u32).
//
// Speed: rows go in blocks of 4, so each grad_k row is loaded and stored once per block
// (instead of once per row or pair of rows) while the block's active rows are added to it in
// ascending order, one rounding each: the same sequence of roundings as the reference.

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
  const zRow = <usize>P << 4; // bytes of one row's z (2P doubles)
  const cs = zp + (zRow << 2); // compacted coefficients of the active rows (4 doubles)
  const ps = cs + 32; // and their row pointers (4 x u32)
  memory.fill(gp, 0, rowBytes * <usize>K);
  let loss = 0.0;
  let i = 0;
  let xa = xp;
  // Blocks of up to 4 rows: forward all of them, then one pass over each grad_k per block.
  while (i < n) {
    const rows = min(4, n - i);
    if (rows == 4) {
      forward4(xa, rowBytes, zp, zRow, wp, pairBytes, P);
    } else if (rows >= 2) {
      forward2(xa, xa + rowBytes, zp, zp + zRow, wp, pairBytes, P, rowBytes);
      if (rows == 3) forward1(xa + 2 * rowBytes, zp + 2 * zRow, wp, pairBytes, P, rowBytes);
    } else {
      forward1(xa, zp, wp, pairBytes, P, rowBytes);
    }
    // Output and residual of each row, rows ascending, units ascending (the reference's order).
    let r0 = 0.0;
    let r1 = 0.0;
    let r2 = 0.0;
    let r3 = 0.0;
    for (let b = 0; b < rows; b++) {
      const zr = zp + <usize>b * zRow;
      let out = 0.0;
      for (let k = 0; k < K; k++) {
        const s = load<f64>(zr + (<usize>k << 3));
        // Adding +0 for an inactive unit leaves out (never -0) unchanged: branch-free.
        out += select<f64>(s, 0.0, s > 0);
      }
      const r = out - load<f64>(yp + (<usize>(i + b) << 3));
      loss += r * r;
      if (b == 0) r0 = r;
      else if (b == 1) r1 = r;
      else if (b == 2) r2 = r;
      else r3 = r;
    }
    // Backward: grad_k += r_b x_b for the rows b of the block in ascending order, one rounding
    // per row as in the reference, skipping rows with r_b == 0 or z_bk < 0 (the reference
    // skips them, so no 0 * x term is ever added); lanes run over coordinates j.
    for (let k = 0; k < K; k++) {
      const zk = zp + (<usize>k << 3);
      // Branch-free compaction (the activity pattern is unpredictable): every row writes its
      // slot, and m advances only past the active ones.
      let m: usize = <usize>((r0 != 0) & (load<f64>(zk) >= 0));
      store<f64>(cs, r0);
      store<u32>(ps, <u32>xa);
      store<f64>(cs + (m << 3), r1);
      store<u32>(ps + (m << 2), <u32>(xa + rowBytes));
      m += <usize>((r1 != 0) & (load<f64>(zk + zRow) >= 0));
      store<f64>(cs + (m << 3), r2);
      store<u32>(ps + (m << 2), <u32>(xa + 2 * rowBytes));
      m += <usize>((r2 != 0) & (load<f64>(zk + 2 * zRow) >= 0));
      store<f64>(cs + (m << 3), r3);
      store<u32>(ps + (m << 2), <u32>(xa + 3 * rowBytes));
      m += <usize>((r3 != 0) & (load<f64>(zk + 3 * zRow) >= 0));
      if (m == 0) continue;
      const g = gp + <usize>k * rowBytes;
      const c0 = load<f64>(cs);
      const x0 = <usize>load<u32>(ps);
      if (m == 1) {
        axpy(g, c0, x0, rowBytes);
        continue;
      }
      const c1 = load<f64>(cs, 8);
      const x1 = <usize>load<u32>(ps, 4);
      const s0 = f64x2.splat(c0);
      const s1 = f64x2.splat(c1);
      let j: usize = 0;
      if (m == 2) {
        for (; j + 16 <= rowBytes; j += 16) {
          const t = f64x2.add(v128.load(g + j), f64x2.mul(s0, v128.load(x0 + j)));
          v128.store(g + j, f64x2.add(t, f64x2.mul(s1, v128.load(x1 + j))));
        }
        if (j < rowBytes) {
          const t = load<f64>(g + j) + c0 * load<f64>(x0 + j);
          store<f64>(g + j, t + c1 * load<f64>(x1 + j));
        }
        continue;
      }
      const c2 = load<f64>(cs, 16);
      const x2 = <usize>load<u32>(ps, 8);
      const s2 = f64x2.splat(c2);
      if (m == 3) {
        for (; j + 16 <= rowBytes; j += 16) {
          let t = f64x2.add(v128.load(g + j), f64x2.mul(s0, v128.load(x0 + j)));
          t = f64x2.add(t, f64x2.mul(s1, v128.load(x1 + j)));
          v128.store(g + j, f64x2.add(t, f64x2.mul(s2, v128.load(x2 + j))));
        }
        if (j < rowBytes) {
          let t = load<f64>(g + j) + c0 * load<f64>(x0 + j);
          t = t + c1 * load<f64>(x1 + j);
          store<f64>(g + j, t + c2 * load<f64>(x2 + j));
        }
        continue;
      }
      add4(g, rowBytes, c0, x0, c1, x1, c2, x2, load<f64>(cs, 24), <usize>load<u32>(ps, 12));
    }
    i += rows;
    xa += <usize>rows * rowBytes;
  }
  const total = rowBytes * <usize>K;
  const sv = f64x2.splat(scale);
  let t: usize = 0;
  for (; t + 16 <= total; t += 16) v128.store(gp + t, f64x2.mul(v128.load(gp + t), sv));
  if (t < total) store<f64>(gp + t, load<f64>(gp + t) * scale);
  return 0.5 * loss * scale;
}

/**
 * z of the 4 consecutive rows at xa into za + b * zRow (b = 0..3), two unit pairs at a time:
 * 8 independent accumulators hide the add latency even when K is small.
 */
@inline
function forward4(
  xa: usize, rowBytes: usize, za: usize, zRow: usize, wp: usize, pairBytes: usize, P: i32,
): void {
  const xb = xa + rowBytes;
  const xc = xb + rowBytes;
  const xd = xc + rowBytes;
  let p = 0;
  for (; p + 1 < P; p += 2) {
    const w0 = wp + <usize>p * pairBytes;
    const w1 = w0 + pairBytes;
    let a0 = f64x2.splat(0.0);
    let a1 = f64x2.splat(0.0);
    let b0 = f64x2.splat(0.0);
    let b1 = f64x2.splat(0.0);
    let c0 = f64x2.splat(0.0);
    let c1 = f64x2.splat(0.0);
    let d0 = f64x2.splat(0.0);
    let d1 = f64x2.splat(0.0);
    for (let j: usize = 0; j < rowBytes; j += 8) {
      const u0 = v128.load(w0 + (j << 1));
      const u1 = v128.load(w1 + (j << 1));
      const va = v128.load64_splat(xa + j);
      a0 = f64x2.add(a0, f64x2.mul(u0, va));
      a1 = f64x2.add(a1, f64x2.mul(u1, va));
      const vb = v128.load64_splat(xb + j);
      b0 = f64x2.add(b0, f64x2.mul(u0, vb));
      b1 = f64x2.add(b1, f64x2.mul(u1, vb));
      const vc = v128.load64_splat(xc + j);
      c0 = f64x2.add(c0, f64x2.mul(u0, vc));
      c1 = f64x2.add(c1, f64x2.mul(u1, vc));
      const vd = v128.load64_splat(xd + j);
      d0 = f64x2.add(d0, f64x2.mul(u0, vd));
      d1 = f64x2.add(d1, f64x2.mul(u1, vd));
    }
    const o = za + (<usize>p << 4);
    v128.store(o, a0);
    v128.store(o, a1, 16);
    v128.store(o + zRow, b0);
    v128.store(o + zRow, b1, 16);
    v128.store(o + 2 * zRow, c0);
    v128.store(o + 2 * zRow, c1, 16);
    v128.store(o + 3 * zRow, d0);
    v128.store(o + 3 * zRow, d1, 16);
  }
  if (p < P) {
    const w0 = wp + <usize>p * pairBytes;
    let a0 = f64x2.splat(0.0);
    let b0 = f64x2.splat(0.0);
    let c0 = f64x2.splat(0.0);
    let d0 = f64x2.splat(0.0);
    for (let j: usize = 0; j < rowBytes; j += 8) {
      const u0 = v128.load(w0 + (j << 1));
      a0 = f64x2.add(a0, f64x2.mul(u0, v128.load64_splat(xa + j)));
      b0 = f64x2.add(b0, f64x2.mul(u0, v128.load64_splat(xb + j)));
      c0 = f64x2.add(c0, f64x2.mul(u0, v128.load64_splat(xc + j)));
      d0 = f64x2.add(d0, f64x2.mul(u0, v128.load64_splat(xd + j)));
    }
    const o = za + (<usize>p << 4);
    v128.store(o, a0);
    v128.store(o + zRow, b0);
    v128.store(o + 2 * zRow, c0);
    v128.store(o + 3 * zRow, d0);
  }
}

/** z of rows xa and xb for every unit pair into za, zb; each accumulator holds (z_2p, z_2p+1). */
@inline
function forward2(
  xa: usize, xb: usize, za: usize, zb: usize, wp: usize, pairBytes: usize, P: i32, rowBytes: usize,
): void {
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
    const oa = za + (<usize>p << 4);
    const ob = zb + (<usize>p << 4);
    v128.store(oa, a0);
    v128.store(oa, a1, 16);
    v128.store(oa, a2, 32);
    v128.store(oa, a3, 48);
    v128.store(ob, b0);
    v128.store(ob, b1, 16);
    v128.store(ob, b2, 32);
    v128.store(ob, b3, 48);
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
    const oa = za + (<usize>p << 4);
    const ob = zb + (<usize>p << 4);
    v128.store(oa, a0);
    v128.store(oa, a1, 16);
    v128.store(ob, b0);
    v128.store(ob, b1, 16);
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
    v128.store(za + (<usize>p << 4), a0);
    v128.store(zb + (<usize>p << 4), b0);
  }
}

/** z of the single row xa into za (the block's odd leftover row). */
@inline
function forward1(xa: usize, za: usize, wp: usize, pairBytes: usize, P: i32, rowBytes: usize): void {
  for (let p = 0; p < P; p++) {
    const w0 = wp + <usize>p * pairBytes;
    let a0 = f64x2.splat(0.0);
    for (let j: usize = 0; j < rowBytes; j += 8) {
      a0 = f64x2.add(a0, f64x2.mul(v128.load(w0 + (j << 1)), v128.load64_splat(xa + j)));
    }
    v128.store(za + (<usize>p << 4), a0);
  }
}

/** g = (((g + c0 x0) + c1 x1) + c2 x2) + c3 x3 over `bytes` bytes, one rounding per term. */
@inline
function add4(
  g: usize, bytes: usize, c0: f64, x0: usize, c1: f64, x1: usize, c2: f64, x2: usize, c3: f64, x3: usize,
): void {
  const s0 = f64x2.splat(c0);
  const s1 = f64x2.splat(c1);
  const s2 = f64x2.splat(c2);
  const s3 = f64x2.splat(c3);
  let j: usize = 0;
  for (; j + 16 <= bytes; j += 16) {
    let t = f64x2.add(v128.load(g + j), f64x2.mul(s0, v128.load(x0 + j)));
    t = f64x2.add(t, f64x2.mul(s1, v128.load(x1 + j)));
    t = f64x2.add(t, f64x2.mul(s2, v128.load(x2 + j)));
    v128.store(g + j, f64x2.add(t, f64x2.mul(s3, v128.load(x3 + j))));
  }
  if (j < bytes) {
    let t = load<f64>(g + j) + c0 * load<f64>(x0 + j);
    t = t + c1 * load<f64>(x1 + j);
    t = t + c2 * load<f64>(x2 + j);
    store<f64>(g + j, t + c3 * load<f64>(x3 + j));
  }
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
