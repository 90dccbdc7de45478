"""Writes into /work until the file system refuses; prints the error name and bytes written."""

import errno
import json
import os

written = 0
try:
    with open("/work/filler", "wb") as handle:
        while True:
            handle.write(b"\0" * 1024 * 1024)
            handle.flush()
            written += 1024 * 1024
except OSError as exc:
    name = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    print(json.dumps({"error": name, "written": written}))
os.remove("/work/filler")
