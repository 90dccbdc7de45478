"""Tries to reach the outside world and the host's loopback; prints what happened as JSON."""

import json
import socket
import sys

results = {}
for host, port in (("1.1.1.1", 53), ("127.0.0.1", int(sys.argv[1]))):
    try:
        socket.create_connection((host, port), timeout=2).close()
        results[f"{host}:{port}"] = "connected"
    except OSError as exc:
        results[f"{host}:{port}"] = type(exc).__name__
print(json.dumps(results))
