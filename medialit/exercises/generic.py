"""Exercises that work on ANY valid case, with keys taken from its data.

>>> from medialit import load_case
>>> items = case_items(load_case())
>>> sorted({i.spec["skill_area"] for i in items})
['attribution', 'conflicts', 'numbers', 'omissions', 'provenance']

Four skills carry over to a new event without writing a single answer key: where a text
came from (page furniture), a figure and its hedge in every report, which reports truly
conflict, whose statement a passage is, and what each report leaves out. An instructor's
own case (``python -m medialit new-case``) gets them by changing one parameter: the case.
"""

from __future__ import annotations

from itertools import combinations

from medialit.case import Case
from medialit.discrepancy import DEFAULT_TOLERANCE, compare_claims
from medialit.exercises import Item
from medialit.exercises.compile import (
    _UNIT_MINUTES,
    _attach,
    _paragraph,
    short,
)

SOURCE_LABELS = {"white_house": "a government (official readout)", "kremlin": "a government (official readout)",
                 "official": "a named official", "analyst": "an analyst or expert",
                 "media": "other media", "outlet": "the report itself (no source given)"}
_LABELS = [{"id": "official_statement", "label": "a government's official statement"},
           {"id": "official", "label": "a named official"},
           {"id": "analyst", "label": "an analyst or expert"},
           {"id": "media", "label": "other media"},
           {"id": "outlet", "label": "the report itself (no source given)"}]
_SOURCE_TO_LABEL = {"white_house": "official_statement", "kremlin": "official_statement",
                    "official": "official", "analyst": "analyst", "media": "media", "outlet": "outlet"}
MAX_SEGMENTS = 6


def _item(case: Case, spec: dict, key: dict) -> Item:
    spec = {"chapter": "any-case", "chapter_number": 0, "key": None, "derived": key, **spec}
    _attach(spec, key, case)
    return Item(spec)


def duration_fact(case: Case) -> str | None:
    """The first quantity fact measured in time (minutes, hours or days), if any."""
    facts = case.facts
    time_facts = facts[(facts["kind"] == "quantity") & facts["unit"].isin(list(_UNIT_MINUTES))]
    return None if time_facts.empty else time_facts.iloc[0]["fact"]


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
    picked = furniture[:MAX_SEGMENTS // 2] + article[1:1 + MAX_SEGMENTS - min(len(furniture), MAX_SEGMENTS // 2)]
    segments = [{"id": f"p{i}", "text": _paragraph(case, rid, line[:40])} for i, line in enumerate(picked, 1)]
    spec = {"id": f"{case.name}:provenance", "skill_area": "provenance",
            "skill": "Separate the article from the page around it", "kind": "labelling",
            "report": rid, "segments": segments,
            "labels": [{"id": "article", "label": "article"}, {"id": "furniture", "label": "page furniture"}],
            "prompt": f"Report {short(rid)}: is each passage part of the article, or page furniture "
                      "(ads, boxes, captions, links, other stories)?",
            "hints": ["Ask of each passage: does it tell this story, or is it about the page or other stories?"]}
    return [_item(case, spec, {"from_furniture": True, "done": (
        "Page furniture is everything on the page that is not the story: appeals, boxes, "
        "captions, links and teasers for other stories. Removing it is the first step of any "
        "comparison.")})]


def _covered(spans, start: int, length: int) -> int:
    """How many characters of ``text[start:start + length]`` lie inside furniture spans."""
    end = start + length
    return int(sum(max(0, min(end, e) - max(start, b))
                   for b, e in zip(spans["start"], spans["end"], strict=True)))


def number_items(case: Case) -> list[Item]:
    """One item per report: the figure it gives for the case's time quantity, and its hedge."""
    fact = duration_fact(case)
    if fact is None:
        return []
    label = case.facts.set_index("fact").loc[fact, "label"]
    out = []
    for rid in case.report_ids:
        spec = {"id": f"{case.name}:{fact}_{short(rid)}", "skill_area": "numbers",
                "skill": "Read a figure and how it is hedged", "kind": "duration", "report": rid,
                "prompt": f"Report {short(rid)}: what does it say about the {str(label).lower()}?",
                "hints": ["Search the report for the unit words (hour, minute, day).",
                          "Read the words just before the number: “more than”, “about”, “nearly”."]}
        out.append(_item(case, spec, {"from_claims": fact}))
    return out


def conflict_items(case: Case) -> list[Item]:
    """Which pairs of reports truly conflict about the time quantity (10 % for 'about')."""
    fact = duration_fact(case)
    if fact is None or len(case.report_ids) < 2:
        return []
    label = case.facts.set_index("fact").loc[fact, "label"]
    pairs = compare_claims(case.fact_claims(fact), DEFAULT_TOLERANCE)
    conflicts = [f"{short(a)}-{short(b)}" for a, b, v in
                 zip(pairs["report_a"], pairs["report_b"], pairs["verdict"]) if v == "conflict"]
    spec = {"id": f"{case.name}:{fact}_conflicts", "skill_area": "conflicts",
            "skill": "Tell a real conflict from a difference in wording", "kind": "multiple_choice",
            "options": [{"id": f"{short(a)}-{short(b)}", "label": f"{short(a)} and {short(b)}"}
                        for a, b in combinations(case.report_ids, 2)],
            "prompt": f"Which pairs of reports truly conflict about the {str(label).lower()}? "
                      "Tick every pair that cannot both be right (read “about” as give or take 10 %).",
            "hints": ["Turn each claim into a range first.", "A report that gives no figure conflicts with nothing."]}
    reasoning = (f"Conflicting pairs: {', '.join(conflicts) or 'none'}. Each claim allows a range "
                 "(“more than X”: X and up; a plain or “about” figure: X give or take 10 %); two "
                 "claims conflict only when their ranges do not overlap.")
    return [_item(case, spec, {"conflicts": conflicts, "fact": fact, "reasoning": reasoning})]


def attribution_rows(case: Case):
    """The attributed statements of a case: its attributions table, or, where that is
    missing or empty, the claims' own ``attribution`` column (each mentioned claim's quote
    and who the report credits it to)."""
    import pandas as pd

    table = case.table("attributions") if "attributions" in case.tables else None
    if table is None or table.empty:
        claims = case.claims[case.claims["mentioned"].astype(bool)]
        table = pd.DataFrame({"report_id": claims["report_id"], "quote": claims["quote"],
                              "source": claims["attribution"]})
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
    ids = sorted({short(r) for r in report_ids})
    if len(ids) == 1:
        return f"(They all come from report {ids[0]}.)"
    return f"(They come from reports {', '.join(ids[:-1])} and {ids[-1]}.)"


def attribution_items(case: Case) -> list[Item]:
    """Whose statement is each passage: up to six attributed statements, one per source,
    from the attributions table or the claims (see :func:`attribution_rows`)."""
    picked = _one_per_source(attribution_rows(case))
    if len(picked) < 2:
        return []
    segments = [{"id": f"s{i}", "text": q} for i, q in enumerate(picked["quote"], 1)]
    accept = {f"s{i}": _SOURCE_TO_LABEL[s] for i, s in enumerate(picked["source"], 1)}
    feedback = {f"s{i}": (f"Look for who is named near this passage: the report attributes it to "
                          f"{SOURCE_LABELS[s].split(' (')[0]}." if s != "outlet" else
                          "No source is named for this statement: the report says it in its own voice.")
                for i, s in enumerate(picked["source"], 1)}
    spec = {"id": f"{case.name}:attribution", "skill_area": "attribution",
            "skill": "Say whose statement a passage is", "kind": "labelling",
            "segments": segments, "labels": _LABELS,
            "prompt": f"Whose statement is each passage? {_from_reports(picked['report_id'])}",
            "hints": ["Look for a name and a verb of saying: “said”, “according to”, “told”."]}
    return [_item(case, spec, {"accept": accept, "feedback": feedback, "done": (
        "Finding the source of each statement is how you see which side a report leans on: "
        "a report can be accurate and still tell the story mostly in one side's words.")})]


def omission_items(case: Case) -> list[Item]:
    """Per report: which of the case's 'mention' topics it mentions (the omission matrix)."""
    facts = case.facts[case.facts["kind"] == "mention"]
    if facts.empty:
        return []
    options = [{"id": f, "label": lab} for f, lab in zip(facts["fact"], facts["label"])]
    out = []
    for rid in case.report_ids:
        spec = {"id": f"{case.name}:mentions_{short(rid)}", "skill_area": "omissions",
                "skill": "Notice what a report leaves out", "kind": "multiple_choice",
                "report": rid, "options": options,
                "prompt": f"Report {short(rid)}: which of these topics does it mention?",
                "hints": ["Use keyword_in_context to search all reports for each topic."]}
        out.append(_item(case, spec, {"mentions_from_claims": True}))
    return out


def case_items(case: Case) -> list[Item]:
    """All generic items for a case, skill by skill (a skill the data cannot support is
    left out rather than guessed)."""
    return [*provenance_items(case), *number_items(case), *conflict_items(case),
            *attribution_items(case), *omission_items(case)]


SKILLS = {"provenance": provenance_items, "numbers": number_items, "conflicts": conflict_items,
          "attribution": attribution_items, "omissions": omission_items}


def show_skill(case: Case, skill: str):
    """The widgets of one generic skill for a case, or a note when its data cannot support
    that skill (e.g. a case with no page furniture)."""
    import ipywidgets

    from medialit.exercises import show

    items = SKILLS[skill](case)
    if not items:
        return ipywidgets.Label(f"This case has no data for the “{skill}” exercise.")
    return show(*items)
