"""Ignores SIGTERM and keeps running, with a child doing the same."""

import os
import signal
import time

signal.signal(signal.SIGTERM, signal.SIG_IGN)
if os.fork():
    print("ready", flush=True)
while True:
    time.sleep(1)
