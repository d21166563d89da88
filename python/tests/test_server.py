import io
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from relucheck import Server, serve, wire
from solvers import Chatty, EmpiricalSolver, Float32Solver

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)
X, y, W = rng.standard_normal((20, 3)), rng.standard_normal(20), rng.standard_normal((3, 2))


def session(obj, **kw):
    s = Server(obj, **kw)
    start = s.handle({"cmd": "start", "id": 0, "protocol": 1})
    s.handle({"cmd": "dataset", "id": 1, "name": "D1", "n": 20, "d": 3, "X": wire.encode_array(X), "y": wire.encode_array(y)})
    return s, start


def answer(reply, field):
    assert "result" in reply, reply
    return wire.decode_array(reply["result"][field])


def test_handshake_lists_capabilities_in_protocol_order_and_declares_nothing_by_default():
    _, start = session(EmpiricalSolver())
    assert start["result"]["capabilities"] == ["loss", "gradient", "hvp", "gd", "drop"]
    assert start["result"]["implementation"]["name"] == "tests EmpiricalSolver"
    assert "reluAtZero" not in start["result"] and "precision" not in start["result"]


def test_handshake_carries_declarations():
    class Torchy(EmpiricalSolver):
        relu_at_zero = 0
        precision = "float32"
    _, start = session(Torchy())
    assert (start["result"]["reluAtZero"], start["result"]["precision"]) == (0, "float32")


@pytest.mark.parametrize("attr, value, message", [
    ("relu_at_zero", 2, "relu_at_zero must be 0"), ("precision", "f64", "precision must be 'float64' or 'float32'")])
def test_bad_declarations_are_refused_naming_the_attribute(attr, value, message):
    obj = EmpiricalSolver()
    setattr(obj, attr, value)
    with pytest.raises(ValueError, match=message):
        Server(obj)


def test_gradient_comes_back_in_the_unit_contiguous_layout():
    s, _ = session(EmpiricalSolver())
    reply = s.handle({"cmd": "gradient", "id": 2, "dataset": "D1", "W": wire.encode_weights(W)})
    expected = EmpiricalSolver().gradient(X, y, W)
    assert answer(reply, "gradient").tolist() == expected.T.ravel().tolist()


def test_gd_returns_final_iterate_and_losses():
    s, _ = session(EmpiricalSolver())
    reply = s.handle({"cmd": "gd", "id": 2, "dataset": "D1", "W0": wire.encode_weights(W), "eta": 0.1, "iterations": 3})
    assert answer(reply, "loss").shape == (4,)
    assert answer(reply, "W").size == 6


def test_errors_are_replies_with_tracebacks_and_the_server_keeps_serving():
    class Broken(EmpiricalSolver):
        def loss(self, X, y, W):
            raise RuntimeError("boom")
    s, _ = session(Broken())
    reply = s.handle({"cmd": "loss", "id": 5, "dataset": "D1", "W": wire.encode_weights(W)})
    assert reply["id"] == 5 and reply["error"]["message"] == "RuntimeError: boom"
    assert "Traceback" in reply["error"]["detail"] and "in loss" in reply["error"]["detail"]
    assert "result" in s.handle({"cmd": "gradient", "id": 6, "dataset": "D1", "W": wire.encode_weights(W)})


def test_float32_answers_are_refused_unless_declared():
    s, _ = session(Float32Solver())
    reply = s.handle({"cmd": "gradient", "id": 2, "dataset": "D1", "W": wire.encode_weights(W)})
    assert "gradient() is float32" in reply["error"]["message"] and "precision = 'float32'" in reply["error"]["message"]
    declared = Float32Solver()
    declared.precision = "float32"
    s, _ = session(declared)
    assert "result" in s.handle({"cmd": "gradient", "id": 2, "dataset": "D1", "W": wire.encode_weights(W)})


def test_transposed_answers_are_refused_with_a_hint():
    class Transposed(EmpiricalSolver):
        def gradient(self, X, y, W):
            return super().gradient(X, y, W).T
    s, _ = session(Transposed())
    reply = s.handle({"cmd": "gradient", "id": 2, "dataset": "D1", "W": wire.encode_weights(W)})
    assert "shape (2, 3), expected (3, 2) (transposed?" in reply["error"]["message"]


def test_drop_releases_datasets_and_ignores_unknown_names():
    s, _ = session(EmpiricalSolver())
    assert s.handle({"cmd": "drop", "id": 2, "datasets": ["D1", "D9"]}) == {"id": 2, "result": {}}
    reply = s.handle({"cmd": "loss", "id": 3, "dataset": "D1", "W": wire.encode_weights(W)})
    assert "unknown dataset 'D1'" in reply["error"]["message"]


def test_undeclared_commands_and_other_protocols_are_errors():
    class LossOnly:
        def loss(self, X, y, W):
            return 0.0
    s, _ = session(LossOnly())
    assert "the object has no hvp method" in s.handle({"cmd": "hvp", "id": 2, "dataset": "D1", "W": {}, "u": {}})["error"]["message"]
    out = io.StringIO()
    serve(LossOnly(), stdin=io.StringIO('{"cmd":"start","id":0,"protocol":2}\n{"cmd":"loss","id":1}\n'), stdout=out)
    replies = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(replies) == 1 and "protocol 2 not supported" in replies[0]["error"]["message"]


def test_an_object_without_methods_is_refused():
    with pytest.raises(TypeError, match="none of the methods"):
        Server(object())


def test_prints_and_fd1_writes_never_reach_the_protocol_channel():
    """A real process: print() inside a method, a C-level write to fd 1 and a child process
    writing to its inherited stdout all land on stderr; stdout carries JSON lines only."""
    script = ("import os, subprocess, sys, relucheck, solvers\n"
              "class Noisy(solvers.Chatty):\n"
              "    def gradient(self, X, y, W):\n"
              "        os.write(1, b'raw fd write\\n')\n"
              "        subprocess.run([sys.executable, '-c', 'print(\"child output\")'])\n"
              "        return super().gradient(X, y, W)\n"
              "relucheck.serve(Noisy())\n")
    requests = [{"cmd": "start", "id": 0, "protocol": 1},
                {"cmd": "dataset", "id": 1, "name": "D1", "n": 20, "d": 3, "X": wire.encode_array(X), "y": wire.encode_array(y)},
                {"cmd": "loss", "id": 2, "dataset": "D1", "W": wire.encode_weights(W)},
                {"cmd": "gradient", "id": 3, "dataset": "D1", "W": wire.encode_weights(W)},
                {"cmd": "stop", "id": 4}]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.path.join(HERE, "..", "src"), HERE])}
    run = subprocess.run([sys.executable, "-c", script], input="".join(json.dumps(r) + "\n" for r in requests),
                         capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    replies = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["id"] for r in replies] == [0, 1, 2, 3] and all("result" in r for r in replies), run.stdout
    for text in ("computing the loss", "raw fd write", "child output"):
        assert text in run.stderr
    assert Chatty is not None


def test_protocol_level_handlers_and_capabilities_replace_the_built_in_ones():
    """What servers that plant bugs or count datasets build on (examples/python)."""
    def negated_gradient(server, req):
        X, y = server.dataset(req["dataset"])
        W = wire.decode_weights(req["W"])
        return {"gradient": wire.encode_array(wire.to_wire_layout(-EmpiricalSolver().gradient(X, y, W)))}
    s, start = session(EmpiricalSolver(), handlers={"gradient": negated_gradient}, capabilities=["loss", "gradient"])
    assert start["result"]["capabilities"] == ["loss", "gradient"]
    reply = s.handle({"cmd": "gradient", "id": 2, "dataset": "D1", "W": wire.encode_weights(W)})
    assert answer(reply, "gradient").tolist() == (-EmpiricalSolver().gradient(X, y, W)).T.ravel().tolist()
    assert Server.HANDLERS["dataset"] is s.handlers["dataset"]
    with pytest.raises(TypeError, match=r"handlers\['loss'\] must be callable"):
        Server(EmpiricalSolver(), handlers={"loss": 3})
