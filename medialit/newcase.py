"""Start a new case: ``python -m medialit new-case NAME [--in DIR] [--title TITLE]``.

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
import textwrap
from pathlib import Path

from medialit.case import DEFAULT_CASE

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A case name: lowercase letters and digits, words joined by single dashes."""

VERSION = "0.1.0"

# The layout of data/datapackage.json: these lists hold one compact JSON object a line;
# everything above them is indented, everything inside them is compact.
_ONE_PER_LINE = ("licenses", "sources", "fields")

_SHA256 = (
    "python -c \"import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],'rb')"
    '.read()).hexdigest())" reports/FILE.txt'
)
_OFFSETS = (
    "python -c \"import sys;t=open(sys.argv[1],'rb').read().decode('utf-8')"
    ".removeprefix('\\ufeff');"
    's=t.find(sys.argv[2]);print(s,s+len(sys.argv[2]))" reports/FILE.txt "SOME WORDS"'
)


def check_name(name: str) -> str:
    """``name`` if it is a slug (``library-vote``), else a ValueError that says why."""
    if not isinstance(name, str) or not SLUG.fullmatch(name):
        raise ValueError(
            f"bad case name {name!r}: use a slug of lowercase letters, digits and single "
            "dashes, e.g. 'library-vote' or 'storm-2024' (no spaces, capitals, underscores "
            "or leading/trailing dashes)"
        )
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
            rows = ",\n".join(
                f"{inner}  {_dump(x, level + 2)}"
                if isinstance(x, dict)
                else f"{inner}  {_compact(x)}"
                for x in v
            )
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
        raise FileExistsError(
            f"{folder} is a file, not a folder: choose another place for the new case"
        )
    if folder.is_dir() and any(folder.iterdir()):
        raise FileExistsError(
            f"{folder} is not empty: new_case never overwrites a folder; "
            "choose a new one (or empty this one yourself)"
        )
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
            "come from."
        ),
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


_FURNITURE_EXAMPLE = (
    'python -m medialit furniture . 000-council-closes --first "Get the Valley Gazette" '
    '--last "it’s free." --kind newsletter_box --append'
)
"""The README's example command, on one line so that it can be copied."""


def readme(folder_name: str, name: str, title: str) -> str:
    """The instructions written into a new case folder: the steps a teacher follows, in
    order."""
    from medialit.origin import KIND_NAMES

    kinds = textwrap.fill(", ".join(f"`{k}`" for k in KIND_NAMES), 88)
    return f"""# {title}

This folder is a *case* for medialit: news reports of one event and tables of what
they state. `propose` writes most rows; you check them and type what only a reader
knows. Do the steps in order, from inside this folder (`cd {folder_name}`).

Save each table from a spreadsheet as "CSV UTF-8" with **commas** (not semicolons).
Write `true` and `false`, not `1`/`0` or `yes`/`no`. `datapackage.json` says what each
column means.

## 1. Add the raw reports

Put each report in `reports/` as a UTF-8 text file named `NNN-slug.txt`: three digits,
a dash, a few lowercase words (`000-council-closes.txt`). Keep it **byte for byte as
you collected it**, page furniture included: spotting it is part of the exercise.
Never edit a raw file afterwards.

## 2. Start `reports.csv`

    python -m medialit propose .

adds a row for each file. Fill in two cells a row and check one:

- `origin`: in plain words, how the text reached you (the outlet's own page, a
  syndicated copy, a rewritten press release ...);
- `origin_clue`: the strongest clue for that, copied from the raw file;
- `has_headline` (guessed): `true` if the first line of the **article text**, once the page
  furniture (step 3) is cut out, is a headline.

## 3. Mark the page furniture

For each span of the raw text that is not article, copy its first and last words:

    {_FURNITURE_EXAMPLE}

It adds the span's row to `furniture.csv`. Without `--last` the span runs to the end
of the line. Words not found: it says where the text differs. Words found twice: add
words, or pick one with `--first-match N` / `--last-match N`. The kinds:

{kinds}.

## 4. Choose the facts

    python -m medialit propose . --facts

adds a row to `facts.csv` for each figure that two or more reports give (a length, a
number of people ...) and prints where it found them. Keep, rename (`fact`, `label`)
or delete each row; keep its `cues`.

Then add a row for each other fact you compare. Two cells are enough:

- `label`: a short name, best in the reports' own words (`Climate change`);
- `kind`: `mention` (does the report mention it?), `wording` (the report's own words)
  or `quantity` (a number in `unit`: `minutes`, `hours`, `days`, or what is counted).

Leave the rest empty: `propose` makes `fact` (the id) from the label and writes a
`question` from it, marked `PROPOSED:` until you have read it (students see it).
Empty `cues`: the label's words are searched. Write cues when one telling word is
better: `nouns: climate`. An empty `tolerance` reads "about 200" as
180-220; 0.25 (a crowd estimate) as 150-250.

## 5. Check the claims

    python -m medialit propose .

writes `claims.csv`: one row per report and fact, its note starting `PROPOSED:` (it
never overwrites a row you wrote), and `review.html`: check there, in a browser. It
shows each fact across the reports, then each report with its quotes highlighted, what
each row holds and which columns to fix, and the facts not found. `propose . --review`
shows your edits. Validate checks these rules:

- `mentioned` = `false`: every column but `source_name` and `note` empty.
- `quote`: copied from the raw file (never retyped), from the article.
- `attribution`: `outlet` (`the report itself`) for the report's own voice. A
  president or minister in their own words (said, posted, told reporters) is
  `official`, with their name (`Trump`, `Putin`); a government's statement or readout
  is `white_house` or `kremlin` for those two, also when it says what the president
  said in the call, and `official` for any other government. `analyst`: an outside
  expert; `civil_society`: an NGO, campaign, charity, union or activists;
  `public`: ordinary people for themselves (residents, protesters, witnesses);
  `media`: another outlet.
- `bound`: `about` for a plain or rounded figure (`low` = `high` = value), `at_least`
  for "more than" (`high` empty), `at_most` for "nearly", "up to" (`low` = 0), `exact`
  for a precise one ("2 hours and 5 minutes").

Rows of a fact wrong because of its words? Write its `cues` first, then run
`propose . --redo FACT`: it writes that fact's rows still marked again (your edits in
them are lost). When every row is checked,

    python -m medialit propose . --confirm

deletes the marks in `claims.csv` and `facts.csv`.

## 6. Optional tables and the book

The other tables (`clues.csv`, `attributions.csv`, `loaded_words.csv`, `frames.csv`)
may keep only their header.

The book on this case (`python -m medialit build --case .`) takes its title and first
paragraph from `title` and `description` in `datapackage.json`: replace both. Your own
notes for a page go in `notes/` as markdown: `notes/intro.md` for the first page,
`notes/02-numbers.md` (or `notes/numbers.md`) for a chapter.

## 7. Validate until it says OK

    python -m medialit validate .

It prints each problem (`file:row:field: reason`; row 2 is the first data row) and
what to do. Fix and run again until the last line ends with `OK`. The least that
validates is one report, one fact and their claims row with no `PROPOSED:` mark left;
an empty case is **not** OK. Then compare the reports on a quantity fact:

    python -m medialit compare FACT --case .

## By hand, without the helpers

A file's SHA-256:

    {_SHA256}

Where SOME WORDS start and end (**Python string indices**, not bytes; `-1`: not found):

    {_OFFSETS}
"""


def main_new_case(name: str, parent: Path | None = None, title: str = "") -> int:
    """``python -m medialit new-case NAME [--in DIR] [--title TITLE]``: create ``DIR/NAME``
    (``DIR`` defaults to the current folder; ``TITLE`` goes into datapackage.json, the case
    book's title), print what was created and the next steps.
    Returns the exit status (1 with a message on standard error if it refuses)."""
    parent = Path.cwd() if parent is None else Path(parent)
    folder = parent / name
    try:
        new_case(folder, name, title)
    except (ValueError, OSError) as e:
        print(f"medialit new-case: {e}", file=sys.stderr)
        return 1
    print(f"Created the case {name!r} in {folder}:")
    for p in sorted(folder.iterdir()):
        print(f"  {p.name}{'/' if p.is_dir() else ''}")
    print(f"""
Next steps (README.md explains each one):
  1. copy the raw reports, unchanged, into {folder / "reports"}/ as NNN-slug.txt
  2. python -m medialit propose {folder}   (starts reports.csv: fill in origin, origin_clue)
  3. python -m medialit furniture {folder} REPORT --first "..." --last "..." --kind KIND --append
     for each span of page furniture
  4. python -m medialit propose {folder} --facts   (proposes facts: keep, rename, delete;
     add yours: label and kind)
  5. python -m medialit propose {folder}   (writes claims.csv: check each row in review.html),
     then python -m medialit propose {folder} --confirm
  6. python -m medialit validate {folder}   (repeat until it says OK)""")
    return 0
