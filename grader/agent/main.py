"""The agent's request loop: load the submission, then answer the trusted side's requests.

The protocol channel is the process's original stdin/stdout. Before any student code runs, the
agent keeps private copies of those two descriptors, points fd 1 at fd 2 (so ``print`` and
TensorFlow's C++ logs land in the captured output stream) and fd 0 at /dev/null (so ``input()``
cannot eat requests). Whatever the submission does to its own process, it only sees requests and
never an expected value: scoring happens on the other side.
"""

from __future__ import annotations

import inspect
import os
import sys
import time
import traceback
from typing import IO, Any

from . import convert, loader, protocol, tfops

WORK_DIR = "/work"


class BadRequest(Exception):
    """A request the agent does not understand (a grader bug, never the student's)."""


def _take_channel() -> tuple[IO[bytes], IO[bytes]]:
    channel_in = os.fdopen(os.dup(0), "rb", buffering=0)
    channel_out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the process
    sys.stdout = os.fdopen(1, "w", buffering=1, encoding="utf-8", errors="replace", closefd=False)
    return channel_in, channel_out


def resolve(namespace: dict[str, Any], dotted: str) -> Any:
    """``fit_line`` or ``model.predict``; private attributes are refused."""
    head, *rest = dotted.split(".")
    if head not in namespace:
        raise tfops.Missing(f"`{head}` is not defined in your submission")
    value = namespace[head]
    for part in rest:
        if part.startswith("_"):
            raise BadRequest(f"private attribute {part!r} requested")
        try:
            value = getattr(value, part)
        except AttributeError:
            raise tfops.Missing(f"`{dotted}` does not exist in your submission") from None
    return value


def describe(value: Any) -> dict[str, Any]:
    info = tfops.describe_tf(value)
    if info is not None:
        return info
    if inspect.isclass(value):
        return {"type": "class", "name": value.__name__}
    if callable(value):
        try:
            signature = str(inspect.signature(value))
            parameters = list(inspect.signature(value).parameters)
        except (TypeError, ValueError):
            signature, parameters = "(...)", []
        return {"type": "function", "signature": signature, "parameters": parameters}
    if inspect.ismodule(value):
        return {"type": "module", "name": value.__name__}
    return {"type": "value", "python_type": type(value).__name__}


class Agent:
    def __init__(self, namespace: dict[str, Any]) -> None:
        self.namespace = namespace

    def plain(self, value: Any) -> Any:
        return convert.to_plain(value, lambda t: tfops.evaluate_symbolic(self.namespace, t))

    def handle(self, request: dict[str, Any]) -> Any:
        op = request.get("op")
        ns = self.namespace
        if op == "names":
            return sorted(k for k in ns if not k.startswith("_"))
        if op == "modules":
            return sorted({name.split(".")[0] for name in sys.modules})
        if op == "has":
            try:
                resolve(ns, request["name"])
                return True
            except tfops.Missing:
                return False
        if op == "describe":
            return describe(resolve(ns, request["name"]))
        if op == "get":
            return self.plain(resolve(ns, request["name"]))
        if op == "call":
            function = resolve(ns, request["name"])
            if not callable(function):
                raise tfops.Missing(f"`{request['name']}` is not a function")
            return self.plain(function(*request.get("args", []), **request.get("kwargs", {})))
        if op == "graph_ops":
            return tfops.graph_ops(ns, request.get("graph"))
        if op == "run_tensors":
            values = tfops.run_tensors(
                ns, request["fetches"], request.get("feed") or {}, request.get("graph")
            )
            return self.plain(values)
        if op == "dataset":
            value = resolve(ns, request["name"])
            if callable(value) and not hasattr(value, "element_spec"):
                value = value(*request.get("args", []))
            return self.plain(tfops.dataset_elements(ns, value, int(request["take"])))
        if op == "variables":
            return self.plain(tfops.variables(ns, request.get("graph")))
        raise BadRequest(f"unknown request {op!r}")


def _clip_message(text: str, limit: int = 4000) -> str:
    """Head and tail of a long message: TensorFlow puts the cause (e.g. an uninitialised
    variable) at the end, after a long 'defined at' traceback."""
    if len(text) <= limit:
        return text
    return text[: limit // 3] + "\n…\n" + text[-(2 * limit) // 3:]


def _error(kind: str, exc: BaseException) -> dict[str, Any]:
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    own = (loader.SUBMISSION_FILENAME, "<ipython-input-")
    student = [f for f in frames if f.filename.startswith(own)]
    text = "".join(traceback.format_list(student[-8:]))
    text += "".join(traceback.format_exception_only(type(exc), exc))
    return {
        "ok": False,
        "error": {
            "kind": kind,
            "ename": type(exc).__name__,
            "message": _clip_message(str(exc)),
            "traceback": loader.student_locations(text)[-8000:],
        },
    }


def serve(agent: Agent, channel_in: IO[bytes], channel_out: IO[bytes]) -> None:
    while True:
        try:
            request = protocol.read_frame(channel_in)
        except EOFError:
            return
        if request.get("op") == "bye":
            protocol.write_frame(channel_out, {"ok": True, "value": None})
            return
        started = time.monotonic()
        try:
            response: dict[str, Any] = {"ok": True, "value": agent.handle(request)}
        except tfops.Missing as exc:
            response = _error("missing", exc)
        except convert.Unsupported as exc:
            response = _error("unsupported", exc)
        except BadRequest as exc:
            response = _error("agent", exc)
        except SystemExit as exc:
            response = _error("student", exc)
            response["error"]["message"] = f"your code called exit({exc.code!r})"
        except BaseException as exc:  # noqa: BLE001 - the student's exception, reported
            response = _error("student", exc)
        response["seconds"] = time.monotonic() - started
        try:
            protocol.write_frame(channel_out, response)
        except protocol.ProtocolError as exc:
            protocol.write_frame(channel_out, _error("unsupported", exc))


class InspectorAgent(Agent):
    """Answers ``inspect`` requests about artifacts; there is no student code in this run."""

    def handle(self, request: dict[str, Any]) -> Any:
        from . import inspectors

        if request.get("op") != "inspect":
            raise BadRequest("only 'inspect' requests are served in inspect mode")
        inspector = inspectors.INSPECTORS.get(str(request.get("request")))
        if inspector is None:
            raise BadRequest(f"unknown inspector {request.get('request')!r}")
        return self.plain(inspector(list(request.get("paths", [])), request.get("params", {})))


def main(argv: list[str]) -> int:
    """``agent load FILE``: load it, report, serve requests until ``bye``; ``agent inspect``:
    serve artifact inspections."""
    channel_in, channel_out = _take_channel()
    if len(argv) >= 2 and argv[1] == "inspect":
        serve(InspectorAgent({}), channel_in, channel_out)
        return 0
    sys.path.insert(0, WORK_DIR)
    try:
        from . import datasets  # installs offline dataset loaders (e.g. MNIST)

        datasets.install()
    except ImportError:
        pass
    if len(argv) < 3 or argv[1] != "load":
        protocol.write_frame(channel_out, {"ok": False, "error": {"kind": "agent",
                                            "message": "usage: agent load FILE"}})
        return 2
    path = argv[2]
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__}
    started = time.monotonic()
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if path.endswith(".ipynb"):
        report = loader.load_notebook(text, namespace)
    else:
        report = loader.load_script(text, namespace)
    message = report.to_message(sorted(k for k in namespace if not k.startswith("_")))
    message["seconds"] = time.monotonic() - started
    protocol.write_frame(channel_out, {"ok": True, "value": message})
    serve(Agent(namespace), channel_in, channel_out)
    return 0
