"""Build the grader container image locally, without a registry.

No registry is reachable from the grading machines, so the image is made the way the bwrap
engine's runtime is made: from this host's Debian ``python3`` and the sandbox runtime venv
(``/opt/tfgrader/runtime``, see ``runtime-requirements.txt``). We copy the interpreter, its
standard library, the runtime's site-packages and the shared-library closure that ``ldd`` reports
for every binary copied, into a root filesystem, tar it and ``podman import`` (or
``docker import``) it. The result holds no shell, no package manager and no setuid binaries:
nothing a submission could use that the grader does not need.

``--packages numpy`` makes the small image the container tests use (no TensorFlow, ~60 MB).

Usage: ``python -m grader.sandbox.container_image [--tag T] [--packages numpy,...]``
(``docker/build-grader-image.sh`` wraps it).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

DEFAULT_RUNTIME = Path(os.environ.get("TFGRADER_RUNTIME", "/opt/tfgrader/runtime"))
IMAGE_RUNTIME = "/opt/tfgrader/runtime"
"""Where the runtime venv lives inside the image: the same path as on a bwrap host."""
SANDBOX_UID = 10001
DEFAULT_TAG = "localhost/tfgrader-grader:cpu"

# Parts of the standard library that grading never needs: dropping them saves ~25 MB.
_STDLIB_SKIP = {"test", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3", "pydoc_data"}
# The static libpython and build files (~25 MB) serve compilers, not a sandboxed interpreter; pip
# and setuptools serve installers.
_STDLIB_SKIP_PREFIX = "config-"
_SITE_SKIP = {"pip", "setuptools", "pkg_resources", "_distutils_hack", "distutils"}
_LDD_PATH = re.compile(r"(/\S+\.so[\S]*)")


def _copy_tree(src: Path, dest: Path, skip: frozenset[str] | set[str] = frozenset()) -> None:
    shutil.copytree(
        src,
        dest,
        symlinks=True,
        dirs_exist_ok=True,
        ignore=lambda d, names: (
            [n for n in names if n in skip or n.startswith(_STDLIB_SKIP_PREFIX)]
            if skip and Path(d) == src
            else []
        ),
    )


def _shared_libs(binaries: list[Path]) -> set[str]:
    """Every shared library (absolute host path) that ``ldd`` says the binaries need."""
    libs: set[str] = set()
    for chunk in range(0, len(binaries), 200):
        batch = [str(b) for b in binaries[chunk : chunk + 200]]
        out = subprocess.run(["ldd", *batch], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if "not found" in line:
                continue
            libs.update(_LDD_PATH.findall(line))
    return libs


def _place_library(root: Path, host_path: str) -> None:
    """Copy one library to the same path inside root, keeping the name it was asked for."""
    src = Path(host_path)
    target = root / host_path.lstrip("/")
    if target.exists() or not src.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src.resolve(), target)


def build_rootfs(
    root: Path,
    *,
    runtime: Path = DEFAULT_RUNTIME,
    packages: list[str] | None = None,
) -> None:
    """Fill ``root`` with a minimal filesystem that runs ``/opt/tfgrader/runtime/bin/python``.

    ``packages`` picks top-level names from the runtime's site-packages (with their ``.libs``
    folders); None copies all of it (the full TensorFlow image).
    """
    cfg = (runtime / "pyvenv.cfg").read_text()
    version = re.search(r"^version\s*=\s*(\d+\.\d+)", cfg, re.M)
    if version is None:
        raise RuntimeError(f"{runtime}/pyvenv.cfg names no Python version")
    pyver = version.group(1)
    python = Path(f"/usr/bin/python{pyver}")
    for d in ("usr/bin", "usr/lib", "usr/lib64", "etc", "work", "tmp", "proc", "dev", "sys"):
        (root / d).mkdir(parents=True, exist_ok=True)
    for link, to in (("bin", "usr/bin"), ("lib", "usr/lib"), ("lib64", "usr/lib64")):
        (root / link).symlink_to(to)
    shutil.copy2(python, root / "usr/bin" / python.name)
    (root / "usr/bin/python3").symlink_to(python.name)
    _copy_tree(Path(f"/usr/lib/python{pyver}"), root / f"usr/lib/python{pyver}", _STDLIB_SKIP)

    site_rel = f"lib/python{pyver}/site-packages"
    inside_runtime = root / IMAGE_RUNTIME.lstrip("/")
    (inside_runtime / "bin").mkdir(parents=True)
    (inside_runtime / site_rel).mkdir(parents=True)
    shutil.copy2(runtime / "pyvenv.cfg", inside_runtime / "pyvenv.cfg")
    for name in ("python", "python3", f"python{pyver}"):
        (inside_runtime / "bin" / name).symlink_to(f"/usr/bin/python{pyver}")
    site = runtime / site_rel
    for entry in sorted(site.iterdir()):
        base = entry.name.split("-")[0].removesuffix(".libs").removesuffix(".py")
        if base in _SITE_SKIP or (packages is not None and base not in packages):
            continue
        if entry.is_dir():
            _copy_tree(entry, inside_runtime / site_rel / entry.name)
        else:
            shutil.copy2(entry, inside_runtime / site_rel / entry.name)

    binaries = [root / "usr/bin" / python.name]
    binaries += [Path(p) for p in root.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    for lib in sorted(_shared_libs(binaries)):
        if not lib.startswith(str(root)):
            _place_library(root, lib)

    (root / "etc/passwd").write_text(
        f"root:x:0:0::/nonexistent:/usr/sbin/nologin\n"
        f"grader:x:{SANDBOX_UID}:{SANDBOX_UID}::/work:/usr/sbin/nologin\n"
    )
    (root / "etc/group").write_text(f"root:x:0:\ngrader:x:{SANDBOX_UID}:\n")
    for path in root.rglob("*"):
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        # World-readable, nothing writable but by root, and never setuid/setgid.
        keep = stat.S_IMODE(mode) & 0o755 | 0o444 | (0o111 if path.is_dir() else 0)
        path.chmod(keep)
    (root / "tmp").chmod(0o1777)


def import_image(root: Path, tag: str, engine: str) -> None:
    """Tar ``root`` (owned by root, numeric ids) and import it as image ``tag``."""
    with tempfile.TemporaryDirectory(prefix="tfgrader-image-") as tmp:
        tarball = Path(tmp) / "rootfs.tar"

        def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            return info

        with tarfile.open(tarball, "w") as tar:
            for child in sorted(root.iterdir()):
                tar.add(child, arcname=child.name, filter=owned_by_root)
        changes = [
            f"USER {SANDBOX_UID}:{SANDBOX_UID}",
            "WORKDIR /work",
            "ENV PATH=/usr/bin",
            "LABEL tfgrader.image=grader",
        ]
        cmd = [engine, "import"]
        for change in changes:
            cmd += ["--change", change]
        subprocess.run([*cmd, str(tarball), tag], check=True, capture_output=True)


def build_image(
    tag: str = DEFAULT_TAG,
    *,
    engine: str | None = None,
    runtime: Path = DEFAULT_RUNTIME,
    packages: list[str] | None = None,
) -> dict[str, float]:
    """Build and import the image; returns figures (seconds, rootfs MB) for the log."""
    from grader.sandbox.container import detect_engine

    engine = engine or detect_engine()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tfgrader-rootfs-") as tmp:
        root = Path(tmp) / "rootfs"
        root.mkdir()
        build_rootfs(root, runtime=runtime, packages=packages)
        built = time.monotonic()
        size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
        import_image(root, tag, engine)
    return {
        "rootfs_s": built - started,
        "import_s": time.monotonic() - built,
        "rootfs_mb": size / 2**20,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tag", default=DEFAULT_TAG)
    parser.add_argument("--engine", default=None, help="podman or docker (default: detect)")
    parser.add_argument("--runtime", type=Path, default=DEFAULT_RUNTIME)
    parser.add_argument(
        "--packages",
        default=None,
        help="comma-separated site-packages to include (default: the whole runtime)",
    )
    args = parser.parse_args(argv)
    packages = args.packages.split(",") if args.packages else None
    figures = build_image(args.tag, engine=args.engine, runtime=args.runtime, packages=packages)
    print(
        f"built {args.tag}: rootfs {figures['rootfs_mb']:.0f} MB in {figures['rootfs_s']:.1f} s, "
        f"imported in {figures['import_s']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
