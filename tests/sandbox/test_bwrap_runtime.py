"""The runtime's libraries find the host configuration they need, so students see only their own
output on stderr."""

import pytest

from grader.limits import Limits
from grader.result import Verdict
from tests.sandbox.conftest import Start

pytestmark = pytest.mark.sandbox

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_matplotlib_saves_a_png_without_fontconfig_errors(start: Start) -> None:
    process = start("plot_png.py", limits=Limits())
    info = process.wait()
    stderr, _ = process.student_output()
    assert info.verdict == Verdict.FINISHED, stderr
    assert "Fontconfig error" not in stderr
    assert stderr == ""
    png = process.read_file("plot.png", 1 << 20)
    assert png is not None and png.startswith(PNG_SIGNATURE)
