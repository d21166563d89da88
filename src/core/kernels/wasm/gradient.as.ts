// AssemblyScript source of the WebAssembly SIMD (f64x2) loss+gradient kernel.
//
// Why WebAssembly at all: the gradient is the hot loop of every property and experiment, and
// plain TypeScript loops measured 3.4x-19x slower than NumPy on this problem (issue 2); V8
// does not auto-vectorize JS, while wasm SIMD gives two float64 lanes per instruction.
// Compiled by scripts/build-wasm.mjs (asc, pinned in package.json) during `npm run build`;
// the bytes are embedded in wasmBytes.generated.ts so the core does no file I/O.
// Excluded from tsc (tsconfig exclude *.as.ts): this is AssemblyScript, not TypeScript.
//
// Semantics are those of src/core/kernel.ts lossAndGradient (the oracle): indicator `>= 0`,
// rows with r == 0 contribute nothing, grad and loss scaled by 1/N at the end. Only the
// order of floating-point sums differs (two lanes per dot product, two rows per pass).
//
// Memory layout (all float64, byte pointers passed by the host):
//   X row-major n x d at xp, y at yp, W unit-contiguous K x d at wp, grad (same) at gp,
//   W zero-padded to a multiple of 4 units, z scratch of 2 * (K + 1) doubles at zp.

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
  const evenBytes = <usize>(d & ~1) << 3;
  const odd = (d & 1) != 0;
  memory.fill(gp, 0, rowBytes * <usize>K);
  // The host zero-pads W to a multiple of 4 units. The forward computes Kf units so that it
  // never needs a single-accumulator tail (latency-bound): padded units give z = 0 exactly,
  // add nothing to the output, and the backward loop stops at K.
  const Kf = (K & 3) == 3 ? K + 1 : (K + 1) & ~1;
  const zb = zp + (<usize>Kf << 3);
  let loss = 0.0;
  let i = 0;
  let xa = xp;
  for (; i + 1 < n; i += 2) {
    const xb = xa + rowBytes;
    // Forward: z for two rows, several units at a time.
    let outa = 0.0;
    let outb = 0.0;
    let k = 0;
    // Four units at a time: eight independent accumulators hide the add (or fma) latency.
    for (; k + 3 < Kf; k += 4) {
      const w0 = wp + <usize>k * rowBytes;
      const w1 = w0 + rowBytes;
      const w2 = w1 + rowBytes;
      const w3 = w2 + rowBytes;
      let a0 = f64x2.splat(0.0);
      let a1 = f64x2.splat(0.0);
      let a2 = f64x2.splat(0.0);
      let a3 = f64x2.splat(0.0);
      let b0 = f64x2.splat(0.0);
      let b1 = f64x2.splat(0.0);
      let b2 = f64x2.splat(0.0);
      let b3 = f64x2.splat(0.0);
      for (let j: usize = 0; j < evenBytes; j += 16) {
        const va = v128.load(xa + j);
        const vb = v128.load(xb + j);
        const u0 = v128.load(w0 + j);
        a0 = madd(u0, va, a0);
        b0 = madd(u0, vb, b0);
        const u1 = v128.load(w1 + j);
        a1 = madd(u1, va, a1);
        b1 = madd(u1, vb, b1);
        const u2 = v128.load(w2 + j);
        a2 = madd(u2, va, a2);
        b2 = madd(u2, vb, b2);
        const u3 = v128.load(w3 + j);
        a3 = madd(u3, va, a3);
        b3 = madd(u3, vb, b3);
      }
      outa = finish(a0, w0, xa, evenBytes, odd, zp, k, outa);
      outa = finish(a1, w1, xa, evenBytes, odd, zp, k + 1, outa);
      outa = finish(a2, w2, xa, evenBytes, odd, zp, k + 2, outa);
      outa = finish(a3, w3, xa, evenBytes, odd, zp, k + 3, outa);
      outb = finish(b0, w0, xb, evenBytes, odd, zb, k, outb);
      outb = finish(b1, w1, xb, evenBytes, odd, zb, k + 1, outb);
      outb = finish(b2, w2, xb, evenBytes, odd, zb, k + 2, outb);
      outb = finish(b3, w3, xb, evenBytes, odd, zb, k + 3, outb);
    }
    for (; k + 1 < Kf; k += 2) {
      const w0 = wp + <usize>k * rowBytes;
      const w1 = w0 + rowBytes;
      let a0 = f64x2.splat(0.0);
      let a1 = f64x2.splat(0.0);
      let b0 = f64x2.splat(0.0);
      let b1 = f64x2.splat(0.0);
      for (let j: usize = 0; j < evenBytes; j += 16) {
        const va = v128.load(xa + j);
        const vb = v128.load(xb + j);
        const u0 = v128.load(w0 + j);
        const u1 = v128.load(w1 + j);
        a0 = madd(u0, va, a0);
        b0 = madd(u0, vb, b0);
        a1 = madd(u1, va, a1);
        b1 = madd(u1, vb, b1);
      }
      let za0 = f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1);
      let zb0 = f64x2.extract_lane(b0, 0) + f64x2.extract_lane(b0, 1);
      let za1 = f64x2.extract_lane(a1, 0) + f64x2.extract_lane(a1, 1);
      let zb1 = f64x2.extract_lane(b1, 0) + f64x2.extract_lane(b1, 1);
      if (odd) {
        const xla = load<f64>(xa + evenBytes);
        const xlb = load<f64>(xb + evenBytes);
        const wl0 = load<f64>(w0 + evenBytes);
        const wl1 = load<f64>(w1 + evenBytes);
        za0 += wl0 * xla;
        zb0 += wl0 * xlb;
        za1 += wl1 * xla;
        zb1 += wl1 * xlb;
      }
      store<f64>(zp + (<usize>k << 3), za0);
      store<f64>(zp + (<usize>k << 3), za1, 8);
      store<f64>(zb + (<usize>k << 3), zb0);
      store<f64>(zb + (<usize>k << 3), zb1, 8);
      if (za0 > 0) outa += za0;
      if (za1 > 0) outa += za1;
      if (zb0 > 0) outb += zb0;
      if (zb1 > 0) outb += zb1;
    }
    const ra = outa - load<f64>(yp + (<usize>i << 3));
    const rb = outb - load<f64>(yp + (<usize>i << 3), 8);
    loss += ra * ra;
    loss += rb * rb;
    // Backward: grad_k += r_a 1{z_ak >= 0} x_a + r_b 1{z_bk >= 0} x_b, skipping zero terms
    // (about half the units are inactive, a saving a dense matmul cannot make).
    for (k = 0; k < K; k++) {
      const ca = load<f64>(zp + (<usize>k << 3)) >= 0 ? ra : 0.0;
      const cb = load<f64>(zb + (<usize>k << 3)) >= 0 ? rb : 0.0;
      const g = gp + <usize>k * rowBytes;
      if (cb == 0) {
        if (ca != 0) axpy(g, ca, xa, evenBytes, odd);
      } else if (ca == 0) {
        axpy(g, cb, xb, evenBytes, odd);
      } else {
        const sa = f64x2.splat(ca);
        const sb = f64x2.splat(cb);
        for (let j: usize = 0; j < evenBytes; j += 16) {
          const t = madd(sa, v128.load(xa + j), f64x2.mul(sb, v128.load(xb + j)));
          v128.store(g + j, f64x2.add(v128.load(g + j), t));
        }
        if (odd) {
          store<f64>(g + evenBytes, load<f64>(g + evenBytes) +
            (ca * load<f64>(xa + evenBytes) + cb * load<f64>(xb + evenBytes)));
        }
      }
    }
    xa = xb + rowBytes;
  }
  if (i < n) {
    // Last row when n is odd.
    let out = 0.0;
    for (let k = 0; k < K; k++) {
      const z = dot(wp + <usize>k * rowBytes, xa, evenBytes, odd);
      store<f64>(zp + (<usize>k << 3), z);
      if (z > 0) out += z;
    }
    const r = out - load<f64>(yp + (<usize>i << 3));
    loss += r * r;
    if (r != 0) {
      for (let k = 0; k < K; k++) {
        if (load<f64>(zp + (<usize>k << 3)) >= 0) {
          axpy(gp + <usize>k * rowBytes, r, xa, evenBytes, odd);
        }
      }
    }
  }
  const inv = scale;
  const total = rowBytes * <usize>K;
  const sv = f64x2.splat(inv);
  let t: usize = 0;
  for (; t + 16 <= total; t += 16) v128.store(gp + t, f64x2.mul(v128.load(gp + t), sv));
  if (t < total) store<f64>(gp + t, load<f64>(gp + t) * inv);
  return 0.5 * loss * inv;
}

/** a * b + c per lane: fused (one rounding) when built with relaxed SIMD, else mul then add. */
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(f64x2.mul(a, b), c);
}

/**
 * Completes z = (lane 0 + lane 1 [+ odd tail]) for one unit and row, stores it at z[k] and
 * returns out + relu(z).
 */
@inline
function finish(
  acc: v128, w: usize, x: usize, evenBytes: usize, odd: bool, z: usize, k: i32, out: f64,
): f64 {
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (odd) s += load<f64>(w + evenBytes) * load<f64>(x + evenBytes);
  store<f64>(z + (<usize>k << 3), s);
  return s > 0 ? out + s : out;
}

@inline
function dot(w: usize, x: usize, evenBytes: usize, odd: bool): f64 {
  let a = f64x2.splat(0.0);
  for (let j: usize = 0; j < evenBytes; j += 16) {
    a = madd(v128.load(w + j), v128.load(x + j), a);
  }
  let s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  if (odd) s += load<f64>(w + evenBytes) * load<f64>(x + evenBytes);
  return s;
}

@inline
function axpy(g: usize, c: f64, x: usize, evenBytes: usize, odd: bool): void {
  const s = f64x2.splat(c);
  for (let j: usize = 0; j < evenBytes; j += 16) {
    v128.store(g + j, madd(s, v128.load(x + j), v128.load(g + j)));
  }
  if (odd) store<f64>(g + evenBytes, load<f64>(g + evenBytes) + c * load<f64>(x + evenBytes));
}
