"""The container engine: one fresh Podman or Docker container per run, same flags for both.

The container is the isolation: no network, a read-only image, a size-limited tmpfs ``/work``,
a non-root uid, no capabilities, no new privileges, and pids/memory/memory+swap/CPU limits from
:class:`grader.limits.Limits`. No host directory is bind-mounted except the read-only data the
spec names: files go in as a tar over stdin and come back out through ``podman exec`` as a tar
that the host unpacks itself (regular files only, capped) into a fresh temp dir. PID 1 inside is
:mod:`grader.sandbox.container_init`, which unpacks, runs the command, and reports its end with a
line only we can write; see that module for why.

Verdicts come from :func:`grader.sandbox.outcome.classify`, the same mapping as the bubblewrap
engine, so a run ends with the same verdict on either engine.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import secrets
import select
import shutil
import signal
import struct
import subprocess
import tarfile
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from grader.result import RunInfo, Verdict
from grader.sandbox.base import Sandbox, SandboxError, SandboxProcess, SandboxSpec
from grader.sandbox.bwrap import BASE_ENV
from grader.sandbox.outcome import Ending, classify
from grader.sandbox.workdir import list_regular_files, read_regular_file, split_relative

SANDBOX_UID = 10001
IMAGE_PYTHON = "/opt/tfgrader/runtime/bin/python"
DEFAULT_IMAGE = "localhost/tfgrader-grader:cpu"
LABEL = "tfgrader"
INIT_SOURCE = (
    "import base64,zlib;exec(zlib.decompress(base64.b64decode('"
    + base64.b64encode(
        zlib.compress(Path(__file__).with_name("container_init.py").read_bytes(), 9)
    ).decode()
    + "')))"
)
"""PID 1's program for ``python -c``, compressed: the container's command line stays short."""
# Flags these machines' Podman needs (nested in a container, cgroup v1, no systemd, no journal).
PODMAN_GLOBAL = ["--runtime", "/usr/sbin/runc", "--cgroup-manager", "cgroupfs",
                 "--events-backend", "none"]  # fmt: skip
SNAPSHOT_MAX_BYTES = 256 << 20
# The exit line PID 1 writes is short; a longer "line" after the token is not ours.
MAX_RECORD = 4096
HOLD_S = 0.05
"""How long a possible start of PID 1's end marker is held back waiting for the rest."""
KILL_GRACE_S = 2.0
"""After SIGUSR1 at the deadline, how long PID 1 gets to stop everything before a hard kill."""
LIFE_MARGIN_S = 120
"""PID 1 exits this long after the wall-clock limit even if nobody is left to stop it."""


def detect_engine() -> str:
    """``TFGRADER_CONTAINER_ENGINE``, else podman when installed, else docker."""
    chosen = os.environ.get("TFGRADER_CONTAINER_ENGINE")
    if chosen:
        if chosen not in ("podman", "docker"):
            raise SandboxError(
                f"TFGRADER_CONTAINER_ENGINE={chosen!r}: expected 'podman' or 'docker'"
            )
        return chosen
    return "podman" if shutil.which("podman") else "docker"


def engine_command(engine: str) -> list[str]:
    """argv prefix for the engine CLI (podman gets the flags these hosts need)."""
    extra = os.environ.get("TFGRADER_PODMAN_FLAGS")
    if engine == "podman":
        return ["podman", *(extra.split() if extra is not None else PODMAN_GLOBAL)]
    return [engine]


def worker_has_gpu() -> bool:
    """A worker declares a GPU with ``TFGRADER_GPU=1``; nothing is guessed."""
    return os.environ.get("TFGRADER_GPU", "") == "1"


def run_flags(engine: str, spec: SandboxSpec, name: str, run_id: str) -> list[str]:
    """The ``run`` flags for one spec: every limit and isolation setting in one place."""
    lim = spec.limits
    # Podman validates tmpfs options and chowns with "U"; Docker passes them to mount(2).
    owner = "U" if engine == "podman" else f"uid={SANDBOX_UID},gid={SANDBOX_UID}"
    flags = [
        "--rm", "-i", "--name", name,
        "--label", f"{LABEL}=1", "--label", f"{LABEL}.run={run_id}",
        "--network", "none",
        "--read-only",
        "--tmpfs", f"/work:rw,nosuid,nodev,noexec,size={lim.disk_mb}m,mode=700,{owner}",
        "--tmpfs", "/tmp:rw,nosuid,nodev,noexec,size=64m,mode=1777",
        "--user", f"{SANDBOX_UID}:{SANDBOX_UID}",
        "--cap-drop", "ALL",
        "--security-opt", "no-new-privileges",
        "--pids-limit", str(lim.pids),
        "--memory", f"{lim.memory_mb}m",
        "--memory-swap", f"{lim.memory_mb}m",
        "--cpus", os.environ.get("TFGRADER_CONTAINER_CPUS", "1"),
        "--ulimit", "core=0",
        "--ulimit", f"cpu={lim.cpu_time_s}:{lim.cpu_time_s + 1}",
        "--ulimit", f"nofile={lim.open_files}:{lim.open_files}",
        "--ulimit", "nproc=1024:1024",
        "--workdir", "/work",
        # The engine must not keep its own copy of the output (a flood would fill its disk).
        "--log-driver", "none",
    ]  # fmt: skip
    if os.environ.get("TFGRADER_CONTAINER_DATA") != "image":
        # Read-only data (MNIST) from the worker's disk. With a remote engine (a socket shared
        # with a sidecar or the host) that disk is not the engine's: the grader image then
        # holds the data at the same paths and TFGRADER_CONTAINER_DATA=image skips the mounts.
        for inside, host in sorted(spec.readonly_mounts.items()):
            flags += ["-v", f"{Path(host).resolve()}:{inside}:ro"]
    if spec.gpu:
        if not worker_has_gpu():
            raise SandboxError(
                "this worker has no GPU: route GPU exercises to the 'gpu' queue, or set "
                "TFGRADER_GPU=1 on a worker that has one"
            )
        flags += ["--gpus", "all"] if engine == "docker" else ["--device", "nvidia.com/gpu=all"]
    return flags


def sandbox_env(spec: SandboxSpec) -> dict[str, str]:
    """The command's whole environment: bwrap's, so a submission sees the same on either engine.

    Nothing from the worker or the engine (``container=podman``, ``HOSTNAME``...) gets in: PID 1
    ``execve``-s the command with exactly this.
    """
    return {"PATH": "/usr/bin:/bin", **BASE_ENV, **spec.env}


def files_tar(files: dict[str, bytes], uid: int = SANDBOX_UID) -> bytes:
    """The spec's files as a tar owned by the sandbox uid (private modes, as bwrap places them)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        made: set[str] = set()
        for relative, data in sorted(files.items()):
            parts = split_relative(relative)
            for depth in range(1, len(parts)):
                folder = "/".join(parts[:depth])
                if folder not in made:
                    made.add(folder)
                    info = tarfile.TarInfo(folder)
                    info.type, info.mode, info.uid, info.gid = tarfile.DIRTYPE, 0o700, uid, uid
                    tar.addfile(info)
            info = tarfile.TarInfo("/".join(parts))
            info.size, info.mode, info.uid, info.gid = len(data), 0o600, uid, uid
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


class ContainerSandbox(Sandbox):
    """Runs each spec in a fresh container of ``image`` through the podman or docker CLI."""

    name = "container"

    def __init__(self, image: str | None = None, engine: str | None = None) -> None:
        self.engine = engine or detect_engine()
        self.image = image or os.environ.get("TFGRADER_CONTAINER_IMAGE", DEFAULT_IMAGE)
        self._image_checked = False

    def cli(self, *args: str) -> list[str]:
        return [*engine_command(self.engine), *args]

    def check(self) -> list[str]:
        if shutil.which(self.engine) is None:
            return [f"{self.engine} is not installed (apt-get install podman runc)"]
        try:
            probe = subprocess.run(
                self.cli("image", "exists", self.image)
                if self.engine == "podman"
                else self.cli("image", "inspect", self.image),
                capture_output=True,
                timeout=60,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return [f"{self.engine} does not answer: {exc}"]
        if probe.returncode != 0:
            return [
                f"image {self.image} is missing: build it with docker/build-grader-image.sh "
                f"(or set TFGRADER_CONTAINER_IMAGE)"
            ]
        return []

    def start(self, spec: SandboxSpec) -> ContainerProcess:
        if not self._image_checked:
            problems = self.check()
            if problems:
                raise SandboxError("; ".join(problems))
            self._image_checked = True
        run_id = secrets.token_hex(8)
        name = f"tfgrader-{run_id}"
        flags = run_flags(self.engine, spec, name, run_id)
        argv = [IMAGE_PYTHON if a == "{python}" else a for a in spec.command]
        token = secrets.token_hex(16)
        lim = spec.limits
        header = {
            "token": token,
            "argv": argv,
            "env": sandbox_env(spec),
            # (soft, hard): SIGXCPU at the CPU limit names the cause; SIGKILL a second later.
            "rlimits": {
                "RLIMIT_FSIZE": (lim.file_size_mb << 20, lim.file_size_mb << 20),
                "RLIMIT_CORE": (0, 0),
                "RLIMIT_CPU": (lim.cpu_time_s, lim.cpu_time_s + 1),
                "RLIMIT_NOFILE": (lim.open_files, lim.open_files),
            },
            "max_life_s": int(lim.wall_time_s) + LIFE_MARGIN_S,
        }
        command = self.cli("run", *flags, self.image, IMAGE_PYTHON, "-I", "-S", "-c", INIT_SOURCE)
        # The engine runs in a scratch dir of its own: podman's conmon drops files such as an
        # ``oom`` marker into its working directory, which must not be the worker's.
        engine_dir = Path(tempfile.mkdtemp(prefix="tfgrader-engine-"))
        try:
            popen = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
                cwd=engine_dir,
            )
        except OSError as exc:
            shutil.rmtree(engine_dir, ignore_errors=True)
            raise SandboxError(f"cannot run {self.engine}: {exc}") from exc
        process = ContainerProcess(self, popen, spec, name, token, engine_dir)
        try:
            assert popen.stdin is not None
            encoded = json.dumps(header).encode()
            tar = files_tar(spec.files)
            popen.stdin.write(b"TFGR" + struct.pack(">I", len(encoded)) + encoded)
            popen.stdin.write(struct.pack(">Q", len(tar)) + tar)
            popen.stdin.flush()
        except OSError as exc:
            process.close()
            raise SandboxError(f"{self.engine} run ended before the files went in: {exc}") from exc
        return process


class ContainerProcess(SandboxProcess):
    """One running container. PID 1's exit line (or the engine's exit) ends the run."""

    def __init__(
        self,
        sandbox: ContainerSandbox,
        popen: subprocess.Popen[bytes],
        spec: SandboxSpec,
        name: str,
        token: str,
        engine_dir: Path,
    ) -> None:
        assert popen.stdin is not None and popen.stdout is not None
        self._sandbox = sandbox
        self._engine_dir = engine_dir
        self._popen = popen
        self.stdin: IO[bytes] = popen.stdin
        out_r, self._out_w = os.pipe()
        self.stdout: IO[bytes] = os.fdopen(out_r, "rb")
        self._limits = spec.limits
        self.name = name
        self._marker = b"\n" + token.encode() + b" "
        self._started = time.monotonic()
        self._deadline = self._started + spec.limits.wall_time_s
        self._cap = spec.limits.output_kb * 1024
        self._output = bytearray()
        self._truncated = False
        self._record: dict[str, Any] | None = None
        self._ended = threading.Event()
        self._lock = threading.Lock()
        self._wall_timeout = False
        self._ended_at: float | None = None
        self._stopped_by_grader = False
        self._info: RunInfo | None = None
        self._snapshot: Path | None = None
        self._scratch: Path | None = None
        self._closed = False
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()
        self._stdout_pump = threading.Thread(target=self._pump_stdout, daemon=True)
        self._stdout_pump.start()

    # -- the two streams: the command's bytes, then PID 1's end marker ----------------------
    def _read_stderr(self) -> None:
        stream = self._popen.stderr
        assert stream is not None
        trailer = pump_until_marker(stream, self._marker, self._keep)
        if trailer is not None:
            line = trailer.split(b"\n", 1)[0][:MAX_RECORD]
            try:
                self._record = json.loads(line)
            except ValueError:
                self._record = {"setup_error": "unreadable exit line from the container"}
        self._ended_at = time.monotonic()
        self._ended.set()
        drain(stream)  # the engine's own messages, if any, must never block it

    def _pump_stdout(self) -> None:
        """Copy the protocol stream to our pipe and close it at PID 1's end mark: EOF for the
        reader, as when a bwrap run ends."""
        assert self._popen.stdout is not None

        def forward(data: bytes) -> None:
            if data:
                os.write(self._out_w, data)  # blocks like a pipe when the reader lags

        try:
            pump_until_marker(self._popen.stdout, self._marker, forward)
        except OSError:
            pass  # the reader closed its end
        finally:
            os.close(self._out_w)
        drain(self._popen.stdout)

    def _keep(self, data: bytes) -> None:
        if not data:
            return
        with self._lock:
            room = self._cap - len(self._output)
            if len(data) > room:
                self._truncated = True
            self._output += data[: max(room, 0)]

    def student_output(self) -> tuple[str, bool]:
        with self._lock:
            return self._output.decode("utf-8", "replace"), self._truncated

    def deadline_left(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    # -- ending ------------------------------------------------------------------------------
    def kill(self) -> None:
        if self._ended.is_set() or self._popen.poll() is not None:
            return
        self._stopped_by_grader = True
        self._stop()

    def _stop(self) -> None:
        """Ask PID 1 to kill everything (files stay readable); hard-kill if it does not."""
        self._engine("kill", "--signal", "USR1", self.name)
        if not self._ended.wait(KILL_GRACE_S):
            self._engine("kill", "--signal", "KILL", self.name)

    def _engine(self, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                self._sandbox.cli(*args), capture_output=True, timeout=timeout, check=False,
                cwd=self._engine_dir,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return subprocess.CompletedProcess(args, 1, b"", str(exc).encode())

    def wait(self, timeout: float | None = None) -> RunInfo:
        """Wait for the end. At the wall-clock limit, or after ``timeout`` seconds (the trusted
        side has given up), the run is stopped and reported timed out, as with bwrap."""
        if self._info is not None:
            return self._info
        limit = (
            self._deadline if timeout is None else min(self._deadline, time.monotonic() + timeout)
        )
        while not self._ended.is_set() and self._popen.poll() is None:
            left = limit - time.monotonic()
            if left <= 0:
                self._wall_timeout = True
                self._stop()
                break
            self._ended.wait(min(left, 0.5))
        self._ended.wait(KILL_GRACE_S)
        if self._ended_at is None:
            self._ended_at = time.monotonic()
        self._info = self._run_info()
        return self._info

    def _run_info(self) -> RunInfo:
        wall = (self._ended_at or time.monotonic()) - self._started
        record = self._record
        output_truncated = self.student_output()[1]
        common: dict[str, Any] = {
            "wall_time_s": round(wall, 3),
            "output_truncated": output_truncated,
            "limits": self._limits.to_dict(),
            "backend": "container",
        }
        if record is not None and "setup_error" in record:
            return RunInfo(Verdict.INTERNAL_ERROR, message=str(record["setup_error"]), **common)
        if record is None:
            # PID 1 itself ended: killed at the deadline, by the engine, or an engine failure.
            try:
                returncode = self._popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                returncode = -signal.SIGKILL
            if not self._wall_timeout and not self._stopped_by_grader and returncode in (125, 126):
                text = self.student_output()[0].strip()[-2000:]
                return RunInfo(
                    Verdict.INTERNAL_ERROR,
                    message=f"{self._sandbox.engine} could not run the container: {text}",
                    **common,
                )
            ending = Ending(
                returncode=returncode,
                wall_timeout=self._wall_timeout,
                oom_killed=returncode == 137 and not self._stopped_by_grader,
                stopped_by_grader=self._stopped_by_grader,
            )
            outcome = classify(ending, self._limits)
            return RunInfo(
                outcome.verdict, outcome.exit_code, outcome.signal, outcome.message, **common
            )
        sig = record.get("signal")
        returncode = -int(sig) if sig else int(record.get("exit_code") or 0)
        cpu_ns = record.get("cpu_ns")
        cpu_s = cpu_ns / 1e9 if isinstance(cpu_ns, int) else None
        # RLIMIT_CPU counts the command's own time (its rusage), not the control group's.
        child_cpu = record.get("child_cpu_s")
        rlimit_cpu = isinstance(child_cpu, float) and child_cpu >= self._limits.cpu_time_s
        ending = Ending(
            returncode=returncode,
            wall_timeout=self._wall_timeout,
            cpu_exceeded=rlimit_cpu,
            oom_killed=bool(record.get("oom_kills")),
            stopped_by_grader=self._stopped_by_grader,
        )
        outcome = classify(ending, self._limits)
        peak = record.get("memory_peak")
        return RunInfo(
            outcome.verdict,
            outcome.exit_code,
            outcome.signal,
            outcome.message,
            cpu_time_s=round(cpu_s, 3) if cpu_s is not None else None,
            memory_peak_mb=round(peak / 2**20, 1) if isinstance(peak, int) else None,
            **common,
        )

    # -- reading back what the run left -----------------------------------------------------
    def _take_snapshot(self) -> Path | None:
        """Copy /work's regular files out (inside: no symlinks followed; host: caps re-checked)."""
        if self._snapshot is not None:
            return self._snapshot
        if self._popen.poll() is not None:
            return None  # the container and its tmpfs are gone
        script = (
            "import os,stat,sys,tarfile\n"
            "t=tarfile.open(fileobj=sys.stdout.buffer,mode='w|')\n"
            "n=0;total=0\n"
            "for d,dirs,files in os.walk('/work'):\n"
            " for f in sorted(files):\n"
            "  p=os.path.join(d,f)\n"
            "  try:fd=os.open(p,os.O_RDONLY|os.O_NOFOLLOW|os.O_NONBLOCK)\n"
            "  except OSError:continue\n"
            "  with open(fd,'rb') as h:\n"
            "   st=os.fstat(fd)\n"
            "   if not stat.S_ISREG(st.st_mode) or total+st.st_size>int(sys.argv[1]):continue\n"
            "   n+=1;total+=st.st_size\n"
            "   i=tarfile.TarInfo(os.path.relpath(p,'/work'));i.size=st.st_size\n"
            "   t.addfile(i,h)\n"
            "t.close()\n"
        )
        result = self._engine(
            "exec", "-i", "--user", f"{SANDBOX_UID}:{SANDBOX_UID}", self.name,
            IMAGE_PYTHON, "-I", "-S", "-c", script, str(SNAPSHOT_MAX_BYTES),
            timeout=120,
        )  # fmt: skip
        if result.returncode != 0:
            return None
        folder = Path(tempfile.mkdtemp(prefix="tfgrader-readback-"))
        try:
            _unpack_regular_files(result.stdout, folder)
        except (tarfile.TarError, OSError, ValueError):
            shutil.rmtree(folder, ignore_errors=True)
            return None
        if self._ended.is_set():
            self._snapshot = folder  # nothing runs any more: the snapshot is final
        else:
            self._scratch = folder
        return folder

    def _current_view(self) -> Path | None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
        return self._take_snapshot()

    def read_file(self, relative_path: str, max_bytes: int) -> bytes | None:
        folder = self._current_view()
        if folder is None:
            return None
        return read_regular_file(folder, relative_path, max_bytes)

    def list_files(self, max_files: int = 1000) -> list[tuple[str, int]]:
        folder = self._current_view()
        if folder is None:
            return []
        return list_regular_files(folder, max_files)

    # -- cleanup -----------------------------------------------------------------------------
    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._popen.poll() is None:
            self._engine("rm", "--force", "--time", "0", self.name)
            try:
                self._popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._popen.kill()
                self._popen.wait()
        else:
            # --rm removes it once stopped; this catches an engine that did not get to.
            self._engine("rm", "--force", "--time", "0", self.name)
        for stream in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        self._reader.join(timeout=5)
        self._stdout_pump.join(timeout=5)
        for pipe in (self._popen.stdout, self._popen.stderr):
            if pipe is not None:
                pipe.close()
        for folder in (self._snapshot, self._scratch, self._engine_dir):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)


def pump_until_marker(
    stream: IO[bytes], marker: bytes, sink: Callable[[bytes], None]
) -> bytes | None:
    """Pass ``stream``'s bytes to ``sink`` up to ``marker``; return what follows the marker
    (None at EOF without one).

    Bytes that might be the start of a marker split across reads are held back, but only
    while more data follows within :data:`HOLD_S`: the protocol is request/response, so a
    reply must never wait for bytes that are not coming.
    """
    fd = stream.fileno()
    pending = b""
    while True:
        if pending and not select.select([fd], [], [], HOLD_S)[0]:
            sink(pending)  # nothing followed: it was data, not a marker
            pending = b""
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        pending += chunk
        at = pending.find(marker)
        if at >= 0:
            sink(pending[:at])
            trailer = pending[at + len(marker) :]
            while b"\n" not in trailer and len(trailer) < MAX_RECORD:
                more = os.read(fd, 65536)
                if not more:
                    break
                trailer += more
            return trailer
        keep = _marker_prefix_len(pending, marker)
        sink(pending[: len(pending) - keep])
        pending = pending[len(pending) - keep :]
    sink(pending)
    return None


def _marker_prefix_len(data: bytes, marker: bytes) -> int:
    """Length of the longest end of ``data`` that is a beginning of ``marker``."""
    for size in range(min(len(data), len(marker) - 1), 0, -1):
        if data.endswith(marker[:size]):
            return size
    return 0


def drain(stream: IO[bytes]) -> None:
    """Read and drop the rest of a stream (so the engine never blocks writing it)."""
    with contextlib.suppress(OSError, ValueError):
        while os.read(stream.fileno(), 65536):
            pass


def _unpack_regular_files(data: bytes, folder: Path) -> None:
    """Unpack only regular files with safe relative names into ``folder`` (no links, no modes)."""
    total = 0
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        for member in tar:
            if not member.isreg():
                continue
            parts = split_relative(member.name)
            total += member.size
            if total > SNAPSHOT_MAX_BYTES:
                raise ValueError("read-back larger than the cap")
            target = folder.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is None:
                continue
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with open(fd, "wb") as out:
                shutil.copyfileobj(source, out)
