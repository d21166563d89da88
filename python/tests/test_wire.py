import base64
import math

import numpy as np
import pytest

from relucheck import wire


def test_weights_layout_is_unit_contiguous():
    W = np.arange(6.0).reshape(3, 2)          # d = 3, K = 2: column k is unit k
    flat = np.frombuffer(base64.b64decode(wire.encode_weights(W)["data"]["f64"]), "<f8")
    assert flat.tolist() == [0.0, 2.0, 4.0, 1.0, 3.0, 5.0]   # data[k*d + i] = W[i, k]
    assert (wire.decode_weights(wire.encode_weights(W)) == W).all()


def test_arrays_round_trip_bit_for_bit_including_signed_zero_and_nan():
    values = np.array([-0.0, 1e-310, np.pi, np.nan, -np.inf])
    back = wire.decode_array(wire.encode_array(values))
    assert back.tobytes() == values.tobytes()


def test_json_arrays_and_non_finite_scalars():
    assert wire.decode_array([1, "NaN", "-Infinity"])[2] == -math.inf
    assert [wire.encode_scalar(v) for v in (0.5, math.nan, math.inf, -math.inf)] == [0.5, "NaN", "Infinity", "-Infinity"]
    with pytest.raises(ValueError, match="neither a number"):
        wire.decode_scalar("nan")


def test_dataset_is_read_only_and_checked():
    X, y = np.arange(6.0).reshape(3, 2), np.arange(3.0)
    req = {"n": 3, "d": 2, "X": wire.encode_array(X), "y": wire.encode_array(y)}
    X2, y2 = wire.decode_dataset(req)
    assert (X2 == X).all() and (y2 == y).all()
    with pytest.raises(ValueError, match="read-only"):
        X2[0, 0] = 1.0
    with pytest.raises(ValueError, match="y has 3 values, expected n = 4"):
        wire.decode_dataset({**req, "n": 4, "X": wire.encode_array(np.zeros(8))})


def test_truncated_base64_is_an_error():
    with pytest.raises(ValueError, match="multiple of 8"):
        wire.decode_array({"f64": base64.b64encode(b"1234").decode()})
