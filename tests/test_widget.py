"""The exercise widget's Python side, without a kernel: set values, 'click', read feedback."""

import pytest

from medialit.exercises import catalog, item, show
from medialit.exercises.widget import ExerciseWidget, parse_duration_answer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2.5 hours", {"number": 150.0, "unit": "minutes", "bound": "about"}),
        ("150 min", {"number": 150.0, "unit": "minutes", "bound": "about"}),
        ("two and a half hours", {"number": 150.0, "unit": "minutes", "bound": "about"}),
        ("more than 90 minutes", {"number": 90.0, "unit": "minutes", "bound": "at_least"}),
        ("Not stated", {"not_stated": True}),
    ],
)
def test_typed_durations_are_read(text, expected):
    assert parse_duration_answer(text) == (expected, None)


@pytest.mark.parametrize(
    "text, says",
    [
        ("", "Type a length"),
        ("150", "Add a unit"),
        ("banana", "could not find a length"),
        ("two hours or 90 minutes", "just one length"),
    ],
)
def test_unreadable_durations_get_a_clear_message(text, says):
    answer, error = parse_duration_answer(text)
    assert answer is None and says in error


def test_check_sets_feedback_status_and_attempts():
    w = item("call_length_001").widget()
    assert isinstance(w, ExerciseWidget) and repr(w) == "<exercise call_length_001: duration>"
    w.answer = {"number": 2, "unit": "hours", "bound": "about"}
    r = w.check()
    assert (r.correct, w.status, w.attempts) == (False, "incorrect", 1)
    assert "004" in w.feedback
    w.check({"number": 2.5, "unit": "hours", "bound": "about"})
    assert (w.status, w.attempts) == ("correct", 2)
    assert "two and a half hours" in w.feedback


def test_unreadable_input_does_not_count_as_an_attempt():
    w = item("call_length_003").widget()
    w.check({"number": "", "unit": "hours", "bound": "about"})
    assert (w.status, w.attempts) == ("invalid", 0) and "number" in w.feedback


def test_kernel_answers_ping_and_parse_messages():
    w = item("call_length_000").widget()
    sent = []
    w.send = sent.append
    w._on_msg(w, {"type": "ping"}, [])
    w._on_msg(w, {"type": "parse", "text": "more than 90 minutes"}, [])
    w._on_msg(w, {"type": "parse", "text": "<img src=x onerror=alert(1)>"}, [])
    w._on_msg(w, "not a dict", [])
    assert sent[0] == {"type": "pong"}
    assert sent[1] == {
        "type": "parsed",
        "answer": {"number": 90.0, "unit": "minutes", "bound": "at_least"},
    }
    assert sent[2]["type"] == "parse_error"


def test_show_builds_a_box_for_a_chapter():
    box = show(chapter="numbers")
    assert len(box.children) == len(catalog("numbers")) >= 6
    assert all(isinstance(c, ExerciseWidget) for c in box.children)
    with pytest.raises(KeyError):
        show("no_such_item")
