# Before the agent sends its load report, write a well-framed report of our own whose JSON uses
# the protocol's tagged forms wrongly. The trusted side must read it as a protocol error (graded,
# the channel dropped), never crash: a crash made the run an "internal error", which is retried,
# never recorded as a zero, and showed the grader's traceback to the student.
import json
import os
import struct

frame = json.dumps({"ok": True, "value": {"kind": "py", "seconds": {"__complex__": 5}}}).encode()
for fd in range(3, 64):
    try:
        os.write(fd, struct.pack(">I", len(frame)) + frame)
    except OSError:
        pass


def fit_line(x, y):
    return 0.0, 0.0
