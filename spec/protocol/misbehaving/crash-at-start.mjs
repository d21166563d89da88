// Dies before the handshake, as a solver with a missing dependency does.
process.stderr.write("Traceback (most recent call last):\nModuleNotFoundError: No module named 'torch'\n");
process.exit(1);
