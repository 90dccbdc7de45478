"""App-wide pages and helpers: the home redirect, error pages, template filters."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from webapp.rendering import format_score


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".json")


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    messages = {
        403: _("You do not have access to this page."),
        404: _("This page does not exist, or you cannot see it."),
        413: _("The upload is too large. Submissions must be under the size limit shown on the "
               "assignment page."),
        429: _("Too many requests. Please wait a little and try again."),
    }
    message = messages.get(code, error.description or error.name)
    if _wants_json():
        return jsonify(error=error.name, message=message), code
    return render_template("error.html", code=code, title=error.name, message=message), code


def format_datetime(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else "–"


def home() -> ResponseReturnValue:
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return redirect(url_for("student.index"))


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.add_url_rule("/", "home", home)
    app.jinja_env.filters["dt"] = format_datetime
    app.jinja_env.filters["score"] = format_score
