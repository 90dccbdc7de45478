"""Health endpoints for load balancers, Compose and Kubernetes probes.

``/healthz/live`` says the process serves requests (liveness: restart it if not);
``/healthz`` also checks the database (readiness: send no traffic while it is away). Neither
needs a login nor reveals anything but ok/error.
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from webapp.db import get_db

bp = Blueprint("health", __name__)


@bp.get("/healthz/live")
def live() -> ResponseReturnValue:
    return jsonify(status="ok")


@bp.get("/healthz")
def ready() -> ResponseReturnValue:
    try:
        get_db().execute(text("SELECT 1"))
    except SQLAlchemyError:
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
