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
    """The instructions written into a new case folder."""
    from medialit.origin import KIND_NAMES

    kinds = "\n".join(f"  - `{k}`: {v}" for k, v in KIND_NAMES.items())
    return f"""# {title}

This folder is a *case* for medialit: news reports of one event, with annotations.
It was created by `python -m medialit new-case {name}` and is still empty. Fill it in
the order below; every table is a CSV file (UTF-8, comma-separated, first row = header)
that you can edit in a spreadsheet, and `datapackage.json` says what each column means.
Run the commands from inside this folder (`cd {folder_name}`). When a spreadsheet saves
a table, choose "CSV UTF-8" with **commas** (some spreadsheets set to a language that
writes decimal commas save with semicolons, which medialit cannot read), and write
booleans as `true` and `false`, not `1` and `0` or `yes` and `no`.

Most rows are written for you: `propose` fills in `reports.csv` and every row of
`claims.csv`, and `furniture` finds the character offsets of page furniture. You check
what they wrote and type what only a reader can know (where a text comes from, which
facts to compare). For five reports and eight facts that is about 60-100 cells.

## 1. Add the raw reports

Put each report, **byte for byte as you collected it**, in `reports/` as a UTF-8 text
file named `NNN-slug.txt`: three digits, a dash, a few lowercase words from the opening
(`000-council-closes.txt`, `001-mayor-defends.txt`, ...). Keep the page furniture
(newsletter boxes, related links, photo captions): spotting it is part of the exercise.
Never edit a raw file afterwards, not even a space or a line ending: the recorded
SHA-256 would no longer match. (If you must change a file, run `propose` again to see
the new hash, and check every offset and quote that points into it.)

## 2. Let `propose` start `reports.csv`

    python -m medialit propose .

adds one row per file in `reports/`: `report_id` (the file name without `.txt`),
`file`, `sha256` (the file's fingerprint) and a guess at `has_headline`. Then fill in:

- `has_headline`: `true` if the first line of the **article text**, once the page
  furniture (step 3) is cut out, is a headline, else `false` (a donation appeal above
  the headline is furniture, so the headline still counts).
- `origin`: in plain words, what the text itself shows about how it reached you
  (the outlet's own page, a syndicated copy, an aggregator, a rewritten press release...).
- `origin_clue`: the strongest clue for that, copied verbatim from the raw file.
- `seed_file` may stay empty (the name the file had when you collected it).

## 3. Mark the page furniture

One row of `furniture.csv` per span of the raw text that is not article. Copy the first
words of the span and its last words from the report, and let medialit find them:

    {_FURNITURE_EXAMPLE}

It prints the span and its row (`report_id`, `start`, `end`, `kind`, `starts_with`,
`ends_with`) and, with `--append`, adds the row to `furniture.csv`. Without `--last`
the span runs to the end of the line (enough for a caption or a "Read more" line). If
the words are not in the report it says where the closest passage differs (curly
quotes ’ “ ” and dashes – — look like ' " -); if they occur more than once it lists
where, and you add words or choose one with `--first-match N` / `--last-match N`.
A span never overlaps another; a wrong row is deleted in the spreadsheet. The kinds:

{kinds}

## 4. List the facts in `facts.csv`

One row per fact you compare across reports:

- `fact`: an id such as `meeting_length` (lowercase letters, digits, `_`);
- `label`: a short name; `question`: what an annotator answers for every report;
- `kind`: `quantity` (a number in `unit`), `wording` (the report's own words) or
  `mention` (only whether it is mentioned);
- `unit` (quantities only): `minutes`, `hours` or `days` for durations, else what is
  counted (`people`, `prisoners per side`);
- `cues`: the words that point to the fact, which `propose` searches for:
  `nouns: meeting, session; verbs: met, debated`. For a quantity they tell the number
  extractor what the number measures (a count: `nouns: protester, demonstrator`; add
  `scope: sentence` when a cue anywhere in the sentence is enough). For a mention or
  wording fact any words will do (`nouns: petition, signatures`). Empty: the label's
  words are searched.
- `tolerance` (quantities, may be empty): how loosely to read an `about` figure, as a
  share (0.1, the default, reads "about 200" as 180-220; a crowd estimate may need 0.25).

## 5. Let `propose` write `claims.csv`, then check every row

    python -m medialit propose .

writes one row per report and fact (rows already there are kept: it never overwrites
what you wrote, and says what it kept). Each row it writes has a note that starts with
`PROPOSED:`. For a quantity fact it proposes the `quote` (the sentence or clause with
the figure, copied from the article), `value` in the fact's unit, `bound`, `low`, `high`
and whose statement it is; for the others, the first sentence with a cue word, or a
"not mentioned" row whose note says what was searched. Check each row against its
report, fix what is wrong, and delete `PROPOSED: ` from the note (when every row is
checked, `python -m medialit propose . --confirm` deletes all the marks). After you
change the cues or the furniture, `propose . --redo` writes the rows still marked again.

The rules a row follows (validate checks them):

- `mentioned` = `false`: every column but `source_name` and `note` empty.
- `quote`: copied from the raw file (never retyped), from the article, not the furniture.
- `attribution` and `source_name`: whose statement it is. `outlet` and `the report
  itself` for the report's own voice. A president or minister speaking in their own
  words (said, posted, told reporters) is `official`, with their name (`Trump`,
  `Putin`); a government's statement or readout is `white_house` or `kremlin` for those
  two, also when it says what the president said in the call, and `official` for any
  other government (`the Élysée readout`). `analyst` for an outside expert, `media` for
  another outlet.
- quantity facts: `value` in the fact's unit and a `bound`: `about` for a plain or
  rounded figure (`low` = `high` = value), `at_least` for "more than" (`low` = value,
  `high` empty), `at_most` for "nearly", "up to" (`low` = 0, `high` = value), `exact`
  for a precise figure such as "2 hours and 5 minutes" (`low` = `high` = value, read
  without tolerance). `propose` writes `about` for a plain figure: make it `exact` when
  the words are precise.
- wording facts: `value_text`, the report's own words.
- `note`: one sentence for a student checking the row.

## 6. Optional tables

`clues.csv`, `attributions.csv`, `loaded_words.csv` and `frames.csv` may stay with only
their header; their quotes, when you add rows, are checked like the claims' quotes.

## 7. Validate until it says OK

    python -m medialit validate .

Every problem is printed as `file:row:field: reason` (row 2 is the first data row, as
in a spreadsheet), with what to do: where a quote differs from the report, which id
you probably meant, that a text with a comma needs quotes. Fix them and run it again
until the last line ends with `OK`. The least that validates is one report, one fact
and their claims row with no `PROPOSED:` mark left; an empty case is **not** OK
("no reports yet"). Comparing needs at least two reports that mention a fact; the book
is written for about five. Then compare the reports on a quantity fact
(`meeting_length` here stands for one of your facts):

    python -m medialit compare meeting_length --case .

## By hand, without the helpers

A file's SHA-256:

    {_SHA256}

Where SOME WORDS start and end in a report (offsets are **Python string indices** into
the decoded text: characters, not bytes; `end` is one past the last character; `-1`
means not found). Do not count offsets in an editor: editors count line endings and
accented letters differently.

    {_OFFSETS}
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
  1. copy the raw reports, unchanged, into {folder / "reports"}/ as NNN-slug.txt
  2. python -m medialit propose {folder}   (starts reports.csv: fill in origin, origin_clue)
  3. python -m medialit furniture {folder} REPORT --first "..." --last "..." --kind KIND --append
     for each span of page furniture; list the facts in facts.csv
  4. python -m medialit propose {folder}   (writes claims.csv: check each PROPOSED row)
  5. python -m medialit validate {folder}   (repeat until it says OK)""")
    return 0
