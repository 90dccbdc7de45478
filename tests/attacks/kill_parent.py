# Kill everything reachable: the parent, pid 1 of the namespace, every process (-1).
import os
import signal

for pid in (os.getppid(), 1, -1):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError as exc:
        print(f"kill {pid}: {exc}")
