"""Grades you can trust: the gradebook re-checks every answer, tells who is who, and no
hand-in file (forged, hostile or broken) can stop it or reach a spreadsheet as a formula."""

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from medialit import gradebook as gbk
from medialit.answers import MAX_COUNT, AnswerStore, load, write_atomically
from medialit.cli import gradebook_main as main
from medialit.exercises import catalog, item
from medialit.gradebook import gradebook
from medialit.safecsv import FORMULA_START
from tests.support.class_factory import make_class
from tests.support.fuzz import sized

CHECKABLE = [i for i in catalog() if i.kind != "free_text"]


@pytest.fixture(scope="module")
def honest(tmp_path_factory):
    """30 honest students' files, written once; tests copy the folder."""
    folder = tmp_path_factory.mktemp("honest") / "class"
    students = make_class(folder, n=30, seed=7)
    return folder, students, gradebook(folder)


@pytest.fixture
def class_dir(honest, tmp_path):
    return Path(shutil.copytree(honest[0], tmp_path / "hand-in"))


def _file(student_id="mallory", items=None, **extra) -> dict:
    return {
        "format": "medialit-answers",
        "version": 1,
        "student": {"id": student_id, "name": student_id},
        "case": "",
        "updated_at": "2026-03-02T09:00:00+00:00",
        "items": items or {},
        **extra,
    }


def _nonsense(it) -> dict:
    """An answer of the item's shape that is wrong (or unreadable) for every item."""
    return {
        "duration": {"number": 9, "unit": "days", "bound": "about"},
        "numeric": {"value": 1},
        "single_choice": {"choice": "zz"},
        "multiple_choice": {"selected": []},
        "span_marking": {"selected": []},
        "labelling": {"labels": {}},
    }.get(it.kind, {})


# --------------------------------------------------------------------------- re-checking


@pytest.mark.slow
def test_a_forged_file_claiming_every_item_correct_scores_nothing_and_is_named(
    class_dir, honest, capsys
):
    forged = {
        it.id: {"answer": _nonsense(it), "status": "correct", "correct": True, "attempts": 1}
        for it in catalog()
    }
    write_atomically(class_dir / "mallory.json", _file(items=forged))
    gb = gradebook(class_dir)
    row = gb.wide.loc["mallory"]
    assert row[[i.id for i in CHECKABLE]].fillna(0).sum() == 0 and row["total"] == 0
    # every claim is unconfirmed: no free-text answer is "correct" before it is scored
    assert row["claims_not_confirmed"] == len(catalog())
    assert any(f"mallory ({len(catalog())} items)" in line for line in gb.summary())
    flagged = gb.long[gb.long["student_id"].eq("mallory") & gb.long["claim_differs"]]
    assert set(flagged["item_id"]) == {i.id for i in catalog()}
    # the honest class is graded as before, and nobody honest is flagged
    others = gb.wide.drop(index="mallory")
    pd.testing.assert_series_equal(others["total"], honest[2].wide["total"])
    assert (others["claims_not_confirmed"] == 0).all() and others["total"].sum() > 0
    assert main(class_dir, class_dir.with_name("out")) == 0
    assert "claim answers correct that the re-check does not confirm" in capsys.readouterr().out


def test_a_right_answer_claimed_wrong_still_scores(tmp_path):
    it = item("prisoners_total")
    write_atomically(
        tmp_path / "ada.json",
        _file("ada", {it.id: {"answer": {"value": 350}, "status": "incorrect", "correct": False}}),
    )
    gb = gradebook(tmp_path)
    assert gb.wide.loc["ada", it.id] == 1
    assert gb.long.set_index("item_id").loc[it.id, "claim_differs"]


def test_the_live_widget_never_stores_a_status_the_front_end_sends(tmp_path):
    from medialit.exercises.widget import ExerciseWidget

    store = AnswerStore(tmp_path, "bo")
    w = ExerciseWidget(item("call_length_001").spec, store=store)
    # what a page (or the browser console) sends, in one message or one trait at a time
    w.set_state(
        {
            "answer": {"number": 9, "unit": "hours", "bound": "about"},
            "status": "correct",
            "feedback": "✔ well done",
        }
    )
    assert load(store.path)["items"]["call_length_001"]["status"] == "incorrect"
    w.status = "saved"
    w.feedback = "✔ well done"
    saved = load(store.path)["items"]["call_length_001"]
    assert (saved["status"], saved["correct"], w.status) == ("incorrect", False, "incorrect")
    assert "well done" not in saved["feedback"]
    w.status = "correct"  # a bare status change is checked too
    assert load(store.path)["items"]["call_length_001"]["status"] == "incorrect"
    # a file edited by hand is re-checked when the notebook opens it again
    data = load(store.path)
    data["items"]["call_length_001"].update(status="correct", correct=True)
    write_atomically(store.path, data)
    again = ExerciseWidget(item("call_length_001").spec, store=AnswerStore(tmp_path, "bo"))
    assert again.status == "incorrect"


# --------------------------------------------------------------------------- hostile files


def _deep(n: int) -> str:
    return "[" * n + "]" * n


HOSTILE = {
    "huge-attempts.json": (
        lambda: json.dumps(
            _file(
                "eve",
                {
                    "prisoners_total": {
                        "answer": {"value": 350},
                        "status": "correct",
                        "attempts": 10**30,
                    }
                },
            )
        ),
        "out of range",
    ),
    "wrapping-attempts.json": (
        lambda: json.dumps(
            _file("eve", {"prisoners_total": {"answer": {"value": 350}, "attempts": 2**63}})
        ),
        "out of range",
    ),
    "negative-hints.json": (
        lambda: json.dumps(
            _file("eve", {"prisoners_total": {"answer": {"value": 350}, "hints_shown": -1}})
        ),
        "out of range",
    ),
    "deep.json": (lambda: _deep(100_000), "nested too deeply"),
    "deep-inside.json": (
        lambda: json.dumps(_file("eve"))[:-1] + ', "x": ' + _deep(100_000) + "}",
        "nested too deeply",
    ),
    "surrogate.json": (lambda: json.dumps(_file("\ud800")), "no letter or digit"),
    "long-number.json": (
        lambda: '{"format": "medialit-answers", "version": 1, "x": ' + "9" * 5000 + "}",
        "number too long",
    ),
    "essay.json": (
        lambda: json.dumps(
            _file("eve", {"why_omit": {"answer": {"text": "x " * 10_001}, "status": "saved"}})
        ),
        "longer than 20,000",
    ),
    "placeholder.json": (lambda: json.dumps(_file("your-name-here")), "the notebook's example"),
    "not-a-dict-student.json": (
        lambda: json.dumps(_file() | {"student": ["eve"]}),
        "student.id is missing",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_is_skipped_with_a_reason_and_the_class_is_graded(
    class_dir, honest, name
):
    make, reason = HOSTILE[name]
    (class_dir / name).write_text(make(), encoding="utf-8", errors="surrogatepass")
    gb = gradebook(class_dir)
    assert dict(zip(gb.skipped["file"], gb.skipped["reason"], strict=False))[name].find(reason) >= 0
    assert len(gb.skipped) == 1 and gb.students == 30
    pd.testing.assert_frame_equal(gb.wide, honest[2].wide)


@pytest.mark.slow
def test_all_hostile_files_at_once_stop_neither_the_grading_nor_the_writing(class_dir, honest):
    """The files of the test above together: each is skipped with its reason, and nothing
    the gradebook holds of them stops the writing (one write: the chart takes a second)."""
    for name, (make, _) in HOSTILE.items():
        (class_dir / name).write_text(make(), encoding="utf-8", errors="surrogatepass")
    gb = gradebook(class_dir)
    reasons = dict(zip(gb.skipped["file"], gb.skipped["reason"], strict=True))
    assert {name: reason in reasons.get(name, "") for name, (_, reason) in HOSTILE.items()} == {
        name: True for name in HOSTILE
    }
    assert len(gb.skipped) == len(HOSTILE) and gb.students == 30
    pd.testing.assert_frame_equal(gb.wide, honest[2].wide)
    out = class_dir.with_name("out")
    gbk.write(gb, out)
    skipped = (out / "skipped.txt").read_text(encoding="utf-8")
    assert [name for name in HOSTILE if name not in skipped] == []


def _special_files(folder: Path) -> dict[str, str]:
    """Links, a pipe, a folder and an oversized file, all named like answer files."""
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "passwd.json").symlink_to("/etc/passwd")
    os.mkfifo(folder / "pipe.json")
    (folder / "folder.json").mkdir()
    with open(folder / "big.json", "wb") as f:
        f.truncate(gbk.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    return {
        "zero.json": "a link",
        "passwd.json": "a link",
        "pipe.json": "not a regular file",
        "folder.json": "a folder",
        "big.json": "larger than 5 MB",
    }


def test_links_pipes_folders_and_huge_files_are_listed_and_never_read(class_dir, honest):
    expected = _special_files(class_dir)
    gb = gradebook(class_dir)  # would hang on the pipe, or fill memory from /dev/zero
    reasons = dict(zip(gb.skipped["file"], gb.skipped["reason"], strict=False))
    assert set(reasons) == set(expected)
    assert all(expected[f] in reasons[f] for f in expected)
    assert "root:" not in " ".join(reasons.values())
    assert gb.students == 30


def test_a_file_claiming_another_students_id_with_a_later_time_replaces_nothing(class_dir, honest):
    victim = honest[2].wide["total"].idxmax()
    forged = {
        it.id: {
            "answer": _nonsense(it),
            "status": "incorrect",
            "updated_at": "2999-12-31T00:00:00+00:00",
        }
        for it in CHECKABLE
    }
    write_atomically(
        class_dir / "prank.json", _file(victim, forged, updated_at="2999-12-31T00:00:00+00:00")
    )
    gb = gradebook(class_dir)
    assert gb.wide.loc[victim, "total"] == honest[2].wide.loc[victim, "total"]
    assert "prank.json" in gb.wide.loc[victim, "files"]
    notes = " ".join(gb.summary())
    assert f"2 files for student {victim!r}" in notes
    assert "prank.json: the file name does not fit the student id inside" in notes


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
ITEM_IDS = st.sampled_from([i.id for i in catalog()] + ["=cmd", "unknown_item", ""])
RECORDS = st.dictionaries(
    st.sampled_from(
        [
            "answer",
            "status",
            "correct",
            "attempts",
            "hints_shown",
            "feedback",
            "updated_at",
            "first_at",
        ]
    ),
    JSON_VALUES | st.sampled_from(["correct", "saved", "", 10**30, -1]),
    max_size=8,
)
FILES = (
    st.fixed_dictionaries(
        {
            "format": st.sampled_from(["medialit-answers", "x"]),
            "version": st.sampled_from([1, 2]),
            "student": st.fixed_dictionaries({"id": st.text(max_size=10) | JSON_VALUES})
            | JSON_VALUES,
            "items": st.dictionaries(ITEM_IDS, RECORDS | JSON_VALUES, max_size=6) | JSON_VALUES,
        },
        optional={"updated_at": JSON_VALUES, "case": JSON_VALUES},
    )
    | JSON_VALUES
)


# Files the random ones rarely are: an answer file in good form whose every field is
# hostile, two files of one student, and plain JSON that is no answer file at all.
_FORM = {"format": "medialit-answers", "version": 1, "student": {"id": "ada"}}
_HOSTILE_ITEMS = {
    "prisoners_total": {"answer": {"value": 10**30}, "status": "correct", "correct": True},
    "call_length_001": {"answer": [], "attempts": 10**30, "hints_shown": -1},
    "=cmd": {"answer": {"text": "=HYPERLINK(1)"}, "status": "saved", "feedback": None},
    "": {"updated_at": {"a": []}, "first_at": 1.5, "status": "nonsense"},
}


@pytest.mark.slow
@settings(sized(40), suppress_health_check=[HealthCheck.function_scoped_fixture])
@example([{**_FORM, "items": _HOSTILE_ITEMS}])
@example([{**_FORM, "items": {}}, {**_FORM, "student": {"id": "ADA "}, "items": _HOSTILE_ITEMS}])
@example([None, [], "x", 0, {"items": {}}])
@given(st.lists(FILES, min_size=1, max_size=4))
def test_random_json_never_stops_the_gradebook(tmp_path, contents):
    """40 derandomized examples (MEDIALIT_FUZZ_SCALE=4 for the 150 of before, MEDIALIT_FUZZ=N
    for N random ones) and the files above."""
    folder = tmp_path / "fuzz"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for n, data in enumerate(contents):
        (folder / f"f{n}.json").write_text(
            json.dumps(data), encoding="utf-8", errors="surrogatepass"
        )
    gb = gradebook(folder)
    assert gb.students + len(gb.skipped) <= len(contents)
    assert len(gb.skipped) + len(
        {f for fs in gb.wide["files"] for f in fs.split("; ") if f}
    ) == len(contents)  # each file graded or named
    gbk.write(gb, tmp_path / "out")


# --------------------------------------------------------------------------- output


def _cells(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_csv_cells_never_run_as_spreadsheet_formulas(tmp_path):
    evil = '=HYPERLINK("http://x","x")'
    it = (
        item("why_omit")
        if any(i.id == "why_omit" for i in catalog())
        else next(i for i in catalog() if i.kind == "free_text")
    )
    store = AnswerStore(tmp_path / "in", evil, name="+SUM(A1:A9)")
    store.record(it.id, answer={"text": "@cmd|' /C calc'!A0"}, status="saved")
    store.record("-unknown", answer={"value": 1}, status="incorrect")
    store.record("prisoners_total", answer={"value": 350}, status="correct")
    gb = gradebook(tmp_path / "in")
    assert gb.students == 1
    paths = gbk.write(gb, tmp_path / "out")
    for key in ("gradebook", "items", "to_score"):
        cells = _cells(paths[key])
        bad = [c for c in cells if c.startswith(FORMULA_START)]
        assert not bad, (key, bad)
    grades = _cells(paths["gradebook"])
    assert "'" + evil in grades and "'+SUM(A1:A9)" in grades
    assert "'@cmd|' /C calc'!A0" in _cells(paths["to_score"])
    assert "'-unknown" in _cells(paths["items"])
    table = pd.read_csv(paths["gradebook"], encoding="utf-8-sig")
    assert table["total"].dtype.kind == "i" and table.loc[0, "prisoners_total"] == 1


@pytest.mark.slow
def test_a_failed_write_leaves_the_previous_gradebook_whole(honest, tmp_path, monkeypatch):
    out = tmp_path / "out"
    gbk.write(honest[2], out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gbk, "difficulty_chart", lambda gb: type("F", (), {"savefig": boom})())
    with pytest.raises(OSError):
        gbk.write(honest[2], out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no half, no leftovers


# --------------------------------------------------------------------------- who is who

NAMES = ["Мария Иванова", "李明", "محمد", "Zoë", "Zoé", "José", "Jose\u0301 M"]


def test_names_in_any_script_save_to_their_own_files_and_grade_under_their_own_name(tmp_path):
    paths = {}
    for n, name in enumerate(NAMES[:6]):
        store = AnswerStore(tmp_path, name, name=name)
        assert store.record(
            "prisoners_total", answer={"value": 350 if n % 2 else 1}, status="saved"
        )
        paths[name] = store.path
    assert len(set(paths.values())) == 6 and len(list(tmp_path.glob("*.json"))) == 6
    assert paths["Zoë"].name == "zoë.json" and paths["李明"].name == "李明.json"
    gb = gradebook(tmp_path)
    assert sorted(gb.wide.index) == sorted(NAMES[:6])
    assert list(gb.wide.loc[NAMES[:6], "prisoners_total"]) == [0, 1, 0, 1, 0, 1]
    assert not [n for n in gb.notices if "does not fit" in n]
    # the same name typed another way (a combining accent, capitals, a zero-width space) is
    # the same student and file
    assert AnswerStore(tmp_path, "JOSE\u0301").path == paths["José"]
    assert AnswerStore(tmp_path, "Zo\u200bë").path == paths["Zoë"]


@pytest.mark.parametrize("name", ["your-name-here", "Your Name Here", "  ", "!!!", "\ud800"])
def test_placeholders_and_names_without_a_letter_are_refused(tmp_path, name):
    import medialit.exercises as ex

    with pytest.raises(ValueError):
        AnswerStore(tmp_path, name)
    note = ex.start(name, folder=tmp_path)
    assert note.value.startswith("⚠") and "✔" not in note.value
    ex._STORE = None


def test_a_roster_matches_students_and_lists_the_unknown_and_the_missing(class_dir, honest):
    ids = list(honest[2].wide.index)
    roster = pd.DataFrame(
        {
            "id": [i.upper() for i in ids[:28]] + ["zz-absent"],
            "name": [f"Student {n}" for n in range(28)] + ["Absent A."],
            "email": [f"s{n}@school.example" for n in range(29)],
        }
    )
    roster.to_csv(class_dir.with_name("roster.csv"), index=False)
    gb = gradebook(class_dir, roster=class_dir.with_name("roster.csv"))
    assert gb.students == 31
    assert gb.wide["on_roster"].sum() == 29
    assert gb.wide.loc["zz-absent", "total"] == 0 and gb.wide.loc["zz-absent", "files"] == ""
    assert gb.wide.loc[ids[0].upper(), "name"] == "Student 0"  # the roster's name is used
    notes = " ".join(gb.summary())
    assert all(f"{i!r}" in notes for i in ids[28:]) and "not on the roster" in notes
    assert "1 student(s) on the roster handed in no usable file: zz-absent" in notes


@pytest.mark.parametrize(
    "text, says",
    [
        ("name\nAda\n", "no column id"),
        ("id,name\n,Ada\n", "row 2: the id is empty"),
        ("id,name\nada,A\nADA,B\n", "more than one row"),
    ],
)
def test_a_bad_roster_is_a_clear_error(class_dir, tmp_path, text, says):
    (tmp_path / "roster.csv").write_text(text, encoding="utf-8")
    with pytest.raises(gbk.GradebookError, match=says):
        gradebook(class_dir, roster=tmp_path / "roster.csv")


# --------------------------------------------------------------------------- saving


def test_broken_unicode_in_an_answer_is_saved_and_later_saves_still_work(tmp_path):
    store = AnswerStore(tmp_path, "ada")
    assert store.record("why", answer={"text": "great \ud83d"}, status="saved")
    assert load(store.path)["items"]["why"]["answer"]["text"] == "great \ufffd"
    assert store.record("q2", status="saved") and store.problem == ""
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_save_that_cannot_be_written_as_json_is_reported_and_leaves_no_temp_file(tmp_path):
    store = AnswerStore(tmp_path, "ada")
    assert store.record("q", answer={"x": object()}, status="saved") is False
    assert "could not be saved" in store.problem
    assert not list(tmp_path.glob(".*.tmp"))


def test_temp_files_left_by_a_killed_save_are_removed_by_the_next_save(tmp_path):
    (tmp_path / ".ada.json.1a2b3c.tmp").write_text("{", encoding="utf-8")
    store = AnswerStore(tmp_path, "ada")
    assert store.record("q", status="saved")
    assert not list(tmp_path.glob(".*.tmp"))


def test_answer_files_follow_the_umask_so_an_instructor_can_read_them(tmp_path):
    old = os.umask(0o022)
    try:
        store = AnswerStore(tmp_path, "ada")
        store.record("q", status="saved")
    finally:
        os.umask(old)
    assert store.path.stat().st_mode & 0o777 == 0o644


def test_start_does_not_say_saved_when_the_folder_cannot_be_written(tmp_path):
    import medialit.exercises as ex

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    note = ex.start("Ada", folder=blocker / "answers")
    assert note.value.startswith("⚠") and "cannot be saved" in note.value
    assert "✔" not in note.value
    ex._STORE = None


def test_counts_above_the_cap_are_refused_not_wrapped(tmp_path):
    write_atomically(tmp_path / "a.json", _file("a", {"q": {"attempts": MAX_COUNT + 1}}))
    gb = gradebook(tmp_path)
    assert "out of range (0 to 10000" in gb.skipped["reason"].iloc[0]


@pytest.mark.slow
def test_hand_ins_from_a_case_book_are_graded_against_that_cases_exercises(tmp_path, capsys):
    from medialit.case import load_case
    from medialit.cli import main as cli
    from medialit.exercises.generic import case_items
    from tests.support.keys import key_answer
    from tests.support.paths import ROOT

    folder = ROOT / "tests" / "cases" / "crowd-event"
    case = load_case(folder)
    items = [i for i in case_items(case) if i.kind != "free_text"][:3]
    store = AnswerStore(tmp_path / "in", "ada")
    for it in items:
        store.record(it.id, answer=key_answer(it, case), status="correct")
    out = tmp_path / "out"
    assert cli(["gradebook", str(tmp_path / "in"), "--case", str(folder), "--out", str(out)]) == 0
    table = pd.read_csv(out / "gradebook.csv", dtype={"student_id": str})
    assert table.loc[0, "total"] == 3 and table.loc[0, "max"] >= 3
    assert "not in the exercise catalog" not in capsys.readouterr().out
