"""Allocates (and touches) memory until the kernel stops it."""

hoard = []
while True:
    hoard.append(bytearray(16 * 1024 * 1024))
