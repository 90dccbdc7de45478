"""Tries to read or list each path given as an argument; prints which attempts succeeded."""

import json
import os
import sys

readable = {}
for path in sys.argv[1:]:
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            with open(path, "rb") as handle:
                handle.read(1)
        readable[path] = True
    except OSError:
        readable[path] = False
print(json.dumps(readable))
