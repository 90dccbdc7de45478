"""Resource limits of one sandboxed run, declared per exercise and enforced by every backend."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Limits:
    """Limits for one run. Defaults suit a CPU TensorFlow exercise on a small machine."""

    wall_time_s: float = 60.0
    """Wall-clock limit for the whole run (loading the submission and answering all requests)."""
    cpu_time_s: int = 120
    """RLIMIT_CPU, summed over threads: TensorFlow uses several, so it is above wall_time_s."""
    memory_mb: int = 2048
    """cgroup memory (+swap) limit. TensorFlow needs about 500 MB just to import."""
    pids: int = 128
    """cgroup pids limit: TensorFlow starts dozens of threads, and each counts."""
    output_kb: int = 256
    """Captured stdout/stderr per stream; the rest is dropped and the result says so."""
    disk_mb: int = 64
    """Size of the private tmpfs work dir."""
    file_size_mb: int = 64
    """RLIMIT_FSIZE: the largest single file the submission may write."""
    open_files: int = 1024
    """RLIMIT_NOFILE."""

    def merged(self, overrides: dict[str, Any]) -> Limits:
        """Return a copy with the exercise's overrides applied; unknown keys are an error."""
        unknown = set(overrides) - set(asdict(self))
        if unknown:
            raise ValueError(f"unknown limit(s): {', '.join(sorted(unknown))}")
        return replace(self, **overrides)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
