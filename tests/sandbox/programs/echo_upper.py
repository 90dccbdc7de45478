"""Answers one request: reads a line from stdin, writes it upper-cased to stdout."""

import sys

line = sys.stdin.readline()
print("student output", file=sys.stderr)
sys.stdout.write(line.upper())
