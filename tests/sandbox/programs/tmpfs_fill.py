"""Fills a directory with 1 MB files (each under RLIMIT_FSIZE) until the file system refuses;
prints the error name and how many MB went in."""

import errno
import json
import os
import sys

directory = sys.argv[1]
written = 0
error = None
try:
    for index in range(10_000):
        with open(os.path.join(directory, f"fill{index}"), "wb") as handle:
            handle.write(b"\1" * (1 << 20))
        written += 1
except OSError as exc:
    error = errno.errorcode.get(exc.errno or 0, str(exc.errno))
print(json.dumps({"error": error, "written_mb": written}))
