"""Refresh the translation catalogs: extract messages, merge them into each .po, compile the .mo.

Run ``.venv/bin/python webapp/translations/update.py`` after changing UI text, translate the new
``msgstr ""`` entries in ``webapp/translations/zh/LC_MESSAGES/messages.po``, and run it again.
The compiled ``.mo`` files are committed, so installing the app needs no build step.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BABEL = [sys.executable, "-m", "babel.messages.frontend"]


def main() -> None:
    pot = HERE / "messages.pot"
    subprocess.run(
        [*BABEL, "extract", "-F", str(HERE.parent / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext",
         "--no-location", "--omit-header", "--sort-output", "-o", str(pot), "."],
        cwd=ROOT, check=True,
    )
    subprocess.run([*BABEL, "update", "-i", str(pot), "-d", str(HERE), "--no-fuzzy-matching",
                    "--ignore-obsolete"], check=True)
    subprocess.run([*BABEL, "compile", "-d", str(HERE), "--statistics"], check=True)


if __name__ == "__main__":
    main()
