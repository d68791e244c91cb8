"""Start a new case: ``python -m medialit new-case NAME [--in DIR]``.

:func:`new_case` writes an empty case folder that an instructor fills with the reports of
another event: a ``datapackage.json`` with the default case's schema (every resource, the
same fields and constraints, read from ``data/datapackage.json`` so the schema lives in one
place), every CSV file with only its header row, an empty ``reports/`` folder and a
``README.md`` that explains, step by step, how to fill it in.

>>> import tempfile
>>> tmp = tempfile.TemporaryDirectory()
>>> folder = new_case(Path(tmp.name) / "my-event", "my-event")
>>> sorted(p.name for p in folder.iterdir())[:4]
['README.md', 'attributions.csv', 'claims.csv', 'clues.csv']
>>> (folder / "claims.csv").read_text(encoding="utf-8").splitlines()[0][:30]
'report_id,fact,mentioned,quote'
>>> new_case(folder, "my-event")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
FileExistsError: ... is not empty: new_case never overwrites a folder; choose a new one ...
>>> tmp.cleanup()
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from medialit.case import DEFAULT_CASE

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A case name: lowercase letters and digits, words joined by single dashes."""

VERSION = "0.1.0"

# The layout of data/datapackage.json: these lists hold one compact JSON object a line;
# everything above them is indented, everything inside them is compact.
_ONE_PER_LINE = ("licenses", "sources", "fields")

_SHA256 = ("python -c \"import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],'rb')"
           ".read()).hexdigest())\" reports/FILE.txt")
_OFFSETS = ("python -c \"import sys;t=open(sys.argv[1],'rb').read().decode('utf-8')"
            ".removeprefix('\\ufeff');"
            "s=t.find(sys.argv[2]);print(s,s+len(sys.argv[2]))\" reports/FILE.txt \"SOME WORDS\"")


def check_name(name: str) -> str:
    """``name`` if it is a slug (``library-vote``), else a ValueError that says why."""
    if not isinstance(name, str) or not SLUG.fullmatch(name):
        raise ValueError(
            f"bad case name {name!r}: use a slug of lowercase letters, digits and single "
            "dashes, e.g. 'library-vote' or 'storm-2024' (no spaces, capitals, underscores "
            "or leading/trailing dashes)")
    return name


def default_schema() -> list[dict]:
    """The resources (tables and their schemas) of the default case, read from its
    ``datapackage.json``."""
    meta = json.loads((DEFAULT_CASE / "datapackage.json").read_text(encoding="utf-8"))
    return meta["resources"]


def dump_descriptor(meta: dict) -> str:
    """A data package descriptor in the layout of ``data/datapackage.json``: indented down
    to the lists of licenses, sources and schema fields, which hold one compact object a
    line; ``primaryKey`` and ``foreignKeys`` stay on one line."""
    return _dump(meta, 0) + "\n"


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _dump(value: dict, level: int) -> str:
    """An indented object whose lists of licenses, sources and fields hold one compact
    object a line; resources and schemas are indented, everything else is compact."""
    pad, inner = "  " * level, "  " * (level + 1)
    items = []
    for k, v in value.items():
        if k in _ONE_PER_LINE and isinstance(v, list) and v:
            rows = ",\n".join(f"{inner}  {_compact(x)}" for x in v)
            items.append(f"{inner}{_compact(k)}: [\n{rows}\n{inner}]")
        elif k == "resources" and isinstance(v, list) and v:
            rows = ",\n".join(f"{inner}  {_dump(x, level + 2)}" if isinstance(x, dict)
                              else f"{inner}  {_compact(x)}" for x in v)
            items.append(f"{inner}{_compact(k)}: [\n{rows}\n{inner}]")
        elif k == "schema" and isinstance(v, dict):
            items.append(f"{inner}{_compact(k)}: {_dump(v, level + 1)}")
        else:
            items.append(f"{inner}{_compact(k)}: {_compact(v)}")
    return "{\n" + ",\n".join(items) + f"\n{pad}}}"


def new_case(folder: Path, name: str, title: str = "") -> Path:
    """Write an empty case into ``folder`` (created if needed) and return its path.

    ``name`` must be a slug (:data:`SLUG`); ``title`` defaults to one built from it.
    Refuses, with ``FileExistsError``, to write into a folder that is not empty, and
    with ``ValueError`` to use a name that is not a slug.
    """
    check_name(name)
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"{folder} is a file, not a folder: choose another place "
                              "for the new case")
    if folder.is_dir() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty: new_case never overwrites a folder; "
                              "choose a new one (or empty this one yourself)")
    resources = default_schema()
    title = title.strip() or f"News reports of one event ({name})"
    meta = {
        "name": name,
        "title": title,
        "description": (
            "Reports of one event, exactly as they were collected (article text mixed with "
            "page furniture), with page furniture recorded as character spans over the raw "
            "text and hand-checked claims that carry verbatim quotes. Character offsets "
            "count Unicode code points of the UTF-8-decoded text, end exclusive (Python "
            "slicing). Replace this description with what the reports are and where they "
            "come from."),
        "version": VERSION,
        "resources": resources,
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "reports").mkdir()
    (folder / "datapackage.json").write_text(dump_descriptor(meta), encoding="utf-8")
    for r in resources:
        header = ",".join(f["name"] for f in r["schema"]["fields"])
        (folder / r["path"]).write_text(header + "\n", encoding="utf-8")
    (folder / "README.md").write_text(readme(folder.name, name, title), encoding="utf-8")
    return folder


def readme(folder_name: str, name: str, title: str) -> str:
    """The instructions written into a new case folder."""
    return f"""# {title}

This folder is a *case* for medialit: news reports of one event, with annotations.
It was created by `python -m medialit new-case {name}` and is still empty. Fill it in
the order below; every table is a CSV file (UTF-8, comma-separated, first row = header)
that you can edit in a spreadsheet, and `datapackage.json` says what each column means.
Run the commands from inside this folder (`cd {folder_name}`). When a spreadsheet saves
a table, choose "CSV UTF-8" with **commas** (some spreadsheets set to a language that
writes decimal commas save with semicolons, which medialit cannot read), and write
booleans as `true` and `false`, not `1` and `0` or `yes` and `no`.

## 1. Add the raw reports

Put each report, **byte for byte as you collected it**, in `reports/` as a UTF-8 text
file named `NNN-slug.txt`: three digits, a dash, a few lowercase words from the opening
(`000-council-closes.txt`, `001-mayor-defends.txt`, ...). Keep the page furniture
(newsletter boxes, related links, photo captions): spotting it is part of the exercise.
Never edit a raw file afterwards, not even a space or a line ending: the recorded
SHA-256 would no longer match. (If you must change a file, recompute its hash and every
offset and quote that points into it.)

## 2. Compute each file's SHA-256

    {_SHA256}

## 3. Fill `reports.csv` (one row per file)

- `report_id`: the file name without `.txt` (`000-council-closes`).
- `file`: `reports/000-council-closes.txt`.
- `seed_file`: the name the file had when you collected it (may stay empty).
- `sha256`: the 64 hex digits from step 2.
- `has_headline`: `true` if the first line is the headline, else `false`.
- `origin`: in plain words, what the text itself shows about how it reached you
  (the outlet's own page, a syndicated copy, an aggregator, a rewritten press release...).
- `origin_clue`: the strongest clue for that, copied verbatim from the raw file.

## 4. Mark the page furniture in `furniture.csv`

One row per span of the raw text that is not article: `report_id`, `start`, `end`,
`kind` (see `datapackage.json` for the allowed kinds) and `starts_with` (the first
words of the span, verbatim, as a check). Offsets are **Python string indices** into
the decoded text (characters, not bytes; `end` is one past the last character). Find
them with this one-liner, which prints where SOME WORDS start and end:

    {_OFFSETS}

Run it with the first words of the span (take the first number as `start`) and with its
last words (take the second number as `end`). `-1` means the words were not found
(check for curly quotes and double spaces); it finds the first occurrence only, so use
words that occur once. Do not compute offsets in an editor: editors count line
endings and accented letters differently.

## 5. List the facts in `facts.csv`

One row per fact you compare across reports: `fact` (an id such as `meeting_length`),
`label`, `kind` (`quantity`: a number in `unit`; `wording`: the report's own words;
`mention`: only whether it is mentioned), `unit` (for quantities: `minutes` for
durations, `people`...) and the `question` an annotator answers for every report.

## 6. Fill `claims.csv`: one row per report and fact

Every report needs a row for every fact, also when it does not mention it
(`mentioned` = `false`, everything else but `source_name` and `note` empty).
When mentioned:

- `quote`: the shortest sentence or clause that says it, **copied** from the raw file
  (never retyped), from the article rather than the furniture.
- `attribution` and `source_name`: whose statement it is (`outlet` and `the report
  itself` for the report's own voice).
- quantity facts: `value` in the fact's unit and a `bound`: `about` for a plain or
  rounded figure (`low` = `high` = value), `at_least` for "more than" (`low` = value,
  `high` empty), `at_most` for "nearly", "up to" (`low` = 0, `high` = value).
- wording facts: `value_text`, the report's own words.
- `note`: one sentence for a student checking the row.

## 7. Optional tables

`clues.csv`, `attributions.csv`, `loaded_words.csv` and `frames.csv` may stay with only
their header; their quotes, when you add rows, are checked like the claims' quotes.

## 8. Validate until it says OK

    python -m medialit validate .

Every problem is printed as `file:row:field: reason` (row 2 is the first data row, as
in a spreadsheet). Fix them and run it again until the last line ends with `OK`. An
empty case is also "OK": check that your rows are there. Then compare the reports on
a quantity fact (`meeting_length` here stands for one of your facts):

    python -m medialit compare meeting_length --case .
"""


def main_new_case(name: str, parent: Path | None = None) -> int:
    """``python -m medialit new-case NAME [--in DIR]``: create ``DIR/NAME`` (``DIR``
    defaults to the current folder), print what was created and the next steps.
    Returns the exit status (1 with a message on standard error if it refuses)."""
    parent = Path.cwd() if parent is None else Path(parent)
    folder = parent / name
    try:
        new_case(folder, name)
    except (ValueError, OSError) as e:
        print(f"medialit new-case: {e}", file=sys.stderr)
        return 1
    print(f"Created the case {name!r} in {folder}:")
    for p in sorted(folder.iterdir()):
        print(f"  {p.name}{'/' if p.is_dir() else ''}")
    print(f"""
Next steps (README.md explains each one):
  1. copy the raw reports, unchanged, into {folder / 'reports'}/ as NNN-slug.txt
  2. record each file's SHA-256 in reports.csv
  3. mark page furniture (furniture.csv), list facts (facts.csv), annotate claims.csv
  4. python -m medialit validate {folder}   (repeat until it says OK)""")
    return 0
