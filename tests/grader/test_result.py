"""The result document: Gradescope fields, round trip, and what a student may see."""

from __future__ import annotations

from grader.result import GradingResult, RunInfo, Status, TestResult, Verdict, Visibility


def make_result() -> GradingResult:
    tests = [
        TestResult("shown", 1, 1, "passed", "ok", Visibility.VISIBLE, "P1"),
        TestResult("secret data set", 0.5, 2, "failed", "b is off by 0.3", Visibility.HIDDEN,
                   "H1"),
        TestResult("after due", 0, 1, "failed", "wrong", Visibility.AFTER_DUE_DATE, "H2"),
    ]
    return GradingResult("line_fitting", "s.py", Status.GRADED, 1.5, 4, 2.0, "ran",
                         tests, RunInfo(Verdict.FINISHED))


def test_gradescope_document_has_the_standard_fields() -> None:
    document = make_result().to_gradescope()
    assert set(document) == {"score", "max_score", "execution_time", "output", "tests"}
    assert set(document["tests"][0]) >= {"name", "score", "max_score", "status", "output",
                                         "visibility"}


def test_round_trip_through_a_dict() -> None:
    result = make_result()
    assert GradingResult.from_dict(result.to_dict()) == result


def test_student_view_hides_names_and_feedback_of_hidden_tests() -> None:
    view = make_result().student_view(after_due_date=False)
    assert [t["name"] for t in view["tests"]] == ["shown"]
    assert view["hidden_summary"] == {"count": 2, "score": 0.5, "max_score": 3}
    assert "b is off" not in str(view["tests"]) and "secret data set" not in str(view["tests"])


def test_after_due_date_tests_appear_once_the_deadline_passed() -> None:
    view = make_result().student_view(after_due_date=True)
    assert [t["name"] for t in view["tests"]] == ["shown", "after due"]
    assert view["hidden_summary"]["count"] == 1


def test_lone_surrogates_become_replacement_characters() -> None:
    """Submission text decoded from undecodable input must still be storable and printable."""
    result = make_result()
    result.tests[0].output = "bad \udcff name"
    result.student_output = "\ud800"
    clean = result.with_valid_unicode()
    assert clean.tests[0].output == "bad \ufffd name" and clean.student_output == "\ufffd"
    assert clean.tests[1] == result.tests[1]
    clean.to_dict().__repr__().encode("utf-8")
