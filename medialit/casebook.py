"""The whole book on any case: ``python -m medialit build --case PATH``.

The default book's six chapters are written about the five reports of the March 2025
call. For another case, :func:`write_book` writes a book of the same six chapters from that
case's data: each chapter's method (the same for every case), its tables and figures (the
library functions the chapters call, run on the case), text generated from the data where
the default book has hand-written commentary, the teacher's own notes where the case has
them, and the generic exercises of :mod:`medialit.exercises.generic` with an answer key in
the instructor edition.

* **Teacher's notes.** A case may hold a ``notes/`` folder of short markdown files, one per
  chapter (``notes/02-numbers.md`` or ``notes/numbers.md``) and ``notes/intro.md`` for the
  first page. Each is shown in its chapter under "Notes on this case", its headings moved
  down to fit under that heading.
* **Missing data.** A part the case has no data for (no page furniture, no clues table, no
  framing codes...) is left out with a visible note saying what is missing, never an error.
* **Where it goes.** The book is written into ``book/_build/cases/<case name>/`` and built
  there (``_build/editions/<edition>/_build/html``), with its own execution cache: the
  default book's build and cache are never touched.
* **The case.** A notebook loads the case by the path given to the build, written relative
  to the repository when the case is inside it (``tests/cases/crowd-event``), through
  :func:`medialit.case.resolve_case_path`, as the exercise notebooks do with ``CASE``.

>>> import tempfile
>>> from medialit import load_case
>>> with tempfile.TemporaryDirectory() as tmp:
...     book = write_book(load_case("tests/cases/crowd-event"), Path(tmp))
...     sorted(p.name for p in (book / "chapters").iterdir())[:2]
['01-origin.ipynb', '02-numbers.ipynb']
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import nbformat

from medialit.case import REPO_ROOT, Case, CaseFileError, load_case, read_case_file

BOOK = REPO_ROOT / "book"
BUILD_ROOT = BOOK / "_build" / "cases"
"""Where case books are written and built: ``<BUILD_ROOT>/<case name>/``."""

CHAPTERS = (
    ("01-origin", "origin"),
    ("02-numbers", "numbers"),
    ("03-attribution", "attribution"),
    ("03-lateral", "lateral"),
    ("04-framing", "framing"),
    ("05-omissions", "omissions"),
    ("06-evaluation", "evaluation"),
)
NOTES_DIR = "notes"
MAX_NOTES_BYTES = 100_000
INSTRUCTOR_TAG = "instructor-only"
_COPIED = ("my-answers.md", "widget-loader.js")  # taken from the default book as they are
_KERNEL = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


class CaseBookError(RuntimeError):
    """The case book cannot be written or built; the message says why."""


# --------------------------------------------------------------------------- small helpers

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~^$&])")


def md(text) -> str:
    """A piece of data as markdown text: every character markdown or HTML would read as
    markup is escaped, line breaks become spaces.

    >>> md("<b>5*3</b> [x]")
    '\\\\<b\\\\>5\\\\*3\\\\</b\\\\> \\\\[x\\\\]'
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _names(ids) -> str:
    """'000', '000 and 001', '000, 001 and 002'."""
    ids = [str(i) for i in ids]
    if len(ids) <= 1:
        return "".join(ids)
    return f"{', '.join(ids[:-1])} and {ids[-1]}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _case_ref(case: Case) -> str:
    """How a notebook names the case: relative to the repository when it is inside it."""
    path = Path(case.path).resolve()
    return path.relative_to(REPO_ROOT).as_posix() if path.is_relative_to(REPO_ROOT) else str(path)


def _mdcell(text: str, tags=()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _code(source: str, tags=()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source.strip("\n"))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def _note(text: str) -> nbformat.NotebookNode:
    """A visible note that a part is left out."""
    return _mdcell(f"```{{note}}\n{text}\n```")


def _has(case: Case, table: str) -> bool:
    return table in case.tables and not case.tables[table].empty


def _setup(case: Case, imports: str) -> nbformat.NotebookNode:
    return _code(
        f"""import pandas as pd
import medialit
{imports}

pd.set_option("display.max_colwidth", None)
CASE = {_case_ref(case)!r}  # the case this book is about (see medialit.case.resolve_case_path)
case = medialit.load_case(CASE)""",
        tags=["hide-input"],
    )


def _exercises(
    chapter: str, skill: str | None = None, fact: str | None = None
) -> nbformat.NotebookNode:
    args = (
        [repr(chapter)]
        + ([f"skill={skill!r}"] if skill else [])
        + ([f"fact={fact!r}"] if fact else [])
    )
    return _code(
        "from medialit.exercises.generic import show_exercises\n\n"
        f"show_exercises(case, {', '.join(args)})",
        tags=["remove-input"],
    )


# --------------------------------------------------------------------------- teacher's notes

_HEADING = re.compile(r"^(#{1,6})(\s)", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)


def notes(case: Case, page: str) -> str | None:
    """The teacher's notes for one page (``intro`` or a chapter file name such as
    ``02-numbers``), from ``notes/<page>.md`` (or, for a chapter, ``notes/<chapter>.md``),
    with headings moved down to start at level 3; ``None`` when there are none."""
    names = [page] + ([page.split("-", 1)[1]] if "-" in page else [])
    for name in names:
        try:
            data = read_case_file(case.path, f"{NOTES_DIR}/{name}.md", MAX_NOTES_BYTES)
        except FileNotFoundError:
            continue
        except CaseFileError as e:
            raise CaseBookError(f"{case.path / NOTES_DIR / (name + '.md')}: {e.reason}") from e
        try:
            text = data.decode("utf-8").removeprefix("\ufeff").strip()
        except UnicodeDecodeError as e:
            raise CaseBookError(
                f"{case.path / NOTES_DIR / (name + '.md')} is not UTF-8: {e}"
            ) from e
        return shift_headings(text) if text else None
    return None


def shift_headings(text: str, top: int = 3) -> str:
    """Markdown with its headings (outside code fences) moved so the highest is ``top``.

    >>> shift_headings("# A\\ntext\\n## B")
    '### A\\ntext\\n#### B'
    """
    parts, fenced = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        parts.append((line, fenced))
    levels = [len(m.group(1)) for line, f in parts if not f for m in [_HEADING.match(line)] if m]
    if not levels:
        return text
    shift = top - min(levels)
    out = []
    for line, f in parts:
        m = None if f else _HEADING.match(line)
        out.append("#" * min(6, len(m.group(1)) + shift) + line[len(m.group(1)) :] if m else line)
    return "\n".join(out)


def _notes_cells(case: Case, page: str) -> list:
    text = notes(case, page)
    return [_mdcell(f"## Notes on this case\n\n{text}")] if text else []


# --------------------------------------------------------------------------- chapter 1


def chapter_origin(case: Case) -> tuple[list, list[str]]:
    from medialit.exercises.generic import provenance_items
    from medialit.origin import clue_counts, furniture_summary

    cells = [
        _mdcell("""# Where does a text come from?

Before you ask *what* a report says, ask **how it reached you**. A page you find online is
rarely the article alone. Around it sit menus, adverts, photo captions, newsletter boxes,
links to other stories and appeals for money: **page furniture**. It tells you about the
page, not about the event. The data marks each piece as a stretch of characters in the raw
text, so it can be cut out; every later chapter works on the article text that is left.
Furniture is also evidence: a byline, a credit line or a "source link" says where a text
comes from."""),
        _setup(
            case,
            "from medialit.origin import (clue_counts, clue_table, furniture_summary, "
            "origin_table,\n"
            "                           plot_furniture_share, report_html)",
        ),
    ]
    missing = []
    summary = furniture_summary(case)
    with_f = summary[summary["furniture"] > 0].sort_values("furniture share %", ascending=False)
    cells.append(_mdcell("## 1. How much of each page is the article?"))
    if with_f.empty:
        missing.append("page furniture (furniture.csv is empty)")
        cells.append(
            _note(
                "This case marks no page furniture (furniture.csv is empty): every "
                "text is the article alone, so there is nothing to cut out and no "
                "furniture exercise."
            )
        )
    else:
        kinds = [
            c for c in summary.columns if c not in ("article", "furniture", "furniture share %")
        ]
        top = with_f.index[0]
        top_kind = max(kinds, key=lambda k: summary.loc[top, k])
        none = [r for r in summary.index if summary.loc[r, "furniture"] == 0]
        cells += [
            _code(
                "summary = furniture_summary(case)\n"
                'summary[["article", "furniture", "furniture share %"]]'
            ),
            _code(
                'ax = plot_furniture_share(summary, title="How much of each page is the article?")',
                tags=["hide-input"],
            ),
        ]
        text = (
            f"The numbers count characters. Report {top} has the most furniture: "
            f"{summary.loc[top, 'furniture share %']:.0f} % of its page, most of it "
            f"{md(top_kind)} ({summary.loc[top, top_kind]:,} characters)."
        )
        if len(with_f) > 1:
            text += (
                f" {_plural(len(with_f), 'report')} have some furniture: {_names(with_f.index)}."
            )
        if none:
            text += (
                f" {'Report' if len(none) == 1 else 'Reports'} {_names(none)} "
                f"{'has' if len(none) == 1 else 'have'} none: the text is the article alone."
            )
        cells.append(_mdcell(text))
        asked = provenance_items(case)[0].spec["report"] if provenance_items(case) else None
        others = [r for r in case.furniture["report_id"].value_counts().index if r != asked]
        if others:
            rid = others[0]
            cells += [
                _mdcell(
                    f"Here is page {Case.number(rid)} as it was collected, paragraph by "
                    "paragraph, with every piece of furniture boxed:"
                ),
                _code(f"report_html(case, {rid!r}, context=1)"),
            ]
        if asked:
            cells.append(
                _mdcell(
                    f"Page {Case.number(asked)} is left for you: the exercise below asks "
                    "you to find its furniture yourself."
                )
            )
    cells.append(_mdcell("## 2. Clues to the origin"))
    if _has(case, "clues"):
        counts = clue_counts(case)
        per = counts.sum(axis=0)
        most = per.idxmax()
        without = [r for r in per.index if per[r] == 0]
        cells += [
            _mdcell(
                "A **clue** is a piece of the page that says something about where the "
                "text comes from: a byline that names the publisher, a photo or wire "
                "credit, a line such as “originally published on”, a visit counter. "
                "Here is how many clues of each kind each page has:"
            ),
            _code("clue_counts(case)"),
        ]
        text = f"Page {most} has the most clues ({per[most]})."
        if without:
            text += (
                f" {'Page' if len(without) == 1 else 'Pages'} {_names(without)} "
                f"{'has' if len(without) == 1 else 'have'} none recorded."
            )
        cells += [
            _mdcell(text + " Every clue, where it sits on the page and what it suggests:"),
            _code('clue_table(case)[["report", "clue", "where", "suggests"]]'),
        ]
    else:
        missing.append("clues to the origin (no clues.csv)")
        cells.append(
            _note(
                "This case has no clues table (clues.csv), so this part is left "
                "out. The next table still shows each report's strongest clue."
            )
        )
    cells += [
        _mdcell(
            "## 3. How each text reached us\n\nPutting the clues together gives a "
            "reading of each text's route to us, with its strongest clue:"
        ),
        _code("origin_table(case)"),
        _mdcell(
            "These are well-supported readings, not proofs. A careful reader says "
            "“the page suggests it was copied from…” rather than “it was copied”, "
            "and names the clue."
        ),
    ]
    cells += _notes_cells(case, "01-origin")
    cells += [_mdcell("## Exercises"), _exercises("origin")]
    return cells, missing


# --------------------------------------------------------------------------- chapter 2


def _tol(t: float) -> str:
    from medialit.discrepancy import number

    return f"±{number(round(t * 100, 1))} %"


def _conflict_text(case: Case, fact: str) -> str:
    """What the pairs table says about one fact, in words."""
    from medialit.discrepancy import compare_claims, tolerance_of

    claims = case.fact_claims(fact)
    t = tolerance_of(case, fact)
    pairs = compare_claims(claims)
    bad = pairs[pairs["verdict"] == "conflict"]
    if bad.empty:
        text = (
            f"With “about” read as {_tol(t)}, **no pair conflicts**: however different the "
            "wordings, one value fits every pair of figures."
        )
    else:
        listed = "; ".join(
            f"{Case.number(a)} and {Case.number(b)} (“{md(sa)}” against “{md(sb)}”)"
            for a, b, sa, sb in zip(
                bad["report_a"], bad["report_b"], bad["says_a"], bad["says_b"], strict=False
            )
        )
        text = (
            f"With “about” read as {_tol(t)}, {_plural(len(bad), 'pair')} "
            f"{'conflicts' if len(bad) == 1 else 'conflict'}: {listed}. Every other pair of "
            "figures has some value in common."
        )
    looser = min(0.9, round(2 * t, 2))
    loose = compare_claims(claims, tolerance=looser)
    n_loose = int((loose["verdict"] == "conflict").sum())
    if n_loose != len(bad):
        text += (
            f" Read “about” as {_tol(looser)} and {_plural(n_loose, 'pair')} "
            f"{'conflicts' if n_loose == 1 else 'conflict'}: how much rounding you allow "
            "decides some verdicts, so say which rule you use."
        )
    return text


def _given_text(case: Case, fact: str) -> str:
    claims = case.fact_claims(fact)
    given = claims[claims["mentioned"]]
    silent = [Case.number(r) for r in claims.loc[~claims["mentioned"], "report_id"]]
    text = (
        f"{_plural(len(given), 'report')} of {len(claims)} "
        f"{'gives' if len(given) == 1 else 'give'} a figure."
    )
    if silent:
        text += (
            f" {'Report' if len(silent) == 1 else 'Reports'} {_names(silent)} "
            f"{'gives' if len(silent) == 1 else 'give'} none."
        )
    own = int((given["attribution"] == "outlet").sum())
    if len(given):
        if own == len(given):
            text += (
                " None of the figures is credited to anyone: "
                "each report states it in its own voice."
            )
        elif own == 0:
            text += " Every figure is credited to a source (column “whose statement”)."
        else:
            text += (
                f" {_plural(own, 'figure')} {'is' if own == 1 else 'are'} in the report's own "
                f"voice; the others are credited to a source (column “whose statement”)."
            )
    return text


def found_quantities(case: Case):
    """Every figure :func:`medialit.extract_quantities` finds in the clean article texts,
    with the case's own measures (the ``cues`` of its quantity facts in facts.csv), one row
    each: report, text, value, unit, bound, measure (a fact id, or empty when the extractor
    cannot tell what the number measures)."""
    import pandas as pd

    from medialit.propose import case_measures
    from medialit.quantities import extract_quantities

    measures, _ = case_measures(case.facts.to_dict("records"))
    facts = {m.name for m in measures}
    rows = [
        {"report": Case.number(rid), **q.to_dict()}
        for rid, text in zip(case.reports["report_id"], case.reports["clean_text"], strict=False)
        for q in extract_quantities(text, measures)
    ]
    columns = ["report", "text", "value", "unit", "bound", "measure"]
    table = pd.DataFrame(rows).reindex(columns=columns)
    table["measure"] = [m if m in facts else "" for m in table["measure"].fillna("")]
    return table


def _found_text(case: Case, facts: list[str]) -> str:
    """How many of the annotated figures the extractor finds with the right measure."""
    found = found_quantities(case)
    hits = total = 0
    for fact in facts:
        for _, c in case.fact_claims(fact).iterrows():
            if not c["mentioned"]:
                continue
            total += 1
            rows = found[
                (found["report"] == Case.number(c["report_id"])) & (found["measure"] == fact)
            ]
            hits += any(t in c["quote"] for t in rows["text"])
    return (
        f"Of the {_plural(total, 'figure')} annotated in the table{'s' if len(facts) > 1 else ''} "
        f"above, the extractor finds {hits} with the right measure."
    )


def chapter_numbers(case: Case) -> tuple[list, list[str]]:
    from medialit.exercises.generic import is_duration, quantity_facts

    facts = case.facts.set_index("fact")
    quantities = quantity_facts(case)
    wordings = [f for f in case.facts.loc[case.facts["kind"] == "wording", "fact"]]
    cells = [
        _mdcell("""# Figures and their hedges

Reports often give the same figure in different words, and seem to disagree when they do
not. So read every figure with its **hedge**, the words around the number:

- a plain or rounded figure (“about 2,000”, “2,000 people”) is read as that figure give or
  take a *tolerance*, because reporters round;
- “more than”, “over”, “at least” make it a **lower limit**: the true figure may be far higher;
- “up to”, “nearly”, “almost” make it an **upper limit**;
- a precise figure (“2 hours and 5 minutes”, “4,212 votes”) is read as **exactly** that figure.

Each claim then allows a **range** of values. Two reports **conflict** only when their
ranges do not overlap: then they cannot both be right. A report that gives no figure
conflicts with nothing: silence is not a contradiction."""),
        _setup(
            case,
            "from medialit.casebook import found_quantities\n"
            "from medialit.plots import plot_intervals\n"
            "from medialit.tables import fact_table",
        ),
    ]
    missing = []
    if not quantities:
        missing.append("figures (no quantity fact that a report gives a figure for)")
        cells.append(
            _note(
                "This case annotates no figure that a report gives (no quantity "
                "fact in facts.csv with a mentioned claim), so there are no number "
                "or conflict exercises."
            )
        )
    else:
        table = case.facts[case.facts["fact"].isin(quantities)]
        has_tol = "tolerance" in table.columns and (table["tolerance"].str.strip() != "").any()
        lines = "\n".join(
            f"- **{md(r['label'])}** (in {md(r['unit'])}): {md(r['question'])}"
            + (
                f" Tolerance {_tol(float(r['tolerance']))}."
                if has_tol and r["tolerance"].strip()
                else ""
            )
            for _, r in table.iterrows()
        )
        cells.append(
            _mdcell(
                f"The data records {_plural(len(quantities), 'figure')} for every "
                f"report:\n\n{lines}\n\n“About” is read as ±10 % unless the case "
                "sets another tolerance for a figure."
            )
        )
        first, rest = quantities[0], quantities[1:]
        label, unit = facts.loc[first, "label"], facts.loc[first, "unit"]
        cells += [
            _mdcell(
                f"## 1. {md(label)}: one figure, step by step\n\nHere is the sentence "
                f"in each report that gives the {md(str(label).lower())}. Every quote "
                "is copied exactly from the report, so you can find it there."
            ),
            _code(f'table = fact_table(case, {first!r})\ntable[["quote", "whose statement"]]'),
            _mdcell(
                _given_text(case, first) + " Before you read on, try the exercises: "
                "what does each report say, and with which hedge?"
            ),
            _exercises("numbers", skill="numbers", fact=first),
            _mdcell(
                "Each figure with its hedge, and the range it allows (`inf` means no upper end):"
            ),
            _code('table[["value", "bound", "lowest", "highest"]]'),
            _code(
                f"ax = plot_intervals(medialit.claim_intervals(case.fact_claims({first!r})),\n"
                f"                    unit={str(unit)!r}, title={str(label)!r})",
                tags=["hide-input"],
            ),
            _mdcell("Which pairs of ranges do not overlap? Decide first:"),
            _exercises("numbers", skill="conflicts", fact=first),
            _code(
                f"pairs = medialit.compare_claims(case.fact_claims({first!r}))\n"
                'pairs[["report_a", "report_b", "says_a", "says_b", "verdict"]]'
            ),
            _mdcell(_conflict_text(case, first)),
            _code('pairs[pairs.verdict == "conflict"].reason.tolist()'),
        ]
        for i, fact in enumerate(rest, 2):
            label = facts.loc[fact, "label"]
            kind = "duration" if is_duration(case, fact) else "figure"
            cells += [
                _mdcell(
                    f"## {i}. {md(label)}\n\nYour turn: the quotes of every report "
                    f"about the {md(str(label).lower())}. Turn each {kind} into a "
                    "range yourself, then check in the exercises."
                ),
                _code(f'fact_table(case, {fact!r})[["quote", "whose statement"]]'),
                _mdcell(_given_text(case, fact)),
                _exercises("numbers", fact=fact),
            ]
        cells += [
            _mdcell(
                f"## {len(quantities) + 1}. What a computer finds\n\n"
                "`medialit.extract_quantities` reads numbers in a text with their "
                "units and hedges (“more than two hours”, “some 12,000 marchers”). "
                "Its `measure` column is a guess at *what* is measured, from the cue "
                "words of each figure in facts.csv; empty means it cannot tell. Run on "
                "the article texts of this case:"
            ),
            _code('found = found_quantities(case)\nfound[found.measure != ""]'),
            _mdcell(
                _found_text(case, quantities) + " A figure it misses, or gives the wrong "
                "measure, is a reason to read every sentence yourself: the tool finds "
                "candidates, a reader decides."
            ),
            _code('found[found.measure == ""]'),
        ]
    if wordings:
        n = len(quantities) + (2 if quantities else 1)
        cells.append(
            _mdcell(
                f"## {n}. Words, not numbers\n\nSome facts are about wording: the "
                "reports may agree on what happened and still call it different "
                "things."
            )
        )
        for fact in wordings:
            claims = case.fact_claims(fact)
            words = list(dict.fromkeys(claims.loc[claims["mentioned"], "value_text"]))
            cells += [
                _code(f'fact_table(case, {fact!r})[["quote", "whose statement", "wording"]]'),
                _mdcell(
                    f"{md(facts.loc[fact, 'label'])}: {_plural(len(words), 'wording')}"
                    + (": " + ", ".join(f"“{md(w)}”" for w in words) if words else "")
                    + ". Does each wording say the same thing, or does one sound "
                    "milder, or wider, than the others?"
                ),
            ]
    cells += _notes_cells(case, "02-numbers")
    return cells, missing


# --------------------------------------------------------------------------- chapter 3


def chapter_attribution(case: Case) -> tuple[list, list[str]]:
    from medialit.attribution import SOURCES, coverage, source_crosstab

    cells = [
        _mdcell("""# Who says so?

A news report is a crowd of voices. Some sentences pass on what an official or an
organisation said, some quote an analyst or another outlet, and some are the report's
**own voice**, with no source named. Who gets to speak, and whose words tell the story, is
a choice the report makes. To see it, every statement is coded with its **source** and the
**reporting verb** that introduces it (“said”, “claimed”, “according to”)."""),
        _setup(
            case,
            "from medialit.attribution import (attributions_for, coverage, "
            "plot_source_shares, source_crosstab,\n"
            "                                 unsourced, verb_kinds, verb_table)",
        ),
    ]
    missing = []
    cells += [
        _mdcell(
            "## Exercise first\n\nWhose statement is each passage? Decide before "
            "you look at the tables below."
        ),
        _exercises("attribution"),
    ]
    if _has(case, "attributions"):
        a = case.table("attributions")
        most = a["report_id"].value_counts().idxmax()
        cov = coverage(case)
        cells += [
            _mdcell(
                f"## 1. One report, statement by statement\n\nThe coded statements of "
                f"report {Case.number(most)}, in the order of the text:"
            ),
            _code(f"attributions_for(case, {Case.number(most)!r})"),
        ]
        complete = bool((cov["coded"] >= cov["sentences"]).all())
        cells += [
            _mdcell(
                "## 2. Who speaks in each report\n\nHow many coded statements each "
                "report takes from each kind of source:"
            ),
            _code("source_crosstab(case)"),
        ]
        if not complete:
            cells += [
                _mdcell(
                    "Not every sentence is coded in this case: the coding covers part "
                    "of each text. So the counts are of **coded statements**, not of "
                    "whole reports; compare them with care."
                ),
                _code("coverage(case)"),
            ]
        shares = source_crosstab(case, normalize=True)
        present = [
            lab for lab in SOURCES.values() if lab in shares.columns and shares[lab].sum() > 0
        ]
        lines = []
        for rep in shares.index:
            row = shares.loc[rep, present]
            if row.sum() > 0:
                tops = [lab for lab in present if row[lab] == row.max()]
                lines.append(
                    f"- **{rep}**: most statements from {_names([md(t) for t in tops])}"
                    f" ({row.max():.0f} %{' each' if len(tops) > 1 else ''})"
                )
        cells += [
            _mdcell("The same as shares of each report's statements (%):"),
            _code("source_crosstab(case, normalize=True)"),
            _code(
                'ax = plot_source_shares(case, title="Who speaks? Share of each '
                "report's statements\")",
                tags=["hide-input"],
            ),
            _mdcell(
                "\n".join(lines) + "\n\nA report that leans on one kind of source "
                "tells the story in that source's words. That can be fair (it was "
                "their statement) or a choice worth noticing (other voices were "
                "there)."
            ),
        ]
        verbs = case.table("attributions")["verb"].str.strip()
        if (verbs != "").any():
            from medialit.attribution import verb_table

            table = verb_table(case)
            odd = table[~table["kind"].isin(["neutral"])]
            text = (
                "## 3. Reporting verbs\n\n“Said” only says that words were said. Other verbs "
                "do more: “claimed” casts doubt, “admitted” suggests reluctance, “noted” "
                "takes what follows as true. The verbs of each report, by kind:"
            )
            cells += [
                _mdcell(text),
                _code("verb_kinds(case)"),
                _code(
                    "verbs = verb_table(case)\n"
                    'verbs[verbs.kind != "neutral"].reset_index(drop=True)'
                ),
            ]
            if len(odd):
                listed = ", ".join(
                    f"“{md(v)}” ({r}, {md(k)})"
                    for v, r, k in zip(odd["verb"], odd["report"], odd["kind"], strict=False)
                )
                cells.append(
                    _mdcell(
                        f"Read each verb that is not neutral in its sentence: "
                        f"{listed}. Does it fit what the source said? (“not in "
                        "list” means the book's list of verbs does not know it: "
                        "judge it yourself.)"
                    )
                )
        cells += [
            _mdcell(
                "## 4. Statements with no source\n\nThe report's own voice: what it "
                "states without naming anyone."
            ),
            _code("unsourced(case)"),
            _mdcell(
                "An unsourced statement is not wrong: reporters state plain facts in "
                "their own voice. Ask of each one: could the reporter have seen or "
                "checked this, or is it someone's claim with the name left off?"
            ),
        ]
    else:
        missing.append("the attribution coding (no attributions.csv rows)")
        cells += [
            _note(
                "This case has no attribution coding (attributions.csv is empty or "
                "missing), so the statement-by-statement tables are left out. The "
                "claims still say whose statement each annotated figure or fact is:"
            ),
            _code(
                'given = case.claims[case.claims["mentioned"]]\n'
                'pd.crosstab(given["report_id"].map(case.number), given["source_name"])'
            ),
        ]
    cells += _notes_cells(case, "03-attribution")
    return cells, missing


# --------------------------------------------------------------------------- chapter 3, lateral


def chapter_lateral(case: Case) -> tuple[list, list[str]]:
    """Trace it to the original: the method of the default chapter
    (:data:`medialit.lateral.METHOD`), the case's claims that name a source as claims to
    trace, with where to look and what to search for, and the official accounts where the
    case records them (readouts.csv)."""
    from medialit import lateral
    from medialit.exercises.generic import chapter_items

    cells = [
        _mdcell(f"""# Trace it to the original

{lateral.METHOD}

In this chapter you leave the page too. Many claims in the reports are credited to
someone: an official, a group, another news outlet. Each name is a lead: you can look up
what that source itself said and compare it with what the report says it said. First pick
the claims you can trace, then plan where to look.

```{{admonition}} Needs the internet
:class: tip

The tables here work offline; the looking up does not. You need a search engine, and the
source's own website or social media account. If you cannot find what a source said, that
is a finding too: write it down, and trust the claim a little less.
```"""),
        _setup(case, "from medialit import lateral"),
    ]
    missing = []
    named = lateral.named_claims(case)
    cells.append(_mdcell("## 1. Which claims can you trace?"))
    if named.empty:
        missing.append("claims to trace (no claim in claims.csv names a source)")
        cells.append(
            _note(
                "No claim in this case's claims table names a source (every claim is in "
                "a report's own voice, or has no source_name), so the table of claims to "
                "trace and its exercises are left out. The method still works: search for "
                "a claim's own words and see who else says it."
            )
        )
    else:
        given = case.claims[case.claims["mentioned"].astype(bool)]
        if chapter_items(case, "lateral"):
            cells += [
                _mdcell("Try these first, then check your answers against the table below."),
                _exercises("lateral"),
            ]
        text = (
            f"The reports credit {len(named)} of their {len(given)} claims in the claims "
            f"table to a named source: {_plural(named['source'].nunique(), 'source')} in "
            "all, as the reports spell them."
        )
        none = [Case.number(r) for r in case.report_ids if r not in set(named["report_id"])]
        if none:
            text += (
                f" {'Report' if len(none) == 1 else 'Reports'} {_names(none)} "
                f"{'names' if len(none) == 1 else 'name'} no source for any claim in the "
                "table: to check such a claim, you can only search for its own words."
            )
        cells += [
            _mdcell(
                "Here is every claim a report credits to a named source, with where its "
                "original would be (“their own statement”: the source's website, press "
                "office or social media account) and what you could type into a search "
                "engine:"
            ),
            _code("lateral.claims_to_trace(case)"),
            _mdcell(text),
        ]
    cells.append(
        _mdcell("""## 2. How to trace a claim

1. **Search for the source, not only for the claim.** Start from the words in the
   "search for" column. Put a phrase in double quotes to find those exact words.
2. **Open the source's own page first**: its website, press office or account. A copy on
   another site may be shortened or changed.
3. **Compare.** Does the original say what the report says it says: the same figure, the
   same hedge ("about", "more than"), the same words?
4. **Two copies, not one.** If the original is not there, find two copies on unrelated
   sites and compare them before you trust either.
5. **Note what you found, and where.** Write down the address and the date of every page
   you used, so a reader can follow you.""")
    )
    if lateral.has_readouts(case):
        cells += [
            _mdcell(
                "## 3. The official accounts\n\nThis case records the official accounts "
                "of the event and what each says, topic by topic. Here they are, with the "
                "site where each was published:"
            ),
            _code("lateral.originals(case)"),
            _mdcell(
                "What each account says about each topic, then whom each report credits "
                "where it mentions the topic (“own voice”: it names no source; “—”: it does "
                "not mention it):"
            ),
            _code("lateral.trace_table(case)"),
        ]
    cells.append(_mdcell(f"**Reference**\n\n- {lateral.REFERENCE}"))
    cells += _notes_cells(case, "03-lateral")
    return cells, missing


# --------------------------------------------------------------------------- chapter 4


def chapter_framing(case: Case) -> tuple[list, list[str]]:
    from medialit import framing

    cells = [
        _mdcell("""# Same event, different story

On the basic facts the reports may agree and still tell different stories: by what they
put first, by the words they choose and by the angle they take. This is **framing**. To
frame is to select some aspects of what happened and make them stand out (Entman, 1993).
A frame is not a lie, but it steers the reader."""),
        _setup(case, "from medialit import framing"),
    ]
    missing = []
    heads = [framing.headline(case, r) for r in case.report_ids]
    without = [Case.number(r) for r, h in zip(case.report_ids, heads, strict=False) if not h]
    text = (
        "## 1. Headlines and leads\n\nMany readers see only the headline and the first "
        "paragraph, the **lead**. Here they are for every report:"
    )
    cells += [_mdcell(text), _code("framing.headlines_and_leads(case)")]
    text = (
        "Read down the headline column first. Which headline only names the event, and "
        "which one picks an angle: a number, a side, a feeling, a consequence?"
    )
    if without:
        text += (
            f" {'Report' if len(without) == 1 else 'Reports'} {_names(without)} "
            f"{'has' if len(without) == 1 else 'have'} no headline: the reader meets the "
            "first sentence first."
        )
    cells.append(_mdcell(text))
    if _has(case, "loaded_words"):
        counts = framing.loaded_counts(case)
        most = counts["total"].idxmax()
        none = [r for r in counts.index if counts.loc[r, "total"] == 0]
        cells += [
            _mdcell(
                "## 2. Loaded words\n\nA **loaded** word carries a judgement that a "
                "plainer word would not (“axed” for “closed”, “claimed” for "
                "“said”). First the exercise: whose words are these phrases?"
            ),
            _exercises("framing"),
        ]
        shown = [
            r
            for r in counts.sort_values("total", ascending=False).index
            if counts.loc[r, "total"] > 0
        ][:2]
        for rep in shown:
            cells.append(
                _code(f'framing.highlight_loaded(case, {rep!r}, part="top", paragraphs=2)')
            )
        text = (
            f"Report {most} has the most loaded phrases "
            f"({counts.loc[most, 'total']}, {counts.loc[most, 'per 1,000 words']:g} per 1,000 "
            "words)."
        )
        if none:
            text += f" {'Report' if len(none) == 1 else 'Reports'} {_names(none)}: none recorded."
        cells += [
            _mdcell(
                "How many each report has, and per 1,000 words of article (a longer "
                "text has more room for them):"
            ),
            _code('framing.loaded_counts(case)[["total", "per 1,000 words"]]'),
            _mdcell(text + " Every phrase, with a plainer word in its place:"),
            _code('framing.loaded_words_table(case)[["report", "quote", "kind", "instead"]]'),
        ]
    else:
        missing.append("loaded words (no loaded_words.csv rows)")
        cells.append(
            _note(
                "This case has no loaded-words coding (loaded_words.csv is empty "
                "or missing), so this part and its exercise are left out."
            )
        )
    frames = case.table("frames") if _has(case, "frames") else None
    schemes = set(frames["scheme"]) if frames is not None else set()
    cells.append(_mdcell("## 3. Frames"))
    if "dominant" in schemes:
        dom = framing.dominant_frames(case)
        counts = dom["frame"].value_counts()
        listed = ", ".join(f"{_plural(int(k), 'report')} with {md(f)}" for f, k in counts.items())
        cells += [
            _mdcell(
                "Which frame does a reader meet first, in the headline and the lead? "
                "The coding names one per report, with the words that show it:"
            ),
            _code("framing.dominant_frames(case)"),
            _mdcell(
                f"In this case: {listed}. A frame is a reading, and coders differ: "
                "where the coding saw another defensible reading, it says so."
            ),
        ]
        if len(framing.judgement_calls(case)):
            cells.append(_code("framing.judgement_calls(case)"))
    if "entman" in schemes:
        cells += [
            _mdcell(
                "Entman's four things a frame does: define the **problem**, name a "
                "**cause**, make a **moral judgement** and recommend a **remedy**. "
                "Coded for:"
            ),
            _code("framing.entman_table(case)"),
        ]
    if "semetko_valkenburg" in schemes:
        cells += [
            _mdcell(
                "Five frames that news often uses (Semetko & Valkenburg, 2000), each "
                "found by yes/no questions:"
            ),
            _code("framing.question_table()"),
            _code("framing.frame_matrix(case)"),
        ]
    if not schemes:
        missing.append("framing codes (no frames.csv rows)")
        cells.append(
            _note(
                "This case has no framing codes (frames.csv is empty or missing), "
                "so this part is left out. Decide for yourself from the headlines "
                "and leads: what is each report's angle?"
            )
        )
    cells += _notes_cells(case, "04-framing")
    return cells, missing


# --------------------------------------------------------------------------- chapter 5


def _search_words(case: Case, fact: str) -> str:
    """A search pattern for a mention fact: the nouns of its cues, else its label's words."""
    row = case.facts.set_index("fact").loc[fact]
    cues = str(row.get("cues", "") or "")
    nouns = next((p.split(":", 1)[1] for p in cues.split(";") if p.strip().startswith("nouns")), "")
    words = [w.strip() for w in nouns.split(",") if w.strip()] or [
        w for w in re.findall(r"[A-Za-z][A-Za-z'-]{3,}", str(row["label"]))
    ]
    return "|".join(re.escape(w) for w in words[:4]) or re.escape(str(row["label"]))


def chapter_omissions(case: Case) -> tuple[list, list[str]]:
    from medialit.omissions import mention_facts, omission_matrix, topic_coverage

    cells = [
        _mdcell("""# What is missing?

A report can be right in every sentence and still leave you with a partial picture,
because of what it does **not** say. For each topic the data records whether each report's
article mentions it, generously: half a sentence counts. A missing topic is not proof of
bias (a short report has little room), but a pattern of missing topics is worth asking
about: whose side of the story does it leave out?"""),
        _setup(
            case,
            "from medialit.omissions import omission_matrix, plot_omission_heatmap, "
            "report_coverage, topic_coverage\n"
            "from medialit.tables import keyword_in_context",
        ),
    ]
    missing = []
    facts = mention_facts(case)
    if not facts:
        missing.append("omissions (no mention facts in facts.csv)")
        cells.append(
            _note(
                "This case records no topics to look for (no fact of kind "
                "'mention' in facts.csv), so this chapter has no matrix and no "
                "exercise."
            )
        )
        cells += _notes_cells(case, "05-omissions")
        return cells, missing
    labels = dict(zip(case.facts["fact"], case.facts["label"], strict=False))
    first = facts[0]
    lines = "\n".join(f"- {md(labels[f])}" for f in facts)
    cells += [
        _mdcell(
            f"## 1. {_plural(len(facts), 'topic')}, {_plural(len(case.report_ids), 'report')}"
            f"\n\nThe topics:\n\n{lines}\n\nSearch before you decide. For example, every "
            f"match for words of the first topic ({md(labels[first])}) in the "
            "article texts:"
        ),
        _code(f"keyword_in_context(case, {_search_words(case, first)!r})"),
        _mdcell(
            "A match is only a candidate: read its sentence. Now the exercises, one "
            "per report, before the matrix that answers them:"
        ),
        _exercises("omissions"),
    ]
    matrix = omission_matrix(case)
    cover = topic_coverage(matrix)
    n = len(case.report_ids)
    everywhere = [t for t in cover.index if cover.loc[t, "reports"] == n]
    one = [t for t in cover.index if cover.loc[t, "reports"] == 1]
    nowhere = [t for t in cover.index if cover.loc[t, "reports"] == 0]
    text = []
    if everywhere:
        text.append(f"- **In every report:** {', '.join(md(t) for t in everywhere)}.")
    if one:
        text.append(
            "- **In one report only:** "
            + ", ".join(f"{md(t)} ({cover.loc[t, 'mentioned by']})" for t in one)
            + "."
        )
    if nowhere:
        text.append(f"- **In none:** {', '.join(md(t) for t in nowhere)}.")
    counts = matrix.sum(axis=0)
    fewest = counts.idxmin()
    text.append(f"- **Fewest topics:** report {fewest} ({counts[fewest]} of {len(matrix)}).")
    cells += [
        _mdcell("## 2. The omission matrix\n\n`True` = the report mentions the topic:"),
        _code("matrix = omission_matrix(case)\nmatrix"),
        _code(
            'ax = plot_omission_heatmap(matrix, title="Which report mentions what?")',
            tags=["hide-input"],
        ),
        _mdcell("## 3. Reading the matrix by topic and by report"),
        _code("topic_coverage(matrix)"),
        _mdcell("\n".join(text)),
        _code("report_coverage(case, matrix)"),
        _mdcell(
            "Compare the number of topics with the length of each article: a short "
            "text that leaves out a topic has less room; a long one has made a "
            "choice."
        ),
    ]
    cells += _notes_cells(case, "05-omissions")
    return cells, missing


# --------------------------------------------------------------------------- chapter 6


def _full_profile(case: Case) -> bool:
    """Does the case have every table the full profile of :mod:`medialit.evaluation` reads?"""
    frames = case.tables.get("frames")
    dominant = frames is not None and set(case.report_ids) <= set(
        frames.loc[frames["scheme"] == "dominant", "report_id"]
    )
    return all(_has(case, t) for t in ("clues", "attributions", "loaded_words")) and dominant


def profile(case: Case):
    """All reports side by side under the five headings:
    :func:`medialit.evaluation.profile_table`, which gives the rows the case's data allow."""
    from medialit.evaluation import profile_table

    return profile_table(case)


def chapter_evaluation(case: Case) -> tuple[list, list[str]]:
    from medialit.exercises.generic import evaluation_items

    cells = [
        _mdcell("""# Putting it together

You now have five questions to ask of any news report, one from each chapter. In this last
chapter you put them together: first for every report side by side, then in writing.

| heading | the question | chapter |
| --- | --- | --- |
| **origin** | How did this text reach me? Whose page is it? | 1 |
| **evidence** | Which figures does it give, how hedged, and who backs them? | 2 |
| **sources** | Who speaks, and in whose words is the story told? | 3 |
| **framing** | What does it put first, and which words does it choose? | 4 |
| **omissions** | What does it leave out that others report? | 5 |"""),
        _setup(
            case,
            "from medialit.casebook import profile\n"
            "from medialit.evaluation import report_profile\n"
            "from medialit.exercises import rubric_table",
        ),
    ]
    missing = []
    cells += [
        _mdcell(
            "## 1. Every report under the five headings\n\nRead down a column for "
            "one report, across a row to compare the reports on one point:"
        ),
        _code("table = profile(case)\ntable"),
    ]
    if not _full_profile(case):
        missing.append(
            "part of the profile (the case lacks some of the clue, attribution, "
            "loaded-word and framing tables)"
        )
        cells.append(
            _note(
                "This case lacks some of the tables the full profile reads (clues, "
                "attributions, loaded words, a dominant frame for every report), "
                "so the profile shows only the rows its data allow."
            )
        )
    table = profile(case)
    notes_ = []
    words = table.loc[("omissions", "article words")]
    notes_.append(
        f"- **Longest article:** {words.idxmax()} ({words.max():,} words); "
        f"shortest: {words.idxmin()} ({words.min():,})."
    )
    given = [ix for ix in table.index if ix[0] == "evidence" and ix[1].startswith("figures given")]
    if given:
        row = table.loc[given[0]]
        notes_.append(
            f"- **Most figures given:** {_names([r for r in row.index if row[r] == row.max()])} "
            f"({row.max()})."
        )
    topics = [
        ix for ix in table.index if ix[0] == "omissions" and ix[1].startswith("topics mentioned")
    ]
    if topics:
        row = table.loc[topics[0]]
        notes_.append(
            f"- **Fewest topics mentioned:** "
            f"{_names([r for r in row.index if row[r] == row.min()])} ({row.min()})."
        )
    cells.append(
        _mdcell(
            "A few things to check in the earlier chapters:\n\n"
            + "\n".join(notes_)
            + "\n\nNo single row makes a report good or bad: a profile is where "
            "the questions start."
        )
    )
    if _full_profile(case):
        first = case.report_ids[0]
        cells += [
            _mdcell(
                f"## 2. One report, with its evidence\n\nReport {Case.number(first)} under the "
                "five headings, with the quotes each point rests on:"
            ),
            _code(f"report_profile(case, {Case.number(first)!r})"),
        ]
    if evaluation_items(case):
        cells += [
            _mdcell(
                "## How your written answers are judged\n\nThe two written exercises "
                "are not checked by the computer; your teacher (or you) reads them "
                "against this rubric:"
            ),
            _code('rubric_table("evaluate_report", "compare_reports")'),
        ]
    cells += _notes_cells(case, "06-evaluation")
    cells += [_mdcell("## Exercises"), _exercises("evaluation")]
    return cells, missing


BUILDERS = {
    "origin": chapter_origin,
    "numbers": chapter_numbers,
    "attribution": chapter_attribution,
    "lateral": chapter_lateral,
    "framing": chapter_framing,
    "omissions": chapter_omissions,
    "evaluation": chapter_evaluation,
}


# --------------------------------------------------------------------------- answer keys


def _accepted(it, case: Case) -> str:
    from medialit.discrepancy import describe, number
    from medialit.exercises.solutions import accepted_answer

    key = getattr(it, "derived", None) or {}
    if it.kind == "numeric":
        unit = case.facts.set_index("fact").loc[it.spec["fact"], "unit"]
        value = float(key["accept"])
        return f"{number(value)} {unit}" if value else "0 (no figure)"
    if "from_claims" in key:
        c = case.claim(it.spec["report"], key["from_claims"])
        unit = case.facts.set_index("fact").loc[key["from_claims"], "unit"]
        return describe(c["value"], c["bound"], unit) if c["mentioned"] else "not stated"
    if it.kind == "free_text":
        return "scored with the rubric"
    if key.get("from_furniture"):
        return "article or furniture, as marked in furniture.csv"
    return accepted_answer(it.spec, key, case)


def _reasoning(it, case: Case) -> str:
    key = getattr(it, "derived", None) or {}
    if "from_claims" in key:
        c = case.claim(it.spec["report"], key["from_claims"])
        return f"“{c['quote']}” {c['note']}" if c["mentioned"] else c["note"]
    if key.get("mentions_from_claims"):
        rid = it.spec["report"]
        return "; ".join(
            f"{o['label']}: "
            + (f"“{c['quote']}”" if c["mentioned"] else f"not mentioned ({c['note'].rstrip('.')})")
            for o in it.options
            for c in [case.claim(rid, o["id"])]
        )
    if it.kind == "free_text":
        return " ".join(f"{k.capitalize()}: {v}" for k, v in it.spec.get("rubric", {}).items())
    return " ".join(str(key.get("done") or key.get("reasoning") or "").split())


def answer_key_rows(case: Case, items) -> list[dict]:
    """One row per item: id, prompt, the accepted answer and the reasoning, in words."""
    return [
        {
            "item": it.id,
            "prompt": it.prompt,
            "accepted answer": _accepted(it, case),
            "reasoning": _reasoning(it, case),
        }
        for it in items
    ]


def answer_key_html(case: Case, items) -> str:
    """The answer key of a chapter's items as an HTML table, every text escaped."""
    head = "".join(f"<th>{h}</th>" for h in ("item", "prompt", "accepted answer", "reasoning"))
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(r[k]))}</td>"
            for k in ("item", "prompt", "accepted answer", "reasoning")
        )
        + "</tr>"
        for r in answer_key_rows(case, items)
    )
    return (
        f'<table class="ml-answer-key" border="0"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _answer_key_cell(case: Case, chapter: str):
    from medialit.exercises.generic import chapter_items

    items = chapter_items(case, chapter)
    if not items:
        return None
    return _mdcell(
        "## Answer key\n\nShown in the instructor edition only: the accepted answers "
        "and the reasoning for this chapter's items.\n\n```{raw} html\n"
        + answer_key_html(case, items)
        + "\n```",
        tags=[INSTRUCTOR_TAG],
    )


# --------------------------------------------------------------------------- the book


def _intro(case: Case, missing: dict[str, list[str]]) -> nbformat.NotebookNode:
    description = str(case.metadata.get("description", "")).strip()
    if "Replace this description" in description:
        description = ""
    # The note on character offsets is for annotators, not for readers of the book.
    description = re.sub(
        r"\s*Character offsets count[^.]*\([^)]*\)\.|\s*Character offsets "
        r"count[^.]*\.",
        "",
        description,
    )
    cells = [
        _mdcell(
            f"# {md(case.title)}\n\n"
            + (md(description) + "\n\n" if description else "")
            + f"This book reads {_plural(len(case.report_ids), 'report')} of one event "
            "side by side, with the method of *Same call, different stories*. Every "
            "table, figure and exercise is computed from the case's data: the raw "
            "reports, the page furniture marked in them, and the claims, quotes and "
            "codes annotated for each report."
        ),
        _setup(case, "from medialit.tables import report_overview"),
        _code("report_overview(case)"),
        _mdcell("""## The chapters

1. **Where does a text come from?** Page furniture and clues to a text's origin.
2. **Figures and their hedges.** What each report says about the figures, and which
   reports really disagree.
3. **Who says so?** Whose statements the reports carry, and in whose words.
   - **Trace it to the original.** Leave the page: the claims that name a source, and
     how to look each one up (this part needs the internet).
4. **Same event, different story.** Headlines, leads, loaded words and frames.
5. **What is missing?** What each report leaves out.
6. **Putting it together.** Every report under five headings, and two written tasks.

Each chapter has exercises that check your answer on the page and say what to look at
again. Your answers stay in this browser; the page *My answers* lets you download them to
hand in."""),
    ]
    left = [
        f"- chapter {int(file[:2])}: {part}"
        for file, ch in CHAPTERS
        for part in missing.get(ch, [])
    ]
    if left:
        cells.append(
            _note(
                "Parts of the book are left out because this case has no data for "
                "them:\n\n" + "\n".join(left)
            )
        )
    text = notes(case, "intro")
    if text:
        cells.append(_mdcell(f"## From your teacher\n\n{text}"))
    return _notebook(cells)


def _notebook(cells: list) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata.update(_KERNEL)
    for i, cell in enumerate(nb.cells):  # stable ids: the same case gives the same files
        cell["id"] = f"cell-{i:03d}"
    return nb


def _instructors(case: Case) -> str:
    return f"""# For instructors

This book was generated from the case in `{_case_ref(case)}` by
`python -m medialit build --case {_case_ref(case)}`. Rebuild it after any change to the case;
`python -m medialit validate {_case_ref(case)}` checks the case first.

- **Chapters.** The method text is the same for every case; tables, figures and the
  sentences that state numbers are computed from the case's data when the book is built.
  A part the data cannot support is left out with a note.
- **Your notes.** Put short markdown files in the case's `notes/` folder, one per chapter
  (`notes/02-numbers.md`, or `notes/numbers.md`) and `notes/intro.md` for the first page:
  each is shown under "Notes on this case".
- **Exercises.** They are the generic exercises of `medialit.exercises.generic`, with keys
  from the data (claims, furniture, attributions, loaded words): each chapter's answer key
  follows its exercises in this edition. The student edition leaves the keys out.
- **Trace it to the original.** The chapter after "Who says so?" lists the claims the
  reports credit to a named source (claims.csv, `source_name`), with what to search for;
  the looking up needs the internet. Tell students in your notes (`notes/03-lateral.md`)
  when a case's sources cannot be found online, as in an invented case.
- **Tolerance.** "About" figures are read as ±10 %, or with the `tolerance` a figure has in
  `facts.csv`; `exact` figures are read as themselves.
- **Notebooks.** `exercises/any-case.ipynb` runs the same exercises in Jupyter: set
  `CASE = "{_case_ref(case)}"` there, or the environment variable `MEDIALIT_CASE`.
"""


def _config(case: Case) -> str:
    import yaml

    config = yaml.safe_load((BOOK / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = str(case.title)
    config["author"] = "medialit"
    return (
        "# Generated by medialit.casebook for the case in "
        + _case_ref(case)
        + "\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    )


def _toc() -> str:
    import yaml

    toc = {
        "format": "jb-book",
        "root": "intro",
        "parts": [
            {"caption": "Chapters", "chapters": [{"file": f"chapters/{f}"} for f, _ in CHAPTERS]},
            {"caption": "Hand in", "chapters": [{"file": "my-answers"}]},
            {"caption": "For instructors", "chapters": [{"file": "instructors/for-instructors"}]},
        ],
    }
    return yaml.safe_dump(toc, sort_keys=False)


def book_dir(case: Case) -> Path:
    """Where the case book of ``case`` is written and built."""
    return BUILD_ROOT / case.name


def book_files(case: Case) -> dict[str, bytes]:
    """Every source file of the case book (path in the book -> content)."""
    files: dict[str, bytes] = {}
    missing: dict[str, list[str]] = {}
    for file, chapter in CHAPTERS:
        cells, left = BUILDERS[chapter](case)
        missing[chapter] = left
        key = _answer_key_cell(case, chapter)
        if key is not None:
            cells.append(key)
        files[f"chapters/{file}.ipynb"] = nbformat.writes(_notebook(cells)).encode("utf-8")
    files["intro.ipynb"] = nbformat.writes(_intro(case, missing)).encode("utf-8")
    files["_config.yml"] = _config(case).encode("utf-8")
    files["_toc.yml"] = _toc().encode("utf-8")
    files["instructors/for-instructors.md"] = _instructors(case).encode("utf-8")
    for name in _COPIED:
        files[name] = (BOOK / name).read_bytes()
    for path in sorted((BOOK / "_static").glob("*")):
        if path.is_file():
            files[f"_static/{path.name}"] = path.read_bytes()
    return files


def write_book(case: Case, folder: Path | None = None) -> Path:
    """Write the case book's sources into ``folder`` (default :func:`book_dir`); only
    changed files are rewritten, files no longer wanted removed (``_build`` is kept)."""
    folder = Path(folder or book_dir(case))
    files = book_files(case)
    for rel, data in files.items():
        target = folder / rel
        if not (target.is_file() and target.read_bytes() == data):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    for path in sorted(folder.rglob("*"), reverse=True):
        rel = path.relative_to(folder)
        if rel.parts[0] in ("_build", "_widget_assets"):
            continue
        if path.is_file() and rel.as_posix() not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return folder


def handin(case: Case, folder: Path) -> dict:
    """The hand-in index of the case book (its case id and its items, by chapter)."""
    from medialit.book import handin_index
    from medialit.exercises.generic import case_items

    return handin_index(folder, case.name, case_items(case))


def build_case_book(case: str | Path | Case, edition: str = "student") -> Path:
    """Write and build one edition of the case book; returns its HTML folder. Raises
    :class:`medialit.CaseError` (listing every problem) for a case that is not valid."""
    import fcntl

    from medialit.book import build_edition

    case = case if isinstance(case, Case) else load_case(case)
    BUILD_ROOT.mkdir(parents=True, exist_ok=True)
    with open(BUILD_ROOT / f".{case.name}.lock", "a") as lock:  # one build of a case at a time
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            folder = write_book(case)
            return build_edition(
                folder, edition, handin=handin(case, folder), inputs=(Path(case.path),)
            )
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def main_build_case(case: str, edition: str) -> int:
    """``python -m medialit build --case PATH``: build, then say where it went."""
    import sys

    from medialit.book import BookBuildError
    from medialit.case import CaseError

    try:
        html_dir = build_case_book(case, edition)
    except CaseError as e:
        print(
            f"medialit build: {e}\nFix these, then build again (python -m medialit validate "
            f"{case} lists them too).",
            file=sys.stderr,
        )
        return 1
    except (BookBuildError, CaseBookError) as e:
        print(f"medialit build: {e}", file=sys.stderr)
        return 1
    print(f"The {edition} edition of the case book is in {html_dir}/index.html")
    print(f"Serve it with: python -m http.server -d {html_dir}")
    return 0


def clean(case: Case) -> None:
    """Remove a case book's sources and builds."""
    shutil.rmtree(book_dir(case), ignore_errors=True)


__all__ = [
    "BUILD_ROOT",
    "CHAPTERS",
    "CaseBookError",
    "answer_key_html",
    "book_dir",
    "build_case_book",
    "found_quantities",
    "notes",
    "profile",
    "write_book",
]
