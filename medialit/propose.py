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
row is checked. After every claims proposal (and ``--review``), ``review.html`` in the
case folder shows each report with its rows' quotes highlighted in place, to check them
in one reading (:mod:`medialit.review`).

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
from collections.abc import Iterable
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
    is_proposed,
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
    r"|replied|responded|revealed|disclosed|repeated"
)
_SOURCE = (
    r"(?:the |a |an )?(?:[A-Z][\w.’'&-]*|police|officials?|officers?|organi[sz]ers?"
    r"|authorities|(?:[Tt]he )?(?:[a-z]+ )?(?:trust|campaign|managers|union|committee))"
    r"(?:[ ](?:[A-Z][\w.’'&-]*|of|for|and|spokes\w+|officials?|members?|leaders?|"
    r"minister|ministry|department|council|statement|police|readout|office|government"
    r"|trust|campaign|union|committee|group))*"
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
    # people or a cause group named in lower case: "local residents said", "activists told"
    re.compile(
        r"(?P<src>\b(?:[Tt]he |[Ss]ome |[Mm]any |[Ss]everal |[Oo]ther )?(?:[A-Za-z][\w’'-]* ){0,2}?"
        r"(?:residents|locals|people|protesters|protestors|demonstrators|marchers|crowds?"
        r"|witnesses|eyewitnesses|passers-by|bystanders|onlookers|voters|citizens|parents"
        r"|patients|users|campaigners|activists|volunteers|charities|NGOs?))"
        rf"\s+(?:\w+ly\s+)?(?:{_REPORTING})\b"
    ),
]
#: what kind of source a name is (the first that matches; else ``official``)
_KINDS_OF_SOURCE = [
    ("white_house", re.compile(r"White House", re.IGNORECASE)),
    ("kremlin", re.compile(r"Kremlin", re.IGNORECASE)),
    (
        "civil_society",
        re.compile(
            r"\b(?:campaign(?:er)?s?|activists?|NGOs?|non-?governmental|non-?profits?"
            r"|charit(?:y|ies)|(?-i:unions?)|trade union|advocacy|rights groups?"
            r"|pressure groups?|organi[sz]ers|volunteers|Amnesty|Greenpeace|Oxfam"
            r"|Human Rights Watch|Red Cross|Red Crescent|Doctors Without Borders)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "public",
        re.compile(
            r"\b(?:residents?|locals|people(?![’']s)|protest[eo]rs?|demonstrators?|marchers"
            r"|crowds?|(?:eye)?witness(?:es)?|passers-by|bystanders?|onlookers|voters"
            r"|citizens|parents|patients|commuters|neighbou?rs|users|social media"
            r"|(?:members of )?the public|villagers|survivors)\b",
            re.IGNORECASE,
        ),
    ),
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


def read_table(path: Path, name: str) -> tuple[list[str], list[dict], bool]:
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
        tables[name] = read_table(path, csv_name)[1]
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
    header, rows, bom = read_table(c.path, name)
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


def cue_words(fact: dict) -> list[str]:
    """The words propose searches the article for, for a row of facts.csv (a dict): its
    cues' nouns, verbs and units, else its label's (as the review sheet lists them)."""
    return _cue_words(fact)


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
            pat = re.escape(w).replace(r"\ ", r"\s+")
            if w[-1:].lower() == "e" and len(w) > 3:  # close: closes, closed, closing
                parts.append(pat[:-1] + r"(?:e[sd]?|ing)")
            else:
                parts.append(pat + r"(?:s|es|d|ed|ing)?")
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


def case_measures(facts: list[dict]) -> tuple[list, dict[str, str]]:
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


_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{1,40}"  # the place in capitals: PORT ALDER, WASHINGTON, ST. LOUIS
    r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"  # , March 18
    r"(?:[ \t]*\([A-Za-z .&-]{2,40}\))?"  # (Reuters)
    r"[ \t]*(?:—|–|--|-)[ \t]+(?=[A-Z0-9“\"‘'])"  # then the sentence itself
)
"""A dateline before a report's first sentence, which a quote leaves out."""


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
    # "PORT ALDER — About 8,000 people ...": the quote starts with the sentence itself
    dateline = _DATELINE.match(masked, a)
    if dateline and dateline.end() <= start:
        a = dateline.end()
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
        if re.fullmatch(r"(?:The|Police|Officials?|Officers?|Authorities)(?: [a-z][\w ]*)?", src):
            src = src[0].lower() + src[1:]  # capitalised as the sentence's first word only
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
    by_label = len(words) > 1 and not (fact.get("cues") or "").strip()
    if len(hits) > 1 and by_label:
        hits = _most_label_words(hits, words, masked)
    m = hits[0] if hits else None
    if m:
        a, b = _sentence(masked, m.start(), m.end())
        qa, qb = _clause(masked, a, b, m.start(), m.end())
        code, src = _attribution(masked[a:b], allowed, m.start() - a)
        row.update(mentioned="true", quote=masked[qa:qb], attribution=code, source_name=src)
        doubt = ""
        if by_label and _label_words_in(masked, a, b, words) == 1:
            doubt = (
                f" Only this one of the label's words is in the sentence: is it about "
                f"{label}? If not, write cues and run propose --redo {fact['fact']}."
            )
        if fact.get("kind") == "wording":
            row["value_text"] = m.group(0)
            row["note"] = f"{MARK}The report's word: '{m.group(0)}'.{doubt}"
        else:
            row["note"] = f"{MARK}Mentioned ('{m.group(0)}').{doubt}"
        result.found += 1
        return row
    row["note"] = f"{MARK}Searched the article for {listed}: not found."
    result.not_found += 1
    return row


def _most_label_words(hits: list, words: list[str], masked: str) -> list:
    """``hits`` (in order) with those whose sentence has the most of the label's words
    first: without cues, "Climate change" is the sentence with both words, not the first
    "changed"."""

    def score(m) -> int:
        return _label_words_in(masked, *_sentence(masked, m.start(), m.end()), words)

    return sorted(hits, key=lambda m: -score(m))


def _label_words_in(masked: str, a: int, b: int, words: list[str]) -> int:
    """How many of ``words`` the text ``masked[a:b]`` has."""
    return sum(1 for rx in (_word_re([w]) for w in words) if rx and rx.search(masked, a, b))


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
    header, rows, bom = read_table(c.path, name)
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


def propose_claims(case=None, redo: bool | Iterable[str] = False) -> ProposeResult:
    """Write every missing report × fact row of the case's claims.csv (see the module
    docstring); with ``redo``, also write again the rows whose note still starts with
    PROPOSED (``redo`` may name facts: only their rows). Rows already there are never
    changed otherwise. Returns what was done."""
    from medialit.quantities import extract_quantities

    c = _load(
        case,
        ("datapackage.json", "reports.csv", "furniture.csv", "facts.csv"),
        ignore_fields={
            "reports.csv": ("origin", "origin_clue", "has_headline"),
            "facts.csv": ("question",),
        },
    )
    name = c.csv_name("claims")
    columns = c.fields("claims")
    header, rows, bom = read_table(c.path, name)
    if header and rows and header != columns:
        raise AuthoringError(
            f"the header of {name} is not the schema's ({', '.join(columns)}): "
            "fix it first (python -m medialit validate)"
        )
    result = ProposeResult(c.path)
    if redo and not isinstance(redo, bool):
        redo = set(redo)
        ids = [f["fact"] for f in c.facts]
        for name_ in sorted(redo - set(ids)):
            hint = hints.did_you_mean(name_, ids)
            raise AuthoringError(
                f"--redo {name_}: no such fact in facts.csv"
                + (f"; {hint}" if hint else f" (it has: {', '.join(ids)})")
            )
    measures, trouble = case_measures(c.facts)
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
                (redo is True or (redo and fact["fact"] in redo))
                and is_proposed(old.get("note", ""))
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


# --------------------------------------------------------------------------- facts

_GENERIC_MEASURES = frozenset(["duration", "count", "age", "time_ago"])
_LENGTH_WORDS = re.compile(r"^(?:the\s+)?(?:length|duration)\s+of\s+|\s+(?:length|duration)$", re.I)
_NUMBER_OF = re.compile(r"^(?:the\s+)?(?:number|count)\s+of\s+", re.I)


def _label_in_sentence(label: str, texts: tuple[str, ...] = ()) -> str:
    """The label as it reads inside a sentence: its first word in lower case ("Playing
    with fire" -> "playing with fire"), unless the reports write that word only with a
    capital, inside sentences too (a name: "Pelosi's visit"), or it is in capitals ("US").
    """
    label = " ".join(label.split())
    m = re.match(r"[A-Z][a-z]+", label)
    if not m or (len(label) > m.end() and label[m.end()].isalpha()):
        return label
    word, low = m.group(0), m.group(0).lower()
    if any(re.search(rf"(?<![\w-]){low}(?![\w-])", t) for t in texts):
        return low + label[m.end() :]
    if any(re.search(rf"[\w,;:]\s+{word}(?![\w-])", t) for t in texts):
        return label  # a name
    return low + label[m.end() :]


def question_for(label: str, kind: str, unit: str = "", texts: tuple[str, ...] = ()) -> str:
    """The question an annotator answers for a fact, written from its label, kind and unit
    (``texts``: the reports, which say whether the label's first word is a proper noun).

    >>> question_for("Call length", "quantity", "minutes")
    'How long does the report say the call lasted?'
    >>> question_for("Number of people", "quantity", "people")
    'What number of people does the report give?'
    >>> question_for("Arrests", "quantity", "people arrested")
    'What number of people arrested does the report give for arrests?'
    >>> question_for("When the call began", "wording")
    'In its own words, what does the report say about when the call began?'
    >>> question_for("Pelosi's visit", "mention", texts=("Speaker Pelosi's trip",))
    "Does the report mention Pelosi's visit?"
    """
    text = _label_in_sentence(label, texts)
    if kind == "quantity" and _time_unit(unit):
        what = _LENGTH_WORDS.sub("", text).strip() or text
        what = re.sub(r"^the\s+", "", what, flags=re.I)
        return f"How long does the report say the {_label_in_sentence(what, texts)} lasted?"
    if kind == "quantity":
        what = _NUMBER_OF.sub("", text).strip()
        unit = " ".join((unit or "").split())
        if not unit or what.lower() == unit.lower() or what.lower().endswith(" " + unit.lower()):
            return f"What number of {what} does the report give?"
        return f"What number of {unit} does the report give for {text}?"
    if kind == "wording":
        return f"In its own words, what does the report say about {text}?"
    return f"Does the report mention {text}?"


def fact_id_for(label: str, taken: set[str] = frozenset()) -> str:
    """A fact id made from a label ("Pelosi's visit" -> ``pelosi_visit``), not one of
    ``taken``.

    >>> fact_id_for("Pelosi's visit"), fact_id_for("US policy: unchanged", {"us_policy_unchanged"})
    ('pelosi_visit', 'us_policy_unchanged_2')
    """
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]s\b", "", label.lower()))
    base = "_".join(words)[:40].strip("_") or "fact"
    if not base[0].isalpha():
        base = "fact_" + base
    out, n = base, 2
    while out in taken:
        out, n = f"{base}_{n}", n + 1
    return out


def _unmark(value: str) -> str:
    value = value.lstrip()[len(PROPOSED) :].lstrip()
    return value[:1].upper() + value[1:]


def _write_table(path: Path, header: list[str], rows: list[dict], bom: bool) -> None:
    lines = [_line(header)] + [
        _line([r.get(col, "") for col in header] + list(r.get("\0extra", []))) for r in rows
    ]
    write_text_atomically(path, ("\ufeff" if bom else "") + "\n".join(lines) + "\n")


def _facts_table(c: _Case) -> tuple[str, list[str], list[dict], bool]:
    """(file name, header, rows, BOM) of facts.csv; refuses a header that is not the
    schema's (the optional columns cues and tolerance may be left out)."""
    name = c.csv_name("facts")
    header, rows, bom = read_table(c.path, name)
    columns = c.fields("facts")
    if header and header != [col for col in columns if col in header]:
        raise AuthoringError(
            f"the header of {name} is not the schema's ({', '.join(columns)}): "
            "fix it first (python -m medialit validate)"
        )
    if header and not {"fact", "label", "kind", "question"} <= set(header):
        missing = sorted({"fact", "label", "kind", "question"} - set(header))
        raise AuthoringError(f"{name} has no column {', '.join(missing)}: add it to the header")
    return name, header or columns, rows, bom


def complete_facts(case=None, texts: tuple[str, ...] | None = None) -> list[str]:
    """Fill in what facts.csv may leave to propose: an empty ``fact`` id is made from the
    label; an empty ``question``, and one still marked PROPOSED, is written from the
    label, kind and unit, marked ``PROPOSED:`` until the teacher reads it. Changes nothing
    else. Returns one line per change, for the terminal."""
    c = case if isinstance(case, _Case) else _load(case, ())
    name, header, rows, bom = _facts_table(c)
    if texts is None:
        texts = tuple(_report_texts(c).values())
    taken = {r.get("fact", "").strip() for r in rows}
    said = []
    for n, r in enumerate(rows, 2):
        label = " ".join((r.get("label") or "").split())
        if not r.get("fact", "").strip() and label:
            r["fact"] = fact_id_for(label, taken)
            taken.add(r["fact"])
            said.append(f"row {n}: fact id {r['fact']!r} made from the label")
        kind = (r.get("kind") or "").strip()
        question = r.get("question") or ""
        if kind not in ("quantity", "wording", "mention") or not (label or r.get("fact")):
            continue  # validate says what is missing
        if not question.strip() or is_proposed(question):
            words = label or r["fact"].replace("_", " ")
            new = f"{MARK}{question_for(words, kind, r.get('unit', ''), texts)}"
            if new != question:
                r["question"] = new
                said.append(f"row {n} ({r['fact']}): question written: {_unmark(new)!r}")
    if said:
        _write_table(c.path / name, header, rows, bom)
    return said


def _report_texts(c: _Case) -> dict[str, str]:
    """Every report's text with its page furniture blanked out, by report id (reports
    whose file cannot be read are left out: validate says why)."""
    import contextlib

    out = {}
    for rep in c.reports:
        rid = rep.get("report_id", "")
        spans = []
        for f in c.furniture:
            if f.get("report_id") == rid:
                with contextlib.suppress(KeyError, ValueError):
                    spans.append((int(f["start"]), int(f["end"])))
        try:
            out[rid] = _masked(c.report_text(rid), spans)
        except AuthoringError:
            continue
    return out


def _cue_string(m) -> str:
    """A measure as the cues column writes it."""
    parts = [] if m.kind == "duration" else ["kind: count"]
    for key in ("nouns", "verbs", "units"):
        words = getattr(m, key)
        if words:
            parts.append(f"{key}: {', '.join(words)}")
    if m.scope != "near":
        parts.append(f"scope: {m.scope}")
    return "; ".join(parts)


@dataclass
class ProposedFact:
    """A quantity fact that :func:`propose_facts` found in the reports."""

    fact: str
    label: str
    unit: str
    cues: str
    tolerance: str
    seen: dict[str, list[str]]  # report id -> the figures as written

    def line(self) -> str:
        where = "; ".join(
            f"{rid[:3]} {', '.join(repr(t) for t in texts[:2])}" for rid, texts in self.seen.items()
        )
        return f"{self.fact} ({self.unit}, {len(self.seen)} reports): {where}"


def _candidate_measures(texts: dict[str, str], existing: list) -> list:
    """Measures to try on the reports: the default ones, one per event noun the reports
    use ("meeting" -> meeting_length) and one per counted noun that at least two reports
    count ("protesters"), after the case's own."""
    from medialit.quantities import DEFAULT_MEASURES, extract_quantities
    from medialit.quantities.measures import EVENT_NOUNS, Measure
    from medialit.quantities.numbers import plural

    names = {m.name for m in existing}
    out = [m for m in DEFAULT_MEASURES if m.name not in names]
    default_nouns = {w.lower() for m in DEFAULT_MEASURES for w in m.nouns}
    everything = "\n".join(texts.values())
    nouns = [
        n
        for n in EVENT_NOUNS
        if re.search(rf"(?<![\w-]){re.escape(n)}s?(?![\w-])", everything, re.I)
    ]
    counted: dict[str, dict[str, set[str]]] = {}  # unit -> report -> words as written
    for rid, text in texts.items():
        for q in extract_quantities(text, []):
            if q.measure == "duration":
                noun = _what_lasted(text, q)
                if noun and noun not in nouns:
                    nouns.append(noun)
            if q.kind == "count" and q.unit not in ("count", "") and q.measure == "count":
                word = q.text.split()[-1].lower().strip("’'")
                counted.setdefault(q.unit, {}).setdefault(rid, set()).add(word)
    for noun in nouns:
        name = noun.replace(" ", "_") + "_length"
        if noun not in default_nouns and name not in names:
            out.append(Measure(name, nouns=(noun,)))
    for unit, seen in counted.items():
        if len(seen) < 2:
            continue
        words = sorted({w for ws in seen.values() for w in ws})
        name = re.sub(r"[^a-z0-9]+", "_", plural(unit)).strip("_")
        if not name or not name[0].isalpha() or name in names:
            continue
        out.append(Measure(name, kind="count", nouns=tuple(words), units=tuple(words)))
    return out


_LASTED = re.compile(
    r"\b([a-z][a-z-]{2,})\s+(?:(?:that|which)\s+)?(?:\w+ly\s+)?(?:lasted|took|went\s+on|ran"
    r"|continued|stretched(?:\s+on)?|spanned)(?:\s+for)?\s*$"
)
_NOT_EVENTS = _STOP | {"that", "which", "this", "they", "there", "who", "also", "then", "only"}


def _what_lasted(text: str, q) -> str | None:
    """The noun a duration the extractor left unnamed is the length of, when the words
    say it: "the march took about two hours", "a three-hour march" -> ``march``."""
    from medialit.quantities.numbers import singular

    m = _LASTED.search(text, max(0, q.start - 80), q.start)
    if m is None and "-" in q.text:
        m = re.compile(r"\s+([a-z][a-z-]{2,})\b").match(text, q.end)
    if m is None:
        return None
    word = m.group(1)
    word = singular(word) or word
    return None if word in _NOT_EVENTS else word


def _label_for(name: str) -> str:
    words = name.replace("_", " ")
    if words.endswith(" length"):
        return words[:1].upper() + words[1:]
    if " " not in words:
        return f"Number of {words}"
    return words[:1].upper() + words[1:]


def propose_facts(case=None) -> list[ProposedFact]:
    """Add to facts.csv a quantity fact for each figure that at least two reports give and
    no fact of the case covers yet: a duration of a call, a meeting, a ceasefire ... (the
    default measures and the event nouns the reports use), or a count of the same thing
    (people, protesters, prisoners ...). Each row has ``fact``, ``label``, ``kind``,
    ``unit``, ``cues``, a ``tolerance`` (0.25 for a count given only in round figures,
    which reads as an estimate; else empty, read as 0.1) and a question marked
    ``PROPOSED:``, for the teacher to keep, rename or delete. Returns the facts added."""
    from medialit.quantities import extract_quantities

    c = _load(
        case,
        ("datapackage.json", "reports.csv", "furniture.csv"),
        ignore_fields={"reports.csv": ("origin", "origin_clue", "has_headline")},
    )
    name, header, rows, bom = _facts_table(c)
    texts = _report_texts(c)
    existing, _ = case_measures(rows)
    candidates = _candidate_measures(texts, existing)
    own = {m.name for m in existing}
    seen: dict[str, dict[str, list]] = {}
    for rid, text in texts.items():
        covered = (
            {(q.start, q.end) for q in extract_quantities(text, existing) if q.measure in own}
            if existing
            else set()
        )
        for q in extract_quantities(text, [*existing, *candidates]):
            if q.measure in own or q.measure in _GENERIC_MEASURES or (q.start, q.end) in covered:
                continue
            seen.setdefault(q.measure, {}).setdefault(rid, []).append(q)
    by_name = {m.name: m for m in candidates}
    taken = {r.get("fact", "") for r in rows}
    if "cues" not in header:  # a CSV may leave the column out: the proposals need it
        header = [col for col in c.fields("facts") if col in header or col == "cues"]
    added = []
    for measure, found in sorted(seen.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(found) < 2:
            continue  # comparing needs two reports with the figure
        m = by_name[measure]
        qs = [q for qq in found.values() for q in qq]
        if m.kind == "duration":
            unit = "days" if max(q.value for q in qs) >= 2 * 24 * 60 else "minutes"
            tolerance = ""
        else:
            words = [q.text.split()[-1].lower().strip("’'") for q in qs]
            unit = max(sorted(set(words)), key=words.count)
            round_only = all(q.value >= 100 and q.value % 100 == 0 for q in qs)
            tolerance = "0.25" if round_only else ""
        fact = fact_id_for(measure, taken)
        taken.add(fact)
        label = _label_for(measure if m.kind == "duration" or "_" in measure else unit)
        pf = ProposedFact(
            fact,
            label,
            unit,
            _cue_string(m),
            tolerance,
            {rid: list(dict.fromkeys(q.text for q in qq)) for rid, qq in found.items()},
        )
        row = dict.fromkeys(header, "")
        row.update(
            fact=fact,
            label=label,
            kind="quantity",
            unit=unit,
            question=MARK + question_for(label, "quantity", unit, tuple(texts.values())),
        )
        row.update(cues=pf.cues, tolerance=tolerance)
        rows.append(row)
        added.append(pf)
    if any(pf.tolerance for pf in added) and "tolerance" not in header:
        header = [col for col in c.fields("facts") if col in header or col == "tolerance"]
    if added:
        _write_table(c.path / name, header, rows, bom)
    return added


def confirm_facts(case=None) -> int:
    """Delete the PROPOSED mark from every question of facts.csv; returns how many."""
    c = _load(case, ())
    name, header, rows, bom = _facts_table(c)
    n = 0
    for r in rows:
        if is_proposed(r.get("question", "")):
            r["question"] = _unmark(r["question"])
            n += 1
    if n:
        _write_table(c.path / name, header, rows, bom)
    return n


def confirm_claims(case=None) -> int:
    """Delete the PROPOSED mark from every note of claims.csv; returns how many.

    A marked row the teacher set to ``mentioned`` = false loses what was proposed for it
    (quote, figures, attribution; source_name when it was 'the report itself') and its
    note says that what was found is about something else; a proposed note that names
    another bound than the row's now names the row's."""
    c = _load(case, ())
    name = c.csv_name("claims")
    header, rows, bom = read_table(c.path, name)
    n = 0
    for r in rows:
        note = r.get("note", "")
        if is_proposed(note):
            r["note"] = _unmark(note)
            n += 1
            if r.get("mentioned", "").strip().lower() == "false" and r.get("quote", "").strip():
                found = re.search(r"'([^']+)'", r["note"])
                r["note"] = (
                    f"Not mentioned: '{found.group(1)}' in the report is about something else."
                    if found
                    else "Not mentioned."
                )
                for col in header:
                    if col not in ("report_id", "fact", "mentioned", "source_name", "note"):
                        r[col] = ""
                if r.get("source_name", "").strip() == "the report itself":
                    r["source_name"] = ""
            bound = r.get("bound", "").strip()
            said = [b for b, words in _BOUND_WORDS.items() if f", {words}" in r["note"]]
            if bound in _BOUND_WORDS and said and bound not in said:
                was, now = _BOUND_WORDS[said[0]], _BOUND_WORDS[bound]
                r["note"] = r["note"].replace(f", {was}", f", {now}", 1)
    if n:
        lines = [_line(header)] + [
            _line([r.get(col, "") for col in header] + list(r.get("\0extra", []))) for r in rows
        ]
        write_text_atomically(c.path / name, ("\ufeff" if bom else "") + "\n".join(lines) + "\n")
    return n


# --------------------------------------------------------------------------- command line


FACT_STEPS = """Keep, rename or delete each proposed fact in facts.csv (run --facts once: it
proposes a deleted one again). Add one row for each other fact you compare: its label
and kind (mention or wording); fact, question and cues may stay empty. Then run:
  python -m medialit propose CASE"""


def _write_review(case) -> int:
    """Write the review sheet (medialit.review) and say where; 1 if it cannot."""
    from medialit.review import write_review

    try:
        print(f"review sheet: {write_review(case)} (open it in a browser to check the rows)")
    except (AuthoringError, OSError) as e:
        print(f"review.html: not written: {e}", file=sys.stderr)
        return 1
    return 0


def main_propose(
    case: str,
    redo: bool | list[str] = False,
    confirm: bool = False,
    facts: bool = False,
    review: bool = False,
) -> int:
    """``python -m medialit propose CASE [--facts | --redo [FACT ...] | --confirm |
    --review]`` (``redo``: True, or the facts whose rows to write again; an empty list is
    all; ``review``: only write the review sheet)."""
    if isinstance(redo, list) and not redo:
        redo = True
    if review:
        return _write_review(case)
    try:
        if confirm:
            n = confirm_claims(case)
            k = confirm_facts(case)
            print(
                f"{resolve_case_path(case)}: deleted the {PROPOSED} mark from {k} questions "
                f"of facts.csv and {n} rows of claims.csv; now run python -m medialit validate"
            )
            if (resolve_case_path(case) / "review.html").is_file():
                _write_review(case)  # the sheet shows the rows as checked
            return 0
        said = propose_reports(case)
    except AuthoringError as e:
        print(f"medialit propose: {e}", file=sys.stderr)
        return 1
    if said:
        print("reports.csv:")
        for line in said:
            print(f"  {line}")
    try:  # the teacher's own facts get their ids and questions either way
        added = propose_facts(case) if facts else []
        filled = complete_facts(case)
    except AuthoringError as e:
        print(f"facts.csv: {'not proposed: ' if facts else ''}{e}", file=sys.stderr)
        return 1
    if facts:
        if added:
            print(f"facts.csv: proposed {len(added)} quantity facts (questions marked {PROPOSED}):")
            for pf in added:
                print(f"  {pf.line()}")
        else:
            print(
                "facts.csv: no new quantity fact (no figure that two reports give and no "
                "fact covers yet)"
            )
        for line in filled:
            print(f"  {line}")
        print(FACT_STEPS.replace("CASE", str(case)))
        return 0
    if filled:
        print("facts.csv:")
        for line in filled:
            print(f"  {line}")
    path = resolve_case_path(case)
    if not read_table(path, "facts.csv")[1] and (path / "datapackage.json").is_file():
        print(
            "claims.csv: not proposed yet: facts.csv has no facts yet: mark the page "
            f"furniture, then run python -m medialit propose {case} --facts",
            file=sys.stderr,
        )
        return 0 if said else 1
    try:
        result = propose_claims(case, redo=redo)
    except AuthoringError as e:
        print(f"claims.csv: not proposed yet: {e}", file=sys.stderr)
        return 0 if said else 1
    print(result.summary())
    _write_review(case)  # claims.csv is written: a sheet that cannot be written is only said
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
    "complete_facts",
    "confirm_claims",
    "confirm_facts",
    "cue_words",
    "fact_id_for",
    "furniture_row",
    "propose_claims",
    "propose_facts",
    "question_for",
]
