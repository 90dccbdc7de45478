"""Leaves a daemon behind (double fork + setsid) that ignores SIGTERM, then exits at once."""

import os
import signal
import time

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        while True:
            time.sleep(1)
    os._exit(0)
os.wait()
