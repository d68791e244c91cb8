"""Validate a case: what Frictionless checks from the schema, and what a schema cannot say.

:func:`frictionless_problems` runs Frictionless on a case folder and words its errors in
plain language (:mod:`medialit.hints`); :mod:`medialit.cache` remembers the result.
:func:`semantic_problems` checks hashes, offsets and quotes against the report texts, one
function per table (:data:`TABLE_CHECKS`), in a fixed order: the order of the problems a
teacher sees. Loading (:mod:`medialit.case`) calls both.

>>> t = {"facts": pd.DataFrame({"fact": ["call_length"], "kind": ["wording"],
...                             "tolerance": ["5"]})}
>>> for p in fact_problems(t, Texts(files=None)):
...     print(p)  # doctest: +NORMALIZE_WHITESPACE
facts.csv:2:tolerance: only a quantity fact has a tolerance (call_length is a wording fact):
leave it empty
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from medialit import hints
from medialit.case import (
    MAX_REPORT_BYTES,
    OPTIONAL_TABLES,
    PROPOSED,
    CaseFileError,
    Problem,
    decode_case_text,
    is_proposed,
)

# --------------------------------------------------------------------------- Frictionless


def frictionless_problems(path: Path) -> list[Problem]:
    """Types, required fields, enums, patterns, keys: checked by Frictionless from the schema."""
    import frictionless  # imported here: it is slow to import and only needed for validation

    try:
        report = frictionless.validate(str(path / "datapackage.json"), skip_errors=["blank-row"])
    except Exception as e:
        return [Problem("datapackage.json", None, None, f"cannot be checked: {e}")]
    problems = []
    schemas = _schemas(path)
    for task in report.tasks:
        file = Path(task.place).name if task.place else task.name
        fields, keys, lookups = schemas.get(file, ({}, [], {}))
        broken_rows = {
            getattr(e, "row_number", None)
            for e in task.errors
            if e.type in ("extra-cell", "missing-cell")
        }
        said = set()
        for err in task.errors:
            row = getattr(err, "row_number", None)
            fld = getattr(err, "field_name", None) or ",".join(
                getattr(err, "field_names", None) or []
            )
            if row in broken_rows and err.type not in ("extra-cell", "missing-cell"):
                continue  # cells out of place: the row's cell count is the problem to fix
            if err.type in ("extra-cell", "missing-cell"):
                if row in said:
                    continue  # one problem a row
                said.add(row)
                fld = "" if err.type == "extra-cell" else fld
            note = getattr(err, "note", "") or err.message
            cells = getattr(err, "cells", None) or []
            cell = getattr(err, "cell", None)
            names = getattr(err, "field_names", None) or []
            if err.type == "foreign-key" and names:
                cell = ", ".join(str(c) for c in _key_cells(cells, fields, names))
                choices = lookups.get(tuple(names), [])
            else:
                choices = None
            try:
                reason = hints.plain_message(
                    err.type, note, cell, fields.get(fld), names or keys, choices
                )
            except Exception:
                reason = f"{err.title.lower()}: {note}"
            problems.append(Problem(file, row, fld, reason))
    for err in report.errors:
        problems.append(Problem("datapackage.json", None, None, err.message))
    return problems


def _schemas(path: Path) -> dict[str, tuple[dict, list[str], dict]]:
    """For each CSV of the case in ``path``, by file name: its fields by name, its primary
    key, and the values each foreign key may take (read from the table it refers to), for
    the wording of problems. Whatever cannot be read is left out."""
    import csv

    try:
        meta = json.loads((path / "datapackage.json").read_text(encoding="utf-8"))
        resources = {
            r["name"]: r
            for r in meta["resources"]
            if isinstance(r, dict)
            and isinstance(r.get("name"), str)
            and isinstance(r.get("path"), str)
        }
    except (OSError, ValueError, TypeError, KeyError):
        return {}
    out = {}
    for r in resources.values():
        try:
            schema = r.get("schema") if isinstance(r.get("schema"), dict) else {}
            fields = {
                f["name"]: f
                for f in schema.get("fields") or []
                if isinstance(f, dict) and isinstance(f.get("name"), str)
            }
            key = schema.get("primaryKey") or []
            key = [key] if isinstance(key, str) else [k for k in key if isinstance(k, str)]
            lookups = {}
            for fk in schema.get("foreignKeys") or []:
                names = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
                ref = resources[fk["reference"]["resource"]]
                refs = fk["reference"]["fields"]
                refs = refs if isinstance(refs, list) else [refs]
                with open(path / ref["path"], encoding="utf-8", newline="") as f:
                    rows = list(csv.DictReader(f))
                lookups[tuple(names)] = [", ".join(row.get(c) or "" for c in refs) for row in rows]
            out[Path(r["path"]).name] = (fields, key, lookups)
        except (OSError, ValueError, TypeError, KeyError, AttributeError, csv.Error):
            continue
    return out


def _key_cells(cells: list, fields: dict, names: list[str]) -> list:
    """The cells of a row that hold the columns ``names`` (fields in schema order)."""
    order = list(fields)
    return [
        cells[order.index(n)] if n in order and order.index(n) < len(cells) else "" for n in names
    ]


def _num(s: str) -> float | None:
    return float(s) if s not in ("", None) else None


# --------------------------------------------------------------------------- our own checks


@dataclass
class Texts:
    """What the checks of earlier tables found, for the checks of later ones: the case's
    files, each report's text by id (reports) and its page-furniture spans (furniture)."""

    files: object  # medialit.case._CaseFiles: ``read(name, limit) -> bytes``
    texts: dict[str, str] = field(default_factory=dict)
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


Check = Callable[[dict[str, pd.DataFrame], Texts], list[Problem]]


def report_problems(t: dict[str, pd.DataFrame], known: Texts) -> list[Problem]:
    """reports.csv: each file is there, matches its SHA-256, is UTF-8 and holds its origin
    clue. Fills ``known.texts``."""
    problems: list[Problem] = []
    texts = known.texts
    for i, r in t["reports"].iterrows():
        row = i + 2
        try:
            data = known.files.read(r["file"], MAX_REPORT_BYTES)
        except FileNotFoundError:
            problems.append(Problem("reports.csv", row, "file", f"file {r['file']} not found"))
            continue
        except CaseFileError as e:
            problems.append(Problem("reports.csv", row, "file", f"{r['file']} {e.reason}"))
            continue
        if hashlib.sha256(data).hexdigest() != r["sha256"]:
            problems.append(
                Problem(
                    "reports.csv",
                    row,
                    "sha256",
                    f"{r['file']} does not match its recorded SHA-256: the raw "
                    "text was changed (raw reports must stay byte-identical)",
                )
            )
        try:
            texts[r["report_id"]] = decode_case_text(data)
        except UnicodeDecodeError as e:
            problems.append(Problem("reports.csv", row, "file", f"{r['file']} is not UTF-8: {e}"))
            continue
        if r["origin_clue"] not in texts[r["report_id"]]:
            hint = hints.quote_hint(r["origin_clue"], texts[r["report_id"]])
            problems.append(
                Problem(
                    "reports.csv",
                    row,
                    "origin_clue",
                    f"clue not found verbatim in {r['file']}" + (f": {hint}" if hint else ""),
                )
            )
    return problems


def furniture_problems(t: dict[str, pd.DataFrame], known: Texts) -> list[Problem]:
    """furniture.csv: each span lies in its report, starts (and ends) with the words the
    row gives, and overlaps no other span. Fills ``known.spans``."""
    problems: list[Problem] = []
    texts, spans = known.texts, known.spans
    for i, r in t["furniture"].iterrows():
        row, rid = i + 2, r["report_id"]
        if rid not in texts:
            continue  # unknown ids are reported by the foreign-key check
        start, end = int(r["start"]), int(r["end"])
        text = texts[rid]
        if not (0 <= start < end <= len(text)):
            problems.append(
                Problem(
                    "furniture.csv",
                    row,
                    "end",
                    f"span {start}-{end} is outside report {rid} ({len(text)} characters) or empty",
                )
            )
            continue
        if not text[start:end].startswith(r["starts_with"]) or not r["starts_with"]:
            problems.append(
                Problem(
                    "furniture.csv",
                    row,
                    "starts_with",
                    f"span {start}-{end} of {rid} starts with "
                    f"{text[start : start + 40]!r}, not {r['starts_with']!r}"
                    + _nearest(text, r["starts_with"], start, "start", 0),
                )
            )
        ends_with = r.get("ends_with", "")
        span = text[start:end]
        if ends_with and not (
            span.endswith(ends_with)  # white space after the words is fine
            or span.rstrip().endswith(ends_with.rstrip())
        ):
            problems.append(
                Problem(
                    "furniture.csv",
                    row,
                    "ends_with",
                    f"span {start}-{end} of {rid} ends with "
                    f"{text[max(start, end - 40) : end]!r}, not {ends_with!r}"
                    + _nearest(text, ends_with, end, "end", len(ends_with)),
                )
            )
        for s, e in spans.get(rid, []):
            if start < e and s < end:
                problems.append(
                    Problem(
                        "furniture.csv",
                        row,
                        "start",
                        f"span {start}-{end} overlaps span {s}-{e} of {rid}",
                    )
                )
        spans.setdefault(rid, []).append((start, end))
    return problems


def fact_problems(t: dict[str, pd.DataFrame], known: Texts) -> list[Problem]:
    """facts.csv: no question left unread, cue words that read as cues, a tolerance only
    on a quantity fact."""
    facts = t["facts"]
    unread = [
        Problem(
            "facts.csv",
            i + 2,
            "question",
            f"written by medialit propose, not checked yet: students see this question; "
            f"edit it if needed, then delete '{PROPOSED}' from it",
        )
        for i, q in enumerate(facts["question"] if "question" in facts.columns else [])
        if is_proposed(q)
    ]
    return [*unread, *_cue_problems(facts), *_tolerance_problems(facts)]


def claim_problems(t: dict[str, pd.DataFrame], known: Texts) -> list[Problem]:
    """claims.csv, row by row: no proposal left unchecked, empty cells when not mentioned,
    a verbatim quote outside page furniture, an attribution, and what the fact's kind needs."""
    problems: list[Problem] = []
    texts, spans = known.texts, known.spans
    kinds = dict(zip(t["facts"]["fact"], t["facts"]["kind"], strict=False))
    for i, r in t["claims"].iterrows():
        row, rid, fact = i + 2, r["report_id"], r["fact"]
        if is_proposed(r["note"]):
            problems.append(
                Problem(
                    "claims.csv",
                    row,
                    "note",
                    f"proposed by medialit propose, not checked yet: check the "
                    f"row against report {rid}, then delete '{PROPOSED}' from "
                    "the note",
                )
            )
        mentioned = r["mentioned"].lower() == "true"
        if not mentioned:
            for col in ("quote", "value_text", "value", "bound", "low", "high", "attribution"):
                if r[col] != "":
                    problems.append(
                        Problem("claims.csv", row, col, "must be empty when mentioned is false")
                    )
            continue
        if len(r["quote"].strip()) < 3:
            problems.append(
                Problem("claims.csv", row, "quote", "a mentioned claim needs its verbatim quote")
            )
        elif rid in texts:
            pos = texts[rid].find(r["quote"])
            if pos < 0:
                hint = hints.quote_hint(r["quote"], texts[rid])
                problems.append(
                    Problem(
                        "claims.csv",
                        row,
                        "quote",
                        f"quote not found verbatim in report {rid}" + (f": {hint}" if hint else ""),
                    )
                )
            elif any(pos < e and s < pos + len(r["quote"]) for s, e in spans.get(rid, [])):
                problems.append(
                    Problem(
                        "claims.csv",
                        row,
                        "quote",
                        f"quote lies in page furniture of report {rid}, not in the article",
                    )
                )
        if r["attribution"] == "":
            problems.append(
                Problem(
                    "claims.csv",
                    row,
                    "attribution",
                    "say whose statement it is (outlet for the report's own voice)",
                )
            )
        kind = kinds.get(fact)
        if kind == "quantity":
            problems.extend(_quantity_problems(row, r))
        elif kind == "wording" and r["value_text"] == "":
            problems.append(
                Problem(
                    "claims.csv", row, "value_text", "a wording fact needs the report's wording"
                )
            )
    return problems


def optional_table_problems(name: str, t: dict[str, pd.DataFrame], known: Texts) -> list[Problem]:
    """One of :data:`~medialit.case.OPTIONAL_TABLES` (when the case has it): its quotes are
    verbatim in their reports (see :func:`_quote_problems`)."""
    if name not in t:
        return []
    column, furniture_ok = OPTIONAL_TABLES[name]
    return _quote_problems(f"{name}.csv", t[name], column, known.texts, known.spans, furniture_ok)


def coverage_problems(t: dict[str, pd.DataFrame], known: Texts) -> list[Problem]:
    """claims.csv as a whole: one row for every report and every fact."""
    seen = set(zip(t["claims"]["report_id"], t["claims"]["fact"], strict=False))
    return [
        Problem(
            "claims.csv",
            None,
            "fact",
            f"no row for report {rid} and fact {fact}: add one "
            "(mentioned=false if the report does not mention it)",
        )
        for rid in known.texts
        for fact in dict.fromkeys(t["facts"]["fact"])
        if (rid, fact) not in seen
    ]


TABLE_CHECKS: tuple[Check, ...] = (
    report_problems,
    furniture_problems,
    fact_problems,
    claim_problems,
    *(partial(optional_table_problems, name) for name in OPTIONAL_TABLES),
    coverage_problems,
)
"""The checks :func:`semantic_problems` runs, in order (later ones use what earlier ones
found: the texts, then the furniture spans)."""


def semantic_problems(files, t: dict[str, pd.DataFrame]) -> list[Problem]:
    """What a schema cannot say: hashes, offsets and quotes checked against the texts
    (``files``: the case's files as read so far, ``t``: its tables as text)."""
    known = Texts(files)
    problems: list[Problem] = []
    for check in TABLE_CHECKS:
        problems.extend(check(t, known))
    return problems


def _quote_problems(
    file: str,
    table: pd.DataFrame,
    column: str,
    texts: dict[str, str],
    spans: dict[str, list[tuple[int, int]]],
    furniture_ok: bool,
) -> list[Problem]:
    """Every non-empty ``column`` value must be verbatim in its report (and, unless
    ``furniture_ok``, in the article rather than in page furniture)."""
    out = []
    for i, r in table.iterrows():
        quote, rid = r[column], r["report_id"]
        if quote == "" or rid not in texts:
            continue
        if len(quote.strip()) < 3:
            out.append(Problem(file, i + 2, column, "too short to be a quote"))
            continue
        pos = texts[rid].find(quote)
        if pos < 0:
            hint = hints.quote_hint(quote, texts[rid])
            out.append(
                Problem(
                    file,
                    i + 2,
                    column,
                    f"not found verbatim in report {rid}" + (f": {hint}" if hint else ""),
                )
            )
        elif not furniture_ok and any(
            pos < e and s < pos + len(quote) for s, e in spans.get(rid, [])
        ):
            out.append(
                Problem(
                    file,
                    i + 2,
                    column,
                    f"lies in page furniture of report {rid}, not in the article",
                )
            )
    return out


def _nearest(text: str, words: str, at: int, what: str, shift: int) -> str:
    """``; these words ... at N: set start to N`` for the occurrence of ``words`` nearest to
    ``at`` (``shift``: where the span's edge is from the start of the words), or ``''``."""
    hits, pos = [], text.find(words) if words else -1
    while pos >= 0 and len(hits) < 1000:
        hits.append(pos + shift)
        pos = text.find(words, pos + 1)
    if not hits:
        return f"; {words!r} is nowhere in the report (copy it from the report)"
    best = min(hits, key=lambda h: abs(h - at))
    return f"; these words {'start' if what == 'start' else 'end'} at {best}: set {what} to {best}"


def _cue_problems(facts: pd.DataFrame) -> list[Problem]:
    """Each ``cues`` cell (when the column is there) reads as cue words."""
    if "cues" not in facts.columns:
        return []
    from medialit.quantities.measures import Measure

    out = []
    for i, r in facts.iterrows():
        if r["cues"].strip():
            try:
                Measure.from_cues(r["fact"] or "fact", r["cues"])
            except (ValueError, TypeError) as e:
                out.append(
                    Problem(
                        "facts.csv", i + 2, "cues", str(e).removeprefix(f"measure {r['fact']!r}: ")
                    )
                )
    return out


def _tolerance_problems(facts: pd.DataFrame) -> list[Problem]:
    """A ``tolerance`` (when the column is there) belongs to a quantity fact only."""
    if "tolerance" not in facts.columns:
        return []
    return [
        Problem(
            "facts.csv",
            i + 2,
            "tolerance",
            f"only a quantity fact has a tolerance ({r['fact']} is a {r['kind']} fact): "
            "leave it empty",
        )
        for i, r in facts.iterrows()
        if r["tolerance"].strip() and r["kind"] != "quantity"
    ]


def _quantity_problems(row: int, r: pd.Series) -> list[Problem]:
    out = []
    for col in ("value", "bound", "low"):
        if r[col] == "":
            out.append(
                Problem("claims.csv", row, col, "a quantity claim needs value, bound and low")
            )
    if out:
        return out
    value, low, high = float(r["value"]), float(r["low"]), _num(r["high"])
    bound = r["bound"]
    expect = {
        "about": (None, None),
        "at_least": (value, None),
        "at_most": (0.0, value),
        "exact": (value, value),
    }[bound]
    if bound == "at_least" and high is not None:
        out.append(
            Problem(
                "claims.csv",
                row,
                "high",
                "leave high empty for at_least: 'more than X' sets no upper bound",
            )
        )
    if bound == "at_least" and low != value:
        out.append(Problem("claims.csv", row, "low", "for at_least, low equals value"))
    if bound == "at_most" and (low, high) != expect:
        out.append(Problem("claims.csv", row, "low", "for at_most, low is 0 and high equals value"))
    if bound == "exact" and (low, high) != expect:
        out.append(
            Problem(
                "claims.csv",
                row,
                "low",
                "for exact (a precise figure such as '2 hours and 5 minutes'), low "
                "and high both equal value",
            )
        )
    if bound == "about":
        if high is None or math.isinf(high):
            out.append(Problem("claims.csv", row, "high", "an about figure needs a finite high"))
        elif not (low <= value <= high):
            out.append(Problem("claims.csv", row, "value", "value must lie between low and high"))
    if high is not None and low > high:
        out.append(Problem("claims.csv", row, "low", "low is greater than high"))
    return out
