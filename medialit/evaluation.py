"""Putting it together: one profile per report under five headings (origin, evidence,
sources, framing, omissions), gathered from the tables the earlier chapters build.

Nothing here is new analysis: each row calls the function of the chapter it comes from
(:mod:`medialit.origin`, :mod:`medialit.tables` and :mod:`medialit.discrepancy`,
:mod:`medialit.attribution`, :mod:`medialit.framing`, :mod:`medialit.omissions`), so a
change in the data shows up here too.

A case with only the four required tables gets the rows its data allow:

>>> import math
>>> from pathlib import Path
>>> ids = ["001-first", "002-second"]
>>> reports = pd.DataFrame({"report_id": ids, "body_words": [420, 180],
...                         "origin_clue": ["By our correspondent", "Source link"]})
>>> facts = pd.DataFrame({"fact": ["call_length", "hockey"], "unit": ["minutes", ""],
...                       "label": ["Call length", "Hockey games"],
...                       "kind": ["quantity", "mention"]})
>>> claims = pd.DataFrame({"report_id": [ids[0], ids[0], ids[1], ids[1]],
...                        "fact": ["call_length", "hockey", "call_length", "hockey"],
...                        "mentioned": [True, True, True, False],
...                        "value": [90.0, math.nan, 150.0, math.nan],
...                        "bound": ["at_least", "", "about", ""],
...                        "attribution": ["outlet", "outlet", "Kremlin", ""]})
>>> case = Case("toy", "A toy case", Path("."), reports=reports, furniture=pd.DataFrame(),
...             facts=facts, claims=claims)
>>> profile_table(case)  # doctest: +NORMALIZE_WHITESPACE
report                                                   001           002
heading   measure
origin    strongest clue                By our correspondent   Source link
evidence  call length                   more than 90 minutes   150 minutes
          figures given (of 1)                             1             1
          figures credited to a source                     0             1
sources   claims credited to a source                      0             1
          claims in its own voice                          2             0
omissions article words                                  420           180
          topics mentioned (of 1)                          1             0
          left out                                            Hockey games
"""

from __future__ import annotations

import pandas as pd

from medialit.attribution import SOURCES, source_crosstab, verb_table
from medialit.case import Case
from medialit.discrepancy import describe

HEADINGS = ("origin", "evidence", "sources", "framing", "omissions")
"""The five headings of an evaluation, in the order the book uses them."""


def _origin_kind(case: Case, rid: str) -> str:
    from medialit.origin import CLUE_KIND_NAMES

    clue = case.reports.set_index("report_id").loc[rid, "origin_clue"]
    clues = case.table("clues")
    kinds = clues.loc[(clues["report_id"] == rid) & (clues["clue"] == clue), "kind"]
    return CLUE_KIND_NAMES.get(kinds.iloc[0], kinds.iloc[0]) if len(kinds) else ""


def _figure(case: Case, claim: pd.Series) -> str:
    """A quantity claim in words with its hedge: 'more than 90 minutes', '30 days'. A plain
    and an 'about' figure are both written as the bare number (chapter 2 reads them alike:
    the figure give or take 10 %)."""
    unit = case.facts.set_index("fact").loc[claim["fact"], "unit"]
    said = describe(claim["value"], claim["bound"], unit=unit)
    return said.removeprefix("about ")


def _quantity_claims(case: Case, rid: str) -> pd.DataFrame:
    qfacts = case.facts.loc[case.facts["kind"] == "quantity", "fact"]
    c = case.claims
    return c[(c["report_id"] == rid) & c["fact"].isin(qfacts)]


def _main_figure(case: Case) -> str | None:
    """The figure the evidence row names: the first quantity fact measured in time (the
    call length of the default case), else the first quantity fact."""
    q = case.facts[case.facts["kind"] == "quantity"]
    timed = q[q["unit"].isin(["minutes", "hours", "days"])]
    return (timed if len(timed) else q)["fact"].iloc[0] if len(q) else None


def profile_table(case: Case) -> pd.DataFrame:
    """All reports side by side under the five headings: rows are (heading, measure),
    columns the three-digit report numbers. Read down a column for one report's profile,
    across a row to compare the reports on one point.

    * origin: the kind of the strongest clue to the text's origin;
    * evidence: the call length as stated (another case: its first duration, else its first
      quantity), how many of the four figures (call length,
      ceasefire length, prisoners, wounded soldiers) the report gives, and how many of
      those it credits to a source;
    * sources: attributed statements counted, and the share (%) from each kind of source;
      loaded reporting verbs;
    * framing: the dominant frame of headline and lead, loaded phrases in the report's own
      voice and in quotes;
    * omissions: the article's length in words (a short text has less room) and how many
      of the topics annotated for every report it mentions.

    A case without some of these tables (another teacher's case) gets the rows its data
    allow: the origin clue as written, and who its claims credit instead of the
    attribution shares.
    """
    from medialit.framing import dominant_frames, loaded_counts
    from medialit.omissions import omission_matrix

    reports = case.report_numbers
    has = {
        t: t in case.tables and not case.table(t).empty
        for t in ("clues", "attributions", "loaded_words", "frames")
    }
    rows: dict[tuple[str, str], list] = {}
    rows[("origin", "strongest clue")] = [
        _origin_kind(case, r)
        if has["clues"]
        else case.reports.set_index("report_id").loc[r, "origin_clue"]
        for r in case.report_ids
    ]
    length, given, credited = [], [], []
    main = _main_figure(case)
    for rid in case.report_ids:
        q = _quantity_claims(case, rid)
        call = q[q["fact"] == main]
        length.append(
            _figure(case, call.iloc[0]) if len(call) and call.iloc[0]["mentioned"] else "not given"
        )
        given.append(int(q["mentioned"].sum()))
        credited.append(int((q["mentioned"] & (q["attribution"] != "outlet")).sum()))
    if main is not None:
        nq = int((case.facts["kind"] == "quantity").sum())
        labels = dict(zip(case.facts["fact"], case.facts["label"], strict=False))
        rows[("evidence", str(labels.get(main, "main figure")).lower())] = length
        rows[("evidence", f"figures given (of {nq})")] = given
        rows[("evidence", "figures credited to a source")] = credited
    if has["attributions"]:
        counts = source_crosstab(case)
        shares = source_crosstab(case, normalize=True)
        verbs = verb_table(case)
        rows[("sources", "statements counted")] = [int(counts.loc[r, "total"]) for r in reports]
        for label in SOURCES.values():
            if label in shares.columns:  # a code the case does not use may have no column
                rows[("sources", f"{label} %")] = [int(shares.loc[r, label]) for r in reports]
        rows[("sources", "loaded reporting verbs")] = [
            int(verbs.loc[(verbs["report"] == r) & (verbs["kind"] == "loaded"), "count"].sum())
            for r in reports
        ]
    else:  # no attributions table: who the claims credit
        claimed = case.claims[case.claims["mentioned"]]
        own = claimed["attribution"] == "outlet"
        rows[("sources", "claims credited to a source")] = [
            int(((claimed["report_id"] == r) & ~own).sum()) for r in case.report_ids
        ]
        rows[("sources", "claims in its own voice")] = [
            int(((claimed["report_id"] == r) & own).sum()) for r in case.report_ids
        ]
    if has["frames"]:
        frames = dominant_frames(case)["frame"]
        if set(reports) <= set(frames.index):
            rows[("framing", "dominant frame")] = [frames.get(r, "") for r in reports]
    if has["loaded_words"]:
        loaded = loaded_counts(case)
        rows[("framing", "loaded phrases, own voice")] = [
            int(loaded.loc[r, "outlet"]) for r in reports
        ]
        rows[("framing", "loaded phrases, quoted")] = [
            int(loaded.loc[r, "quoted"]) for r in reports
        ]
        rows[("framing", "loaded phrases per 1,000 words")] = [
            float(loaded.loc[r, "per 1,000 words"]) for r in reports
        ]
    words = dict(
        zip(case.reports["report_id"].map(Case.number), case.reports["body_words"], strict=False)
    )
    rows[("omissions", "article words")] = [int(words[r]) for r in reports]
    topics = omission_matrix(case)
    if len(topics):
        rows[("omissions", f"topics mentioned (of {len(topics)})")] = [
            int(topics[r].sum()) for r in reports
        ]
        rows[("omissions", "left out")] = [", ".join(topics.index[~topics[r]]) for r in reports]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=reports)
    table.index = pd.MultiIndex.from_tuples(table.index, names=["heading", "measure"])
    table.columns.name = "report"
    return table


def report_profile(case: Case, report: str) -> pd.DataFrame:
    """One report under the five headings, with the evidence to quote: columns
    ``heading``, ``point`` and ``detail`` (verbatim quotes where the point rests on words
    of the report). ``report`` is the full id or the three-digit number."""
    from medialit.framing import dominant_frames, loaded_words_table
    from medialit.omissions import omission_matrix

    rid = case.resolve(report)
    n = Case.number(rid)
    r = case.reports.set_index("report_id").loc[rid]
    rows = [
        ("origin", "what the text shows", r["origin"]),
        ("origin", "strongest clue", f"{r['origin_clue']} ({_origin_kind(case, rid)})"),
    ]
    labels = dict(zip(case.facts["fact"], case.facts["label"], strict=False))
    for _, c in _quantity_claims(case, rid).iterrows():
        if c["mentioned"]:
            detail = f"{_figure(case, c)}: {c['quote']} [source: {c['source_name']}]"
        else:
            detail = "not given"
        rows.append(("evidence", labels[c["fact"]], detail))
    counts = source_crosstab(case).loc[n]
    total = int(counts["total"])
    parts = [f"{lab} {int(counts[lab])}" for lab in SOURCES.values() if counts.get(lab, 0)]
    rows.append(("sources", "statements counted", f"{total}: " + ", ".join(parts)))
    verbs = verb_table(case)
    verbs = verbs[(verbs["report"] == n) & (verbs["kind"] != "neutral")]
    rows.append(
        (
            "sources",
            "reporting verbs that do more than report",
            ", ".join(f"{v} ({k})" for v, k in zip(verbs["verb"], verbs["kind"], strict=False))
            or "none",
        )
    )
    dom = dominant_frames(case).loc[n]
    rows.append(("framing", "dominant frame", f"{dom['frame']}: {dom['evidence']}"))
    for whose, label in (
        ("outlet", "loaded phrases, own voice"),
        ("quoted", "loaded phrases, quoted"),
    ):
        phrases = loaded_words_table(case, n, whose=whose)["quote"].tolist()
        rows.append(
            ("framing", label, f"{len(phrases)}: " + "; ".join(phrases) if phrases else "0")
        )
    topics = omission_matrix(case)[n]
    rows.append(("omissions", "topics left out", ", ".join(topics.index[~topics]) or "none"))
    rows.append(("omissions", "topics mentioned", ", ".join(topics.index[topics]) or "none"))
    return pd.DataFrame(rows, columns=["heading", "point", "detail"])
