"""Load and validate a *case*: a folder of news reports of one event, with annotations.

A case folder holds a Frictionless ``datapackage.json`` that describes four tables
(``reports.csv``, ``furniture.csv``, ``facts.csv``, ``claims.csv``) and the raw report
texts under ``reports/``. The default case is this repository's ``data/`` folder: five
reports of the Trump-Putin phone call of 18 March 2025.

Any other case is loaded by its folder, here the small invented one the tests use:

>>> case = load_case("tests/cases/library-vote")
>>> case.report_ids
['000-council-closes', '001-council-approves', '002-marathon-meeting']
>>> c = case.claim("000-council-closes", "meeting_length")
>>> float(c.value), c.bound, c.quote
(180.0, 'at_least', 'after a meeting that lasted more than three hours')

Problems are reported as ``file:row:field: reason`` (row 1 is the header, so the first
data row is row 2, as in a spreadsheet). Every problem is collected before anything is
raised, so one run of :func:`validate_case` lists them all.

Every file of a case is read through one guarded reader, :func:`read_case_file`: only
regular files that resolve inside the case folder (a link to another file of the case is
fine), at most :data:`MAX_TABLE_BYTES` per CSV and :data:`MAX_REPORT_BYTES` per report
text. A link out of the folder, a folder, a named pipe or a device is refused with a
problem that names the file and never quotes what it holds. A UTF-8 byte order mark (what
a spreadsheet's "CSV UTF-8" writes) at the start of a CSV, a report text or
``datapackage.json`` is not part of the text: headers read right and character offsets
count from the first character after it.

This module loads a case; what it checks lives beside it: :mod:`medialit.validation` (the
Frictionless check and one check per table) and :mod:`medialit.cache` (the fingerprint and
the cached result of the Frictionless check).
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

DEFAULT_CASE = Path(__file__).resolve().parent.parent / "data"
"""The case used when none is named (override with the ``MEDIALIT_CASE`` environment variable)."""

TABLES = ("reports", "furniture", "facts", "claims")
"""Tables every case has."""
OPTIONAL_TABLES = {
    # table: (column holding verbatim text, may it lie in page furniture?)
    "clues": ("clue", True),
    "attributions": ("quote", False),
    "loaded_words": ("quote", False),
    "frames": ("evidence", False),
}
"""Tables a case may add (the default case has them all); their quotes are checked too."""
BOUNDS = ("about", "at_least", "at_most", "exact")
OPTIONAL_COLUMNS = {"furniture": ("ends_with",), "facts": ("cues", "tolerance")}
"""Columns the schema describes that a CSV may leave out (a case made before they existed
still validates); when present they are checked."""
PROPOSED = "PROPOSED:"
"""How ``python -m medialit propose`` marks the ``note`` of a claims row it wrote: the row
is a proposal until the teacher checks it and deletes the mark (validate lists it)."""


def is_proposed(text: object) -> bool:
    """Whether a cell still carries the :data:`PROPOSED` mark (any case, leading spaces).

    >>> is_proposed("  proposed: check the hedge"), is_proposed("Checked.")
    (True, False)
    """
    return str(text or "").lstrip().upper().startswith(PROPOSED)


MAX_TABLE_BYTES = 5 * 2**20
"""Largest CSV table medialit reads: 5 MB (the default case's largest table is 34 kB)."""
MAX_REPORT_BYTES = 5 * 2**20
"""Largest raw report text medialit reads: 5 MB (a long article is under 100 kB)."""
MAX_DESCRIPTOR_BYTES = 2**20
"""Largest ``datapackage.json`` medialit reads: 1 MB (the default case's is 16 kB)."""
BOM = b"\xef\xbb\xbf"
"""The UTF-8 byte order mark: dropped from the start of every file before it is decoded."""
_WORD = re.compile(r"\S*\w\S*")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case, located as precisely as possible."""

    file: str
    row: int | None
    field: str | None
    reason: str

    def __str__(self) -> str:
        """One line, whatever a damaged file put in a column name or a reason."""
        where = ":".join(str(p) for p in (self.file, self.row, self.field) if p not in (None, ""))
        return " ".join(f"{where}: {self.reason}".splitlines())


class CaseError(ValueError):
    """Raised when a case folder has problems; ``.problems`` lists them all."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = Path(path)
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"the case in {self.path} has {len(self.problems)} problem(s):\n{lines}")


@dataclass
class Case:
    """A validated case. All tables are pandas DataFrames.

    ``reports``: report_id, file, seed_file, sha256, has_headline, origin, origin_clue
    (from reports.csv) plus computed columns ``headline`` (the first line of the article
    text; empty when ``has_headline`` is false), ``text`` (raw,
    exactly as scraped), ``clean_text`` (raw minus furniture spans), ``body_words`` (words
    in the clean text after the headline line) and ``furniture_chars``.

    ``furniture``: report_id, start, end, kind, starts_with, plus ``text`` (the span).

    ``facts``: fact, label, kind (quantity / wording / mention), unit, question.

    ``claims``: one row per report and fact: report_id, fact, mentioned, quote,
    value_text, value, bound, low, high, attribution, source_name, note, plus
    ``quote_start`` (where the quote starts in the raw text, -1 when not mentioned).
    For quantity claims ``high`` is ``inf`` when the words set no upper bound.
    """

    name: str
    title: str
    path: Path
    reports: pd.DataFrame
    furniture: pd.DataFrame
    facts: pd.DataFrame
    claims: pd.DataFrame
    metadata: dict = field(default_factory=dict, repr=False)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)
    """Optional tables the case has (clues, attributions, loaded_words, frames), by name."""

    def table(self, name: str) -> pd.DataFrame:
        """An optional table, e.g. ``case.table("attributions")``; a clear error if absent."""
        if name not in self.tables:
            raise KeyError(
                f"case {self.name!r} has no {name} table "
                f"(it has: {', '.join(sorted(self.tables)) or 'none'})"
            )
        return self.tables[name]

    @property
    def report_ids(self) -> list[str]:
        return self.reports["report_id"].tolist()

    @staticmethod
    def number(report_id: str) -> str:
        """A report's number, the part of its id before the first dash, as tables show it.

        >>> Case.number("003-two-hour-call")
        '003'
        """
        return report_id.split("-", 1)[0]

    @property
    def report_numbers(self) -> list[str]:
        """Every report's number (:meth:`number`), in report order."""
        return [self.number(rid) for rid in self.report_ids]

    def resolve(self, report: str) -> str:
        """The full report id for a full id or a report's number ('001'); a KeyError that
        lists the known ids otherwise."""
        for rid in self.report_ids:
            if report in (rid, self.number(rid)):
                return rid
        raise KeyError(
            f"no report {report!r} in case {self.name!r}; known: {', '.join(self.report_ids)}"
        )

    def text(self, report_id: str, clean: bool = False) -> str:
        """The raw text of one report, or its clean article text (furniture removed)."""
        row = self.reports.loc[self.reports["report_id"] == report_id]
        if row.empty:
            raise KeyError(
                f"no report {report_id!r} in case {self.name!r}; "
                f"known: {', '.join(self.report_ids)}"
            )
        return row.iloc[0]["clean_text" if clean else "text"]

    def claim(self, report_id: str, fact: str) -> pd.Series:
        """The single claims row for one report and fact."""
        rows = self.claims[(self.claims["report_id"] == report_id) & (self.claims["fact"] == fact)]
        if rows.empty:
            raise KeyError(f"no claim for report {report_id!r} and fact {fact!r}")
        return rows.iloc[0]

    def fact_claims(self, fact: str) -> pd.DataFrame:
        """All reports' rows for one fact, in report order. Its ``attrs`` hold the fact's
        ``unit`` and ``tolerance`` (facts.csv; 10 % when empty), which
        :func:`medialit.compare_claims` uses when it is not given them."""
        from medialit.discrepancy import tolerance_of

        if fact not in set(self.facts["fact"]):
            raise KeyError(f"no fact {fact!r}; known: {', '.join(self.facts['fact'])}")
        rows = self.claims[self.claims["fact"] == fact].reset_index(drop=True)
        unit = self.facts.set_index("fact").loc[fact, "unit"]
        rows.attrs.update(fact=fact, unit=str(unit), tolerance=tolerance_of(self, fact))
        return rows


REPO_ROOT = DEFAULT_CASE.parent
"""The repository (or the student bundle) that holds ``data/``: relative case paths are
also looked for here and in its ``cases/`` folder."""
CASES_DIR = REPO_ROOT / "cases"
"""Where a teacher's own cases may live: ``cases/my-event`` is found as ``my-event``."""


def case_candidates(case: str | os.PathLike) -> list[Path]:
    """Where a case given as ``case`` is looked for, in order: an absolute path as it is;
    a relative one from the current folder, from the repository root, then in its
    ``cases/`` folder (so a notebook in ``exercises/`` finds ``"my-event"`` and
    ``"cases/my-event"`` alike)."""
    path = Path(case).expanduser()
    if path.is_absolute():
        return [path]
    return list(dict.fromkeys([Path.cwd() / path, REPO_ROOT / path, CASES_DIR / path]))


def resolve_case_path(case: str | os.PathLike | None = None) -> Path:
    """The folder of a case: a path (see :func:`case_candidates`: the first of its places
    that is a folder), or ``None`` for the case the ``MEDIALIT_CASE`` environment variable
    names (resolved the same way), else the default case. The one setting that makes the
    book (``python -m medialit build``) and the exercise notebooks use another case."""
    if case is None or (isinstance(case, str) and not case.strip()):
        case = os.environ.get("MEDIALIT_CASE", "").strip() or DEFAULT_CASE
    places = case_candidates(case)
    found = next((p for p in places if p.is_dir()), places[0])
    return found.resolve()


def load_case(case: str | os.PathLike | None = None) -> Case:
    """Load a case folder (default: this book's five reports), validating it first.

    Raises :class:`CaseError` listing every problem (``file:row:field: reason``).
    """
    path = resolve_case_path(case)
    tables, meta, problems, files = _read(path)
    if problems:
        raise CaseError(path, problems)
    return _assemble(path, tables, meta, files)


def book_case() -> Case:
    """The case the book's own chapters and exercise notebooks are written about: the five
    reports in ``data/``, whatever ``MEDIALIT_CASE`` says (their text and their keys
    quote those reports). When ``MEDIALIT_CASE`` names another case, it says where that
    case's own chapters are, instead of failing on the first report it cannot find."""
    other = os.environ.get("MEDIALIT_CASE", "").strip()
    if other and resolve_case_path(other) != DEFAULT_CASE.resolve():
        name = resolve_case_path(other).name
        print(
            f"MEDIALIT_CASE is {other!r}, but this notebook is about the five reports of the "
            f"18 March 2025 call, so it uses those. The chapters and exercises for {name} are "
            f"in its case book: run `python -m medialit build --case {other}` and open the "
            f"notebooks in book/_build/cases/{name}/chapters/ (or its pages)."
        )
    return load_case(DEFAULT_CASE)


def validate_case(case: str | os.PathLike | None = None) -> list[Problem]:
    """Every problem in a case folder (an empty list means the case is valid)."""
    return _read(resolve_case_path(case))[2]


# --------------------------------------------------------------------------- files


class CaseFileError(Exception):
    """A file of a case that is not read (see :func:`read_case_file`). ``reason`` starts
    with a verb (``is a folder, not a file; ...``) so it reads after the file's name, and
    it never quotes the file."""

    def __init__(self, name: str, reason: str):
        self.name, self.reason = name, reason
        super().__init__(f"{name}: {reason}")


_PUT_THE_FILE = "replace it with the file itself"
_NOT_A_FILE = {
    stat.S_IFDIR: "is a folder, not a file",
    stat.S_IFIFO: "is a named pipe, not a file",
    stat.S_IFCHR: "is a device, not a file",
    stat.S_IFBLK: "is a device, not a file",
    stat.S_IFSOCK: "is a socket, not a file",
}


def read_case_file(folder: str | os.PathLike, name: str, limit: int) -> bytes:
    """The bytes of ``name``, a path relative to the case ``folder``: the one way medialit
    reads a file of a case.

    Only a regular file that resolves inside the folder is read (a link to another file of
    the case is followed), and only if it holds at most ``limit`` bytes: never more than
    ``limit + 1`` bytes are read, a named pipe is never opened and nothing outside the folder
    is opened. Raises ``FileNotFoundError`` when there is no such file (callers word that
    problem themselves) and :class:`CaseFileError` saying why anything else is refused.

    >>> read_case_file(".", "../README.md", 100)  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    medialit.case.CaseFileError: ../README.md: is not inside the case folder; name files by
    their path in it, e.g. reports/000-first.txt
    """
    root = Path(folder).resolve()
    rel = Path(name)
    if rel.is_absolute() or ".." in rel.parts or "\0" in name or "://" in name:
        raise CaseFileError(
            name,
            "is not inside the case folder; name files by their path "
            "in it, e.g. reports/000-first.txt",
        )
    path = root / rel
    try:
        os.lstat(path)
        real = path.resolve()
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(name) from None
    except (OSError, RuntimeError) as e:  # RuntimeError: a loop of links (Python < 3.13)
        why = getattr(e, "strerror", None) or "a loop of links"
        raise CaseFileError(name, f"cannot be read ({why}); copy the file into the case") from None
    if real != root and root not in real.parents:
        where = "is a link to a file" if path.is_symlink() else "is in a folder that links"
        raise CaseFileError(
            name, f"{where} outside the case folder; copy the file into the case instead"
        )
    try:
        st = os.stat(real)
    except (FileNotFoundError, NotADirectoryError):
        if path.is_symlink():
            raise CaseFileError(
                name, "is a link to a file that does not exist; copy the file into the case instead"
            ) from None
        raise FileNotFoundError(name) from None
    except OSError as e:
        raise CaseFileError(name, f"cannot be read ({e.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        kind = _NOT_A_FILE.get(stat.S_IFMT(st.st_mode), "is not a regular file")
        raise CaseFileError(name, f"{kind}; {_PUT_THE_FILE}")
    too_big = CaseFileError(
        name,
        f"is larger than {_size(limit)}, the most medialit reads from "
        "a file like this; check that it is the right file",
    )
    if st.st_size > limit:
        raise too_big
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(real, flags)
    except OSError as e:
        raise CaseFileError(name, f"cannot be read ({e.strerror})") from None
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            raise CaseFileError(name, "was replaced while it was read; try again")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 2**20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as e:
        raise CaseFileError(name, f"cannot be read ({e.strerror})") from None
    finally:
        os.close(fd)
    if left <= 0:  # it grew past the limit since it was measured
        raise too_big
    return b"".join(chunks)


def _size(n: int) -> str:
    """``5 MB``, ``2 kB``, ``10 bytes`` (MB and kB of 1024)."""
    for unit, size in (("MB", 2**20), ("kB", 2**10)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"


def decode_case_text(data: bytes) -> str:
    """A file's bytes as text: UTF-8, without a leading byte order mark.

    >>> decode_case_text(BOM + b"report_id,file")
    'report_id,file'
    """
    return data.removeprefix(BOM).decode("utf-8")


class _CaseFiles:
    """The files of one case read so far (each read once, through :func:`read_case_file`):
    bytes, or the exception that refused them."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._seen: dict[str, bytes | Exception] = {}

    def read(self, name: str, limit: int) -> bytes:
        if name not in self._seen:
            try:
                self._seen[name] = read_case_file(self.folder, name, limit)
            except (FileNotFoundError, CaseFileError) as e:
                self._seen[name] = e
        got = self._seen[name]
        if isinstance(got, Exception):
            raise got
        return got


# --------------------------------------------------------------------------- reading

# Columns this module's checks rely on (a case's schema may add more).
REQUIRED_COLUMNS = {
    "reports": ["report_id", "file", "sha256", "has_headline", "origin", "origin_clue"],
    "furniture": ["report_id", "start", "end", "kind", "starts_with"],
    "facts": ["fact", "label", "kind", "unit", "question"],
    "claims": [
        "report_id",
        "fact",
        "mentioned",
        "quote",
        "value_text",
        "value",
        "bound",
        "low",
        "high",
        "attribution",
        "source_name",
        "note",
    ],
    "clues": ["report_id", "clue"],
    "attributions": ["report_id", "quote"],
    "loaded_words": ["report_id", "quote"],
    "frames": ["report_id", "evidence"],
}


def _read(path: Path) -> tuple[dict[str, pd.DataFrame], dict, list[Problem], _CaseFiles]:
    # The checks build on this module's Problem and readers, so they are imported here.
    from medialit import cache, validation

    problems: list[Problem] = []
    files = _CaseFiles(path)
    if not path.is_dir():
        return (
            {},
            {},
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "no such case folder (a relative path is looked "
                    "for from here, from the repository root and in its cases/ "
                    "folder)",
                )
            ],
            files,
        )
    meta = _read_descriptor(files, problems)
    if meta is None:
        return {}, {}, problems, files
    resources = {r["name"]: r for r in meta["resources"]}
    wanted = [*TABLES, *(t for t in OPTIONAL_TABLES if t in resources)]
    absent: dict[str, list[str]] = {}
    for name in wanted:
        problems.extend(
            _header_problems(
                files,
                resources[name],
                REQUIRED_COLUMNS[name],
                OPTIONAL_COLUMNS.get(name, ()),
                absent,
            )
        )
    problems.extend(_reference_problems(files, meta, {resources[n]["path"] for n in wanted}))
    if problems:
        # Wrong columns make every later check misleading: report them alone.
        return {}, meta, problems, files
    problems.extend(
        cache.frictionless_problems_cached(
            path, _frictionless_inputs(files, meta, absent), validation.frictionless_problems
        )
    )
    tables: dict[str, pd.DataFrame] = {}
    for name in wanted:
        csv = resources[name]["path"]
        try:
            data = decode_case_text(files.read(csv, MAX_TABLE_BYTES))
            tables[name] = pd.read_csv(io.StringIO(data), dtype=str, keep_default_na=False)
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
            reason = str(e).splitlines()[0] if str(e) else type(e).__name__
            cells = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", reason)
            if cells:
                reason = (
                    f"line {cells.group(2)} has {cells.group(3)} cells, the header "
                    f'{cells.group(1)}: put a text with a comma in quotes ("like, this")'
                )
            if not any(p.file == Path(csv).name for p in problems):
                problems.append(Problem(Path(csv).name, None, None, f"cannot be read: {reason}"))
    for name, what in (("reports", "reports"), ("facts", "facts")):
        if name in tables and tables[name].empty:
            problems.append(
                Problem(
                    resources[name]["path"],
                    None,
                    None,
                    f"no {what} yet: add one row per {what[:-1]}",
                )
            )
    if problems:
        # Structural problems first: semantic checks on broken tables would only add noise.
        return tables, meta, problems, files
    problems.extend(validation.semantic_problems(files, tables))
    return tables, meta, problems, files


def _header_problems(
    files: _CaseFiles,
    resource: dict,
    required: list[str],
    optional: tuple[str, ...] = (),
    absent: dict | None = None,
) -> list[Problem]:
    """The header row: readable, comma-separated, with the schema's columns in order
    (``optional`` ones may be left out: those left out are added to ``absent[name]``)."""
    import csv

    file = resource["path"]
    try:
        data = files.read(file, MAX_TABLE_BYTES).removeprefix(BOM)
        first = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="").readline()
    except FileNotFoundError:
        return [Problem(file, None, None, "the file is missing")]
    except CaseFileError as e:
        return [Problem(file, None, None, e.reason)]
    except UnicodeDecodeError as e:
        return [Problem(file, None, None, f"cannot be read as UTF-8 text: {e}")]
    if not first.strip():
        return [Problem(file, 1, None, "the header row is missing")]
    header = next(csv.reader([first]))
    if first.count('"') % 2 or any("\n" in col or "\r" in col for col in header):
        return [
            Problem(
                file, 1, None, 'the header row has a quote mark (") that is never closed: remove it'
            )
        ]
    if len(header) == 1 and (";" in first or "\t" in first):
        sep = "semicolons" if ";" in first else "tabs"
        return [
            Problem(
                file,
                1,
                None,
                f"columns are separated by {sep}, not commas: save it as "
                "CSV (comma-separated, UTF-8)",
            )
        ]
    schema = resource.get("schema")
    declared = schema.get("fields") if isinstance(schema, dict) else None
    names = (
        [f.get("name") for f in declared if isinstance(f, dict)]
        if isinstance(declared, list)
        else []
    )
    fields = [f for f in names if isinstance(f, str)] or required
    left_out = [f for f in fields if f in optional and f not in header and f not in required]
    if left_out and absent is not None:
        absent[resource.get("name")] = left_out
    fields = [f for f in fields if f not in left_out]
    out = [
        Problem(file, 1, col, "missing column")
        for col in [*fields, *required]
        if col not in header and col is not None
    ]
    out += [
        Problem(file, 1, col, "column not described in datapackage.json")
        for col in header
        if col not in fields
    ]
    out = list({str(p): p for p in out}.values())
    if not out and header != fields:
        out.append(
            Problem(
                file,
                1,
                None,
                f"columns must be in the order of datapackage.json: {', '.join(fields)}",
            )
        )
    return out


def _read_descriptor(files: _CaseFiles, problems: list[Problem]) -> dict | None:
    try:
        meta = json.loads(decode_case_text(files.read("datapackage.json", MAX_DESCRIPTOR_BYTES)))
    except FileNotFoundError:
        problems.append(
            Problem(
                "datapackage.json",
                None,
                None,
                "missing: every case needs a datapackage.json describing its tables",
            )
        )
        return None
    except CaseFileError as e:
        problems.append(Problem("datapackage.json", None, None, e.reason))
        return None
    except UnicodeDecodeError as e:
        problems.append(Problem("datapackage.json", None, None, f"cannot be read: {e}"))
        return None
    except json.JSONDecodeError as e:
        problems.append(
            Problem(
                "datapackage.json", e.lineno, None, f"not valid JSON (column {e.colno}): {e.msg}"
            )
        )
        return None
    except RecursionError:
        problems.append(
            Problem("datapackage.json", None, None, "not valid JSON: brackets nested too deeply")
        )
        return None
    if not isinstance(meta, dict) or not isinstance(meta.get("resources"), list):
        problems.append(
            Problem(
                "datapackage.json",
                None,
                "resources",
                "must be a JSON object with a list of resources",
            )
        )
        return None
    names = set()
    for i, r in enumerate(meta["resources"], 1):
        if (
            not isinstance(r, dict)
            or not isinstance(r.get("name"), str)
            or not isinstance(r.get("path"), str)
        ):
            problems.append(
                Problem(
                    "datapackage.json",
                    None,
                    "resources",
                    f"resource {i} needs a text name and a text path",
                )
            )
            continue
        if Path(r["path"]).is_absolute() or ".." in Path(r["path"]).parts:
            problems.append(
                Problem(
                    "datapackage.json",
                    None,
                    "resources",
                    f"resource {r['name']}: path must stay inside the case folder",
                )
            )
        names.add(r["name"])
    for name in TABLES:
        if name not in names:
            problems.append(
                Problem(
                    "datapackage.json",
                    None,
                    "resources",
                    f"no resource named {name!r} (expected {name}.csv)",
                )
            )
    return None if problems else meta


_REFERENCES = ("path", "schema", "dialect")
"""Keys of a resource whose text value names a file that Frictionless reads."""


def _references(meta: dict) -> list[str]:
    """Every file the descriptor names: each resource's path, and its schema or dialect
    when that is a file name rather than an object."""
    names = [r[k] for r in meta["resources"] for k in _REFERENCES if isinstance(r.get(k), str)]
    return list(dict.fromkeys(names))


def _reference_problems(files: _CaseFiles, meta: dict, checked: set[str]) -> list[Problem]:
    """Files the descriptor names beyond the tables already checked: each must be a
    readable file of the case."""
    out = []
    for name in _references(meta):
        if name in checked:
            continue
        try:
            files.read(name, MAX_TABLE_BYTES)
        except FileNotFoundError:
            out.append(Problem(name, None, None, "the file is missing (datapackage.json names it)"))
        except CaseFileError as e:
            out.append(Problem(name, None, None, e.reason))
    return out


def _frictionless_inputs(
    files: _CaseFiles, meta: dict, absent: dict[str, list[str]] | None = None
) -> dict[str, bytes]:
    """What Frictionless reads, by file name: the descriptor and every file it names, each
    without a byte order mark (all already read, and accepted, by the guarded reader).
    Optional columns a CSV leaves out (``absent``, by resource) are left out of the
    descriptor's schema too."""
    names = ["datapackage.json", *_references(meta)]
    inputs = {name: files.read(name, MAX_TABLE_BYTES).removeprefix(BOM) for name in names}
    if absent:
        import copy

        meta = copy.deepcopy(meta)
        for r in meta["resources"]:
            fields = (
                (r.get("schema") or {}).get("fields") if isinstance(r.get("schema"), dict) else None
            )
            if r.get("name") in absent and isinstance(fields, list):
                r["schema"]["fields"] = [
                    f
                    for f in fields
                    if not (isinstance(f, dict) and f.get("name") in absent[r["name"]])
                ]
        inputs["datapackage.json"] = json.dumps(meta, ensure_ascii=False).encode("utf-8")
    return inputs


# --------------------------------------------------------------------------- assembling

_BOOL = {"true": True, "false": False}


def _assemble(path: Path, t: dict[str, pd.DataFrame], meta: dict, files: _CaseFiles) -> Case:
    reports = t["reports"].copy()
    reports["has_headline"] = reports["has_headline"].str.lower().map(_BOOL)
    reports["text"] = [decode_case_text(files.read(f, MAX_REPORT_BYTES)) for f in reports["file"]]

    furniture = t["furniture"].copy()
    furniture[["start", "end"]] = furniture[["start", "end"]].astype(int)
    furniture = furniture.sort_values(["report_id", "start"], kind="stable").reset_index(drop=True)
    by_id = dict(zip(reports["report_id"], reports["text"], strict=False))
    furniture["text"] = [
        by_id[r][s:e]
        for r, s, e in zip(
            furniture["report_id"], furniture["start"], furniture["end"], strict=False
        )
    ]

    clean, words, fchars, headlines = [], [], [], []
    for rid, text, has_headline in zip(
        reports["report_id"], reports["text"], reports["has_headline"], strict=False
    ):
        spans = furniture[furniture["report_id"] == rid]
        clean_text = remove_spans(text, list(zip(spans["start"], spans["end"], strict=False)))
        clean.append(clean_text)
        fchars.append(int((spans["end"] - spans["start"]).sum()))
        first, _, rest = clean_text.partition("\n")
        headlines.append(first.strip() if has_headline else "")
        words.append(count_words(rest if has_headline else clean_text))
    reports["headline"] = headlines
    reports["clean_text"] = clean
    reports["body_words"] = words
    reports["furniture_chars"] = fchars

    facts = t["facts"].copy()
    claims = t["claims"].copy()
    claims["mentioned"] = claims["mentioned"].str.lower().map(_BOOL)
    for col in ("value", "low", "high"):
        claims[col] = pd.to_numeric(claims[col].replace("", None), errors="coerce").astype(float)
    qfacts = set(facts.loc[facts["kind"] == "quantity", "fact"])
    unbounded = claims["fact"].isin(qfacts) & claims["mentioned"] & claims["high"].isna()
    claims.loc[unbounded, "high"] = math.inf
    claims["quote_start"] = [
        by_id[r].find(q) if m else -1
        for r, q, m in zip(claims["report_id"], claims["quote"], claims["mentioned"], strict=False)
    ]
    extra = {}
    for name in OPTIONAL_TABLES:
        if name in t:
            table = t[name].copy()
            for col in table.columns:  # booleans as written in the CSV
                if set(table[col].str.lower()) <= {"true", "false"} and len(table):
                    table[col] = table[col].str.lower().map(_BOOL)
            extra[name] = table
    return Case(
        name=meta.get("name", path.name),
        title=meta.get("title", path.name),
        path=path,
        reports=reports,
        furniture=furniture,
        facts=facts,
        claims=claims,
        metadata=meta,
        tables=extra,
    )


def remove_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the given (start, end) spans cut out, and the blank lines they leave
    squeezed to one paragraph break.

    >>> remove_spans("Title\\n\\nAD\\n\\nBody", [(7, 9)])
    'Title\\n\\nBody'
    """
    pieces, pos = [], 0
    for s, e in sorted(spans):
        pieces.append(text[pos:s])
        pos = max(pos, e)
    pieces.append(text[pos:])
    joined = "".join(pieces)
    return re.sub(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+", "\n\n", joined).strip()


def count_words(text: str) -> int:
    """Words are runs of non-space characters that contain a letter or digit (so a lone
    dash is not a word).

    >>> count_words("The call — which lasted 2.5 hours — ended.")
    7
    """
    return len(_WORD.findall(text))
