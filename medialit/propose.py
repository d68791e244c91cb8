"""Authoring help: rows of a case proposed from its texts, for the teacher to confirm.

``python -m medialit propose CASE`` writes every report × fact row of ``claims.csv`` that
is not there yet (:func:`propose_claims`):

- a **quantity** fact gets the extractor's reading (:func:`medialit.quantities.extract_quantities`
  with the case's own measures, from the ``cues`` column of ``facts.csv``): the quote (the
  sentence, or for a long one the clause, that holds the figure, copied from the report),
  ``value`` in the fact's unit, ``bound``, ``low`` and ``high``, and a guess at whose
  statement it is (``attribution``, ``source_name``) from a reporting verb in the sentence;
- a **wording** or **mention** fact gets the first sentence of the article that has one of
  the fact's cue words, or a "not mentioned" row whose note says what was searched.

Every row it writes has a ``note`` that starts with :data:`~medialit.case.PROPOSED`
("PROPOSED:") and says what to check; ``validate`` lists those rows until the mark is
deleted. Rows already in ``claims.csv`` are kept as they are (merged by report and fact);
``--redo`` writes again the rows still marked, ``--confirm`` deletes the marks once every
row is checked.

``python -m medialit furniture CASE REPORT --first WORDS [--last WORDS] --kind KIND``
prints the ``furniture.csv`` row of a span (:func:`furniture_row`): where the first words
start and the last words end, with ``starts_with`` and ``ends_with``; ``--append`` adds it.
It says so when the words are not in the report or occur more than once, and where.

>>> import shutil, tempfile
>>> from medialit.case import validate_case
>>> tmp = Path(tempfile.mkdtemp())
>>> case = tmp / "vote"
>>> _ = shutil.copytree(Path(__file__).parent.parent / "tests/cases/library-vote", case)
>>> _ = (case / "claims.csv").write_text((case / "claims.csv").read_text().splitlines()[0] + "\\n")
>>> result = propose_claims(case)
>>> result.written, result.kept
(21, 0)
>>> print(furniture_row(case, "000-council-closes", "Related stories", "bus routes in spring",
...                     "related_articles").line())
000-council-closes,1362,1530,related_articles,Related stories,bus routes in spring
>>> shutil.rmtree(tmp)
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from medialit import hints
from medialit.case import (
    MAX_DESCRIPTOR_BYTES,
    MAX_REPORT_BYTES,
    MAX_TABLE_BYTES,
    PROPOSED,
    CaseFileError,
    decode_case_text,
    read_case_file,
    resolve_case_path,
    validate_case,
)
from medialit.safecsv import FORMULA_START, write_text_atomically

MARK = PROPOSED + " "
"""What starts the note of every row :func:`propose_claims` writes."""

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "does",
        "for",
        "from",
        "how",
        "in",
        "is",
        "it",
        "its",
        "many",
        "much",
        "number",
        "of",
        "on",
        "or",
        "report",
        "say",
        "says",
        "size",
        "that",
        "the",
        "their",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "with",
        "length",
        "long",
        "count",
        "total",
        "amount",
    ]
)
_TIME_UNITS = {
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
}
_REPORTING = (
    r"said|says|say|told|tells|estimated|estimates|announced|announces|stated"
    r"|reported|reports|added|confirmed|confirms|claimed|claims|wrote|posted"
    r"|tweeted|noted|explained|insisted|argued|warned|counted|put the number"
    r"|stressed|emphasi[sz]ed|underscored|urged|reiterated|denied|demanded|accused"
    r"|acknowledged|indicated|promised|pledged|vowed|cautioned|asserted|declared"
    r"|replied|responded|revealed|disclosed"
)
_SOURCE = (
    r"(?:the |a |an )?(?:[A-Z][\w.’'&-]*|police|officials?|organi[sz]ers?|authorities)"
    r"(?:[ ](?:[A-Z][\w.’'&-]*|of|for|and|spokes\w+|officials?|members?|leaders?|"
    r"minister|ministry|department|council|statement|police|readout|office|government))*"
)
_ATTRIBUTIONS = [
    re.compile(r"\baccording to (?P<src>[^,.;:“”\"()]{2,60})", re.IGNORECASE),
    re.compile(rf"(?:^|[,;:—–-]\s*|\band\s)(?P<src>{_SOURCE})\s+(?:\w+ly\s+)?(?:{_REPORTING})\b"),
    re.compile(
        r"\b(?:said|says|added|stated|wrote|asked|continued)\s+(?P<src>(?:the )?[A-Z][\w’'-]*"
        r"(?: [A-Z][\w’'-]*){0,3})"
    ),
    re.compile(
        r"(?P<src>(?:an? |the )?(?:[\w.’'-]+ ){0,3}(?:officials?|spokes\w+|minister|analysts?"
        r"|experts?|aides?)) who [^,.;]{1,80}? (?:said|says|told)\b"
    ),
    re.compile(
        rf"(?P<src>{_SOURCE}) (?:released|issued|published|put out) (?:a |an |its )?"
        r"(?:statement|readout)"
    ),
    re.compile(
        rf"(?P<src>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){{0,3}}), (?:who|which) [^,]{{1,80}}, "
        rf"(?:\w+ly\s+)?(?:{_REPORTING})\b"
    ),
    re.compile(rf"(?P<src>{_SOURCE})\s+(?:\w+ly\s+)?(?:{_REPORTING})\b"),
]
_KINDS_OF_SOURCE = [
    ("white_house", re.compile(r"White House", re.IGNORECASE)),
    ("kremlin", re.compile(r"Kremlin", re.IGNORECASE)),
    (
        "analyst",
        re.compile(
            r"analyst|expert|professor|researcher|economist|scholar|think tank"
            r"|universit|institute|observer",
            re.IGNORECASE,
        ),
    ),
    (
        "media",
        re.compile(
            r"\b(?:newspaper|agency|Reuters|AP|AFP|TASS|Xinhua|media|television"
            r"|TV|radio|BBC|CNN|Times|Post|Journal|Guardian|broadcaster)\b",
            re.IGNORECASE,
        ),
    ),
]


CHECKS = f"""Check every row whose note starts with {PROPOSED!r} against its report:
  - a figure: is it the fact's figure (not another one), are value, bound, low and high
    right, and who says it (attribution, source_name)?
  - a mention: is the sentence about the fact, and who says it? For a wording fact, put
    the report's own words in value_text.
  - not mentioned: does the report really not mention it (the note says what was
    searched)? If it does, fill in the row.
Fix what is wrong, then delete "{PROPOSED} " from the note (or, once every row is checked,
run: python -m medialit propose CASE --confirm). validate lists the rows still marked."""


class AuthoringError(ValueError):
    """A request the helpers cannot do; the message says why and what to do."""


# --------------------------------------------------------------------------- reading


@dataclass
class _Case:
    """What the helpers need of a case that may still be incomplete."""

    path: Path
    resources: dict[str, dict]
    reports: list[dict]
    furniture: list[dict]
    facts: list[dict]
    texts: dict[str, str] = field(default_factory=dict)

    def csv_name(self, table: str) -> str:
        return self.resources.get(table, {}).get("path", f"{table}.csv")

    def fields(self, table: str) -> list[str]:
        schema = self.resources.get(table, {}).get("schema") or {}
        return [f["name"] for f in schema.get("fields", []) if isinstance(f, dict)]

    def enum(self, table: str, column: str) -> list[str]:
        schema = self.resources.get(table, {}).get("schema") or {}
        for f in schema.get("fields", []):
            if isinstance(f, dict) and f.get("name") == column:
                return list((f.get("constraints") or {}).get("enum") or [])
        return []

    def report_text(self, report_id: str) -> str:
        if report_id not in self.texts:
            row = next((r for r in self.reports if r.get("report_id") == report_id), None)
            if row is None:
                hint = hints.did_you_mean(report_id, [r.get("report_id") for r in self.reports])
                known = ", ".join(r.get("report_id", "") for r in self.reports) or "none yet"
                raise AuthoringError(
                    f"no report {report_id!r} in {self.csv_name('reports')}"
                    + (f"; {hint}" if hint else f" (it has: {known})")
                )
            try:
                data = read_case_file(self.path, row.get("file", ""), MAX_REPORT_BYTES)
                self.texts[report_id] = decode_case_text(data)
            except FileNotFoundError:
                raise AuthoringError(
                    f"{row.get('file')} (the file of {report_id} in reports.csv) is not there"
                ) from None
            except CaseFileError as e:
                raise AuthoringError(f"{e.name} {e.reason}") from None
            except UnicodeDecodeError:
                raise AuthoringError(f"{row.get('file')} is not UTF-8 text") from None
        return self.texts[report_id]


def _read_table(path: Path, name: str) -> tuple[list[str], list[dict], bool]:
    """(header, rows as dicts, had a byte order mark) of one CSV of the case; a missing
    or empty file is ([], [], False)."""
    try:
        data = read_case_file(path, name, MAX_TABLE_BYTES)
    except FileNotFoundError:
        return [], [], False
    except CaseFileError as e:
        raise AuthoringError(f"{e.name} {e.reason}") from None
    try:
        text = decode_case_text(data)
    except UnicodeDecodeError:
        raise AuthoringError(f"{name} is not UTF-8 text: save it as CSV UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = [r for r in reader]
    except csv.Error as e:
        raise AuthoringError(f"{name} cannot be read: {e}") from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return [], [], data.startswith(b"\xef\xbb\xbf")
    header = rows[0]
    out = []
    for r in rows[1:]:
        d = dict(zip(header, r + [""] * (len(header) - len(r)), strict=False))
        if len(r) > len(header):
            d["\0extra"] = r[len(header) :]
        out.append(d)
    return header, out, data.startswith(b"\xef\xbb\xbf")


def _load(case, blocking_files: tuple[str, ...], ignore_fields: dict | None = None) -> _Case:
    """The case in ``case`` as far as the helpers need it. Refuses (AuthoringError listing
    them) when validate finds problems in ``blocking_files`` (except in the columns
    ``ignore_fields`` names for a file)."""
    path = resolve_case_path(case)
    if not path.is_dir():
        raise AuthoringError(f"no case folder {path}")
    try:
        meta = json.loads(
            decode_case_text(read_case_file(path, "datapackage.json", MAX_DESCRIPTOR_BYTES))
        )
        resources = {r["name"]: r for r in meta["resources"]}
    except FileNotFoundError:
        raise AuthoringError(
            f"{path} has no datapackage.json: make the case with python -m medialit new-case"
        ) from None
    except (CaseFileError, ValueError, TypeError, KeyError, UnicodeDecodeError):
        resources = None
    if resources is None:
        raise AuthoringError(
            "datapackage.json cannot be read: run python -m medialit "
            f"validate {path} and fix it first"
        )
    ignore_fields = ignore_fields or {}
    blocking = (
        [
            p
            for p in validate_case(path)
            if p.file in blocking_files and p.field not in ignore_fields.get(p.file, ())
        ]
        if blocking_files
        else []
    )
    if blocking:
        lines = "\n".join(f"  {p}" for p in blocking[:20])
        more = f"\n  ... and {len(blocking) - 20} more" if len(blocking) > 20 else ""
        raise AuthoringError(
            f"fix these first (python -m medialit validate {path}):\n{lines}{more}"
        )
    tables = {}
    for name in ("reports", "furniture", "facts"):
        csv_name = resources.get(name, {}).get("path", f"{name}.csv")
        tables[name] = _read_table(path, csv_name)[1]
    return _Case(path, resources, tables["reports"], tables["furniture"], tables["facts"])


# --------------------------------------------------------------------------- furniture


@dataclass
class FurnitureRow:
    """A span of page furniture found from its first and last words."""

    report_id: str
    start: int
    end: int
    kind: str
    starts_with: str
    ends_with: str
    text: str = field(repr=False, default="")

    def as_dict(self) -> dict[str, str]:
        return {
            "report_id": self.report_id,
            "start": str(self.start),
            "end": str(self.end),
            "kind": self.kind,
            "starts_with": self.starts_with,
            "ends_with": self.ends_with,
        }

    def line(self, columns: list[str] | None = None) -> str:
        """The row as one CSV line (``columns``: the header of furniture.csv)."""
        d = self.as_dict()
        columns = columns or list(d)
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow([d.get(c, "") for c in columns])
        return buf.getvalue()


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    a = max(text.rfind("\n", 0, pos) + 1, pos - 25)
    b = text.find("\n", pos)
    b = min(b if b >= 0 else len(text), pos + 35)
    return f"at {pos} (line {line}: {text[a:b]!r})"


def _occurrences(text: str, words: str, start: int = 0) -> list[int]:
    out, pos = [], text.find(words, start)
    while pos >= 0:
        out.append(pos)
        pos = text.find(words, pos + 1)
    return out


def _pick(
    hits: list[int], words: str, which: int | None, flag: str, what: str, text: str, rid: str
) -> int:
    if which is not None:
        if not 1 <= which <= len(hits):
            raise AuthoringError(
                f"{flag} {which}: {words!r} occurs {len(hits)} time(s) {what} in {rid}"
            )
        return hits[which - 1]
    if len(hits) > 1:
        listed = "; ".join(f"{n}. {_where(text, h)}" for n, h in enumerate(hits[:6], 1))
        more = f"; and {len(hits) - 6} more" if len(hits) > 6 else ""
        raise AuthoringError(
            f"{words!r} occurs {len(hits)} times {what}{' ' if what else ''}"
            f"in {rid}: {listed}"
            f"{more}. Add words so that it occurs once, or choose one with "
            f"{flag} N"
        )
    return hits[0]


def _safe_suffix(s: str, n: int = 40) -> str:
    """The last characters of ``s`` (at most ``n``, from a word start), not starting with
    a character a spreadsheet reads as a formula."""
    tail = s[-n:] if len(s) > n else s
    if len(s) > n and " " in tail:
        tail = tail[tail.index(" ") + 1 :]
    return tail.lstrip("".join(FORMULA_START) + " ") or tail


def furniture_row(
    case,
    report_id: str,
    first: str,
    last: str | None = None,
    kind: str = "other",
    first_match: int | None = None,
    last_match: int | None = None,
) -> FurnitureRow:
    """The furniture span of ``report_id`` from where ``first`` starts to where ``last``
    ends (copied from the raw report; without ``last``: to the end of that line).

    ``first`` must occur once in the report, and ``last`` once after it; otherwise
    :class:`AuthoringError` lists where they occur (choose with ``first_match`` /
    ``last_match``, counted from 1). ``kind`` must be one of the schema's kinds."""
    c = case if isinstance(case, _Case) else _load(case, ())
    kinds = c.enum("furniture", "kind")
    if kinds and kind not in kinds:
        hint = hints.did_you_mean(kind, kinds) or hints.did_you_mean(kind.replace(" ", "_"), kinds)
        raise AuthoringError(
            f"{kind!r} is not a furniture kind"
            + (f"; {hint}" if hint else "")
            + f" The kinds: {', '.join(kinds)} (other for anything else, "
            "e.g. an advertisement)"
        )
    text = c.report_text(report_id)
    if not first:
        raise AuthoringError("give the first words of the span (--first)")
    hits = _occurrences(text, first)
    if not hits:
        why = hints.quote_hint(first, text)
        raise AuthoringError(f"{first!r} is not in {report_id}: {why}")
    start = _pick(hits, first, first_match, "--first-match", "", text, report_id)
    if last:
        hits = _occurrences(text, last, start)
        if not hits:
            before = text.find(last)
            why = (
                f"it occurs only before the first words ({_where(text, before)})"
                if 0 <= before < start
                else hints.quote_hint(last, text[start:])
            )
            raise AuthoringError(
                f"{last!r} is not in {report_id} after the first words "
                f"(which start {_where(text, start)}): {why}"
            )
        end = _pick(
            hits, last, last_match, "--last-match", "after the first words", text, report_id
        ) + len(last)
        ends_with = last
    else:
        line_end = text.find("\n", start)
        end = line_end if line_end >= 0 else len(text)
        while end > start and text[end - 1] in " \t\r\u00a0":
            end -= 1
        ends_with = _safe_suffix(text[start:end])
    if end <= start:
        raise AuthoringError(f"the span {start}-{end} is empty")
    return FurnitureRow(report_id, start, end, kind, first, ends_with, text[start:end])


def append_furniture(case, row: FurnitureRow) -> tuple[int | None, list[str]]:
    """Add ``row`` to furniture.csv, unless the same span is there or it overlaps another
    span. Returns (the spreadsheet row it is in, or None when it was not added; notes that
    say why)."""
    c = case if isinstance(case, _Case) else _load(case, ())
    name = c.csv_name("furniture")
    header, rows, bom = _read_table(c.path, name)
    schema = c.fields("furniture")
    grow = (
        bool(header)
        and [f for f in schema if f in header or f == "ends_with"] == schema
        and header != schema
    )  # a CSV made before ends_with: the column is added
    header = schema if grow or not header else header
    notes = []
    for n, r in enumerate(rows, 2):
        if r.get("report_id") != row.report_id:
            continue
        try:
            s, e = int(r.get("start", "")), int(r.get("end", ""))
        except ValueError:
            continue
        if (s, e) == (row.start, row.end):
            return n, [f"this span is already row {n} of {name}: nothing added"]
        if s < row.end and row.start < e:
            notes.append(
                f"it overlaps row {n} ({s}-{e}, {r.get('kind')}): not added; if "
                f"this one is right, delete row {n} and run the command again"
            )
    if notes:
        return None, notes
    old = (
        decode_case_text(read_case_file(c.path, name, MAX_TABLE_BYTES))
        if (c.path / name).exists()
        else ""
    )
    if grow:
        old = "\n".join(
            [_line(header)]
            + [_line([r.get(col, "") for col in header] + list(r.get("\0extra", []))) for r in rows]
        )
    body = old if old.strip() else _line(header) + "\n"
    if not body.endswith("\n"):
        body += "\n"
    body += row.line(header) + "\n"
    write_text_atomically(c.path / name, ("\ufeff" if bom else "") + body)
    return len(rows) + 2, notes


def _line(cells: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    return buf.getvalue()


# --------------------------------------------------------------------------- claims


def _cue_words(fact: dict) -> list[str]:
    """The words searched for a fact: its cues' nouns, verbs and units, else its label's."""
    from medialit.quantities.measures import Measure

    cues = (fact.get("cues") or "").strip()
    if cues:
        try:
            m = Measure.from_cues(fact.get("fact") or "fact", cues)
            return list(dict.fromkeys([*m.nouns, *m.verbs, *m.units]))
        except (ValueError, TypeError):
            pass
    words = [
        re.sub(r"['’]s?$", "", w) for w in re.findall(r"[A-Za-z][\w'’-]*", fact.get("label") or "")
    ]
    return list(
        dict.fromkeys(w.lower() for w in words if w.lower() not in _STOP and len(w) > 2)
    ) or [(fact.get("label") or "").lower()]


def _word_re(words: list[str]) -> re.Pattern | None:
    parts = []
    for w in words:
        w = w.strip()
        if not w:
            continue
        if w.endswith("*"):
            parts.append(re.escape(w[:-1]).replace(r"\ ", r"\s+") + r"\w*")
        else:
            parts.append(re.escape(w).replace(r"\ ", r"\s+") + r"(?:s|es|d|ed|ing)?")
    if not parts:
        return None
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?![\w-])",
        re.IGNORECASE,
    )


def _time_unit(unit: str) -> str | None:
    u = (unit or "").strip().lower()
    u = _TIME_UNITS.get(u, u)
    return u if u in _TIME_UNITS.values() else None


def _measures(facts: list[dict]) -> tuple[list, dict[str, str]]:
    """The case's measures for its quantity facts, and a problem per fact that has none."""
    from medialit.quantities import DEFAULT_MEASURES
    from medialit.quantities.measures import Measure

    defaults = {m.name: m for m in DEFAULT_MEASURES}
    out, trouble = [], {}
    for f in facts:
        if f.get("kind") != "quantity":
            continue
        name, cues = f.get("fact", ""), (f.get("cues") or "").strip()
        kind = "duration" if _time_unit(f.get("unit", "")) else "count"
        try:
            if cues:
                out.append(Measure.from_cues(name, cues, kind=kind))
            elif name in defaults:
                out.append(defaults[name])
            else:
                out.append(Measure(name, kind=kind, nouns=tuple(_cue_words(f))))
        except (ValueError, TypeError) as e:
            trouble[name] = str(e)
    return out, trouble


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each furniture span replaced by line breaks (same length): offsets
    stay those of the raw text, and no sentence runs through furniture."""
    chars = list(text)
    for s, e in spans:
        chars[max(0, s) : max(0, e)] = "\n" * (max(0, e) - max(0, s))
    return "".join(chars)[: len(text)]


def _sentence(masked: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``masked[start:end]``, as (start, end), without the spaces
    around it or a first character that a spreadsheet would read as a formula."""
    from medialit.quantities.patterns import Sentences

    a, _ = Sentences(masked).bounds(start)
    _, b = Sentences(masked).bounds(max(start, end - 1))
    a = max(a, masked.rfind("\n", 0, start) + 1)
    nl = masked.find("\n", end)
    b = min(b, nl if nl >= 0 else len(masked))
    while a < start and (masked[a].isspace() or masked[a] in FORMULA_START):
        a += 1
    while b > end and masked[b - 1].isspace():
        b -= 1
    return a, b


def _clause(masked: str, a: int, b: int, start: int, end: int, limit: int = 220) -> tuple[int, int]:
    """A long sentence cut down to the clauses around ``start:end`` (at least 40
    characters), at commas, semicolons and dashes."""
    if b - a <= limit:
        return a, b
    seps = [m for m in re.finditer(r"[,;:]\s+|\s+[—–-]\s+", masked[a:b])]
    cuts = sorted({a, b, *(a + m.start() for m in seps), *(a + m.end() for m in seps)})
    left = max([c for c in cuts if c <= start and (c == a or masked[c - 1].isspace())], default=a)
    right = min([c for c in cuts if c >= end and (c == b or not masked[c].isspace())], default=b)
    while right - left < 40 and (left > a or right < b):
        lower = [c for c in cuts if c < left]
        upper = [c for c in cuts if c > right]
        if lower:
            left = lower[-1]
        if upper and right - left < 40:
            right = upper[0]
    while left < start and (masked[left].isspace() or masked[left] in FORMULA_START):
        left += 1
    while right > end and (masked[right - 1].isspace() or masked[right - 1] in ",;:—–-"):
        right -= 1
    return left, right


_QUOTED = re.compile(r'“[^”]*”|"[^"\n]*"|‘[^’]*’(?!\w)')


def _attribution(sentence: str, allowed: list[str], at: int = 0) -> tuple[str, str]:
    """A guess at whose statement a sentence is: (attribution code, source_name). When
    the sentence names several sources, the nearest one named before character ``at``
    (the figure or the cue word) wins, else the nearest after it; inside a quotation, only
    sources outside it count."""
    quoted = next(
        ((q.start(), q.end()) for q in _QUOTED.finditer(sentence) if q.start() < at < q.end()), None
    )
    found = []
    for rank, pattern in enumerate(_ATTRIBUTIONS):
        for m in pattern.finditer(sentence):
            src = " ".join(m.group("src").split()).strip(" ,.;:")
            if not src or src.lower() in ("he", "she", "it", "they", "we", "i", "you", "this"):
                continue
            if quoted and quoted[0] <= m.start() < quoted[1]:
                continue  # words inside the quotation: the speaker is outside it
            before = m.start() <= at
            gap = at - m.end() if before else m.start() - at
            found.append((not before, max(gap, 0), rank, src))
    if found:  # the nearest source named before the words, else the nearest after them
        src = min(found)[3]
        code = next((k for k, rx in _KINDS_OF_SOURCE if rx.search(src)), "official")
        if allowed and code not in allowed:
            code = "official" if "official" in allowed else allowed[0]
        return code, src
    code = "outlet" if not allowed or "outlet" in allowed else allowed[-1]
    return code, "the report itself"


def _fmt(x: float | None) -> str:
    if x is None or (isinstance(x, float) and math.isinf(x)):
        return ""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


@dataclass
class ProposeResult:
    """What :func:`propose_claims` did."""

    path: Path
    written: int = 0
    kept: int = 0
    figures: int = 0
    found: int = 0
    not_found: int = 0
    kept_keys: list[tuple[str, str]] = field(default_factory=list)
    stray_rows: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reports: int = 0
    facts: int = 0

    def summary(self) -> str:
        """What was done, in a few lines for the terminal."""
        reports, facts = self.reports, self.facts
        lines = [
            (
                f"{self.path / 'claims.csv'}: {reports} reports × {facts} facts = "
                f"{reports * facts} rows"
            ),
            (
                f"  proposed {self.written}: {self.figures} with a figure, {self.found} "
                f"mentions found, {self.not_found} not mentioned"
            ),
        ]
        if self.kept:
            keys = ", ".join(f"{r} × {f}" for r, f in self.kept_keys[:8])
            more = f" and {len(self.kept_keys) - 8} more" if len(self.kept_keys) > 8 else ""
            lines.append(f"  kept {self.kept} rows already there: {keys}{more}")
        if self.stray_rows:
            lines.append(
                f"  kept {len(self.stray_rows)} rows whose report or fact is not in "
                f"the case (rows {', '.join(map(str, self.stray_rows))}): validate "
                "says what is wrong"
            )
        lines += [f"  note: {w}" for w in self.warnings]
        if self.written:
            lines.append(CHECKS)
        return "\n".join(lines)


def _body_first(items: list, headline: tuple[int, int], start=lambda x: x.start):
    """``items`` with those in the headline last: a headline rounds figures and shortens
    wording, the article says them in full."""
    return sorted(items, key=lambda x: headline[0] <= start(x) < headline[1])


def _headline(masked: str, has_headline: str) -> tuple[int, int]:
    """Where the headline line is in the masked text ((0, 0) when there is none)."""
    if has_headline.strip().lower() != "true":
        return 0, 0
    a = len(masked) - len(masked.lstrip())
    b = masked.find("\n", a)
    return a, b if b >= 0 else len(masked)


_UNIT_WORD = re.compile(
    r"\b(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b", re.IGNORECASE
)


def _bound(q) -> str:
    """The extractor's bound, or ``exact`` for an unhedged compound duration ("two hours
    and 17 minutes"): the words are precise."""
    if (
        q.bound == "about"
        and q.kind == "duration"
        and q.low == q.high
        and len(_UNIT_WORD.findall(q.text)) >= 2
        and not re.search(
            r"\b(?:about|around|roughly|some|approximately|nearly|almost|or so)\b",
            q.text,
            re.IGNORECASE,
        )
    ):
        return "exact"
    return q.bound


def _propose_one(
    c: _Case,
    rid: str,
    fact: dict,
    masked: str,
    found_q: list,
    columns: list[str],
    allowed: list[str],
    result: ProposeResult,
    headline: tuple[int, int] = (0, 0),
) -> dict:
    row = dict.fromkeys(columns, "")
    row.update(report_id=rid, fact=fact["fact"], mentioned="false")
    words = _cue_words(fact)
    label = fact.get("label") or fact["fact"]
    listed = ", ".join(repr(w) for w in words[:8]) + (" ..." if len(words) > 8 else "")
    if fact.get("kind") == "quantity":
        unit = fact.get("unit", "")
        tu = _time_unit(unit)
        mine = [
            q for q in found_q if q.measure == fact["fact"] and (q.kind == "duration") == bool(tu)
        ]
        loose = ""
        if not mine:  # a figure the extractor left unlabelled, in a sentence with a cue word
            rx = _word_re(words)
            mine = [
                q
                for q in found_q
                if q.measure == q.kind
                and (q.kind == "duration") == bool(tu)
                and rx
                and rx.search(masked, *_sentence(masked, q.start, q.end))
            ]
            loose = " (found beside a cue word: is it this fact's figure?)" if mine else ""
        if mine:
            mine = _body_first(mine, headline)
            q = mine[0]
            bound = _bound(q)
            scale = 1.0 if not tu else 1.0 / _minutes(tu)
            a, b = _sentence(masked, q.start, q.end)
            qa, qb = _clause(masked, a, b, q.start, q.end)
            code, src = _attribution(masked[a:b], allowed, q.start - a)
            value, low = q.value * scale, q.low * scale
            high = None if q.high is None else q.high * scale
            row.update(
                mentioned="true",
                quote=masked[qa:qb],
                value=_fmt(value),
                bound=bound,
                low=_fmt(low),
                high=_fmt(high),
                attribution=code,
                source_name=src,
            )
            others = sorted({f"'{x.text}'" for x in mine[1:] if x.text != q.text})
            also = f"; the report also has {', '.join(others)}" if others else ""
            row["note"] = (
                f"{MARK}'{q.text}': {_fmt(value)} {unit}, "
                f"{_BOUND_WORDS.get(bound, bound)}{also}{loose}."
            )
            result.figures += 1
            return row
        row["note"] = (
            f"{MARK}Searched the article for a figure of {label.lower()} (near "
            f"{listed}): none found."
        )
        result.not_found += 1
        return row
    rx = _word_re(words)
    hits = _body_first(list(rx.finditer(masked)), headline, lambda m: m.start()) if rx else []
    m = hits[0] if hits else None
    if m:
        a, b = _sentence(masked, m.start(), m.end())
        qa, qb = _clause(masked, a, b, m.start(), m.end())
        code, src = _attribution(masked[a:b], allowed, m.start() - a)
        row.update(mentioned="true", quote=masked[qa:qb], attribution=code, source_name=src)
        if fact.get("kind") == "wording":
            row["value_text"] = m.group(0)
            row["note"] = f"{MARK}The report's word: '{m.group(0)}'."
        else:
            row["note"] = f"{MARK}Mentioned ('{m.group(0)}')."
        result.found += 1
        return row
    row["note"] = f"{MARK}Searched the article for {listed}: not found."
    result.not_found += 1
    return row


_BOUND_WORDS = {
    "about": "a plain or rounded figure",
    "at_least": "a lower bound",
    "at_most": "an upper bound",
    "exact": "a precise figure",
}


def _minutes(unit: str) -> float:
    from medialit.quantities import UNIT_MINUTES

    return UNIT_MINUTES[unit]


_REPORT_ID = re.compile(r"[0-9]{3}-[a-z0-9-]+")


def propose_reports(case=None) -> list[str]:
    """Add a reports.csv row for every ``reports/*.txt`` file that has none: ``report_id``
    (the file name without ``.txt``), ``file``, ``sha256`` (computed) and a guess at
    ``has_headline`` (a short first line without a final full stop); ``origin`` and
    ``origin_clue`` stay empty for the teacher. Fills an empty ``sha256`` of a row that is
    there; changes nothing else. Returns one line per change, for the terminal."""
    import hashlib

    c = _load(case, ())
    name = c.csv_name("reports")
    header, rows, bom = _read_table(c.path, name)
    columns = c.fields("reports")
    if header and rows and header != columns:
        raise AuthoringError(
            f"the header of {name} is not the schema's ({', '.join(columns)}): "
            "fix it first (python -m medialit validate)"
        )
    header = header or columns
    listed = {r.get("file", "") for r in rows}
    said, changed = [], False
    for r in rows:
        if not r.get("sha256", "").strip() and r.get("file"):
            try:
                r["sha256"] = hashlib.sha256(
                    read_case_file(c.path, r["file"], MAX_REPORT_BYTES)
                ).hexdigest()
                said.append(f"{r.get('report_id')}: sha256 filled in")
                changed = True
            except (FileNotFoundError, CaseFileError):
                pass
    folder = c.path / "reports"
    files = sorted(p for p in folder.glob("*.txt")) if folder.is_dir() else []
    for f in files:
        rel = f"reports/{f.name}"
        if rel in listed:
            continue
        try:
            data = read_case_file(c.path, rel, MAX_REPORT_BYTES)
            text = decode_case_text(data)
        except (FileNotFoundError, CaseFileError, UnicodeDecodeError) as e:
            said.append(f"{rel}: not added ({getattr(e, 'reason', None) or 'not UTF-8 text'})")
            continue
        rid = f.stem
        if not _REPORT_ID.fullmatch(rid):
            said.append(
                f"{rel}: not added: name it NNN-slug.txt (three digits, a dash, "
                "lowercase words: 000-council-closes.txt)"
            )
            continue
        first = text.lstrip().split("\n", 1)[0].strip()
        headline = len(first) <= 150 and not first.endswith((".", ":", ",")) and bool(first)
        row = dict.fromkeys(header, "")
        row.update(
            report_id=rid,
            file=rel,
            sha256=hashlib.sha256(data).hexdigest(),
            has_headline="true" if headline else "false",
        )
        rows.append(row)
        changed = True
        said.append(
            f"{rid}: added; has_headline {row['has_headline']} (first line: "
            f"{_shorten(first, 60)!r}): check it; fill in origin and origin_clue"
        )
    if changed:
        lines = [_line(header)] + [
            _line([r.get(col, "") for col in header] + list(r.get("\0extra", []))) for r in rows
        ]
        write_text_atomically(c.path / name, ("\ufeff" if bom else "") + "\n".join(lines) + "\n")
    return said


def _shorten(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def propose_claims(case=None, redo: bool = False) -> ProposeResult:
    """Write every missing report × fact row of the case's claims.csv (see the module
    docstring); with ``redo``, also write again the rows whose note still starts with
    PROPOSED. Rows already there are never changed otherwise. Returns what was done."""
    from medialit.quantities import extract_quantities

    c = _load(
        case,
        ("datapackage.json", "reports.csv", "furniture.csv", "facts.csv"),
        ignore_fields={"reports.csv": ("origin", "origin_clue", "has_headline")},
    )
    name = c.csv_name("claims")
    columns = c.fields("claims")
    header, rows, bom = _read_table(c.path, name)
    if header and rows and header != columns:
        raise AuthoringError(
            f"the header of {name} is not the schema's ({', '.join(columns)}): "
            "fix it first (python -m medialit validate)"
        )
    result = ProposeResult(c.path)
    measures, trouble = _measures(c.facts)
    for fact, why in trouble.items():
        result.warnings.append(f"facts.csv {fact}: {why}; no figures proposed for it")
    allowed = c.enum("claims", "attribution")
    existing: dict[tuple[str, str], dict] = {}
    stray = []
    keys = {(r["report_id"], f["fact"]) for r in c.reports for f in c.facts}
    for n, r in enumerate(rows, 2):
        key = (r.get("report_id", ""), r.get("fact", ""))
        if key in keys and key not in existing:
            existing[key] = r
        else:
            stray.append((n, r))
    out = []
    for rep in c.reports:
        rid = rep["report_id"]
        spans = []
        for f in c.furniture:
            if f.get("report_id") == rid:
                with contextlib.suppress(KeyError, ValueError):
                    spans.append((int(f["start"]), int(f["end"])))
        masked = None
        for fact in c.facts:
            key = (rid, fact["fact"])
            old = existing.get(key)
            if old is not None and not (
                redo and old.get("note", "").lstrip().upper().startswith(PROPOSED)
            ):
                out.append(old)
                result.kept += 1
                result.kept_keys.append(key)
                continue
            if masked is None:
                masked = _masked(c.report_text(rid), spans)
                try:
                    found_q = extract_quantities(masked, measures) if measures else []
                except (ValueError, TypeError) as e:
                    found_q = []
                    result.warnings.append(f"the extractor could not read {rid}: {e}")
            out.append(
                _propose_one(
                    c,
                    rid,
                    fact,
                    masked,
                    found_q,
                    columns,
                    allowed,
                    result,
                    _headline(masked, rep.get("has_headline", "")),
                )
            )
            result.written += 1
    for n, r in stray:
        out.append(r)
        result.stray_rows.append(n)
    lines = [_line(columns)]
    for r in out:
        cells = [r.get(col, "") for col in columns] + list(r.get("\0extra", []))
        lines.append(_line(cells))
    write_text_atomically(c.path / name, ("\ufeff" if bom else "") + "\n".join(lines) + "\n")
    result.reports, result.facts = len(c.reports), len(c.facts)
    return result


def confirm_claims(case=None) -> int:
    """Delete the PROPOSED mark from every note of claims.csv; returns how many."""
    c = _load(case, ())
    name = c.csv_name("claims")
    header, rows, bom = _read_table(c.path, name)
    n = 0
    for r in rows:
        note = r.get("note", "")
        if note.lstrip().upper().startswith(PROPOSED):
            r["note"] = note.lstrip()[len(PROPOSED) :].lstrip()
            r["note"] = r["note"][:1].upper() + r["note"][1:]
            n += 1
    if n:
        lines = [_line(header)] + [
            _line([r.get(col, "") for col in header] + list(r.get("\0extra", []))) for r in rows
        ]
        write_text_atomically(c.path / name, ("\ufeff" if bom else "") + "\n".join(lines) + "\n")
    return n


# --------------------------------------------------------------------------- command line


def main_propose(case: str, redo: bool = False, confirm: bool = False) -> int:
    """``python -m medialit propose CASE [--redo | --confirm]``."""
    try:
        if confirm:
            n = confirm_claims(case)
            print(
                f"{resolve_case_path(case)}: deleted the {PROPOSED} mark from {n} rows of "
                "claims.csv; now run python -m medialit validate"
            )
            return 0
        said = propose_reports(case)
    except AuthoringError as e:
        print(f"medialit propose: {e}", file=sys.stderr)
        return 1
    if said:
        print("reports.csv:")
        for line in said:
            print(f"  {line}")
    try:
        result = propose_claims(case, redo=redo)
    except AuthoringError as e:
        print(f"claims.csv: not proposed yet: {e}", file=sys.stderr)
        return 0 if said else 1
    print(result.summary())
    return 0


def main_furniture(
    case: str,
    report: str,
    first: str,
    last: str | None,
    kind: str,
    first_match: int | None = None,
    last_match: int | None = None,
    append: bool = False,
) -> int:
    """``python -m medialit furniture CASE REPORT --first WORDS [--last WORDS] --kind KIND``."""
    try:
        c = _load(case, ())
        row = furniture_row(c, report, first, last, kind, first_match, last_match)
        shown = row.text if len(row.text) <= 120 else row.text[:60] + " … " + row.text[-50:]
        lines = row.text.count("\n") + 1
        print(
            f"{report}: characters {row.start}-{row.end} ({row.end - row.start} characters, "
            f"{lines} line{'s' if lines > 1 else ''}): {shown!r}",
            file=sys.stderr,
        )
        print(row.line(c.fields("furniture") or None), flush=True)
        if append:
            n, notes = append_furniture(c, row)
            for note in notes:
                print(f"  {note}", file=sys.stderr)
            if not notes:
                print(f"added as row {n} of {c.csv_name('furniture')}", file=sys.stderr)
            elif n is None:
                return 1
    except AuthoringError as e:
        print(f"medialit furniture: {e}", file=sys.stderr)
        return 1
    return 0


__all__ = [
    "MARK",
    "AuthoringError",
    "FurnitureRow",
    "ProposeResult",
    "append_furniture",
    "confirm_claims",
    "furniture_row",
    "propose_claims",
]
