"""Statement Markdown: math reaches the browser intact for KaTeX, and the HTML stays sanitised."""

from __future__ import annotations

from webapp.rendering import render_markdown


def test_inline_math_keeps_underscores_and_backslashes():
    html = render_markdown(r"points $(x_i, y_i)$ on $y = a\cdot x + b$")
    assert r'<span class="math inline">\((x_i, y_i)\)</span>' in html
    assert r'<span class="math inline">\(y = a\cdot x + b\)</span>' in html
    assert "<em>" not in html


def test_display_math_can_span_lines_and_contain_markdown_characters():
    html = render_markdown("$$L = \\frac{1}{n}\n\\sum_i (a_i * b_i)^2$$")
    assert '<span class="math display">\\[L = \\frac{1}{n}\n\\sum_i (a_i * b_i)^2\\]</span>' in html


def test_math_is_html_escaped_and_pipes_do_not_split_table_cells():
    html = render_markdown("| bound |\n|---|\n| $|a| < 5 \\le b$ |")
    assert r'<td><span class="math inline">\(|a| &lt; 5 \le b\)</span></td>' in html


def test_dollars_in_code_and_prices_stay_text():
    html = render_markdown(
        "costs $5 and $10; `$x_i$` and \\$ are literal\n\n```\nprint('$a_b$')\n```"
    )
    assert "math" not in html
    assert "costs $5 and $10" in html and "<code>$x_i$</code>" in html and "and $ are" in html
    assert "print('$a_b$')" in html


def test_html_inside_math_cannot_escape_the_sanitiser():
    html = render_markdown('$x</span><script>alert(1)</script><img src=x onerror="y"$')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
