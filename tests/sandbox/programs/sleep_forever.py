"""Sleeps far beyond any wall-clock limit, using no CPU."""

import time

time.sleep(3600)
