"""Reads a user's object as a relucheck Implementation: which methods it has (its
capabilities), what it declares (kink convention, precision, name), and how its answers are
checked before they go on the wire.

The methods, with W, U, Wstar d x K float64 arrays (unit k in column k), X n x d, y length n:

=====================  =========================================  ==================
protocol capability    method (snake_case or the TypeScript name)  returns
=====================  =========================================  ==================
``loss``               ``loss(X, y, W)``                           float
``gradient``           ``gradient(X, y, W)``                       d x K
``hvp``                ``hvp(X, y, W, U)``                         d x K
``population``         ``population_loss(Wstar, W, nu)`` and       float, d x K
                       ``population_gradient(Wstar, W)``
``populationHvp``      ``population_hvp(Wstar, W, U)``             d x K
``gd``                 ``gradient_descent(X, y, W0, eta, T)``      (W_T, T+1 losses)
``init``               ``tensor_init(X, y, K, seed)``              d x K
=====================  =========================================  ==================

Optional attributes: ``name``, ``version``, ``relu_at_zero`` (or ``reluAtZero``: 1 for the
mask ``z >= 0``, the default; 0 for ``z > 0``, PyTorch's) and ``precision`` (``"float64"``,
the default, or ``"float32"``).

>>> class Quadratic:
...     def loss(self, X, y, W): return 0.0
>>> describe(Quadratic()).capabilities
['loss']
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

# Each protocol method, the attribute names accepted for it (first found wins).
METHOD_NAMES = {
    "loss": ("loss",),
    "gradient": ("gradient",),
    "hvp": ("hvp",),
    "populationLoss": ("population_loss", "populationLoss"),
    "populationGradient": ("population_gradient", "populationGradient"),
    "populationHvp": ("population_hvp", "populationHvp"),
    "gd": ("gradient_descent", "gradientDescent", "gd"),
    "init": ("tensor_init", "tensorInit", "init"),
}

# Capabilities in the protocol's order, each with the methods it needs.
CAPABILITY_METHODS = {
    "loss": ("loss",),
    "gradient": ("gradient",),
    "hvp": ("hvp",),
    "population": ("populationLoss", "populationGradient"),
    "populationHvp": ("populationHvp",),
    "gd": ("gd",),
    "init": ("init",),
}

PRECISIONS = ("float64", "float32")


def _attribute(obj, *names, default=None):
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            return value
    return default


@dataclass
class Description:
    """What serve() needs to know about an object: methods by protocol name and declarations."""

    name: str
    methods: dict = field(default_factory=dict)
    capabilities: list = field(default_factory=list)
    relu_at_zero: int | None = None
    precision: str | None = None
    version: str | None = None

    @property
    def accepted_dtypes(self) -> tuple:
        """float64 always; float32 only when the object declares precision float32."""
        return (np.float64, np.float32) if self.precision == "float32" else (np.float64,)


def describe(obj, name: str | None = None) -> Description:
    """Finds the methods and declarations of `obj`; raises TypeError/ValueError naming the
    attribute, the rule and the value when the object cannot be served."""
    methods = {}
    for wire, names in METHOD_NAMES.items():
        method = _attribute(obj, *names)
        if method is not None:
            if not callable(method):
                raise TypeError(f"{names[0]} must be a method, got {type(method).__name__} {method!r}")
            methods[wire] = method
    if ("populationLoss" in methods) != ("populationGradient" in methods):
        have, missing = ("population_loss", "population_gradient") if "populationLoss" in methods else ("population_gradient", "population_loss")
        raise TypeError(f"the object has {have} but not {missing}: the 'population' capability needs both")
    capabilities = [c for c, needs in CAPABILITY_METHODS.items() if all(m in methods for m in needs)]
    if not capabilities:
        raise TypeError(f"{type(obj).__name__} has none of the methods relucheck calls "
                        f"({', '.join(n[0] for n in METHOD_NAMES.values())})")
    relu_at_zero = _attribute(obj, "relu_at_zero", "reluAtZero")
    if relu_at_zero is not None and (isinstance(relu_at_zero, bool) or relu_at_zero not in (0, 1)):
        raise ValueError(f"relu_at_zero must be 0 (mask z > 0) or 1 (mask z >= 0), got {relu_at_zero!r}")
    precision = _attribute(obj, "precision")
    if precision is not None and precision not in PRECISIONS:
        raise ValueError(f"precision must be 'float64' or 'float32', got {precision!r}")
    label = name or _attribute(obj, "name") or type(obj).__name__
    version = _attribute(obj, "version")
    return Description(name=str(label), methods=methods, capabilities=capabilities,
                       relu_at_zero=None if relu_at_zero is None else int(relu_at_zero),
                       precision=precision, version=None if version is None else str(version))


def _dtype_check(what: str, dtype, description: Description):
    if dtype in description.accepted_dtypes:
        return
    if dtype == np.float32 or dtype == np.float16:
        raise TypeError(f"{what} is {dtype}, but relucheck's exact claims assume float64 arithmetic: "
                        f"compute in float64 (e.g. torch.set_default_dtype(torch.float64), "
                        f"np.asarray(x, dtype=np.float64) before computing), or declare "
                        f"precision = 'float32' so the rounding bounds use u = 2^-24")
    raise TypeError(f"{what} has dtype {dtype}; relucheck expects floating-point values (float64)")


def checked_scalar(what: str, value, description: Description) -> float:
    """A loss answer -> float, refusing float32 unless declared."""
    array = np.asarray(value)
    if array.shape not in ((), (1,)):
        raise ValueError(f"{what} must be a scalar, got an array of shape {array.shape}")
    if not isinstance(value, (float, int)) or isinstance(value, bool):
        _dtype_check(what, array.dtype, description)
    return float(array.reshape(()))


def checked_array(what: str, value, shape: tuple, description: Description) -> np.ndarray:
    """An array answer -> float64 array of `shape`, refusing float32 unless declared and
    refusing other shapes (a K x d answer would otherwise be silently misread)."""
    array = np.asarray(value)
    _dtype_check(what, array.dtype, description)
    if array.shape != tuple(shape):
        hint = " (transposed? relucheck's W is d x K, unit k in column k)" if array.shape == tuple(shape)[::-1] else ""
        raise ValueError(f"{what} has shape {array.shape}, expected {tuple(shape)}{hint}")
    return array.astype(np.float64, copy=False)
