# A Python server whose gradient raises: the error reply carries the traceback.
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "examples", "python"))
import relucheck_server as srv


def broken_gradient(session, req):
    raise FloatingPointError("overflow in matmul")


srv.serve(handlers={**srv.HANDLERS, "gradient": broken_gradient})
