"""UI language: Chinese or English, from the switch (kept in the session) or the browser."""

from __future__ import annotations

from flask import Flask, redirect, request, session
from flask.typing import ResponseReturnValue
from flask_babel import Babel, get_locale, lazy_gettext

LANGUAGES = {"en": "English", "zh": "中文"}


def select_locale() -> str:
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return str(chosen)
    return request.accept_languages.best_match(list(LANGUAGES), default="en") or "en"


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else "en"


def set_language(code: str) -> ResponseReturnValue:
    if code in LANGUAGES:
        session["lang"] = code
    target = request.referrer or "/"
    # Back to the page the switch was clicked on, but never to another site.
    if not target.startswith(request.host_url):
        target = "/"
    return redirect(target)


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)
    app.add_url_rule("/lang/<code>", "set_language", set_language)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, current_language=current_language)


# Words that templates translate from data (``_(submission.status)``, ``_(user.role)``): listed
# here so that ``pybabel extract`` puts them in the catalog.
DATA_WORDS = (
    lazy_gettext("queued"), lazy_gettext("running"), lazy_gettext("graded"), lazy_gettext("error"),
    lazy_gettext("passed"), lazy_gettext("failed"), lazy_gettext("student"),
    lazy_gettext("instructor"), lazy_gettext("admin"), lazy_gettext("submit"),
    lazy_gettext("regrade"), lazy_gettext("retry"),
)
