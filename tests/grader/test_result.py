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
