# A forged load report that decodes as plain data but puts lists and dicts where the grader
# expects text and numbers (the load error, the fields of a cell error). The trusted side must
# check the report's shape, not crash later while summarising or rendering it.
import json
import os
import struct

report = {
    "kind": "py",
    "load_error": ["not", "text"],
    "cell_errors": [{"cell": "x", "line": [1], "ename": {"a": 1}, "evalue": None,
                     "traceback": 7}],
    "notes": "nope",
    "names": {"fit_line": 1},
}
frame = json.dumps({"ok": True, "value": report}).encode()
for fd in range(3, 64):
    try:
        os.write(fd, struct.pack(">I", len(frame)) + frame)
    except OSError:
        pass


def fit_line(x, y):
    return 0.0, 0.0
