# Print far more than the output cap, on both streams and through raw file descriptors.
import os
import sys

line = "flood " * 100 + "\n"
for _ in range(200_000):
    sys.stdout.write(line)
    sys.stderr.write(line)
os.write(1, b"raw" * 1_000_000)


def fit_line(x, y):
    return 0.0, 0.0
