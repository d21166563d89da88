"""Tensor initialization for one-hidden-layer ReLU networks in NumPy (Zhong et al. 2017,
Algorithm 1, as used by Zhang et al. 2019), with output weights v = +1.

Written from the math (THEORY.md, the papers), not from the TypeScript code.

Moments (Hermite tensors have mean zero under x ~ N(0, I)), for a ReLU teacher with unit
directions wb_i and norms s_i:

    M1 = E[y x]                 = sum_i (s_i / 2)         wb_i
    M2 = E[y (x x^T - I)]       = sum_i (s_i / sqrt(2 pi)) wb_i wb_i^T
    M3 = E[y He3(x)]            = 0                         (ReLU: m3 = 0)
    M4 = E[y He4(x)]            = sum_i (-s_i / sqrt(2 pi)) wb_i^(x)4

Steps:
1. V (d x K) = top-K eigenvectors of the estimate of M2, by magnitude (numpy.linalg.eigh).
2. For a few random unit alpha in span(V) (alpha = V b), R3 = M4(V, V, V, alpha), a K x K x K
   tensor, estimated from u = V^T x and a = b . u only (He4 contracted with (V, V, V, alpha),
   never a d^3 or d^4 array). R3 = sum_i c_i (V^T wb_i)^(x)3 with c_i = -(s_i/sqrt(2 pi)) (alpha . wb_i).
3. Decompose R3 by whitening with C = V^T M2 V (positive definite: ReLU's M2 weights are all
   positive) and the robust orthogonal tensor power method (random restarts, deflation).
   The weight of unit i is proportional to alpha . wb_i, so an unlucky alpha can hide a unit:
   keep the alpha whose weakest whitened eigenvalue is strongest.
4. RecMagSign: with unit directions a_i (K-vectors, sign unknown), least squares
   (numpy.linalg.lstsq) of V^T M2 V = sum_i gamma_i a_i a_i^T gives s_i = sqrt(2 pi) gamma_i
   (M2 is even in a_i: no sign), and of V^T M1 = sum_i beta_i a_i gives the orientation
   sign(beta_i) (M1 is odd). Then w_i = s_i sign(beta_i) V a_i.

Variance reduction that keeps every estimator unbiased (up to O(1/N) from estimating the
subtracted coefficients on the same sample): a polynomial of degree below j is orthogonal to
He_j(x), so before y multiplies He_j it is replaced by a residual with y's low-order Hermite
parts removed: the mean (order 0), M1 . x (order 1) and (1/2) <M2, x x^T - I> (order 2).
For R3 the residual keeps only orders >= 3 of y, which removes most of its variance.

Randomness: everything random (the alphas, the power method's starts) comes from
numpy.random.default_rng(seed), drawn in a fixed order, so the same data and seed give the
same bits. It does not reproduce the TypeScript reference's stream; the claims are statistical.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SQRT_2PI = float(np.sqrt(2.0 * np.pi))
# Rows per chunk when accumulating R3 (bounds memory at about CHUNK * K^2 doubles).
CHUNK = 1 << 15


# ------------------------------------------------------------------ moment sources
class SampleMoments:
    """Unbiased, variance-reduced estimates of M1, M2 and R3 from a sample (X: N x d, y: N).

    `reduce=False` keeps only the centering (plain averages of (y - ybar) He_j(x)); the
    estimators are unbiased either way, the reduction only lowers their variance.
    """

    def __init__(self, X: np.ndarray, y: np.ndarray, *, reduce: bool = True):
        X = np.asarray(X, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        n, d = X.shape
        if n < 2:
            raise ValueError(f"tensor initialization needs N >= 2 samples, got N = {n}")
        self.X, self.n, self.d = X, n, d
        # Centering with the sample's own mean: sum_i (y_i - ybar) h(x_i) has expectation
        # (N - 1) E[y h] when E[h] = 0, hence the N - 1.
        self.denom = float(n - 1)
        c = y - y.mean()
        m1_plain = X.T @ c / self.denom
        # M2 from c minus its order-1 part (orthogonal to x x^T - I).
        r = c - X @ m1_plain if reduce else c
        self.M2 = (X.T @ (r[:, None] * X) - r.sum() * np.eye(d)) / self.denom
        self.M2 = 0.5 * (self.M2 + self.M2.T)
        # The order-2 part of y, (1/2) <M2, x x^T - I>, evaluated per sample.
        q = 0.5 * (np.einsum("ni,ij,nj->n", X, self.M2, X) - np.trace(self.M2)) if reduce else 0.0
        # M1 from c minus its order-2 part (orthogonal to x).
        self.M1 = X.T @ (c - q) / self.denom if reduce else m1_plain
        # The residual that multiplies He4: orders 0, 1 and 2 removed.
        self.r4 = (c - X @ self.M1 - q) if reduce else c

    def r3(self, V: np.ndarray, B: np.ndarray) -> np.ndarray:
        """R3 = M4(V, V, V, alpha_l) for alpha_l = V b_l (B: L x K, rows unit): L x K x K x K.

        He4(x) contracted with (V, V, V, alpha), u = V^T x, a = b . u, G = V^T V = I:
          u_p u_q u_r a
          - a (d_pq u_r + d_pr u_q + d_qr u_p) - (b_p u_q u_r + b_q u_p u_r + b_r u_p u_q)
          + (d_pq b_r + d_pr b_q + d_qr b_p).
        """
        K = V.shape[1]
        L = B.shape[0]
        S4 = np.zeros((L, K, K, K))
        S2a = np.zeros((L, K))  # sum_n w a u_p
        S2b = np.zeros((K, K))  # sum_n w u_q u_r
        s0 = 0.0
        for start in range(0, self.n, CHUNK):
            U = self.X[start:start + CHUNK] @ V
            w = self.r4[start:start + CHUNK]
            A = U @ B.T  # a_l = b_l . u, N x L
            UU = (U[:, :, None] * U[:, None, :]).reshape(len(U), K * K)
            WAU = ((w[:, None] * A)[:, :, None] * U[:, None, :]).reshape(len(U), L * K)
            S4 += (UU.T @ WAU).reshape(K, K, L, K).transpose(2, 0, 1, 3)
            S2a += (w[:, None] * A).T @ U
            S2b += UU.T.reshape(K, K, -1) @ w
            s0 += float(w.sum())
        S4, S2a, S2b, s0 = S4 / self.denom, S2a / self.denom, S2b / self.denom, s0 / self.denom
        I = np.eye(K)
        out = np.empty_like(S4)
        for l in range(L):
            a_terms = sym3(I, S2a[l])
            b_terms = sym3(S2b, B[l])
            pair_terms = s0 * sym3(I, B[l])
            out[l] = S4[l] - a_terms - b_terms + pair_terms
        return out


class PopulationMoments:
    """The exact moments of a noiseless ReLU teacher W* (d x K), same interface."""

    def __init__(self, Wstar: np.ndarray):
        self.Wstar = np.asarray(Wstar, dtype=np.float64)
        self.s = np.linalg.norm(self.Wstar, axis=0)
        self.Wb = self.Wstar / self.s
        self.d = self.Wstar.shape[0]
        self.M1 = self.Wstar.sum(axis=1) / 2.0
        self.M2 = (self.Wb * (self.s / SQRT_2PI)) @ self.Wb.T

    def r3(self, V: np.ndarray, B: np.ndarray) -> np.ndarray:
        P = V.T @ self.Wb  # K x K', column i = V^T wb_i
        alphas = B @ V.T  # L x d
        coef = -(self.s / SQRT_2PI)[None, :] * (alphas @ self.Wb)  # L x K'
        return np.einsum("li,pi,qi,ri->lpqr", coef, P, P, P, optimize=True)


def sym3(M: np.ndarray, v: np.ndarray) -> np.ndarray:
    """T_pqr = M_pq v_r + M_pr v_q + M_qr v_p (M symmetric): the three placements of v."""
    return M[:, :, None] * v[None, None, :] + M[:, None, :] * v[None, :, None] + v[:, None, None] * M[None, :, :]


# ------------------------------------------------------------------ decomposition
@dataclass
class Components:
    """Unit directions (rows, K-coordinates), whitened eigenvalues, and the weakest |eigenvalue|."""
    directions: np.ndarray
    eigenvalues: np.ndarray
    strength: float


def contract(T: np.ndarray, t: np.ndarray) -> np.ndarray:
    """T(I, t, t) for a symmetric K x K x K tensor (one matrix-vector product)."""
    K = len(t)
    return T.reshape(K, K * K) @ np.outer(t, t).ravel()


def power_method(T: np.ndarray, rng: np.random.Generator, restarts: int = 10,
                 iterations: int = 100, polish: int = 200, tol: float = 1e-13):
    """Robust tensor power method (Anandkumar et al. 2014, Algorithm 1) on an orthogonally
    decomposable symmetric tensor T = sum_i lam_i mu_i^(x)3 (mu_i orthonormal):
    K rounds of (best |T(t, t, t)| over `restarts` random starts, iterated together as the
    rows of one matrix; polish the best; deflate). Returns (mu rows, lam)."""
    K = T.shape[0]
    T = T.copy()
    mus, lams = [], []
    for _ in range(K):
        Th = rng.standard_normal((restarts, K))
        Th /= np.linalg.norm(Th, axis=1, keepdims=True)
        flat = T.reshape(K, K * K)
        for _ in range(iterations):
            G = (Th[:, :, None] * Th[:, None, :]).reshape(restarts, K * K) @ flat.T  # rows T(I, t, t)
            n = np.linalg.norm(G, axis=1, keepdims=True)
            G = np.where(n > 0, G / np.where(n > 0, n, 1.0), Th)
            moved = float(np.max(np.linalg.norm(G - Th, axis=1)))
            Th = G
            if moved < tol:
                break
        vals = np.abs(np.einsum("np,np->n", Th, (Th[:, :, None] * Th[:, None, :]).reshape(restarts, K * K) @ flat.T))
        t = _iterate(T, Th[int(np.argmax(vals))], polish, tol)  # converges quadratically near a component
        lam = float(t @ contract(T, t))
        mus.append(t)
        lams.append(lam)
        T -= lam * np.einsum("p,q,r->pqr", t, t, t)
    return np.array(mus), np.array(lams)


def _iterate(T, t, iterations, tol):
    for _ in range(iterations):
        g = contract(T, t)
        n = np.linalg.norm(g)
        if n == 0:
            return t
        g /= n
        if np.linalg.norm(g - t) < tol:
            return g
        t = g
    return t


def whitened_decomposition(R3: np.ndarray, C: np.ndarray, rng: np.random.Generator) -> Components:
    """Directions of R3 = sum_i c_i a_i^(x)3 given C = sum_i g_i a_i a_i^T with all g_i > 0.

    With C = Q diag(e) Q^T and Wh = Q diag(e)^(-1/2), Wh^T C Wh = I, so mu_i = sqrt(g_i) Wh^T a_i
    are orthonormal and R3(Wh, Wh, Wh) = sum_i (c_i / g_i^(3/2)) mu_i^(x)3; a_i is parallel to
    Q diag(e)^(1/2) mu_i. Eigenvalues of C that noise made non-positive are clipped to a tiny
    positive value (the whitening is then only approximate, as the data allow).
    """
    e, Q = np.linalg.eigh(0.5 * (C + C.T))
    floor = max(float(np.max(np.abs(e))), 1e-300) * 1e-12
    e = np.maximum(e, floor)
    Wh = Q / np.sqrt(e)
    T = np.einsum("abc,ap,bq,cr->pqr", R3, Wh, Wh, Wh, optimize=True)
    mus, lams = power_method(T, rng)
    A = (mus * np.sqrt(e)) @ Q.T  # row i = Q diag(e)^(1/2) mu_i
    A /= np.linalg.norm(A, axis=1, keepdims=True)
    return Components(A, lams, float(np.min(np.abs(lams))))


def rec_mag_sign(A: np.ndarray, m1p: np.ndarray, C: np.ndarray):
    """Norms and orientations by least squares on the first and second projected moments.

    gamma: C = sum_i gamma_i a_i a_i^T, gamma_i = s_i / sqrt(2 pi);
    beta:  m1p = sum_i beta_i a_i,     beta_i = sigma_i s_i / 2.
    Returns (s, sigma). A gamma that noise made non-positive falls back to 2 |beta_i|.
    """
    K = A.shape[0]
    design = np.stack([np.outer(a, a).ravel() for a in A], axis=1)  # K^2 x K
    gamma = np.linalg.lstsq(design, C.ravel(), rcond=None)[0]
    beta = np.linalg.lstsq(A.T, m1p, rcond=None)[0]
    s = np.where(gamma > 0, SQRT_2PI * gamma, 2.0 * np.abs(beta))
    sigma = np.where(beta < 0, -1.0, 1.0)
    assert s.shape == (K,)
    return s, sigma


# ------------------------------------------------------------------ the algorithm
def tensor_init_from_moments(mom, K: int, rng: np.random.Generator, alphas: int = 4) -> np.ndarray:
    """W0 (d x K) from a moment source (SampleMoments or PopulationMoments)."""
    d = mom.d
    if not 1 <= K <= d:
        raise ValueError(f"K must satisfy 1 <= K <= d (d = {d}), got K = {K}")
    # 1. Subspace: eigh returns ascending eigenvalues; rank by magnitude, ties by index.
    e, Q = np.linalg.eigh(mom.M2)
    top = np.argsort(-np.abs(e), kind="stable")[:K]
    V = Q[:, top]
    C = V.T @ mom.M2 @ V
    # 2. R3 for L random unit alphas in span(V).
    B = rng.standard_normal((alphas, K))
    B /= np.linalg.norm(B, axis=1, keepdims=True)
    R3s = mom.r3(V, B)
    # 3. Decompose each; keep the one whose weakest component is strongest.
    best = None
    for R3 in R3s:
        comps = whitened_decomposition(R3, C, rng)
        if best is None or comps.strength > best.strength:
            best = comps
    # 4. Norms and orientations.
    s, sigma = rec_mag_sign(best.directions, V.T @ mom.M1, C)
    return V @ (best.directions.T * (s * sigma))


def tensor_init(X: np.ndarray, y: np.ndarray, K: int, seed: int, *, reduce: bool = True,
                alphas: int = 4) -> np.ndarray:
    """Tensor initialization from a sample; deterministic given (X, y, K, seed)."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    return tensor_init_from_moments(SampleMoments(X, y, reduce=reduce), K,
                                    np.random.default_rng(int(seed)), alphas=alphas)
