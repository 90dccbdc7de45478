"""The host side of a run's ``/work``: a private, size-limited tmpfs, and safe reads from it.

Each run gets a fresh directory under ``/var/tmp/tfgrader-sandbox`` (``TFGRADER_SANDBOX_DIR``
overrides), named for the run (``run-<worker pid>-<id>``, so that a dead worker's leftovers can
be told apart from a live one's), with a tmpfs mounted on its ``work`` folder. A mount of its
own gives the disk limit (bwrap cannot copy files into a tmpfs it creates), and also means a
submission cannot hard-link host files into its work dir. Beside it, ``etc`` holds the
synthetic ``passwd``/``group``.

Everything the run leaves is untrusted: reads never follow symlinks (every path component is
opened relative to its parent's descriptor with ``O_NOFOLLOW``), take regular files only, and
are capped in size and count.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

from grader.sandbox.base import SandboxError

BASE_DIR = Path(os.environ.get("TFGRADER_SANDBOX_DIR", "/var/tmp/tfgrader-sandbox"))
MS_NOSUID, MS_NODEV, MS_NOEXEC = 2, 4, 8
MNT_DETACH = 2
MAX_DEPTH = 32
MAX_SCANNED = 20_000
DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC

_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def _mount_tmpfs(target: Path, size_mb: int, uid: int, gid: int) -> None:
    options = f"size={size_mb}m,mode=700,uid={uid},gid={gid}".encode()
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
    if _libc.mount(b"tfgrader", os.fsencode(target), b"tmpfs", flags, options) != 0:
        err = ctypes.get_errno()
        raise SandboxError(
            f"cannot mount a tmpfs on {target}: {os.strerror(err)}; the worker must run as root"
        )


def _unmount(target: Path) -> None:
    """Unmount; a lazy unmount if something still holds it (it is gone once released)."""
    if _libc.umount2(os.fsencode(target), 0) == 0:
        return
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOENT):  # not mounted (any more)
        return
    if _libc.umount2(os.fsencode(target), MNT_DETACH) != 0:
        raise SandboxError(f"cannot unmount {target}: {os.strerror(ctypes.get_errno())}")


def _mount_points_under(root: Path) -> list[Path]:
    """Mount points at or below ``root``, deepest first (the order to unmount them in)."""
    prefix = os.fsencode(root)
    found: list[Path] = []
    with open("/proc/self/mounts", "rb") as mounts:
        for line in mounts:
            fields = line.split()
            if len(fields) < 2:
                continue
            # /proc/self/mounts writes space, tab, newline and backslash as octal escapes.
            point = fields[1].decode("unicode_escape").encode("latin-1")
            if point == prefix or point.startswith(prefix + b"/"):
                found.append(Path(os.fsdecode(point)))
    return sorted(set(found), key=lambda path: len(path.parts), reverse=True)


def run_dirs() -> dict[str, Path]:
    """Every run directory on this host, by run name (live runs and dead workers' leftovers)."""
    try:
        entries = sorted(BASE_DIR.iterdir())
    except FileNotFoundError:
        return {}
    return {path.name: path for path in entries if path.name.startswith("run-")}


def remove_run_dir(root: Path) -> None:
    """Unmount whatever is mounted in a run directory and delete it: for a dead worker's run.

    Raises :class:`SandboxError` when a mount cannot be undone, rather than delete what
    might be a mount point still in use.
    """
    for point in _mount_points_under(root):
        _unmount(point)
    shutil.rmtree(root, ignore_errors=True)


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit and (chunk := os.read(fd, min(1 << 20, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def split_relative(path: str) -> list[str]:
    """The components of a relative path inside the work dir; rejects escapes."""
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if path.startswith("/") or "\0" in path or ".." in parts or not parts:
        raise ValueError(f"not a relative path inside the work dir: {path!r}")
    return parts


def passwd_text(uid: int, gid: int) -> tuple[str, str]:
    """A tiny passwd/group naming the sandbox user, so ``getpwuid`` and ``getpass`` work."""
    passwd = (
        "root:x:0:0:root:/root:/usr/sbin/nologin\n"
        f"student:x:{uid}:{gid}:student:/tmp:/usr/sbin/nologin\n"
        "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
    )
    group = f"root:x:0:\nstudent:x:{gid}:\nnogroup:x:65534:\n"
    return passwd, group


def read_regular_file(root: Path, relative_path: str, max_bytes: int) -> bytes | None:
    """Bytes of ``root/relative_path``, reached one component at a time with O_NOFOLLOW: None if
    it is missing, not a regular file, behind a symlink, or over ``max_bytes``. Every engine reads
    back what a run left through this, because a submission plants symlinks where it can."""
    try:
        parts = split_relative(relative_path)
    except ValueError:
        return None
    try:
        with _open_dir(root, parts[:-1]) as dir_fd:
            fd = os.open(parts[-1], FILE_FLAGS, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        data = _read_at_most(fd, max_bytes + 1)
    finally:
        os.close(fd)
    return data if len(data) <= max_bytes else None


@contextlib.contextmanager
def _open_dir(root: Path, parts: list[str]) -> Iterator[int]:
    """A descriptor of root/<parts>, reached one component at a time with O_NOFOLLOW."""
    fd = os.open(root, DIR_FLAGS)
    try:
        for part in parts:
            child = os.open(part, DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
        yield fd
    finally:
        os.close(fd)


def list_regular_files(root: Path, max_files: int = 1000) -> list[tuple[str, int]]:
    """(relative path, size) of regular files under ``root``, sorted; symlinks and special files
    skipped, and the scan bounded in entries and depth (a run may leave 100,000 files)."""
    found: list[tuple[str, int]] = []
    scanned = 0
    stack: list[tuple[str, int]] = [("", os.open(root, DIR_FLAGS))]
    try:
        while stack and len(found) < max_files and scanned < MAX_SCANNED:
            prefix, dir_fd = stack.pop()
            try:
                names = os.listdir(dir_fd)
                for name in names:
                    scanned += 1
                    try:
                        info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                    except OSError:  # gone since listdir: the run may still be writing
                        continue
                    if stat.S_ISREG(info.st_mode) and len(found) < max_files:
                        found.append((prefix + name, info.st_size))
                    elif stat.S_ISDIR(info.st_mode) and prefix.count("/") < MAX_DEPTH:
                        with contextlib.suppress(OSError):
                            child = os.open(name, DIR_FLAGS, dir_fd=dir_fd)
                            stack.append((f"{prefix}{name}/", child))
            finally:
                os.close(dir_fd)
    finally:
        for _, fd in stack:
            os.close(fd)
    return sorted(found)


class WorkDir:
    """A run's host directory: ``work`` (the tmpfs seen as ``/work``) and ``etc``.

    ``name`` must be unique on the host and start with ``run-<this worker's pid>-``.
    """

    def __init__(
        self, name: str, uid: int, gid: int, size_mb: int, files: dict[str, bytes]
    ) -> None:
        self.uid, self.gid = uid, gid
        self._mounted = False
        self._removed = False
        try:
            BASE_DIR.mkdir(mode=0o711, parents=True, exist_ok=True)
            # The sandbox user must traverse to its work dir; nobody may list the runs.
            os.chmod(BASE_DIR, 0o711)
            self.root = BASE_DIR / name
            self.root.mkdir(mode=0o711)  # exclusive: a name in use is an error, never shared
            os.chmod(self.root, 0o711)
        except OSError as exc:
            raise SandboxError(f"cannot create a work dir under {BASE_DIR}: {exc}") from exc
        self.work = self.root / "work"
        self.etc = self.root / "etc"
        try:
            self._populate(size_mb, files)
        except BaseException:
            self.remove()
            raise

    def _populate(self, size_mb: int, files: dict[str, bytes]) -> None:
        self.work.mkdir(mode=0o700)
        self.etc.mkdir(mode=0o755)
        passwd, group = passwd_text(self.uid, self.gid)
        (self.etc / "passwd").write_text(passwd)
        (self.etc / "group").write_text(group)
        for name in ("passwd", "group"):
            os.chmod(self.etc / name, 0o644)
        _mount_tmpfs(self.work, size_mb, self.uid, self.gid)
        self._mounted = True
        for relative, data in files.items():
            self._place(split_relative(relative), data)

    def _place(self, parts: list[str], data: bytes) -> None:
        target = self.work
        for part in parts[:-1]:
            target = target / part
            if not target.is_dir():
                target.mkdir(mode=0o700)
                os.chown(target, self.uid, self.gid)
        target = target / parts[-1]
        try:
            target.write_bytes(data)
        except OSError as exc:
            raise SandboxError(f"cannot place {'/'.join(parts)} in the work dir: {exc}") from exc
        os.chown(target, self.uid, self.gid)
        os.chmod(target, 0o600)

    def read_file(self, relative_path: str, max_bytes: int) -> bytes | None:
        """The file's bytes; None if missing, not a regular file, a symlink or over max_bytes."""
        return read_regular_file(self.work, relative_path, max_bytes)

    def list_files(self, max_files: int = 1000) -> list[tuple[str, int]]:
        """(relative path, size) of regular files, sorted; symlinks and special files skipped."""
        return list_regular_files(self.work, max_files)

    def remove(self) -> None:
        """Unmount the tmpfs and delete the directory; safe to call twice."""
        if self._removed:
            return
        if self._mounted:
            _unmount(self.work)
            self._mounted = False
        shutil.rmtree(self.root, ignore_errors=True)
        self._removed = True
