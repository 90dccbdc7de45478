"""Installing an uploaded exercise folder (zip) safely; validating exercises in the background."""

from __future__ import annotations

import io
import json
import re
import shutil
import stat
import threading
import uuid
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from flask import Flask

from grader.exercise import Exercise, ExerciseError, load_exercise
from webapp.exercises import exercise_dirs, get_exercise, uploaded_exercises_dir
from webapp.models import utcnow

MAX_FILES = 500
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_FILE_BYTES = 50 * 1024 * 1024
NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class UploadError(ValueError):
    """An exercise zip that was refused, with the reason."""


def _safe_members(archive: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    infos = archive.infolist()
    if len(infos) > MAX_FILES:
        raise UploadError(f"too many files in the zip ({len(infos)}; at most {MAX_FILES})")
    total = 0
    members = []
    for info in infos:
        name = info.filename
        path = PurePosixPath(name)
        if (
            "\\" in name
            or path.is_absolute()
            or ".." in path.parts
            or (path.parts and ":" in path.parts[0])
        ):
            raise UploadError(f"unsafe path in the zip: {name!r}")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise UploadError(f"symbolic links are not allowed in the zip: {name!r}")
        if info.file_size > MAX_FILE_BYTES:
            raise UploadError(f"{name!r} is too large ({info.file_size} bytes)")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise UploadError("the zip expands to more than 100 MB")
        if path.parts and path.parts[0] in ("__MACOSX",):
            continue
        members.append((info, path))
    return members


def install_exercise_zip(app: Flask, data: bytes) -> Exercise:
    """Unpack an exercise folder from a zip, check that it loads, and install it.

    The zip holds ``exercise.toml`` at its root or inside one top folder, plus optionally
    ``solution.py``/``solution.ipynb`` beside it (kept with the uploaded solutions). Exercises
    of the project itself cannot be replaced this way; earlier uploads can.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UploadError("not a zip file") from exc
    with archive:
        members = _safe_members(archive)
        tomls = [p for _, p in members if p.name == "exercise.toml" and len(p.parts) <= 2]
        if len(tomls) != 1:
            raise UploadError("the zip must contain exactly one exercise.toml (at the top level)")
        root = tomls[0].parent
        staging = Path(app.config["TFGRADER_STORAGE"]) / "tmp" / uuid.uuid4().hex
        try:
            folder = staging / "exercise"
            for info, path in members:
                if info.is_dir() or (root.parts and path.parts[: len(root.parts)] != root.parts):
                    continue
                relative = PurePosixPath(*path.parts[len(root.parts) :])
                target = folder.joinpath(*relative.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, open(target, "wb") as dst:
                    # Copy at most the declared size: a lying header cannot fill the disk.
                    dst.write(src.read(info.file_size + 1)[: info.file_size])
            return _install(app, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _install(app: Flask, folder: Path) -> Exercise:
    import tomllib

    try:
        meta = tomllib.loads((folder / "exercise.toml").read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UploadError(f"exercise.toml: {exc}") from exc
    name = str(meta.get("name", ""))
    if not NAME.match(name):
        raise UploadError(
            f"exercise.toml needs a 'name' of lowercase letters, digits and _ (got {name!r})"
        )
    project_dir = exercise_dirs(app)[0]
    if (project_dir / name).exists():
        raise UploadError(f"{name!r} is an exercise of the project; choose another name")
    named = folder.parent / name
    folder.rename(named)
    solution = None
    for suffix in (".py", ".ipynb"):
        candidate = named / f"solution{suffix}"
        if candidate.is_file():
            solution = candidate
    try:
        load_exercise(named)
    except ExerciseError as exc:
        raise UploadError(str(exc).replace(str(named), name)) from exc
    uploads = uploaded_exercises_dir(app)
    uploads.mkdir(parents=True, exist_ok=True)
    solutions = uploads.parent / "solutions"
    solutions.mkdir(parents=True, exist_ok=True)
    if solution is not None:
        for old in solutions.glob(f"{name}.*"):
            old.unlink()
        shutil.move(str(solution), solutions / f"{name}{solution.suffix}")
    target = uploads / name
    if target.exists():
        trash = named.parent / "old"
        target.rename(trash)
    named.rename(target)
    return load_exercise(target)


def validation_path(app: Flask, name: str) -> Path:
    return Path(app.config["TFGRADER_STORAGE"]) / "validation" / f"{name}.json"


def read_validation(app: Flask, name: str) -> dict[str, Any] | None:
    path = validation_path(app, name)
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _report_to_dict(report: Any) -> dict[str, Any]:
    """``grader.validation``'s report (ok, problems, results per submission) as plain data."""
    results = getattr(report, "results", {}) or {}
    return {
        "valid": bool(getattr(report, "ok", False)),
        "problems": [str(p) for p in getattr(report, "problems", [])],
        "results": {
            str(label): {
                "score": r.score,
                "max_score": r.max_score,
                "execution_time": round(r.execution_time, 2),
            }
            for label, r in results.items()
        },
    }


def validate_now(app: Flask, name: str) -> dict[str, Any]:
    """Run ``grader.validation.validate_exercise`` (when the grader has it) and keep the report."""
    started = utcnow()
    try:
        exercise = get_exercise(name, app)
    except ExerciseError as exc:
        data: dict[str, Any] = {"valid": False, "report": str(exc)}
    else:
        try:
            from grader.sandbox import make_sandbox
            from grader.validation import validate_exercise  # type: ignore[import-not-found]
        except ImportError:
            data = {"valid": None, "report": "grader.validation is not available yet: only the "
                    "loader's checks ran, and they passed."}
        else:
            try:
                sandbox = make_sandbox(app.config.get("TFGRADER_SANDBOX"))
                data = _report_to_dict(validate_exercise(exercise, sandbox))
            except Exception as exc:  # show the validator's failure instead of hiding it
                data = {"valid": False, "report": f"validation crashed: {exc!r}"}
    data["checked_at"] = started.isoformat()
    path = validation_path(app, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    return data


def validate_in_background(app: Flask, name: str) -> threading.Thread:
    thread = threading.Thread(target=validate_now, args=(app, name), daemon=True)
    thread.start()
    return thread
