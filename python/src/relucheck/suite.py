"""``relucheck.claims(target)``: relucheck's claims about one solver, as a value a pytest test
module holds; the pytest plugin (relucheck.pytest_plugin) turns it into one test per claim.

The claims run in ``relucheck check`` (Node), which talks to the solver over the protocol in
a separate process. ``target`` is that process: a server command (a string), or a Python
object the plugin can import again in the child (a class, a module-level function, or an
object bound to a module-level name), served there by ``python -m relucheck``.

>>> suite = claims("python3 my_server.py", tier="quick", seed=7)
>>> suite.check_args(["gradient-fd-full"])[:6]
['check', '--cmd', 'python3 my_server.py', '--json', '--tier', 'quick']
"""
from __future__ import annotations

import importlib.util
import inspect
import os
import shlex
import sys
from dataclasses import dataclass, field

TIERS = ("quick", "default", "thorough")
PRECISIONS = ("float64", "float32")


@dataclass
class ClaimSuite:
    """Everything needed to run `relucheck check` on one solver (see :func:`claims`)."""

    target: object
    tier: str | None = None
    seed: int | None = None
    precision: str | None = None
    only: tuple = ()
    timeout_ms: int | None = None
    # Where claims() was called: the module whose globals may name the target.
    caller_module: str | None = field(default=None, repr=False)

    def server_command(self) -> str:
        """The shell command relucheck check starts (``--cmd``)."""
        if isinstance(self.target, str):
            return self.target
        return f"{shlex.quote(sys.executable)} -m relucheck {shlex.quote(importable_name(self.target, self.caller_module))}"

    def check_args(self, claim_ids, *, tier=None, seed=None, precision=None) -> list:
        """Arguments of ``relucheck check`` for these claims; the arguments given here (pytest's
        command-line options) win over the suite's own."""
        args = ["check", "--cmd", self.server_command(), "--json"]
        tier, seed, precision = tier or self.tier, seed if seed is not None else self.seed, precision or self.precision
        if tier is not None:
            args += ["--tier", tier]
        if seed is not None:
            args += ["--seed", str(seed)]
        if precision is not None:
            args += ["--precision", precision]
        if self.timeout_ms is not None:
            args += ["--timeout", str(self.timeout_ms)]
        for claim_id in claim_ids:
            args += ["--claim", claim_id]
        return args


def claims(target, *, tier: str | None = None, seed: int | None = None, precision: str | None = None,
           only=(), timeout_ms: int | None = None) -> ClaimSuite:
    """relucheck's claims about `target`, one pytest test each when bound to a ``test_*`` name
    of a test module:

    .. code-block:: python

        # test_solver.py
        import relucheck
        from my_solver import Solver

        test_solver = relucheck.claims(Solver, tier="quick")

    `target`: a server command, or a class / module-level function / module-level object
    (served in a child process by ``python -m relucheck``). `tier`: quick | default |
    thorough; `seed`: master seed; `precision`: float64 | float32 (default: what the solver
    declares); `only`: claim ids to keep (default: all); `timeout_ms`: per-request timeout.
    pytest's ``--relucheck-tier``/``--relucheck-seed``/``--relucheck-precision`` override these.
    """
    if tier is not None and tier not in TIERS:
        raise ValueError(f"relucheck.claims: tier must be one of {', '.join(TIERS)}, got {tier!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise ValueError(f"relucheck.claims: seed must be a non-negative integer, got {seed!r}")
    if precision is not None and precision not in PRECISIONS:
        raise ValueError(f"relucheck.claims: precision must be 'float64' or 'float32', got {precision!r}")
    if isinstance(only, str):
        only = (only,)
    if isinstance(target, str) and not target.strip():
        raise ValueError("relucheck.claims: the server command is empty")
    caller = sys._getframe(1).f_globals.get("__name__")
    return ClaimSuite(target=target, tier=tier, seed=seed, precision=precision, only=tuple(only),
                      timeout_ms=timeout_ms, caller_module=caller)


def importable_name(obj, caller_module: str | None = None) -> str:
    """``module:attribute`` (or ``file.py:attribute``) under which a child process finds `obj`
    again; raises TypeError saying what to pass instead when there is none."""
    qualname = getattr(obj, "__qualname__", None)
    module_name = getattr(obj, "__module__", None)
    if (inspect.isclass(obj) or inspect.isfunction(obj)) and qualname and "<locals>" not in qualname and module_name:
        return f"{_module_reference(module_name)}:{qualname}"
    for name in filter(None, (caller_module, module_name)):
        module = sys.modules.get(name)
        for attr, value in vars(module).items() if module else ():
            if value is obj and not attr.startswith("__"):
                return f"{_module_reference(name)}:{attr}"
    raise TypeError(f"relucheck.claims: cannot find {type(obj).__name__} object {obj!r} under a module-level "
                    f"name, so the server process cannot import it: pass a class, a module-level function "
                    f"or object, or a server command string")


def _module_reference(module_name: str) -> str:
    """The module's name when the child can import it by name (same file), else its file."""
    module = sys.modules.get(module_name)
    path = getattr(module, "__file__", None)
    if module_name != "__main__":
        try:
            spec = importlib.util.find_spec(module_name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and (path is None or spec.origin == path):
            return module_name
    if path is None:
        raise TypeError(f"relucheck.claims: module {module_name!r} has no file the server process could import")
    return os.path.abspath(path)
