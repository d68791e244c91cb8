"""The class gradebook: every student's answer file in one set of tables.

Put the answer files students hand in (see :mod:`medialit.answers`) in one folder, then::

    gb = gradebook("hand-in")          # pandas tables, nothing written
    write(gb, "hand-in-gradebook")     # gradebook.csv, items.csv, to-score.csv, ...

Scoring: a checkable item is worth 1 point when correct and 0 otherwise (unanswered too).
A free-text item is scored by the instructor against its rubric: beginning 0, developing 1,
proficient 2. ``to-score.csv`` lists the free-text answers still awaiting a score; fill in
its ``score`` column (a number or a level word) in a copy and pass that copy as ``scores``
on the next run (keep adding rows to that one scores file as more answers come in). A file that cannot be used is skipped and named with the reason, never
dropped silently.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from medialit.answers import AnswerFileError, load, student_file_name

FREE_TEXT = "free_text"
LEVELS = {"beginning": 0, "developing": 1, "proficient": 2}
OUTPUTS = {"gradebook": "gradebook.csv", "items": "items.csv", "to_score": "to-score.csv",
           "skipped": "skipped.txt", "chart": "difficulty.png"}
LONG_COLUMNS = ["student_id", "name", "item_id", "chapter", "kind", "status", "correct",
                "attempts", "hints_shown", "score", "max_score", "answer_text", "comment",
                "updated_at", "file"]
TO_SCORE_COLUMNS = ["student_id", "name", "item_id", "answer_text", "score", "comment"]
NO_SCORES = pd.DataFrame({"student_id": pd.Series(dtype=str), "item_id": pd.Series(dtype=str),
                          "points": pd.Series(dtype="Int64"), "comment": pd.Series(dtype=str)})
DIFFICULTY_COLUMNS = ["item_id", "chapter", "kind", "answered", "correct_share",
                      "mean_attempts", "mean_hints"]


class GradebookError(Exception):
    """A problem that stops the gradebook (no such folder, unreadable scores file)."""


@dataclass
class ClassAnswers:
    """The usable answer files of a folder (one per student), keyed by file name, plus the
    files skipped as ``(file name, reason)`` and warnings about what was kept."""

    folder: Path
    files: dict[str, dict]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Gradebook:
    """The class's answers as pandas tables (see :func:`gradebook`)."""

    long: pd.DataFrame
    wide: pd.DataFrame
    difficulty: pd.DataFrame
    to_score: pd.DataFrame
    skipped: pd.DataFrame
    warnings: list[str]

    @property
    def students(self) -> int:
        return len(self.wide)


# --------------------------------------------------------------------------- reading

def read_class(folder: str | Path, items: list | None = None) -> ClassAnswers:
    """Load every ``*.json`` answer file in ``folder`` (not its subfolders).

    Hidden files (``.…``, e.g. a save in progress) and files set aside as corrupt by the
    notebook (``….corrupt-….json``) are ignored. Everything else that cannot be used is
    listed in ``skipped`` with the reason: other file types, unreadable or foreign files,
    and older copies of a student who has a newer file. Items that are not in the catalog
    (``items``, default :func:`medialit.exercises.catalog`) are kept and named in
    ``warnings``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise GradebookError(f"no folder {folder}" if not folder.exists()
                             else f"{folder} is not a folder")
    loaded, skipped = {}, []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or ".corrupt-" in path.name or not path.is_file():
            continue
        if path.suffix.lower() != ".json":
            skipped.append((path.name, "not a .json answer file"))
            continue
        try:
            loaded[path.name] = load(path)
        except AnswerFileError as e:
            skipped.append((path.name, e.reason))
    files, duplicates = _latest_per_student(loaded)
    return ClassAnswers(folder, files, sorted(skipped + duplicates),
                        _unknown_item_warnings(files, items))


def _latest_per_student(loaded: dict[str, dict]) -> tuple[dict[str, dict], list[tuple[str, str]]]:
    """Keep each student's most recently saved file; name the others as duplicates.

    On equal times the file named after the student id (``ada-l.json``) wins."""
    table = pd.DataFrame(
        [{"file": name, "student_id": d["student"]["id"],
          "saved": d.get("updated_at") if isinstance(d.get("updated_at"), str) else None,
          "own_name": name == _own_file_name(d["student"]["id"])} for name, d in loaded.items()],
        columns=["file", "student_id", "saved", "own_name"])
    table["saved"] = pd.to_datetime(table["saved"], utc=True, errors="coerce", format="ISO8601")
    table = table.sort_values(["student_id", "saved", "own_name", "file"], na_position="first")
    kept = table.drop_duplicates("student_id", keep="last").set_index("student_id")["file"]
    older = table[table.duplicated("student_id", keep="last")]
    duplicates = [(r.file, (f"duplicate of {kept[r.student_id]} (same student id "
                           f"{r.student_id!r}; the later saved file is used)"))
                  for r in older.itertuples()]
    return {f: loaded[f] for f in sorted(kept)}, duplicates


def _own_file_name(student_id: str) -> str:
    try:
        return student_file_name(student_id)
    except ValueError:
        return ""


def _unknown_item_warnings(files: dict[str, dict], items: list | None) -> list[str]:
    known = set(catalog_table(items)["item_id"])
    answered = pd.Series([i for d in files.values() for i in d["items"]], dtype=object)
    counts = answered[~answered.isin(known)].value_counts().sort_index()
    return [f"item {item_id} is not in the exercise catalog (an old item?): "
            f"{n} student(s) answered it; kept in the long table, not counted in totals"
            for item_id, n in counts.items()]


def catalog_table(items: list | None = None) -> pd.DataFrame:
    """The graded items in book order: item_id, chapter, kind, max_score."""
    if items is None:
        from medialit.exercises import catalog

        items = catalog()
    return pd.DataFrame(
        [{"item_id": i.id, "chapter": i.chapter, "kind": i.kind,
          "max_score": max(LEVELS.values()) if i.kind == FREE_TEXT else 1} for i in items],
        columns=["item_id", "chapter", "kind", "max_score"]).astype({"max_score": "Int64"})


# --------------------------------------------------------------------------- scores

def points(value: str) -> int | None:
    """Read a rubric score: 0, 1, 2 or a level word; ``None`` when blank (not scored yet).

    >>> points("2"), points(" Developing "), points("0.0"), points("")
    (2, 1, 0, None)
    >>> points("3")
    Traceback (most recent call last):
    ...
    ValueError: score must be 0, 1, 2 or beginning, developing, proficient, not '3'
    """
    text = str(value).strip().lower()
    if not text:
        return None
    if text in LEVELS:
        return LEVELS[text]
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if number not in LEVELS.values():
        raise ValueError(f"score must be 0, 1, 2 or {', '.join(LEVELS)}, not {value!r}")
    return int(number)


def read_scores(path: str | Path, long: pd.DataFrame,
                items_table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The instructor's rubric scores (a filled-in copy of ``to-score.csv``) that match a
    free-text answer in ``long``: student_id, item_id, points, comment. Blank scores are
    left for later; bad rows are left out and reported with their row number as a
    spreadsheet shows it (the header is row 1)."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise GradebookError(f"no scores file {path}") from e
    except UnicodeDecodeError as e:
        raise GradebookError(f"{path.name} is not UTF-8 text; save it as 'CSV UTF-8'") from e
    except (pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as e:
        raise GradebookError(f"{path.name} cannot be read as CSV ({e})") from e
    missing = [c for c in ("student_id", "item_id", "score") if c not in table.columns]
    if missing:
        raise GradebookError(f"{path.name} has no column {', '.join(missing)}; start from a copy "
                             f"of {OUTPUTS['to_score']} (columns {', '.join(TO_SCORE_COLUMNS)})")
    table = table.assign(row=table.index + 2,
                         comment=table.get("comment", pd.Series("", index=table.index)))
    answers = long[long["kind"].eq(FREE_TEXT) & long["answer_text"].ne("")]
    answers = answers.set_index(["student_id", "item_id"])["answer_text"]
    known = (set(long["student_id"]), items_table.set_index("item_id")["kind"], answers)
    rows, warnings = [], []
    for r in table.itertuples():
        problem = _score_problem(r, *known)
        if problem:
            warnings.append(f"{path.name} row {r.row}: {problem}; row skipped")
        elif points(r.score) is not None:
            rows.append({"student_id": r.student_id, "item_id": r.item_id,
                         "points": points(r.score), "comment": r.comment, "row": r.row})
            warnings += _changed_answer_warning(r, answers, path.name)
    good = pd.DataFrame(rows, columns=["student_id", "item_id", "points", "comment", "row"])
    later = good[good.duplicated(["student_id", "item_id"], keep="last")]
    warnings += [f"{path.name} row {r.row}: {r.student_id} / {r.item_id} is scored again "
                 "further down; the last row is used" for r in later.itertuples()]
    good = good.drop_duplicates(["student_id", "item_id"], keep="last").drop(columns="row")
    return good.astype({"points": "Int64", "comment": str}), warnings


def _score_problem(r, students: set, kinds: pd.Series, answers: pd.Series) -> str | None:
    """Why a scores row cannot be used, or None."""
    if r.student_id not in students:
        return f"unknown student {r.student_id!r}"
    if r.item_id not in kinds.index:
        return f"unknown item {r.item_id!r}"
    if kinds[r.item_id] != FREE_TEXT:
        return f"item {r.item_id} is scored automatically, not by the rubric"
    if (r.student_id, r.item_id) not in answers.index:
        return f"{r.student_id} wrote no answer to {r.item_id}"
    try:
        points(r.score)
    except ValueError as e:
        return str(e)
    return None


def _changed_answer_warning(r, answers: pd.Series, file_name: str) -> list[str]:
    scored_text = " ".join(getattr(r, "answer_text", "").split())
    current = " ".join(answers[(r.student_id, r.item_id)].split())
    if scored_text and scored_text != current:
        return [(f"{file_name} row {r.row}: {r.student_id} changed the answer to {r.item_id} "
                "after it was scored; the score is used, check it again")]
    return []


# --------------------------------------------------------------------------- tables

def gradebook(folder: str | Path, scores: str | Path | None = None,
              items: list | None = None) -> Gradebook:
    """Read a folder of answer files and build every table; writes nothing.

    * ``long``: one row per student and item they touched, with its score (NaN: a
      free-text answer not scored yet, or an item not in the catalog).
    * ``wide``: one row per student (index student_id): name, a score per catalog item
      (unanswered = 0), ``total``, ``max``, ``percent`` and ``unscored`` (free-text answers
      awaiting a score, which count 0 in ``total`` until scored).
    * ``difficulty``: per item, how many answered, the share correct (for free text, the
      mean score as a share of 2), mean attempts and hints; hardest first.
    * ``to_score``: free-text answers still awaiting a score.
    * ``skipped``: file, reason; ``warnings``: a list of messages.

    ``scores``: a CSV with columns student_id, item_id, score (and optionally comment).
    """
    answers = read_class(folder, items)
    items_table = catalog_table(items)
    long = answer_table(answers, items_table)
    warnings = list(answers.warnings)
    if scores is not None:
        scored, score_warnings = read_scores(scores, long, items_table)
        long = _with_scores(long, scored)
        warnings += score_warnings
    students = pd.DataFrame([{"student_id": d["student"]["id"], "name": _name(d)}
                             for d in answers.files.values()], columns=["student_id", "name"])
    return Gradebook(long=long, wide=wide_table(long, students, items_table),
                     difficulty=difficulty_table(long, items_table),
                     to_score=to_score_table(long, items_table),
                     skipped=pd.DataFrame(answers.skipped, columns=["file", "reason"]),
                     warnings=warnings)


def _name(data: dict) -> str:
    return str(data["student"].get("name") or data["student"]["id"])


def answer_table(answers: ClassAnswers, items_table: pd.DataFrame) -> pd.DataFrame:
    """One row per student and recorded item (the ``long`` table), before rubric scores."""
    rows = [{"student_id": d["student"]["id"], "name": _name(d), "item_id": item_id,
             "status": rec.get("status", ""), "correct": rec.get("correct"),
             "attempts": rec.get("attempts", 0), "hints_shown": rec.get("hints_shown", 0),
             "answer_text": _text(rec), "updated_at": rec.get("updated_at"), "file": file}
            for file, d in answers.files.items() for item_id, rec in d["items"].items()]
    long = pd.DataFrame(rows, columns=[c for c in LONG_COLUMNS if c not in
                                       ("chapter", "kind", "score", "max_score", "comment")])
    long = long.merge(items_table, on="item_id", how="left")
    long = long.fillna({"chapter": "", "kind": "unknown"}).astype(
        {"correct": "boolean", "attempts": int, "hints_shown": int})
    long["updated_at"] = pd.to_datetime(long["updated_at"], utc=True, errors="coerce",
                                        format="ISO8601")
    return _with_scores(_in_book_order(long, items_table, ["student_id", "item_id"]), NO_SCORES)


def _in_book_order(table: pd.DataFrame, items_table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sort by the ``by`` columns, item ids in book order (items not in the catalog last)."""
    order = {item_id: n for n, item_id in enumerate(items_table["item_id"])}
    return table.sort_values(by, kind="stable", key=lambda c: c.map(order).fillna(len(order))
                             if c.name == "item_id" else c).reset_index(drop=True)


def _text(rec: dict) -> str:
    text = (rec.get("answer") or {}).get("text")
    return text.strip() if isinstance(text, str) else ""


def _with_scores(long: pd.DataFrame, scored: pd.DataFrame) -> pd.DataFrame:
    """Set ``score`` on every row: 1/0 by correctness for checkable items, the rubric
    points for free text (0 if nothing was written), NaN for items not in the catalog."""
    long = long.drop(columns=["score", "comment"], errors="ignore").merge(
        scored, on=["student_id", "item_id"], how="left")
    free = long["kind"].eq(FREE_TEXT)
    rubric = long["points"].where(long["answer_text"].ne(""), 0)
    score = long["correct"].fillna(False).astype("Int64").where(~free, rubric)
    long = long.assign(score=score.where(long["max_score"].notna()).astype("Int64"),
                       comment=long["comment"].fillna(""))
    return long[LONG_COLUMNS]


def wide_table(long: pd.DataFrame, students: pd.DataFrame,
               items_table: pd.DataFrame) -> pd.DataFrame:
    """Student × catalog item scores with total, max, percent and unscored."""
    item_ids = list(items_table["item_id"])
    cells = long.set_index(["student_id", "item_id"])["score"]
    grid = pd.MultiIndex.from_product([students["student_id"], item_ids],
                                      names=["student_id", "item_id"])
    scores = cells.reindex(grid).mask(~grid.isin(cells.index), 0)
    wide = scores.unstack("item_id").reindex(index=students["student_id"], columns=item_ids)
    total = wide.sum(axis=1).astype(int)
    top = int(items_table["max_score"].sum())
    wide = wide.assign(total=total, max=top,
                       percent=(100 * total / top).round(1) if top else float("nan"),
                       unscored=wide.isna().sum(axis=1).astype(int))
    wide.insert(0, "name", students.set_index("student_id")["name"])
    wide.columns.name = None
    return wide.sort_index()


def difficulty_table(long: pd.DataFrame, items_table: pd.DataFrame) -> pd.DataFrame:
    """Per item: students who answered (status set), share correct, mean attempts and hints
    of those who answered; hardest first, unanswered items last."""
    answered = long[long["status"].ne("")].assign(share=lambda t: t["score"] / t["max_score"])
    stats = answered.groupby("item_id").agg(
        answered=("student_id", "size"), correct_share=("share", "mean"),
        mean_attempts=("attempts", "mean"), mean_hints=("hints_shown", "mean"))
    extra = long.loc[~long["item_id"].isin(items_table["item_id"]), ["item_id", "chapter", "kind"]]
    table = pd.concat([items_table.drop(columns="max_score"), extra.drop_duplicates("item_id")])
    table = table.merge(stats, left_on="item_id", right_index=True, how="left")
    table = table.fillna({"answered": 0}).astype({"answered": int, "correct_share": float})
    table = table.round({"correct_share": 3, "mean_attempts": 2, "mean_hints": 2})
    return table.sort_values("correct_share", kind="stable", na_position="last")[
        DIFFICULTY_COLUMNS].reset_index(drop=True)


def to_score_table(long: pd.DataFrame, items_table: pd.DataFrame) -> pd.DataFrame:
    """Free-text answers awaiting a score, with empty score and comment to fill in; item by
    item in book order, so that one question's answers are scored together."""
    waiting = long[long["kind"].eq(FREE_TEXT) & long["answer_text"].ne("") & long["score"].isna()]
    waiting = _in_book_order(waiting, items_table, ["item_id", "student_id"])
    return waiting.assign(score="", comment="")[TO_SCORE_COLUMNS]


# --------------------------------------------------------------------------- output

def difficulty_chart(gb: Gradebook):
    """A horizontal bar chart of the share correct per answered item, hardest at the top.
    Returns a matplotlib Figure (drawn without pyplot, so no display is needed)."""
    from matplotlib.figure import Figure

    rows = gb.difficulty.dropna(subset=["correct_share"])
    fig = Figure(figsize=(8, 0.32 * len(rows) + 1.6), layout="constrained")
    ax = fig.subplots()
    ax.barh(rows["item_id"], rows["correct_share"], color="#7aa6d6")
    for y, r in enumerate(rows.itertuples()):
        ax.text(r.correct_share + 0.01, y, f"{r.correct_share:.0%} of {r.answered}",
                va="center", fontsize=8)
    if rows.empty:
        ax.text(0.5, 0.5, "no answers yet", ha="center", va="center", transform=ax.transAxes)
    ax.invert_yaxis()
    ax.margins(y=0.01)
    ax.set_xlim(0, 1.15)
    ax.set_xlabel("share correct, of the students who answered (free text: mean score / 2)")
    ax.set_title(f"Share correct per item ({gb.students} students)")
    ax.grid(axis="x", alpha=0.3)
    return fig


def write(gb: Gradebook, out_dir: str | Path) -> dict[str, Path]:
    """Write the gradebook files into ``out_dir`` (made if needed); returns their paths.

    CSV files are UTF-8 with a byte-order mark, so that spreadsheets show names right."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {key: out / name for key, name in OUTPUTS.items()}
    gb.wide.reset_index().to_csv(paths["gradebook"], index=False, encoding="utf-8-sig")
    gb.difficulty.to_csv(paths["items"], index=False, encoding="utf-8-sig")
    gb.to_score.to_csv(paths["to_score"], index=False, encoding="utf-8-sig")
    paths["skipped"].write_text("".join(f"{r.file} — {r.reason}\n"
                                        for r in gb.skipped.itertuples()), encoding="utf-8")
    difficulty_chart(gb).savefig(paths["chart"], dpi=120)
    return paths


def default_out_dir(folder: str | Path) -> Path:
    """Beside the class folder, not in it (a hand-in folder may be shared with students)."""
    folder = Path(folder).resolve()
    return folder.with_name(f"{folder.name}-gradebook")


def main(folder: str | Path, out_dir: str | Path | None = None,
         scores: str | Path | None = None) -> int:
    """``python -m medialit gradebook DIR [--out OUT] [--scores CSV]``: build and write the
    gradebook, say where each file went and name every skipped file. Returns 0, or 1 if
    the folder is missing, holds no usable answer file, or the scores file is unusable."""
    try:
        gb = gradebook(folder, scores)
    except GradebookError as e:
        print(f"medialit gradebook: {e}", file=sys.stderr)
        return 1
    for r in gb.skipped.itertuples():
        print(f"skipped {r.file}: {r.reason}")
    for message in gb.warnings:
        print(f"warning: {message}")
    if not gb.students:
        print(f"medialit gradebook: no usable answer file in {folder} "
              f"({len(gb.skipped)} skipped)", file=sys.stderr)
        return 1
    try:
        paths = write(gb, out_dir or default_out_dir(folder))
    except OSError as e:
        print(f"medialit gradebook: cannot write the gradebook: {e}", file=sys.stderr)
        return 1
    print(f"{gb.students} students, {len(gb.skipped)} file(s) skipped, "
          f"{len(gb.to_score)} free-text answer(s) to score")
    for path in paths.values():
        print(f"wrote {path}")
    return 0
