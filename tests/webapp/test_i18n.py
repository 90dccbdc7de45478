"""Chinese and English: the UI follows the browser or the switch; statements render safely."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "webapp" / "translations"


def test_a_chinese_browser_gets_the_chinese_interface(client, auth, course):
    auth.login()
    page = client.get("/assignments", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert "作业".encode() in page.data and b'lang="zh"' in page.data


def test_the_language_switch_is_remembered(client, auth, course):
    auth.login()
    client.get("/lang/zh", headers={"Referer": "http://localhost/assignments"})
    assert "退出".encode() in client.get("/assignments").data
    client.get("/lang/en")
    assert b"Log out" in client.get("/assignments").data


def test_the_statement_switch_shows_the_chinese_statement(client, auth, course):
    auth.login()
    page = client.get(f"/assignments/{course['assignment_id']}?statement=zh").data.decode()
    assert "编写函数" in page and "<h1>求和</h1>" in page


def test_markdown_statements_are_rendered_and_sanitised(client, auth, course):
    auth.login()
    page = client.get(f"/assignments/{course['assignment_id']}?statement=en").data.decode()
    assert "<strong>a + b</strong>" in page and "<table>" in page
    assert "<script>alert" not in page


def test_every_message_is_translated_and_the_compiled_catalog_is_current():
    po = read_po((TRANSLATIONS / "zh/LC_MESSAGES/messages.po").open("rb"))
    pot = read_po((TRANSLATIONS / "messages.pot").open("rb"))
    mo = read_mo(io.BytesIO((TRANSLATIONS / "zh/LC_MESSAGES/messages.mo").read_bytes()))
    assert {m.id for m in pot if m.id} <= {m.id for m in po if m.id and m.string}
    assert {m.id: m.string for m in po if m.id} == {m.id: m.string for m in mo if m.id}
