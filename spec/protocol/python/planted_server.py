#!/usr/bin/env python3
"""The NumPy protocol server with one planted bug, chosen by name:

    python3 spec/protocol/python/planted_server.py gradient-sign

Python twins of the TypeScript planted bugs (spec/planted/): relucheck must catch each one
through the protocol, with the same verdict (the same failing claim) as its twin.
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "examples", "python"))
import relu_numpy as rn  # noqa: E402
import relucheck_server as srv  # noqa: E402
import tensor_init_numpy as ti  # noqa: E402


def empirical_gradient(X, y, W, *, sign=1.0, scale=None, mask="relu", use_y=True):
    """eq. 3.2 with switches that plant the bugs."""
    Z = X @ W
    r = np.maximum(Z, 0.0).sum(axis=1) - (y if use_y else 0.0)
    D = {"relu": Z >= 0.0, "strict": Z > 0.0, "none": np.ones_like(Z), "shifted": np.roll(Z, -1, axis=1) >= 0.0}[mask]
    n = len(y)
    return sign * (X.T @ (D * r[:, None])) / (n if scale is None else scale)


def loss_handler(*, factor=1.0, use_y=True):
    def handler(session, req):
        X, y = session.dataset(req["dataset"])
        W = srv.decode_weights(req["W"])
        r = np.maximum(X @ W, 0.0).sum(axis=1) - (y if use_y else 0.0)
        return {"loss": srv.encode_scalar(factor * float(r @ r) / (2.0 * len(y)))}
    return handler


def gradient_handler(**bug):
    def handler(session, req):
        X, y = session.dataset(req["dataset"])
        W = srv.decode_weights(req["W"])
        return {"gradient": srv.encode_array(rn.flatten(empirical_gradient(X, y, W, **bug)))}
    return handler


def gd_ignoring_eta(session, req):
    """Gradient descent with a hard-wired step 0.05 instead of eta."""
    X, y = session.dataset(req["dataset"])
    W, losses = rn.gradient_descent(X, y, srv.decode_weights(req["W0"]), 0.05, req["iterations"])
    return {"W": srv.encode_array(rn.flatten(W)), "loss": srv.encode_array(losses)}


def population_loss_without_noise(session, req):
    """Forgets the nu^2 / 2 of the label noise."""
    value = rn.population_loss(srv.decode_weights(req["Wstar"]), srv.decode_weights(req["W"]), 0.0)
    return {"loss": srv.encode_scalar(value)}


def hvp_without_mask(session, req):
    """Gauss-Newton product that ignores the activation pattern (a linear network's Hessian)."""
    X, _ = session.dataset(req["dataset"])
    W = srv.decode_weights(req["W"])
    U = rn.unflatten(srv.decode_array(req["u"]), W.shape[0], W.shape[1])
    s = (X @ U).sum(axis=1)
    return {"hvp": srv.encode_array(rn.flatten(np.repeat((X.T @ s)[:, None], W.shape[1], axis=1) / X.shape[0]))}


def init_handler(transform):
    """Tensor initialization with one step replaced: transform(X, y, K, seed) -> W."""
    def handler(session, req):
        X, y = session.dataset(req["dataset"])
        return {"W": srv.encode_array(rn.flatten(transform(X, y, req["K"], req["seed"])))}
    return handler


class RawSecondMoment(ti.SampleMoments):
    """M2 as the raw average of y x x^T: the -I of He2 dropped and y not centered, so the
    estimate is M2 + E[y] I. The eigenvectors survive (a shift by a multiple of I), but the
    whitening and RecMagSign's norms read the shifted eigenvalues."""

    def __init__(self, X, y):
        super().__init__(X, y)
        self.M2 = X.T @ (y[:, None] * X) / len(y)


def init_sign_flipped(X, y, K, seed):
    """RecMagSign reads each unit's orientation from M1 with the wrong sign."""
    original = ti.rec_mag_sign

    def flipped(A, m1p, C):
        s, sigma = original(A, m1p, C)
        return s, -sigma

    ti.rec_mag_sign = flipped
    try:
        return ti.tensor_init(X, y, K, seed)
    finally:
        ti.rec_mag_sign = original


def init_raw_second_moment(X, y, K, seed):
    return ti.tensor_init_from_moments(RawSecondMoment(X, y), K, np.random.default_rng(seed))


def declaring_strict(session, req):
    """The default handshake plus the declaration reluAtZero 0 (protocol 1.2)."""
    return {**srv.HANDLERS["start"](session, req), "reluAtZero": 0}


# Names follow the TypeScript twins in spec/planted/bugs.ts (PLANTED_BUGS).
BUGS = {
    "gradient-sign": {"gradient": gradient_handler(sign=-1.0)},
    "missing-1-over-N": {"gradient": gradient_handler(scale=1.0)},
    "loss-missing-half": {"loss": loss_handler(factor=2.0)},
    "shifted-mask": {"gradient": gradient_handler(mask="shifted")},
    "no-mask": {"gradient": gradient_handler(mask="none")},
    "residual-without-y": {"gradient": gradient_handler(use_y=False), "loss": loss_handler(use_y=False)},
    "gd-ignores-eta": {"gd": gd_ignoring_eta},
    # Differs only at exact kinks: gradient-at-kink and the exact_kink fixtures see it.
    "strict-indicator": {"gradient": gradient_handler(mask="strict")},
    # Declares relu'(0) = 0 (z > 0) in the handshake but keeps the z >= 0 mask everywhere.
    "declares-strict-computes-ge": {"start": declaring_strict},
    "population-missing-noise": {"populationLoss": population_loss_without_noise},
    "hvp-without-mask": {"hvp": hvp_without_mask},
    # Tensor initialization (no fixtures: the init is random and statistical; claims judge it).
    "init-sign-flipped": {"init": init_handler(init_sign_flipped)},
    "init-raw-second-moment": {"init": init_handler(init_raw_second_moment)},
}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in BUGS:
        sys.stderr.write(f"usage: planted_server.py BUG  (BUG one of {', '.join(BUGS)})\n")
        sys.exit(2)
    srv.serve(handlers={**srv.HANDLERS, **BUGS[sys.argv[1]]}, name=f"relu_numpy with planted bug {sys.argv[1]}")
