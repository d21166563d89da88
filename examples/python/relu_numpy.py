"""Independent NumPy reference for one-hidden-layer ReLU regression (float64 throughout).

Model (Zhang, Yu, Wang, Gu 2019): x ~ N(0, I_d), y = sum_k relu(w*_k . x) + eps.

Layout, shared with the fixtures and the protocol server:
  * W is d x K, hidden unit k is column k. Flattened unit-contiguously,
    flat[k*d + i] = W[i, k]   (== W.ravel(order="F"); see `flatten` / `unflatten`).
  * X is N x d row-major, flat[n*d + i] = X[n, i]; y has length N.

Written from THEORY.md and the papers only, without reading the TypeScript code, so that
agreement between the two is evidence rather than a shared bug.
"""
from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

# Below this sin(theta) the unit normal n of v in the plane (w, v) is undefined to working
# precision and the pair is treated as its limit (theta = 0 or pi). The Hessian formulas
# below multiply n only by sin(theta), so the limit differs from the exact value by
# O(SIN_EPS * |v| / |w|): 1e-12 is far below every fixture tolerance, and far above the
# ~1e-16 sin(theta) that rounding leaves for two units parallel in exact arithmetic.
SIN_EPS = 1e-12
TWO_PI = 2.0 * np.pi


def flatten(W: np.ndarray) -> np.ndarray:
    """d x K -> length d*K with flat[k*d + i] = W[i, k]."""
    return np.asarray(W, dtype=np.float64).ravel(order="F")


def unflatten(flat, d: int, K: int) -> np.ndarray:
    """Inverse of `flatten`."""
    return np.asarray(flat, dtype=np.float64).reshape((d, K), order="F")


# ---------------------------------------------------------------- empirical objective
def forward(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Network output f_W(x_i) = sum_k relu(w_k . x_i), length N."""
    return np.maximum(X @ W, 0.0).sum(axis=1)


def active(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """N x K activation pattern 1{w_k . x_i >= 0} (the >= of eq. 3.2)."""
    return (X @ W >= 0.0).astype(np.float64)


def loss(X: np.ndarray, y: np.ndarray, W: np.ndarray) -> float:
    """Empirical square loss L_N(W) = 1/(2N) sum_i (f_W(x_i) - y_i)^2."""
    r = forward(X, W) - y
    return float(r @ r) / (2.0 * len(y))


def gradient(X: np.ndarray, y: np.ndarray, W: np.ndarray) -> np.ndarray:
    """d x K gradient of eq. 3.2: column k = (1/N) sum_i r_i 1{w_k.x_i >= 0} x_i.

    At a kink (w_k . x_i == 0) this is the one-sided derivative the paper's indicator picks.
    """
    r = forward(X, W) - y
    return X.T @ (active(X, W) * r[:, None]) / len(y)


def _features(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """N x dK matrix Phi[i, k*d + m] = 1{w_k.x_i >= 0} x_im.

    Away from kinks f_W(x_i) = Phi_i . flatten(W), so L_N is the least-squares objective of
    Phi and its Hessian is the Gauss-Newton matrix Phi^T Phi / N.
    """
    D = active(X, W)
    return (D[:, :, None] * X[:, None, :]).reshape(X.shape[0], -1)


def hessian(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Dense dK x dK empirical Hessian away from kinks, block (j, l) =
    (1/N) sum_i 1{w_j.x_i >= 0} 1{w_l.x_i >= 0} x_i x_i^T, unit-contiguous indexing."""
    Phi = _features(X, W)
    return Phi.T @ Phi / X.shape[0]


def hvp(X: np.ndarray, W: np.ndarray, U: np.ndarray) -> np.ndarray:
    """Empirical Hessian-vector product H(W) U as a d x K matrix, without forming H."""
    D = active(X, W)
    s = (D * (X @ U)).sum(axis=1)  # s_i = sum_l 1{w_l.x_i>=0} u_l.x_i
    return X.T @ (D * s[:, None]) / X.shape[0]


# ------------------------------------------------------ population objective (closed form)
def _unit_columns(A: np.ndarray):
    norms = np.linalg.norm(A, axis=0)
    if np.any(norms == 0.0):
        raise ValueError("zero weight column: the angle is undefined and the population "
                         "objective is not differentiable at w = 0")
    return A / norms, norms


def _angles(Ahat: np.ndarray, Bhat: np.ndarray) -> np.ndarray:
    """theta[k, l] = angle between unit columns a_k and b_l.

    2 atan2(|a - b|, |a + b|) is accurate to a few ulps for every angle; arccos(a . b)
    loses about sqrt(eps) ~ 1.5e-8 near 0 and pi, exactly where degenerate cases live.
    """
    diff = np.linalg.norm(Ahat[:, :, None] - Bhat[:, None, :], axis=0)
    summ = np.linalg.norm(Ahat[:, :, None] + Bhat[:, None, :], axis=0)
    return 2.0 * np.arctan2(diff, summ)


def _kernel(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Arc-cosine kernel k(a_k, b_l) = E[relu(a_k.x) relu(b_l.x)] for all column pairs."""
    Ah, an = _unit_columns(A)
    Bh, bn = _unit_columns(B)
    t = _angles(Ah, Bh)
    return np.outer(an, bn) / TWO_PI * (np.sin(t) + (np.pi - t) * np.cos(t))


def population_loss(Wstar: np.ndarray, W: np.ndarray, nu: float = 0.0) -> float:
    """L(W) = 1/2 E[(f_W(x) - f_W*(x))^2] + nu^2/2 for x ~ N(0, I) (eq. 3.1).

    Summed termwise (k_WW - 2 k_WW* + k_W*W*) so that it is exactly 0 at W = W*.
    """
    total = _kernel(W, W) - 2.0 * _kernel(W, Wstar) + _kernel(Wstar, Wstar)
    return 0.5 * float(total.sum()) + 0.5 * nu * nu


def _kernel_grad(W: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Column k = sum_l g(w_k, v_l), g(w, v) = ((pi - theta) v + |v| sin(theta) w/|w|)/(2 pi)."""
    Wh, _ = _unit_columns(W)
    Vh, vn = _unit_columns(V)
    t = _angles(Wh, Vh)
    return (V @ (np.pi - t).T + Wh * (np.sin(t) @ vn)) / TWO_PI


def population_gradient(Wstar: np.ndarray, W: np.ndarray) -> np.ndarray:
    """d x K gradient of the population loss: column k = sum_l g(w_k, w_l) - g(w_k, w*_l).

    The l = k term is g(w_k, w_k) = w_k / 2 (theta = 0), the derivative of |w_k|^2 / 4.
    """
    return _kernel_grad(W, W) - _kernel_grad(W, Wstar)


def _pair_frame(w: np.ndarray, v: np.ndarray):
    """Unit w-hat, unit normal n of v-hat against w-hat (0 in the limit), theta."""
    a, b = w / np.linalg.norm(w), v / np.linalg.norm(v)
    theta = 2.0 * np.arctan2(np.linalg.norm(a - b), np.linalg.norm(a + b))
    p = b - (a @ b) * a
    pn = np.linalg.norm(p)
    n = p / pn if np.sin(theta) > SIN_EPS else np.zeros_like(a)
    return a, n, theta


def _h1(w: np.ndarray, v: np.ndarray) -> np.ndarray:
    """d g(w, v) / dw = |v| sin(theta) / (2 pi |w|) (I - a a^T + n n^T).

    -> 0 as theta -> 0 or pi (the pair's loss term is C^2 there with a zero Hessian part).
    """
    a, n, t = _pair_frame(w, v)
    s = np.sin(t)
    scale = np.linalg.norm(v) * s / (TWO_PI * np.linalg.norm(w))
    return scale * (np.eye(len(w)) - np.outer(a, a) + np.outer(n, n))


def _h2(w: np.ndarray, v: np.ndarray) -> np.ndarray:
    """d g(w, v) / dv = ((pi - theta) I + b n_vw^T + a n_wv^T) / (2 pi).

    In the orthonormal frame (a, n) of the plane, b = c a + s n and n_vw = s a - c n, so
    b n_vw^T + a n^T = s [c (a a^T - n n^T) + s (a n^T + n a^T)]. This symmetric form
    carries n only with a factor s, hence stays accurate as theta -> 0 or pi (where the two
    rank-one terms of the textbook form cancel), and gives the limits I/2 and 0.
    """
    a, n, t = _pair_frame(w, v)
    s, c = np.sin(t), np.cos(t)
    aa, nn, an = np.outer(a, a), np.outer(n, n), np.outer(a, n)
    return ((np.pi - t) * np.eye(len(w)) + s * (c * (aa - nn) + s * (an + an.T))) / TWO_PI


def population_hessian(Wstar: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Dense dK x dK Hessian of the population loss, index k*d + i (unit-contiguous).

    Block (k, k) = I/2 + sum_{l != k} h1(w_k, w_l) - sum_l h1(w_k, w*_l);
    block (k, l) = h2(w_k, w_l). Raises ValueError if a column of W or W* is zero.
    """
    _unit_columns(W)
    _unit_columns(Wstar)
    d, K = W.shape
    H = np.zeros((d * K, d * K))
    for k in range(K):
        blk = 0.5 * np.eye(d)
        for l in range(K):
            if l != k:
                blk += _h1(W[:, k], W[:, l])
                H[k * d:(k + 1) * d, l * d:(l + 1) * d] = _h2(W[:, k], W[:, l])
        for l in range(Wstar.shape[1]):
            blk -= _h1(W[:, k], Wstar[:, l])
        H[k * d:(k + 1) * d, k * d:(k + 1) * d] = blk
    return H


def population_hvp(Wstar: np.ndarray, W: np.ndarray, U: np.ndarray) -> np.ndarray:
    """Population Hessian-vector product as a d x K matrix."""
    d, K = W.shape
    return unflatten(population_hessian(Wstar, W) @ flatten(U), d, K)


def extreme_eigenvalues(H: np.ndarray) -> tuple[float, float]:
    """(lambda_min, lambda_max) of a symmetric matrix (eigvalsh reads the lower triangle)."""
    ev = np.linalg.eigvalsh(H)
    return float(ev[0]), float(ev[-1])


def population_eigenvalues(Wstar: np.ndarray, W: np.ndarray) -> tuple[float, float]:
    return extreme_eigenvalues(population_hessian(Wstar, W))


def empirical_eigenvalues(X: np.ndarray, W: np.ndarray) -> tuple[float, float]:
    return extreme_eigenvalues(hessian(X, W))


# ------------------------------------------------------------ algorithms and instances
def gradient_descent(X, y, W0, eta: float, iterations: int):
    """Full-sample GD (Algorithm 1 of Zhang et al.): W <- W - eta grad L_N(W).

    Returns (W_T, losses) with losses[t] = L_N(W_t) for t = 0..T (length T + 1).
    """
    W = np.array(W0, dtype=np.float64)
    losses = [loss(X, y, W)]
    for _ in range(iterations):
        W = W - eta * gradient(X, y, W)
        losses.append(loss(X, y, W))
    return W, np.array(losses)


def aligned_error(W: np.ndarray, Wstar: np.ndarray):
    """min over permutations P of |W - W* P|_F.

    Returns (error, relative_error, perm) with perm[k] the teacher unit matched to W's
    unit k, relative_error = error / |W*|_F. Squared distances are formed from column
    differences, not |a|^2 - 2 a.b + |b|^2, which cancels when W is close to W* P.
    """
    C = ((W[:, :, None] - Wstar[:, None, :]) ** 2).sum(axis=0)  # C[k, j] = |w_k - w*_j|^2
    rows, cols = linear_sum_assignment(C)
    perm = np.empty(W.shape[1], dtype=np.int64)
    perm[rows] = cols
    err = float(np.linalg.norm(W - Wstar[:, perm]))
    return err, err / float(np.linalg.norm(Wstar)), perm


def haar_orthonormal(m: int, k: int, rng: np.random.Generator) -> np.ndarray:
    """m x k matrix with Haar-distributed orthonormal columns: QR of a Gaussian, with the
    signs of R's diagonal moved into Q (without the fix Q is not Haar distributed)."""
    Q, R = np.linalg.qr(rng.standard_normal((m, k)))
    return Q * np.where(np.diag(R) < 0.0, -1.0, 1.0)


def make_teacher(d: int, K: int, kappa: float, rng: np.random.Generator) -> np.ndarray:
    """W* = U diag(s) V^T, s evenly spaced from kappa down to 1 (so cond(W*) = kappa),
    U (d x K) drawn before V (K x K), both Haar orthonormal."""
    if K > d:
        raise ValueError("need K <= d")
    U = haar_orthonormal(d, K, rng)
    V = haar_orthonormal(K, K, rng)
    return (U * np.linspace(kappa, 1.0, K)) @ V.T
