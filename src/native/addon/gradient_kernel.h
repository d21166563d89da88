/*
 * The loss+gradient kernel of gradient.c, without Node-API: lossGrad(const Problem *) and what
 * it needs. Split out so that spec/native/sanitize.spec.ts can compile the very same code with
 * AddressSanitizer and UBSan against a plain C reference (see gradient.c for the design and
 * the bit-identity argument).
 */
#ifndef RELUCHECK_GRADIENT_KERNEL_H
#define RELUCHECK_GRADIENT_KERNEL_H

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

#endif
