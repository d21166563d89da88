import os
import sys

import pytest

import relucheck
from relucheck.suite import importable_name
from solvers import EmpiricalSolver

module_level_solver = EmpiricalSolver()


def module_level_factory():
    return EmpiricalSolver()


def test_classes_functions_and_module_level_objects_are_found_under_an_importable_name():
    assert importable_name(EmpiricalSolver) == "solvers:EmpiricalSolver"
    assert importable_name(module_level_factory).endswith(":module_level_factory")
    assert importable_name(module_level_solver, __name__).endswith(":module_level_solver")


def test_an_object_without_a_module_level_name_is_refused_saying_what_to_pass():
    local = EmpiricalSolver()
    with pytest.raises(TypeError, match="pass a class, a module-level function or object, or a server command"):
        importable_name(local, __name__)


def test_the_server_command_serves_the_object_with_this_interpreter():
    suite = relucheck.claims(EmpiricalSolver, tier="quick", seed=5, only="hvp-fd")
    args = suite.check_args(["hvp-fd"])
    assert args[:2] == ["check", "--cmd"] and args[2].endswith("-m relucheck solvers:EmpiricalSolver")
    assert sys.executable in args[2] or os.path.basename(sys.executable) in args[2]
    assert args[3:] == ["--json", "--tier", "quick", "--seed", "5", "--claim", "hvp-fd"]
    # pytest's command-line options win over the suite's own.
    assert suite.check_args([], tier="thorough", seed=9)[4:] == ["--tier", "thorough", "--seed", "9"]


@pytest.mark.parametrize("kwargs, message", [
    ({"tier": "slow"}, "tier must be one of quick, default, thorough, got 'slow'"),
    ({"seed": -1}, "seed must be a non-negative integer, got -1"),
    ({"precision": "half"}, "precision must be 'float64' or 'float32', got 'half'"),
])
def test_bad_arguments_are_refused_naming_them(kwargs, message):
    with pytest.raises(ValueError, match=message):
        relucheck.claims("python3 server.py", **kwargs)
