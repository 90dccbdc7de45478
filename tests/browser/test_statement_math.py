"""Statement math is typeset by the vendored KaTeX: no raw LaTeX, no CDN, fonts served by us."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, screenshot

# The live server grades with the real sandbox, so it needs bubblewrap even for this page.
pytestmark = [pytest.mark.browser, pytest.mark.sandbox]

# Text of the statement outside typeset formulas (KaTeX keeps the source in hidden MathML).
VISIBLE_SOURCE = """() => {
  const copy = document.querySelector(".markdown").cloneNode(true);
  copy.querySelectorAll(".katex").forEach((node) => node.remove());
  return copy.textContent;
}"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_line_fitting_statement_shows_typeset_math(page, live_server, lang):
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    login(page, live_server, "alice")
    page.goto(f"{live_server.url}/assignments/{live_server.assignment_id}?statement={lang}")
    page.wait_for_selector(".markdown .math .katex")
    page.evaluate("document.fonts.ready")

    assert page.locator(".markdown .katex").count() == 7
    assert page.locator(".markdown .katex-display").count() == 1  # the $$ loss formula
    assert page.locator(".markdown .katex-error").count() == 0
    visible = page.evaluate(VISIBLE_SOURCE)
    assert "\\frac" not in visible and "x_i" not in visible and "$" not in visible
    assert page.evaluate("document.fonts.check('16px KaTeX_Main')")
    assert failed == []
    screenshot(page, f"10-statement-math-{lang}")
