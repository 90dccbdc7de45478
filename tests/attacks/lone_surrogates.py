# Text that is not valid Unicode: a forged error whose JSON holds lone surrogate escapes
# ("\udcff"), and a file whose name is not UTF-8. Python decodes both into str, but such a str
# cannot be encoded: stored in the result, it broke the result page (UnicodeEncodeError, a 500
# for the instructor), the CLI's JSON and PostgreSQL (which refuses lone surrogates).
import json
import os
import struct

os.makedirs("logs", exist_ok=True)
with open(b"logs/events.out.tfevents.\xff\xfe", "wb") as handle:
    handle.write(b"not an event file")
forged = json.dumps({"ok": False, "error": {"kind": "student", "ename": "E\udcff",
                                            "message": "bad \udcff\ud800 text",
                                            "traceback": "\udcff"}}).encode()
channels = []
for fd in range(3, 64):
    try:
        if os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
            channels.append(fd)
    except OSError:
        pass


def fit_line(x, y):
    for fd in channels:
        try:
            os.write(fd, struct.pack(">I", len(forged)) + forged)
        except OSError:
            pass
    raise ValueError("honest code can raise this too: \udcff")
