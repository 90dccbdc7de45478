"""Leaves traps for the host: symlinks to secrets, a FIFO, and one honest file."""

import os

os.symlink("/etc/shadow", "/work/shadow")
os.symlink("/", "/work/rootfs")
os.mkdir("/work/out")
os.symlink("/etc/passwd", "/work/out/passwd")
os.mkfifo("/work/fifo")
with open("/work/out/result.txt", "w") as handle:
    handle.write("42")
