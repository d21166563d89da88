"""Wire encoding of the relucheck protocol (docs/protocol.md, "Numbers" and "Layouts").

Arrays travel as ``{"f64": base64 of little-endian doubles}`` (replies may also be plain JSON
arrays), scalars as JSON numbers, non-finite values as the strings ``"NaN"``,
``"Infinity"``, ``"-Infinity"``. Weights travel with hidden unit k contiguous
(``data[k*d + i] = W[i, k]``); in Python they are d x K arrays, unit k in column k.

>>> import numpy as np
>>> W = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])          # d = 3, K = 2
>>> bool((decode_weights(encode_weights(W)) == W).all())
True
"""
from __future__ import annotations

import base64
import math

import numpy as np

_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def decode_scalar(wire) -> float:
    """A JSON number or one of the non-finite strings -> float."""
    if isinstance(wire, str):
        if wire not in _NON_FINITE:
            raise ValueError(f"scalar {wire!r} is neither a number nor NaN/Infinity/-Infinity")
        return _NON_FINITE[wire]
    if isinstance(wire, bool) or not isinstance(wire, (int, float)):
        raise ValueError(f"scalar {wire!r} is not a JSON number")
    return float(wire)


def encode_scalar(value: float):
    """float -> JSON number, or the protocol's string for NaN and infinities."""
    value = float(value)
    if math.isfinite(value):
        return value
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def decode_array(wire) -> np.ndarray:
    """``{"f64": base64}`` or a JSON array -> a fresh, writable 1-D float64 array."""
    if isinstance(wire, dict):
        raw = base64.b64decode(wire["f64"], validate=True)
        if len(raw) % 8:
            raise ValueError(f"f64 array has {len(raw)} bytes, not a multiple of 8")
        return np.frombuffer(raw, dtype="<f8").astype(np.float64)
    if isinstance(wire, list):
        return np.array([decode_scalar(v) for v in wire], dtype=np.float64)
    raise ValueError(f"array must be {{'f64': base64}} or a JSON list, got {type(wire).__name__}")


def encode_array(values) -> dict:
    """Any float array -> ``{"f64": base64}`` of its values in C order."""
    flat = np.ascontiguousarray(np.asarray(values, dtype=np.float64).ravel(), dtype="<f8")
    return {"f64": base64.b64encode(flat.tobytes()).decode("ascii")}


def decode_weights(wire) -> np.ndarray:
    """Wire weights ``{"d", "K", "data"}`` -> d x K float64 array (unit k in column k)."""
    d, K = wire["d"], wire["K"]
    data = decode_array(wire["data"])
    if data.size != d * K:
        raise ValueError(f"weights data has {data.size} values, expected d*K = {d}*{K}")
    return np.ascontiguousarray(data.reshape(K, d).T)


def to_wire_layout(W: np.ndarray) -> np.ndarray:
    """d x K -> flat, unit-contiguous (the protocol's layout for every W-shaped answer)."""
    return np.asarray(W).T.ravel()


def encode_weights(W) -> dict:
    """d x K array -> wire weights ``{"d", "K", "data"}``."""
    W = np.asarray(W, dtype=np.float64)
    d, K = W.shape
    return {"d": int(d), "K": int(K), "data": encode_array(to_wire_layout(W))}


def decode_dataset(request) -> tuple[np.ndarray, np.ndarray]:
    """A ``dataset`` request -> (X, y): X n x d row-major, y of length n, both read-only
    (a solver that writes into the data it was given would corrupt later calls)."""
    n, d = request["n"], request["d"]
    X = decode_array(request["X"])
    y = decode_array(request["y"])
    if X.size != n * d:
        raise ValueError(f"X has {X.size} values, expected n*d = {n}*{d}")
    if y.size != n:
        raise ValueError(f"y has {y.size} values, expected n = {n}")
    X = X.reshape(n, d)
    X.flags.writeable = False
    y.flags.writeable = False
    return X, y
