# Double-fork a daemon that outlives the submission and keeps writing.
import os
import time

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        while True:
            with open("/tmp/daemon-alive", "a") as handle:
                handle.write(".")
            time.sleep(0.1)
    os._exit(0)


def fit_line(x, y):
    return 0.0, 0.0
