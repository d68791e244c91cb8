"""The class gradebook: every student's answer file in one set of tables.

Put the answer files students hand in (see :mod:`medialit.answers`) in one folder, then::

    gb = gradebook("hand-in")          # pandas tables, nothing written
    write(gb, "hand-in-gradebook")     # gradebook.csv, items.csv, to-score.csv, ...

**The gradebook decides, not the file.** An answer file is written by the student's
notebook or browser, and a student can edit it. So every answer to a catalog item is
checked again here with the item's own check; the file's ``status`` and ``correct`` are
only claims. Where a claim differs from the re-check, the row says so
(``claim_differs``), the student's ``claims_not_confirmed`` counts the items the file calls
correct that are not, and the summary names them. ``attempts`` and ``hints_shown`` are
self-reported counts (0 to :data:`medialit.answers.MAX_COUNT`) and the times are the
student's clock: they are shown, never used to score or to choose between files.

Scoring: a checkable item is worth 1 point when the re-check finds it correct and 0 when
it was tried and is wrong (an unreadable answer too); an item never tried is blank in the
per-item tables and earns nothing in the total. A free-text item is scored by the
instructor against its rubric: beginning 0, developing 1, proficient 2. ``to-score.csv``
lists the free-text answers still awaiting a score; fill in its ``score`` column (a number
or a level word) in a copy and pass that copy as ``scores`` on the next run (keep adding
rows to that one scores file as more answers come in). ``assigned`` (item ids) makes the
totals and percentages out of those items only.

**Who is who.** Student ids are compared by :func:`medialit.answers.student_key` (Unicode
NFKC, case folded, zero-width characters removed, punctuation and spaces folded). A file
whose name does not fit the id inside is graded and named in the notices. Several files of
one student (the notebook's file and the static book's download, or two copies) are all
listed and merged item by item: the better re-checked answer counts, then the file named
after the student (never the later time, which the student can write). With a class roster
(:func:`read_roster`), students are matched by id (or by a name only one student has);
unknown ids and students with no file are listed.

**No file can stop grading.** Every file is read inside a guard: anything that is not a
regular file, larger than :data:`MAX_FILE_BYTES`, not UTF-8 JSON, nested too deeply,
holding a free-text answer over :data:`MAX_TEXT_CHARS` characters or a count out of
range, is skipped and named with the reason in ``skipped.txt``; nothing is dropped
silently. Output files are written whole or not at all, and every CSV cell is safe to open
in a spreadsheet (:mod:`medialit.safecsv`).
"""

from __future__ import annotations

import gc
import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from medialit.answers import AnswerFileError, clean, student_file_name, student_key, validate
from medialit.safecsv import to_csv, write_text_atomically

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FREE_TEXT = "free_text"
LEVELS = {"beginning": 0, "developing": 1, "proficient": 2}
OUTPUTS = {
    "gradebook": "gradebook.csv",
    "labelled": "gradebook-labelled.csv",
    "items": "items.csv",
    "to_score": "to-score.csv",
    "skipped": "skipped.txt",
    "summary": "summary.txt",
    "chart": "difficulty.png",
}
MAX_FILE_BYTES = 5_000_000  # an answer file of the whole book is about 40 KB
MAX_TEXT_CHARS = 20_000  # one free-text answer
MAX_ITEMS_PER_FILE = 2_000
MAX_ITEM_ID_CHARS = 200
MAX_NAME_CHARS = 200
BOOK_SUFFIX = "-book"  # the static book's download: <student>-book[-<chapter>].json
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
OWN_HIDDEN = re.compile(r"\..+\.json\.(lock|[0-9a-z]+\.tmp)|\.write-test\.[0-9a-f]+\.tmp")
LONG_COLUMNS = [
    "student_id",
    "name",
    "item_id",
    "label",
    "chapter",
    "kind",
    "status",
    "correct",
    "claimed",
    "claim_differs",
    "attempts",
    "hints_shown",
    "score",
    "max_score",
    "answer_text",
    "comment",
    "updated_at",
    "file",
]
TO_SCORE_COLUMNS = ["student_id", "name", "item_id", "answer_text", "score", "comment"]
ROSTER_COLUMNS = [
    "id",
    "name",
    "email",
    "sis_user_id",
    "sis_login_id",
    "canvas_id",
    "id_number",
    "section",
]
NO_SCORES = pd.DataFrame(
    {
        "student_id": pd.Series(dtype=str),
        "item_id": pd.Series(dtype=str),
        "points": pd.Series(dtype="Int64"),
        "comment": pd.Series(dtype=str),
    }
)
DIFFICULTY_COLUMNS = [
    "item_id",
    "label",
    "chapter",
    "kind",
    "answered",
    "correct_share",
    "mean_attempts",
    "mean_hints",
]


class GradebookError(Exception):
    """A problem that stops the gradebook (no such folder, unreadable scores file)."""


@dataclass
class ClassAnswers:
    """The usable answer files of a folder, keyed by file name, plus the files skipped as
    ``(file name, reason)``, warnings about what was kept, and ``owner``: file name ->
    the student key (:func:`medialit.answers.student_key` of the id inside)."""

    folder: Path
    files: dict[str, dict]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    owner: dict[str, str] = field(default_factory=dict)


@dataclass
class Gradebook:
    """The class's answers as pandas tables (see :func:`gradebook`)."""

    long: pd.DataFrame
    wide: pd.DataFrame
    difficulty: pd.DataFrame
    to_score: pd.DataFrame
    skipped: pd.DataFrame
    warnings: list[str]
    notices: list[str] = field(default_factory=list)  # identity, for the summary

    @property
    def students(self) -> int:
        return len(self.wide)

    def summary(self) -> list[str]:
        """The lines an instructor reads first (printed by the CLI, in ``summary.txt``)."""
        lines = [
            (
                f"{self.students} students, {len(self.skipped)} file(s) skipped, "
                f"{len(self.to_score)} free-text answer(s) to score"
            )
        ]
        claims = (
            self.wide.loc[self.wide["claims_not_confirmed"] > 0, "claims_not_confirmed"]
            if self.students
            else pd.Series(dtype=int)
        )
        if len(claims):
            lines.append(
                "files that claim answers correct that the re-check does not confirm "
                "(edited by hand, or saved by another version of the book): "
                + ", ".join(f"{sid} ({n} item{'s' * (n != 1)})" for sid, n in claims.items())
            )
        if self.long["chapter"].isin([PRE_TEST, POST_TEST]).any():
            lines.append(gain_line(gains(self)))
        return lines + self.notices


# --------------------------------------------------------------------------- reading


def read_class(folder: str | Path, items: list | None = None) -> ClassAnswers:
    """Load every ``*.json`` answer file in ``folder`` (not its subfolders).

    Nothing is dropped silently: hidden files (``.…``, e.g. a save in progress), files set
    aside as corrupt by the notebook (``….corrupt-….json``), other file types, links,
    folders, pipes and devices, oversized, unreadable or foreign files are all listed in
    ``skipped`` with the reason. Items that are not in the catalog (``items``, default
    :func:`medialit.exercises.catalog`) are kept and named in ``warnings``.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise GradebookError(
            f"no folder {folder}" if not folder.exists() else f"{folder} is not a folder"
        )
    try:
        entries = sorted(os.listdir(folder))
    except OSError as e:
        raise GradebookError(f"cannot list {folder}: {e.strerror or e}") from e
    files, skipped, warnings, owner = {}, [], [], {}
    ours = {e for e in entries if OWN_HIDDEN.fullmatch(e)}
    if ours:
        warnings.append(
            f"{len(ours)} lock or temporary file(s) of the notebooks "
            f"(.….json.lock, .….tmp) not graded"
        )
    for entry in entries:
        if entry in ours:
            continue
        name = shown_name(entry)
        try:
            data, note = read_answer_file(folder / entry)
        except AnswerFileError as e:
            skipped.append((name, e.reason))
            continue
        except Exception as e:
            skipped.append((name, f"could not be read ({type(e).__name__})"))
            continue
        files[name], owner[name] = data, student_key(data["student"]["id"])
        if note:
            warnings.append(f"{name}: {note}")
    return ClassAnswers(
        folder, files, sorted(skipped), warnings + _unknown_item_warnings(files, items), owner
    )


def shown_name(entry: str) -> str:
    """A file name as text that can be printed and written (bytes that are not UTF-8
    show as �)."""
    return os.fsencode(entry).decode("utf-8", errors="replace")


def _skip_reason(name: str, st: os.stat_result) -> str | None:
    if name.startswith("."):
        return "a hidden file (a save in progress, a lock or a system file), not graded"
    if stat.S_ISLNK(st.st_mode):
        return "a link, not a file: hand in the answer file itself"
    if stat.S_ISDIR(st.st_mode):
        return "a folder: answer files must be directly in the hand-in folder"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a pipe, a socket or a device)"
    if ".corrupt-" in name:
        return (
            "set aside by the notebook because it could not be read; the student's "
            "newer file is graded"
        )
    if not name.lower().endswith(".json"):
        return "not a .json answer file"
    if st.st_size > MAX_FILE_BYTES:
        return f"larger than {MAX_FILE_BYTES // 1_000_000} MB (an answer file is a few KB)"
    return None


def read_answer_file(path: Path) -> tuple[dict, str]:
    """Read, parse and check one hand-in; returns (data, a warning or "").
    Raises :class:`AnswerFileError` with the reason it cannot be graded. Reads at most
    :data:`MAX_FILE_BYTES` (+1) bytes, never follows a link, never blocks on a pipe."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except OSError as e:
        raise AnswerFileError(path, f"cannot be read ({e.strerror or e})") from e
    reason = _skip_reason(shown_name(path.name), st)
    if reason:
        raise AnswerFileError(path, reason)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise AnswerFileError(path, f"cannot be read ({e.strerror or e})") from e
    if len(raw) > MAX_FILE_BYTES:
        raise AnswerFileError(path, f"larger than {MAX_FILE_BYTES // 1_000_000} MB")
    if not raw.strip():
        raise AnswerFileError(path, "the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise AnswerFileError(path, "not text (UTF-8)") from e
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise AnswerFileError(
            path, f"not valid JSON, maybe cut off (line {e.lineno}: {e.msg})"
        ) from e
    except RecursionError as e:
        raise AnswerFileError(path, "nested too deeply to be an answer file") from e
    except ValueError as e:  # an integer of more than 4,300 digits
        raise AnswerFileError(path, "holds a number too long to read") from e
    note = ""
    if SURROGATE_ESCAPE.search(text):  # UTF-8 text holds a lone surrogate only as an escape
        cleaned = clean(data)
        if cleaned != data:
            data, note = (
                cleaned,
                ("holds text that is not valid Unicode (a broken emoji?); it is shown as �"),
            )
    return _check_hand_in(validate(data, path), path), note


def _check_hand_in(data: dict, path: Path) -> dict:
    """The limits beyond the format that a hand-in must keep (see the module docstring)."""
    student = data["student"]
    name = student.get("name", "")
    if not isinstance(name, str):
        raise AnswerFileError(path, "student.name is not text")
    if len(student["id"]) > MAX_NAME_CHARS or len(name) > MAX_NAME_CHARS:
        raise AnswerFileError(
            path, f"the student id or name is longer than {MAX_NAME_CHARS} characters"
        )
    try:
        own = student_file_name(student["id"])
    except ValueError as e:
        if "example" in str(e):
            raise AnswerFileError(
                path,
                f"the student id is the notebook's example "
                f"{student['id']!r}, so whose answers these are is "
                "not known: ask the student to save under their own "
                "name and hand that file in",
            ) from e
        raise AnswerFileError(
            path, f"the student id {student['id']!r} has no letter or digit"
        ) from e
    items = data["items"]
    if len(items) > MAX_ITEMS_PER_FILE:
        raise AnswerFileError(path, f"holds {len(items)} items (the book has far fewer)")
    for item_id, rec in items.items():
        if len(item_id) > MAX_ITEM_ID_CHARS:
            raise AnswerFileError(path, f"an item id is longer than {MAX_ITEM_ID_CHARS} characters")
        text = (rec.get("answer") or {}).get("text")
        if isinstance(text, str) and len(text) > MAX_TEXT_CHARS:
            raise AnswerFileError(
                path,
                f"item {item_id}: the answer text is longer than {MAX_TEXT_CHARS:,} characters",
            )
    return {**data, "_own_name": own}


def file_fits_id(file_name: str, data: dict) -> bool:
    """Whether a hand-in's name is the one its notebook or the static book gives it:
    ``<id>.json``, ``<id>-book.json`` (every chapter) or ``<id>-book-<chapter>.json``
    (ids compared by :func:`medialit.answers.student_key`).

    >>> file_fits_id("zoë-book.json", {"_own_name": "zoë.json"})
    True
    >>> file_fits_id("zoë-book-numbers.json", {"_own_name": "zoë.json"})
    True
    >>> file_fits_id("ada.json", {"_own_name": "zoë.json"})
    False
    """
    stem = str(data.get("_own_name") or "").removesuffix(".json")
    given = student_key(file_name.removesuffix(".json"))
    return bool(stem) and (
        given in (stem, stem + BOOK_SUFFIX) or given.startswith(f"{stem}{BOOK_SUFFIX}-")
    )


def _unknown_item_warnings(files: dict[str, dict], items: list | None) -> list[str]:
    known = set(catalog_table(items)["item_id"])
    answered = pd.Series([i for d in files.values() for i in d["items"]], dtype=object)
    counts = answered[~answered.isin(known)].value_counts().sort_index()
    return [
        f"item {item_id} is not in the exercise catalog (an old item?): "
        f"{n} student(s) answered it; kept in the long table, not counted in totals"
        for item_id, n in counts.items()
    ]


def catalog_items(items: list | None) -> list:
    """The items to grade: ``items`` as given, or the whole catalog when ``None``."""
    if items is None:
        from medialit.exercises import catalog

        items = catalog()
    return list(items)


def catalog_table(items: list | None = None) -> pd.DataFrame:
    """The graded items in book order: item_id, label (what was asked, in short), chapter,
    kind, max_score."""
    return pd.DataFrame(
        [
            {
                "item_id": i.id,
                "label": item_label(i.spec),
                "chapter": i.chapter,
                "kind": i.kind,
                "max_score": max(LEVELS.values()) if i.kind == FREE_TEXT else 1,
            }
            for i in catalog_items(items)
        ],
        columns=["item_id", "label", "chapter", "kind", "max_score"],
    ).astype({"max_score": "Int64"})


def item_label(spec: dict, width: int = 70) -> str:
    """A short human-readable label for an item: its ``label`` if it has one, else the
    first sentence of its prompt, cut at a word near ``width`` characters.

    >>> item_label({"prompt": "Report 000: how long does it say the call lasted? Pick one."})
    'Report 000: how long does it say the call lasted?'
    >>> item_label({"prompt": "Label each one: " + "very " * 30 + "long"})[-6:]
    'very …'
    """
    text = " ".join(str(spec.get("label") or spec.get("prompt") or spec.get("id", "")).split())
    ends = [text.find(e) + 1 for e in (". ", "? ", "! ") if 0 < text.find(e) < width]
    if ends:
        return text[: min(ends)]
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0] + " …"


# --------------------------------------------------------------------------- roster


def read_roster(path: str | Path) -> pd.DataFrame:
    """A class roster: a CSV with columns ``id`` and ``name`` and, for learning-platform
    exports, any of ``email``, ``sis_user_id``, ``sis_login_id``, ``canvas_id``,
    ``id_number`` (Moodle's ID number) and ``section``. ``id`` is what students type in
    ``start()`` (or a school id); every cell is read as text. Raises
    :class:`GradebookError` naming the row and what to do."""
    path = Path(path)
    if not path.is_file():
        raise GradebookError(
            f"no roster file {path}" if not path.exists() else f"{path} is not a file"
        )
    if path.stat().st_size > MAX_FILE_BYTES:
        raise GradebookError(f"{path.name} is over {MAX_FILE_BYTES // 1_000_000} MB: not a roster")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise GradebookError(f"{path.name} is not UTF-8 text; save it as 'CSV UTF-8'") from e
    except (pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as e:
        raise GradebookError(f"{path.name} cannot be read as CSV ({e})") from e
    table.columns = [str(c).strip().lower() for c in table.columns]
    missing = [c for c in ("id", "name") if c not in table.columns]
    if missing:
        raise GradebookError(
            f"{path.name} has no column {', '.join(missing)}; a roster has "
            f"columns id, name (and optionally {', '.join(ROSTER_COLUMNS[2:])})"
        )
    table = table.apply(lambda c: c.str.strip())
    for row, sid in enumerate(table["id"], start=2):
        if not sid:
            raise GradebookError(
                f"{path.name} row {row}: the id is empty; give every student "
                "an id (what they type in start(), or a school id)"
            )
    key = table["id"].map(student_key)
    twice = table.loc[key.duplicated(keep=False), "id"]
    if len(twice):
        raise GradebookError(
            f"{path.name}: the id {twice.iloc[0]!r} is on more than one row; "
            "each student needs an id of their own"
        )
    for column in ROSTER_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    return table.assign(key=key).reset_index(drop=True)


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


def read_scores(
    path: str | Path, long: pd.DataFrame, items_table: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
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
        raise GradebookError(
            f"{path.name} has no column {', '.join(missing)}; start from a copy "
            f"of {OUTPUTS['to_score']} (columns {', '.join(TO_SCORE_COLUMNS)})"
        )
    table = table.assign(
        row=table.index + 2, comment=table.get("comment", pd.Series("", index=table.index))
    )
    answers = long[long["kind"].eq(FREE_TEXT) & long["answer_text"].ne("")]
    answers = answers.set_index(["student_id", "item_id"])["answer_text"]
    known = (set(long["student_id"]), items_table.set_index("item_id")["kind"], answers)
    rows, warnings = [], []
    for r in table.itertuples():
        problem = _score_problem(r, *known)
        if problem:
            warnings.append(f"{path.name} row {r.row}: {problem}; row skipped")
        elif points(r.score) is not None:
            rows.append(
                {
                    "student_id": r.student_id,
                    "item_id": r.item_id,
                    "points": points(r.score),
                    "comment": r.comment,
                    "row": r.row,
                }
            )
            warnings += _changed_answer_warning(r, answers, path.name)
    good = pd.DataFrame(rows, columns=["student_id", "item_id", "points", "comment", "row"])
    later = good[good.duplicated(["student_id", "item_id"], keep="last")]
    warnings += [
        f"{path.name} row {r.row}: {r.student_id} / {r.item_id} is scored again "
        "further down; the last row is used"
        for r in later.itertuples()
    ]
    good = good.drop_duplicates(["student_id", "item_id"], keep="last").drop(columns="row")
    return good.astype({"points": "Int64", "comment": str}), warnings


def _score_problem(r: Any, students: set, kinds: pd.Series, answers: pd.Series) -> str | None:
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


def _changed_answer_warning(r: Any, answers: pd.Series, file_name: str) -> list[str]:
    scored_text = " ".join(getattr(r, "answer_text", "").split())
    current = " ".join(answers[(r.student_id, r.item_id)].split())
    if scored_text and scored_text != current:
        return [
            (
                f"{file_name} row {r.row}: {r.student_id} changed the answer to {r.item_id} "
                "after it was scored; the score is used, check it again"
            )
        ]
    return []


# --------------------------------------------------------------------------- tables


def gradebook(
    folder: str | Path,
    scores: str | Path | None = None,
    items: list | None = None,
    roster: str | Path | pd.DataFrame | None = None,
    assigned: list[str] | None = None,
) -> Gradebook:
    """Read a folder of answer files and build every table; writes nothing.

    * ``long``: one row per student and item they touched, re-checked: ``status`` and
      ``correct`` are the re-check's, ``claimed`` is what the file said, ``claim_differs``
      marks where the two disagree; ``score`` is NaN for a free-text answer not scored
      yet, an item not tried, or one not in the catalog.
    * ``wide``: one row per student (index student_id): name, a score per assigned item
      (blank: not tried), ``total``, ``max``, ``percent`` (out of the assigned items),
      ``unscored`` (free-text answers awaiting a score, which count 0 until scored),
      ``claims_not_confirmed``, ``files`` and ``on_roster`` (blank without a roster).
    * ``difficulty``: per item, how many answered, the share correct (for free text, the
      mean score as a share of 2), mean attempts and hints; hardest first.
    * ``to_score``: free-text answers still awaiting a score.
    * ``skipped``: file, reason; ``warnings`` and ``notices``: lists of messages.

    ``scores``: a CSV with columns student_id, item_id, score (and optionally comment).
    ``roster``: a roster CSV (see :func:`read_roster`) or its table. ``assigned``: the item
    ids that count in ``wide`` (default: every catalog item).
    """
    with _collector_paused():
        return _gradebook(folder, scores, items, roster, assigned)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a while, as it was after. Parsed JSON and
    the rows made from it hold no reference cycles, yet with a class's million new objects
    the collector would scan them again and again: a fifth of the time on 5,000 files."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _gradebook(
    folder: str | Path,
    scores: str | Path | None,
    items: list | None,
    roster: str | Path | pd.DataFrame | None,
    assigned: list[str] | None,
) -> Gradebook:
    items = catalog_items(items)
    items_table = catalog_table(items)
    if assigned is not None:
        unknown = [i for i in assigned if i not in set(items_table["item_id"])]
        if unknown or not assigned:
            raise GradebookError(
                f"no item {', '.join(map(repr, unknown[:5]))} in the catalog"
                if unknown
                else "no item is assigned"
            )
    answers = read_class(folder, items)
    if isinstance(roster, str | Path):
        roster = read_roster(roster)
    students, notices = identify(answers, roster)
    long = answer_table(answers, items_table, items, students)
    warnings = list(answers.warnings)
    if scores is not None:
        scored, score_warnings = read_scores(scores, long, items_table)
        long = _with_scores(long, scored)
        warnings += score_warnings
    counted = (
        items_table
        if assigned is None
        else items_table[items_table["item_id"].isin(assigned)].reset_index(drop=True)
    )
    return Gradebook(
        long=long,
        wide=wide_table(long, students, counted),
        difficulty=difficulty_table(long, items_table),
        to_score=to_score_table(long, items_table),
        skipped=pd.DataFrame(answers.skipped, columns=["file", "reason"]),
        warnings=warnings,
        notices=notices,
    )


STUDENT_COLUMNS = ["student_id", "name", "key", "files", "on_roster"]


def identify(
    answers: ClassAnswers, roster: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Who handed in what: one row per student (student_id, name, key, files, on_roster)
    and the notices an instructor must see: file names that do not fit the id inside,
    several files of one student, ids not on the roster, students with no file."""
    notices: list[str] = []
    by_key: dict[str, list[str]] = {}
    for file, key in answers.owner.items():
        by_key.setdefault(key, []).append(file)
        if not file_fits_id(file, answers.files[file]):
            notices.append(
                f"{file}: the file name does not fit the student id inside "
                f"({answers.files[file]['student']['id']!r}); graded under that "
                "id: check who handed it in"
            )
    rows = []
    for key, files in by_key.items():
        files = sorted(
            files,
            key=lambda f: (
                f != answers.files[f]["_own_name"],
                not file_fits_id(f, answers.files[f]),
                f,
            ),
        )
        first = answers.files[files[0]]["student"]
        rows.append(
            {
                "student_id": first["id"],
                "name": str(first.get("name") or first["id"]),
                "key": key,
                "files": files,
                "on_roster": pd.NA,
            }
        )
        if len(files) > 1:
            notices.append(
                f"{len(files)} files for student {first['id']!r}: "
                f"{', '.join(files)}; merged item by item (the better re-checked "
                "answer counts)"
            )
    students = pd.DataFrame(rows, columns=STUDENT_COLUMNS)
    if roster is None:
        return students, notices
    return _match_roster(students, roster, notices)


def _match_roster(
    students: pd.DataFrame, roster: pd.DataFrame, notices: list[str]
) -> tuple[pd.DataFrame, list[str]]:
    """Match students to the roster by id, else by a name only one roster row has; a
    matched student takes the roster's id and name."""
    by_id = dict(zip(roster["key"], roster.index, strict=True))
    names = roster["name"].map(student_key)
    counts = names.value_counts()
    by_name = {n: i for n, i in zip(names, roster.index, strict=True) if n and counts[n] == 1}
    rows: list[dict] = []
    matched: dict[object, dict] = {}
    for r in students.itertuples(index=False):
        at = by_id.get(r.key, by_name.get(student_key(r.name), by_name.get(r.key)))
        if at is None:
            notices.append(
                f"{r.student_id!r} ({', '.join(r.files)}) is not on the roster; "
                "graded under the id in the file"
            )
            rows.append({**r._asdict(), "on_roster": False})
        elif at in matched:  # a second id of one roster student (id in one file, name in another)
            matched[at]["files"] = sorted(matched[at]["files"] + list(r.files))
            notices.append(
                f"{', '.join(matched[at]['files'])} all belong to "
                f"{roster.at[at, 'id']!r} on the roster; merged item by item"
            )
        else:
            matched[at] = {
                "student_id": roster.at[at, "id"],
                "name": roster.at[at, "name"] or r.name,
                "key": r.key,
                "files": list(r.files),
                "on_roster": True,
            }
            rows.append(matched[at])
    missing = roster[~roster.index.isin(list(matched))]
    if len(missing):
        notices.append(
            f"{len(missing)} student(s) on the roster handed in no usable file: "
            + ", ".join(missing["id"])
        )
    rows += [
        {"student_id": m.id, "name": m.name, "key": m.key, "files": [], "on_roster": True}
        for m in missing.itertuples()
    ]
    return pd.DataFrame(rows, columns=STUDENT_COLUMNS), notices


class Rechecker:
    """Checks answers with the catalog's own checks, remembering each (item, answer): a
    class gives the same answers many times."""

    def __init__(self, items: list):
        from medialit.exercises.engine import check

        self.check = check
        self.specs = {i.id: i.spec for i in items}
        self.seen: dict[tuple[str, str], tuple[str, bool | None]] = {}

    def __call__(self, item_id: str, answer: object) -> tuple[str, bool | None]:
        """(status, correct) as the widget sets them; ("", None) for an item not tried (no
        answer) or not in the catalog."""
        spec = self.specs.get(item_id)
        if spec is None or not answer:
            return "", None
        key = (item_id, repr(answer))  # the same answer, written the same way
        if key not in self.seen:
            r = self.check(spec, answer)
            self.seen[key] = (r.status, r.correct if r.valid else None)
        return self.seen[key]


# The columns answer_table reads from the files (the others it adds from the catalog).
ROW_COLUMNS = [
    "student_id",
    "name",
    "item_id",
    "status",
    "correct",
    "claimed",
    "attempts",
    "hints_shown",
    "answer_text",
    "updated_at",
    "file",
]


def _claim(rec: dict) -> str:
    """What a file says of an item: its status, or "correct" where its ``correct`` flag
    says so."""
    return "correct" if rec.get("correct") is True else rec.get("status", "")


def answer_table(
    answers: ClassAnswers,
    items_table: pd.DataFrame,
    items: list | None = None,
    students: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per student and recorded item (the ``long`` table), re-checked, before rubric
    scores. A student's several files are merged item by item: a correct answer first, then
    any tried answer, then the file named after the student."""
    recheck = Rechecker(catalog_items(items))
    if students is None:
        students, _ = identify(answers)
    rows: list[tuple] = []  # in the order of ROW_COLUMNS
    for s in students.itertuples(index=False):
        chosen: dict[str, tuple] = {}
        for rank, file in enumerate(s.files):  # the file named after the student comes first
            for item_id, rec in answers.files[file]["items"].items():
                status, correct = recheck(item_id, rec.get("answer"))
                order = (correct is True, status != "", -rank)
                if item_id not in chosen or order > chosen[item_id][0]:
                    chosen[item_id] = (order, rec, status, correct, file)
        rows += [
            (
                s.student_id,
                s.name,
                item_id,
                status,
                correct,
                _claim(rec),
                rec.get("attempts", 0),
                rec.get("hints_shown", 0),
                _text(rec),
                rec.get("updated_at"),
                file,
            )
            for item_id, (_, rec, status, correct, file) in chosen.items()
        ]
    long = pd.DataFrame.from_records(rows, columns=ROW_COLUMNS)
    long = long.merge(items_table, on="item_id", how="left")
    long = long.fillna({"chapter": "", "kind": "unknown", "label": ""}).astype(
        {"correct": "boolean", "attempts": int, "hints_shown": int}
    )
    long["claim_differs"] = _claim_differs(long)
    long["updated_at"] = pd.to_datetime(
        long["updated_at"], utc=True, errors="coerce", format="ISO8601"
    )
    return _with_scores(_in_book_order(long, items_table, ["student_id", "item_id"]), NO_SCORES)


def _claim_differs(long: pd.DataFrame) -> pd.Series:
    """Where a file's claim and the re-check disagree on a catalog item: it says correct
    and is not, or says incorrect and is correct ("invalid" and "" claim nothing)."""
    says_right, is_right = long["claimed"].eq("correct"), long["status"].eq("correct")
    differs = (says_right & ~is_right) | (long["claimed"].eq("incorrect") & is_right)
    return (long["max_score"].notna() & differs).astype(bool)


def _in_book_order(table: pd.DataFrame, items_table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sort by the ``by`` columns, item ids in book order (items not in the catalog last)."""
    order = {item_id: n for n, item_id in enumerate(items_table["item_id"])}
    return table.sort_values(
        by,
        kind="stable",
        key=lambda c: c.map(order).fillna(len(order)) if c.name == "item_id" else c,
    ).reset_index(drop=True)


def _text(rec: dict) -> str:
    text = (rec.get("answer") or {}).get("text")
    return text.strip() if isinstance(text, str) else ""


def _with_scores(long: pd.DataFrame, scored: pd.DataFrame) -> pd.DataFrame:
    """Set ``score`` on every row: 1/0 by the re-check for checkable items that were tried
    (an unreadable answer is 0), the rubric points for free text, NaN for an item not
    tried (a hint read, nothing checked) and for items not in the catalog."""
    long = long.drop(columns=["score", "comment"], errors="ignore").merge(
        scored, on=["student_id", "item_id"], how="left"
    )
    free = long["kind"].eq(FREE_TEXT)
    rubric = long["points"].where(long["answer_text"].ne(""))
    score = long["correct"].fillna(False).astype("Int64").where(~free, rubric)
    tried = long["status"].ne("")
    long = long.assign(
        score=score.where(long["max_score"].notna() & tried).astype("Int64"),
        comment=long["comment"].fillna(""),
    )
    return long[LONG_COLUMNS]


def wide_table(
    long: pd.DataFrame, students: pd.DataFrame, items_table: pd.DataFrame
) -> pd.DataFrame:
    """Student × item scores (blank: not tried) with total, max, percent, unscored,
    claims_not_confirmed, files and on_roster. ``items_table``: the items that count (all,
    or those assigned)."""
    item_ids = list(items_table["item_id"])
    ids = pd.Index(students["student_id"], name="student_id")
    mine = long[long["item_id"].isin(item_ids)]
    cells = mine.set_index(["student_id", "item_id"])["score"]
    wide = cells.unstack("item_id") if len(cells) else pd.DataFrame(index=ids)
    wide = wide.reindex(index=ids, columns=item_ids).astype("Int64")
    total = wide.sum(axis=1, skipna=True).astype(int)
    top = int(items_table["max_score"].sum())

    def per_student(flags: pd.Series) -> pd.Series:
        return flags.groupby(mine["student_id"]).sum().reindex(ids, fill_value=0).astype(int)

    by_id = students.set_index("student_id")
    wide = wide.assign(
        total=total,
        max=top,
        percent=(100 * total / top).round(1) if top else float("nan"),
        unscored=per_student(
            mine["kind"].eq(FREE_TEXT) & mine["answer_text"].ne("") & mine["score"].isna()
        ),
        claims_not_confirmed=per_student(mine["claim_differs"] & mine["claimed"].eq("correct")),
        files=by_id["files"].map("; ".join).reindex(ids),
        on_roster=by_id["on_roster"].reindex(ids).astype("boolean"),
    )
    wide.insert(0, "name", by_id["name"].reindex(ids))
    wide.columns.name = None
    return wide.sort_index()


PRE_TEST, POST_TEST = "pretest", "posttest"  # the chapters that open and close the book


def gains(gb: Gradebook, items: list | None = None) -> pd.DataFrame:
    """Each student's pre-test and post-test score and the gain between them.

    One row per student (index student_id): ``name``; ``pre`` and ``post``, the percentage
    of the test's points the re-check gives (an item not tried counts 0; NaN when the
    student tried none of that test's items); ``gain`` = post - pre in percentage points
    (NaN unless the student took both). ``attrs["class"]`` holds the class means over the
    students who took both: ``students``, ``pre``, ``post``, ``gain``.
    """
    table = catalog_table(items)
    top = {
        t: int(table.loc[table["chapter"] == t, "max_score"].sum()) for t in (PRE_TEST, POST_TEST)
    }
    out = pd.DataFrame(index=gb.wide.index.copy())
    out["name"] = gb.wide["name"]
    for test, column in ((PRE_TEST, "pre"), (POST_TEST, "post")):
        rows = gb.long[gb.long["chapter"].eq(test) & gb.long["status"].ne("")]
        points = rows.groupby("student_id")["score"].sum().astype(float)
        out[column] = (
            (100 * points / top[test]).round(1).reindex(out.index) if top[test] else float("nan")
        )
    out["gain"] = (out["post"] - out["pre"]).round(1)
    both = out.dropna(subset=["pre", "post"])
    out.attrs["class"] = {
        "students": len(both),
        "pre": both["pre"].mean(),
        "post": both["post"].mean(),
        "gain": both["gain"].mean(),
    }
    return out


def gain_line(table: pd.DataFrame) -> str:
    """The summary line for :func:`gains`."""
    c = table.attrs["class"]
    pre, post = table["pre"].notna().sum(), table["post"].notna().sum()
    if not c["students"]:
        return (
            f"pre-test and post-test: {pre} took the pre-test, {post} the post-test, "
            "no student took both yet"
        )
    return (
        f"pre-test → post-test: {c['students']} student{'s' * (c['students'] != 1)} "
        "took both; class mean "
        f"{c['pre']:.1f} % → {c['post']:.1f} %, gain {c['gain']:+.1f} points "
        f"({pre} took the pre-test, {post} the post-test)"
    )


def difficulty_table(long: pd.DataFrame, items_table: pd.DataFrame) -> pd.DataFrame:
    """Per item: students who tried it, share correct, mean attempts and hints of those who
    tried; hardest first, items nobody tried last."""
    answered = long[long["status"].ne("")].assign(share=lambda t: t["score"] / t["max_score"])
    stats = answered.groupby("item_id").agg(
        answered=("student_id", "size"),
        correct_share=("share", "mean"),
        mean_attempts=("attempts", "mean"),
        mean_hints=("hints_shown", "mean"),
    )
    extra = long.loc[
        ~long["item_id"].isin(items_table["item_id"]), ["item_id", "label", "chapter", "kind"]
    ]
    table = pd.concat([items_table.drop(columns="max_score"), extra.drop_duplicates("item_id")])
    table = table.merge(stats, left_on="item_id", right_index=True, how="left")
    table = table.fillna({"answered": 0}).astype({"answered": int, "correct_share": float})
    table = table.round({"correct_share": 3, "mean_attempts": 2, "mean_hints": 2})
    return table.sort_values("correct_share", kind="stable", na_position="last")[
        DIFFICULTY_COLUMNS
    ].reset_index(drop=True)


def to_score_table(long: pd.DataFrame, items_table: pd.DataFrame) -> pd.DataFrame:
    """Free-text answers awaiting a score, with empty score and comment to fill in; item by
    item in book order, so that one question's answers are scored together."""
    waiting = long[long["kind"].eq(FREE_TEXT) & long["answer_text"].ne("") & long["score"].isna()]
    waiting = _in_book_order(waiting, items_table, ["item_id", "student_id"])
    return waiting.assign(score="", comment="")[TO_SCORE_COLUMNS]


# --------------------------------------------------------------------------- output


def difficulty_chart(gb: Gradebook) -> Figure:
    """A horizontal bar chart of the share correct per answered item, hardest at the top,
    each bar named by what the item asks. Returns a matplotlib Figure (drawn without
    pyplot, so no display is needed)."""
    from matplotlib.figure import Figure

    rows = gb.difficulty.dropna(subset=["correct_share"])
    names = [
        f"{r.label or r.item_id} ({r.item_id})" if r.label else r.item_id for r in rows.itertuples()
    ]
    fig = Figure(figsize=(11, 0.34 * len(rows) + 1.6), layout="constrained")
    ax = fig.subplots()
    ax.barh(range(len(rows)), rows["correct_share"], color="#7aa6d6")
    ax.set_yticks(
        range(len(rows)), [n if len(n) <= 75 else n[:72] + "…" for n in names], fontsize=7
    )
    for y, r in enumerate(rows.itertuples()):
        ax.text(
            r.correct_share + 0.01,
            y,
            f"{r.correct_share:.0%} of {r.answered}",
            va="center",
            fontsize=8,
        )
    if rows.empty:
        ax.text(0.5, 0.5, "no answers yet", ha="center", va="center", transform=ax.transAxes)
    ax.invert_yaxis()
    ax.margins(y=0.01)
    ax.set_xlim(0, 1.15)
    ax.set_xlabel("share correct, of the students who tried (free text: mean score / 2)")
    ax.set_title(f"Share correct per item ({gb.students} students)")
    ax.grid(axis="x", alpha=0.3)
    return fig


def write(
    gb: Gradebook, out_dir: str | Path, exports: dict[str, pd.DataFrame] | None = None
) -> dict[str, Path]:
    """Write the gradebook files into ``out_dir`` (made if needed); returns their paths.

    ``gradebook.csv`` has the item ids as column names (for pandas and scripts);
    ``gains.csv`` (when anyone took the pre-test or the post-test) is :func:`gains`;
    ``gradebook-labelled.csv`` is the same table with what each item asks beside its id
    (``call_length_000: Report 000: how long …``), for reading. ``exports``: more tables to
    write, by file name (a learning platform's import file, :mod:`medialit.lms`).

    CSV files are UTF-8 with a byte-order mark (spreadsheets then show every script right),
    with every cell safe to open (:mod:`medialit.safecsv`). Each file is written to a
    temporary file and renamed, and all of them are made before the first is renamed:
    a failure leaves the previous gradebook whole."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    exports = dict(exports or {})
    if gb.long["chapter"].isin([PRE_TEST, POST_TEST]).any():  # gains.csv: see gains()
        exports.setdefault("gains.csv", gains(gb).reset_index())
    names = {**OUTPUTS, **{Path(name).stem: name for name in exports}}
    paths = {key: out / name for key, name in names.items()}
    labels = dict(zip(gb.difficulty["item_id"], gb.difficulty["label"], strict=True))
    staged = out / f".staging-{os.getpid()}"
    staged.mkdir(exist_ok=True)
    try:
        to_csv(gb.wide.reset_index(), staged / OUTPUTS["gradebook"])
        to_csv(
            gb.wide.reset_index().rename(
                columns=lambda c: f"{c}: {labels[c]}" if labels.get(c) else c
            ),
            staged / OUTPUTS["labelled"],
        )
        for name, table in exports.items():
            to_csv(table, staged / name)
        to_csv(gb.difficulty, staged / OUTPUTS["items"])
        to_csv(gb.to_score, staged / OUTPUTS["to_score"])
        write_text_atomically(
            staged / OUTPUTS["skipped"],
            "".join(f"{r.file} — {r.reason}\n" for r in gb.skipped.itertuples()),
        )
        write_text_atomically(
            staged / OUTPUTS["summary"],
            "".join(f"{line}\n" for line in gb.summary() + [f"warning: {w}" for w in gb.warnings]),
        )
        difficulty_chart(gb).savefig(staged / OUTPUTS["chart"], dpi=110)
        for key, name in names.items():
            os.replace(staged / name, paths[key])
    finally:
        for leftover in staged.iterdir():
            leftover.unlink()
        staged.rmdir()
    return paths


def default_out_dir(folder: str | Path) -> Path:
    """Beside the class folder, not in it (a hand-in folder may be shared with students)."""
    folder = Path(folder).resolve()
    return folder.with_name(f"{folder.name}-gradebook")


def assigned_items(
    chapter: str | None = None, item_ids: list[str] | None = None, items: list | None = None
) -> list[str] | None:
    """The item ids of an assignment: a chapter's (by name, e.g. ``numbers``, or number,
    ``2``), a list of ids, or None for the whole book."""
    if chapter is None and not item_ids:
        return None
    table = catalog_table(items)
    chosen = list(item_ids or [])
    if chapter is not None:
        spec_chapter = {
            i.id: (i.chapter, str(i.spec.get("chapter_number", ""))) for i in catalog_items(items)
        }
        mine = [i for i in table["item_id"] if chapter.strip().lower() in spec_chapter[i]]
        if not mine:
            raise GradebookError(
                f"no chapter {chapter!r}; chapters are "
                + ", ".join(dict.fromkeys(table["chapter"]))
            )
        chosen += mine
    return list(dict.fromkeys(chosen))
