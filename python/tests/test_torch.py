import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="relucheck.torch needs torch, which this interpreter cannot import")

import relucheck  # noqa: E402
from relucheck import Server  # noqa: E402
from torch_solvers import loss64, model32, model64, planted_momentum  # noqa: E402

rng = np.random.default_rng(3)
X, y, W, U = rng.standard_normal((30, 4)), rng.standard_normal(30), rng.standard_normal((4, 3)), rng.standard_normal((4, 3))


def numpy_strict(X, y, W, U):
    """loss, gradient and Gauss-Newton HVP with the mask z > 0 (relu'(0) = 0)."""
    Z = X @ W
    D = (Z > 0).astype(float)
    r = np.maximum(Z, 0).sum(axis=1) - y
    s = (D * (X @ U)).sum(axis=1)
    return r @ r / (2 * len(y)), X.T @ (D * r[:, None]) / len(y), X.T @ (D * s[:, None]) / len(y)


@pytest.mark.parametrize("solver", [model64, loss64], ids=["from_model", "from_loss"])
def test_autograd_answers_match_the_closed_forms_in_float64(solver):
    L, G, H = numpy_strict(X, y, W, U)
    assert solver.loss(X, y, W) == pytest.approx(L, rel=1e-13)
    np.testing.assert_allclose(solver.gradient(X, y, W), G, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(solver.hvp(X, y, W, U), H, rtol=1e-12, atol=1e-15)


def test_at_a_kink_the_gradient_uses_torch_relu_convention_z_greater_than_0():
    Xk = X.copy()
    Xk[0] = 0.0                                      # w_k . x_0 = 0 for every unit
    _, G, _ = numpy_strict(Xk, y, W, U)
    np.testing.assert_allclose(model64.gradient(Xk, y, W), G, rtol=1e-12, atol=1e-15)
    assert model64.relu_at_zero == 0


@pytest.mark.parametrize("solver", [model64, loss64], ids=["from_model", "from_loss"])
def test_gradient_descent_is_the_optimizer_s_steps_with_t_plus_1_losses(solver):
    W_T, losses = solver.gradient_descent(X, y, W, 0.1, 3)
    V = W.copy()
    expected = [numpy_strict(X, y, V, U)[0]]
    for _ in range(3):
        V = V - 0.1 * numpy_strict(X, y, V, U)[1]
        expected.append(numpy_strict(X, y, V, U)[0])
    np.testing.assert_allclose(W_T, V, rtol=1e-12)
    np.testing.assert_allclose(losses, expected, rtol=1e-12)
    # Momentum changes the iterates after the first step: the planted optimizer is not GD.
    assert not np.allclose(planted_momentum.gradient_descent(X, y, W, 0.1, 3)[0], V, rtol=1e-6)


def test_handshake_declares_kink_convention_and_precision():
    for solver, precision in ((model64, "float64"), (model32, "float32")):
        start = Server(solver).handle({"cmd": "start", "id": 0, "protocol": 1})["result"]
        assert (start["reluAtZero"], start["precision"]) == (0, precision)
        assert start["capabilities"] == ["loss", "gradient", "hvp", "gd", "drop"]


def test_float32_answers_are_float32():
    assert model32.gradient(X, y, W).dtype == np.float32


def test_bad_arguments_are_refused_naming_them():
    import relucheck.torch as rt
    with pytest.raises(ValueError, match="dtype must be torch.float64 or torch.float32, got torch.float16"):
        rt.from_loss(lambda X, y, W: X.sum(), dtype=torch.float16)
    two = rt.from_model(lambda d, K: torch.nn.Sequential(torch.nn.Linear(d, K), torch.nn.ReLU()))
    with pytest.raises(ValueError, match=r"parameters \['0.bias', '0.weight'\]; name the hidden weights with weight="):
        two.loss(X, y, W)
    transposed = rt.from_model(lambda d, K: torch.nn.Linear(K, d, bias=False), weight="weight")
    with pytest.raises(ValueError, match=r"has shape \(4, 3\), expected \(K, d\) = \(3, 4\)"):
        transposed.loss(X, y, W)
    assert relucheck is not None
