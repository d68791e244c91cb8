"""Exercises that work on ANY valid case, with keys taken from its data.

>>> from medialit import load_case
>>> items = case_items(load_case("tests/cases/library-vote"))  # the tests' invented case
>>> sorted({i.spec["skill_area"] for i in items})  # doctest: +NORMALIZE_WHITESPACE
['attribution', 'conflicts', 'evaluation', 'framing', 'lateral', 'numbers', 'omissions',
 'provenance']

Skills that carry over to a new event without writing a single answer key: where a text
came from (page furniture), every figure and its hedge in every report (durations, counts,
money, percentages: any quantity fact), which reports truly conflict, whose statement a
passage is, whose words a loaded phrase is, what each report leaves out, and two written
evaluations scored with the rubric. An instructor's own case (``python -m medialit
new-case``) gets them by changing one parameter: the case. Each item belongs to the chapter
of the book that teaches its skill (:data:`CHAPTER_OF`), so ``python -m medialit build
--case`` puts it there.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from medialit.case import Case
from medialit.discrepancy import compare_claims, describe, number, tolerance_of
from medialit.exercises import Item
from medialit.exercises.checks import attach_check
from medialit.exercises.engine import MAX_DECIMALS, UNIT_MINUTES, fixed
from medialit.text import paragraph_of

SOURCE_LABELS = {
    "white_house": "a government (official readout)",
    "kremlin": "a government (official readout)",
    "official": "a named official",
    "analyst": "an analyst or expert",
    "civil_society": "a campaign, charity or union",
    "public": "members of the public",
    "media": "other media",
    "outlet": "the report itself (no source given)",
}
_LABELS = [
    {"id": "official_statement", "label": "a government's official statement"},
    {"id": "official", "label": "a named official"},
    {"id": "analyst", "label": "an analyst or expert"},
    {"id": "media", "label": "other media"},
    {"id": "outlet", "label": "the report itself (no source given)"},
]
_LABELS_IF_USED = [  # data/CODEBOOK.md A14: offered when the case codes any statement so
    {"id": "civil_society", "label": "a campaign, charity or union"},
    {"id": "public", "label": "members of the public"},
]
_SOURCE_TO_LABEL = {
    "white_house": "official_statement",
    "kremlin": "official_statement",
    "official": "official",
    "analyst": "analyst",
    "civil_society": "civil_society",
    "public": "public",
    "media": "media",
    "outlet": "outlet",
}
MAX_SEGMENTS = 6

CHAPTER_OF = {
    "provenance": ("origin", 1),
    "numbers": ("numbers", 2),
    "conflicts": ("numbers", 2),
    "attribution": ("attribution", 3),
    "lateral": ("lateral", 3),
    "framing": ("framing", 4),
    "omissions": ("omissions", 5),
    "evaluation": ("evaluation", 6),
}
"""The book chapter (id, number) of each skill area."""

_HEDGE_LABELS = {
    "about": "a plain or rounded figure (“about”)",
    "at_least": "a lower limit (“more than”, “over”)",
    "at_most": "an upper limit (“up to”, “nearly”)",
    "exact": "an exact figure",
    "none": "it gives no figure",
}


@dataclass(frozen=True)
class CaseItem(Item):
    """A generic item: its ``spec`` is public (the widget sends it to the page), so the
    answer key it was built from (accepted answers, reasoning) is kept apart, in
    ``derived``, for the instructor's answer key and the tests."""

    derived: dict = field(default_factory=dict, compare=False, repr=False)


def _item(case: Case, spec: dict, key: dict) -> CaseItem:
    chapter, number_ = CHAPTER_OF[spec["skill_area"]]
    spec = {"chapter": chapter, "chapter_number": number_, "key": None, **spec}
    attach_check(spec, key, case)
    return CaseItem(spec, derived=key)


def duration_fact(case: Case) -> str | None:
    """The first quantity fact measured in time (minutes, hours or days), if any."""
    facts = case.facts
    time_facts = facts[(facts["kind"] == "quantity") & facts["unit"].isin(list(UNIT_MINUTES))]
    return None if time_facts.empty else time_facts.iloc[0]["fact"]


def quantity_facts(case: Case) -> list[str]:
    """Every quantity fact that at least one report gives a figure for, in facts.csv order:
    durations, counts, money, percentages."""
    facts = case.facts[case.facts["kind"] == "quantity"]["fact"]
    given = set(case.claims.loc[case.claims["mentioned"].astype(bool), "fact"])
    return [f for f in facts if f in given]


_SEARCH = {"minutes": ("minute", "hour"), "hours": ("minute", "hour"), "days": ("day", "week")}


def unit_pattern(case: Case) -> str:
    """A search pattern for the units of the case's figures ('minute|hour|people'), to
    find them in the reports with ``keyword_in_context``.

    >>> from medialit import load_case
    >>> unit_pattern(load_case("tests/cases/library-vote"))
    'minute|hour|people'
    """
    words: list[str] = []
    for unit in case.facts.loc[case.facts["kind"] == "quantity", "unit"]:
        unit = str(unit).strip()
        found = _SEARCH.get(unit) or ((unit.split() or [""])[0].removesuffix("s"),)
        words += [w for w in found if w and w not in words]
    return "|".join(words) or r"\d"


def is_duration(case: Case, fact: str) -> bool:
    """Is the fact measured in minutes, hours or days (a duration item asks for it)?"""
    return case.facts.set_index("fact").loc[fact, "unit"] in UNIT_MINUTES


def provenance_items(case: Case) -> list[Item]:
    """Label paragraphs of the report with the most page furniture as article or furniture."""
    if case.furniture.empty:
        return []
    rid = case.furniture["report_id"].value_counts().idxmax()
    text = case.text(rid)
    spans = case.furniture[case.furniture["report_id"] == rid]
    furniture, article = [], []
    seen = set()
    for line in (p.strip() for p in text.split("\n")):
        if len(line) < 8 or line[:40] in seen:  # repeated captions: show each once
            continue
        seen.add(line[:40])
        covered = _covered(spans, text.find(line), len(line))
        if covered in (0, len(line)):  # a line part furniture, part article has no one label
            (furniture if covered else article).append(line)
    picked = (
        furniture[: MAX_SEGMENTS // 2]
        + article[1 : 1 + MAX_SEGMENTS - min(len(furniture), MAX_SEGMENTS // 2)]
    )
    segments = [
        {"id": f"p{i}", "text": paragraph_of(case, rid, line[:40])}
        for i, line in enumerate(picked, 1)
    ]
    spec = {
        "id": f"{case.name}:provenance",
        "skill_area": "provenance",
        "skill": "Separate the article from the page around it",
        "kind": "labelling",
        "report": rid,
        "segments": segments,
        "labels": [
            {"id": "article", "label": "article"},
            {"id": "furniture", "label": "page furniture"},
        ],
        "prompt": f"Report {Case.number(rid)}: is each passage part of the article, "
        "or page furniture (ads, boxes, captions, links, other stories)?",
        "hints": [
            "Ask of each passage: does it tell this story, "
            "or is it about the page or other stories?"
        ],
    }
    return [
        _item(
            case,
            spec,
            {
                "from_furniture": True,
                "done": (
                    "Page furniture is everything on the page that is not the story: appeals, "
                    "boxes, captions, links and teasers for other stories. Removing it is the "
                    "first step of any comparison."
                ),
            },
        )
    ]


def _covered(spans, start: int, length: int) -> int:
    """How many characters of ``text[start:start + length]`` lie inside furniture spans."""
    end = start + length
    return int(
        sum(
            max(0, min(end, e) - max(start, b))
            for b, e in zip(spans["start"], spans["end"], strict=True)
        )
    )


def _what(case: Case, fact: str) -> tuple[str, str]:
    """(the fact's label in lower case, its unit) for prompts."""
    label, unit = case.facts.set_index("fact").loc[fact, ["label", "unit"]]
    return str(label).lower(), str(unit)


def _unit_word(unit: str) -> str:
    """The word of a unit to search a report for: 'prisoners per side' -> 'prisoners',
    'per cent' -> 'per cent' (not 'per')."""
    words = unit.split() or ["number"]
    return " ".join(words[:2]) if words[0] == "per" else words[0]


def number_items(case: Case) -> list[Item]:
    """For every quantity fact a report gives a figure for: one item per report, the figure
    it gives and its hedge. A duration (minutes, hours, days) is one duration item per
    report (number, unit, hedge, or "not stated"); any other quantity (people, money,
    percentages, in the fact's unit) is one number item per report (0 when it gives none)
    and one item that asks how each report hedges its figure."""
    out = []
    for fact in quantity_facts(case):
        out += _duration_items(case, fact) if is_duration(case, fact) else _count_items(case, fact)
    return out


def _duration_items(case: Case, fact: str) -> list[Item]:
    what, _ = _what(case, fact)
    out = []
    for rid in case.report_ids:
        spec = {
            "id": f"{case.name}:{fact}_{Case.number(rid)}",
            "skill_area": "numbers",
            "skill": "Read a figure and how it is hedged",
            "kind": "duration",
            "report": rid,
            "fact": fact,
            "prompt": f"Report {Case.number(rid)}: what does it say about the {what}?",
            "hints": [
                "Search the report for the unit words (hour, minute, day).",
                "Read the words just before the number: “more than”, “about”, “nearly”.",
            ],
        }
        out.append(_item(case, spec, {"from_claims": fact}))
    return out


def figure_places(values) -> int:
    """The decimal places the figures of a fact are given to: the most any of them has
    (the reports' 2.5 and 3 per cent: 1), at most MAX_DECIMALS.

    >>> figure_places([2.5, 3.0]), figure_places([8000, 20000]), figure_places([])
    (1, 0, 0)
    """
    places = [
        -Decimal(repr(round(float(v), MAX_DECIMALS))).normalize().as_tuple().exponent
        for v in values
        if math.isfinite(float(v))
    ]
    return max([0, *places])


def _figure(value: float, places: int) -> str:
    """A figure as the number box compares it: ``number()`` for whole numbers, else with
    the item's places ('3.0', '1,234.5')."""
    return number(value) if not places else f"{Decimal(fixed(value, places)):,f}"


def _count_items(case: Case, fact: str) -> list[Item]:
    """A number item per report and one hedge item, for a quantity that is not a duration.
    The number box compares whole numbers, or as many decimal places as the reports'
    figures have (2.5 and 3 per cent: one place, so 2.5 and 3.0)."""
    what, unit = _what(case, fact)
    word = _unit_word(unit)
    claims = case.fact_claims(fact)
    given = claims[claims["mentioned"]]
    places = figure_places(given["value"])
    out = []
    for _, c in claims.iterrows():
        rid, n = c["report_id"], Case.number(c["report_id"])
        truth = float(c["value"]) if c["mentioned"] else 0.0
        feedback = {}
        for _, o in given[given["report_id"] != rid].iterrows():
            if fixed(o["value"], places) != fixed(truth, places):
                who = [
                    f"report {Case.number(x['report_id'])} "
                    f"({describe(x['value'], x['bound'], unit)})"
                    for _, x in given.iterrows()
                    if fixed(x["value"], places) == fixed(o["value"], places)
                    and x["report_id"] != rid
                ]
                feedback[str(float(o["value"]))] = (
                    f"{_figure(o['value'], places)} is the figure of {' and '.join(who)}, "
                    "not of report "
                    f"{n}. Search report {n} itself for “{word}”."
                )
        if c["mentioned"]:
            feedback.setdefault(
                "0",
                f"Report {n} does give a figure for the {what}. Search it "
                f"for “{word}” and for digits.",
            )
            done = f"Report {n} says “{c['quote']}”: {describe(c['value'], c['bound'], unit)}."
            otherwise = (
                f"That is not the figure report {n} gives. Search it for “{word}” and "
                "read the whole sentence: is it this figure, or another one?"
            )
        else:
            done = f"Report {n} gives no figure for the {what}. Leaving a fact out is a choice too."
            otherwise = (
                f"Find the sentence in report {n} that gives your number, and read it "
                f"whole: is it the {what}, or a figure of something else?"
            )
        spec = {
            "id": f"{case.name}:{fact}_{n}",
            "skill_area": "numbers",
            "skill": "Read a figure",
            "kind": "numeric",
            "report": rid,
            "fact": fact,
            "prompt": f"Report {n}: what figure does it give for the {what}, in {unit}? "
            f"Type the number only{_to_places(places)} (0 if the report gives none).",
            "hints": [
                f"Search the report for “{word}” and for digits.",
                "Numbers can be written in words too: “two thousand”, “a dozen”.",
            ],
        }
        if places:
            spec["decimals"] = places
        out.append(
            _item(
                case, spec, {"accept": truth, "feedback": feedback, "else": otherwise, "done": done}
            )
        )
    out.append(_hedge_item(case, fact, claims))
    return out


def _to_places(places: int) -> str:
    return "" if not places else f", to {places} decimal place{'s' if places > 1 else ''}"


def _hedge_item(case: Case, fact: str, claims) -> Item:
    """How each report gives its figure for one fact: plainly, as a lower or upper limit,
    exactly, or not at all (one passage per report)."""
    what, unit = _what(case, fact)
    used = set(claims.loc[claims["mentioned"], "bound"])
    labels = [
        b
        for b in ("about", "at_least", "at_most", "exact", "none")
        if b != "exact" or "exact" in used
    ]
    headlines = dict(zip(case.reports["report_id"], case.reports["headline"], strict=False))
    segments, accept, feedback = [], {}, {}
    for i, (_, c) in enumerate(claims.iterrows(), 1):
        rid, n = c["report_id"], Case.number(c["report_id"])
        head = headlines.get(rid) or "(no headline)"
        segments.append({"id": f"r{i}", "text": f"Report {n}: {head}"})
        accept[f"r{i}"] = c["bound"] if c["mentioned"] else "none"
        feedback[f"r{i}"] = (
            f"Find the figure for the {what} in report {n} and read the words just before and "
            "after it: do they give it plainly, as a lower limit, as an upper limit, or to the "
            f"last digit? If you found none, search again for “{_unit_word(unit)}”."
            if c["mentioned"]
            else f"Report {n}: where is the figure you found? Read its sentence whole: is it the "
            f"{what}, or a figure of something else?"
        )
    spec = {
        "id": f"{case.name}:{fact}_hedges",
        "skill_area": "numbers",
        "skill": "Read how a figure is hedged",
        "kind": "labelling",
        "segments": segments,
        "fact": fact,
        "labels": [{"id": b, "label": _HEDGE_LABELS[b]} for b in labels],
        "prompt": f"How does each report give its figure for the {what}?",
        "hints": [
            "“More than 5,000” sets a lower limit: the true figure may be far higher.",
            "A round number with no hedge (“5,000 people”) is read like “about 5,000”.",
        ],
    }
    said = "; ".join(
        f"{Case.number(c['report_id'])}: "
        + (describe(c["value"], c["bound"], unit) if c["mentioned"] else "no figure")
        for _, c in claims.iterrows()
    )
    return _item(
        case,
        spec,
        {
            "accept": accept,
            "feedback": feedback,
            "done": f"The hedges, report by report: {said}. A hedge changes "
            "what a figure claims: compare ranges, not numbers.",
        },
    )


def _tolerance_words(tolerance: float) -> str:
    return f"give or take {number(round(tolerance * 100, 1))} %"


def conflict_items(case: Case) -> list[Item]:
    """For every quantity fact that two or more reports give a figure for: which pairs of
    reports truly conflict ('about' read with the fact's tolerance, 10 % by default)."""
    if len(case.report_ids) < 2:
        return []
    out = []
    for fact in quantity_facts(case):
        claims = case.fact_claims(fact)
        if int(claims["mentioned"].sum()) < 2:
            continue
        what, _ = _what(case, fact)
        tolerance = tolerance_of(case, fact)
        pairs = compare_claims(claims)
        conflicts = [
            f"{Case.number(a)}-{Case.number(b)}"
            for a, b, v in zip(pairs["report_a"], pairs["report_b"], pairs["verdict"], strict=False)
            if v == "conflict"
        ]
        exact = (
            " and an exact figure as that figure only" if "exact" in set(claims["bound"]) else ""
        )
        spec = {
            "id": f"{case.name}:{fact}_conflicts",
            "skill_area": "conflicts",
            "skill": "Tell a real conflict from a difference in wording",
            "kind": "multiple_choice",
            "fact": fact,
            "options": [
                {
                    "id": f"{Case.number(a)}-{Case.number(b)}",
                    "label": f"{Case.number(a)} and {Case.number(b)}",
                }
                for a, b in combinations(case.report_ids, 2)
            ],
            "prompt": f"Which pairs of reports truly conflict about the {what}? Tick every "
            f"pair that cannot both be right (read “about” as "
            f"{_tolerance_words(tolerance)}{exact}).",
            "hints": [
                "Turn each claim into a range first.",
                "A report that gives no figure conflicts with nothing.",
            ],
        }
        reasoning = (
            f"Conflicting pairs: {', '.join(conflicts) or 'none'}. Each claim allows a "
            f"range (“more than X”: X and up; a plain or “about” figure: X "
            f"{_tolerance_words(tolerance)}); two claims conflict only when their "
            "ranges do not overlap."
        )
        out.append(
            _item(case, spec, {"conflicts": conflicts, "fact": fact, "reasoning": reasoning})
        )
    return out


def attribution_rows(case: Case):
    """The attributed statements of a case: its attributions table, or, where that is
    missing or empty, the claims' own ``attribution`` column (each mentioned claim's quote
    and who the report credits it to)."""
    import pandas as pd

    table = case.table("attributions") if "attributions" in case.tables else None
    if table is None or table.empty:
        claims = case.claims[case.claims["mentioned"].astype(bool)]
        table = pd.DataFrame(
            {
                "report_id": claims["report_id"],
                "quote": claims["quote"],
                "source": claims["attribution"],
            }
        )
    table = table[table["source"].isin(list(_SOURCE_TO_LABEL)) & table["quote"].astype(bool)]
    return table[~table["quote"].duplicated(keep=False)].reset_index(drop=True)


def _one_per_source(table):
    """One statement per source, spread over as many reports as the data allow."""
    picked, reports = [], []
    for _source, rows in table.groupby("source", sort=True):
        fresh = rows[~rows["report_id"].isin(reports)]
        row = (fresh if len(fresh) else rows).iloc[0]
        picked.append(row)
        reports.append(row["report_id"])
    import pandas as pd

    return pd.DataFrame(picked).head(MAX_SEGMENTS)


def _from_reports(report_ids) -> str:
    ids = sorted({Case.number(r) for r in report_ids})
    if len(ids) == 1:
        return f"(They all come from report {ids[0]}.)"
    return f"(They come from reports {', '.join(ids[:-1])} and {ids[-1]}.)"


def attribution_items(case: Case) -> list[Item]:
    """Whose statement is each passage: up to six attributed statements, one per source,
    from the attributions table or the claims (see :func:`attribution_rows`)."""
    rows = attribution_rows(case)
    picked = _one_per_source(rows)
    if len(picked) < 2:
        return []
    used = set(rows["source"])
    labels = _LABELS[:3] + [x for x in _LABELS_IF_USED if x["id"] in used] + _LABELS[3:]
    segments = [{"id": f"s{i}", "text": q} for i, q in enumerate(picked["quote"], 1)]
    accept = {f"s{i}": _SOURCE_TO_LABEL[s] for i, s in enumerate(picked["source"], 1)}
    feedback = {
        f"s{i}": (
            f"Look for who is named near this passage: the report attributes it to "
            f"{SOURCE_LABELS[s].split(' (')[0]}."
            if s != "outlet"
            else "No source is named for this statement: the report says it in its own voice."
        )
        for i, s in enumerate(picked["source"], 1)
    }
    spec = {
        "id": f"{case.name}:attribution",
        "skill_area": "attribution",
        "skill": "Say whose statement a passage is",
        "kind": "labelling",
        "segments": segments,
        "labels": labels,
        "prompt": f"Whose statement is each passage? {_from_reports(picked['report_id'])}",
        "hints": ["Look for a name and a verb of saying: “said”, “according to”, “told”."],
    }
    return [
        _item(
            case,
            spec,
            {
                "accept": accept,
                "feedback": feedback,
                "done": (
                    "Finding the source of each statement is how you see which side a report "
                    "leans on: a report can be accurate and still tell the story mostly in one "
                    "side's words."
                ),
            },
        )
    ]


def omission_items(case: Case) -> list[Item]:
    """Per report: which of the case's 'mention' topics it mentions (the omission matrix)."""
    facts = case.facts[case.facts["kind"] == "mention"]
    if facts.empty:
        return []
    options = [
        {"id": f, "label": lab} for f, lab in zip(facts["fact"], facts["label"], strict=False)
    ]
    out = []
    for rid in case.report_ids:
        spec = {
            "id": f"{case.name}:mentions_{Case.number(rid)}",
            "skill_area": "omissions",
            "skill": "Notice what a report leaves out",
            "kind": "multiple_choice",
            "report": rid,
            "options": options,
            "prompt": f"Report {Case.number(rid)}: which of these topics does it mention?",
            "hints": ["Use keyword_in_context to search all reports for each topic."],
        }
        out.append(_item(case, spec, {"mentions_from_claims": True}))
    return out


WHOSE_LABELS = [
    {"id": "outlet", "label": "the report's own words"},
    {"id": "quoted", "label": "quoted from someone"},
]


def _around(text: str, quote: str, width: int = 110) -> str:
    """The line of ``text`` that holds ``quote``, cut to about ``width`` characters on
    each side of it at word boundaries."""
    at = text.find(quote)
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    end = len(text) if end < 0 else end
    left, right = max(start, at - width), min(end, at + len(quote) + width)
    if left > start:
        left = text.find(" ", left, at) + 1 or left
    if right < end:
        right = (
            text.rfind(" ", at + len(quote), right)
            if text.rfind(" ", at + len(quote), right) > 0
            else right
        )
    return ("… " if left > start else "") + text[left:right].strip() + (" …" if right < end else "")


def framing_items(case: Case) -> list[Item]:
    """Whose words is each loaded phrase: the report's own, or quoted from someone? Up to
    six phrases of the case's loaded_words table, each in its sentence, from as many
    reports as possible and both kinds when the data have both."""
    if "loaded_words" not in case.tables:
        return []
    lw = case.table("loaded_words")
    lw = lw[(lw["kind"] != "neutral") & lw["whose_words"].isin(["outlet", "quoted"])]
    lw = lw[~lw["quote"].duplicated(keep=False)]
    if len(lw) < 2:
        return []
    picked, reports = [], []
    pools = {w: list(rows.itertuples()) for w, rows in lw.groupby("whose_words", sort=True)}
    while len(picked) < MAX_SEGMENTS and any(pools.values()):
        for whose in sorted(pools):
            pool = pools[whose]
            if not pool or len(picked) >= MAX_SEGMENTS:
                continue
            fresh = [r for r in pool if r.report_id not in reports]
            row = (fresh or pool)[0]
            pool.remove(row)
            picked.append(row)
            reports.append(row.report_id)
    picked.sort(
        key=lambda r: (case.report_ids.index(r.report_id), case.text(r.report_id).find(r.quote))
    )
    segments, accept, feedback = [], {}, {}
    for i, r in enumerate(picked, 1):
        sid = f"w{i}"
        segments.append(
            {
                "id": sid,
                "text": f"“{r.quote}” (report {Case.number(r.report_id)}): "
                f"{_around(case.text(r.report_id), r.quote)}",
            }
        )
        accept[sid] = r.whose_words
        feedback[sid] = (
            "Look around the phrase for quotation marks and for a name with a verb "
            "of saying: are these words someone else's, or the writer's own?"
        )
    spec = {
        "id": f"{case.name}:framing",
        "skill_area": "framing",
        "skill": "Tell the report's own loaded words from quoted ones",
        "kind": "labelling",
        "segments": segments,
        "labels": WHOSE_LABELS,
        "prompt": "Each passage holds a loaded phrase (in quotes before the passage). Is the "
        "phrase the report's own words, or does the report quote someone?",
        "hints": [
            "Quotation marks and “said”, “called it”, “told” mark someone else's words.",
            "A loaded word outside any quotation is the writer's own choice.",
        ],
    }
    return [
        _item(
            case,
            spec,
            {
                "accept": accept,
                "feedback": feedback,
                "done": (
                    "A loaded phrase in the report's own voice is the writer's choice of words; "
                    "a quoted one is the speaker's, though choosing to quote it is still the "
                    "report's choice."
                ),
            },
        )
    ]


_SAYING = re.compile(
    r"\b(said|says|say|saying|according|reported|reports|told|stated|announced|estimated|"
    r"noted|added|claimed|statement|readout)\b",
    re.IGNORECASE,
)


def claim_sentence(case: Case, report_id: str, quote: str) -> str:
    """The sentence (or sentences) of a report's text that hold a claim's quote, else the
    quote itself.

    >>> from medialit import load_case
    >>> c = load_case("tests/cases/crowd-event")
    >>> claim_sentence(c, "000-thousands-march", "Police said 14 people were arrested")[-40:]
    'road after the official route had ended.'
    """
    from medialit.text import paragraphs, split_sentences

    for para in paragraphs(case.text(report_id)):
        at = para.find(quote)
        if at < 0:
            continue
        out, pos = [], 0
        for sentence in split_sentences(para):
            begin = para.find(sentence, pos)
            pos = begin + len(sentence)
            if begin < at + len(quote) and pos > at:
                out.append(sentence)
        return " ".join(out) or quote
    return quote


def _name_words(name: str) -> set[str]:
    return {
        w.strip("“”\"'.,").removesuffix("'s").removesuffix("’s")
        for w in str(name).lower().split()
        if w not in ("the", "a", "an", "of", "from")
    } - {""}


def _spread(rows: list[dict], limit: int) -> list[dict]:
    """Up to ``limit`` of the rows, one per source and report while that is possible,
    then any, in the rows' order; never two with the same sentence."""
    picked: list[dict] = []
    for strict in (True, False):
        for r in rows:
            if len(picked) >= limit:
                return picked
            if any(r["sentence"] == p["sentence"] for p in picked):
                continue
            fresh = all(
                r["report_id"] != p["report_id"] and r["source"] != p["source"] for p in picked
            )
            if fresh or not strict:
                picked.append(r)
    return picked


def _lateral_source(row) -> str:
    """One source, however the reports spell it: a government readout by its code, any
    other source by its name (:func:`medialit.lateral.source_key`)."""
    from medialit.lateral import source_key

    code = row["attribution"]
    return code if code in ("white_house", "kremlin") else source_key(row["source_name"])


def lateral_items(case: Case) -> list[Item]:
    """Two questions of lateral reading, keyed from the claims' ``source_name``: which of
    a few claims give a source to look up (a named source whose name stands in the
    claim's sentence, against sentences in the report's own voice that name no one), and
    which one source, looked up once, checks the most claims (only when one or more
    sources are credited with more claims than the others)."""
    from medialit.lateral import READOUT_NAMES, named_claims

    named = named_claims(case)
    named = named.assign(source=[_lateral_source(r) for _, r in named.iterrows()])
    names = set().union(*(_name_words(n) for n in named["source_name"]), set())
    kinds = case.facts.set_index("fact")["kind"]
    sourced, own, taken = [], [], set()
    for _, c in case.claims[case.claims["mentioned"].astype(bool)].iterrows():
        if not c["quote"] or c["quote"] in taken or c["attribution"] == "public":
            continue  # "residents said": a source, but rarely one to look up
        sentence = claim_sentence(case, c["report_id"], c["quote"])
        words = _name_words(sentence)
        row = {**c.to_dict(), "sentence": sentence, "source": ""}
        if c.name in named.index:
            if _name_words(c["source_name"]) & words:  # the name is there to be seen
                sourced.append({**row, "source": named.loc[c.name, "source"]})
        elif (
            c["attribution"] == "outlet"
            and kinds.get(c["fact"]) != "wording"
            and not _SAYING.search(sentence)
            and not names & words
        ):
            own.append(row)
        taken.add(c["quote"])
    out = []
    if sourced and own:
        half = MAX_SEGMENTS // 2
        picked = _spread(sourced, half)
        picked += _spread(own, MAX_SEGMENTS - len(picked))
        picked.sort(
            key=lambda r: (
                case.report_ids.index(r["report_id"]),
                case.text(r["report_id"]).find(r["sentence"]),
            )
        )
        options, accept, feedback, said = [], [], {}, []
        for i, r in enumerate(picked, 1):
            oid, n = f"c{i}", Case.number(r["report_id"])
            options.append({"id": oid, "label": f"Report {n}: {r['sentence']}"})
            if r["source"]:
                accept.append(oid)
                said.append(f"{n} ({r['source_name']})")
                feedback[oid] = (
                    f"Read the sentence from report {n} again, to its end: does the report "
                    "say who the claim comes from? A name is somewhere to start."
                )
            else:
                feedback[oid] = (
                    f"Who says the claim from report {n}? Look for a name and a verb of "
                    "saying in its sentence. If there is none, the report itself is the "
                    "only source."
                )
        spec = {
            "id": f"{case.name}:lateral_sources",
            "skill_area": "lateral",
            "skill": "Find the claims you can trace to a source",
            "kind": "multiple_choice",
            "options": options,
            "prompt": "You want to leave the page and check these claims. Which of them give "
            "you a source to look up, someone the report says the claim comes from? "
            "Tick every one.",
            "hints": [
                "Look for a name and a verb of saying: “said”, “according to”, “reported”.",
                "A claim in the report's own voice names no one: there is no original to open.",
            ],
        }
        done = (
            f"Claims that name a source: {', '.join(said)}. The others are in the report's "
            "own voice: with no source named, there is no original to open first, only the "
            "claim's own words to search for."
        )
        out.append(_item(case, spec, {"accept": accept, "feedback": feedback, "done": done}))
    tally: dict[str, tuple[int, str, list[str]]] = {}
    for source, g in named.groupby("source", sort=False):
        label = (
            f"the {READOUT_NAMES[source]}" if source in READOUT_NAMES else g["source_name"].iloc[0]
        )
        tally[source] = (len(g), label, list(dict.fromkeys(g["report_id"])))
    most = max((t[0] for t in tally.values()), default=0)
    if len(tally) >= 2 and most >= 2 and any(t[0] < most for t in tally.values()):
        top = [s for s, t in tally.items() if t[0] == most]
        rest = sorted((s for s in tally if s not in top), key=lambda s: -tally[s][0])
        chosen = sorted(top + rest[: max(1, 5 - len(top))], key=lambda s: tally[s][1].lower())
        options = [{"id": f"s{i}", "label": tally[s][1]} for i, s in enumerate(chosen, 1)]
        ids = {s: o["id"] for s, o in zip(chosen, options, strict=True)}
        feedback = {
            ids[s]: (
                f"Count the claims the reports credit to {tally[s][1]}, then to each other "
                "source. One look-up checks every claim of the source you pick."
            )
            for s in chosen
            if s not in top
        }

        def reports(s: str) -> str:
            numbers = [Case.number(r) for r in tally[s][2]]
            if len(numbers) == 1:
                return f"report {numbers[0]}"
            return f"reports {', '.join(numbers[:-1])} and {numbers[-1]}"

        spec = {
            "id": f"{case.name}:lateral_first",
            "skill_area": "lateral",
            "skill": "Choose the source to check first",
            "kind": "single_choice",
            "options": options,
            "prompt": "You have time to look up one source only. Which one lets you check "
            "the most claims in these reports?",
            "hints": [
                "Count how many claims, in all the reports, each source is credited with.",
                "Two reports that credit the same source can be checked with one search.",
            ],
        }
        done = (
            " ".join(
                f"The reports credit {most} claims to {tally[s][1]} ({reports(s)})." for s in top
            )
            + " Its own statement, found once, settles all of them: start with the source "
            "that carries the most claims."
        )
        out.append(
            _item(case, spec, {"accept": [ids[s] for s in top], "feedback": feedback, "done": done})
        )
    return out


def evaluation_items(case: Case) -> list[Item]:
    """The two written tasks of the last chapter, scored by a person with the rubric of
    the book's own items (``evaluate_report`` and ``compare_reports``)."""
    from medialit.exercises import item

    out = []
    prompts = {
        "evaluate_report": (
            "Evaluate one report of this case under the five headings: origin, "
            "evidence, sources, framing, omissions. Write two or three sentences "
            "per heading and back each point with a short quote or a number "
            "from the tables. End with one sentence on what a reader can and "
            "cannot learn from this report."
        ),
        "compare_reports": (
            "Compare two reports of this case in about 150 words. Pick two that "
            "differ on at least two headings. Say where they agree, where they "
            "differ and what the difference means for a reader. Back each point "
            "with a quote or a number, and ask the same questions of both."
        ),
    }
    for book_id, prompt in prompts.items():
        try:
            book_item = item(book_id).spec
        except KeyError:
            continue
        rubric = book_item.get("rubric", {})
        spec = {
            "id": f"{case.name}:{book_id}",
            "skill_area": "evaluation",
            "skill": book_item["skill"],
            "kind": "free_text",
            "prompt": prompt,
            "rubric": rubric,
            "rubric_summary": "Check it against the rubric: "
            + " ".join(f"{level.capitalize()}: {text}" for level, text in rubric.items()),
            "hints": [
                (
                    "Start from the report's column of the profile table, then take "
                    "a quote for each heading from the earlier chapters."
                )
            ],
        }
        out.append(_item(case, spec, {}))
    return out


def case_items(case: Case) -> list[Item]:
    """All generic items for a case, skill by skill (a skill the data cannot support is
    left out rather than guessed)."""
    return [
        *provenance_items(case),
        *number_items(case),
        *conflict_items(case),
        *attribution_items(case),
        *lateral_items(case),
        *framing_items(case),
        *omission_items(case),
        *evaluation_items(case),
    ]


SKILLS = {
    "provenance": provenance_items,
    "numbers": number_items,
    "conflicts": conflict_items,
    "attribution": attribution_items,
    "lateral": lateral_items,
    "framing": framing_items,
    "omissions": omission_items,
    "evaluation": evaluation_items,
}


def chapter_items(case: Case, chapter: str) -> list[Item]:
    """The generic items of one book chapter (``origin``, ``numbers`` …) for a case."""
    return [
        it for skill, make in SKILLS.items() if CHAPTER_OF[skill][0] == chapter for it in make(case)
    ]


def show_exercises(case: Case, chapter: str, skill: str | None = None, fact: str | None = None):
    """The widgets of one chapter's generic items for a case (the case book's exercise
    cells), or of one skill of it, or of the items about one fact; a note when there are
    none."""
    import ipywidgets

    from medialit.exercises import show

    items = [
        it
        for it in chapter_items(case, chapter)
        if (skill is None or it.spec["skill_area"] == skill)
        and (fact is None or it.spec.get("fact") == fact)
    ]
    if not items:
        return ipywidgets.Label("This case has no data for these exercises.")
    return show(*items)


def show_skill(case: Case, skill: str):
    """The widgets of one generic skill for a case, or a note when its data cannot support
    that skill (e.g. a case with no page furniture)."""
    import ipywidgets

    from medialit.exercises import show

    items = SKILLS[skill](case)
    if not items:
        return ipywidgets.Label(f"This case has no data for the “{skill}” exercise.")
    return show(*items)
