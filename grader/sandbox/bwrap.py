"""The bubblewrap engine: one unprivileged, namespaced, cgroup-limited process tree per run.

A run is launched as a chain of small programs, each doing one thing and then ``exec``-ing the
next, so no Python code runs between ``fork`` and ``exec`` of the (threaded) worker, where
``preexec_fn`` would be unsafe::

    _launch.py (reaper; its child joins the cgroups, sets rlimits) -> setpriv (drop to the
      sandbox uid) -> bwrap (namespaces, mounts, clean environment) -> bash (report "ready")
      -> command

Dropping to an unprivileged uid *before* bwrap matters: bwrap started by root maps the inside
user to real root. bwrap itself is started with an almost empty environment, because the
sandbox's pid 1 is bwrap and its ``/proc/1/environ`` would show the worker's (secrets included).

The tiny bash step writes one byte on a pipe once every mount and namespace is in place, then
closes it and ``exec``-s the command: that byte tells a broken setup (raised as
:class:`SandboxError`) apart from a student program that exits at once.

A seccomp deny-list is a second layer where setup has built one (``scripts/setup.sh`` writes
``<runtime>/share/tfgrader/seccomp.bpf`` with Debian's ``python3-seccomp``): the namespaces, the
unprivileged uid and the empty capability sets already take away most of what it lists (mount,
ptrace of others, bpf, ...), but the filter also shuts kernel interfaces that an unprivileged
process may still reach (nested user namespaces, io_uring, keyrings, userfaultfd). bwrap reads
it from an inherited descriptor (``--seccomp FD``). Without the file runs go ahead unfiltered,
and ``RunInfo.backend`` says which it was (``bwrap+seccomp`` or ``bwrap``).

A worker that is SIGKILLed cannot clean up; its runs' work dirs and cgroups carry its pid in
their names, and :func:`sweep_stale_runs` (worker start-up calls it) removes them once it is gone.

``--die-with-parent`` and the launcher rely on ``PR_SET_PDEATHSIG``, which fires when the
*thread* that started the run ends: start runs from a thread that outlives them (a worker's
main loop does).
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import logging
import os
import select
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from grader.limits import Limits
from grader.result import RunInfo
from grader.sandbox import cgroups, workdir
from grader.sandbox.base import Sandbox, SandboxError, SandboxProcess, SandboxSpec
from grader.sandbox.outcome import Ending, classify, signal_of
from grader.sandbox.workdir import WorkDir, split_relative

DEFAULT_RUNTIME = "/opt/tfgrader/runtime"
DEFAULT_UID = 10001
HOST_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
MIB = 1024 * 1024
READY_TIMEOUT_S = 30.0
POLL_S = 0.1
DRAIN_S = 2.0
READ_CHUNK = 65536
SETUP_HINT = "run scripts/setup.sh"

BASE_ENV = {
    "HOME": "/tmp",
    "USER": "student",
    "LOGNAME": "student",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONUNBUFFERED": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "MPLBACKEND": "Agg",
}
"""The sandbox's whole environment, with PATH and ``spec.env`` added. HOME is ``/tmp`` so that
Keras' ``~/.keras`` does not show up among the run's files in ``/work``."""

LAUNCHER = Path(__file__).with_name("_launch.py")
READY_SCRIPT = 'fd=$0; printf R >&"$fd" || exit 126; exec {fd}>&-; exec "$@"'
"""Inside: report that the sandbox is set up, close the pipe, become the command."""

HOST_ROOT_LINKS = ("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32")
ETC_FILES = ("/etc/ld.so.cache", "/etc/localtime")
HOST_CONFIG_DIRS = ("/etc/fonts",)
"""Read-only host configuration the runtime's libraries look for. Without ``/etc/fonts``
fontconfig (run by matplotlib's font manager through ``fc-list``) prints "Fontconfig error:
Cannot load default config file" to the student's stderr; the fonts themselves are in /usr."""

SECCOMP_FILTER = Path("share/tfgrader/seccomp.bpf")
"""Where setup writes the seccomp program, relative to the runtime."""
SWEEP_LOCK = ".sweep.lock"
"""In the work dirs' base folder: one sweeper at a time per host."""

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tools:
    """Absolute paths of the host programs in the launch chain."""

    setpriv: str
    bwrap: str
    bash: str

    @classmethod
    def find(cls) -> tuple[Tools | None, list[str]]:
        found: dict[str, str] = {}
        missing: list[str] = []
        for name, package in (
            ("setpriv", "util-linux"),
            ("bwrap", "bubblewrap"),
            ("bash", "bash"),
        ):
            path = shutil.which(name, path=HOST_PATH)
            if path is None:
                missing.append(f"{name} is missing: apt-get install {package} ({SETUP_HINT})")
            else:
                found[name] = os.path.realpath(path)
        if missing:
            return None, missing
        return cls(**found), []


def runtime_dir() -> Path:
    return Path(os.environ.get("TFGRADER_RUNTIME", DEFAULT_RUNTIME))


def sandbox_ids() -> tuple[int, int]:
    """The unprivileged host uid/gid the sandbox runs as."""
    uid = int(os.environ.get("TFGRADER_SANDBOX_UID", DEFAULT_UID))
    gid = int(os.environ.get("TFGRADER_SANDBOX_GID", uid))
    return uid, gid


def _root_layout() -> list[str]:
    """/bin, /lib, ... as this host has them: symlinks into /usr (merged /usr) or directories."""
    args: list[str] = []
    for path in HOST_ROOT_LINKS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    return args


def gpu_devices() -> list[str]:
    return sorted(glob.glob("/dev/nvidia*"))


def _inside_path(path: str) -> str:
    """Validate an absolute path inside the sandbox (for read-only mounts)."""
    if not path.startswith("/") or path == "/":
        raise SandboxError(f"read-only mount point must be an absolute path, not {path!r}")
    split_relative(path.lstrip("/"))  # rejects '..'
    return path


def bwrap_args(
    *,
    runtime: Path,
    work: Path,
    etc: Path,
    limits: Limits,
    readonly_mounts: dict[str, Path],
    devices: list[str],
    env: dict[str, str],
    seccomp_fd: int | None = None,
) -> list[str]:
    """The namespaces, mounts and environment of the sandbox, in bwrap's option language.

    ``seccomp_fd`` is an inherited descriptor of a compiled BPF program that bwrap loads just
    before it runs the command.
    """
    args = [
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--hostname",
        "tfgrader",
        "--ro-bind",
        "/usr",
        "/usr",
        *_root_layout(),
        "--ro-bind",
        str(runtime),
        str(runtime),
        "--ro-bind",
        str(etc / "passwd"),
        "/etc/passwd",
        "--ro-bind",
        str(etc / "group"),
        "/etc/group",
    ]
    for path in (*ETC_FILES, *HOST_CONFIG_DIRS):
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    args += ["--proc", "/proc", "--dev", "/dev"]
    # --dev makes /dev a tmpfs of the sandbox user's, with no size: /dev/shm (which
    # multiprocessing needs) gets a sized tmpfs like /tmp, and /dev itself is made read-only
    # (non-recursively, so /dev/shm and /dev/pts keep their own flags).
    args += ["--size", str(limits.disk_mb * MIB), "--tmpfs", "/dev/shm", "--remount-ro", "/dev"]
    args += ["--size", str(limits.disk_mb * MIB), "--tmpfs", "/tmp"]
    args += ["--bind", str(work), "/work"]
    for inside, host in sorted(readonly_mounts.items()):
        if not host.exists():
            raise SandboxError(f"read-only mount source {host} does not exist")
        args += ["--ro-bind", str(host), _inside_path(inside)]
    for device in devices:
        args += ["--dev-bind", device, device]
    args += ["--remount-ro", "/", "--chdir", "/work", "--clearenv"]
    for key, value in env.items():
        args += ["--setenv", key, value]
    if seccomp_fd is not None:
        args += ["--seccomp", str(seccomp_fd)]
    return args


def launch_argv(
    tools: Tools,
    *,
    procs_files: list[Path],
    limits: Limits,
    uid: int,
    gid: int,
    bwrap: list[str],
    ready_fd: int,
    command: list[str],
) -> list[str]:
    """The whole chain: launcher (cgroups, rlimits), setpriv, bwrap, report ready."""
    cpu = limits.cpu_time_s
    rlimits = {
        # Soft limit: SIGXCPU (reported as a time-out); a second later the kernel's SIGKILL.
        "cpu": (cpu, cpu + 1),
        "fsize": (limits.file_size_mb * MIB,) * 2,
        "nofile": (limits.open_files,) * 2,
        "core": (0, 0),
    }
    launcher = [sys.executable, "-I", "-S", str(LAUNCHER)]
    for procs in procs_files:
        launcher += ["--join", str(procs)]
    for name, (soft, hard) in rlimits.items():
        launcher += ["--rlimit", f"{name}={soft}:{hard}"]
    return [
        *launcher,
        "--",
        tools.setpriv,
        f"--reuid={uid}",
        f"--regid={gid}",
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--no-new-privs",
        tools.bwrap,
        *bwrap,
        "--",
        tools.bash,
        "-c",
        READY_SCRIPT,
        str(ready_fd),
        *command,
    ]


class _CappedReader(threading.Thread):
    """Drains a pipe so the child never blocks on it, keeping only the first ``cap`` bytes."""

    def __init__(self, stream: IO[bytes], cap: int) -> None:
        super().__init__(name="tfgrader-stderr", daemon=True)
        self._fd = stream.fileno()
        self._cap = cap
        self._lock = threading.Lock()
        self._data = bytearray()
        self.truncated = False

    def run(self) -> None:
        try:
            while chunk := os.read(self._fd, READ_CHUNK):
                with self._lock:
                    room = self._cap - len(self._data)
                    if room > 0:
                        self._data += chunk[:room]
                    if len(chunk) > room:
                        self.truncated = True
        except OSError:  # the pipe was closed under us by close()
            return

    def text(self) -> tuple[str, bool]:
        with self._lock:
            return self._data.decode("utf-8", errors="replace"), self.truncated


class BwrapProcess(SandboxProcess):
    """One running sandbox; a watchdog thread enforces the wall clock and the CPU total."""

    def __init__(
        self,
        popen: subprocess.Popen[bytes],
        cgroup: cgroups.RunCgroup,
        workdir: WorkDir,
        limits: Limits,
        started: float,
        backend: str = "bwrap",
    ) -> None:
        self._popen = popen
        self._backend = backend
        self._cgroup = cgroup
        self._workdir = workdir
        self._limits = limits
        self._started = started
        self._deadline = started + limits.wall_time_s
        self._ended_at: float | None = None
        self._ended = threading.Event()
        self._wall_timeout = False
        self._cpu_exceeded = False
        self._stopped_by_grader = False
        self._info: RunInfo | None = None
        self._closed = False
        self.stdin = cast(IO[bytes], popen.stdin)
        self.stdout = cast(IO[bytes], popen.stdout)
        self._reader = _CappedReader(cast(IO[bytes], popen.stderr), limits.output_kb * 1024)
        self._reader.start()
        self._watchdog = threading.Thread(target=self._watch, name="tfgrader-watchdog", daemon=True)
        self._watchdog.start()

    def _watch(self) -> None:
        """Wait for the end, killing the run at the wall-clock or total CPU limit."""
        while True:
            try:
                self._popen.wait(timeout=POLL_S)
                break
            except subprocess.TimeoutExpired:
                pass
            if self._killed_for_limits():
                continue
            if time.monotonic() >= self._deadline:
                self._wall_timeout = True
                self._kill_quietly()
            elif (self._cgroup.cpu_time_s() or 0.0) > self._limits.cpu_time_s:
                # RLIMIT_CPU is per process; this catches a run that spreads over many.
                self._cpu_exceeded = True
                self._kill_quietly()
        self._ended_at = time.monotonic()
        self._ended.set()

    def _killed_for_limits(self) -> bool:
        return self._wall_timeout or self._cpu_exceeded

    def _kill_quietly(self) -> None:
        try:
            self._cgroup.kill()
        except (OSError, SandboxError):
            self._popen.kill()

    def student_output(self) -> tuple[str, bool]:
        return self._reader.text()

    def deadline_left(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    def kill(self) -> None:
        """Kill the run. A kill once the wall clock has run out is that time-out (the caller
        saw ``deadline_left() == 0`` a moment before the watchdog did); any other is the
        grader's decision and reported as such."""
        if not self._ended.is_set():
            if self.deadline_left() <= 0:
                self._wall_timeout = True
            else:
                self._stopped_by_grader = True
        self._kill_quietly()

    def wait(self, timeout: float | None = None) -> RunInfo:
        """Wait for the end. After ``timeout`` seconds the run is killed and reported timed out
        (the trusted side has given up on it); without one, the wall-clock limit ends it."""
        if self._info is not None:
            return self._info
        if not self._ended.wait(timeout):
            self._wall_timeout = True
            self._kill_quietly()
            self._ended.wait()
        # Daemons the program left behind die with the pid namespace; make sure of it, so that
        # stderr reaches its end and the figures below are final.
        self._kill_quietly()
        self._reader.join(DRAIN_S)
        self._info = self._run_info()
        return self._info

    def _run_info(self) -> RunInfo:
        returncode = self._popen.returncode
        cpu = self._cgroup.cpu_time_s()
        sigkilled = signal_of(returncode) == signal.SIGKILL
        rlimit_cpu = sigkilled and cpu is not None and cpu >= self._limits.cpu_time_s
        ending = Ending(
            returncode=returncode,
            wall_timeout=self._wall_timeout,
            cpu_exceeded=self._cpu_exceeded or rlimit_cpu,
            oom_killed=self._cgroup.oom_killed(),
            stopped_by_grader=self._stopped_by_grader,
        )
        outcome = classify(ending, self._limits)
        ended_at = self._ended_at if self._ended_at is not None else time.monotonic()
        return RunInfo(
            verdict=outcome.verdict,
            exit_code=outcome.exit_code,
            signal=outcome.signal,
            message=outcome.message,
            wall_time_s=round(ended_at - self._started, 3),
            cpu_time_s=None if cpu is None else round(cpu, 3),
            memory_peak_mb=self._memory_peak(),
            output_truncated=self._reader.truncated,
            limits=self._limits.to_dict(),
            backend=self._backend,
        )

    def _memory_peak(self) -> float | None:
        peak = self._cgroup.memory_peak_mb()
        return None if peak is None else round(peak, 1)

    def read_file(self, relative_path: str, max_bytes: int) -> bytes | None:
        return self._workdir.read_file(relative_path, max_bytes)

    def list_files(self, max_files: int = 1000) -> list[tuple[str, int]]:
        return self._workdir.list_files(max_files)

    def close(self) -> None:
        """Kill, reap, unmount, remove: each step is tried even if one before it failed."""
        if self._closed:
            return
        self._closed = True
        failures: list[str] = []
        steps = (
            self.kill,
            self._reap,
            self._close_pipes,
            self._workdir.remove,
            self._cgroup.remove,
        )
        for step in steps:
            try:
                step()
            except (OSError, SandboxError, subprocess.SubprocessError) as exc:
                failures.append(f"{getattr(step, '__name__', step)}: {exc}")
        if failures:
            raise SandboxError("sandbox cleanup failed: " + "; ".join(failures))

    def _reap(self) -> None:
        self._popen.wait(timeout=10)
        self._watchdog.join(10)
        self._reader.join(DRAIN_S)

    def _close_pipes(self) -> None:
        for stream in (self._popen.stdin, self._popen.stdout, self._popen.stderr):
            if stream is not None and not stream.closed:
                with contextlib.suppress(BrokenPipeError):
                    stream.close()


class BwrapSandbox(Sandbox):
    """Starts :class:`BwrapProcess` runs. Needs root (cgroups, tmpfs mounts, dropping to the
    sandbox uid), bubblewrap, util-linux and the sandbox runtime; :meth:`check` says what is
    missing."""

    name = "bwrap"

    def __init__(
        self,
        runtime: Path | None = None,
        uid: int | None = None,
        seccomp_filter: Path | None = None,
    ) -> None:
        self.runtime = runtime or runtime_dir()
        default_uid, default_gid = sandbox_ids()
        self.uid = default_uid if uid is None else uid
        self.gid = default_gid if uid is None else uid
        self.seccomp_filter = seccomp_filter or self.runtime / SECCOMP_FILTER
        """The BPF program runs are filtered with, when the file exists."""

    def sweep(self) -> int:
        """Remove the runs of workers on this host that died without cleaning up; see
        :func:`sweep_stale_runs`."""
        return sweep_stale_runs()

    @property
    def python(self) -> Path:
        """The interpreter substituted for ``{python}``; a venv symlink, used at its own path."""
        return self.runtime / "bin" / "python3"

    def check(self) -> list[str]:
        tools, found = Tools.find()
        if tools is not None and not tools.bash.startswith("/usr/"):
            found.append(f"{tools.bash} is outside /usr, so the sandbox cannot run it")
        if not self.python.exists():
            found.append(f"the sandbox runtime {self.python} is missing ({SETUP_HINT})")
        elif not os.stat(self.runtime).st_mode & stat.S_IXOTH:
            found.append(f"the sandbox runtime {self.runtime} is not world-readable ({SETUP_HINT})")
        if self.uid == 0:
            found.append("TFGRADER_SANDBOX_UID must not be 0: the sandbox user is unprivileged")
        found += cgroups.problems()
        return found

    def start(self, spec: SandboxSpec) -> BwrapProcess:
        problems = self.check()
        if problems:
            raise SandboxError("the bwrap sandbox cannot run: " + "; ".join(problems))
        if not spec.command:
            raise SandboxError("empty sandbox command")
        devices = self._devices(spec)
        command = [arg.replace("{python}", str(self.python)) for arg in spec.command]
        name = new_run_name()
        workdir = WorkDir(name, self.uid, self.gid, spec.limits.disk_mb, spec.files)
        cgroup: cgroups.RunCgroup | None = None
        try:
            cgroup = cgroups.create_run_cgroup(name, spec.limits)
            return self._launch(spec, command, devices, workdir, cgroup)
        except BaseException:
            workdir.remove()
            if cgroup is not None:
                cgroup.remove()
            raise

    def _devices(self, spec: SandboxSpec) -> list[str]:
        if not spec.gpu:
            return []
        devices = gpu_devices()
        if not devices:
            raise SandboxError("this worker has no GPU (no /dev/nvidia* devices)")
        return devices

    def _environment(self, spec: SandboxSpec) -> dict[str, str]:
        path = f"{self.runtime}/bin:/usr/local/bin:/usr/bin:/bin"
        return {"PATH": path, **BASE_ENV, **spec.env}

    def _launch(
        self,
        spec: SandboxSpec,
        command: list[str],
        devices: list[str],
        workdir: WorkDir,
        cgroup: cgroups.RunCgroup,
    ) -> BwrapProcess:
        tools, _ = Tools.find()
        assert tools is not None  # check() passed
        seccomp_fd = self._open_seccomp_filter()
        ready_r, ready_w = os.pipe()
        try:
            argv = launch_argv(
                tools,
                procs_files=cgroup.procs_files,
                limits=spec.limits,
                uid=self.uid,
                gid=self.gid,
                bwrap=bwrap_args(
                    runtime=self.runtime,
                    work=workdir.work,
                    etc=workdir.etc,
                    limits=spec.limits,
                    readonly_mounts=spec.readonly_mounts,
                    devices=devices,
                    env=self._environment(spec),
                    seccomp_fd=seccomp_fd,
                ),
                ready_fd=ready_w,
                command=command,
            )
            started = time.monotonic()
            popen = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                bufsize=0,
                env={"PATH": HOST_PATH},
                pass_fds=(ready_w,) if seccomp_fd is None else (ready_w, seccomp_fd),
                start_new_session=True,  # a Ctrl-C meant for the CLI is not the student's signal
            )
            os.close(ready_w)
            ready_w = -1
            backend = self.name if seccomp_fd is None else f"{self.name}+seccomp"
            process = BwrapProcess(popen, cgroup, workdir, spec.limits, started, backend)
            if not _await_ready(ready_r):
                self._fail_start(process)
            return process
        finally:
            os.close(ready_r)
            if ready_w >= 0:
                os.close(ready_w)
            if seccomp_fd is not None:
                os.close(seccomp_fd)

    def _open_seccomp_filter(self) -> int | None:
        """A descriptor of the filter for bwrap to read, or None to run unfiltered: the filter
        is an extra layer that setup may not have built (no ``python3-seccomp`` on the host).
        Opened per run, because bwrap reads from the descriptor's shared offset."""
        try:
            return os.open(self.seccomp_filter, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SandboxError(
                f"cannot read the seccomp filter {self.seccomp_filter}: {exc} ({SETUP_HINT})"
            ) from exc

    @staticmethod
    def _fail_start(process: BwrapProcess) -> None:
        process.kill()
        process.wait(timeout=10)
        text, _ = process.student_output()
        process.close()
        raise SandboxError(
            f"bwrap could not set up the sandbox: {text.strip() or 'no message'} ({SETUP_HINT})"
        )


def _await_ready(ready_fd: int) -> bool:
    """Whether the inside reported "set up" before bwrap gave up (EOF) or the time ran out."""
    readable, _, _ = select.select([ready_fd], [], [], READY_TIMEOUT_S)
    return bool(readable) and os.read(ready_fd, 1) == b"R"


def new_run_name() -> str:
    """A unique name for a run's work dir and cgroups, starting with this worker's pid, so
    that :func:`sweep_stale_runs` can tell whose run it was."""
    return f"run-{os.getpid()}-{uuid.uuid4().hex[:12]}"


def owner_of(run_name: str) -> int | None:
    """The worker pid a run name carries (``run-<pid>-<id>``); None for any other name."""
    kind, _, rest = run_name.partition("-")
    pid, _, run_id = rest.partition("-")
    return int(pid) if kind == "run" and pid.isdigit() and run_id else None


def _alive(pid: int) -> bool:
    """Whether a process with this pid is running. A SIGKILLed worker whose parent has not
    reaped it yet is a zombie: it still has a /proc entry, but it owns no run any more."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:
        return True  # when in doubt, the run is someone's
    fields = stat_line.rpartition(")")[2].split()  # the name before ")" may hold spaces
    return not fields or fields[0] not in ("Z", "X")


@contextlib.contextmanager
def _sweep_lock() -> Iterator[None]:
    """Hold the host-wide sweep lock: a second worker starting at the same time waits rather
    than race the first over the same leftovers (the kernel drops it if we die)."""
    workdir.BASE_DIR.mkdir(mode=0o711, parents=True, exist_ok=True)
    fd = os.open(workdir.BASE_DIR / SWEEP_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def sweep_stale_runs() -> int:
    """Remove the runs of workers on this host that died without cleaning up; how many.

    A worker that is SIGKILLed (OOM killer, ``kill -9``, a lost node's restart) leaves its runs'
    tmpfs work dirs mounted, their cgroups in every hierarchy and, where the launcher's
    death signal lost a race, sandboxed processes that no watchdog limits any more. Each name
    carries the worker's pid: for every run whose worker is gone this kills what is left in the
    run's cgroups, unmounts and deletes its work dir and removes the cgroups. Runs of live
    workers, this one included, are left alone.

    Worker start-up calls it, before the first run (the local queue's ``start``, a Celery
    worker's init, the ``tfgrader grade`` CLI); it is safe to call from several workers at once
    (a host-wide lock makes them take turns, and every step tolerates a run already removed).
    It assumes that every worker using this host's work dirs and cgroups shares one pid
    namespace, as the local pool and Celery workers on a host do; a pid reused since only
    delays the sweep of that worker's runs. Runs that cannot be removed are logged and left for
    the next sweep. Without root (where the engine cannot run anyway) there is nothing to do.
    """
    if os.geteuid() != 0:
        return 0
    removed = 0
    with _sweep_lock():
        dirs = workdir.run_dirs()
        groups = cgroups.run_groups()
        owners = {name: owner_of(name) for name in {*dirs, *groups}}
        alive = {pid: _alive(pid) for pid in set(owners.values()) if pid is not None}
        for name, owner in sorted(owners.items()):
            if owner is None or alive[owner]:
                continue
            try:
                # Processes first: they hold the tmpfs mount busy.
                cgroups.kill_groups(groups.get(name, []))
                if name in dirs:
                    workdir.remove_run_dir(dirs[name])
                cgroups.remove_groups(groups.get(name, []))
            except (OSError, SandboxError) as exc:
                _log.warning(
                    "could not remove sandbox run %s of dead worker %d: %s", name, owner, exc
                )
                continue
            removed += 1
    return removed
