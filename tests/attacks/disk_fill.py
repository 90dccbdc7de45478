# Fill the work dir and /tmp: the private size-limited tmpfs must stop it, not the host disk.
import os

for folder in ("/work", "/tmp"):
    try:
        with open(os.path.join(folder, "fill.bin"), "wb") as handle:
            while True:
                handle.write(b"\0" * (1 << 20))
                handle.flush()
    except OSError as exc:
        print(f"{folder}: stopped by {exc.__class__.__name__}: {exc}")


def fit_line(x, y):
    return 0.0, 0.0
