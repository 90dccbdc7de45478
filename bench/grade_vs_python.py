"""Wall time of `tfgrader grade` on the line_fitting reference solution, against plain python3
running the same file plus a tiny driver that calls fit_line as often as the tests do.

Both run in the same process of measurement, alternating, on the same machine; the figure that
matters is the ratio of medians (this machine is shared and noisy).

    .venv/bin/python bench/grade_vs_python.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_PYTHON = Path(os.environ.get("TFGRADER_RUNTIME", "/opt/tfgrader/runtime")) / "bin/python3"
SOLUTION = ROOT / "solutions" / "line_fitting.py"

# The same calls the line_fitting tests make: 1 public + 5 hidden data sets of these sizes.
DRIVER = """
import runpy, sys
import numpy as np
namespace = runpy.run_path(sys.argv[1], run_name="__main__")
fit_line = namespace["fit_line"]
for seed, n in enumerate((50, 200, 150, 300, 80, 8)):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2, 2, n).astype(np.float32)
    y = (1.5 * x + 0.5 + rng.normal(0, 0.1, n)).astype(np.float32)
    fit_line(x, y)
"""


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    grade_cmd = [str(ROOT / ".venv/bin/tfgrader"), "grade", "-e", "line_fitting", str(SOLUTION),
                 "--format", "json"]
    python_cmd = [str(RUNTIME_PYTHON), "-c", DRIVER, str(SOLUTION)]
    timed(python_cmd)  # warm the page cache for both
    grade_times, python_times = [], []
    for _ in range(args.runs):
        grade_times.append(timed(grade_cmd))
        python_times.append(timed(python_cmd))
    grade_median = statistics.median(grade_times)
    python_median = statistics.median(python_times)
    print(f"runs: {args.runs} each, alternating")
    print(f"tfgrader grade (bwrap sandbox, 8 tests, 6 calls): median {grade_median:.2f} s "
          f"(min {min(grade_times):.2f}, max {max(grade_times):.2f})")
    print(f"python3 + driver (no sandbox, 6 calls): median {python_median:.2f} s "
          f"(min {min(python_times):.2f}, max {max(python_times):.2f})")
    print(f"ratio grade / python3: {grade_median / python_median:.2f}x")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
