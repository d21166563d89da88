"""The protocol 1.x loop (docs/protocol.md) around any object with the Implementation's
methods (see relucheck.implementation for the method table).

>>> import io, json
>>> class Zero:
...     def loss(self, X, y, W): return 0.0
>>> out = io.StringIO()
>>> serve(Zero(), stdin=io.StringIO('{"cmd":"start","id":0,"protocol":1}\\n'), stdout=out)
>>> json.loads(out.getvalue())["result"]["capabilities"]
['loss', 'drop']
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import traceback

import numpy as np

from . import wire
from .implementation import METHOD_NAMES, checked_array, checked_scalar, describe

PROTOCOL_VERSION = 1
PROTOCOL_MINOR_VERSION = 2


class Server:
    """One session: the datasets sent so far and a handler per command. `handle(request)`
    returns the reply as a dict (None for `stop`); serve() runs it over a line stream.

    `handlers` replaces commands at the protocol level: ``{"gradient": fn}`` with
    ``fn(server, request) -> result dict`` (encode with relucheck.wire; read datasets with
    ``server.dataset(name)``). Servers that plant bugs or count datasets use it; `Server.HANDLERS`
    holds the built-in ones. `capabilities` replaces the list the handshake declares.
    """

    def __init__(self, obj, name: str | None = None, *, handlers: dict | None = None, capabilities=None):
        self.description = describe(obj, name)
        self.datasets: dict = {}
        self.stopped = False
        for cmd, fn in (handlers or {}).items():
            if not callable(fn):
                raise TypeError(f"handlers[{cmd!r}] must be callable (server, request) -> result, got {fn!r}")
        self.handlers = {**self.HANDLERS, **(handlers or {})}
        self.overridden = set(handlers or {})
        self.capabilities = list(capabilities) if capabilities is not None else [*self.description.capabilities, "drop"]

    # -------------------------------------------------------------- session commands
    def _start(self, req):
        if req.get("protocol") != PROTOCOL_VERSION:
            self.stopped = True
            raise ValueError(f"protocol {req.get('protocol')!r} not supported; this server speaks {PROTOCOL_VERSION}")
        d = self.description
        version = d.version or f"relucheck-python, numpy {np.__version__}, python {sys.version.split()[0]}"
        result = {"protocol": PROTOCOL_VERSION,
                  "implementation": {"name": d.name, "language": "python", "version": version},
                  "capabilities": self.capabilities}
        # Declarations (protocol 1.2) only when the object makes them: a harness older than 1.2
        # rejects the fields, so an object that declares nothing stays 1.0/1.1-compatible.
        if d.relu_at_zero is not None:
            result["reluAtZero"] = d.relu_at_zero
        if d.precision is not None:
            result["precision"] = d.precision
        return result

    def _dataset(self, req):
        self.datasets[req["name"]] = wire.decode_dataset(req)
        return {}

    def _drop(self, req):
        for name in req["datasets"]:
            self.datasets.pop(name, None)  # unknown names are ignored (protocol 1.1)
        return {}

    def dataset(self, name):
        """(X, y) of a dataset the harness sent (read-only arrays)."""
        if name not in self.datasets:
            raise KeyError(f"unknown dataset {name!r}: it was never sent, or was dropped")
        return self.datasets[name]

    data = dataset

    # -------------------------------------------------------------- user methods
    def _call(self, method, *args):
        fn = self.description.methods.get(method)
        if fn is None:
            raise NotImplementedError(f"command {method!r}: the object does not offer it")
        with _stdout_to_stderr():
            return fn(*args)

    def _scalar(self, method, *args):
        return wire.encode_scalar(checked_scalar(f"{method}()", self._call(method, *args), self.description))

    def _like(self, method, shape, *args):
        value = checked_array(f"{method}()", self._call(method, *args), shape, self.description)
        return wire.encode_array(wire.to_wire_layout(value))

    def _loss(self, req):
        X, y = self.dataset(req["dataset"])
        return {"loss": self._scalar("loss", X, y, wire.decode_weights(req["W"]))}

    def _gradient(self, req):
        X, y = self.dataset(req["dataset"])
        W = wire.decode_weights(req["W"])
        return {"gradient": self._like("gradient", W.shape, X, y, W)}

    def _hvp(self, req):
        X, y = self.dataset(req["dataset"])
        W = wire.decode_weights(req["W"])
        U = wire.decode_weights({"d": W.shape[0], "K": W.shape[1], "data": req["u"]})
        return {"hvp": self._like("hvp", W.shape, X, y, W, U)}

    def _population_loss(self, req):
        Wstar, W = wire.decode_weights(req["Wstar"]), wire.decode_weights(req["W"])
        return {"loss": self._scalar("populationLoss", Wstar, W, wire.decode_scalar(req["nu"]))}

    def _population_gradient(self, req):
        Wstar, W = wire.decode_weights(req["Wstar"]), wire.decode_weights(req["W"])
        return {"gradient": self._like("populationGradient", W.shape, Wstar, W)}

    def _population_hvp(self, req):
        Wstar, W = wire.decode_weights(req["Wstar"]), wire.decode_weights(req["W"])
        U = wire.decode_weights({"d": W.shape[0], "K": W.shape[1], "data": req["u"]})
        return {"hvp": self._like("populationHvp", W.shape, Wstar, W, U)}

    def _gd(self, req):
        X, y = self.dataset(req["dataset"])
        W0, T = wire.decode_weights(req["W0"]), int(req["iterations"])
        answer = self._call("gd", X, y, W0, wire.decode_scalar(req["eta"]), T)
        W, losses = (answer["W"], answer["loss"]) if isinstance(answer, dict) else answer
        W = checked_array("gradient_descent() W", W, W0.shape, self.description)
        losses = checked_array("gradient_descent() losses", losses, (T + 1,), self.description)
        return {"W": wire.encode_array(wire.to_wire_layout(W)), "loss": wire.encode_array(losses)}

    def _init(self, req):
        X, y = self.dataset(req["dataset"])
        K = int(req["K"])
        W = checked_array("tensor_init()", self._call("init", X, y, K, int(req["seed"])), (X.shape[1], K), self.description)
        return {"W": wire.encode_array(wire.to_wire_layout(W))}

    HANDLERS = {"start": _start, "dataset": _dataset, "drop": _drop, "loss": _loss,
                 "gradient": _gradient, "hvp": _hvp, "populationLoss": _population_loss,
                 "populationGradient": _population_gradient, "populationHvp": _population_hvp,
                 "gd": _gd, "init": _init}

    def handle(self, req: dict) -> dict | None:
        """One request -> its reply; errors become error replies with the traceback."""
        cmd, rid = req.get("cmd"), req.get("id")
        if cmd == "stop":
            self.stopped = True
            return None
        try:
            handler = self.handlers.get(cmd)
            if handler is None:
                raise NotImplementedError(f"command {cmd!r} is not part of protocol {PROTOCOL_VERSION}.{PROTOCOL_MINOR_VERSION}")
            if cmd in METHOD_NAMES and cmd not in self.description.methods and cmd not in self.overridden:
                raise NotImplementedError(f"command {cmd!r}: the object has no {METHOD_NAMES[cmd][0]} method")
            return {"id": rid, "result": handler(self, req)}
        except Exception as exc:  # reported as data, and the server keeps serving
            return {"id": rid, "error": {"message": f"{type(exc).__name__}: {exc}", "detail": traceback.format_exc()}}


@contextlib.contextmanager
def _stdout_to_stderr():
    """User code's print() goes to stderr; the protocol channel is never sys.stdout."""
    saved = sys.stdout
    sys.stdout = sys.stderr
    try:
        yield
    finally:
        sys.stdout = saved


def _protocol_streams(stdin, stdout):
    """Without explicit streams: reads fd 0, and moves the protocol onto a private copy of
    fd 1 while fd 1 itself is pointed at stderr, so output from C extensions, child
    processes or a print outside a method can never reach the harness."""
    if stdin is None:
        stdin = sys.stdin
    if stdout is None:
        sys.stdout.flush()
        channel = os.dup(1)
        os.dup2(2, 1)
        stdout = os.fdopen(channel, "w", encoding="utf-8")
    return stdin, stdout


def serve(obj, *, name: str | None = None, handlers: dict | None = None, capabilities=None,
          stdin=None, stdout=None) -> None:
    """Answers relucheck's requests for `obj` until `stop` or end of input (`handlers` and
    `capabilities`: see :class:`Server`).

    Run it as a script and point the harness at it:
    ``relucheck check --cmd "python3 my_server.py"`` where my_server.py ends with
    ``relucheck.serve(MySolver())``.
    """
    server = Server(obj, name, handlers=handlers, capabilities=capabilities)
    stdin, stdout = _protocol_streams(stdin, stdout)
    for line in stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
        except ValueError as exc:
            sys.stderr.write(f"relucheck.serve: ignoring a line that is not JSON ({exc})\n")
            continue
        reply = server.handle(req)
        if reply is not None:
            stdout.write(json.dumps(reply, allow_nan=False) + "\n")
            stdout.flush()
        if server.stopped:
            return
