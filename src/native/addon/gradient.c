/*
 * relucheck's native loss+gradient kernel: C with GCC/Clang vector extensions, loaded through
 * Node-API by src/native/nativeKernel.ts. Built by scripts/build-native.mjs (node-gyp, the
 * system C compiler); optional: without a compiler relucheck falls back to the wasm kernel.
 *
 * Why native code: the gradient is the hot loop of every property and experiment. WebAssembly
 * SIMD has two float64 lanes and no fused multiply-add, and this formula needs one multiply and
 * one add per (row, unit, coordinate) twice over; on the 2-core machine here the wasm kernel
 * runs at about 75% of the measured wasm mul+add issue rate and is still 1.1-1.3x slower than
 * one-thread NumPy/OpenBLAS at two of issue 2's four sizes (NumPy's AVX2 FMA kernels do two
 * of those operations in one four-lane instruction). Four-lane AVX2 multiplies and adds close
 * that gap without FMA, i.e. without changing a single rounding.
 *
 * Bit-identical to the reference loop (src/core/kernel.ts lossAndGradient) by construction,
 * the same argument as the wasm kernel: SIMD lanes run over hidden units (forward) and input
 * coordinates (backward), never along a sum, so every float64 sum is formed in the
 * reference's order with the same roundings:
 *   z_k = ((0 + w_k0 x_0) + w_k1 x_1) + ...      (j ascending, multiply then add, no FMA)
 *   out = sum over k ascending of z_k if z_k > 0;  r = out - y;  loss += r * r (rows ascending)
 *   grad_kj += r x_j for rows ascending with z_k >= 0 and r != 0;  then grad *= scale.
 * binding.gyp compiles with -ffp-contract=off and without -ffast-math, so the compiler may
 * neither fuse nor reassociate. Adding +0 for an inactive unit leaves `out` unchanged (it is
 * never -0), which keeps the output loop branch-free.
 *
 * ISA: the body is compiled twice, for AVX2 (target attribute, x86-64 only) and for the
 * build's baseline, and picked at run time with __builtin_cpu_supports, so one binary runs on
 * any x86-64; elsewhere (e.g. arm64) the vector extensions lower to the native SIMD width.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef double v4d __attribute__((vector_size(32), aligned(8)));

#define ALWAYS_INLINE static inline __attribute__((always_inline))

ALWAYS_INLINE v4d ld(const double *p) { v4d v; memcpy(&v, p, sizeof v); return v; }
ALWAYS_INLINE void st(double *p, v4d v) { memcpy(p, &v, sizeof v); }
ALWAYS_INLINE v4d splat(double x) { return (v4d){x, x, x, x}; }

/* One call's arrays. wq: W packed in quads of units, coordinate-major inside a quad
 * (wq[q * d + 4 * j + l] = w_{q + l, j} for q a multiple of 4), K padded to Kp (a multiple
 * of 4) with zero units; z: scratch for 4 rows of Kp pre-activations. */
typedef struct {
  const double *X, *y, *wq;
  double *g, *z;
  int64_t n, d, K, Kp;
  double scale;
} Problem;

/* z of the 4 rows at xa for all units: 4 rows x 8 units (8 accumulators) at a time, so each
 * W load serves 4 rows and each x broadcast serves 8 units. */
ALWAYS_INLINE void forward4(const Problem *p, const double *xa) {
  const int64_t d = p->d, Kp = p->Kp;
  const double *xb = xa + d, *xc = xb + d, *xd = xc + d;
  double *z = p->z;
  int64_t q = 0;
  for (; q + 8 <= Kp; q += 8) {
    const double *w0 = p->wq + q * d, *w1 = w0 + 4 * d;
    v4d a0 = splat(0), a1 = splat(0), b0 = splat(0), b1 = splat(0);
    v4d c0 = splat(0), c1 = splat(0), d0 = splat(0), d1 = splat(0);
    for (int64_t j = 0; j < d; j++) {
      const v4d u0 = ld(w0 + 4 * j), u1 = ld(w1 + 4 * j);
      v4d v = splat(xa[j]);
      a0 = a0 + u0 * v;
      a1 = a1 + u1 * v;
      v = splat(xb[j]);
      b0 = b0 + u0 * v;
      b1 = b1 + u1 * v;
      v = splat(xc[j]);
      c0 = c0 + u0 * v;
      c1 = c1 + u1 * v;
      v = splat(xd[j]);
      d0 = d0 + u0 * v;
      d1 = d1 + u1 * v;
    }
    st(z + q, a0), st(z + q + 4, a1);
    st(z + Kp + q, b0), st(z + Kp + q + 4, b1);
    st(z + 2 * Kp + q, c0), st(z + 2 * Kp + q + 4, c1);
    st(z + 3 * Kp + q, d0), st(z + 3 * Kp + q + 4, d1);
  }
  if (q < Kp) { /* the last quad when Kp is 4 mod 8 */
    const double *w0 = p->wq + q * d;
    v4d a0 = splat(0), b0 = splat(0), c0 = splat(0), d0 = splat(0);
    for (int64_t j = 0; j < d; j++) {
      const v4d u0 = ld(w0 + 4 * j);
      a0 = a0 + u0 * splat(xa[j]);
      b0 = b0 + u0 * splat(xb[j]);
      c0 = c0 + u0 * splat(xc[j]);
      d0 = d0 + u0 * splat(xd[j]);
    }
    st(z + q, a0), st(z + Kp + q, b0), st(z + 2 * Kp + q, c0), st(z + 3 * Kp + q, d0);
  }
}

/* z of one row (the rows left after the blocks of 4) into zr. */
ALWAYS_INLINE void forward1(const Problem *p, const double *xr, double *zr) {
  const int64_t d = p->d;
  for (int64_t q = 0; q < p->Kp; q += 4) {
    const double *w0 = p->wq + q * d;
    v4d a0 = splat(0);
    for (int64_t j = 0; j < d; j++) a0 = a0 + ld(w0 + 4 * j) * splat(xr[j]);
    st(zr + q, a0);
  }
}

/* g += c0 x0 (+ c1 x1 (+ c2 x2 (+ c3 x3))) over d coordinates, rows in the given order, one
 * rounding per term as in the reference; m (1..4) terms. */
ALWAYS_INLINE void addRows(double *g, int64_t d, int m, const double *c, const double *const *x) {
  int64_t j = 0;
  const v4d s0 = splat(c[0]), s1 = splat(c[1]), s2 = splat(c[2]), s3 = splat(c[3]);
  switch (m) {
  case 1:
    for (; j + 4 <= d; j += 4) st(g + j, ld(g + j) + s0 * ld(x[0] + j));
    for (; j < d; j++) g[j] = g[j] + c[0] * x[0][j];
    break;
  case 2:
    for (; j + 4 <= d; j += 4) st(g + j, (ld(g + j) + s0 * ld(x[0] + j)) + s1 * ld(x[1] + j));
    for (; j < d; j++) g[j] = (g[j] + c[0] * x[0][j]) + c[1] * x[1][j];
    break;
  case 3:
    for (; j + 4 <= d; j += 4) {
      st(g + j, ((ld(g + j) + s0 * ld(x[0] + j)) + s1 * ld(x[1] + j)) + s2 * ld(x[2] + j));
    }
    for (; j < d; j++) g[j] = ((g[j] + c[0] * x[0][j]) + c[1] * x[1][j]) + c[2] * x[2][j];
    break;
  default:
    for (; j + 4 <= d; j += 4) {
      v4d t = (ld(g + j) + s0 * ld(x[0] + j)) + s1 * ld(x[1] + j);
      st(g + j, (t + s2 * ld(x[2] + j)) + s3 * ld(x[3] + j));
    }
    for (; j < d; j++) {
      double t = (g[j] + c[0] * x[0][j]) + c[1] * x[1][j];
      g[j] = (t + c[2] * x[2][j]) + c[3] * x[3][j];
    }
  }
}

/* Rows in blocks of 4: forward the block, residuals in row order, then one pass over each
 * grad_k adding the block's active rows in ascending order (grad_k is loaded and stored once
 * per block instead of once per row). */
ALWAYS_INLINE double lossGradBody(const Problem *p) {
  const int64_t n = p->n, d = p->d, K = p->K, Kp = p->Kp;
  double *g = p->g, *z = p->z;
  memset(g, 0, sizeof(double) * (size_t)(K * d));
  double loss = 0.0;
  for (int64_t i = 0; i < n; i += 4) {
    const int rows = n - i < 4 ? (int)(n - i) : 4;
    const double *xa = p->X + i * d;
    if (rows == 4) {
      forward4(p, xa);
    } else {
      for (int b = 0; b < rows; b++) forward1(p, xa + b * d, z + b * Kp);
    }
    double r[4] = {0, 0, 0, 0};
    for (int b = 0; b < rows; b++) {
      const double *zr = z + b * Kp;
      double out = 0.0;
      for (int64_t k = 0; k < K; k++) out += zr[k] > 0 ? zr[k] : 0.0;
      r[b] = out - p->y[i + b];
      loss += r[b] * r[b];
    }
    for (int64_t k = 0; k < K; k++) {
      /* Branch-free compaction of the active rows (the pattern is unpredictable). */
      double c[4] = {0, 0, 0, 0};
      const double *x[4] = {xa, xa, xa, xa};
      int m = 0;
      for (int b = 0; b < rows; b++) {
        c[m] = r[b];
        x[m] = xa + b * d;
        m += (r[b] != 0) & (z[b * Kp + k] >= 0);
      }
      if (m > 0) addRows(g + k * d, d, m, c, x);
    }
  }
  for (int64_t t = 0; t < K * d; t++) g[t] *= p->scale;
  return 0.5 * loss * p->scale;
}

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX2_PATH 1
__attribute__((target("avx2"))) static double lossGradAvx2(const Problem *p) {
  return lossGradBody(p);
}
#endif

static double lossGradBaseline(const Problem *p) { return lossGradBody(p); }

static int useAvx2(void) {
#ifdef HAVE_AVX2_PATH
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
#else
  return 0;
#endif
}

static double lossGrad(const Problem *p) {
#ifdef HAVE_AVX2_PATH
  if (useAvx2()) return lossGradAvx2(p);
#endif
  return lossGradBaseline(p);
}

/* ---- Node-API binding. The TypeScript wrapper validates with argument, rule and value;
 * these checks only keep a wrong call from reading out of bounds. ---- */

static double *float64Array(napi_env env, napi_value v, size_t *length) {
  napi_typedarray_type type;
  void *data;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, length, &data, &buffer, &offset) != napi_ok ||
      type != napi_float64_array) {
    return NULL;
  }
  return (double *)data;
}

/* lossGrad(X, y, n, d, K, W, grad, scale): writes scale * gradient sums into grad (K x d,
 * unit-contiguous like W) and returns 0.5 * scale * sum of squared residuals. n may be 0 (an
 * empty part of a parallel split): the gradient is then 0. */
static napi_value LossGrad(napi_env env, napi_callback_info info) {
  size_t argc = 8;
  napi_value a[8];
  if (napi_get_cb_info(env, info, &argc, a, NULL, NULL) != napi_ok || argc != 8) {
    napi_throw_type_error(env, NULL, "lossGrad expects 8 arguments");
    return NULL;
  }
  size_t lx = 0, ly = 0, lw = 0, lg = 0;
  int64_t n = 0, d = 0, K = 0;
  double scale = 0;
  const double *X = float64Array(env, a[0], &lx), *y = float64Array(env, a[1], &ly);
  const double *W = float64Array(env, a[5], &lw);
  double *g = float64Array(env, a[6], &lg);
  if (!X || !y || !W || !g || napi_get_value_int64(env, a[2], &n) != napi_ok ||
      napi_get_value_int64(env, a[3], &d) != napi_ok ||
      napi_get_value_int64(env, a[4], &K) != napi_ok ||
      napi_get_value_double(env, a[7], &scale) != napi_ok || n < 0 || d < 1 || K < 1 ||
      (int64_t)lx < n * d || (int64_t)ly < n || (int64_t)lw != K * d || (int64_t)lg != K * d) {
    napi_throw_type_error(env, NULL, "lossGrad: arguments do not match (X, y, n, d, K, W, grad, scale)");
    return NULL;
  }
  const int64_t Kp = (K + 3) & ~(int64_t)3;
  double *wq = calloc((size_t)(Kp * d + 4 * Kp), sizeof(double));
  if (!wq) {
    napi_throw_error(env, NULL, "lossGrad: out of memory");
    return NULL;
  }
  for (int64_t k = 0; k < K; k++) {
    for (int64_t j = 0; j < d; j++) wq[(k & ~(int64_t)3) * d + 4 * j + (k & 3)] = W[k * d + j];
  }
  const Problem p = {X, y, wq, g, wq + Kp * d, n, d, K, Kp, scale};
  const double half = lossGrad(&p);
  free(wq);
  napi_value out;
  napi_create_double(env, half, &out);
  return out;
}

/* isa(): which compiled body lossGrad runs on this CPU ("avx2" or "baseline"). */
static napi_value Isa(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  napi_create_string_utf8(env, useAvx2() ? "avx2" : "baseline", NAPI_AUTO_LENGTH, &out);
  return out;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "lossGrad", NAPI_AUTO_LENGTH, LossGrad, NULL, &fn);
  napi_set_named_property(env, exports, "lossGrad", fn);
  napi_create_function(env, "isa", NAPI_AUTO_LENGTH, Isa, NULL, &fn);
  napi_set_named_property(env, exports, "isa", fn);
  return exports;
}
