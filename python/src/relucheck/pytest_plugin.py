"""pytest plugin (entry point ``pytest11``): one pytest test per relucheck claim.

Two ways to get the tests:

- in a test module, bind :func:`relucheck.claims` to a ``test_*`` name::

      test_solver = relucheck.claims(Solver, tier="quick")

- or from the command line, for any server: ``pytest --relucheck-cmd "python3 server.py"``.

The claims are listed by ``relucheck check --list --json`` at collection and run by one
``relucheck check --json`` per solver, for the selected tests only, when the first of them
runs. A failed claim fails its test with the claim's message, the diagnosis (when there is
one), the counterexample and the replay line; an errored claim (the solver crashed, hung or
broke the protocol) fails it too; a claim that does not apply (a capability is missing) is
skipped with the reason. pytest's exit codes follow (0 all passed or skipped, 1 a failure).

Options: ``--relucheck-tier``, ``--relucheck-seed``, ``--relucheck-precision`` (override what
``claims()`` says), ``--relucheck-cli`` (how to run relucheck; default ``$RELUCHECK_CLI``,
else ``npx --no relucheck``).
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

import pytest

from .suite import PRECISIONS, TIERS, ClaimSuite, claims

DEFAULT_CLI = "npx --no relucheck"


def pytest_addoption(parser):
    group = parser.getgroup("relucheck", "relucheck claims (one test per claim)")
    group.addoption("--relucheck-cmd", action="append", default=[], metavar="COMMAND",
                    help="add one test per claim for this protocol server command (repeatable)")
    group.addoption("--relucheck-tier", choices=TIERS, default=None,
                    help="claim tier: quick, default or thorough (default: the suite's, else RELUCHECK_TIER)")
    group.addoption("--relucheck-seed", type=int, default=None, metavar="SEED",
                    help="master seed (default: the suite's, else RELUCHECK_SEED, else relucheck's)")
    group.addoption("--relucheck-precision", choices=PRECISIONS, default=None,
                    help="arithmetic the bounds assume (default: what the solver declares)")
    group.addoption("--relucheck-cli", default=None, metavar="COMMAND",
                    help=f"how to run relucheck (default: $RELUCHECK_CLI, else '{DEFAULT_CLI}')")


class RelucheckError(Exception):
    """relucheck itself could not run (not installed, usage error, unreadable output)."""


class ClaimFailed(Exception):
    """A claim did not hold (or errored); the text is what the test report shows."""


def _cli(config) -> list:
    return shlex.split(config.getoption("relucheck_cli") or os.environ.get("RELUCHECK_CLI") or DEFAULT_CLI)


def _child_env() -> dict:
    """The server child imports what this process imports: its sys.path goes to PYTHONPATH."""
    paths = [p for p in sys.path if p and os.path.isdir(p)]
    inherited = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths + ([inherited] if inherited else []))}


def _run_cli(config, args: list, what: str) -> dict:
    command = _cli(config) + args
    try:
        run = subprocess.run(command, capture_output=True, text=True, env=_child_env(),
                             cwd=str(config.invocation_params.dir))
    except FileNotFoundError as exc:
        raise RelucheckError(f"{what}: cannot run {shlex.join(command[:3])} ({exc}); install relucheck "
                             f"(npm install relucheck) or point --relucheck-cli / RELUCHECK_CLI at it") from None
    try:
        doc = json.loads(run.stdout)
    except ValueError:
        raise RelucheckError(f"{what}: {shlex.join(command)} exited {run.returncode} without a JSON report\n"
                             f"{run.stderr.strip() or run.stdout.strip()}") from None
    return doc


def _list_claims(config) -> list:
    cache = config.stash.setdefault(_LIST_KEY, {})
    cli = tuple(_cli(config))
    if cli not in cache:
        doc = _run_cli(config, ["check", "--list", "--json"], "listing relucheck's claims")
        if "claims" not in doc:
            raise RelucheckError(f"relucheck check --list gave no claims: {doc}")
        cache[cli] = doc["claims"]
    return cache[cli]


_LIST_KEY = pytest.StashKey[dict]()


class ClaimSuiteCollector(pytest.Collector):
    """The tests of one ClaimSuite: one ClaimItem per claim it keeps."""

    def __init__(self, *, suite: ClaimSuite, **kwargs):
        super().__init__(**kwargs)
        self.suite = suite
        self.verdicts: dict | None = None
        self.failure: RelucheckError | None = None

    def collect(self):
        listed = _list_claims(self.config)
        known = [c["id"] for c in listed]
        unknown = [i for i in self.suite.only if i not in known]
        if unknown:
            raise RelucheckError(f"relucheck.claims(only=...): unknown claim {', '.join(map(repr, unknown))}; known: {', '.join(known)}")
        for claim in listed:
            if not self.suite.only or claim["id"] in self.suite.only:
                yield ClaimItem.from_parent(self, name=claim["id"], claim=claim)

    def run_selected(self):
        """One `relucheck check` for this suite's tests that pytest will run (after -k, -m)."""
        selected = [i.name for i in self.session.items if isinstance(i, ClaimItem) and i.parent is self]
        opt = self.config.getoption
        args = self.suite.check_args(selected, tier=opt("relucheck_tier"), seed=opt("relucheck_seed"),
                                     precision=opt("relucheck_precision"))
        doc = _run_cli(self.config, args, f"relucheck check for {self.nodeid}")
        if "error" in doc:  # the server did not start or broke the handshake
            e = doc["error"]
            stderr = f"\nstderr of the implementation:\n{e['stderr']}" if e.get("stderr") else ""
            raise RelucheckError(f"the implementation could not start ({e.get('kind')}): {e.get('message')}{stderr}\n"
                                 f"server command: {self.suite.server_command()}")
        if "verdicts" not in doc:
            raise RelucheckError(f"relucheck check gave no verdicts: {json.dumps(doc)[:2000]}")
        self.verdicts = {v["id"]: v for v in doc["verdicts"]}
        self.about = doc.get("implementation", {})

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, RelucheckError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class ClaimItem(pytest.Item):
    """One claim about one solver."""

    def __init__(self, *, claim: dict, **kwargs):
        super().__init__(**kwargs)
        self.claim = claim
        self.user_properties.append(("citation", claim.get("citation", "")))

    def runtest(self):
        suite = self.parent
        if suite.failure is not None:
            raise suite.failure  # the check run failed once: every test of the suite says why
        if suite.verdicts is None:
            try:
                suite.run_selected()
            except RelucheckError as exc:
                suite.failure = exc
                raise
        verdict = suite.verdicts.get(self.name)
        if verdict is None:
            raise RelucheckError(f"relucheck check reported no verdict for claim {self.name!r}")
        self.user_properties.append(("claim_seconds", verdict.get("seconds")))
        status = verdict["status"]
        if status == "passed":
            return
        if status == "not-applicable":
            missing = verdict.get("missing") or []
            reason = verdict.get("message") or (f"needs {', '.join(missing)}" if missing else "not applicable")
            # Reported at the test's location, not at this line of the plugin.
            raise pytest.skip.Exception(f"{self.name} not applicable: {reason}", _use_item_location=True)
        raise ClaimFailed(f"{_failure_text(verdict)}\npytest replay: {self._pytest_replay(verdict)}")

    def _pytest_replay(self, verdict: dict) -> str:
        """The same test with the seed and tier that failed (the check replay adds the case's path)."""
        args = ["pytest", self.nodeid, "--relucheck-seed", str(verdict.get("seed"))]
        tier = self.config.getoption("relucheck_tier") or self.parent.suite.tier
        if tier:
            args += ["--relucheck-tier", tier]
        return shlex.join(args)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, (ClaimFailed, RelucheckError)):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"relucheck claim {self.name}: {self.claim.get('title', '')}"


def _failure_text(v: dict) -> str:
    head = "FAILED" if v["status"] == "failed" else f"ERRORED ({(v.get('fault') or {}).get('kind', 'error')})"
    lines = [f"claim {v['id']} {head}: {v.get('title', '')} ({v.get('citation', '')})"]
    if v.get("message"):
        lines.append(v["message"])
    diagnosis = v.get("diagnosis")
    if diagnosis:
        lines.append(f"diagnosis: {diagnosis.get('summary', '')}")
        if diagnosis.get("evidence"):
            lines.append(f"  {diagnosis['evidence']}")
    if v.get("counterexample"):
        lines += ["counterexample:", *("  " + line for line in v["counterexample"].splitlines())]
    stderr = (v.get("fault") or {}).get("stderr")
    if stderr:
        lines += ["stderr of the implementation (last lines):", *("  " + line for line in stderr.rstrip().splitlines()[-12:])]
    if v.get("replay"):
        lines.append(f"replay: {v['replay']}")
    return "\n".join(lines)


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector, name, obj):
    if isinstance(obj, ClaimSuite):
        return ClaimSuiteCollector.from_parent(collector, name=name, suite=obj)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """--relucheck-cmd: tests for servers named on the command line (before -k/-m deselect)."""
    for n, command in enumerate(config.getoption("relucheck_cmd")):
        name = "relucheck" if len(config.getoption("relucheck_cmd")) == 1 else f"relucheck[{n}]"
        collector = ClaimSuiteCollector.from_parent(session, name=name, nodeid=name, suite=claims(command))
        try:
            items.extend(collector.collect())
        except RelucheckError as exc:
            raise pytest.UsageError(str(exc)) from None
