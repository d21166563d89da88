"""NumPy side of `npm run bench`: the same loss+gradient formula as src/core/kernel.ts.

    Z = X W^T, r = sum_k relu(Z) - y, loss = |r|^2 / (2N), G = ((Z >= 0) * r)^T X / N

Run as a server by bench/numpyBaseline.ts with the BLAS thread count pinned in its
environment (OPENBLAS_NUM_THREADS etc., and OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset there
only). Protocol, one JSON object per line:
  stdin  {"N":..,"d":..,"K":..,"reps":..}  ->  stdout {"ms":[per-call milliseconds]}
  stdin  {"peak": true}  ->  stdout {"gflops": best float64 matmul rate (1000^3 dgemm)}
The first line printed describes the BLAS in use.
"""
import json
import os
import sys
import time

import numpy as np


def blas_info():
    info = {"numpy": np.__version__}
    try:
        from threadpoolctl import threadpool_info  # optional, not a dependency

        info["threadpools"] = [
            {k: p.get(k) for k in ("internal_api", "version", "num_threads", "architecture")}
            for p in threadpool_info()
        ]
    except ImportError:
        try:
            cfg = np.show_config(mode="dicts")
            blas = cfg.get("Build Dependencies", {}).get("blas", {})
            info["blas"] = {k: blas.get(k) for k in ("name", "version", "openblas configuration")}
        except TypeError:  # numpy < 1.26: no mode= argument
            info["blas"] = "see numpy.show_config()"
    info["OPENBLAS_NUM_THREADS"] = os.environ.get("OPENBLAS_NUM_THREADS")
    return info


def loss_and_gradient(X, y, W):
    Z = X @ W.T
    r = np.maximum(Z, 0.0).sum(axis=1) - y
    G = ((Z >= 0) * r[:, None]).T @ X
    n = X.shape[0]
    return 0.5 * (r @ r) / n, G / n


def timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def main():
    print(json.dumps(blas_info()), flush=True)
    cache = {}
    for line in sys.stdin:
        req = json.loads(line)
        if req.get("peak"):
            a = np.random.default_rng(0).standard_normal((1000, 1000))
            a @ a
            best = min(timed(lambda: a @ a) for _ in range(5))
            print(json.dumps({"gflops": 2e9 / best / 1e9}), flush=True)
            continue
        key = (req["N"], req["d"], req["K"])
        if key not in cache:
            rng = np.random.default_rng(1)
            N, d, K = key
            X = rng.standard_normal((N, d))
            W = rng.standard_normal((K, d)) / np.sqrt(d)
            y = np.maximum(X @ (W + 0.1 * rng.standard_normal((K, d))).T, 0).sum(axis=1)
            cache[key] = (X, y, W)
            loss_and_gradient(X, y, W)  # warm-up
        X, y, W = cache[key]
        ms = []
        for _ in range(req["reps"]):
            t = time.perf_counter()
            loss_and_gradient(X, y, W)
            ms.append((time.perf_counter() - t) * 1e3)
        print(json.dumps({"ms": ms}), flush=True)


if __name__ == "__main__":
    main()
