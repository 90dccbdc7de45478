"""Writes 32 MB to stderr, then exits normally."""

import sys

block = "x" * 1023 + "\n"
for _ in range(32 * 1024):
    sys.stderr.write(block)
