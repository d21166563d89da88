"""Self-test of relu_numpy against finite differences, Monte Carlo and THEORY.md.

Run: python3 examples/python/test_relu_numpy.py   (exit status 1 if any check fails)
"""
import itertools
import sys

import numpy as np

import relu_numpy as rn

FAILED = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name} {detail}")
    if not ok:
        FAILED.append(name)


def rel_err(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def problem(rng, d, K, N, kappa=2.0, nu=0.0):
    Ws = rn.make_teacher(d, K, kappa, rng)
    X = rng.standard_normal((N, d))
    y = rn.forward(X, Ws) + nu * rng.standard_normal(N)
    return Ws, X, y


def kink_margin(X, W, U):
    """Largest h with no sign change of w_k.x_i along W + t U, |t| <= h."""
    return float(np.min(np.abs(X @ W) / np.maximum(np.abs(X @ U), 1e-300)))


def fd_gradient(f, W, h):
    G = np.zeros_like(W)
    for i, k in np.ndindex(*W.shape):
        E = np.zeros_like(W)
        E[i, k] = h
        G[i, k] = (f(W + E) - f(W - E)) / (2 * h)
    return G


def test_layout():
    W = np.arange(12.0).reshape(3, 4)
    flat = rn.flatten(W)
    ok = all(flat[k * 3 + i] == W[i, k] for i in range(3) for k in range(4))
    check("layout flat[k*d+i] = W[i,k]", ok and np.array_equal(rn.unflatten(flat, 3, 4), W))


def test_empirical(rng):
    d, K, N = 6, 3, 80
    Ws, X, y = problem(rng, d, K, N, nu=0.3)
    W = Ws + 0.3 * rng.standard_normal((d, K))
    # L_N is quadratic between kinks, so central differences are exact up to rounding as
    # long as the stencil crosses no kink; take h well inside the kink-free interval.
    h = min(1e-3, 0.25 * np.min(np.abs(X @ W)) / np.max(np.abs(X)))
    G = rn.gradient(X, y, W)
    e = rel_err(fd_gradient(lambda V: rn.loss(X, y, V), W, h), G)
    check("empirical gradient vs central differences", e < 1e-8, f"rel {e:.1e} (h {h:.1e})")
    U = rng.standard_normal((d, K))
    h = 0.25 * kink_margin(X, W, U)
    fd = (rn.gradient(X, y, W + h * U) - rn.gradient(X, y, W - h * U)) / (2 * h)
    e = rel_err(fd, rn.hvp(X, W, U))
    check("empirical hvp vs central differences of gradient", e < 1e-8, f"rel {e:.1e}")
    e = rel_err(rn.unflatten(rn.hessian(X, W) @ rn.flatten(U), d, K), rn.hvp(X, W, U))
    check("empirical dense Hessian @ u == hvp", e < 1e-13, f"rel {e:.1e}")
    Ws, X, y = problem(rng, d, K, N)
    check("empirical loss and gradient exactly 0 at W* (noiseless)",
          rn.loss(X, y, Ws) == 0.0 and not np.any(rn.gradient(X, y, Ws)))


def test_population_vs_monte_carlo(rng):
    d, K, M, nu = 5, 3, 400_000, 0.4
    Ws = rn.make_teacher(d, K, 2.0, rng)
    W = Ws + 0.5 * rng.standard_normal((d, K))
    X = rng.standard_normal((M, d))
    r = rn.forward(X, W) - rn.forward(X, Ws) - nu * rng.standard_normal(M)
    per = 0.5 * r * r
    z = abs(per.mean() - rn.population_loss(Ws, W, nu)) / (per.std(ddof=1) / np.sqrt(M))
    check("population loss vs Monte Carlo (< 4 SE)", z < 4, f"z {z:.2f}")
    per = (rn.active(X, W)[:, None, :] * (r[:, None] * X)[:, :, None]).reshape(M, -1)
    se = per.std(axis=0, ddof=1) / np.sqrt(M)
    z = np.abs(per.mean(axis=0) - rn.population_gradient(Ws, W).ravel()) / se
    check("population gradient vs Monte Carlo (each < 4 SE)", z.max() < 4,
          f"max z {z.max():.2f} over {z.size}")


def test_population_derivatives(rng):
    d, K = 5, 4
    Ws = rn.make_teacher(d, K, 2.0, rng)
    for label, W in [("near W*", Ws + 0.1 * rng.standard_normal((d, K))),
                     ("far from W*", rng.standard_normal((d, K)))]:
        G = rn.population_gradient(Ws, W)
        e = rel_err(fd_gradient(lambda V: rn.population_loss(Ws, V), W, 1e-5), G)
        check(f"population gradient vs central differences ({label})", e < 1e-7, f"rel {e:.1e}")
        H = rn.population_hessian(Ws, W)
        h, n = 1e-5, d * K
        fd = np.zeros((n, n))
        for j in range(n):
            E = rn.unflatten(np.eye(n)[j] * h, d, K)
            fd[:, j] = rn.flatten(rn.population_gradient(Ws, W + E)
                                  - rn.population_gradient(Ws, W - E)) / (2 * h)
        e = rel_err(fd, H)
        check(f"population Hessian vs central differences ({label})", e < 1e-7, f"rel {e:.1e}")
        a = rel_err(H, H.T)
        check(f"population Hessian symmetric ({label})", a < 1e-14, f"rel {a:.1e}")
    g = np.max(np.abs(rn.population_gradient(Ws, Ws)))
    check("population loss and gradient vanish at W*",
          rn.population_loss(Ws, Ws) == 0.0 and g < 1e-15, f"max |grad| {g:.1e}")


def rotate_toward(w, target, delta):
    """w rotated by angle delta in the plane (w, target), same norm."""
    a = w / np.linalg.norm(w)
    p = target - (a @ target) * a
    return np.linalg.norm(w) * (np.cos(delta) * a + np.sin(delta) * p / np.linalg.norm(p))


def test_degenerate_angles(rng):
    d, K, delta = 5, 3, 1e-7
    Ws = rn.make_teacher(d, K, 2.0, rng)
    base = Ws + 0.2 * rng.standard_normal((d, K))
    cases = {"parallel units (theta=0)": (1, 2.0 * base[:, 0]),
             "antiparallel units (theta=pi)": (1, -0.7 * base[:, 0]),
             "unit parallel to teacher unit": (2, 1.5 * Ws[:, 0])}
    for label, (k, col) in cases.items():
        W = base.copy()
        W[:, k] = col
        Wn = W.copy()  # same configuration with the degenerate angle opened by delta
        Wn[:, k] = rotate_toward(col, rng.standard_normal(d), delta)
        H, Hn = rn.population_hessian(Ws, W), rn.population_hessian(Ws, Wn)
        G, Gn = rn.population_gradient(Ws, W), rn.population_gradient(Ws, Wn)
        finite = np.all(np.isfinite(H)) and np.all(np.isfinite(G))
        e = max(rel_err(Hn, H), rel_err(Gn, G))
        # The Hessian is Lipschitz in theta with constant O(1), so an O(delta) change.
        check(f"degenerate limit finite and continuous: {label}", finite and e < 10 * delta,
              f"rel change {e:.1e} at delta {delta:.0e}")
    W = base.copy()
    W[:, 0] = 0.0
    try:
        rn.population_hessian(Ws, W)
        check("w = 0 raises ValueError", False)
    except ValueError:
        check("w = 0 raises ValueError", True)


def test_high_precision_pairs(rng):
    """h1, h2 near theta = 0 and pi vs the textbook formulas in 50-digit arithmetic (from the
    same float inputs), where the float textbook form would lose ~u / sin(theta)."""
    try:
        import mpmath as mp
    except ImportError:
        print("skip h1/h2 vs mpmath (mpmath not installed)")
        return
    mp.mp.dps = 50
    w = rng.standard_normal(5)
    for theta in (1e-9, 1e-6, 1e-3, 1.0, np.pi - 1e-6):
        v = 1.7 * rotate_toward(w, rng.standard_normal(5), theta)
        W, V = mp.matrix(w.tolist()), mp.matrix(v.tolist())
        a, b = W / mp.norm(W), V / mp.norm(V)
        c = (a.T * b)[0]
        t = mp.acos(c)
        s = mp.sin(t)
        nwv, nvw = (b - c * a) / s, (a - c * b) / s
        h1 = mp.norm(V) * s / (2 * mp.pi * mp.norm(W)) * (mp.eye(5) - a * a.T + nwv * nwv.T)
        h2 = ((mp.pi - t) * mp.eye(5) + b * nvw.T + a * nwv.T) / (2 * mp.pi)
        e = max(float(mp.mnorm(mp.matrix(rn._h1(w, v).tolist()) - h1, "inf")),
                float(mp.mnorm(mp.matrix(rn._h2(w, v).tolist()) - h2, "inf")))
        check(f"h1, h2 vs 50-digit textbook form at theta {theta:.3g}", e < 1e-14, f"err {e:.1e}")


def test_theory_example(rng):
    # THEORY.md: d=10, K=5, kappa=2, population Hessian at W* in about [0.058, 1.67]. At W*
    # the spectrum depends on the draw of V, so the quoted pair is one draw: check that it
    # is a typical one (some draw within 5% of both ends) and report the spread.
    eig = np.array([rn.population_eigenvalues(W, W) for W in
                    (rn.make_teacher(10, 5, 2.0, np.random.default_rng(s)) for s in range(200))])
    q = np.percentile(eig, [10, 50, 90], axis=0)
    print("     200 teachers: lambda_min 10/50/90%% %.4f %.4f %.4f; lambda_max %.4f %.4f %.4f"
          % (*q[:, 0], *q[:, 1]))
    close = np.abs(eig / [0.058, 1.67] - 1).max(axis=1)
    best = int(np.argmin(close))
    check("THEORY example: some draw has Hessian spectrum within 5% of [0.058, 1.67]",
          close[best] < 0.05, "(seed %d: [%.4f, %.4f])" % (best, *eig[best]))
    # Independent check of the closed form at W*: E[1{w*_j.x>=0} 1{w*_l.x>=0} x x^T].
    Ws = rn.make_teacher(5, 3, 2.0, rng)
    M = 200_000
    Phi = rn._features(rng.standard_normal((M, 5)), Ws)
    P = (Phi[:, :, None] * Phi[:, None, :]).reshape(M, -1)
    z = np.abs(P.mean(axis=0) - rn.population_hessian(Ws, Ws).ravel())
    z = z / np.maximum(P.std(axis=0, ddof=1) / np.sqrt(M), 1e-300)
    check("population Hessian at W* vs Monte Carlo of 1 1 x x^T (each < 4.5 SE)",
          z.max() < 4.5, f"max z {z.max():.2f} over {z.size}")
    Ws = rn.make_teacher(10, 5, 2.0, np.random.default_rng(best))
    X = np.random.default_rng(best).standard_normal((5000, 10))
    print("     same teacher, empirical Hessian at W*, N=5000: [%.4f, %.4f]"
          % rn.empirical_eigenvalues(X, Ws))


def test_teacher_gd_alignment(rng):
    Ws = rn.make_teacher(8, 4, 3.0, rng)
    sv = np.linalg.svd(Ws, compute_uv=False)
    check("make_teacher singular values linspace(kappa, 1, K)",
          rel_err(sv, np.linspace(3.0, 1.0, 4)) < 1e-14)
    perm_true = rng.permutation(4)
    W = Ws[:, perm_true] + 1e-3 * rng.standard_normal((8, 4))
    err, rel, perm = rn.aligned_error(W, Ws)
    brute = min(np.linalg.norm(W - Ws[:, list(p)]) for p in itertools.permutations(range(4)))
    check("aligned_error recovers the permutation and matches brute force",
          np.array_equal(perm, perm_true) and abs(err - brute) <= 1e-15 * brute
          and rel == err / np.linalg.norm(Ws))
    X = rng.standard_normal((200, 8))
    y = rn.forward(X, Ws)
    W0 = Ws + 0.05 * rng.standard_normal((8, 4))
    WT, losses = rn.gradient_descent(X, y, W0, 0.5, 5)
    W1 = W0 - 0.5 * rn.gradient(X, y, W0)
    ok = (len(losses) == 6 and np.all(np.diff(losses) < 0)
          and rn.loss(X, y, W1) == losses[1] and losses[-1] == rn.loss(X, y, WT))
    check("gradient descent: T+1 losses, decreasing near W*", ok,
          f"losses {losses[0]:.2e} -> {losses[-1]:.2e}")


if __name__ == "__main__":
    rng = np.random.default_rng(20190101)
    test_layout()
    test_empirical(rng)
    test_population_vs_monte_carlo(rng)
    test_population_derivatives(rng)
    test_degenerate_angles(rng)
    test_high_precision_pairs(rng)
    test_theory_example(rng)
    test_teacher_gd_alignment(rng)
    print(f"{len(FAILED)} failed" if FAILED else "all checks passed")
    sys.exit(1 if FAILED else 0)
