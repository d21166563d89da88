#!/usr/bin/env python3
"""A relucheck protocol server (docs/protocol.md) around relu_numpy.py and
tensor_init_numpy.py, built on the relucheck Python package (python/): it offers every
capability of the protocol, `init` and `drop` included.

Run it under the harness:

    relucheck check --cmd "python3 examples/python/relucheck_server.py"

The package does the protocol (base64 arrays, the unit-contiguous weight layout, `drop`,
error replies with tracebacks, stdout kept for the protocol); this file only says which NumPy
function answers which method. Installed (`pip install --no-build-isolation ./python`) the
package is imported from site-packages; in a clone without it, from python/src.

`serve(handlers=..., capabilities=..., name=...)` replaces commands at the protocol level
(handler(session, request) -> result dict, with `session.dataset(name)` -> (X, y) and the
wire helpers re-exported here): the planted bugs in spec/protocol/python/ use it.
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
try:
    import relucheck
except ImportError:  # a clone without the package installed
    sys.path.insert(0, os.path.join(HERE, "..", "..", "python", "src"))
    import relucheck

import numpy as np  # noqa: E402
from relucheck.wire import decode_array, decode_scalar, decode_weights, encode_array, encode_scalar  # noqa: E402,F401

import relu_numpy as rn  # noqa: E402
import tensor_init_numpy as ti  # noqa: E402


class NumpySolver:
    """The independent NumPy implementation, method by method (W d x K, unit k in column k)."""

    name = "relu_numpy"
    version = f"numpy {np.__version__}, python {sys.version.split()[0]}"

    def loss(self, X, y, W):
        return rn.loss(X, y, W)

    def gradient(self, X, y, W):
        return rn.gradient(X, y, W)

    def hvp(self, X, y, W, U):
        return rn.hvp(X, W, U)

    def population_loss(self, Wstar, W, nu):
        return rn.population_loss(Wstar, W, nu)

    def population_gradient(self, Wstar, W):
        return rn.population_gradient(Wstar, W)

    def population_hvp(self, Wstar, W, U):
        return rn.population_hvp(Wstar, W, U)

    def gradient_descent(self, X, y, W0, eta, iterations):
        return rn.gradient_descent(X, y, W0, eta, iterations)

    def tensor_init(self, X, y, K, seed):
        """The request's seed seeds numpy.random.default_rng (see tensor_init_numpy.py): the
        same dataset, K and seed give the same W bit for bit."""
        return ti.tensor_init(X, y, K, seed)


# The package's protocol-level handlers, under the names servers built on this one use.
HANDLERS = dict(relucheck.Server.HANDLERS)
h_dataset = HANDLERS["dataset"]
h_drop = HANDLERS["drop"]

# Capability names of the protocol, in the handshake's order ("drop": protocol 1.1).
CAPABILITIES = ["loss", "gradient", "hvp", "population", "populationHvp", "gd", "init", "drop"]


def serve(handlers=None, capabilities=CAPABILITIES, name="relu_numpy", stdin=None, stdout=None):
    """Answers requests until `stop` or end of input; `handlers` replaces commands."""
    relucheck.serve(NumpySolver(), name=name, handlers=handlers, capabilities=capabilities, stdin=stdin, stdout=stdout)


if __name__ == "__main__":
    serve()
