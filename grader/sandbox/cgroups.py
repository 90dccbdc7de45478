"""Per-run control groups: the memory and process limits, the kill switch and the usage figures.

Rlimits are per process, so a submission that forks escapes them; a control group holds every
process of a run, whatever it forks, so limits, accounting and killing all go through one.

Hosts differ, so the layout is detected rather than assumed:

* **v2** (``/sys/fs/cgroup/cgroup.controllers`` exists): one group with ``memory.max``,
  ``memory.swap.max``, ``pids.max``, ``memory.peak``, ``memory.events`` and ``cgroup.kill``.
* **v1** (``/sys/fs/cgroup/memory`` and ``/sys/fs/cgroup/pids`` mounted): a group in each of
  those, plus ``cpuacct`` for CPU time when mounted, plus, on hybrid hosts, a group in the
  unified v2 hierarchy (``/sys/fs/cgroup/unified``) for its ``cgroup.kill`` and ``cpu.stat``
  even though it has no controllers there.

Every run's groups live under a ``tfgrader`` parent so the host's own groups stay untouched, and
are named like its work dir (``run-<worker pid>-<id>``), so that :func:`run_groups` can find the
groups of a worker that died without cleaning up.
"""

from __future__ import annotations

import abc
import contextlib
import errno
import os
import signal
import time
from pathlib import Path

from grader.limits import Limits
from grader.sandbox.base import SandboxError

CGROUP_ROOT = Path("/sys/fs/cgroup")
PARENT_NAME = "tfgrader"
MIB = 1024 * 1024
KILL_TIMEOUT_S = 10.0
SETUP_HINT = "run scripts/setup.sh as root, or run the worker as root on a host with cgroups"
V1_HIERARCHIES = ("memory", "pids", "cpuacct", "unified")
"""The v1 hierarchies a run has groups in (``unified`` only for its kill switch)."""


def _write(path: Path, value: str) -> None:
    path.write_text(value)


def _read(path: Path) -> str | None:
    try:
        return path.read_text()
    except OSError:
        return None


def _read_int(path: Path) -> int | None:
    text = _read(path)
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _keyed(path: Path, key: str) -> int | None:
    """A value of a flat-keyed file such as ``memory.events`` or ``cpu.stat``."""
    for line in (_read(path) or "").splitlines():
        name, _, value = line.partition(" ")
        if name == key and value.strip().isdigit():
            return int(value)
    return None


def _pids_in(procs_file: Path) -> list[int]:
    return [int(p) for p in (_read(procs_file) or "").split() if p.isdigit()]


def _mkdir(path: Path) -> None:
    try:
        path.mkdir(exist_ok=True)
    except OSError as exc:
        raise SandboxError(f"cannot create control group {path}: {exc}; {SETUP_HINT}") from exc


def _rmdir(path: Path) -> None:
    """Remove a group; processes that were just killed may need a moment to leave it."""
    for _ in range(100):
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError as exc:
            if exc.errno != errno.EBUSY:
                raise
            time.sleep(0.02)
    path.rmdir()


def kill_groups(dirs: list[Path]) -> None:
    """SIGKILL every process in these groups until they are empty (a fork bomb cannot outrun it).

    ``cgroup.kill`` (v2, or the unified hierarchy of a v1 host) kills the whole tree at once;
    the loop catches what it cannot, e.g. on kernels before 5.14. A group already removed
    holds nothing, so a missing directory is not an error.
    """
    for path in dirs:
        if (path / "cgroup.kill").exists():
            with contextlib.suppress(FileNotFoundError):
                _write(path / "cgroup.kill", "1")
    deadline = time.monotonic() + KILL_TIMEOUT_S
    while pids := {pid for path in dirs for pid in _pids_in(path / "cgroup.procs")}:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if time.monotonic() > deadline:
            raise SandboxError(f"processes {sorted(pids)} survived SIGKILL")
        time.sleep(0.01)


def remove_groups(dirs: list[Path]) -> None:
    """Kill what is left in the groups and delete them; safe to call twice."""
    kill_groups(dirs)
    for path in dirs:
        _rmdir(path)


def run_groups(root: Path = CGROUP_ROOT) -> dict[str, list[Path]]:
    """Every run's group directories under the ``tfgrader`` parents, by run name.

    A worker that was SIGKILLed leaves its groups here; the name says which worker they were.
    """
    if _is_v2(root):
        parents = [root / PARENT_NAME]
    else:
        parents = [root / hierarchy / PARENT_NAME for hierarchy in V1_HIERARCHIES]
    found: dict[str, list[Path]] = {}
    for parent in parents:
        try:
            children = sorted(parent.iterdir())
        except OSError:  # this hierarchy is not mounted, or no run ever used it
            continue
        for child in children:
            if child.is_dir():
                found.setdefault(child.name, []).append(child)
    return found


class RunCgroup(abc.ABC):
    """The control group(s) of one run. Create with :func:`create_run_cgroup`."""

    @property
    @abc.abstractmethod
    def procs_files(self) -> list[Path]:
        """``cgroup.procs`` files a process writes its pid into to join the run."""

    @abc.abstractmethod
    def cpu_time_s(self) -> float | None:
        """CPU time used by every process of the run so far."""

    @abc.abstractmethod
    def memory_peak_mb(self) -> float | None:
        """Highest memory use, or None where the host does not record it."""

    @abc.abstractmethod
    def oom_killed(self) -> bool:
        """Whether the kernel killed a process of the run for reaching the memory limit."""

    @abc.abstractmethod
    def _dirs(self) -> list[Path]:
        """Every directory of this run, for removal."""

    def pids(self) -> set[int]:
        """Host pids currently in the run."""
        return {pid for path in self._dirs() for pid in _pids_in(path / "cgroup.procs")}

    def kill(self) -> None:
        """SIGKILL every process of the run until its groups are empty."""
        kill_groups(self._dirs())

    def remove(self) -> None:
        """Kill what is left and delete the groups; safe to call twice."""
        remove_groups(self._dirs())


class V2RunCgroup(RunCgroup):
    """One group in a pure cgroup v2 hierarchy."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        _mkdir(path)
        try:
            _write(path / "memory.max", str(limits.memory_mb * MIB))
            if (path / "memory.swap.max").exists():
                _write(path / "memory.swap.max", "0")
            _write(path / "pids.max", str(limits.pids))
            if (path / "memory.oom.group").exists():
                # One OOM kill takes the whole run down, so the verdict is unambiguous.
                _write(path / "memory.oom.group", "1")
        except OSError as exc:
            _rmdir(path)
            raise SandboxError(f"cannot set limits in {path}: {exc}; {SETUP_HINT}") from exc

    @property
    def procs_files(self) -> list[Path]:
        return [self.path / "cgroup.procs"]

    def cpu_time_s(self) -> float | None:
        usec = _keyed(self.path / "cpu.stat", "usage_usec")
        return usec / 1e6 if usec is not None else None

    def memory_peak_mb(self) -> float | None:
        peak = _read_int(self.path / "memory.peak")
        return peak / MIB if peak is not None else None

    def oom_killed(self) -> bool:
        return (_keyed(self.path / "memory.events", "oom_kill") or 0) > 0

    def _dirs(self) -> list[Path]:
        return [self.path]


class V1RunCgroup(RunCgroup):
    """Groups in the v1 memory, pids (and cpuacct) hierarchies, plus unified v2 for killing."""

    def __init__(
        self, memory: Path, pids: Path, cpuacct: Path | None, unified: Path | None, limits: Limits
    ) -> None:
        self.memory, self.pids_dir, self.cpuacct, self.unified = memory, pids, cpuacct, unified
        self._created: list[Path] = []
        try:
            for path in self._dirs():
                _mkdir(path)
                self._created.append(path)
            limit = str(limits.memory_mb * MIB)
            _write(memory / "memory.limit_in_bytes", limit)
            # Without memsw the kernel could push the run into swap instead of stopping it.
            if (memory / "memory.memsw.limit_in_bytes").exists():
                _write(memory / "memory.memsw.limit_in_bytes", limit)
            _write(pids / "pids.max", str(limits.pids))
        except (OSError, SandboxError) as exc:
            for path in self._created:
                _rmdir(path)
            raise SandboxError(f"cannot set up control groups: {exc}; {SETUP_HINT}") from exc

    @property
    def procs_files(self) -> list[Path]:
        return [path / "cgroup.procs" for path in self._dirs()]

    def cpu_time_s(self) -> float | None:
        if self.cpuacct is not None:
            nsec = _read_int(self.cpuacct / "cpuacct.usage")
            if nsec is not None:
                return nsec / 1e9
        if self.unified is not None:
            usec = _keyed(self.unified / "cpu.stat", "usage_usec")
            if usec is not None:
                return usec / 1e6
        return None

    def memory_peak_mb(self) -> float | None:
        peak = _read_int(self.memory / "memory.max_usage_in_bytes")
        return peak / MIB if peak is not None else None

    def oom_killed(self) -> bool:
        kills = _keyed(self.memory / "memory.oom_control", "oom_kill")
        if kills is not None:
            return kills > 0
        # Kernels before 4.13 have no oom_kill counter: hitting the limit is the best hint.
        return (_read_int(self.memory / "memory.failcnt") or 0) > 0

    def _dirs(self) -> list[Path]:
        return [p for p in (self.memory, self.pids_dir, self.cpuacct, self.unified) if p]


def _is_v2(root: Path) -> bool:
    return (root / "cgroup.controllers").exists()


def _delegate(group: Path) -> None:
    """Let the children of a v2 group have their own memory and pids limits."""
    enabled = set((_read(group / "cgroup.subtree_control") or "").split())
    if not {"memory", "pids"} <= enabled:
        _write(group / "cgroup.subtree_control", "+memory +pids")


def _v2_parent(root: Path) -> Path:
    """The ``tfgrader`` parent with memory and pids delegated to its children."""
    missing = {"memory", "pids"} - set((_read(root / "cgroup.controllers") or "").split())
    if missing:
        raise SandboxError(
            f"cgroup v2 at {root} lacks the {', '.join(sorted(missing))} controller(s); "
            f"{SETUP_HINT}"
        )
    parent = root / PARENT_NAME
    try:
        _delegate(root)
        _mkdir(parent)
        _delegate(parent)
    except OSError as exc:
        message = f"cannot delegate controllers under {root}: {exc}; {SETUP_HINT}"
        raise SandboxError(message) from exc
    return parent


def _v1_hierarchy(root: Path, name: str) -> Path | None:
    path = root / name
    return path if (path / "cgroup.procs").exists() else None


def problems(root: Path = CGROUP_ROOT) -> list[str]:
    """What keeps per-run control groups from working on this host (empty when ready)."""
    if os.geteuid() != 0:
        return [f"the sandbox needs root (cgroups, mounts, dropping privileges); {SETUP_HINT}"]
    if _is_v2(root):
        missing = {"memory", "pids"} - set((_read(root / "cgroup.controllers") or "").split())
        return [f"cgroup v2 lacks the {c} controller" for c in sorted(missing)]
    found = []
    for name in ("memory", "pids"):
        path = _v1_hierarchy(root, name)
        if path is None:
            found.append(f"the cgroup v1 {name} controller is not mounted at {root / name}")
        elif not os.access(path, os.W_OK):
            found.append(f"{path} is not writable")
    return found


def create_run_cgroup(name: str, limits: Limits, root: Path = CGROUP_ROOT) -> RunCgroup:
    """Create the groups of one run, with its limits set; raises :class:`SandboxError`."""
    if _is_v2(root):
        return V2RunCgroup(_v2_parent(root) / name, limits)
    trouble = problems(root)
    if trouble:
        raise SandboxError("; ".join(trouble) + f"; {SETUP_HINT}")
    groups: dict[str, Path | None] = {}
    for hierarchy in V1_HIERARCHIES:
        base = _v1_hierarchy(root, hierarchy)
        if base is not None:
            _mkdir(base / PARENT_NAME)
        groups[hierarchy] = base / PARENT_NAME / name if base is not None else None
    memory, pids = groups["memory"], groups["pids"]
    assert memory is not None and pids is not None  # problems() said both are mounted
    return V1RunCgroup(memory, pids, groups["cpuacct"], groups["unified"], limits)
