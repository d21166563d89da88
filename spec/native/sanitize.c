/*
 * Memory and undefined-behaviour check of the native kernel (src/native/addon/gradient_kernel.h),
 * built by sanitize.spec.ts with AddressSanitizer and UBSan: every shape with n = 0..13 rows,
 * d = 1..11, K = 1..min(d, 11) covers every leftover-row count, every K mod 8 class and every
 * coordinate tail, on the ISA this CPU dispatches to. Each result must be bit-identical to the
 * plain reference loop below (the C twin of src/core/kernel.ts). Prints "N cases, M bitwise
 * differences" and exits 1 on any difference (the sanitizers abort on their own findings).
 */
#include <stdio.h>

#include "../../src/native/addon/gradient_kernel.h"

static double reference(const double *X, const double *y, int64_t n, int64_t d, int64_t K,
                        const double *W, double *g, double scale) {
  double *z = malloc(sizeof(double) * (size_t)K);
  memset(g, 0, sizeof(double) * (size_t)(K * d));
  double loss = 0;
  for (int64_t i = 0; i < n; i++) {
    double out = 0;
    for (int64_t k = 0; k < K; k++) {
      double s = 0;
      for (int64_t j = 0; j < d; j++) s += W[k * d + j] * X[i * d + j];
      z[k] = s;
      if (s > 0) out += s;
    }
    const double r = out - y[i];
    loss += r * r;
    if (r == 0) continue;
    for (int64_t k = 0; k < K; k++) {
      if (z[k] >= 0) for (int64_t j = 0; j < d; j++) g[k * d + j] += r * X[i * d + j];
    }
  }
  for (int64_t t = 0; t < K * d; t++) g[t] *= scale;
  free(z);
  return 0.5 * loss * scale;
}

/* Uniform in [-1, 1), or an integer in [-2, 2] (exact kinks w.x = 0) when `integers`. */
static double draw(unsigned long long *s, int integers) {
  *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
  const double u = (double)(*s >> 11) / 9007199254740992.0;
  return integers ? (double)((int)(u * 5) - 2) : 2 * u - 1;
}

int main(void) {
  unsigned long long seed = 42;
  int cases = 0, bad = 0;
  for (int integers = 0; integers <= 1; integers++) {
    for (int64_t n = 0; n <= 13; n++) {
      for (int64_t d = 1; d <= 11; d++) {
        for (int64_t K = 1; K <= d; K++) {
          /* Exact-size allocations, so ASan sees any read or write past an array. */
          double *X = malloc(sizeof(double) * (size_t)(n * d) + 1), *y = malloc(sizeof(double) * (size_t)n + 1);
          double *W = malloc(sizeof(double) * (size_t)(K * d));
          double *g = malloc(sizeof(double) * (size_t)(K * d)), *want = malloc(sizeof(double) * (size_t)(K * d));
          for (int64_t t = 0; t < n * d; t++) X[t] = draw(&seed, integers);
          for (int64_t t = 0; t < n; t++) y[t] = draw(&seed, integers);
          for (int64_t t = 0; t < K * d; t++) W[t] = draw(&seed, integers);
          const int64_t Kp = (K + 3) & ~(int64_t)3;
          double *wq = calloc((size_t)(Kp * d + 4 * Kp), sizeof(double));
          for (int64_t k = 0; k < K; k++) {
            for (int64_t j = 0; j < d; j++) wq[(k & ~(int64_t)3) * d + 4 * j + (k & 3)] = W[k * d + j];
          }
          const double scale = n ? 1.0 / (double)n : 1.0;
          const Problem p = {X, y, wq, g, wq + Kp * d, n, d, K, Kp, scale};
          const double got = lossGrad(&p), expected = reference(X, y, n, d, K, W, want, scale);
          cases++;
          if (memcmp(&got, &expected, sizeof got) != 0 || memcmp(g, want, sizeof(double) * (size_t)(K * d)) != 0) {
            if (bad++ < 5) printf("difference at n=%ld d=%ld K=%ld integers=%d\n", (long)n, (long)d, (long)K, integers);
          }
          free(X), free(y), free(W), free(g), free(want), free(wq);
        }
      }
    }
  }
  printf("%d cases, %d bitwise differences (%s)\n", cases, bad, useAvx2() ? "avx2" : "baseline");
  return bad != 0;
}
