"""The trusted side of the agent protocol: a :class:`Submission` proxy over a sandboxed agent.

Every answer is decoded by :mod:`grader.agent.protocol` into plain data. The session enforces the
run's wall-clock deadline on every read, caps what it accepts, and turns a vanished agent into
:class:`AgentLost` so the remaining tests fail with the run's verdict instead of hanging.
"""

from __future__ import annotations

import os
import select
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from grader.agent import protocol
from grader.checker.api import AgentLost, MissingName, Submission, SubmissionError
from grader.limits import Limits
from grader.result import CellError, RunInfo
from grader.sandbox import Sandbox, SandboxError, SandboxProcess, SandboxSpec

AGENT_DIR = Path(__file__).resolve().parent / "agent"
AGENT_ROOT_INSIDE = ".tfgrader"
MAX_CHANNEL_BYTES = 256 << 20
MAX_CELL_ERRORS = 50
MAX_NOTES = 20
MAX_NAMES = 10_000
MAX_ERROR_TEXT = 8000
"""Caps on a load report, which is stored with every result: the report comes from the
submission's process and a forged one may hold 64 MB of text."""
RUNTIME_DIR = Path(os.environ.get("TFGRADER_RUNTIME", "/opt/tfgrader/runtime"))


def data_root() -> Path:
    """Where the read-only data sets (MNIST) live for the sandbox: a world-readable copy."""
    return Path(os.environ.get("TFGRADER_DATA_DIR", RUNTIME_DIR / "share" / "tfgrader-data"))


def agent_files() -> dict[str, bytes]:
    files = {
        f"{AGENT_ROOT_INSIDE}/agent/{path.name}": path.read_bytes()
        for path in sorted(AGENT_DIR.glob("*.py"))
        if path.name != "boot.py"
    }
    files[f"{AGENT_ROOT_INSIDE}/boot.py"] = (AGENT_DIR / "boot.py").read_bytes()
    return files


def agent_command(*args: str) -> list[str]:
    return ["{python}", "-E", "-s", f"/work/{AGENT_ROOT_INSIDE}/boot.py", *args]


class InfrastructureError(Exception):
    """The grader itself failed (protocol bug, sandbox setup): retry, never a zero."""


@dataclass
class LoadInfo:
    kind: str
    cell_errors: list[CellError] = field(default_factory=list)
    load_error: str | None = None
    notes: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _text(value: Any, what: str, limit: int = MAX_ERROR_TEXT) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} is {type(value).__name__}, not text")
    return value[:limit]


def _line_number(value: Any, what: str) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError(f"{what} is {type(value).__name__}, not a number")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"{what} is {type(value).__name__}, not a list")
    return value


def parse_load_report(value: dict[str, Any], kind: str) -> LoadInfo:
    """The agent's load report as :class:`LoadInfo`, every field's type checked and its size
    capped. The report is data from the submission's process: a forged one with a list for the
    load error used to pass here and crash the grader later, while summarising it."""
    errors = []
    for raw in _list(value.get("cell_errors", []), "cell_errors")[:MAX_CELL_ERRORS]:
        if not isinstance(raw, dict):
            raise TypeError("a cell error is not a record")
        errors.append(CellError(
            cell=_line_number(raw.get("cell"), "cell"),
            line=_line_number(raw.get("line"), "line"),
            ename=_text(raw.get("ename"), "ename", 200),
            evalue=_text(raw.get("evalue"), "evalue"),
            traceback=_text(raw.get("traceback"), "traceback"),
        ))
    load_error = value.get("load_error")
    seconds = value.get("seconds", 0.0)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise TypeError("seconds is not a number")
    return LoadInfo(
        kind=_text(value.get("kind", kind), "kind", 20),
        cell_errors=errors,
        load_error=None if load_error is None else _text(load_error, "load_error"),
        notes=[_text(n, "a note", 1000) for n in _list(value.get("notes", []), "notes")
               [:MAX_NOTES]],
        names=[_text(n, "a name", 200) for n in _list(value.get("names", []), "names")
               [:MAX_NAMES]],
        seconds=float(seconds),
    )


class Channel:
    """Framed request/response over the sandbox's stdin/stdout, with deadlines and caps."""

    def __init__(self, process: SandboxProcess) -> None:
        self.process = process
        self.received = 0
        self.lost: str | None = None

    def send(self, message: dict[str, Any]) -> None:
        if self.lost:
            raise AgentLost(self.lost)
        try:
            self.process.stdin.write(protocol.encode_frame(message))
            self.process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            self._lose("your program stopped before the grader finished asking it questions")

    def receive(self, timeout: float | None = None) -> Any:
        if self.lost:
            raise AgentLost(self.lost)
        header = self._read(4, timeout)
        try:
            length = protocol.frame_length(header)
            return protocol.decode_payload(self._read(length, timeout))
        except protocol.ProtocolError as exc:
            # Out of step with the agent from here on: end the run now rather than wait for it.
            self.process.kill()
            self._lose(f"your program sent data the grader cannot accept ({exc})")

    def _read(self, size: int, timeout: float | None) -> bytes:
        fd = self.process.stdout.fileno()
        data = bytearray()
        while len(data) < size:
            left = self.process.deadline_left()
            if timeout is not None:
                left = min(left, timeout)
            if left <= 0:
                # The sandbox's own wall-clock timer ends the run and reports it timed out.
                self._lose("time limit exceeded while the grader waited for your code")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, min(size - len(data), 1 << 20))
            if not chunk:
                self._lose("your program stopped before the grader finished asking it questions")
            data += chunk
            self.received += len(chunk)
            if self.received > MAX_CHANNEL_BYTES:
                self.process.kill()
                self._lose("your program sent more data than the grader accepts")
        return bytes(data)

    def _lose(self, reason: str) -> Any:
        self.lost = reason
        raise AgentLost(reason)

    def request(self, message: dict[str, Any], timeout: float | None = None) -> Any:
        self.send(message)
        response = self.receive(timeout)
        if not isinstance(response, dict) or "ok" not in response:
            self.process.kill()
            self._lose("your program interfered with the grader's channel")
        if response["ok"]:
            return response.get("value")
        error = response.get("error") or {}
        kind = error.get("kind")
        message_text = str(error.get("message", ""))
        if kind == "missing":
            raise MissingName(message_text)
        if kind in ("student", "unsupported"):
            raise SubmissionError(
                message_text, ename=str(error.get("ename", "")),
                traceback=str(error.get("traceback", "")),
            )
        raise InfrastructureError(f"agent could not answer {message.get('op')}: {message_text}")


class AgentSession(Submission):
    """A loaded submission in a running sandbox, seen through plain-data requests."""

    def __init__(
        self,
        sandbox: Sandbox,
        process: SandboxProcess,
        kind: str,
        limits: Limits,
        mounts: dict[str, Path],
    ) -> None:
        self.sandbox = sandbox
        self.process = process
        self.channel = Channel(process)
        self._kind = kind
        self.limits = limits
        self.mounts = mounts
        self.load = LoadInfo(kind=kind)
        self.images: list[tuple[str, bytes]] = []
        self.finished = False

    @classmethod
    def start(
        cls,
        sandbox: Sandbox,
        submission: bytes,
        kind: str,
        limits: Limits,
        data: Sequence[str] = (),
        gpu: bool = False,
    ) -> AgentSession:
        filename = f"submission.{kind}"
        mounts = {f"/data/{name}": data_root() / name for name in data}
        spec = SandboxSpec(
            command=agent_command("load", f"/work/{filename}"),
            files={**agent_files(), filename: submission},
            limits=limits,
            readonly_mounts=mounts,
            gpu=gpu,
        )
        process = sandbox.start(spec)
        session = cls(sandbox, process, kind, limits, mounts)
        return session

    def wait_loaded(self) -> LoadInfo:
        """Wait for the agent's load report (raises AgentLost if the submission killed it or
        wrote something else on the channel first)."""
        response = self.channel.receive()
        value = response.get("value") if isinstance(response, dict) else None
        if not isinstance(value, dict) or not response.get("ok") or "kind" not in value:
            self._interfered()
        try:
            self.load = parse_load_report(value, self._kind)
        except (TypeError, ValueError) as exc:
            self._interfered(f" ({exc})")
        return self.load

    def _interfered(self, detail: str = "") -> NoReturn:
        """The channel carried something the agent never sends: stop the run (nothing more
        can be believed from it) and lose the session."""
        self.process.kill()
        self.channel.lost = f"your program interfered with the grader's channel{detail}"
        raise AgentLost(self.channel.lost)

    def finish(self) -> RunInfo:
        """Say goodbye (so a normal end is ``finished``), then collect the run's verdict."""
        if not self.finished and not self.channel.lost:
            try:
                self.channel.request({"op": "bye"}, timeout=5)
                self.finished = True
            except (AgentLost, InfrastructureError, SubmissionError):
                pass
        return self.process.wait(timeout=10)

    def close(self) -> None:
        self.process.close()

    # --- Submission API -------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def cell_errors(self) -> list[CellError]:
        return list(self.load.cell_errors)

    @property
    def output(self) -> str:
        return self.process.student_output()[0]

    def has(self, name: str) -> bool:
        return bool(self.channel.request({"op": "has", "name": name}))

    def modules(self) -> list[str]:
        return [str(m) for m in self.channel.request({"op": "modules"})]

    def describe(self, name: str) -> dict[str, Any]:
        return dict(self.channel.request({"op": "describe", "name": name}))

    def get(self, name: str) -> Any:
        return self.channel.request({"op": "get", "name": name})

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return self.channel.request(
            {"op": "call", "name": name, "args": list(args), "kwargs": kwargs}
        )

    def graph_ops(self, graph: str | None = None) -> list[dict[str, Any]]:
        return list(self.channel.request({"op": "graph_ops", "graph": graph}))

    def run_tensors(
        self,
        fetches: Sequence[str],
        feed: dict[str, Any] | None = None,
        graph: str | None = None,
    ) -> list[Any]:
        return list(
            self.channel.request(
                {"op": "run_tensors", "fetches": list(fetches), "feed": feed or {},
                 "graph": graph}
            )
        )

    def dataset(self, name: str, take: int, *args: Any) -> list[Any]:
        return list(
            self.channel.request({"op": "dataset", "name": name, "take": take,
                                  "args": list(args)})
        )

    def variables(self, graph: str | None = None) -> dict[str, Any]:
        return dict(self.channel.request({"op": "variables", "graph": graph}))

    def files(self) -> list[tuple[str, int]]:
        return self.process.list_files()

    def read_file(self, path: str, max_bytes: int = 8 << 20) -> bytes:
        data = self.process.read_file(path, max_bytes)
        if data is None:
            raise MissingName(f"your code did not write a file named {path!r}")
        return data

    def inspect_artifacts(self, request: str, paths: Sequence[str], **params: Any) -> Any:
        files: dict[str, bytes] = {}
        for path in paths:
            files[f"artifacts/{path}"] = self.read_file(path, 64 << 20)
        return inspect_in_fresh_sandbox(self.sandbox, request, files, params, self.limits)

    def add_image(self, title: str, png: bytes) -> None:
        if not png.startswith(b"\x89PNG"):
            raise ValueError("feedback images must be PNG bytes")
        self.images.append((title, png))


def inspect_in_fresh_sandbox(
    sandbox: Sandbox,
    request: str,
    files: dict[str, bytes],
    params: dict[str, Any],
    limits: Limits,
) -> Any:
    """Open untrusted artifacts with TensorFlow in a sandbox that holds no student code."""
    spec = SandboxSpec(
        command=agent_command("inspect"),
        files={**agent_files(), **files},
        limits=limits,
    )
    try:
        process = sandbox.start(spec)
    except SandboxError as exc:
        raise InfrastructureError(str(exc)) from exc
    started = time.monotonic()
    with process:
        channel = Channel(process)
        try:
            return channel.request(
                {"op": "inspect", "request": request,
                 "paths": sorted(p.removeprefix("artifacts/") for p in files),
                 "params": params}
            )
        except AgentLost as exc:
            info = process.wait(timeout=5)
            raise SubmissionError(
                f"your saved files could not be opened ({exc}; {info.verdict}, "
                f"{time.monotonic() - started:.1f}s)"
            ) from exc
