"""Importing an answer file (e.g. downloaded from the static book) into a notebook's
answer store: ``start("Ada", from_file="Ada-book.json")`` / ``import_answers``.

Per item the answer kept is the newer one; every imported answer is checked again by the
kernel (what the file says of its correctness is the page's claim); a bad file changes
nothing and says why.
"""

from __future__ import annotations

import json

import pytest

import medialit.exercises as ex
from medialit.answers import FORMAT, VERSION, AnswerStore, load

RIGHT = {"value": 350}  # prisoners_total: 175 freed by each side
WRONG = {"value": 175}
DURATION = {"number": 2.5, "unit": "hours", "bound": "about"}  # call_length_001, right


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    monkeypatch.setattr(ex, "_STORE", None)
    monkeypatch.setattr(ex, "_SESSION", ex._Session())


def answer_file(path, items: dict, student: str = "Ada") -> str:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "student": {"id": student, "name": student},
        "case": "trump-putin-call-2025-03-18",
        "updated_at": "2026-11-21T10:00:00+00:00",
        "items": items,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def rec(answer: dict, status: str, at: str = "2026-11-21T10:00:00+00:00", **more) -> dict:
    return {
        "answer": answer,
        "status": status,
        "correct": status == "correct",
        "attempts": 1,
        "hints_shown": 0,
        "feedback": "from the file",
        "first_at": at,
        "updated_at": at,
        **more,
    }


def test_answers_are_imported_and_checked_again_by_the_kernel(tmp_path):
    book = answer_file(
        tmp_path / "Ada-book.json",
        {
            "prisoners_total": rec(WRONG, "correct"),  # the page claims a wrong answer is right
            "call_length_001": rec(DURATION, "correct"),
            "no_such_item": rec(RIGHT, "correct"),
        },
    )
    store = AnswerStore(tmp_path / "answers", "Ada")
    note = ex.import_answers(store, book)
    assert note == (
        "Imported 2 answers from Ada-book.json. Left out 1 item this book does not have."
    )
    saved = load(store.path)["items"]
    assert set(saved) == {"prisoners_total", "call_length_001"}
    assert (saved["prisoners_total"]["status"], saved["prisoners_total"]["correct"]) == (
        "incorrect",
        False,
    )
    assert saved["prisoners_total"]["feedback"] == ex.item("prisoners_total").check(WRONG).feedback
    assert (saved["call_length_001"]["status"], saved["call_length_001"]["correct"]) == (
        "correct",
        True,
    )
    assert saved["call_length_001"]["attempts"] == 1


def test_the_newer_answer_of_an_item_is_kept(tmp_path):
    folder = tmp_path / "answers"
    answer_file(
        folder / "ada.json",
        {  # saved in the notebook before
            "prisoners_total": rec(RIGHT, "correct", at="2026-11-21T12:00:00+00:00"),
            "call_length_001": rec(
                {"not_stated": True}, "incorrect", at="2026-11-21T09:00:00+00:00"
            ),
        },
    )
    book = answer_file(
        tmp_path / "Ada-book.json",
        {
            "prisoners_total": rec(WRONG, "incorrect", at="2026-11-21T11:00:00+00:00"),  # older
            "call_length_001": rec(DURATION, "correct", at="2026-11-21T10:00:00.250Z"),  # newer
        },
    )
    store = AnswerStore(folder, "Ada")
    note = ex.import_answers(store, book)
    assert note == ("Imported 1 answer from Ada-book.json. Kept 1 answer saved here that is newer.")
    saved = load(store.path)["items"]
    assert saved["prisoners_total"]["answer"] == RIGHT
    assert saved["call_length_001"]["answer"] == DURATION


def test_a_time_that_cannot_be_read_is_never_newer(tmp_path):
    folder = tmp_path / "answers"
    answer_file(folder / "ada.json", {"prisoners_total": rec(RIGHT, "correct")})
    book = answer_file(
        tmp_path / "book.json",
        {
            "prisoners_total": rec(WRONG, "incorrect", at="tomorrow"),
            "call_length_001": rec(DURATION, "correct", at="tomorrow"),  # nothing here: taken
        },
    )
    store = AnswerStore(folder, "Ada")
    assert ex.import_answers(store, book).startswith("Imported 1 answer from book.json. Kept 1")
    assert load(store.path)["items"]["prisoners_total"]["answer"] == RIGHT


def test_unchecked_states_are_kept_as_the_file_says(tmp_path):
    """ "" (a hint before any check) and "invalid" (an unreadable answer) claim nothing."""
    book = answer_file(
        tmp_path / "book.json",
        {
            "prisoners_total": rec({}, "", hints_shown=1),
            "call_length_001": rec({"number": "two"}, "invalid"),
        },
    )
    store = AnswerStore(tmp_path / "answers", "Ada")
    ex.import_answers(store, book)
    saved = load(store.path)["items"]
    assert (saved["prisoners_total"]["status"], saved["prisoners_total"]["hints_shown"]) == ("", 1)
    assert saved["call_length_001"]["status"] == "invalid"
    assert saved["call_length_001"]["correct"] is None


@pytest.mark.parametrize(
    "content, says",
    [
        (b"{not json", "not valid JSON"),
        (b"", "the file is empty"),
        (json.dumps({"format": "something-else"}).encode(), "not a medialit answer file"),
        (
            json.dumps(
                {
                    "format": FORMAT,
                    "version": VERSION,
                    "student": {"id": "Ada"},
                    "items": {"prisoners_total": {"attempts": -1}},
                }
            ).encode(),
            "out of range",
        ),
        (b"\xff\xfe", "not text"),
    ],
)
def test_a_bad_file_changes_nothing_and_says_why(tmp_path, content, says):
    folder = tmp_path / "answers"
    answer_file(folder / "ada.json", {"prisoners_total": rec(RIGHT, "correct")})
    before = (folder / "ada.json").read_bytes()
    store = AnswerStore(folder, "Ada")
    kept = json.loads(json.dumps(store.data))
    bad = tmp_path / "Ada-book.json"
    bad.write_bytes(content)
    note = ex.import_answers(store, bad)
    assert note.startswith("⚠ Ada-book.json") and says in note
    assert note.endswith("Nothing was imported; your saved answers are unchanged.")
    assert store.data == kept and (folder / "ada.json").read_bytes() == before


def test_a_file_in_another_name_is_imported_and_named(tmp_path):
    book = answer_file(
        tmp_path / "bo-book.json", {"prisoners_total": rec(RIGHT, "correct")}, student="Bo"
    )
    note = ex.import_answers(AnswerStore(tmp_path / "answers", "Ada"), book)
    assert note == "Imported 1 answer from bo-book.json. (The file was saved under the name “Bo”.)"
    same = answer_file(tmp_path / "ada-book.json", {}, student="  ADA ")
    assert (
        ex.import_answers(AnswerStore(tmp_path / "answers", "Ada"), same)
        == "Imported 0 answers from ada-book.json."
    )


def test_a_missing_or_huge_file_is_refused(tmp_path, monkeypatch):
    store = AnswerStore(tmp_path / "answers", "Ada")
    note = ex.import_answers(store, tmp_path / "nowhere.json")
    assert note.startswith("⚠ nowhere.json cannot be read (No such file or directory)")
    monkeypatch.setattr(ex, "MAX_IMPORT_BYTES", 10)
    big = answer_file(tmp_path / "big.json", {"prisoners_total": rec(RIGHT, "correct")})
    assert "too big to be an answer file" in ex.import_answers(store, big)
    assert not store.path.exists()


def test_start_imports_before_the_widgets_are_made(tmp_path):
    book = answer_file(tmp_path / "Ada-book.json", {"prisoners_total": rec(RIGHT, "correct")})
    note = ex.start("Ada", folder=tmp_path / "answers", from_file=book).value
    assert note.startswith("✔ Answers of “Ada” are saved in ")
    assert note.endswith(" Imported 1 answer from Ada-book.json.")
    w = ex.item("prisoners_total").widget()
    assert (w.answer, w.status, w.attempts) == (RIGHT, "correct", 1)


def test_start_with_a_bad_file_still_saves_the_answers(tmp_path):
    bad = tmp_path / "Ada-book.json"
    bad.write_text("[]", encoding="utf-8")
    note = ex.start("Ada", folder=tmp_path / "answers", from_file=bad).value
    assert "✔ Answers of “Ada”" in note and "⚠ Ada-book.json cannot be imported" in note
    ex.item("prisoners_total").widget().check(350)
    assert load(tmp_path / "answers" / "ada.json")["items"]["prisoners_total"]["correct"] is True


def test_no_import_without_a_name(tmp_path):
    book = answer_file(tmp_path / "Ada-book.json", {"prisoners_total": rec(RIGHT, "correct")})
    note = ex.start("your-name-here", folder=tmp_path / "answers", from_file=book).value
    assert "Type your name" in note and "Nothing was imported yet." in note
    assert not (tmp_path / "answers").exists() or not any((tmp_path / "answers").iterdir())


def test_any_case_items_of_the_case_are_imported(tmp_path, case):
    from medialit.exercises.generic import number_items
    from tests.support.keys import key_answer

    it = number_items(case)[0]
    book = answer_file(tmp_path / "book.json", {it.id: rec(key_answer(it, case), "incorrect")})
    store = AnswerStore(tmp_path / "answers", "Ada")
    assert ex.import_answers(store, book, case=case) == "Imported 1 answer from book.json."
    assert load(store.path)["items"][it.id]["status"] == "correct"  # checked here, not claimed


def test_an_import_keeps_the_book_times_and_writes_once(tmp_path, monkeypatch):
    from medialit import answers

    book = answer_file(
        tmp_path / "Ada-book.json",
        {
            "prisoners_total": rec(RIGHT, "correct", at="2026-11-20T08:00:00+00:00"),
            "call_length_001": rec(DURATION, "correct", at="2026-11-20T08:05:00+00:00"),
        },
    )
    store = AnswerStore(tmp_path / "answers", "Ada")
    writes = []
    real = answers.write_atomically
    monkeypatch.setattr(answers, "write_atomically", lambda p, d: writes.append(p) or real(p, d))
    ex.import_answers(store, book)
    saved = load(store.path)["items"]
    assert len(writes) == 1
    assert saved["prisoners_total"]["updated_at"] == "2026-11-20T08:00:00+00:00"
    assert saved["call_length_001"]["first_at"] == "2026-11-20T08:05:00+00:00"
