"""Logging in and out (Flask-Login sessions), CSRF on every form, and login throttling."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from webapp.db import get_db
from webapp.models import LoginAttempt, User, utcnow

bp = Blueprint("auth", __name__, url_prefix="/auth")
login_manager = LoginManager()
csrf = CSRFProtect()


class LoginForm(FlaskForm):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    user = get_db().get(User, int(user_id))
    return user if user is not None and user.active else None


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    csrf.init_app(app)


def throttled(db: Session, username: str, ip: str) -> bool:
    """Too many recent failures for this account, or from this address: refuse to check the
    password at all, so guessing stays slow even with many accounts."""
    config = current_app.config
    since = utcnow() - timedelta(seconds=config["LOGIN_WINDOW_S"])
    failures = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.at >= since, LoginAttempt.success.is_(False)
    )
    by_user = db.scalar(failures.where(LoginAttempt.username == username)) or 0
    by_ip = db.scalar(failures.where(LoginAttempt.ip == ip)) or 0
    return by_user >= config["LOGIN_MAX_FAILURES"] or by_ip >= config["LOGIN_MAX_FAILURES_PER_IP"]


def record_attempt(db: Session, username: str, ip: str, success: bool) -> None:
    db.add(LoginAttempt(username=username[:80], ip=ip[:64], success=success))
    if success:  # a good login clears this account's failures
        db.execute(
            delete(LoginAttempt).where(
                LoginAttempt.username == username, LoginAttempt.success.is_(False)
            )
        )
    db.commit()


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths: ``?next=https://evil.example`` must not redirect away."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("student.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        db = get_db()
        username = (form.username.data or "").strip()
        ip = request.remote_addr or "?"
        if throttled(db, username, ip):
            minutes = current_app.config["LOGIN_WINDOW_S"] // 60
            flash(
                _("Too many failed logins. Wait %(minutes)d minutes and try again.",
                  minutes=minutes),
                "error",
            )
            return render_template("auth/login.html", form=form), 429
        user = db.scalar(select(User).where(User.username == username))
        ok = user is not None and user.active and user.check_password(form.password.data or "")
        record_attempt(db, username, ip, ok)
        if ok and user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")) or url_for("student.index"))
        flash(_("Wrong user name or password."), "error")
        status = 401
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> ResponseReturnValue:
    logout_user()
    return redirect(url_for("auth.login"))
