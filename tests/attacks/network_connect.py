# Try to reach the outside world and the grader host's loopback services.
import os
import socket

results = []
port = int(os.environ.get("ATTACK_PORT", "0") or 0)
for host, p in (("1.1.1.1", 53), ("127.0.0.1", 5432), ("127.0.0.1", 6379), ("10.0.0.1", 80)):
    try:
        socket.create_connection((host, p), timeout=2).close()
        results.append(f"CONNECTED {host}:{p}")
    except OSError as exc:
        results.append(f"refused {host}:{p}: {exc}")
try:
    socket.getaddrinfo("pypi.org", 443)
    results.append("CONNECTED dns")
except OSError as exc:
    results.append(f"no dns: {exc}")
print("\n".join(results))


def fit_line(x, y):
    return 0.0, 0.0
