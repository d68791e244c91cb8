"""Who says so? Attribution tables: whose statement each claim is, and the reporting verb.

All functions read the case's ``attributions`` table (one row per attributed statement
about the call, its results and reactions; see ``data/datapackage.json``). A sentence that
names two sources (say "the White House and the Kremlin") has one row per source.

>>> from medialit import load_case
>>> case = load_case()
>>> int(source_crosstab(case).loc["000", "Kremlin"])
8
>>> verb_kind("trumpeted"), verb_kind("said")
('loaded', 'neutral')
"""

from __future__ import annotations

import pandas as pd

from medialit.case import Case

SOURCES = {
    "white_house": "White House",
    "kremlin": "Kremlin",
    "official": "named official",
    "analyst": "analyst",
    "media": "other media",
    "outlet": "report itself",
}
"""Source codes of the attributions table, in display order, with the column label used in
tables: the White House or its readout; the Kremlin, its readout, or 'Russia'/'Moscow' as a
speaker; a named official or government body; an analyst; other media; the report's own
voice with no source."""

SOURCE_COLOURS = {
    "white_house": "#3b6fb6", "kremlin": "#c0392b", "official": "#8e6bb8",
    "analyst": "#3a9a5b", "media": "#d4a13a", "outlet": "#b8b8b8",
}

VERB_KINDS = {
    # neutral: says only that words were said (or written, or published)
    "said": "neutral", "has said": "neutral", "had said": "neutral", "told": "neutral",
    "according to": "neutral", "reported": "neutral", "added": "neutral",
    "has announced": "neutral", "is that": "neutral", "mentioned in": "neutral",
    "indicates": "neutral", "spoke of": "neutral", "described": "neutral", "stated": "neutral",
    "wrote": "neutral",
    # describes: names the kind of statement (a demand, a warning, an accusation, praise).
    # Fair when the quoted words fit, so check them; 'noted', 'pointed at' and 'underlined'
    # also hint that the point is simply true.
    "a call from": "describes", "demands": "describes", "reiterates": "describes",
    "thanks": "describes", "emphasized": "describes", "outlined": "describes",
    "linked": "describes", "echoed": "describes", "denied": "describes",
    "warning": "describes", "has warned": "describes", "has accused": "describes",
    "has also accused": "describes", "has rejected": "describes", "firmly reject": "describes",
    "did not rule out": "describes", "underlined": "describes", "noted": "describes",
    "pointed at": "describes", "praised": "describes", "joked": "describes",
    "cast": "describes", "has made it clear": "describes", "reaffirmed": "describes",
    # loaded: adds the writer's judgement of how or why it was said (loud, boastful,
    # enthusiastic, bitter) or casts doubt on it
    "trumpeted": "loaded", "hailed": "loaded", "deplored": "loaded", "claimed": "loaded",
    "boasted": "loaded", "bragged": "loaded", "touted": "loaded", "insisted": "loaded",
    "admitted": "loaded", "conceded": "loaded", "gloated": "loaded",
    # hedge: no source named at all
    "reportedly": "hedge",
}
"""A small hand-made list for this book's reports, not a dictionary of English.

* **neutral**: the verb only says that words were said ("said", "according to");
* **describes**: it names the kind of statement ("demands", "warning", "praised"). That is
  fair when the quoted words fit, so check them against the quote;
* **loaded**: it adds the writer's judgement of *how* or *why* something was said
  ("trumpeted": loud boasting; "hailed": enthusiasm; "deplored": bitter disapproval;
  "claimed": doubt);
* **hedge**: "reportedly" names no source at all.
"""

KINDS = ("neutral", "describes", "loaded", "hedge", "not in list")


def verb_kind(verb: str) -> str:
    """The kind of a reporting verb from :data:`VERB_KINDS` (case and spaces ignored);
    ``'not in list'`` for a verb the list does not know, ``''`` for no verb (the report's
    own voice).

    >>> verb_kind(" According to"), verb_kind("hailed"), verb_kind("whispered"), verb_kind("")
    ('neutral', 'loaded', 'not in list', '')
    """
    v = " ".join(str(verb).lower().split())
    if not v:
        return ""
    return VERB_KINDS.get(v, "not in list")


def _attributions(case: Case) -> pd.DataFrame:
    a = case.table("attributions").copy()
    a["report"] = a["report_id"].str[:3]
    a["words"] = a["quote"].str.split().str.len()
    return a


def source_crosstab(case: Case, normalize: bool = False, weight: str = "statements") -> pd.DataFrame:
    """Reports (rows, by number) × sources (columns, in :data:`SOURCES` order).

    ``weight="statements"`` counts attributed statements; ``weight="words"`` adds up the
    words of their quotes instead, so a long quote weighs more than a short one.
    With ``normalize=True`` each row becomes whole percentages of that report's total
    (rounded, so a row may add up to 99 or 101); otherwise a ``total`` column is added.

    >>> from medialit import load_case
    >>> shares = source_crosstab(load_case(), normalize=True)
    >>> int(shares.loc["003", "analyst"]), int(shares.loc["003", "Kremlin"])
    (29, 9)
    """
    if weight not in ("statements", "words"):
        raise ValueError("weight must be 'statements' or 'words'")
    a = _attributions(case)
    reports = [r[:3] for r in case.report_ids]
    if weight == "statements":
        table = pd.crosstab(a["report"], a["source"])
    else:
        table = a.pivot_table(index="report", columns="source", values="words", aggfunc="sum",
                              fill_value=0)
    table = table.reindex(index=reports, columns=list(SOURCES), fill_value=0).astype(int)
    if normalize:
        totals = table.sum(axis=1).replace(0, 1)  # a report with no rows stays all zeros
        table = (100 * table.div(totals, axis=0)).round().astype(int)
    else:
        table["total"] = table.sum(axis=1)
    table = table.rename(columns=SOURCES)
    table.index.name = "report"
    table.columns.name = None
    return table


def attributions_for(case: Case, report_id: str) -> pd.DataFrame:
    """One report's attributed statements in text order: the quote, whose statement it is
    (source and the name the report uses) and the reporting verb with its kind.
    ``report_id`` may be the full id or its three-digit number."""
    a = _attributions(case)
    rows = a[(a["report_id"] == report_id) | (a["report"] == report_id)]
    if rows.empty:
        raise KeyError(f"no attributions for report {report_id!r}")
    text = case.text(rows["report_id"].iloc[0])
    rows = rows.assign(at=[text.find(q) for q in rows["quote"]]).sort_values("at", kind="stable")
    return pd.DataFrame({
        "quote": rows["quote"].to_numpy(),
        "source": rows["source"].map(SOURCES).to_numpy(),
        "as named": rows["source_name"].to_numpy(),
        "verb": rows["verb"].to_numpy(),
        "verb kind": [verb_kind(v) for v in rows["verb"]],
    })


def verb_table(case: Case) -> pd.DataFrame:
    """Every reporting verb of every report with how often the report uses it and its kind
    (neutral / describes / loaded / hedge, from :data:`VERB_KINDS`). Sorted by report, then
    kind (neutral first), then most used.

    ``count`` counts *uses*: statements whose quote holds the verb. A sentence that only
    continues a quote ("it said" in the sentence before) is not counted again, nor is one
    sentence listed twice for two sources. Statements in the report's own voice have no verb.

    >>> from medialit import load_case
    >>> verbs = verb_table(load_case())
    >>> verbs[verbs.kind == "loaded"][["report", "verb"]].values.tolist()
    [['000', 'trumpeted'], ['003', 'deplored'], ['003', 'hailed']]
    """
    a = _attributions(case)
    a = a[a["verb"].str.strip() != ""]
    used = [v.lower() in q.lower() for v, q in zip(a["verb"], a["quote"])]
    a = a[used].drop_duplicates(["report", "quote", "verb"])
    counts = a.groupby(["report", "verb"]).size().rename("count").reset_index()
    counts["kind"] = counts["verb"].map(verb_kind)
    order = {k: i for i, k in enumerate(KINDS)}
    counts = counts.assign(_k=counts["kind"].map(order)).sort_values(
        ["report", "_k", "count", "verb"], ascending=[True, True, False, True], kind="stable")
    return counts[["report", "verb", "kind", "count"]].reset_index(drop=True)


def verb_kinds(case: Case) -> pd.DataFrame:
    """How many reporting verbs of each kind each report uses (reports × kinds, counted as
    in :func:`verb_table`; kinds no report uses are left out).

    >>> from medialit import load_case
    >>> verb_kinds(load_case()).loc["003"].to_dict()
    {'neutral': 15, 'describes': 12, 'loaded': 2, 'hedge': 0}
    """
    v = verb_table(case)
    table = v.pivot_table(index="report", columns="kind", values="count", aggfunc="sum",
                          fill_value=0)
    table = table.reindex(index=[r[:3] for r in case.report_ids],
                          columns=[k for k in KINDS if k in set(v["kind"])], fill_value=0)
    table.columns.name = None
    return table.astype(int)


def unsourced(case: Case, report_id: str | None = None) -> pd.DataFrame:
    """Statements a report makes in its own voice, with no source (``source == 'outlet'``),
    with the annotator's note; all reports, or one (full id or three-digit number)."""
    a = _attributions(case)
    a = a[a["source"] == "outlet"]
    if report_id is not None:
        a = a[(a["report_id"] == report_id) | (a["report"] == report_id)]
    return a[["report", "quote", "note"]].reset_index(drop=True)


def plot_source_shares(case: Case, ax=None, weight: str = "statements", title: str | None = None):
    """A stacked horizontal bar per report: the share of its attributed statements (or of
    their words, ``weight="words"``) that comes from each source. Shares of 8 % or more are
    written on the bar. Returns the matplotlib Axes."""
    import matplotlib.pyplot as plt

    shares = source_crosstab(case, normalize=True, weight=weight)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.55 * len(shares) + 1.8))
    rows = list(shares.index)[::-1]  # first report at the top
    left = [0.0] * len(rows)
    for code, label in SOURCES.items():
        values = [float(shares.loc[r, label]) for r in rows]
        ax.barh(rows, values, left=left, color=SOURCE_COLOURS[code], label=label,
                edgecolor="white", height=0.65)
        for y, (x0, v) in enumerate(zip(left, values)):
            if v >= 8:
                ax.text(x0 + v / 2, y, f"{v:.0f}", ha="center", va="center", fontsize=9,
                        color="black" if code in ("outlet", "media") else "white")
        left = [x0 + v for x0, v in zip(left, values)]
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"% of the report's attributed {'statements' if weight == 'statements' else 'words'}")
    ax.set_ylabel("report")
    ax.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    if title:
        ax.set_title(title)
    ax.figure.tight_layout()
    return ax
