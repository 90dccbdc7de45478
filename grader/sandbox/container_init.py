"""PID 1 of every grading container: unpack the files, run the command, report how it ended.

This file runs INSIDE the container (standard library only, imports nothing from tfgrader); the
container engine passes its source with ``python -I -S -c``. Why a supervisor instead of
exec'ing the command directly:

- Files go in over stdin (no host directory is bind-mounted): a header and a tar come first, the
  agent protocol follows on the same pipe once the command starts.
- The work dir is a tmpfs that vanishes with the container. Staying alive after the command
  ends keeps it readable, so the trusted side can fetch what the run left (``podman exec``).
- The end of the run is reported on stderr as one line that starts with a random token the
  trusted side sent in the header (and stdout's end is marked the same way, since the engine
  keeps the stream open while the container lives). The submission cannot forge it: it never
  sees the token (read from the pipe before the fork; this process is not dumpable, so its
  memory cannot be read through /proc), and the line is written only after every other
  process is dead.

Stdin layout: ``TFGR`` + u32 header length + JSON header + u64 tar length + tar.
"""

import contextlib
import io
import json
import os
import resource
import signal
import struct
import sys
import tarfile


def _read_exact(n):
    chunks = []
    while n > 0:
        chunk = os.read(0, min(n, 1 << 20))
        if not chunk:
            raise EOFError("stdin closed during setup")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _cgroup_value(paths, key=None):
    """First readable cgroup figure (v1 or v2 file name), or None."""
    for path in paths:
        try:
            with open(path) as f:
                text = f.read()
        except OSError:
            continue
        if key is None:
            try:
                return int(text.split()[0])
            except (ValueError, IndexError):
                continue
        for line in text.splitlines():
            name, _, value = line.partition(" ")
            if name == key:
                return int(value)
    return None


def _kill_all_others():
    """SIGKILL every other process of the container and reap them (we are their init)."""
    while True:
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)
        try:
            while True:
                os.waitpid(-1, 0)
        except ChildProcessError:
            return


def _unpack(data):
    """Place the trusted side's tar in /work: directories and regular files only.

    (Debian's Python 3.11.2 predates ``extractall(filter=...)``; the tar is ours anyway.)
    """
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar:
            parts = [p for p in member.name.split("/") if p not in ("", ".")]
            if not parts or ".." in parts:
                raise ValueError(f"unsafe path in the files tar: {member.name!r}")
            target = os.path.join("/work", *parts)
            if member.isdir():
                os.makedirs(target, mode=0o700, exist_ok=True)
            elif member.isreg():
                os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
                with open(fd, "wb") as out:
                    out.write(tar.extractfile(member).read())


def _report(token, record):
    os.write(2, b"\n" + token.encode() + b" " + json.dumps(record).encode() + b"\n")


def main():
    if _read_exact(4) != b"TFGR":
        raise SystemExit("tfgrader init: bad stdin header")
    (header_len,) = struct.unpack(">I", _read_exact(4))
    header = json.loads(_read_exact(header_len))
    (tar_len,) = struct.unpack(">Q", _read_exact(8))
    token = header["token"]
    try:
        _unpack(_read_exact(tar_len))
    except Exception as exc:  # noqa: BLE001 - any failure here is the infrastructure's
        _report(token, {"setup_error": f"{type(exc).__name__}: {exc}"})
        signal.pause()

    # The trusted side sends SIGUSR1 at the wall-clock limit: stop everything, keep the files.
    signal.signal(signal.SIGUSR1, lambda *_: os.kill(-1, signal.SIGKILL))
    # Last line of defence when the worker that started us died: never outlive the run.
    signal.signal(signal.SIGALRM, lambda *_: os._exit(124))
    signal.alarm(int(header["max_life_s"]))

    go_read, go_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(go_write)
            os.read(go_read, 1)  # wait until PID 1 is no longer dumpable
            os.close(go_read)
            for name, (soft, hard) in header["rlimits"].items():
                resource.setrlimit(getattr(resource, name), (soft, hard))
            try:
                with open("/proc/self/oom_score_adj", "w") as f:
                    # The OOM killer takes the submission, never this supervisor.
                    f.write("1000")
            except OSError:
                pass
            os.chdir("/work")
            os.execve(header["argv"][0], header["argv"], header["env"])
        except BaseException as exc:  # noqa: BLE001
            os.write(2, f"tfgrader init: cannot start {header['argv'][0]}: {exc}\n".encode())
        os._exit(127)

    os.close(go_read)
    try:
        # Not dumpable: a same-uid submission can neither ptrace us nor read /proc/1/mem,
        # where the token is. Only in this process: the child's /proc files must stay its own.
        import ctypes

        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4
    except Exception:  # noqa: BLE001 - ctypes may be missing from a trimmed image
        pass
    os.write(go_write, b"g")
    os.close(go_write)
    # Only the command holds stdin/stdout now; we keep a private copy of stdout to mark its end
    # (the engine keeps the stream open as long as the container lives).
    protocol_out = os.dup(1)
    devnull = os.open("/dev/null", os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    status, child_cpu = 0, None
    while True:
        try:
            done, status, usage = os.wait4(-1, 0)
        except ChildProcessError:
            break
        if done == pid:
            child_cpu = usage.ru_utime + usage.ru_stime
            break
    _kill_all_others()
    record = {
        "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "oom_kills": _cgroup_value(
            ["/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events"],
            key="oom_kill",
        ),
        "memory_peak": _cgroup_value(
            ["/sys/fs/cgroup/memory/memory.max_usage_in_bytes", "/sys/fs/cgroup/memory.peak"]
        ),
        "cpu_ns": _cgroup_value(["/sys/fs/cgroup/cpuacct/cpuacct.usage"]),
        "child_cpu_s": child_cpu,
    }
    _report(token, record)
    os.close(2)
    # Never block on a reader that stopped reading: without the mark, EOF comes at removal.
    os.set_blocking(protocol_out, False)
    with contextlib.suppress(OSError):
        os.write(protocol_out, b"\n" + token.encode() + b" END\n")
    os.close(protocol_out)
    while True:
        signal.pause()


if __name__ == "__main__":
    sys.exit(main())
