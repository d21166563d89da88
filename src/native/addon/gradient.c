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

#include "gradient_kernel.h"

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
