"""Entry point inside the sandbox: ``python -E -s /work/.tfgrader/boot.py load FILE``.

Copied next to the ``agent`` package; it removes its own folder from ``sys.path`` so the
submission's imports resolve as they would for the student. It ends with ``os._exit`` because
interpreter shutdown after TensorFlow can take seconds and nothing is left to flush.
"""

import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from agent.main import main  # noqa: E402

sys.path[:] = [p for p in sys.path if p != here]
os.chdir("/work")
code = main(sys.argv)
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
