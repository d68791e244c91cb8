"""The answer key in readable form, for instructors (never part of the student edition).

>>> key = answer_key_table("numbers")
>>> key.loc["prisoners_total", "accepted answer"]
'350'
"""

from __future__ import annotations

import pandas as pd

from medialit.case import Case, load_case
from medialit.discrepancy import describe
from medialit.exercises import catalog
from medialit.exercises.compile import answer_key


def _labels(options: list[dict], ids) -> str:
    by_id = {o["id"]: o.get("label", o.get("text", o["id"])) for o in options}
    ids = ids if isinstance(ids, list) else [ids]
    return " / ".join(str(by_id.get(i, i)) for i in ids)


def accepted_answer(spec: dict, key: dict, case: Case) -> str:
    """The accepted answer of one item in words."""
    kind = spec["kind"]
    if kind == "free_text":
        return "scored with the rubric (see the exemplar)"
    if "from_claims" in key:
        c = case.claim(spec["report"], key["from_claims"])
        return describe(c["value"], c["bound"]) if c["mentioned"] else "not stated"
    if "conflicts" in key:
        return "conflicting pairs: " + ", ".join(key["conflicts"])
    if key.get("mentions_from_claims"):
        said = [
            o["label"] for o in spec["options"] if case.claim(spec["report"], o["id"])["mentioned"]
        ]
        return "mentions: " + (", ".join(said) or "none")
    if key.get("from_furniture"):
        return "article/furniture as marked in data/furniture.csv"
    accept = key["accept"]
    if kind == "single_choice":
        return _labels(spec["options"], accept)
    if kind == "multiple_choice":
        return "tick: " + _labels(spec["options"], accept)
    if kind == "span_marking":
        return "mark: " + " / ".join(accept)
    if kind == "labelling":
        labels = {lab["id"]: lab["label"] for lab in spec["labels"]}
        return "; ".join(
            f"{seg}: {' or '.join(labels[x] for x in (v if isinstance(v, list) else [v]))}"
            for seg, v in accept.items()
        )
    return str(accept)


def answer_key_table(chapter: str | None = None, case: Case | None = None) -> pd.DataFrame:
    """One row per item of a chapter (or all): its prompt, the accepted answer and the
    reasoning (or the exemplar for free text). Indexed by item id."""
    case = case or load_case()
    key = answer_key()
    rows = []
    for it in catalog(chapter):
        entry = key[it.spec["key"]]
        reasoning = entry.get("done") or entry.get("reasoning") or entry.get("exemplar", "")
        if isinstance(reasoning, dict):
            reasoning = " | ".join(f"{k}: {v}" for k, v in reasoning.items())
        if entry.get("mentions_from_claims") or entry.get("from_furniture"):
            reasoning = (
                reasoning
                or "From the data (claims.csv / furniture.csv): see each row's quote and note."
            )
        if "from_claims" in entry:
            c = case.claim(it.spec["report"], entry["from_claims"])
            reasoning = f"“{c['quote']}” {c['note']}" if c["mentioned"] else c["note"]
        rows.append(
            {
                "item": it.id,
                "prompt": it.prompt,
                "accepted answer": accepted_answer(it.spec, entry, case),
                "reasoning": " ".join(str(reasoning).split()),
            }
        )
    return pd.DataFrame(rows, columns=["item", "prompt", "accepted answer", "reasoning"]).set_index(
        "item"
    )


def answer_key_html(chapter: str | None = None, case: Case | None = None) -> str:
    """The answer key of a chapter as a full-width HTML table (every text escaped). The
    instructor edition shows it after each chapter through the ``answer-key`` directive
    (``medialit.sphinxext``)."""
    table = answer_key_table(chapter, case).reset_index()
    return table.to_html(index=False, escape=True, classes="ml-answer-key", border=0)
