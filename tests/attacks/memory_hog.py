# Allocate (and touch) memory until the cgroup limit kills the run.
blocks = []
while True:
    blocks.append(bytearray(64 << 20))
