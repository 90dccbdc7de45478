"""Tries to create a file in each directory given as an argument; prints which succeeded."""

import json
import os
import sys

created = {}
for directory in sys.argv[1:]:
    try:
        with open(os.path.join(directory, "planted"), "wb") as handle:
            handle.write(b"x")
        created[directory] = True
    except OSError:
        created[directory] = False
print(json.dumps(created))
