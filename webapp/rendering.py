"""Safe HTML from exercise Markdown, and small renderings shared by pages and exports."""

from __future__ import annotations

import html
import re
import secrets

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
    "code": {"class"},
    "div": {"class"},
    "span": {"class"},
}

# What Markdown must not see: code (where `$` is just a character) is matched first so that it is
# skipped, then `\$` (a literal dollar), `$$display$$` and `$inline$` math. Inline math follows
# Pandoc: no space just inside the dollars, no digit right after the closing one ("$5 and $10"
# stays text), no blank line inside; and no backtick, so that a stray dollar cannot swallow the
# start of a code span. Indented code blocks are not recognised: use fences.
_MATH_OR_CODE = re.compile(
    r"(?P<code>^[ \t]*(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^[ \t]*(?P=fence)"
    r"|(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<dollar>\\\$)"
    r"|\$\$(?P<display>.+?)\$\$"
    r"|\$(?![\s$])(?P<inline>(?:\\.|[^$\\\n`]|\n(?![ \t]*\n))+?)(?<![\s\\])\$(?!\d)",
    re.DOTALL | re.MULTILINE,
)


def _protect_math(text: str) -> tuple[str, dict[str, str]]:
    """Replace math by placeholders Markdown leaves alone (`_` and `\\` would be mangled), and
    return the HTML for each: the LaTeX escaped, between ``\\(…\\)`` or ``\\[…\\]`` in a
    ``span.math`` that KaTeX typesets in the browser (static/app.js)."""
    nonce = secrets.token_hex(8)
    spans: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        if match["code"] is not None:
            return match[0]
        if match["dollar"] is not None:
            return "&#36;"
        key = f"MATH{nonce}X{len(spans)}X"
        if match["display"] is not None:
            spans[key] = f'<span class="math display">\\[{html.escape(match["display"])}\\]</span>'
        else:
            spans[key] = f'<span class="math inline">\\({html.escape(match["inline"])}\\)</span>'
        return key

    return _MATH_OR_CODE.sub(replace, text), spans


def render_markdown(text: str) -> Markup:
    """Markdown (with ``$…$`` math) to HTML, then sanitised: exercise statements can come from an
    uploaded zip."""
    protected, spans = _protect_math(text)
    html_text = markdown.markdown(protected, extensions=["fenced_code", "tables", "sane_lists"])
    for key, span in spans.items():
        html_text = html_text.replace(key, span)
    clean = nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)  # noqa: S704 - sanitised just above


def format_score(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"
