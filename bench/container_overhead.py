"""Per-run overhead of the container engine against bubblewrap: the same trivial spec run N times
on each, start to close (what a grading pays before the submission's own work).

    .venv/bin/python bench/container_overhead.py [-n 15] [--image localhost/tfgrader-test:numpy]

Prints medians and their ratio (the machine is shared: compare ratios, not absolute times).
"""

from __future__ import annotations

import argparse
import statistics
import time

from grader.limits import Limits
from grader.result import Verdict
from grader.sandbox.base import Sandbox, SandboxSpec

SPEC = SandboxSpec(
    command=["{python}", "-c", "import sys; sys.stdout.write(sys.stdin.readline())"],
    files={"data.txt": b"x" * 1024},
    limits=Limits(wall_time_s=30, memory_mb=256),
)


def one_run(sandbox: Sandbox) -> float:
    started = time.perf_counter()
    with sandbox.start(SPEC) as process:
        process.stdin.write(b"ping\n")
        process.stdin.flush()
        assert process.stdout.readline() == b"ping\n"
        assert process.wait().verdict == Verdict.FINISHED
        assert process.read_file("data.txt", 4096) is not None
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=15)
    parser.add_argument("--image", default="localhost/tfgrader-test:numpy")
    args = parser.parse_args()
    from grader.sandbox.bwrap import BwrapSandbox
    from grader.sandbox.container import ContainerSandbox

    engines: list[Sandbox] = [BwrapSandbox(), ContainerSandbox(image=args.image)]
    for engine in engines:
        one_run(engine)  # warm caches
    times: dict[str, list[float]] = {e.name: [] for e in engines}
    for _ in range(args.n):  # interleaved, so load changes hit both alike
        for engine in engines:
            times[engine.name].append(one_run(engine))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(
            f"{name:10s} median {value * 1000:7.1f} ms over {args.n} runs "
            f"(min {min(times[name]) * 1000:.1f}, max {max(times[name]) * 1000:.1f})"
        )
    print(
        f"container / bwrap: {medians['container'] / medians['bwrap']:.2f}x, "
        f"+{(medians['container'] - medians['bwrap']) * 1000:.0f} ms per run"
    )


if __name__ == "__main__":
    main()
