"""Tables the book and notebooks show, built in one place from a case."""

from __future__ import annotations

import pandas as pd

from medialit.case import Case
from medialit.discrepancy import claim_intervals


def report_overview(case: Case) -> pd.DataFrame:
    """The reports side by side: headline, article length, share of page furniture and the
    clue to each text's origin. Indexed by the three-digit report number."""
    r = case.reports
    return pd.DataFrame(
        {
            "report": r["report_id"].map(Case.number),
            "headline": r["headline"].replace("", "(none: the text starts with the story)"),
            "article words": r["body_words"],
            "page furniture": (100 * r["furniture_chars"] / r["text"].str.len())
            .round()
            .astype(int)
            .astype(str)
            + " %",
            "clue to its origin": r["origin_clue"],
        }
    ).set_index("report")


def fact_table(case: Case, fact: str, tolerance: float | None = None) -> pd.DataFrame:
    """What every report says about one fact: its quote, whose statement it is and, for
    quantities, the value, hedge and the range it allows (reading 'about' with
    ``tolerance``, by default the fact's own: facts.csv, else 10 %). Indexed by report
    number."""
    claims = case.fact_claims(fact)
    out = pd.DataFrame(
        {
            "report": claims["report_id"].map(Case.number),
            "quote": claims["quote"].where(claims["mentioned"], "(not mentioned)"),
            "whose statement": claims["source_name"].where(claims["mentioned"], ""),
        }
    )
    kind, unit = case.facts.set_index("fact").loc[fact, ["kind", "unit"]]
    if kind == "quantity":
        iv = claim_intervals(claims, tolerance, unit)
        out["value"] = claims["value"]
        out["bound"] = claims["bound"].fillna("")
        out["lowest"] = iv["lowest"]
        out["highest"] = iv["highest"]
    elif kind == "wording":
        out["wording"] = claims["value_text"]
    return out.set_index("report")


def quantities_table(case: Case, kind: str | None = "duration") -> pd.DataFrame:
    """Every quantity :func:`medialit.extract_quantities` finds in the clean article texts,
    one row each, with the report number in front. ``kind=None`` keeps counts too."""
    from medialit.quantities import extract_quantities

    rows = [
        {"report": Case.number(rid), **q.to_dict()}
        for rid, text in zip(case.reports["report_id"], case.reports["clean_text"], strict=False)
        for q in extract_quantities(text)
        if kind is None or q.kind == kind
    ]
    columns = [
        "report",
        "text",
        "stated_value",
        "stated_unit",
        "kind",
        "unit",
        "value",
        "bound",
        "low",
        "high",
        "measure",
    ]
    return pd.DataFrame(rows).reindex(columns=columns)


def keyword_in_context(
    case: Case, pattern: str, width: int = 70, clean: bool = True
) -> pd.DataFrame:
    """Every match of a regular expression (case-insensitive) in every report, with the
    words around it: a quick way to read all reports' sentences about one thing.

    >>> from pathlib import Path
    >>> text = "Hockey talk\\nThey spoke of ice hockey games between the two countries."
    >>> case = Case("toy", "A toy case", Path("."),
    ...             reports=pd.DataFrame({"report_id": ["001-a"], "clean_text": [text]}),
    ...             furniture=pd.DataFrame(), facts=pd.DataFrame(), claims=pd.DataFrame())
    >>> keyword_in_context(case, r"hockey", width=12).values.tolist()
    [['001', '', 'Hockey', ' talk'], ['001', 'poke of ice ', 'hockey', ' games betwe']]
    """
    import re

    rx = re.compile(pattern, re.IGNORECASE)
    rows = []
    col = "clean_text" if clean else "text"
    for rid, text in zip(case.reports["report_id"], case.reports[col], strict=False):
        for m in rx.finditer(text):
            before = text[max(0, m.start() - width) : m.start()].split("\n")[-1]
            after = text[m.end() : m.end() + width].split("\n")[0]
            rows.append(
                {"report": Case.number(rid), "before": before, "match": m.group(0), "after": after}
            )
    return pd.DataFrame(rows, columns=["report", "before", "match", "after"])
