#!/usr/bin/env python3
"""A relucheck protocol server (docs/protocol.md, version 1.1) around relu_numpy.py and
tensor_init_numpy.py; it offers every capability of the protocol, `init` and `drop` included.

Run it under the harness:

    relucheck check --cmd "python3 examples/python/relucheck_server.py"

It reads one JSON request per line on stdin and writes one JSON reply per line on stdout;
logs go to stderr only. It is written against the protocol document, not the TypeScript
code: arrays arrive as {"f64": base64 of little-endian doubles} (or JSON arrays) and leave
as base64, scalars as JSON numbers (Python's repr is the shortest round-trip decimal), and
non-finite values as the strings "NaN", "Infinity", "-Infinity".

`serve(handlers)` is reusable: a server with a changed handler table (see the planted bugs
in spec/protocol/python/) speaks the same protocol.
"""
from __future__ import annotations

import base64
import json
import math
import os
import sys
import traceback

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import relu_numpy as rn  # noqa: E402
import tensor_init_numpy as ti  # noqa: E402

PROTOCOL_VERSION = 1


# ------------------------------------------------------------------ wire encoding
def decode_array(wire) -> np.ndarray:
    if isinstance(wire, dict):
        return np.frombuffer(base64.b64decode(wire["f64"], validate=True), dtype="<f8").astype(np.float64)
    return np.array([decode_scalar(v) for v in wire], dtype=np.float64)


def encode_array(values) -> dict:
    a = np.ascontiguousarray(np.asarray(values, dtype=np.float64).ravel(), dtype="<f8")
    return {"f64": base64.b64encode(a.tobytes()).decode("ascii")}


def decode_scalar(wire) -> float:
    return float(wire)  # float("NaN"), float("Infinity") and float("-Infinity") all parse


def encode_scalar(value: float):
    value = float(value)
    if math.isfinite(value):
        return value
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def decode_weights(wire) -> np.ndarray:
    """Wire weights (unit-contiguous flat data) -> d x K matrix."""
    return rn.unflatten(decode_array(wire["data"]), wire["d"], wire["K"])


# ------------------------------------------------------------------ handlers
class Session:
    """What a session remembers: the datasets sent so far, by name."""

    def __init__(self):
        self.datasets: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def dataset(self, name):
        if name not in self.datasets:
            raise KeyError(f"unknown dataset {name!r}: send it with the dataset command first")
        return self.datasets[name]


def h_dataset(s: Session, req):
    X = decode_array(req["X"]).reshape(req["n"], req["d"])
    y = decode_array(req["y"])
    if y.shape != (req["n"],):
        raise ValueError(f"y has {y.size} values, expected n = {req['n']}")
    s.datasets[req["name"]] = (X, y)
    return {}


def h_drop(s: Session, req):
    """Releases datasets the harness will never name again; unknown names are ignored."""
    for name in req["datasets"]:
        s.datasets.pop(name, None)
    return {}


def h_loss(s, req):
    X, y = s.dataset(req["dataset"])
    return {"loss": encode_scalar(rn.loss(X, y, decode_weights(req["W"])))}


def h_gradient(s, req):
    X, y = s.dataset(req["dataset"])
    return {"gradient": encode_array(rn.flatten(rn.gradient(X, y, decode_weights(req["W"]))))}


def h_hvp(s, req):
    X, _ = s.dataset(req["dataset"])
    W = decode_weights(req["W"])
    U = rn.unflatten(decode_array(req["u"]), W.shape[0], W.shape[1])
    return {"hvp": encode_array(rn.flatten(rn.hvp(X, W, U)))}


def h_population_loss(s, req):
    value = rn.population_loss(decode_weights(req["Wstar"]), decode_weights(req["W"]), decode_scalar(req["nu"]))
    return {"loss": encode_scalar(value)}


def h_population_gradient(s, req):
    g = rn.population_gradient(decode_weights(req["Wstar"]), decode_weights(req["W"]))
    return {"gradient": encode_array(rn.flatten(g))}


def h_population_hvp(s, req):
    W = decode_weights(req["W"])
    U = rn.unflatten(decode_array(req["u"]), W.shape[0], W.shape[1])
    return {"hvp": encode_array(rn.flatten(rn.population_hvp(decode_weights(req["Wstar"]), W, U)))}


def h_gd(s, req):
    X, y = s.dataset(req["dataset"])
    W, losses = rn.gradient_descent(X, y, decode_weights(req["W0"]), decode_scalar(req["eta"]), req["iterations"])
    return {"W": encode_array(rn.flatten(W)), "loss": encode_array(losses)}


def h_init(s, req):
    """Tensor initialization; the request's seed seeds numpy.random.default_rng (see
    tensor_init_numpy.py), so the same dataset, K and seed give the same W bit for bit."""
    X, y = s.dataset(req["dataset"])
    return {"W": encode_array(rn.flatten(ti.tensor_init(X, y, req["K"], req["seed"])))}


HANDLERS = {
    "dataset": h_dataset,
    "drop": h_drop,
    "loss": h_loss,
    "gradient": h_gradient,
    "hvp": h_hvp,
    "populationLoss": h_population_loss,
    "populationGradient": h_population_gradient,
    "populationHvp": h_population_hvp,
    "gd": h_gd,
    "init": h_init,
}

# Capability names of the protocol; "population" needs both population handlers, "drop"
# (protocol 1.1) says this server releases datasets on the drop command.
CAPABILITIES = ["loss", "gradient", "hvp", "population", "populationHvp", "gd", "init", "drop"]


def serve(handlers=HANDLERS, capabilities=CAPABILITIES, name="relu_numpy", stdin=sys.stdin, stdout=sys.stdout):
    """Answers requests until `stop` or end of input."""
    session = Session()

    def reply(message):
        stdout.write(json.dumps(message, allow_nan=False) + "\n")
        stdout.flush()

    for line in stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        cmd, rid = req.get("cmd"), req.get("id")
        if cmd == "stop":
            return
        if cmd == "start":
            if req.get("protocol") != PROTOCOL_VERSION:
                reply({"id": rid, "error": {"message": f"protocol {req.get('protocol')} not supported; this server speaks {PROTOCOL_VERSION}"}})
                return
            reply({"id": rid, "result": {
                "protocol": PROTOCOL_VERSION,
                "implementation": {"name": name, "language": "python",
                                   "version": f"numpy {np.__version__}, python {sys.version.split()[0]}"},
                "capabilities": capabilities}})
            continue
        handler = handlers.get(cmd)
        try:
            if handler is None:
                raise NotImplementedError(f"command {cmd!r} is not supported")
            reply({"id": rid, "result": handler(session, req)})
        except Exception as exc:  # report, keep serving: one bad request is not a dead server
            reply({"id": rid, "error": {"message": f"{type(exc).__name__}: {exc}", "detail": traceback.format_exc()}})


if __name__ == "__main__":
    serve()
