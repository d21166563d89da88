"""``python -m relucheck TARGET``: serve a solver without writing a server script.

TARGET is ``module:attribute`` or ``path/to/file.py:attribute`` (or a module alone, whose
functions are the methods). A class is instantiated with no arguments, a function without
relucheck methods is called as a factory, anything else is served as it is:

    relucheck check --cmd "python3 -m relucheck my_solver:Solver"

The protocol channel is secured before the target is imported, so even a print at import
time goes to stderr.
"""
from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import sys

from .implementation import METHOD_NAMES
from .server import _protocol_streams, serve


def _import(spec: str):
    if spec.endswith(".py") or os.sep in spec:
        path = os.path.abspath(spec)
        if not os.path.isfile(path):
            raise SystemExit(f"python -m relucheck: no file {spec!r}")
        sys.path.insert(0, os.path.dirname(path))
        name = os.path.splitext(os.path.basename(path))[0]
        module_spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        module_spec.loader.exec_module(module)
        return module
    sys.path.insert(0, os.getcwd())
    return importlib.import_module(spec)


def load_target(target: str):
    """'module:attr' -> the object to serve (see the module docstring for the rules)."""
    module_part, _, attr = target.partition(":")
    obj = _import(module_part)
    for part in filter(None, attr.split(".")):
        if not hasattr(obj, part):
            raise SystemExit(f"python -m relucheck: {module_part!r} has no attribute {attr!r}")
        obj = getattr(obj, part)
    has_methods = any(hasattr(obj, n) for names in METHOD_NAMES.values() for n in names)
    if inspect.isclass(obj) or (callable(obj) and not has_methods):
        obj = obj()
    return obj


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0].startswith("-"):
        sys.stderr.write("usage: python -m relucheck module:attribute   (or file.py:attribute)\n")
        return 2
    stdin, stdout = _protocol_streams(None, None)
    serve(load_target(argv[0]), stdin=stdin, stdout=stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
