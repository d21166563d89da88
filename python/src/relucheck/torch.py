"""``relucheck.torch``: an Implementation built from a PyTorch model or loss function.

The gradient comes from autograd, the Hessian-vector product from double backward, gradient
descent from the user's optimizer step (``torch.optim.SGD`` by default). The kink convention
is declared as PyTorch computes it: ``relu_at_zero = 0`` (``torch.relu``'s backward passes the
gradient only where ``z > 0``), and the precision is the dtype's (float64, or float32 with
its own rounding bounds).

Two ways in:

- :func:`from_model`: ``make_model(d, K)`` returns an ``nn.Module`` mapping X (n x d) to the
  network's outputs (n), whose hidden weights are one parameter, stored as ``nn.Linear``
  stores them (K x d). The loss is Zhang et al.'s ``sum_i (f(x_i) - y_i)^2 / (2N)``.
- :func:`from_loss`: ``loss(X, y, W)`` returns the empirical loss as a 0-d tensor, with W a
  d x K tensor (unit k in column k); optionally ``population_loss(Wstar, W, nu)`` too.

>>> import torch, relucheck.torch
>>> class Net(torch.nn.Module):
...     def __init__(self, d, K):
...         super().__init__()
...         self.hidden = torch.nn.Linear(d, K, bias=False)
...     def forward(self, X):
...         return torch.relu(self.hidden(X)).sum(dim=1)
>>> solver = relucheck.torch.from_model(Net)
>>> (solver.relu_at_zero, solver.precision)
(0, 'float64')

Serve it with ``relucheck.serve(solver)`` or guard it from pytest with
``test_net = relucheck.claims(solver)`` (``solver`` bound at module level).
"""
from __future__ import annotations

import numpy as np
import torch

_PRECISION = {torch.float64: "float64", torch.float32: "float32"}


def _sgd(params, lr):
    return torch.optim.SGD(params, lr=lr)


def _functional_call(module, parameters, args):
    call = getattr(getattr(torch, "func", None), "functional_call", None)
    if call is None:  # torch 1.13 (Debian's python3-torch)
        from torch.nn.utils.stateless import functional_call as call
    return call(module, parameters, args)


class TorchSolver:
    """What :func:`from_model` and :func:`from_loss` return: the Implementation's methods on
    NumPy arrays, computed by torch in ``dtype``."""

    relu_at_zero = 0

    def __init__(self, loss_of_W, *, dtype, optimizer, name, population_loss=None, gd_step=None):
        if dtype not in _PRECISION:
            raise ValueError(f"relucheck.torch: dtype must be torch.float64 or torch.float32, got {dtype}")
        if not callable(optimizer):
            raise TypeError(f"relucheck.torch: optimizer must be a callable (params, lr) -> torch.optim.Optimizer, got {optimizer!r}")
        self._loss_of_W = loss_of_W
        self._population_loss = population_loss
        self._optimizer = optimizer
        self._gd_step = gd_step
        self.dtype = dtype
        self.precision = _PRECISION[dtype]
        self.name = name
        self.version = f"relucheck.torch, torch {torch.__version__}"
        if population_loss is None:  # no population capability without a population loss
            self.population_loss = self.population_gradient = self.population_hvp = None

    # ------------------------------------------------------------------ conversions
    def _t(self, a, requires_grad=False):
        return torch.tensor(np.asarray(a), dtype=self.dtype, requires_grad=requires_grad)

    @staticmethod
    def _np(t):
        return t.detach().cpu().numpy()

    # ------------------------------------------------------------------ empirical
    def loss(self, X, y, W):
        with torch.no_grad():
            return self._np(self._loss_of_W(self._t(X), self._t(y), self._t(W)))

    def gradient(self, X, y, W):
        Wt = self._t(W, requires_grad=True)
        (g,) = torch.autograd.grad(self._loss_of_W(self._t(X), self._t(y), Wt), Wt)
        return self._np(g)

    def hvp(self, X, y, W, U):
        Wt = self._t(W, requires_grad=True)
        (g,) = torch.autograd.grad(self._loss_of_W(self._t(X), self._t(y), Wt), Wt, create_graph=True)
        (hv,) = torch.autograd.grad(g, Wt, grad_outputs=self._t(U), allow_unused=True)
        # relu'' = 0 away from kinks: a network whose loss is linear in W along U has no graph
        # from g back to W, which autograd reports as None.
        return self._np(hv) if hv is not None else np.zeros_like(np.asarray(W))

    def gradient_descent(self, X, y, W0, eta, iterations):
        """T steps of the user's optimizer (lr = eta) on L_N; the T + 1 losses of the iterates."""
        Xt, yt = self._t(X), self._t(y)
        if self._gd_step is not None:
            return self._gd_step(Xt, yt, self._t(W0), eta, iterations)
        W = self._t(W0, requires_grad=True)
        opt = self._optimizer([W], eta)
        losses = []
        for _ in range(iterations):
            opt.zero_grad()
            loss = self._loss_of_W(Xt, yt, W)
            losses.append(loss.item())
            loss.backward()
            opt.step()
        with torch.no_grad():
            losses.append(self._loss_of_W(Xt, yt, W).item())
        return self._np(W), np.asarray(losses, dtype=np.float32 if self.dtype == torch.float32 else np.float64)

    # ------------------------------------------------------------------ population
    def population_loss(self, Wstar, W, nu):
        with torch.no_grad():
            return self._np(self._population_loss(self._t(Wstar), self._t(W), nu))

    def population_gradient(self, Wstar, W):
        Wt = self._t(W, requires_grad=True)
        (g,) = torch.autograd.grad(self._population_loss(self._t(Wstar), Wt, 0.0), Wt)
        return self._np(g)

    def population_hvp(self, Wstar, W, U):
        Wt = self._t(W, requires_grad=True)
        (g,) = torch.autograd.grad(self._population_loss(self._t(Wstar), Wt, 0.0), Wt, create_graph=True)
        (hv,) = torch.autograd.grad(g, Wt, grad_outputs=self._t(U), allow_unused=True)
        return self._np(hv) if hv is not None else np.zeros_like(np.asarray(W))


def from_loss(loss, *, population_loss=None, dtype=torch.float64, optimizer=_sgd, name=None) -> TorchSolver:
    """An Implementation from ``loss(X, y, W) -> 0-d tensor`` (W: d x K tensor, unit k in
    column k) and optionally ``population_loss(Wstar, W, nu)``. `optimizer(params, lr)` builds
    the optimizer gradient descent steps with (default plain SGD); `dtype` is the arithmetic
    (torch.float64, or torch.float32 declared as precision float32)."""
    if not callable(loss):
        raise TypeError(f"relucheck.torch.from_loss: loss must be callable (X, y, W) -> tensor, got {loss!r}")
    if population_loss is not None and not callable(population_loss):
        raise TypeError(f"relucheck.torch.from_loss: population_loss must be callable (Wstar, W, nu) -> tensor, got {population_loss!r}")
    return TorchSolver(loss, dtype=dtype, optimizer=optimizer, population_loss=population_loss,
                       name=name or f"relucheck.torch loss {getattr(loss, '__qualname__', type(loss).__name__)}")


def from_model(make_model, *, weight: str | None = None, dtype=torch.float64, optimizer=_sgd, name=None) -> TorchSolver:
    """An Implementation from ``make_model(d, K) -> nn.Module`` (X n x d -> outputs n), one
    model per (d, K), cast to `dtype`. `weight` names the hidden-weight parameter (default: the
    model's only parameter), stored K x d as ``nn.Linear`` stores it. Gradient descent sets that
    parameter to W0 and runs `optimizer(model.parameters(), lr=eta)` (default plain SGD)."""
    if not callable(make_model):
        raise TypeError(f"relucheck.torch.from_model: make_model must be callable (d, K) -> nn.Module, got {make_model!r}")
    models: dict = {}

    def model_for(d: int, K: int):
        key = (d, K)
        if key not in models:
            model = make_model(d, K)
            if not isinstance(model, torch.nn.Module):
                raise TypeError(f"relucheck.torch.from_model: make_model({d}, {K}) returned {type(model).__name__}, not an nn.Module")
            model = model.to(dtype)
            params = dict(model.named_parameters())
            pname = weight
            if pname is None:
                if len(params) != 1:
                    raise ValueError(f"relucheck.torch.from_model: the model has parameters {sorted(params)}; "
                                     f"name the hidden weights with weight='...'")
                pname = next(iter(params))
            if pname not in params:
                raise ValueError(f"relucheck.torch.from_model: weight={pname!r} is not a parameter of the model ({sorted(params)})")
            if tuple(params[pname].shape) != (K, d):
                raise ValueError(f"relucheck.torch.from_model: parameter {pname!r} has shape {tuple(params[pname].shape)}, "
                                 f"expected (K, d) = ({K}, {d}) as nn.Linear(d, K) stores it")
            models[key] = (model, pname)
        return models[key]

    def predictions(model, pname, X, W):
        out = _functional_call(model, {pname: W.T}, (X,))
        return out.reshape(X.shape[0])

    def loss_of_W(X, y, W):
        model, pname = model_for(X.shape[1], W.shape[1])
        r = predictions(model, pname, X, W) - y
        return (r @ r) / (2 * X.shape[0])

    def gd_step(X, y, W0, eta, iterations):
        model, pname = model_for(X.shape[1], W0.shape[1])
        param = dict(model.named_parameters())[pname]
        with torch.no_grad():
            param.copy_(W0.T)
        opt = optimizer(model.parameters(), eta)

        def current_loss():
            r = model(X).reshape(X.shape[0]) - y
            return (r @ r) / (2 * X.shape[0])

        losses = []
        for _ in range(iterations):
            opt.zero_grad()
            loss = current_loss()
            losses.append(loss.item())
            loss.backward()
            opt.step()
        with torch.no_grad():
            losses.append(current_loss().item())
        np_dtype = np.float32 if dtype == torch.float32 else np.float64
        return param.detach().T.cpu().numpy().copy(), np.asarray(losses, dtype=np_dtype)

    label = name or f"relucheck.torch model {getattr(make_model, '__qualname__', type(make_model).__name__)}"
    return TorchSolver(loss_of_W, dtype=dtype, optimizer=optimizer, name=label, gd_step=gd_step)
