"""Grades for learning platforms: the CSV file Canvas or Moodle imports.

::

    python -m medialit gradebook hand-ins/ --roster roster.csv --export canvas \\
        --chapter numbers --assignment "Chapter 2: numbers"

writes ``canvas-import.csv`` (or ``moodle-import.csv``) beside ``gradebook.csv``, with
the other outputs, and names in the summary everyone it leaves out.

**One assignment, one column.** An assignment is a chapter (``--chapter``) or a set of
items (``--items``), the whole book without either. A student's points are the gradebook's
``total`` on those items: 1 per item the re-check finds right, the rubric score (0-2) for
free text; an item not tried earns nothing, and a free-text answer not scored yet counts 0
until you run again with ``--scores`` (the summary says how many). The maximum is the
gradebook's ``max``, so the platform's percentage is out of what was assigned, like
``percent`` in ``gradebook.csv``. Points are whole numbers, so a decimal comma or point
never matters.

**Who is in the file.** Students are matched to the roster (:func:`medialit.gradebook.
read_roster`) by the gradebook. A row is written for each roster student who answered at
least one assigned item, in roster order. Left out, and named in the summary:

* students whose id is not on the roster (the platform could not tell who they are: add
  them to the roster with their platform ids and run again);
* roster students with no answer to any assigned item. Both platforms read a blank grade
  cell as "no grade", and where they already hold a grade for that student a blank
  *removes* it (Canvas lists the change on its confirmation page, Moodle sets "no grade";
  see the sources below). Without a row, the platform leaves that student's grade as it is:
  a 0 or an "excused" you typed there by hand stays. Enter missing work in the platform;
* Moodle only: roster students with no value in the column Moodle matches by (a blank
  there makes Moodle stop the import, or give the grade to the row above).

**Canvas** (the Gradebook's *Import*): columns ``Student, ID, SIS User ID, SIS Login ID,
Section`` and one column named after the assignment, then a ``Points Possible`` row under
the header. Canvas finds each student by ``ID`` (the Canvas user id: roster
``canvas_id``), else ``SIS User ID``, else ``SIS Login ID``, else by the name in
``Student``, and asks you about anyone it cannot find. A column whose name is an existing
assignment's (or ends with its id in parentheses, ``Chapter 2 (12345)``) updates that
assignment; any other name creates a new one with the ``Points Possible`` shown.

**Moodle** (*Grades*, *Import*, *CSV file*): a column to match users by, ``Email address``
(roster ``email``) or ``ID number`` (roster ``id_number``), whichever the roster gives for
more of the students exported (email on a tie), then ``Full name`` (to read; left on
*Ignore*) and one column named after the assignment. There is no points row: Moodle takes
the maximum from the grade item, so make the item first with that maximum. In the mapping
step choose *Map from* the match column, *Map to* ``Email address`` (or ``ID number``), and
map the assignment column to your grade item. Moodle refuses the whole file if one user is
not found, and any grade above 100 unless the site allows more.

**Spreadsheet safety.** Cells go through :func:`medialit.safecsv.to_csv`: UTF-8 with a
byte-order mark (Canvas's header check and Moodle's reader both accept it), numbers as
numbers, and an apostrophe before a text cell that a spreadsheet would run as a formula.
Ordinary names and ids never start with ``=``, ``+``, ``-`` or ``@``; a name that does
(``-Ada``) reaches the platform with the apostrophe, which only matters to Canvas when the
row has no id, because it then matches by name.

Sources (read for this module): the Canvas importer, ``app/models/gradebook_importer.rb``
and ``ui/features/gradebook_uploads/jquery/process_gradebook_upload.js`` in
https://github.com/instructure/canvas-lms (header and "Points Possible" rules, how
students are found, a blank cell against an existing grade);
https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades
(the columns; new columns create assignments; imported scores overwrite);
https://docs.moodle.org/311/en/Grade_import and
https://docs.moodle.org/405/en/index.php?diff=141743&oldid=32696&title=Grade_import (steps,
*Map from* / *Map to*, grades above 100);
https://support.lanecc.edu/moodle-faculty-gradebook/how-to-import-grades (the mapping
step); Moodle's ``grade/import/csv/classes/load_data.php`` and ``grade/import/lib.php`` in
https://github.com/moodle/moodle (an empty cell or ``-`` is "no grade", an unknown user
or a blank user cell stops the import, the 100 limit, a decimal comma is read).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import overload

import pandas as pd

from medialit.answers import student_key
from medialit.gradebook import Gradebook, GradebookError, catalog_table, read_roster

PLATFORMS = ("canvas", "moodle")
FILE_NAMES = {"canvas": "canvas-import.csv", "moodle": "moodle-import.csv"}
TITLES = {"canvas": "Canvas", "moodle": "Moodle"}
CANVAS_STUDENT_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_POINTS_ROW = "Points Possible"
# Column names Canvas keeps for itself (gradebook_importer.rb): an assignment named like a
# student column is looked up in that column, and a column whose name contains one of the
# computed columns' names is dropped as not an assignment.
CANVAS_RESERVED = (
    "Student",
    "LastName",
    "FirstName",
    "ID",
    "SIS User ID",
    "SIS Login ID",
    "Section",
    "Integration ID",
    "Root Account",
)
CANVAS_COMPUTED = (
    "Current Score",
    "Current Points",
    "Current Grade",
    "Final Score",
    "Final Points",
    "Final Grade",
    "Override Score",
    "Override Grade",
    "Override Status",
)
MOODLE_MATCH = {"email": "Email address", "id_number": "ID number"}
MOODLE_NAME_COLUMN = "Full name"
MOODLE_MAX_GRADE = 100  # Moodle's limit on an imported grade unless the site raises it
MAX_NAME_CHARS = 255  # an assignment's or grade item's name in either platform


@dataclass
class Export:
    """One platform's import file: the table to write as ``file_name``, who is in it
    (``student_ids``, roster ids), and the lines for the summary (``notes``)."""

    platform: str
    assignment: str
    points_possible: int
    table: pd.DataFrame
    student_ids: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return FILE_NAMES[self.platform]


@overload
def check_request(platform: str, assignment: str) -> str: ...


@overload
def check_request(platform: str, assignment: None) -> None: ...


def check_request(platform: str, assignment: str | None) -> str | None:
    """Check an export request before any grading: returns the assignment name with its
    spaces tidied (None if none was given); raises :class:`GradebookError` saying what to
    change for an unknown platform or a name the platform would misread."""
    platform = str(platform).strip().lower()
    if platform not in PLATFORMS:
        raise GradebookError(f"cannot export for {platform!r}; choose {' or '.join(PLATFORMS)}")
    if assignment is None:
        return None
    name = " ".join(assignment.split())
    if not name:
        raise GradebookError("the assignment name is empty")
    if len(name) > MAX_NAME_CHARS:
        raise GradebookError(f"the assignment name is longer than {MAX_NAME_CHARS} characters")
    if platform == "canvas":
        taken = [name] if name in CANVAS_RESERVED else [w for w in CANVAS_COMPUTED if w in name]
        if taken:
            raise GradebookError(
                f"Canvas keeps the column name {taken[0]!r} for itself; "
                "choose another assignment name"
            )
    return name


def assignment_name(item_ids: list[str], items: list | None = None) -> str:
    """A name for an assignment made of ``item_ids``: ``Chapter 2: numbers`` for a whole
    chapter, ``Chapters 2, 3`` for several, else the chapter and the number of items."""
    table = catalog_table(items).set_index("item_id")
    numbers = _chapter_numbers(items)
    chosen = [i for i in item_ids if i in table.index]
    chapters = list(dict.fromkeys(table.loc[chosen, "chapter"]))
    whole = all(set(table.index[table["chapter"] == c]) <= set(chosen) for c in chapters)
    if len(chosen) == len(table):
        return "All chapters"
    if whole and len(chapters) == 1:
        return f"Chapter {numbers.get(chapters[0], '?')}: {chapters[0]}"
    if whole:
        return "Chapters " + ", ".join(str(numbers.get(c, c)) for c in chapters)
    if len(chapters) == 1:
        return f"Chapter {numbers.get(chapters[0], '?')}: {chapters[0]} ({len(chosen)} items)"
    return f"{len(chosen)} items"


def _chapter_numbers(items: list | None) -> dict[str, str]:
    from medialit.gradebook import catalog_items

    return {
        i.chapter: str(i.spec.get("chapter_number", "")) or i.chapter for i in catalog_items(items)
    }


def assigned_ids(gb: Gradebook) -> list[str]:
    """The item ids the gradebook's totals count: the columns of ``wide`` before ``total``."""
    return list(gb.wide.columns[1 : gb.wide.columns.get_loc("total")])


def export(
    gb: Gradebook,
    roster: str | Path | pd.DataFrame,
    platform: str,
    assignment: str | None = None,
    items: list | None = None,
) -> Export:
    """The import file for ``platform`` (``canvas`` or ``moodle``) of the assignment the
    gradebook counts (see the module docstring for every rule). ``gb`` must have been
    made with this ``roster`` (a roster CSV or :func:`read_roster` table)."""
    name = check_request(platform, assignment)
    platform = platform.strip().lower()
    roster = read_roster(roster) if isinstance(roster, str | Path) else roster
    item_ids = assigned_ids(gb)
    name = name or check_request(platform, assignment_name(item_ids, items))
    top = int(gb.wide["max"].iloc[0]) if gb.students else 0
    long = gb.long
    tried = set(long.loc[long["item_id"].isin(item_ids) & long["status"].ne(""), "student_id"])
    on_roster = gb.wide["on_roster"].fillna(False).astype(bool)
    by_key = {student_key(sid): sid for sid in gb.wide.index[on_roster]}
    rows, no_work = [], []
    for r in roster.itertuples(index=False):
        sid = by_key.get(r.key)
        if sid is None or sid not in tried:
            no_work.append(r.id)
        else:
            rows.append((r, sid))
    maker = _canvas if platform == "canvas" else _moodle
    table, exported, notes = maker(gb, rows, name, top)
    title = TITLES[platform]
    lines = [
        f"{FILE_NAMES[platform]}: {len(exported)} student(s), {title} "
        f"{'grade item' if platform == 'moodle' else 'assignment'} {name!r}, out of "
        f"{top} point(s)" + ("" if assignment else " (name it with --assignment)")
    ]
    strangers = list(gb.wide.index[~on_roster])
    if strangers:
        lines.append(
            f"left out of {FILE_NAMES[platform]}, not on the roster (add them with "
            f"their {title} ids and run again): " + ", ".join(map(repr, strangers))
        )
    if no_work:
        lines.append(
            f"left out of {FILE_NAMES[platform]}, no answer to the assigned items "
            f"(their grade in {title} stays as it is): " + ", ".join(no_work)
        )
    unscored = gb.wide.loc[exported, "unscored"] if exported else pd.Series(dtype=int)
    if (unscored > 0).any():
        lines.append(
            f"{int((unscored > 0).sum())} exported student(s) have free-text answers "
            "not scored yet, counted 0: score them in to-score.csv and run again "
            "with --scores"
        )
    return Export(platform, name, top, table, exported, lines + notes)


def _canvas(
    gb: Gradebook, rows: list, name: str, top: int
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The Canvas table: student columns, the Points Possible row, one row per student."""
    records, exported, by_name = [], [], []
    for r, sid in rows:
        canvas_id = str(r.canvas_id).strip()
        if canvas_id and not (canvas_id.isascii() and canvas_id.isdigit()):
            raise GradebookError(
                f"the roster's canvas_id for {r.id!r} is {canvas_id!r}: a Canvas "
                "user id is a number (the ID column of a Canvas gradebook "
                "export); fix it or leave it empty"
            )
        if not (canvas_id or r.sis_user_id or r.sis_login_id):
            by_name.append(r.id)
        records.append(
            [
                r.name or gb.wide.at[sid, "name"],
                canvas_id,
                r.sis_user_id,
                r.sis_login_id,
                r.section,
                int(gb.wide.at[sid, "total"]),
            ]
        )
        exported.append(sid)
    table = pd.DataFrame(
        [[CANVAS_POINTS_ROW, "", "", "", "", top], *records],
        columns=[*CANVAS_STUDENT_COLUMNS, name],
    )
    table[name] = table[name].astype("Int64")
    notes = (
        [
            f"{len(by_name)} student(s) have no canvas_id, sis_user_id or sis_login_id on "
            "the roster; Canvas matches them by name or asks you: " + ", ".join(by_name)
        ]
        if by_name
        else []
    )
    return table, exported, notes


def _moodle(
    gb: Gradebook, rows: list, name: str, top: int
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The Moodle table: the match column, the full name and the grade."""
    counts = {c: sum(bool(str(getattr(r, c)).strip()) for r, _ in rows) for c in MOODLE_MATCH}
    match = max(MOODLE_MATCH, key=lambda c: (counts[c], c == "email"))
    if rows and not counts[match]:
        raise GradebookError(
            "a Moodle export needs an email or id_number column on the "
            "roster: Moodle finds each student by one of them"
        )
    records, exported, blank = [], [], []
    seen: dict[str, str] = {}
    for r, sid in rows:
        value = str(getattr(r, match)).strip()
        if not value:
            blank.append(r.id)
            continue
        same = value.casefold() if match == "email" else value
        if same in seen:
            raise GradebookError(
                f"the roster gives {r.id!r} and {seen[same]!r} the same "
                f"{match} {value!r}; Moodle would give both grades to one user"
            )
        seen[same] = r.id
        records.append([value, r.name or gb.wide.at[sid, "name"], int(gb.wide.at[sid, "total"])])
        exported.append(sid)
    column = MOODLE_MATCH[match]
    table = pd.DataFrame(records, columns=[column, MOODLE_NAME_COLUMN, name])
    table[name] = table[name].astype("Int64")
    notes = (
        [
            f"left out of {FILE_NAMES['moodle']}, no {match} on the roster (Moodle cannot "
            "find them): " + ", ".join(blank)
        ]
        if blank
        else []
    )
    notes.append(
        f"Moodle: in the import's mapping step, Map from {column!r} to {column!r}; "
        f"map {name!r} to a grade item with maximum grade {top}"
    )
    if top > MOODLE_MAX_GRADE:
        notes.append(
            f"the maximum ({top}) is above {MOODLE_MAX_GRADE}: Moodle refuses such "
            "grades unless the site allows them ('unlimitedgrades')"
        )
    return table, exported, notes
