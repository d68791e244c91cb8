"""start() and the name box, without a browser: the kernel side of what a student does in
Voilà (no editable cell: the name is typed in the first exercise widget) and in JupyterLab
(``start("Ada")``). The browser side is in test_live.py."""

from __future__ import annotations

import json

import pytest

import medialit.exercises as ex
from medialit.answers import load
from medialit.exercises.widget import ExerciseWidget
from tests.support.paths import DATA

DEFAULT_CASE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["name"]


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    monkeypatch.setattr(ex, "_STORE", None)
    monkeypatch.setattr(ex, "_SESSION", ex._Session())
    monkeypatch.delenv("MEDIALIT_CASE", raising=False)


def type_in(widget, name: str) -> None:
    """What widget.js sends when the student presses Save in the name box."""
    widget._on_msg(widget, {"type": "name", "name": name}, [])


@pytest.mark.parametrize("args", [(), ("your-name-here",), ("   ",)])
def test_without_a_name_the_first_widget_asks_for_one(tmp_path, args):
    note = ex.start(*args, folder=tmp_path)
    assert note.value == (
        "⚠ Type your name to save your answers: use the box in the first exercise below."
    )
    first, second = ex.item("call_length_001").widget(), ex.item("prisoners_total").widget()
    assert (first.ask_name, second.ask_name) == (True, False)
    assert first.store is None and second.store is None
    assert not any(tmp_path.iterdir())


def test_a_name_that_is_not_one_says_why(tmp_path):
    note = ex.start("!!!", folder=tmp_path).value
    assert note.startswith("⚠ a student id needs at least one letter or digit. Type your name")


def test_answers_given_before_the_name_are_saved_once_it_is_typed(tmp_path):
    label = ex.start("your-name-here", folder=tmp_path)
    first, second = ex.item("call_length_001").widget(), ex.item("prisoners_total").widget()
    second.check(175)  # wrong: each side frees 175
    assert second.notice == ExerciseWidget.NOT_SAVED and not any(tmp_path.iterdir())
    # The page claims "correct" for a wrong answer: the kernel decides when it saves.
    second.set_trait_values({"answer": {"value": 176}, "status": "correct"})

    type_in(first, "Zoë Müller")
    assert (
        first.name_note == f"✔ Answers of “Zoë Müller” are saved in {tmp_path / 'zoë-müller.json'}."
    )
    assert label.value == first.name_note  # the start(…) cell's note says so too
    assert (first.ask_name, second.ask_name, second.notice) == (False, False, "")
    saved = load(tmp_path / "zoë-müller.json")
    assert saved["student"]["id"] == "Zoë Müller" and saved["case"] == DEFAULT_CASE
    assert set(saved["items"]) == {"prisoners_total"}  # the unused widget saved nothing
    rec = saved["items"]["prisoners_total"]
    assert (rec["answer"], rec["status"], rec["correct"], rec["attempts"]) == (
        {"value": 176},
        "incorrect",
        False,
        1,
    )
    assert second.status == "incorrect"
    second.check(350)
    assert load(tmp_path / "zoë-müller.json")["items"]["prisoners_total"]["attempts"] == 2


def test_a_bad_name_typed_keeps_the_box_and_saves_nothing(tmp_path):
    ex.start(folder=tmp_path)
    w = ex.item("prisoners_total").widget()
    type_in(w, "your-name-here")
    assert w.name_note.startswith("⚠ “your-name-here” is the example")
    type_in(w, " ")
    assert w.name_note == "⚠ Type your name first, then press Save."
    type_in(w, "…")
    assert w.name_note == "⚠ A student id needs at least one letter or digit."
    assert w.ask_name and w.store is None and not any(tmp_path.iterdir())
    type_in(w, "Ada")
    assert w.store is not None and w.store.path == tmp_path / "ada.json"


def test_the_name_typed_restores_what_was_saved_before(tmp_path):
    ex.start("Ada", folder=tmp_path)
    ex.item("prisoners_total").widget().check(350)
    ex.start("your-name-here", folder=tmp_path)  # a new session, as in Voilà
    first, again = ex.item("call_length_001").widget(), ex.item("prisoners_total").widget()
    assert (again.status, again.attempts) == ("", 0)
    type_in(first, "ada")  # the same student, however it is capitalised
    assert (again.answer, again.status, again.attempts) == ({"value": 350}, "correct", 1)
    assert again.feedback == ex.item("prisoners_total").check(350).feedback


def test_a_widget_made_again_for_the_first_item_asks_in_its_place(tmp_path):
    ex.start(folder=tmp_path)
    ex.item("call_length_001").widget()
    ex.item("prisoners_total").widget()
    again = ex.item("call_length_001").widget()  # its cell run again (JupyterLab)
    assert again.ask_name


def test_a_stale_name_box_changes_nothing(tmp_path):
    ex.start("Ada", folder=tmp_path)
    w = ex.item("prisoners_total").widget()
    type_in(w, "Bob")
    assert w.name_note == "Your answers are saved already." and w.store.path.name == "ada.json"
    assert not (tmp_path / "bob.json").exists()


def test_start_with_a_name_saves_from_the_first_check(tmp_path):
    note = ex.start("Ada", folder=tmp_path).value
    assert note == f"✔ Answers of “Ada” are saved in {tmp_path / 'ada.json'}."
    w = ex.item("prisoners_total").widget()
    assert not w.ask_name and w.name_note == ""
    w.check(350)
    saved = load(tmp_path / "ada.json")
    assert saved["case"] == DEFAULT_CASE and saved["items"]["prisoners_total"]["correct"] is True


def test_the_file_records_the_case_of_the_notebook(tmp_path, case):
    ex.start("Ada", folder=tmp_path, case=case)
    ex.item("prisoners_total").widget().check(350)
    assert load(tmp_path / "ada.json")["case"] == case.name == DEFAULT_CASE
    ex.start("Bo", folder=tmp_path, case="my-event")
    ex.item("prisoners_total").widget().check(350)
    assert load(tmp_path / "bo.json")["case"] == "my-event"


def test_a_file_saved_without_a_case_gets_one(tmp_path):
    ex.start("Ada", folder=tmp_path)
    ex.item("prisoners_total").widget().check(350)
    data = load(tmp_path / "ada.json")
    data["case"] = ""
    (tmp_path / "ada.json").write_text(json.dumps(data), encoding="utf-8")
    ex.start("Ada", folder=tmp_path)
    ex.item("call_length_001").widget().check({"not_stated": True})
    assert load(tmp_path / "ada.json")["case"] == DEFAULT_CASE


def test_the_default_case_id_follows_medialit_case(tmp_path, monkeypatch, case_copy):
    desc = json.loads((case_copy / "datapackage.json").read_text(encoding="utf-8"))
    desc["name"] = "my-event"
    (case_copy / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_CASE", str(case_copy))
    assert ex.default_case_id() == "my-event"
    (case_copy / "datapackage.json").unlink()
    assert ex.default_case_id() == case_copy.name


def test_the_static_book_shows_no_name_box():
    """The book's widgets are made with no start(): they neither ask nor warn."""
    w = ex.item("prisoners_total").widget()
    w.check(350)
    assert (w.ask_name, w.name_note, w.notice) == (False, "", "")
