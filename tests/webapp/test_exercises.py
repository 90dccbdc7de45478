"""Exercise administration: status of every folder, and safe installation of an uploaded zip."""

from __future__ import annotations

import io
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from tests.webapp.conftest import EXERCISES
from webapp.exercise_admin import UploadError, install_exercise_zip


def exercise_zip(
    prefix: str = "toy_copy/", name: str = "toy_copy", extra: dict | None = None
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in (EXERCISES / "toy_sum").rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                if path.name == "exercise.toml":
                    data = data.replace(b'"toy_sum"', f'"{name}"'.encode())
                archive.writestr(prefix + str(path.relative_to(EXERCISES / "toy_sum")), data)
        for member, data in (extra or {}).items():
            archive.writestr(member, data)
    return buffer.getvalue()


def test_an_uploaded_exercise_is_installed_and_listed(app, client, auth, course):
    auth.login("teacher")
    response = client.post(
        "/instructor/exercises",
        data={
            "archive": (io.BytesIO(exercise_zip(extra={"toy_copy/solution.py": "x=1"})), "e.zip")
        },
        content_type="multipart/form-data",
    )
    page = client.get(response.headers["Location"]).data
    assert b"Exercise toy_copy installed" in page and b"toy_copy" in page
    assert (Path(app.config["TFGRADER_STORAGE"]) / "solutions" / "toy_copy.py").is_file()


@pytest.mark.parametrize(
    ("member", "reason"),
    [("../evil.py", "unsafe path"), ("/etc/evil", "unsafe path"), ("a\\..\\b", "unsafe path")],
)
def test_a_zip_with_an_unsafe_path_is_refused(app, member, reason):
    with pytest.raises(UploadError, match=reason):
        install_exercise_zip(app, exercise_zip(extra={member: "x"}))


def test_a_zip_with_a_symlink_is_refused(app):
    buffer = io.BytesIO(exercise_zip())
    with zipfile.ZipFile(buffer, "a") as archive:
        info = zipfile.ZipInfo("toy_copy/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(UploadError, match="symbolic links"):
        install_exercise_zip(app, buffer.getvalue())


def test_an_exercise_that_does_not_load_is_refused_with_the_loaders_reason(app):
    data = exercise_zip()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            if not item.filename.endswith("hidden.py"):
                dst.writestr(item, src.read(item))
    with pytest.raises(UploadError, match="tests/hidden.py is missing"):
        install_exercise_zip(app, buffer.getvalue())


def test_a_project_exercise_cannot_be_replaced_by_an_upload(app):
    with pytest.raises(UploadError, match="exercise of the project"):
        install_exercise_zip(app, exercise_zip(prefix="", name="toy_sum"))


def test_not_a_zip_is_refused(app):
    with pytest.raises(UploadError, match="not a zip"):
        install_exercise_zip(app, b"hello")


def test_the_status_page_shows_a_broken_exercise_with_its_error(
    app, client, auth, course, tmp_path
):
    exercises = tmp_path / "exercises"
    shutil.copytree(EXERCISES, exercises)
    (exercises / "broken").mkdir()
    (exercises / "broken" / "exercise.toml").write_text('name = "broken"\ndevice = "tpu"\n')
    app.config["TFGRADER_EXERCISES"] = str(exercises)
    auth.login("teacher")
    page = client.get("/instructor/exercises").data
    assert b"device must be" in page and b"toy_sum" in page
