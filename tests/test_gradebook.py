"""The class gradebook: a simulated class of 30 answer files and 3 bad ones is graded with
nothing lost, bad files named, rubric scores merged later, and clear messages on errors."""

import shutil

import pandas as pd
import pytest

from medialit import gradebook as gbk
from medialit.answers import AnswerStore, load, write_atomically
from medialit.cli import gradebook_main as main
from medialit.exercises import Item, catalog, item
from medialit.gradebook import FREE_TEXT, GradebookError, gradebook, points, read_class
from tests.support.class_factory import make_bad_files, make_class

# The real catalog; should it ever hold no free-text item, one stands in for the rubric.
ITEMS = (
    catalog()
    if any(i.kind == FREE_TEXT for i in catalog())
    else [
        *catalog(),
        Item({"id": "test_free_text", "chapter": "test", "kind": FREE_TEXT, "prompt": "Why?"}),
    ]
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _key(it):
    """The accepted answer of an item, in widget form."""
    from medialit import load_case
    from tests.support.keys import key_answer

    return key_answer(it, load_case())


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A class of 30 plus the 3 bad files, written once: (folder, contents, bad files)."""
    folder = tmp_path_factory.mktemp("class") / "hand-in"
    students = make_class(folder, n=30, seed=1, items=ITEMS)
    return folder, students, make_bad_files(folder)


@pytest.fixture
def class_dir(made, tmp_path):
    """A fresh copy of the class folder, for tests that change it."""
    return shutil.copytree(made[0], tmp_path / "hand-in")


@pytest.fixture(scope="module")
def gb(made):
    return gradebook(made[0], items=ITEMS)


def _fill_scores(gb, path, score=lambda i: i % 3):
    """A copy of to-score.csv with every score filled in; returns the table."""
    filled = gb.to_score.assign(score=[str(score(i)) for i in range(len(gb.to_score))])
    filled.to_csv(path, index=False, encoding="utf-8-sig")
    return filled


# --------------------------------------------------------------------------- acceptance


@pytest.mark.slow
def test_class_of_30_and_3_bad_files_gives_csv_chart_and_names_the_bad_files(
    made, tmp_path, capsys
):
    folder, students, bad = made
    out = tmp_path / "out"
    assert main(folder, out) == 0
    printed = capsys.readouterr()
    skipped = {name: why for name, why in bad.items() if "files for student" not in why}
    for name, reason in skipped.items():
        assert f"skipped {name}: " in printed.out and reason in printed.out
    copy = next(name for name in bad if name not in skipped)  # listed and merged, not skipped
    assert any(bad[copy] in line and copy in line for line in printed.out.splitlines())
    for name in gbk.OUTPUTS.values():
        assert f"wrote {out / name}" in printed.out and (out / name).stat().st_size > 0
    assert "Traceback" not in printed.out + printed.err
    lines = (out / "skipped.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(line.split(" — ")[0] for line in lines) == sorted(skipped)
    assert all(bad[line.split(" — ")[0]] in line for line in lines)
    assert bad[copy] in (out / "summary.txt").read_text(encoding="utf-8")
    table = pd.read_csv(out / "gradebook.csv", dtype={"student_id": str})
    assert sorted(table["student_id"]) == sorted(s["student"]["id"] for s in students)
    assert (out / "difficulty.png").read_bytes()[:8] == PNG_MAGIC


def _merged(made) -> list[dict]:
    """The students' answers as the gradebook should see them: the old copy's items that
    the student's own file lacks are merged in (the own file wins the others here)."""
    folder, students, bad = made
    copy = load(folder / next(n for n, why in bad.items() if "files for student" in why))
    return [
        {**s, "items": {**copy["items"], **s["items"]}}
        if s["student"]["id"] == copy["student"]["id"]
        else s
        for s in students
    ]


def test_no_student_and_no_recorded_item_is_lost(made, gb):
    assert gb.students == 30
    students = _merged(made)
    recorded = pd.DataFrame(
        [
            {
                "student_id": s["student"]["id"],
                "item_id": item_id,
                "exp_correct": rec.get("correct"),
                "exp_attempts": rec.get("attempts", 0),
                "exp_status": rec.get("status", ""),
            }
            for s in students
            for item_id, rec in s["items"].items()
        ]
    )
    got = gb.long.merge(recorded, on=["student_id", "item_id"], how="outer", indicator=True)
    assert (got["_merge"] == "both").all(), got[got["_merge"] != "both"]
    assert len(gb.long) == len(recorded) > 30 * len(ITEMS) // 2
    assert (got["attempts"] == got["exp_attempts"]).all()
    assert (got["status"] == got["exp_status"]).all()
    assert (
        got["correct"].astype(object).where(got["correct"].notna(), None).tolist()
        == got["exp_correct"].tolist()
    )


def test_simulated_class_is_varied_and_deterministic(made, tmp_path):
    _, students, _ = made
    statuses = {rec.get("status", "") for s in students for rec in s["items"].values()}
    assert {"correct", "incorrect", "saved", ""} <= statuses
    assert any(len(s["items"]) < len(ITEMS) for s in students)  # some items unanswered
    assert make_class(tmp_path / "a", n=3, seed=1, items=ITEMS) == students[:3]
    # Saving once per student (the factory's way) writes the very files that saving after
    # every check writes (a notebook's way).
    slow = make_class(tmp_path / "b", n=3, seed=1, items=ITEMS, save_each_change=True)
    assert slow == students[:3]
    files = [{p.name: p.read_bytes() for p in (tmp_path / d).iterdir()} for d in "ab"]
    assert files[0] == files[1] and sorted(files[0])[-3:] == [
        "ada-00.json",
        "bilal-01.json",
        "chen-02.json",
    ]


# --------------------------------------------------------------------------- tables


def test_tables_are_built_in_pandas_without_writing_files(made, gb):
    folder = made[0]
    before = sorted(p.name for p in folder.iterdir())
    again = gradebook(folder, items=ITEMS)
    assert sorted(p.name for p in folder.iterdir()) == before
    assert not folder.with_name(f"{folder.name}-gradebook").exists()
    pd.testing.assert_frame_equal(again.wide, gb.wide)
    item_ids = [i.id for i in ITEMS]
    assert list(gb.wide.columns) == [
        "name",
        *item_ids,
        "total",
        "max",
        "percent",
        "unscored",
        "claims_not_confirmed",
        "files",
        "on_roster",
    ]
    assert (gb.wide["claims_not_confirmed"] == 0).all()  # an honest class claims nothing more
    assert (gb.wide["max"] == sum(2 if i.kind == FREE_TEXT else 1 for i in ITEMS)).all()
    by_student = gb.long.groupby("student_id")["score"].sum()
    assert (gb.wide["total"] == by_student.reindex(gb.wide.index, fill_value=0)).all()


def test_scoring_rules(made, gb):
    students = _merged(made)
    kinds = {i.id: i.kind for i in ITEMS}
    for s in students:
        row = gb.wide.loc[s["student"]["id"]]
        for item_id, kind in kinds.items():
            rec = s["items"].get(item_id)
            if not rec or not rec.get("answer"):
                assert pd.isna(row[item_id])  # not tried: blank, not 0
            elif kind == FREE_TEXT:
                assert pd.isna(row[item_id])  # waits for the instructor
            else:
                assert row[item_id] == (1 if rec.get("correct") is True else 0)
    assert gb.wide["unscored"].sum() == len(gb.to_score) > 0


def test_difficulty_is_sorted_hardest_first(gb):
    d = gb.difficulty
    assert set(d["item_id"]) == {i.id for i in ITEMS}
    shares = d["correct_share"].dropna()
    assert shares.is_monotonic_increasing and 0 <= shares.min() < shares.max() <= 1
    long = gb.long[gb.long["status"] != ""]
    hardest = d.iloc[0]
    mine = long[long["item_id"] == hardest["item_id"]]
    assert hardest["answered"] == len(mine)
    assert hardest["correct_share"] == pytest.approx(mine["correct"].astype(float).mean(), abs=1e-3)
    assert hardest["mean_attempts"] == pytest.approx(mine["attempts"].mean(), abs=0.01)


def test_to_score_lists_every_free_text_answer(made, gb):
    _, students, _ = made
    expected = {
        (s["student"]["id"], item_id)
        for s in students
        for item_id, rec in s["items"].items()
        if rec.get("answer", {}).get("text")
    }
    assert set(zip(gb.to_score["student_id"], gb.to_score["item_id"], strict=False)) == expected
    assert list(gb.to_score.columns) == [
        "student_id",
        "name",
        "item_id",
        "answer_text",
        "score",
        "comment",
    ]
    assert (gb.to_score["score"] == "").all() and (gb.to_score["answer_text"] != "").all()
    book_order = [i.id for i in ITEMS if i.id in set(gb.to_score["item_id"])]
    assert list(dict.fromkeys(gb.to_score["item_id"])) == book_order  # one question at a time


# --------------------------------------------------------------------------- scores


def test_scores_merged_later_change_totals(made, gb, tmp_path):
    folder = made[0]
    scores = tmp_path / "scores.csv"
    filled = _fill_scores(gb, scores)
    filled.loc[filled.index[:3], "score"] = ["proficient", " Developing ", ""]  # words, blank
    filled.to_csv(scores, index=False, encoding="utf-8-sig")
    scored = gradebook(folder, scores, items=ITEMS)
    assert not [w for w in scored.warnings if "scores.csv" in w]
    gained = filled.assign(points=[points(v) for v in filled["score"]]).dropna(subset="points")
    gained = gained.groupby("student_id")["points"].sum()
    diff = scored.wide["total"] - gb.wide["total"]
    assert (diff == gained.reindex(diff.index, fill_value=0)).all() and diff.sum() > 0
    assert len(scored.to_score) == 1 and scored.wide["unscored"].sum() == 1
    first = filled.iloc[0]
    assert scored.wide.loc[first["student_id"], first["item_id"]] == 2


def test_bad_score_rows_are_reported_with_row_numbers(made, gb, tmp_path):
    scores = tmp_path / "scores.csv"
    filled = _fill_scores(gb, scores, score=lambda i: 1)
    checked = next(i.id for i in ITEMS if i.kind != FREE_TEXT)
    filled.loc[0, "student_id"] = "nobody-00"
    filled.loc[1, "item_id"] = "no_such_item"
    filled.loc[2, "score"] = "3"
    filled.loc[3, "score"] = "great"
    filled.loc[4, "item_id"] = checked
    filled.to_csv(scores, index=False)
    scored = gradebook(made[0], scores, items=ITEMS)
    problems = [w for w in scored.warnings if w.startswith("scores.csv")]
    assert [w.split(":")[0] for w in problems] == [f"scores.csv row {n}" for n in range(2, 7)]
    for word, w in zip(
        ["unknown student", "unknown item", "'3'", "'great'", "automatically"],
        problems,
        strict=False,
    ):
        assert word in w and w.endswith("row skipped")
    assert len(scored.to_score) == 5  # the answers of rows 2 to 6 are still unscored
    assert scored.wide["total"].sum() == gb.wide["total"].sum() + len(filled) - 5


def test_score_for_an_answer_changed_since_is_used_and_flagged(made, gb, tmp_path):
    scores = tmp_path / "scores.csv"
    filled = _fill_scores(gb, scores, score=lambda i: 2)
    filled.loc[0, "answer_text"] = "an earlier draft"
    filled = pd.concat([filled, filled.iloc[[1]].assign(score="0")])  # scored twice
    filled.to_csv(scores, index=False)
    scored = gradebook(made[0], scores, items=ITEMS)
    assert any("row 2:" in w and "changed the answer" in w for w in scored.warnings)
    assert any("row 3:" in w and "scored again" in w for w in scored.warnings)
    row = filled.iloc[1]
    assert scored.wide.loc[row["student_id"], row["item_id"]] == 0


@pytest.mark.parametrize("text", [None, "student_id,name\nada-00,Ada\n", "\xff\xfe\x00bad"])
def test_unusable_scores_file_is_a_clear_error(made, tmp_path, capsys, text):
    scores = tmp_path / "scores.csv"
    if text is not None:
        scores.write_bytes(text.encode("latin-1"))
    with pytest.raises(GradebookError, match=r"scores\.csv"):
        gradebook(made[0], scores, items=ITEMS)
    assert main(made[0], tmp_path / "out", scores) == 1
    assert "scores.csv" in capsys.readouterr().err and not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0),
        ("1", 1),
        ("2", 2),
        ("2.0", 2),
        ("beginning", 0),
        ("Developing", 1),
        (" PROFICIENT ", 2),
        ("", None),
        ("  ", None),
    ],
)
def test_points(value, expected):
    assert points(value) == expected


@pytest.mark.parametrize("value", ["3", "-1", "1.5", "good", "nan"])
def test_points_rejects(value):
    with pytest.raises(ValueError, match="0, 1, 2"):
        points(value)


# --------------------------------------------------------------------------- folder


def test_empty_and_missing_folder_give_clear_messages(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(empty) == 1
    err = capsys.readouterr().err
    assert "no usable answer file in" in err and "Traceback" not in err
    assert not (tmp_path / "empty-gradebook").exists()
    assert main(tmp_path / "nowhere") == 1
    assert "no folder" in capsys.readouterr().err
    with pytest.raises(GradebookError, match="no folder"):
        gradebook(tmp_path / "nowhere")
    table = gradebook(empty, items=ITEMS)
    assert table.long.empty and table.wide.empty and table.to_score.empty
    assert len(table.difficulty) == len(ITEMS)


def test_folder_of_bad_files_only_is_an_error_that_names_them(tmp_path, capsys):
    (tmp_path / "a.json").write_text("{", encoding="utf-8")
    assert main(tmp_path) == 1
    printed = capsys.readouterr()
    assert "skipped a.json: not valid JSON" in printed.out
    assert "no usable answer file" in printed.err


def test_odd_files_are_skipped_with_reasons_or_ignored(tmp_path):
    store = AnswerStore(tmp_path, "ada-l", name="Ada")
    store.record("no_longer_an_item", status="correct", correct=True, attempts=1)
    store.record(ITEMS[0].id, status="incorrect", correct=False, attempts=2)
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "latin.json").write_bytes('{"name": "Zoë"}'.encode("latin-1"))
    (tmp_path / "notes.txt").write_text("to do", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.json").write_text("{", encoding="utf-8")
    (tmp_path / ".ada-l.json.x1.tmp").write_text("{", encoding="utf-8")
    (tmp_path / ".hidden.json").write_text("{", encoding="utf-8")
    (tmp_path / "ada-l.corrupt-20260101T000000.json").write_text("{", encoding="utf-8")
    future = {**store.data, "version": 2}
    write_atomically(tmp_path / "future.json", future)
    answers = read_class(tmp_path, ITEMS)
    assert list(answers.files) == ["ada-l.json"]
    assert dict(answers.skipped) == {
        "empty.json": "the file is empty",
        "latin.json": "not text (UTF-8)",
        "notes.txt": "not a .json answer file",
        "future.json": "unsupported version 2 (this is 1)",
        "sub": "a folder: answer files must be directly in the hand-in folder",
        ".hidden.json": "a hidden file (a save in progress, a lock or a system file), not graded",
        "ada-l.corrupt-20260101T000000.json": "set aside by the notebook because it could not "
        "be read; the student's newer file is graded",
    }
    assert answers.warnings[0].startswith("2 lock or temporary file(s) of the notebooks")
    assert len(answers.warnings) == 2 and "no_longer_an_item" in answers.warnings[1]
    table = gradebook(tmp_path, items=ITEMS)
    assert set(table.long["item_id"]) == {"no_longer_an_item", ITEMS[0].id}
    assert "no_longer_an_item" not in table.wide.columns and table.wide["total"].iloc[0] == 0
    assert table.difficulty["item_id"].iloc[-1] == "no_longer_an_item"


def test_several_files_of_one_student_are_listed_and_merged_never_by_their_times(tmp_path):
    a = AnswerStore(tmp_path, "ada-l", name="Ada")
    right, wrong = item("prisoners_total"), item("call_length_001")
    a.record(right.id, answer=_key(right), status="correct", correct=True, attempts=1)
    a.record(wrong.id, answer={"not_stated": True}, status="incorrect", correct=False)
    # A later-dated copy (the 2999 a student can type) with worse answers does not win.
    later = {
        **a.data,
        "updated_at": "2999-01-01T00:00:00+00:00",
        "items": {
            right.id: {
                **a.data["items"][right.id],
                "answer": {"value": 1},
                "updated_at": "2999-01-01T00:00:00+00:00",
            }
        },
    }
    write_atomically(tmp_path / "copy-later.json", later)
    book = AnswerStore(tmp_path.with_name("book"), "Ada L.", name="Ada")  # the static book's
    book.record(wrong.id, answer=_key(wrong), status="correct", correct=True, attempts=2)
    book.path.rename(tmp_path / "ada-l-book.json")  # download
    gb = gradebook(tmp_path, items=ITEMS)
    assert gb.skipped.empty and gb.students == 1
    row = gb.wide.loc["ada-l"]
    assert (row[right.id], row[wrong.id]) == (1, 1)  # the better re-checked answer counts
    assert row["files"] == "ada-l.json; ada-l-book.json; copy-later.json"  # own file first
    notes = " ".join(gb.summary())
    assert "3 files for student" in notes and "copy-later.json: the file name does not fit" in notes
    used = gb.long.set_index("item_id")["file"]
    assert used[right.id] == "ada-l.json" and used[wrong.id] == "ada-l-book.json"


# --------------------------------------------------------------------------- output


@pytest.mark.slow
def test_png_is_real_and_not_trivial(gb, tmp_path):
    from matplotlib.image import imread

    paths = gbk.write(gb, tmp_path / "out")
    png = paths["chart"]
    assert png.read_bytes()[:8] == PNG_MAGIC and png.stat().st_size > 20_000
    pixels = imread(png)
    assert pixels.shape[0] > 400 and pixels.shape[1] > 400
    assert len({tuple(p) for p in pixels.reshape(-1, pixels.shape[2])[::97]}) > 10


@pytest.mark.slow
def test_written_csvs_round_trip(gb, tmp_path):
    paths = gbk.write(gb, tmp_path / "out")
    wide = pd.read_csv(paths["gradebook"], dtype={"student_id": str}).set_index("student_id")
    assert len(wide) == 30 and (wide["total"] == gb.wide["total"]).all()
    items = pd.read_csv(paths["items"])
    assert list(items["item_id"]) == list(gb.difficulty["item_id"])
    to_score = pd.read_csv(paths["to_score"], dtype=str, keep_default_na=False)
    assert list(to_score.columns) == list(gb.to_score.columns) and len(to_score) == len(gb.to_score)
