"""Loading and validating exercise folders.

An exercise is one folder under ``exercises/``::

    exercises/line_fitting/
        exercise.toml        metadata: titles (zh/en), device, limits, required names, data
        statement.zh.md      statement in Chinese
        statement.en.md      statement in English
        starter/             files handed to students (starter.py, starter.ipynb)
        tests/public.py      tests students may run themselves (tfgrader check)
        tests/hidden.py      tests only the grader runs

and its reference solution is ``solutions/<name>.py`` (or ``.ipynb``). Points and visibility are
declared by the tests themselves (see :mod:`grader.checker`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.limits import Limits

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXERCISES_DIR = PROJECT_ROOT / "exercises"
SOLUTIONS_DIR = PROJECT_ROOT / "solutions"
DATA_DIR = PROJECT_ROOT / "data"

KNOWN_DATA = {"mnist"}


class ExerciseError(Exception):
    """An exercise folder that cannot be used, with the reason an author can act on."""


@dataclass(frozen=True)
class Exercise:
    name: str
    path: Path
    title: dict[str, str]
    device: str = "cpu"
    limits: Limits = field(default_factory=Limits)
    required: tuple[str, ...] = ()
    data: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()

    @property
    def title_en(self) -> str:
        return self.title.get("en", self.name)

    @property
    def title_zh(self) -> str:
        return self.title.get("zh", self.title_en)

    def statement(self, lang: str) -> str:
        for candidate in (f"statement.{lang}.md", "statement.en.md", "statement.zh.md"):
            path = self.path / candidate
            if path.is_file():
                return path.read_text(encoding="utf-8")
        return ""

    @property
    def hidden_tests(self) -> Path:
        return self.path / "tests" / "hidden.py"

    @property
    def public_tests(self) -> Path:
        return self.path / "tests" / "public.py"

    def starter_files(self) -> list[Path]:
        starter = self.path / "starter"
        return sorted(p for p in starter.iterdir() if p.is_file()) if starter.is_dir() else []

    def solution(self, solutions_dir: Path | None = None) -> Path | None:
        base = solutions_dir or self.path.parent.parent / "solutions"
        for suffix in (".py", ".ipynb"):
            path = base / f"{self.name}{suffix}"
            if path.is_file():
                return path
        return None


def load_exercise(path: Path) -> Exercise:
    """Read one exercise folder; raise :class:`ExerciseError` naming the problem."""
    meta_path = path / "exercise.toml"
    if not meta_path.is_file():
        raise ExerciseError(f"{path}: no exercise.toml")
    try:
        meta: dict[str, Any] = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ExerciseError(f"{meta_path}: {exc}") from exc
    name = meta.get("name", path.name)
    if name != path.name:
        raise ExerciseError(f"{meta_path}: name {name!r} differs from folder {path.name!r}")
    device = meta.get("device", "cpu")
    if device not in ("cpu", "gpu"):
        raise ExerciseError(f"{meta_path}: device must be 'cpu' or 'gpu', not {device!r}")
    data = tuple(meta.get("data", ()))
    unknown = set(data) - KNOWN_DATA
    if unknown:
        raise ExerciseError(f"{meta_path}: unknown data set(s) {sorted(unknown)}")
    try:
        limits = Limits().merged(meta.get("limits", {}))
    except ValueError as exc:
        raise ExerciseError(f"{meta_path}: {exc}") from exc
    title = meta.get("title", {})
    if not isinstance(title, dict) or not title.get("en") or not title.get("zh"):
        raise ExerciseError(f"{meta_path}: title needs both 'zh' and 'en'")
    if not (path / "tests" / "hidden.py").is_file():
        raise ExerciseError(f"{path}: tests/hidden.py is missing")
    return Exercise(
        name=name,
        path=path,
        title=dict(title),
        device=device,
        limits=limits,
        required=tuple(meta.get("required", ())),
        data=data,
        topics=tuple(meta.get("topics", ())),
    )


def find_exercise(name: str, exercises_dir: Path | None = None) -> Exercise:
    base = exercises_dir or EXERCISES_DIR
    path = base / name
    if not path.is_dir():
        known = ", ".join(e.name for e in list_exercises(base)) or "none"
        raise ExerciseError(f"no exercise named {name!r} in {base} (known: {known})")
    return load_exercise(path)


def list_exercises(exercises_dir: Path | None = None) -> list[Exercise]:
    base = exercises_dir or EXERCISES_DIR
    if not base.is_dir():
        return []
    return [load_exercise(p) for p in sorted(base.iterdir()) if (p / "exercise.toml").is_file()]
