#!/usr/bin/env python3
"""A relucheck control in another style: a protocol server (docs/protocol.md) written with
NumPy einsum over the d x K weight matrix in C order, the population side with
arccos(clip(...)), and gradient descent updating one array in place. It is written from
THEORY.md and the protocol document only; it shares no code with examples/python.

It must pass every applicable claim and fixture (spec/controls/controls.spec.ts): a failure
is a relucheck bug unless this file is shown wrong.
"""
import base64
import json
import sys

import numpy as np

CAPABILITIES = ["loss", "gradient", "hvp", "population", "populationHvp", "gd", "drop"]
DATA = {}


def arr(wire):
    if isinstance(wire, dict):
        return np.frombuffer(base64.b64decode(wire["f64"]), dtype="<f8").copy()
    return np.asarray([float(v) for v in wire], dtype=np.float64)


def wire(a):
    return {"f64": base64.b64encode(np.ascontiguousarray(a, dtype="<f8").ravel().tobytes()).decode()}


def mat(w):
    """Wire weights (unit k contiguous) -> d x K matrix, C order."""
    return np.ascontiguousarray(arr(w["data"]).reshape(w["K"], w["d"]).T)


def flat(M):
    """d x K matrix -> unit-contiguous flat array (column k of M is unit k)."""
    return np.ascontiguousarray(M.T).ravel()


# ---------------------------------------------------------------- empirical side
def forward(X, W):
    Z = np.einsum("nd,dk->nk", X, W)
    return Z, (Z >= 0).astype(np.float64)  # relu'(0) = 1: eq. (3.2)


def loss(X, y, W):
    Z, _ = forward(X, W)
    r = np.maximum(Z, 0).sum(axis=1) - y
    return float(np.einsum("n,n->", r, r) / (2 * len(y)))


def gradient(X, y, W):
    Z, A = forward(X, W)
    r = np.maximum(Z, 0).sum(axis=1) - y
    return np.einsum("nd,nk,n->dk", X, A, r) / len(y)


def hvp(X, W, U):
    _, A = forward(X, W)
    s = np.einsum("nk,nd,dk->n", A, X, U)
    return np.einsum("nd,nk,n->dk", X, A, s) / X.shape[0]


def gd(X, y, W, eta, T):
    W = W.copy()
    trace = np.empty(T + 1)
    for t in range(T + 1):
        trace[t] = loss(X, y, W)
        if t < T:
            W -= eta * gradient(X, y, W)
    return W, trace


# ---------------------------------------------------------------- population side
def theta(w, v):
    return float(np.arccos(np.clip(w @ v / (np.linalg.norm(w) * np.linalg.norm(v)), -1.0, 1.0)))


def kern(w, v):
    t = theta(w, v)
    return np.linalg.norm(w) * np.linalg.norm(v) / (2 * np.pi) * (np.sin(t) + (np.pi - t) * np.cos(t))


def kern_grad(w, v):
    t = theta(w, v)
    return ((np.pi - t) * v + np.linalg.norm(v) * np.sin(t) * w / np.linalg.norm(w)) / (2 * np.pi)


def pop_loss(Ws, W, nu):
    K = W.shape[1]
    total = sum(kern(W[:, a], W[:, b]) - 2 * kern(W[:, a], Ws[:, b]) + kern(Ws[:, a], Ws[:, b])
                for a in range(K) for b in range(K))
    return float(total / 2 + nu * nu / 2)


def pop_grad(Ws, W):
    K = W.shape[1]
    return np.stack([sum(kern_grad(W[:, a], W[:, b]) - kern_grad(W[:, a], Ws[:, b]) for b in range(K))
                     for a in range(K)], axis=1)


def h_blocks(w, v):
    d = len(w)
    t = theta(w, v)
    s, c = np.sin(t), np.cos(t)
    wb, vb = w / np.linalg.norm(w), v / np.linalg.norm(v)
    nwv = (vb - c * wb) / s if s > 0 else np.zeros(d)
    nvw = (wb - c * vb) / s if s > 0 else np.zeros(d)
    I = np.eye(d)
    h1 = np.linalg.norm(v) * s / (2 * np.pi * np.linalg.norm(w)) * (I - np.outer(wb, wb) + np.outer(nwv, nwv))
    h2 = ((np.pi - t) * I + np.outer(vb, nvw) + np.outer(wb, nwv)) / (2 * np.pi)
    return h1, h2


def pop_hvp(Ws, W, U):
    d, K = W.shape
    out = np.zeros((d, K))
    for a in range(K):
        Haa = np.eye(d) / 2
        for b in range(K):
            Haa -= h_blocks(W[:, a], Ws[:, b])[0]
            if b != a:
                h1, h2 = h_blocks(W[:, a], W[:, b])
                Haa += h1
                out[:, a] += h2 @ U[:, b]
        out[:, a] += Haa @ U[:, a]
    return out


# ---------------------------------------------------------------- protocol loop
def answer(req):
    cmd = req["cmd"]
    if cmd == "start":
        return {"protocol": 1, "implementation": {"name": "control einsum", "language": "python"},
                "capabilities": CAPABILITIES, "reluAtZero": 1, "precision": "float64"}
    if cmd == "dataset":
        DATA[req["name"]] = (arr(req["X"]).reshape(req["n"], req["d"]), arr(req["y"]))
        return {}
    if cmd == "drop":
        for name in req["datasets"]:
            DATA.pop(name, None)
        return {}
    if cmd in ("populationLoss", "populationGradient", "populationHvp"):
        Ws, W = mat(req["Wstar"]), mat(req["W"])
        if cmd == "populationLoss":
            return {"loss": pop_loss(Ws, W, float(req["nu"]))}
        if cmd == "populationGradient":
            return {"gradient": wire(flat(pop_grad(Ws, W)))}
        U = arr(req["u"]).reshape(W.shape[1], W.shape[0]).T
        return {"hvp": wire(flat(pop_hvp(Ws, W, U)))}
    X, y = DATA[req["dataset"]]
    if cmd == "loss":
        return {"loss": loss(X, y, mat(req["W"]))}
    if cmd == "gradient":
        return {"gradient": wire(flat(gradient(X, y, mat(req["W"]))))}
    if cmd == "hvp":
        W = mat(req["W"])
        return {"hvp": wire(flat(hvp(X, W, arr(req["u"]).reshape(W.shape[1], W.shape[0]).T)))}
    if cmd == "gd":
        W, trace = gd(X, y, mat(req["W0"]), float(req["eta"]), int(req["iterations"]))
        return {"W": wire(flat(W)), "loss": wire(trace)}
    raise ValueError(f"unknown command {cmd!r}")


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        if req.get("cmd") == "stop":
            return
        try:
            msg = {"id": req["id"], "result": answer(req)}
        except Exception as exc:  # an error reply, and keep serving
            msg = {"id": req["id"], "error": {"message": f"{type(exc).__name__}: {exc}"}}
        sys.stdout.write(json.dumps(msg, allow_nan=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
