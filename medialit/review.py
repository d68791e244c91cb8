"""A review sheet for the claims ``propose`` wrote: ``python -m medialit propose CASE --review``.

:func:`write_review` writes ``review.html`` into the case folder (``propose`` writes it
again after every claims proposal). One page, offline and without scripts, that merges
the two passes of checking a case: reading each report and checking its claims.csv rows.

- At the top, a fact × report table: each cell the row's figure and bound, the report's
  words (a wording fact) or "not mentioned", with a link to the row; a figure far from
  the other reports' (outside the fact's tolerance around their median) stands out.
- Then each report: the facts propose found no mention of, with the words it searched
  (watch for them while you read); then the article text as collected, page furniture
  greyed with its kind, every quote highlighted where validate finds it (its first
  occurrence) and labelled with its fact; after each paragraph, a box per quote that
  ends in it: value, bound, low-high, attribution, source_name, the note, and which
  columns of which claims.csv row to type if it is wrong.

Rows still marked ``PROPOSED:`` are flagged. Every text from the case is escaped.

>>> import shutil, tempfile
>>> tmp = Path(tempfile.mkdtemp())
>>> case = Path(shutil.copytree(Path(__file__).parent.parent / "tests/cases/library-vote",
...                             tmp / "vote"))
>>> sheet = write_review(case)
>>> sheet.name, "<script" in sheet.read_text(encoding="utf-8")
('review.html', False)
>>> shutil.rmtree(tmp)
"""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
from pathlib import Path

from medialit.case import (
    MAX_DESCRIPTOR_BYTES,
    MAX_REPORT_BYTES,
    PROPOSED,
    Case,
    CaseFileError,
    decode_case_text,
    is_proposed,
    read_case_file,
    resolve_case_path,
)
from medialit.propose import AuthoringError, cue_words, read_table
from medialit.safecsv import write_text_atomically

SHEET = "review.html"
"""The sheet's file name in the case folder."""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _anchor(*parts: str) -> str:
    return "c-" + "-".join(re.sub(r"[^A-Za-z0-9_-]+", "_", p) for p in parts)


def _table(path: Path, name: str) -> list[dict]:
    return read_table(path, name)[1]


@dataclass
class _Row:
    """One claims.csv row and where its quote is."""

    n: int  # the spreadsheet row (2 is the first data row)
    cells: dict
    fact: dict
    label: int = 0  # its number in the report's section
    start: int = -1  # the quote's first occurrence, -1 when not found
    end: int = -1
    focus: tuple[int, int] | None = None  # the figure or word the note names
    times: int = 0  # how often the quote occurs
    in_furniture: bool = False

    @property
    def mentioned(self) -> bool:
        return self.cells.get("mentioned", "").strip().lower() == "true"

    @property
    def proposed(self) -> bool:
        return is_proposed(self.cells.get("note", ""))


@dataclass
class _Report:
    rid: str
    text: str = ""
    problem: str = ""
    furniture: list[tuple[int, int, str]] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def _read(path: Path):
    try:
        meta = json.loads(
            decode_case_text(read_case_file(path, "datapackage.json", MAX_DESCRIPTOR_BYTES))
        )
        resources = {r["name"]: r for r in meta["resources"]}
    except FileNotFoundError:
        raise AuthoringError(f"{path} has no datapackage.json") from None
    except (CaseFileError, ValueError, TypeError, KeyError, UnicodeDecodeError):
        raise AuthoringError(
            f"datapackage.json cannot be read: run python -m medialit validate {path}"
        ) from None

    def csv_name(table: str) -> str:
        return resources.get(table, {}).get("path", f"{table}.csv")

    enum = []
    for f in (resources.get("claims", {}).get("schema") or {}).get("fields", []):
        if isinstance(f, dict) and f.get("name") == "attribution":
            enum = list((f.get("constraints") or {}).get("enum") or [])
    tables = {t: _table(path, csv_name(t)) for t in ("reports", "furniture", "facts", "claims")}
    return meta, tables, enum, csv_name("claims")


def _quoted(note: str, quote: str) -> tuple[int, int] | None:
    """Where in ``quote`` the first word or figure the note names in single quotes is
    ('two hours and 17 minutes': ..., Mentioned ('Pelosi')), as (start, end) or None."""
    for m in re.finditer(r"(?<![A-Za-z])'([^']{1,120})'(?![A-Za-z])", note or ""):
        at = quote.find(m.group(1))
        if at >= 0:
            return at, at + len(m.group(1))
    return None


def _case(path: Path):
    meta, t, enum, claims_name = _read(path)
    facts = {f.get("fact", ""): f for f in t["facts"] if f.get("fact")}
    reports: dict[str, _Report] = {}
    for r in t["reports"]:
        rid = r.get("report_id", "")
        rep = reports.setdefault(rid, _Report(rid))
        try:
            rep.text = decode_case_text(read_case_file(path, r.get("file", ""), MAX_REPORT_BYTES))
        except FileNotFoundError:
            rep.problem = f"{r.get('file')} is not there"
        except CaseFileError as e:
            rep.problem = f"{e.name} {e.reason}"
        except UnicodeDecodeError:
            rep.problem = f"{r.get('file')} is not UTF-8 text"
    for f in t["furniture"]:
        rep = reports.get(f.get("report_id", ""))
        try:
            s, e = int(f.get("start", "")), int(f.get("end", ""))
        except ValueError:
            continue
        if rep is not None and 0 <= s < e:
            rep.furniture.append((s, min(e, len(rep.text)), f.get("kind", "") or "other"))
    for n, c in enumerate(t["claims"], 2):
        rep, fact = reports.get(c.get("report_id", "")), facts.get(c.get("fact", ""))
        if rep is None or fact is None:
            continue  # validate says what is wrong with it
        row = _Row(n, c, fact)
        quote = c.get("quote", "")
        if row.mentioned and len(quote.strip()) >= 3 and rep.text:
            row.start = rep.text.find(quote)
            row.times = rep.text.count(quote)
            if row.start >= 0:
                row.end = row.start + len(quote)
                row.in_furniture = any(s < row.end and row.start < e for s, e, _ in rep.furniture)
                at = _quoted(c.get("note", ""), quote)
                if at:
                    row.focus = (row.start + at[0], row.start + at[1])
        rep.rows.append(row)
    order = list(facts)
    for rep in reports.values():
        rep.rows.sort(key=lambda r: (r.start < 0, r.start, order.index(r.cells["fact"])))
        for i, r in enumerate(rep.rows, 1):
            r.label = i
        rep.furniture.sort()
    return meta, facts, reports, enum, claims_name


# --------------------------------------------------------------------------- the sheet


_BOUND_SIGN = {"about": "≈ ", "at_least": "≥ ", "at_most": "≤ ", "exact": ""}
_BOUND_WORDS = {
    "about": "about",
    "at_least": "at least",
    "at_most": "at most",
    "exact": "exact",
}


def _figure(c: dict, unit: str = "") -> str:
    value, bound = c.get("value", "").strip(), c.get("bound", "").strip()
    if not value:
        return ""
    try:
        number = float(value)
        value = f"{number:,.0f}" if number.is_integer() else f"{number:,g}"
    except ValueError:
        pass
    text = f"{_BOUND_SIGN.get(bound, '')}{value}"
    return f"{text} {unit}".strip()


def _outliers(facts: dict, reports: dict) -> set[tuple[str, str]]:
    """(report, fact) of figures whose range (low to high, widened by the fact's
    tolerance; no high: no upper end) misses the median of the other reports' figures,
    when three or more reports give one."""
    out = set()
    for fid, f in facts.items():
        if f.get("kind") != "quantity":
            continue
        values = {}
        for rep in reports.values():
            for r in rep.rows:
                if r.cells["fact"] == fid and r.mentioned:
                    c = r.cells
                    try:
                        v = float(c.get("value", ""))
                    except ValueError:
                        continue
                    low, high = (_number(c.get(k, ""), v) for k in ("low", "high"))
                    if c.get("bound") == "at_least" and not c.get("high", "").strip():
                        high = float("inf")
                    values[rep.rid] = (v, low, high)
        if len(values) < 3:
            continue
        try:
            tol = float(f.get("tolerance") or 0.1)
        except ValueError:
            tol = 0.1
        for rid, (_, low, high) in values.items():
            med = statistics.median(x[0] for k, x in values.items() if k != rid)
            if not low * (1 - tol) <= med <= high * (1 + tol):
                out.add((rid, fid))
    return out


def _number(cell: str, default: float) -> float:
    try:
        return float(cell)
    except ValueError:
        return default


def _short(rid: str) -> str:
    """ "003-two-hour-call" -> "003 two hour call"."""
    number = Case.number(rid)
    return f"{number} {rid[len(number) + 1 :].replace('-', ' ')}".strip()


def _summary(facts: dict, reports: dict) -> str:
    far = _outliers(facts, reports)
    head = "".join(f"<th scope='col'>{_e(_short(rid))}</th>" for rid in reports)
    lines = [
        "<div class='wide'><table class='summary'><thead><tr><th scope='col'>fact</th>"
        f"{head}</tr></thead><tbody>"
    ]
    for fid, f in facts.items():
        cells = []
        for rep in reports.values():
            row = next((r for r in rep.rows if r.cells["fact"] == fid), None)
            if row is None:
                cells.append("<td class='none'>no row</td>")
                continue
            c = row.cells
            if not row.mentioned:
                shown, cls = "not mentioned", "not"
            elif f.get("kind") == "quantity":
                shown, cls = _figure(c) or "no value", "fig"
            elif f.get("kind") == "wording":
                shown, cls = f"‘{c.get('value_text', '')}’", "word"
            else:  # the word propose read shows a wrong match at a glance
                word = rep.text[row.focus[0] : row.focus[1]] if row.focus else ""
                shown, cls = (f"‘{word}’" if word else "mentioned"), "yes"
            att = c.get("attribution", "") if row.mentioned else ""
            extra = ""
            if (rep.rid, fid) in far:
                cls += " far"
                extra += "<span class='farnote'>far from the others</span>"
            if row.proposed:
                cls += " prop"
            if row.mentioned and row.start < 0:
                cls += " bad"
                extra += "<span class='farnote'>quote not found</span>"
            lines_ = f"<a href='#{_anchor(rep.rid, fid)}'>{_e(shown)}</a>"
            if att:
                lines_ += f"<span class='att'>{_e(att)}</span>"
            cells.append(f"<td class='{cls}'>{lines_}{extra}</td>")
        unit = f" ({_e(f.get('unit'))})" if f.get("kind") == "quantity" and f.get("unit") else ""
        question = f.get("question", "").strip()
        q = f"<span class='question'>{_e(question)}</span>" if question else ""
        lines.append(
            f"<tr><th scope='row'>{_e(f.get('label') or fid)}{unit}"
            f"<span class='att'>{_e(fid)}</span>{q}</th>{''.join(cells)}</tr>"
        )
    lines.append("</tbody></table></div>")
    return "\n".join(lines)


def _fix(row: _Row, claims_name: str) -> str:
    """What to type in claims.csv when the row is wrong: the columns, by kind of mistake."""
    kind = row.fact.get("kind", "")

    def cols(*names: str) -> str:
        return ", ".join(f"<code>{n}</code>" for n in names)

    items = []
    if row.mentioned:
        if kind == "quantity":
            items.append(f"figure or bound → {cols('value', 'bound', 'low', 'high')}")
        if kind == "wording":
            items.append(f"the report's words → {cols('value_text')}")
        items.append(f"sentence → {cols('quote')} (copied from the raw file)")
        items.append(f"speaker → {cols('attribution', 'source_name')}")
        items.append("not this fact → <code>mentioned</code> = <code>false</code>")
    else:
        extra = {"quantity": ("value", "bound", "low", "high"), "wording": ("value_text",)}
        items.append(
            "it is there → <code>mentioned</code> = <code>true</code>, "
            + cols("quote", *extra.get(kind, ()), "attribution", "source_name")
        )
    items.append(
        f"wrong in many reports → <code>cues</code> in facts.csv, then "
        f"<code>propose . --redo {_e(row.cells['fact'])}</code>"
    )
    return (
        f"<p class='fix'><b>Wrong? Type in {_e(claims_name)} row {row.n}:</b> "
        + "; ".join(items)
        + ".</p>"
    )


def _card(rep: _Report, row: _Row, claims_name: str) -> str:
    c, f = row.cells, row.fact
    kind = f.get("kind", "")
    unit = f.get("unit", "") if kind == "quantity" else ""
    cls = "card" + (" prop" if row.proposed else " done") + ("" if row.mentioned else " not")
    flag = (
        "<span class='flag'>PROPOSED: check</span>"
        if row.proposed
        else "<span class='ok'>checked (no mark)</span>"
    )
    head = (
        f"<div class='head'><span class='n'>{row.label}</span> "
        f"<b>{_e(f.get('label') or c['fact'])}</b> <code>{_e(c['fact'])}</code> "
        f"<span class='kind'>{_e(kind)}</span> {flag}</div>"
    )
    vals = []
    if row.mentioned:
        if kind == "quantity":
            low, high = c.get("low", ""), c.get("high", "")
            bound = c.get("bound", "")
            vals.append(
                f"<b>value</b> {_e(c.get('value', '') or '—')} {_e(unit)}, "
                f"<b>bound</b> {_e(bound or '—')}"
                f" ({_e(_BOUND_WORDS.get(bound, bound))}), "
                f"<b>low</b>–<b>high</b> {_e(low or '—')}–{_e(high or '—')}"
            )
        if kind == "wording" or c.get("value_text"):
            vals.append(f"<b>value_text</b> ‘{_e(c.get('value_text', ''))}’")
        vals.append(
            f"<b>attribution</b> {_e(c.get('attribution', '') or '—')}, "
            f"<b>source_name</b> ‘{_e(c.get('source_name', ''))}’"
        )
    else:
        vals.append(_searched(row.fact))
    trouble = []
    if row.mentioned and row.start < 0:
        trouble.append(
            "the quote is not in the raw file as written: validate will refuse it; copy it "
            f"from the file. Quote: ‘{_e(c.get('quote', ''))}’"
        )
    if row.in_furniture:
        trouble.append("the quote lies in page furniture: validate will refuse it")
    if row.times > 1:
        trouble.append(
            f"the quote occurs {row.times} times in the report; validate reads the first, "
            "highlighted here"
        )
    body = "".join(f"<p class='vals'>{v}</p>" for v in vals)
    body += "".join(f"<p class='trouble'>{t}</p>" for t in trouble)
    note = _news(c.get("note", "")) if row.proposed else c.get("note", "")
    if note:
        body += f"<p class='note'><b>note</b> {_e(note)}</p>"
    return (
        f"<div class='{cls}' id='{_anchor(rep.rid, c['fact'])}'>{head}{body}"
        f"{_fix(row, claims_name)}</div>"
    )


_SAID = [  # what a proposed note says that the box says already
    re.compile(r"Searched the article .*"),
    re.compile(r"Mentioned \('[^']*'\)\.\s*"),
    re.compile(r"The report's word: '[^']*'\.\s*"),
    re.compile(
        r"'[^']*': [-\d.]+ [^,]*, (?:a plain or rounded figure|a lower bound|an upper bound"
        r"|a precise figure)(?=[;.( ])\.?\s*"
    ),
]


def _news(note: str) -> str:
    """A proposed note without its mark and without what the box shows anyway (the
    figure read, the word found, the words searched): what is left is news."""
    text = note.lstrip()[len(PROPOSED) :].lstrip()
    for rx in _SAID:
        m = rx.match(text)
        if m:
            text = text[m.end() :].lstrip("; ")
            if text.startswith("(") and text.endswith(")."):
                text = text[1:-2] + "."
            break
    return text[:1].upper() + text[1:]


def _searched(fact: dict) -> str:
    words = cue_words(fact)
    shown = ", ".join(f"‘{_e(w)}’" for w in words[:12])
    more = f" and {len(words) - 12} more" if len(words) > 12 else ""
    what = "a figure near " if fact.get("kind") == "quantity" else ""
    return f"<b>mentioned</b> false: no {what}{shown}{more} in the article"


def _article(rep: _Report, claims_name: str) -> str:
    """The text, a paragraph a line (``data-at``: where the line starts in the raw text);
    furniture greyed with its kind, quotes highlighted with their number, the cards of
    the quotes that end in a paragraph after it."""
    text = rep.text
    quotes = [r for r in rep.rows if r.start >= 0]
    out = []
    pos = 0
    lines = text.split("\n")
    for line in lines:
        a, b = pos, pos + len(line)
        pos = b + 1
        cuts = {a, b}
        for s, e, _ in rep.furniture:
            cuts |= {min(max(s, a), b), min(max(e, a), b)}
        for r in quotes:
            cuts |= {min(max(r.start, a), b), min(max(r.end, a), b)}
            if r.focus:
                cuts |= {min(max(r.focus[0], a), b), min(max(r.focus[1], a), b)}
        cuts = sorted(cuts)
        parts = []
        for x, y in pairwise(cuts):
            furn = [k for s, e, k in rep.furniture if s <= x < e]
            over = [r for r in quotes if r.start <= x < r.end]
            focus = any(r.focus and r.focus[0] <= x < r.focus[1] for r in over)
            parts += [
                f"<span class='fkind'>furniture: {_e(k)}</span>"
                for s, _, k in rep.furniture
                if s == x
            ]
            parts += [
                f"<a class='tag' href='#{_anchor(rep.rid, r.cells['fact'])}'>"
                f"{r.label} {_e(r.cells['fact'])}</a>"
                for r in quotes
                if r.start == x
            ]
            piece = _e(text[x:y])
            if focus:
                piece = f"<strong>{piece}</strong>"
            if over:
                piece = f"<mark class='q{min(len(over), 3)}'>{piece}</mark>"
            if furn:
                piece = f"<span class='furn'>{piece}</span>"
            parts.append(piece)
        if a < b:  # an empty line makes no paragraph
            a2, b2 = a + len(line) - len(line.lstrip()), a + len(line.rstrip())
            whole_furn = any(s <= a2 and b2 <= e for s, e, _ in rep.furniture)
            cls = " class='fline'" if whole_furn else ""
            out.append(f"<p{cls} data-at='{a}'>{''.join(parts)}</p>")
        out += [_card(rep, r, claims_name) for r in quotes if a <= r.end - 1 <= b]
    return "\n".join(out)


_CSS = """
:root { --ink: #1a1a1a; --grey: #6b6b6b; --line: #d0d0d0; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 52rem; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .5rem; border-top: 3px solid var(--ink);
  padding-top: .5rem; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: #f1f1f1; padding: 0 .2em; overflow-wrap: anywhere; }
.how { background: #f6f6f6; border-left: 4px solid var(--grey); padding: .5rem 1rem; }
.how li { margin: .2rem 0; }
.wide { overflow-x: auto; }
table.summary { border-collapse: collapse; font-size: .85rem; min-width: 100%; }
.summary th, .summary td { border: 1px solid var(--line); padding: .3rem .4rem;
  vertical-align: top; text-align: left; }
.summary thead th { background: #f1f1f1; }
.summary tbody th { font-weight: 600; min-width: 9rem; position: sticky; left: 0;
  background: #fff; }
.summary a { color: inherit; }
.summary td.not { color: var(--grey); font-style: italic; }
.summary td.far { background: #ffd8d8; font-weight: 700; }
.summary td.bad { outline: 2px solid #b00020; }
.summary td.prop a::after { content: " ?"; color: #b34700; font-weight: 700; }
.att { display: block; font-size: .75rem; color: var(--grey); font-weight: 400; }
.farnote { display: block; font-size: .75rem; color: #b00020; font-weight: 700; }
.article p { margin: .35rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.furn { color: #9a9a9a; text-decoration: line-through; text-decoration-color: #c4c4c4; }
.article p.fline { display: inline; white-space: normal; font-size: .8rem; }
.article p.fline::after { content: " ⏎ "; color: #b0b0b0; }
.fkind { font-size: .7rem; font-weight: 700; color: #fff; background: #8a8a8a;
  border-radius: .2rem; padding: 0 .3rem; margin-right: .3rem; text-decoration: none;
  display: inline-block; }
mark { color: inherit; text-decoration: underline 2px #c79100; text-underline-offset: 3px;
  text-decoration-skip-ink: none; }
mark.q1 { background: #fff3b0; }
mark.q2 { background: #ffd966; }
mark.q3 { background: #ffc233; }
mark strong { background: #ffe08a; outline: 1px solid #c79100; }
a.tag { font-size: .7rem; font-weight: 700; color: #fff; background: #1f4e99;
  border-radius: .2rem; padding: 0 .3rem; margin-right: .2rem; text-decoration: none;
  white-space: nowrap; vertical-align: .1em; }
.card { border: 1px solid var(--line); border-left: 6px solid #1f4e99; border-radius: .3rem;
  margin: .5rem 0 1rem 1rem; padding: .4rem .7rem; font-size: .9rem; background: #fbfcff;
  break-inside: avoid; }
.card.not { border-left-color: var(--grey); background: #fafafa; margin-left: 0; }
.card.done { border-left-color: #2e7d32; }
.card p { margin: .2rem 0; }
.card .head { overflow-wrap: anywhere; }
.card .n { display: inline-block; min-width: 1.4rem; text-align: center; font-weight: 700;
  color: #fff; background: #1f4e99; border-radius: .2rem; }
.card.not .n { background: var(--grey); }
.kind { color: var(--grey); font-size: .8rem; }
.flag { font-size: .75rem; font-weight: 700; color: #fff; background: #b34700;
  border-radius: .2rem; padding: 0 .3rem; white-space: nowrap; }
.ok { font-size: .75rem; font-weight: 700; color: #2e7d32; white-space: nowrap; }
.question { color: var(--grey); font-style: italic; }
.summary .question { display: block; font-weight: 400; font-size: .75rem; }
.trouble { color: #b00020; font-weight: 700; }
.note { color: #333; }
.card p.fix { font-size: .82rem; color: #333; border-top: 1px dashed var(--line);
  margin-top: .3rem; padding-top: .2rem; }
.problem { color: #b00020; font-weight: 700; }
@media (max-width: 480px) {
  body { padding: .6rem; font-size: 15px; }
  .card { margin-left: 0; }
  .how { padding: .3rem .6rem; font-size: .9rem; }
  .how ul { padding-left: 1rem; }
  .summary .question { display: none; }
}
@media print {
  body { max-width: none; font-size: 10.5pt; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-before: page; }
  .wide { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
"""


def review_html(case=None) -> str:
    """The review sheet of the case in ``case`` as one HTML page."""
    path = resolve_case_path(case)
    if not path.is_dir():
        raise AuthoringError(f"no case folder {path}")
    meta, facts, reports, enum, claims_name = _case(path)
    rows = [r for rep in reports.values() for r in rep.rows]
    marked = sum(r.proposed for r in rows)
    figures = sum(r.mentioned and r.fact.get("kind") == "quantity" for r in rows)
    mentions = sum(r.mentioned for r in rows) - figures
    title = meta.get("title") or path.name
    parts = [
        "<!DOCTYPE html>",
        "<html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>Review: {_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Check the claims: {_e(title)}</h1>",
        f"<p>{len(rows)} rows of {_e(claims_name)}: {figures} with a figure, {mentions} "
        f"mentions, {len(rows) - figures - mentions} not mentioned; "
        f"<b>{marked} still marked PROPOSED</b>.</p>",
        "<div class='how'><ul>",
        "<li>First look down each line of the table: a figure in red is far from the "
        "other reports' figures; a word or speaker unlike the others may be wrong too.</li>",
        "<li>Then read each report once. Before it: the facts propose did not find, and "
        "the words it searched; watch for them as you read.</li>",
        "<li><mark class='q1'>Highlighted</mark>: a quote of a row, with its number and "
        "fact; <strong>bold</strong>: the figure or word propose read. The box after the "
        "paragraph says what the row holds. Is the sentence about the fact, the figure "
        "and bound right, the speaker right?</li>",
        "<li>Wrong? Each box ends with the row of the spreadsheet and the columns to type. "
        + (f"<code>attribution</code> is one of {_e(', '.join(enum))}. " if enum else "")
        + "<span class='furn'>Struck-through grey</span>: page furniture, never a quote.</li>",
        f"<li>When all is checked: <code>python -m medialit propose . --confirm</code>. "
        f"To see your edits here: <code>python -m medialit propose . --review</code>. "
        f"This page is {_e(SHEET)}; it is not part of the case.</li>",
        "</ul></div>",
        "<h2 style='break-before: auto'>Fact by report</h2>",
        "<p class='kind'>A figure: ≈ about, ≥ at least, ≤ at most. A mention: the word "
        "propose found. ? still marked PROPOSED; small grey: attribution. "
        "Click a cell to jump to its row.</p>",
        _summary(facts, reports),
    ]
    for rep in reports.values():
        parts.append(f"<section><h2 id='{_anchor(rep.rid)}'>{_e(rep.rid)}</h2>")
        if rep.problem:
            parts.append(f"<p class='problem'>{_e(rep.problem)}</p></section>")
            continue
        missing = [f for fid, f in facts.items() if fid not in {r.cells["fact"] for r in rep.rows}]
        if missing:
            names = ", ".join(_e(f.get("fact", "")) for f in missing)
            parts.append(
                f"<p class='problem'>No claims.csv row yet for: {names} "
                "(run python -m medialit propose .)</p>"
            )
        lost = [r for r in rep.rows if r.mentioned and r.start < 0]
        if lost:
            parts.append("<h3>Quotes not in the text</h3>")
            parts += [_card(rep, r, claims_name) for r in lost]
        nots = [r for r in rep.rows if not r.mentioned]
        if nots:
            parts.append("<h3>Not mentioned, says propose: watch for these as you read</h3>")
            parts += [_card(rep, r, claims_name) for r in nots]
        parts.append("<h3>The report as collected</h3><div class='article'>")
        parts.append(_article(rep, claims_name))
        parts.append("</div></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_review(case=None) -> Path:
    """Write :func:`review_html` to ``review.html`` in the case folder; returns its path."""
    path = resolve_case_path(case)
    return write_text_atomically(path / SHEET, review_html(path))


__all__ = ["SHEET", "review_html", "write_review"]
