"""relucheck for Python: serve a solver over the relucheck protocol, check it from pytest.

>>> import relucheck
>>> callable(relucheck.serve)
True

A server is a script ending in ``relucheck.serve(MySolver())``; a pytest module guards a
solver with ``test_solver = relucheck.claims(MySolver)``; see README.md.
"""
from .implementation import describe
from .suite import ClaimSuite, claims
from .server import PROTOCOL_MINOR_VERSION, PROTOCOL_VERSION, Server, serve

__version__ = "0.1.0"
__all__ = ["serve", "claims", "ClaimSuite", "Server", "describe", "PROTOCOL_VERSION", "PROTOCOL_MINOR_VERSION", "__version__"]
