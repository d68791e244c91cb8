"""Grades into learning platforms: a class of 12 with a roster (two students missing from
it, two roster students with no file, one who answered only another chapter, names in
several scripts) exported for Canvas and Moodle; the files are read back with the csv
module and checked against the gradebook's own scores, for a chapter and an item list."""

import csv
import io

import pandas as pd
import pytest

from medialit import lms
from medialit.answers import AnswerStore
from medialit.cli import main as cli
from medialit.exercises import item
from medialit.gradebook import (
    FREE_TEXT,
    OUTPUTS,
    GradebookError,
    assigned_items,
    catalog_table,
    gradebook,
    write,
)
from tests.support.class_factory import make_class

NAMES = [
    "Zoë Ångström",
    "李明",
    "Мария Иванова",
    "محمد",
    "-Ada Lovelace",
    "José Núñez",
    "Kofi Mensah",
    '=HYPERLINK("http://x","x")',
    "Ines Ørsted",
    "Jonas Weiß",
]
NO_EMAIL = 3  # this roster row has no email and no id number (Moodle cannot find them)
NO_PLATFORM_ID = 6  # this one has no Canvas or SIS id (Canvas matches the name)
LATE = "late-lou"  # handed in a file with an answer to chapter 1 only
ABSENT = ["absent-01", "absent-02"]
FREE = next(i.item_id for i in catalog_table().itertuples() if i.kind == FREE_TEXT)
ITEM_LIST = ["call_length_000", "prisoners_total", FREE]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """(hand-in folder, roster path, roster table, class ids)."""
    from medialit import load_case
    from tests.support.keys import key_answer

    root = tmp_path_factory.mktemp("lms")
    folder = root / "hand-in"
    ids = [s["student"]["id"] for s in make_class(folder, n=12, seed=5)]
    AnswerStore(folder, LATE, name="Lou").record(
        "origin_kyiv", answer=key_answer(item("origin_kyiv"), load_case()), status="correct"
    )
    rows = [
        {
            "id": sid,
            "name": name,
            "email": "" if k == NO_EMAIL else f"{sid}@school.example",
            "canvas_id": "" if k == NO_PLATFORM_ID else str(5000 + k),
            "sis_user_id": "" if k == NO_PLATFORM_ID else f"S-{k:04d}",
            "sis_login_id": "" if k == NO_PLATFORM_ID else f"{sid}@sis.example",
            "id_number": "" if k == NO_EMAIL else f"0{k:03d}",
            "section": "Class A" if k % 2 else "Class B",
        }
        for k, (sid, name) in enumerate(zip(ids[:10], NAMES, strict=True))
    ]
    blank = {
        "email": "",
        "canvas_id": "",
        "sis_user_id": "",
        "sis_login_id": "",
        "id_number": "",
        "section": "",
    }
    rows.insert(5, {**blank, "id": ABSENT[0], "name": "Amir Absent", "canvas_id": "6001"})
    rows += [
        {
            **blank,
            "id": LATE,
            "name": "Lou Late",
            "email": "lou@school.example",
            "canvas_id": "6002",
        },
        {**blank, "id": ABSENT[1], "name": "Ana Absent", "email": "ana@school.example"},
    ]
    roster = pd.DataFrame(rows)
    path = root / "roster.csv"
    roster.to_csv(path, index=False, encoding="utf-8")
    return folder, path, roster, ids


def _read(path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def _expected_points(gb, item_ids) -> dict[str, int]:
    """Points per student straight from the long table: the scores on the assigned items,
    an item not tried (or free text not scored) earning nothing."""
    mine = gb.long[gb.long["item_id"].isin(item_ids)]
    return {sid: int(p) for sid, p in mine.groupby("student_id")["score"].sum().items()}


def _worked(gb, item_ids) -> set:
    long = gb.long
    return set(long.loc[long["item_id"].isin(item_ids) & long["status"].ne(""), "student_id"])


def _run(made, out, *extra, roster=None) -> int:
    """The gradebook command on the made class, with its roster or the one given."""
    folder, made_roster, _, _ = made
    roster = roster or made_roster
    return cli(["gradebook", str(folder), "--roster", str(roster), "--out", str(out), *extra])


# --------------------------------------------------------------------------- Canvas


@pytest.mark.slow
def test_canvas_file_for_a_chapter(made, tmp_path, capsys):
    folder, roster_path, roster, ids = made
    out = tmp_path / "out"
    assert (
        _run(
            made,
            out,
            "--export",
            "canvas",
            "--chapter",
            "numbers",
            "--assignment",
            "Chapter 2: numbers",
        )
        == 0
    )
    printed = capsys.readouterr()
    assigned = assigned_items("numbers")
    gb = gradebook(folder, roster=roster_path, assigned=assigned)
    rows = _read(out / "canvas-import.csv")

    assert rows[0] == [
        "Student",
        "ID",
        "SIS User ID",
        "SIS Login ID",
        "Section",
        "Chapter 2: numbers",
    ]
    top = int(catalog_table().set_index("item_id").loc[assigned, "max_score"].sum())
    assert rows[1] == ["Points Possible", "", "", "", "", str(top)] and top == 9
    students = rows[2:]
    worked = _worked(gb, assigned)
    expected = [r for r in roster.itertuples() if r.id in worked]
    assert len(expected) == 10 and len(students) == len(expected)  # one row each, roster order
    points = _expected_points(gb, assigned)
    for row, r in zip(students, expected, strict=True):
        assert row[1:5] == [r.canvas_id, r.sis_user_id, r.sis_login_id, r.section]
        assert row[5] == str(points[r.id]) and row[5].isdigit()  # never blank, never 0.0
        assert int(row[5]) == gb.wide.at[r.id, "total"]
        name = r.name if not r.name.startswith(("=", "-")) else "'" + r.name
        assert row[0] == name  # every script kept; formula-looking names made text
    assert {r[0] for r in students} >= {
        "Zoë Ångström",
        "李明",
        "Мария Иванова",
        "محمد",
        "'-Ada Lovelace",
    }
    assert not {LATE, *ABSENT, *ids[10:]} & {r.id for r in expected}
    assert not {"Lou Late", "Amir Absent", "Ana Absent"} & {row[0] for row in students}

    out_text = printed.out
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    for text in (out_text, summary):
        assert (
            "canvas-import.csv: 10 student(s), Canvas assignment 'Chapter 2: numbers', "
            "out of 9 point(s)" in text
        )
        left = next(line for line in text.splitlines() if "not on the roster (add" in line)
        assert all(repr(sid) in left for sid in ids[10:])
        left = next(line for line in text.splitlines() if "no answer to the assigned" in line)
        assert left.endswith(", ".join([ABSENT[0], LATE, ABSENT[1]]))
        assert "Canvas matches them by name or asks you: " + ids[NO_PLATFORM_ID] in text
    assert f"wrote {out / 'canvas-import.csv'}" in out_text and printed.err == ""


@pytest.mark.slow
def test_canvas_reads_the_header_the_way_its_importer_does(made, tmp_path):
    """gradebook_importer.rb: the first cell holds "Student", the second "ID", SIS User ID
    and SIS Login ID follow, the last student column is "Section", and a row whose first
    cell holds "Points Possible" sets the points."""
    assert _run(made, tmp_path, "--export", "canvas", "--items", ",".join(ITEM_LIST)) == 0
    header, points, *students = _read(tmp_path / "canvas-import.csv")
    assert "Student" in header[0] and "ID" in header[1]
    assert header[2:5] == ["SIS User ID", "SIS Login ID", "Section"]
    assert header[5] == lms.assignment_name(ITEM_LIST) and len(header) == 6
    assert "Points Possible" in points[0] and points[5] == "4"  # two items + free text (2)
    assert all(len(row) == 6 and row[5].isdigit() for row in students)


# --------------------------------------------------------------------------- Moodle


@pytest.mark.slow
def test_moodle_file_for_an_item_list_and_scores_added_later(made, tmp_path, capsys):
    folder, roster_path, roster, ids = made
    out = tmp_path / "out"
    args = ["--export", "moodle", "--items", ",".join(ITEM_LIST), "--assignment", "Quick check"]
    assert _run(made, out, *args) == 0
    printed = capsys.readouterr().out
    gb = gradebook(folder, roster=roster_path, assigned=ITEM_LIST)
    header, *students = _read(out / "moodle-import.csv")
    assert header == ["Email address", "Full name", "Quick check"]
    worked = _worked(gb, ITEM_LIST)
    expected = [r for r in roster.itertuples() if r.id in worked and r.email]
    assert [row[0] for row in students] == [r.email for r in expected]
    assert not any("Points Possible" in row[0] for row in students)  # Moodle has no such row
    points = _expected_points(gb, ITEM_LIST)
    assert [int(row[2]) for row in students] == [points[r.id] for r in expected]
    assert f"no email on the roster (Moodle cannot find them): {ids[NO_EMAIL]}" in printed
    assert (
        "Map from 'Email address' to 'Email address'; map 'Quick check' to a grade item "
        "with maximum grade 4" in printed
    )
    assert "free-text answers not scored yet, counted 0" in printed

    to_score = pd.read_csv(out / "to-score.csv", dtype=str, keep_default_na=False)
    to_score["score"] = "2"
    to_score.to_csv(tmp_path / "scored.csv", index=False)
    assert _run(made, out, *args, "--scores", str(tmp_path / "scored.csv")) == 0
    assert "not scored yet" not in capsys.readouterr().out
    _, *later = _read(out / "moodle-import.csv")
    wrote = {
        r.id
        for r in expected
        if (r.id, FREE) in set(zip(to_score.student_id, to_score.item_id, strict=False))
    }
    assert wrote, "the class should have free-text answers to score"
    assert [int(row[2]) for row in later] == [points[r.id] + 2 * (r.id in wrote) for r in expected]


@pytest.mark.slow
def test_moodle_matches_by_id_number_without_emails(made, tmp_path, capsys):
    _, _, roster, ids = made
    roster.assign(email="").to_csv(tmp_path / "roster.csv", index=False)
    assert (
        _run(
            made,
            tmp_path / "out",
            "--export",
            "moodle",
            "--chapter",
            "1",
            roster=tmp_path / "roster.csv",
        )
        == 0
    )
    header, *students = _read(tmp_path / "out" / "moodle-import.csv")
    assert header == ["ID number", "Full name", "Chapter 1: origin"]
    assert all(row[0].startswith("0") and len(row[0]) == 4 for row in students)  # kept as text
    printed = capsys.readouterr().out
    assert (
        f"no id_number on the roster (Moodle cannot find them): {ids[NO_EMAIL]}, {LATE}" in printed
    )
    assert "Moodle grade item 'Chapter 1: origin'" in printed
    assert "(name it with --assignment)" in printed


# --------------------------------------------------------------------------- errors


def test_an_export_needs_a_roster_and_a_known_chapter(made, tmp_path, capsys):
    folder = made[0]
    out = tmp_path / "out"
    assert cli(["gradebook", str(folder), "--out", str(out), "--export", "canvas"]) == 1
    err = capsys.readouterr().err
    assert "an export needs --roster" in err and "Traceback" not in err
    assert not out.exists()  # stopped before anything was graded or written
    assert _run(made, out, "--export", "moodle", "--chapter", "nope") == 1
    err = capsys.readouterr().err
    assert "no chapter 'nope'; chapters are " in err and "origin, numbers" in err
    assert not out.exists()
    with pytest.raises(SystemExit):
        cli(["gradebook", str(folder), "--export", "blackboard"])
    assert "invalid choice: 'blackboard'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "column, value, says",
    [
        ("canvas_id", "12a", "a Canvas user id is a number"),
        ("email", "same@school.example", "the same email"),
    ],
)
def test_roster_values_a_platform_would_misread_are_refused(
    made, tmp_path, capsys, column, value, says
):
    _, _, roster, _ = made
    roster.assign(**{column: value}).to_csv(tmp_path / "roster.csv", index=False)
    platform = "canvas" if column == "canvas_id" else "moodle"
    out = tmp_path / "out"
    assert _run(made, out, "--export", platform, roster=tmp_path / "roster.csv") == 1
    assert says in capsys.readouterr().err
    assert not out.exists()  # nothing written: the export is part of one write


def test_names_and_rosters_that_cannot_work_are_clear_errors(made, tmp_path):
    folder, roster_path, roster, _ = made
    gb = gradebook(folder, roster=roster_path, assigned=assigned_items("numbers"))
    for name in ("Final Score", "Chapter 2 Current Score", "Section", " "):
        with pytest.raises(GradebookError, match=r"Canvas keeps|empty"):
            lms.export(gb, roster_path, "canvas", name)
    assert lms.export(gb, roster_path, "moodle", "Final Score").assignment == "Final Score"
    bare = tmp_path / "bare.csv"
    roster[["id", "name"]].to_csv(bare, index=False)
    with pytest.raises(GradebookError, match="needs an email or id_number column"):
        lms.export(gradebook(folder, roster=bare), bare, "moodle")
    with pytest.raises(GradebookError, match="choose canvas or moodle"):
        lms.check_request("blackboard", None)


def test_default_assignment_names():
    chapter = assigned_items("numbers")
    assert lms.assignment_name(chapter) == "Chapter 2: numbers"
    assert lms.assignment_name(assigned_items("1") + chapter) == "Chapters 1, 2"
    assert lms.assignment_name(chapter[:2]) == "Chapter 2: numbers (2 items)"
    assert lms.assignment_name(list(catalog_table()["item_id"])) == "All chapters"
    assert lms.assignment_name(ITEM_LIST) == "3 items"


# --------------------------------------------------------------------------- labels


@pytest.mark.slow
def test_gradebook_csv_keeps_ids_and_the_labelled_copy_says_what_each_item_asks(made, tmp_path):
    folder, roster_path, _, _ = made
    gb = gradebook(folder, roster=roster_path)
    paths = write(gb, tmp_path / "out")
    assert paths["labelled"].name == OUTPUTS["labelled"]
    plain = pd.read_csv(paths["gradebook"], dtype={"student_id": str})
    labelled = pd.read_csv(paths["labelled"], dtype={"student_id": str}, encoding="utf-8-sig")
    table = catalog_table().set_index("item_id")
    assert "call_length_000" in plain.columns and plain.shape == labelled.shape
    for plain_name, shown in zip(plain.columns, labelled.columns, strict=True):
        if plain_name in table.index:
            assert shown == f"{plain_name}: {table.at[plain_name, 'label']}"
        else:
            assert shown == plain_name
    pd.testing.assert_frame_equal(labelled.set_axis(plain.columns, axis=1), plain)
    assert shown == "on_roster" and len(plain) == len(gb.wide)


@pytest.mark.slow
def test_an_export_is_written_with_the_gradebook_or_not_at_all(made, tmp_path, monkeypatch):
    folder, roster_path, _, _ = made
    gb = gradebook(folder, roster=roster_path, assigned=assigned_items("numbers"))
    made_export = lms.export(gb, roster_path, "canvas")
    out = tmp_path / "out"
    paths = write(gb, out, {made_export.file_name: made_export.table})
    assert paths["canvas-import"] == out / "canvas-import.csv"
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    import medialit.gradebook as gbk

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gbk, "difficulty_chart", lambda gb: type("F", (), {"savefig": boom})())
    with pytest.raises(OSError):
        write(gb, out, {made_export.file_name: made_export.table.iloc[:1]})
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
