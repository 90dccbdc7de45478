"""TensorFlow-aware answers: graphs, sessions, feeds, datasets and variables.

Students write TF1 graphs (``tf.compat.v1`` with placeholders and sessions), eager code and
Keras; these helpers find what the tests ask for in whichever style the submission used.
"""

from __future__ import annotations

import sys
from typing import Any

MAX_OPS = 20_000
MAX_DATASET_ELEMENTS = 100_000


class Missing(Exception):
    """The submission has no such tensor, graph, dataset or variable."""


def tf() -> Any:
    module = sys.modules.get("tensorflow")
    if module is None:
        import importlib

        # Imported only when a test asks about TensorFlow: it costs 2.5 s.
        module = importlib.import_module("tensorflow")
    return module


def _v1() -> Any:
    return tf().compat.v1


def _session_types() -> tuple[Any, ...]:
    """``InteractiveSession`` is a sibling of ``Session`` (both derive from a private base
    class), not a subclass: students use both."""
    return (_v1().Session, _v1().InteractiveSession)


def _sessions(namespace: dict[str, Any]) -> list[Any]:
    """The submission's sessions: top-level ones, then the default session, which is where a
    bare ``tf.InteractiveSession()`` (assigned to no name) keeps the student's state."""
    found: list[Any] = [
        value for value in namespace.values() if isinstance(value, _session_types())
    ]
    default = _v1().get_default_session()
    if default is not None and all(default is not session for session in found):
        found.append(default)
    return found


def _candidate_graphs(namespace: dict[str, Any], graph_name: str | None) -> list[Any]:
    t = tf()
    if graph_name:
        graph = namespace.get(graph_name)
        if isinstance(graph, t.Graph):
            return [graph]
        if isinstance(graph, _session_types()):
            return [graph.graph]
        raise Missing(f"`{graph_name}` is not a tf.Graph or tf.compat.v1.Session")
    graphs: list[Any] = []
    for session in _sessions(namespace):
        if session.graph not in graphs:
            graphs.append(session.graph)
    default = _v1().get_default_graph()
    if default not in graphs:
        graphs.append(default)
    for value in namespace.values():
        if isinstance(value, t.Graph) and value not in graphs:
            graphs.append(value)
    return graphs


def pick_graph(namespace: dict[str, Any], graph_name: str | None, names: list[str]) -> Any:
    """The first candidate graph that holds every name; when none is asked, the default graph
    if it has ops (what the tests' ``graph_ops()`` documents), else the largest one."""
    graphs = _candidate_graphs(namespace, graph_name)
    if not names:
        default = _v1().get_default_graph()
        if graph_name is None and default.get_operations():
            return default
        return max(graphs, key=lambda g: len(g.get_operations()))
    for graph in graphs:
        if all(_find(graph, n, namespace, quiet=True) is not None for n in names):
            return graph
    missing = [n for n in names
               if all(_find(g, n, namespace, quiet=True) is None for g in graphs)]
    raise Missing(
        "no tensor or operation named "
        + ", ".join(f"`{n}`" for n in missing or names)
        + " in your graph; give it that name with name='...'"
    )


def _find(graph: Any, name: str, namespace: dict[str, Any], quiet: bool = False) -> Any:
    """A tensor (``y`` → ``y:0``) or, for ops without outputs, the op itself.

    Composite functions (``tf.math.polyval``, ``tf.nn.l2_loss``…) use ``name=`` as a name
    scope, so ``y = tf.math.polyval(c, x, name="y")`` makes ``y/add_1``: when no node is called
    ``name``, the same-named Python variable is used if it holds a tensor of that scope."""
    try:
        if ":" in name:
            return graph.get_tensor_by_name(name)
        op = graph.get_operation_by_name(name)
    except (KeyError, ValueError):
        held = namespace.get(name)
        if (
            ":" not in name
            and getattr(held, "graph", None) is graph
            and str(getattr(held, "name", "")).startswith(name + "/")
        ):
            return held
        if quiet:
            return None
        raise Missing(f"no tensor or operation named `{name}` in your graph") from None
    return op.outputs[0] if op.outputs else op


def session_for(namespace: dict[str, Any], graph: Any) -> tuple[Any, bool]:
    """The submission's own open session on ``graph`` (trained variables live there), else a
    new one with variables initialised. Returns (session, created)."""
    for session in _sessions(namespace):
        if session.graph is graph and not getattr(session, "_closed", False):
            return session, False
    session = _v1().Session(graph=graph)
    with graph.as_default():
        variables = _v1().global_variables()
        if variables:
            session.run(_v1().variables_initializer(variables))
        tables = _v1().tables_initializer()
        session.run(tables)
    return session, True


def evaluate_symbolic(namespace: dict[str, Any], tensor: Any) -> Any:
    graph = tensor.graph
    session, created = session_for(namespace, graph)
    try:
        return session.run(tensor)
    finally:
        if created:
            session.close()


def run_tensors(
    namespace: dict[str, Any], fetches: list[str], feed: dict[str, Any], graph_name: str | None
) -> list[Any]:
    graph = pick_graph(namespace, graph_name, list(fetches) + list(feed))
    fetch_objects = [_find(graph, name, namespace) for name in fetches]
    feed_dict = {_find(graph, name, namespace): value for name, value in feed.items()}
    session, created = session_for(namespace, graph)
    try:
        values = session.run(fetch_objects, feed_dict=feed_dict)
    finally:
        if created:
            session.close()
    return list(values)


def graph_ops(namespace: dict[str, Any], graph_name: str | None) -> list[dict[str, Any]]:
    graph = pick_graph(namespace, graph_name, [])
    ops = []
    for op in graph.get_operations()[:MAX_OPS]:
        ops.append(
            {
                "name": op.name,
                "type": op.type,
                "inputs": [t.name for t in op.inputs],
                "control_inputs": [c.name for c in op.control_inputs],
                "outputs": [
                    {
                        "name": t.name,
                        "dtype": t.dtype.name,
                        "shape": t.shape.as_list() if t.shape.rank is not None else None,
                    }
                    for t in op.outputs
                ],
                "attrs": _attrs(op),
            }
        )
    return ops


def _attrs(op: Any) -> dict[str, Any]:
    """Simple attributes only (dtype, shape, value of small constants)."""
    attrs: dict[str, Any] = {}
    for key in ("dtype", "T", "shape"):
        try:
            value = op.get_attr(key)
        except (ValueError, TypeError):
            continue
        if hasattr(value, "name"):
            attrs[key] = value.name
        elif hasattr(value, "dim"):
            attrs[key] = None if value.unknown_rank else [d.size for d in value.dim]
        else:
            attrs[key] = str(value)
    if op.type == "Const":
        try:
            value = tf().make_ndarray(op.get_attr("value"))
            if value.size <= 10_000:
                attrs["value"] = value
        except (ValueError, TypeError):
            pass
    return attrs


def dataset_elements(
    namespace: dict[str, Any], dataset: Any, take: int
) -> list[Any]:
    t = tf()
    if not isinstance(dataset, t.data.Dataset):
        raise Missing(f"expected a tf.data.Dataset, got {type(dataset).__name__}")
    take = min(take, MAX_DATASET_ELEMENTS)
    limited = dataset.take(take)
    if t.executing_eagerly():
        return [t.nest.map_structure(_numpy, element) for element in limited]
    iterator = _v1().data.make_one_shot_iterator(limited)
    next_element = iterator.get_next()
    session = _v1().Session(graph=next_element[0].graph if isinstance(next_element, tuple)
                             else t.nest.flatten(next_element)[0].graph)
    elements = []
    try:
        while True:
            elements.append(session.run(next_element))
    except t.errors.OutOfRangeError:
        pass
    finally:
        session.close()
    return elements


def _numpy(value: Any) -> Any:
    return value.numpy() if hasattr(value, "numpy") else value


def variables(namespace: dict[str, Any], graph_name: str | None) -> dict[str, Any]:
    t = tf()
    found: dict[str, Any] = {}
    if t.executing_eagerly() and graph_name is None:
        for value in namespace.values():
            if isinstance(value, t.Variable):
                found[value.name] = value.numpy()
            elif isinstance(value, t.Module):
                for variable in value.variables:
                    found.setdefault(variable.path if hasattr(variable, "path")
                                     else variable.name, variable.numpy())
        return found
    graph = pick_graph(namespace, graph_name, [])
    with graph.as_default():
        graph_variables = _v1().global_variables()
    if not graph_variables:
        return found
    session, created = session_for(namespace, graph)
    try:
        values = session.run(graph_variables)
    finally:
        if created:
            session.close()
    for variable, value in zip(graph_variables, values, strict=True):
        found[variable.op.name] = value
    return found


def describe_tf(value: Any) -> dict[str, Any] | None:
    t = sys.modules.get("tensorflow")
    if t is None:
        return None
    if isinstance(value, t.data.Dataset):
        return {"type": "dataset", "element_spec": repr(value.element_spec)}
    if isinstance(value, t.Variable):
        return {"type": "variable", "dtype": value.dtype.name, "shape": value.shape.as_list()}
    if t.is_tensor(value):
        info: dict[str, Any] = {"type": "tensor", "dtype": value.dtype.name}
        info["shape"] = value.shape.as_list() if value.shape.rank is not None else None
        info["symbolic"] = not hasattr(value, "numpy") or not t.executing_eagerly()
        if hasattr(value, "op") and info["symbolic"]:
            info["op_type"] = value.op.type
            info["name"] = value.name
        return info
    if isinstance(value, t.Graph):
        return {"type": "graph", "ops": len(value.get_operations())}
    if isinstance(value, _session_types()):
        return {"type": "session", "closed": bool(getattr(value, "_closed", False))}
    if isinstance(value, t.keras.Model):
        return {"type": "keras_model", "layers": [layer.name for layer in value.layers]}
    return None
