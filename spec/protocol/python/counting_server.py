"""The NumPy protocol server, reporting on stderr how many datasets it holds after every
`dataset` and `drop` ("datasets N bytes B rss R": the count, the bytes of X and y held, and
the process's resident set in kB where /proc says it), so a spec can watch the count rise
and fall and a measurement can watch memory:

    python3 spec/protocol/python/counting_server.py          # declares drop (protocol 1.1)
    python3 spec/protocol/python/counting_server.py no-drop  # a 1.0 server: no drop capability

The report goes to stderr before the reply, flushed, so it precedes the reply in time.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples", "python"))
import relucheck_server as srv  # noqa: E402


def rss_kb():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return -1


def counted(handler):
    def run(session, req):
        result = handler(session, req)
        held = sum(X.nbytes + y.nbytes for X, y in session.datasets.values())
        sys.stderr.write(f"datasets {len(session.datasets)} bytes {held} rss {rss_kb()}\n")
        sys.stderr.flush()
        return result
    return run


if __name__ == "__main__":
    handlers = {**srv.HANDLERS, "dataset": counted(srv.h_dataset), "drop": counted(srv.h_drop)}
    capabilities = srv.CAPABILITIES
    if sys.argv[1:] == ["no-drop"]:
        del handlers["drop"]
        capabilities = [c for c in capabilities if c != "drop"]
    srv.serve(handlers=handlers, capabilities=capabilities, name="relu_numpy counting datasets")
