"""Saved answers: atomic writes that survive faults, clear messages, nothing lost."""

import errno
import json
import subprocess
import sys
import time

import pytest

from medialit import answers
from medialit.answers import AnswerFileError, AnswerStore, SaveError, load, write_atomically
from medialit.exercises import item


def _store(tmp_path, sid="Ada L."):
    return AnswerStore(tmp_path, sid, name="Ada")


def test_round_trip_and_documented_fields(tmp_path):
    s = _store(tmp_path)
    assert s.path.name == "ada-l.json"
    assert s.record(
        "call_length_001",
        answer={"number": 2.5, "unit": "hours", "bound": "about"},
        status="correct",
        correct=True,
        attempts=2,
        hints_shown=1,
        feedback="ok",
    )
    data = load(s.path)
    rec = data["items"]["call_length_001"]
    assert data["student"] == {"id": "Ada L.", "name": "Ada"}
    assert (rec["correct"], rec["attempts"], rec["hints_shown"]) == (True, 2, 1)
    assert rec["first_at"] <= rec["updated_at"]
    assert _store(tmp_path).get("call_length_001")["answer"]["number"] == 2.5


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b'{"format": "medialit-answers", "vers', "not valid JSON"),
        (b'{"hello": 1}', "not a medialit answer file"),
        (b"\xff\xfe\x00", "not text"),
        (b'{"format": "medialit-answers", "version": 9}', "unsupported version"),
        (
            b'{"format": "medialit-answers", "version": 1, "student": {"id": "a"}, '
            b'"items": {"x": {"attempts": "2"}}}',
            "wrong type",
        ),
    ],
)
def test_bad_files_are_named_with_a_reason(tmp_path, content, reason):
    f = tmp_path / "x.json"
    f.write_bytes(content)
    with pytest.raises(AnswerFileError, match=reason) as info:
        load(f)
    assert str(info.value).startswith("x.json: ")


def test_a_corrupt_file_is_set_aside_and_the_student_starts_clean(tmp_path):
    (tmp_path / "ada-l.json").write_text(
        '{"format": "medialit-answers", "items": {', encoding="utf-8"
    )
    s = _store(tmp_path)
    assert "could not be read" in s.problem and s.data["items"] == {}
    aside = list(tmp_path.glob("ada-l.corrupt-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8").startswith('{"format"')
    assert s.record("q", status="saved")
    assert load(s.path)["items"]["q"]["status"] == "saved" and s.problem == ""


@pytest.mark.parametrize("fail", ["os.replace", "os.fsync"])
def test_a_failed_write_leaves_the_previous_file_intact(tmp_path, monkeypatch, fail):
    s = _store(tmp_path)
    s.record("q1", status="correct", correct=True, attempts=1)
    before = s.path.read_bytes()

    def boom(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fail, boom)
    assert s.record("q2", status="incorrect", attempts=3) is False
    assert "could not be saved (No space left on device)" in s.problem
    assert s.path.read_bytes() == before  # the old file is whole
    assert s.get("q2")["attempts"] == 3  # the new answer is kept in memory
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind
    monkeypatch.undo()
    assert s.record("q3", status="saved") and load(s.path)["items"]["q2"]["attempts"] == 3


def test_a_read_only_folder_gives_a_clear_message(tmp_path, monkeypatch):
    real_open = answers.os.open

    def refuse(path, *a, **k):  # files can't be made here; the lock file is elsewhere
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EROFS, "Read-only file system")
        return real_open(path, *a, **k)

    monkeypatch.setattr(answers.os, "open", refuse)
    s = _store(tmp_path)
    assert not s.writable and "Read-only file system" in s.problem
    assert s.record("q", status="saved") is False
    assert "Read-only file system" in s.problem and s.get("q")["status"] == "saved"
    with pytest.raises(SaveError, match="cannot save answers"):
        write_atomically(tmp_path / "y.json", {"a": 1})


WRITER = """
import sys
from medialit.answers import AnswerStore
s = AnswerStore(sys.argv[1], "kid")
i = 0
while True:
    i += 1
    s.record(f"q{i % 50}", answer={"text": "x" * 20000}, status="saved", attempts=i)
    if i == 1:
        print("saving", flush=True)
"""


@pytest.mark.slow
def test_killing_the_writer_at_any_moment_never_leaves_half_a_file(tmp_path):
    """Kill a process that saves in a loop at different moments: the file on disk is
    always a whole, loadable answer file (the old one or the new one)."""
    for delay in (0.0, 0.003, 0.011, 0.027, 0.05, 0.09):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout.readline().strip() == "saving"  # it is writing now
        time.sleep(delay)
        proc.kill()
        proc.wait()
        proc.stdout.close()
        data = load(tmp_path / "kid.json")
        assert data["student"]["id"] == "kid" and data["items"]


def test_the_widget_saves_and_a_new_widget_restores(tmp_path):
    from medialit.exercises.widget import ExerciseWidget

    s = _store(tmp_path)
    spec = item("call_length_001").spec
    w = ExerciseWidget(spec, store=s)
    w.check({"number": 2, "unit": "hours", "bound": "about"})
    w.check({"number": 2.5, "unit": "hours", "bound": "about"})
    saved = json.loads(s.path.read_text(encoding="utf-8"))["items"]["call_length_001"]
    assert (saved["status"], saved["correct"], saved["attempts"]) == ("correct", True, 2)
    again = ExerciseWidget(spec, store=_store(tmp_path))
    assert (again.status, again.attempts, again.answer["number"]) == ("correct", 2, 2.5)
    assert again.notice == ""


def test_start_reports_where_answers_go(tmp_path, monkeypatch):
    import medialit.exercises as ex

    monkeypatch.setattr(ex, "_STORE", None)
    note = ex.start("Bo", folder=tmp_path)
    assert "bo.json" in note.value and ex._STORE.path == tmp_path / "bo.json"
    w = ex.item("prisoners_total").widget()
    w.check(350)
    assert load(tmp_path / "bo.json")["items"]["prisoners_total"]["correct"] is True
    assert "⚠" in ex.start("  ", folder=tmp_path).value
    monkeypatch.setattr(ex, "_STORE", None)


def test_two_notebooks_of_one_student_keep_each_others_answers(tmp_path):
    a, b = _store(tmp_path), _store(tmp_path)
    assert a.record("x", status="correct", correct=True, attempts=1)
    assert b.record("y", status="incorrect", correct=False, attempts=2)
    assert a.record("z", status="saved")
    items = load(a.path)["items"]
    assert set(items) == {"x", "y", "z"} and items["y"]["attempts"] == 2
    assert b.record("x", status="incorrect", attempts=5)  # the later save of x wins
    assert load(a.path)["items"]["x"]["attempts"] == 5
