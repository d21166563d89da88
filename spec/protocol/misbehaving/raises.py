# A Python server whose gradient raises: the error reply carries the traceback.
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "examples", "python"))
import relucheck_server as srv


def broken_gradient(session, req):
    raise FloatingPointError("overflow in matmul")


# Without init, as every misbehaving server here: the spec's needs-init claim must stay N/A.
srv.serve(handlers={**srv.HANDLERS, "gradient": broken_gradient},
          capabilities=[c for c in srv.CAPABILITIES if c != "init"])
