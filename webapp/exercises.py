"""Where the platform finds exercises: the project's ``exercises/`` and the uploaded ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from grader.exercise import Exercise, ExerciseError, load_exercise


def exercise_dirs(app: Flask | None = None) -> list[Path]:
    """Project exercises first; exercises uploaded through the instructor pages after them."""
    app = app or current_app
    return [Path(app.config["TFGRADER_EXERCISES"]), uploaded_exercises_dir(app)]


def uploaded_exercises_dir(app: Flask | None = None) -> Path:
    app = app or current_app
    return Path(app.config["TFGRADER_STORAGE"]) / "exercises"


def get_exercise(name: str, app: Flask | None = None) -> Exercise:
    """The exercise called ``name``; :class:`ExerciseError` if it is missing or broken."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ExerciseError(f"invalid exercise name {name!r}")
    for base in exercise_dirs(app):
        if (base / name / "exercise.toml").is_file():
            return load_exercise(base / name)
    raise ExerciseError(f"no exercise named {name!r}")


@dataclass
class ExerciseEntry:
    """One exercise folder as found on disk, loadable or not (for the status page)."""

    name: str
    path: Path
    exercise: Exercise | None
    error: str | None
    uploaded: bool


def scan_exercises(app: Flask | None = None) -> list[ExerciseEntry]:
    """Every exercise folder; a broken one is listed with its error instead of hiding the rest."""
    entries: dict[str, ExerciseEntry] = {}
    dirs = exercise_dirs(app)
    for base in dirs:
        if not base.is_dir():
            continue
        for path in sorted(base.iterdir()):
            if not (path / "exercise.toml").is_file() or path.name in entries:
                continue
            try:
                entry = ExerciseEntry(path.name, path, load_exercise(path), None, base == dirs[-1])
            except ExerciseError as exc:
                entry = ExerciseEntry(path.name, path, None, str(exc), base == dirs[-1])
            entries[path.name] = entry
    return sorted(entries.values(), key=lambda e: e.name)
