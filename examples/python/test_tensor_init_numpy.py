"""Self-test of tensor_init_numpy: exact recovery from population moments, the He4
contraction against a brute-force d^4 tensor, unbiased moment estimators (Monte Carlo), the
ReLU coefficient m4, determinism, and small-sample robustness.

Run: python3 examples/python/test_tensor_init_numpy.py   (exit status 1 if any check fails)
"""
import itertools
import sys

import numpy as np

import relu_numpy as rn
import tensor_init_numpy as ti

FAILED = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name} {detail}")
    if not ok:
        FAILED.append(name)


def test_population_recovery(rng):
    # Exact moments: the algorithm's only errors are rounding, amplified by the conditioning
    # of the whitening and of RecMagSign's least squares; 1e-8 is issue 4's target.
    worst = 0.0
    for d, K, kappa in [(10, 5, 2.0), (4, 2, 1.0), (3, 3, 1.5), (20, 10, 2.0), (50, 15, 3.0), (1, 1, 1.0)]:
        for seed in range(4):
            Ws = rn.make_teacher(d, K, kappa, rng)
            W = ti.tensor_init_from_moments(ti.PopulationMoments(Ws), K, np.random.default_rng(seed))
            worst = max(worst, rn.aligned_error(W, Ws)[1])
    check("population moments recover W* (24 teachers, d up to 50, K up to 15)", worst < 1e-8,
          f"worst aligned relative error {worst:.2e}")


def he4_full(x):
    """He4(x) as a d^4 array: x^(x)4 - sym6(x (x) x (x) I) + sym3(I (x) I)."""
    d = len(x)
    I = np.eye(d)
    xx = np.outer(x, x)
    T = np.einsum("a,b,c,e->abce", x, x, x, x)
    # The six placements of the two x's among four slots (the I takes the other two).
    T -= (np.einsum("ab,ce->abce", xx, I) + np.einsum("ac,be->abce", xx, I)
          + np.einsum("ae,bc->abce", xx, I) + np.einsum("bc,ae->abce", xx, I)
          + np.einsum("be,ac->abce", xx, I) + np.einsum("ce,ab->abce", xx, I))
    T += np.einsum("ab,ce->abce", I, I) + np.einsum("ac,be->abce", I, I) + np.einsum("ae,bc->abce", I, I)
    return T


def test_he4_contraction(rng):
    d, K, N = 4, 3, 40
    Ws = rn.make_teacher(d, K, 2.0, rng)
    X = rng.standard_normal((N, d))
    y = rn.forward(X, Ws) + 0.1 * rng.standard_normal(N)
    mom = ti.SampleMoments(X, y)
    V = rn.haar_orthonormal(d, K, rng)
    B = rng.standard_normal((2, K))
    B /= np.linalg.norm(B, axis=1, keepdims=True)
    fast = mom.r3(V, B)
    H = sum(w * he4_full(x) for w, x in zip(mom.r4, X)) / mom.denom
    brute = np.stack([np.einsum("abce,ap,bq,cr,e->pqr", H, V, V, V, V @ b) for b in B])
    err = np.max(np.abs(fast - brute)) / np.max(np.abs(brute))
    check("R3 in O(N K^3) equals the brute-force He4(V, V, V, alpha) contraction", err < 1e-12, f"rel {err:.1e}")
    # He4 has mean zero and E[He4(x)_abce x_a x_b x_c x_e]-type moments are checked below;
    # here: its contraction with a unit vector t is the scalar Hermite polynomial z^4 - 6z^2 + 3.
    t = rng.standard_normal(d)
    t /= np.linalg.norm(t)
    z = X[0] @ t
    h = np.einsum("abce,a,b,c,e->", he4_full(X[0]), t, t, t, t)
    check("He4(x)(t, t, t, t) = z^4 - 6 z^2 + 3", abs(h - (z**4 - 6 * z**2 + 3)) < 1e-12 * max(1.0, z**4))


def test_unbiased_moments(rng):
    """Averages over R data sets against the population moments, at 4.5 standard errors per
    entry (Gaussian tails: false alarm <= 7e-6 per entry, < 1e-3 over the entries checked).
    The plain centered estimators are exactly unbiased (the N - 1 divisor); the reduced ones
    carry an O(1/N) bias, far below the standard error at R = 200, N = 4000."""
    d, K, N, R = 3, 2, 4000, 200
    Ws = rn.make_teacher(d, K, 1.5, rng)
    pop = ti.PopulationMoments(Ws)
    V = np.linalg.qr(Ws)[0]  # a fixed basis of span(W*), so R3 is a fixed function of the data
    B = np.array([[0.6, 0.8]])
    want = {"M1": pop.M1, "M2": pop.M2, "R3": pop.r3(V, B)[0]}
    for reduce in (False, True):
        draws = {k: [] for k in want}
        for _ in range(R):
            X = rng.standard_normal((N, d))
            mom = ti.SampleMoments(X, rn.forward(X, Ws), reduce=reduce)
            draws["M1"].append(mom.M1)
            draws["M2"].append(mom.M2)
            draws["R3"].append(mom.r3(V, B)[0])
        worst = {}
        for k, v in draws.items():
            a = np.array(v)
            se = a.std(axis=0, ddof=1) / np.sqrt(R)
            worst[k] = float(np.max(np.abs(a.mean(axis=0) - want[k]) / np.maximum(se, 1e-300)))
        label = "variance-reduced" if reduce else "centered"
        check(f"{label} M1, M2, R3 unbiased (mean of {R} data sets within 4.5 SE)",
              max(worst.values()) < 4.5, " ".join(f"{k} {v:.2f} SE" for k, v in worst.items()))
        if reduce:
            sd_reduced = np.array(draws["R3"]).std(axis=0).max()
        else:
            sd_plain = np.array(draws["R3"]).std(axis=0).max()
    check("variance reduction lowers R3's spread", sd_reduced < sd_plain,
          f"max sd {sd_plain:.3g} -> {sd_reduced:.3g}")


def test_relu_m4(rng):
    # m4(s) = E[relu(s z) (z^4 - 6 z^2 + 3)] = -s / sqrt(2 pi): Monte Carlo at 4.5 SE.
    s = 1.7
    z = rng.standard_normal(2_000_000)
    f = np.maximum(s * z, 0.0) * (z**4 - 6 * z**2 + 3)
    dev = abs(f.mean() + s / ti.SQRT_2PI) / (f.std() / np.sqrt(len(z)))
    check("ReLU m4 = -s / sqrt(2 pi) (Monte Carlo)", dev < 4.5, f"{dev:.2f} SE")


def test_determinism_and_robustness(rng):
    Ws = rn.make_teacher(6, 3, 2.0, rng)
    X = rng.standard_normal((3000, 6))
    y = rn.forward(X, Ws)
    a, b, c = (ti.tensor_init(X, y, 3, s) for s in (7, 7, 8))
    check("same data and seed give bit-identical W", np.array_equal(a.view(np.uint64), b.view(np.uint64)))
    check("another seed still gives a finite d x K answer", c.shape == (6, 3) and np.all(np.isfinite(c)))
    # The protocol's conformance probe: N = 32, d = 4, K = 2, noisy; any answer must be finite.
    finite = True
    for seed in range(8):
        Xs = rng.standard_normal((32, 4))
        W = ti.tensor_init(Xs, rn.forward(Xs, Ws[:4, :2]) + 0.1 * rng.standard_normal(32), 2, seed)
        finite &= W.shape == (4, 2) and bool(np.all(np.isfinite(W)))
    check("tiny samples (N = 32) give finite answers", finite)
    for bad in [dict(K=7), dict(K=0), dict(seed=-1), dict(seed=1.5)]:
        args = {"K": 3, "seed": 1, **bad}
        try:
            ti.tensor_init(X, y, args["K"], args["seed"])
            check(f"rejects {bad}", False)
        except ValueError:
            check(f"rejects {bad}", True)


def test_sample_rate(rng):
    # Statistical sanity (the claims through the protocol test this properly): on one
    # teacher at d = 10, K = 5, kappa = 2 the median error over 3 data sets falls by more
    # than 2x per 10x in N (N^(-1/2) predicts sqrt(10) = 3.2x).
    Ws = rn.make_teacher(10, 5, 2.0, rng)
    med = []
    for N in (10_000, 100_000):
        errs = []
        for seed in range(3):
            X = rng.standard_normal((N, 10))
            errs.append(rn.aligned_error(ti.tensor_init(X, rn.forward(X, Ws), 5, seed), Ws)[1])
        med.append(float(np.median(errs)))
    check("sample error falls with N (d = 10, K = 5)", med[1] < med[0] / 2,
          f"median aligned relative error {med[0]:.3f} (N = 1e4) -> {med[1]:.3f} (N = 1e5)")


if __name__ == "__main__":
    rng = np.random.default_rng(20170601)
    test_population_recovery(rng)
    test_he4_contraction(rng)
    test_unbiased_moments(rng)
    test_relu_m4(rng)
    test_determinism_and_robustness(rng)
    test_sample_rate(rng)
    print(f"{len(FAILED)} failed" if FAILED else "all checks passed")
    sys.exit(1 if FAILED else 0)
