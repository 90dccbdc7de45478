"""Adversarial submissions (tests/attacks/*.py) graded for real: the host stays unharmed, nothing
secret reaches the student, and no attack scores more than honest work of the same content."""

from __future__ import annotations

import dataclasses
import json
import socket
import threading
import tomllib
from pathlib import Path
from typing import Any

import pytest

from grader.checker.api import MissingName
from grader.exercise import Exercise, find_exercise
from grader.grading import grade
from grader.limits import Limits
from grader.result import Status
from grader.session import AgentSession

ATTACKS = Path(__file__).resolve().parent.parent / "attacks"
EXPECTED = tomllib.loads((ATTACKS / "expected.toml").read_text(encoding="utf-8"))
SECRET = "tfgrader-host-secret-4f1c9e"
# A uid of its own, so that sandboxes run by other tests (or other workers on this machine) at
# the same time cannot be mistaken for leftovers of these runs.
SANDBOX_UID = 10077
SHORT = Limits(wall_time_s=15, cpu_time_s=30, memory_mb=1024, pids=64, output_kb=64,
               disk_mb=16, file_size_mb=16)


@pytest.fixture(scope="module")
def exercise() -> Exercise:
    return dataclasses.replace(find_exercise("line_fitting"), limits=SHORT)


def _sandbox_processes() -> list[str]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        uid_line = next((line for line in text.splitlines() if line.startswith("Uid:")), "")
        if uid_line and int(uid_line.split()[1]) == SANDBOX_UID:
            found.append(status.parent.name)
    return found


def _our_mounts() -> int:
    return Path("/proc/mounts").read_text().count(f"uid={SANDBOX_UID}")


class Listener:
    """A loopback server on the host: a sandbox with its own network must never reach it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.server.accept()
                self.connections += 1
                conn.close()
            except OSError:
                continue

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.server.close()


def test_every_attack_file_has_an_expectation() -> None:
    assert {p.stem for p in ATTACKS.glob("*.py")} == set(EXPECTED)
    assert len(EXPECTED) >= 15


@pytest.mark.sandbox
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_attack_is_contained(
    name: str, exercise: Exercise, bwrap_sandbox: Any, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected: dict[str, Any] = EXPECTED[name]
    monkeypatch.setenv("TFGRADER_TEST_SECRET", SECRET)
    monkeypatch.setenv("TFGRADER_SANDBOX_UID", str(SANDBOX_UID))
    mounts_before = _our_mounts()
    listener = Listener()
    try:
        result = grade(exercise, ATTACKS / f"{name}.py", sandbox=bwrap_sandbox,
                       artifacts_dir=tmp_path)
    finally:
        listener.close()

    assert result.status == Status.GRADED, result.run.message
    assert result.score <= expected["score_max"], [(t.name, t.score) for t in result.tests]
    if "verdict" in expected:
        assert result.run.verdict in expected["verdict"], result.run.message
    if expected.get("output_truncated"):
        assert result.run.output_truncated
    everything = json.dumps(result.to_dict(), ensure_ascii=False, default=str)
    everything.encode("utf-8")  # valid Unicode: pages, the CLI and PostgreSQL must take it
    for phrase in expected.get("never_in_output", []):
        assert phrase.replace("{secret}", SECRET) not in everything
    for phrase in expected.get("feedback", []):
        assert phrase.lower() in everything.lower(), f"{phrase!r} missing from the feedback"
    assert listener.connections == 0, "the sandbox reached a host loopback port"
    assert _sandbox_processes() == [], "sandbox processes survived the run"
    assert _our_mounts() == mounts_before
    assert not Path("/tmp/daemon-alive").exists()
    assert len(result.student_output) <= SHORT.output_kb * 1024 * 4


@pytest.mark.sandbox
def test_symlinks_in_the_work_dir_are_never_followed(exercise: Exercise,
                                                     bwrap_sandbox: Any) -> None:
    source = (ATTACKS / "symlink_planted.py").read_bytes()
    session = AgentSession.start(bwrap_sandbox, source, "py", exercise.limits)
    try:
        session.wait_loaded()
        names = [path for path, _ in session.files()]
        assert "results.json" not in names and "model.ckpt.index" not in names
        for planted in ("results.json", "model.ckpt.index", "events.out", "link_dir/etc/shadow"):
            with pytest.raises(MissingName):
                session.read_file(planted)
    finally:
        session.finish()
        session.close()
