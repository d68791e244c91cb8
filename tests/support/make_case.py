"""A case made the way the new-case README tells a teacher to make one.

:func:`make_case` runs the README's steps through the command line (``medialit.cli.main``,
what a teacher types): ``new-case``, the raw reports copied in, ``propose`` (reports.csv),
the teacher's cells of reports.csv, ``furniture ... --append`` for each span of page
furniture, facts.csv typed, ``propose`` (claims.csv), the teacher's corrections of the
proposed rows, ``propose --confirm``, the optional tables and notes, ``validate``.

What the teacher types is data, in one JSON file (``tests/cases/crowd-event.teacher.json``):

- ``core``: what steps 2-5 ask for. ``reports``: {report: {column: value}} (the cells of
  reports.csv the teacher fills); ``furniture``: {report: [[first words, last words, kind]
  or [first words, kind] (the span runs to the end of the line)]}; ``facts``: the rows of
  facts.csv (empty cells left out); ``claims``: {report: {fact: {column: value}}}, the
  corrections of the proposed rows ("" empties a cell).
- ``optional``: ``datapackage`` (title, description), the rows of ``clues``,
  ``attributions``, ``loaded_words`` and ``frames`` (empty cells left out) and ``notes``
  ({file name: markdown}).

:func:`hand_typed_cells` counts what the teacher typed: one cell per value, a locator
(which report, fact or column) is a choice in the spreadsheet, not typing.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
from pathlib import Path

from medialit.cli import main
from medialit.newcase import dump_descriptor

OPTIONAL_TABLES = ("clues", "attributions", "loaded_words", "frames")


class CaseStepFailed(AssertionError):
    """A step of the README did not work as the README says; the message shows it."""


def run(*argv: str) -> str:
    """``python -m medialit ARGV`` in this process; what it printed, or CaseStepFailed when
    it exits with an error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    if status != 0:
        raise CaseStepFailed(
            f"python -m medialit {' '.join(argv)} exited {status}:\n"
            f"{out.getvalue()}{err.getvalue()}"
        )
    return out.getvalue() + err.getvalue()


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    return header, [dict(zip(header, r, strict=True)) for r in rows[1:]]


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    """The table as a spreadsheet saves it as CSV UTF-8 (commas, quotes where needed)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        unknown = set(r) - set(header)
        if unknown:
            raise CaseStepFailed(f"{path.name} has no column {sorted(unknown)}")
        w.writerow([r.get(c, "") for c in header])
    path.write_text(buf.getvalue(), encoding="utf-8")


def _set_cells(path: Path, keys: tuple[str, ...], cells: dict) -> None:
    """Type ``cells`` ({key: {column: value}}, or {report: {fact: {column: value}}} for
    two keys) into the rows of the table at ``path`` that are already there."""
    header, rows = _read(path)
    index = {tuple(r[k] for k in keys): r for r in rows}
    flat = (
        {(a,): v for a, v in cells.items()}
        if len(keys) == 1
        else {(a, b): v for a, inner in cells.items() for b, v in inner.items()}
    )
    for key, values in flat.items():
        if key not in index:
            raise CaseStepFailed(f"{path.name} has no row {key}: the tool did not write it")
        for column, value in values.items():
            if column not in header:
                raise CaseStepFailed(f"{path.name} has no column {column!r}")
            index[key][column] = value
    _write(path, header, rows)


def _append_rows(path: Path, rows: list[dict]) -> None:
    header, old = _read(path)
    _write(path, header, old + rows)


def load_teacher(edits) -> dict:
    """The teacher's data: a dict, or the path of its JSON file."""
    if isinstance(edits, dict):
        return edits
    return json.loads(Path(edits).read_text(encoding="utf-8"))


def make_case(reports_dir, edits, dest) -> Path:
    """Make the case named in ``edits`` (a dict or the teacher's JSON file) inside the
    folder ``dest`` from the raw reports in ``reports_dir``, following the new-case
    README step by step; return the case folder. Raises CaseStepFailed when a step fails."""
    teacher = load_teacher(edits)
    core, optional = teacher["core"], teacher.get("optional", {})
    name = teacher["name"]
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    run("new-case", name, "--in", str(dest))
    case = dest / name
    arg = str(case)
    # 1. the raw reports, byte for byte
    for report in sorted(Path(reports_dir).glob("*.txt")):
        shutil.copyfile(report, case / "reports" / report.name)
    # 2. propose starts reports.csv (claims cannot be proposed yet: no facts); the
    # teacher fills in origin and origin_clue (and corrects has_headline)
    run("propose", arg)
    _set_cells(case / "reports.csv", ("report_id",), core["reports"])
    # 3. page furniture: first and last words, the helper finds the offsets
    for report, spans in core["furniture"].items():
        for span in spans:
            first, *last, kind = span
            words = ["--last", last[0]] if last else []
            printed = run(
                "furniture", arg, report, "--first", first, *words, "--kind", kind, "--append"
            )
            if "added as row" not in printed:
                raise CaseStepFailed(f"furniture {report} {first!r} was not added:\n{printed}")
    # 4. facts.csv, typed
    _append_rows(case / "facts.csv", core["facts"])
    # 5. propose writes claims.csv; the teacher checks every row, corrects some, confirms
    run("propose", arg)
    _set_cells(case / "claims.csv", ("report_id", "fact"), core["claims"])
    run("propose", arg, "--confirm")
    # 6. optional: the tables, the title and description, the teacher's notes
    for table in OPTIONAL_TABLES:
        if optional.get(table):
            _append_rows(case / f"{table}.csv", optional[table])
    if optional.get("datapackage"):
        meta = json.loads((case / "datapackage.json").read_text(encoding="utf-8"))
        resources = meta.pop("resources")
        meta.update(optional["datapackage"])
        meta["resources"] = resources  # the layout of data/datapackage.json: resources last
        (case / "datapackage.json").write_text(dump_descriptor(meta), encoding="utf-8")
    for file, text in optional.get("notes", {}).items():
        (case / "notes").mkdir(exist_ok=True)
        (case / "notes" / file).write_text(text, encoding="utf-8")
    # 7. validate until it says OK
    run("validate", arg)
    return case


def hand_typed_cells(edits) -> dict[str, dict[str, int]]:
    """How many cells the teacher typed: {"core": {part: n}, "optional": {part: n}}, each
    value one cell (an emptied cell too), locators not counted."""
    teacher = load_teacher(edits)
    core, optional = teacher["core"], teacher.get("optional", {})
    counts = {
        "core": {
            "reports.csv": sum(len(v) for v in core["reports"].values()),
            "furniture words": sum(len(s) for spans in core["furniture"].values() for s in spans),
            "facts.csv": sum(1 for r in core["facts"] for v in r.values() if v != ""),
            "claims edits": sum(
                len(v) for inner in core["claims"].values() for v in inner.values()
            ),
        },
        "optional": {
            **{
                f"{t}.csv": sum(1 for r in optional.get(t, []) for v in r.values() if v != "")
                for t in OPTIONAL_TABLES
            },
            "datapackage.json": _leaves(optional.get("datapackage", {})),
            "notes (files)": len(optional.get("notes", {})),
        },
    }
    return counts


def _leaves(value) -> int:
    """How many non-empty values a JSON value holds."""
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    return int(value not in ("", None))


def claims_differences(made, committed) -> tuple[set, set, list[tuple[str, str, str, str, str]]]:
    """How the claims.csv of case folder ``made`` differs from that of ``committed``: (the
    report × fact rows only in ``made``, those only in ``committed``, and for the rows in
    both every differing cell as (report, fact, column, made's, committed's))."""
    _, a = _read(Path(made) / "claims.csv")
    header, b = _read(Path(committed) / "claims.csv")
    mine = {(r["report_id"], r["fact"]): r for r in a}
    theirs = {(r["report_id"], r["fact"]): r for r in b}
    cells = [
        (*key, col, mine[key].get(col, ""), theirs[key][col])
        for key in theirs
        if key in mine
        for col in header
        if mine[key].get(col, "") != theirs[key][col]
    ]
    return set(mine) - set(theirs), set(theirs) - set(mine), cells
