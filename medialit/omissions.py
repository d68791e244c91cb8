"""What is missing? Which topics each report mentions, read from the annotated claims.

Every report has one row per fact in ``claims.csv``, with ``mentioned`` true or false (and,
when false, a note on what was searched). For the ``mention`` facts (hockey, Kursk, the
Zaporizhzhia plant, strikes right after the call...) that row *is* the answer to "does the
report mention this?". This module turns those rows into an omission matrix, a heatmap
and short summaries per topic and per report.

>>> from pathlib import Path
>>> ids = ["001-first", "002-second"]
>>> facts = pd.DataFrame({"fact": ["hockey", "kursk"], "label": ["Hockey games", "Kursk"],
...                       "kind": ["mention", "mention"]})
>>> claims = pd.DataFrame({"report_id": [ids[0], ids[0], ids[1], ids[1]],
...                        "fact": ["hockey", "kursk", "hockey", "kursk"],
...                        "mentioned": [True, False, True, True]})
>>> case = Case("toy", "A toy case", Path("."), reports=pd.DataFrame({"report_id": ids}),
...             furniture=pd.DataFrame(), facts=facts, claims=claims)
>>> omission_matrix(case)  # doctest: +NORMALIZE_WHITESPACE
report          001   002
topic
Hockey games   True  True
Kursk         False  True
"""

from __future__ import annotations

import pandas as pd

from medialit.case import Case


def mention_facts(case: Case) -> list[str]:
    """The ids of the case's ``mention`` facts, in ``facts.csv`` order."""
    return case.facts.loc[case.facts["kind"] == "mention", "fact"].tolist()


def omission_matrix(case: Case, facts: list[str] | None = None) -> pd.DataFrame:
    """Topics × reports: True where the report mentions the topic, False where it does not.

    ``facts`` picks and orders the topics (fact ids; default: every ``mention`` fact). Rows
    are the facts' readable labels (index name ``topic``), columns the three-digit report
    numbers (name ``report``). The values come straight from ``claims.csv``.
    """
    facts = mention_facts(case) if facts is None else list(facts)
    unknown = [f for f in facts if f not in set(case.facts["fact"])]
    if unknown:
        raise KeyError(f"unknown fact(s) {unknown}; known: {', '.join(case.facts['fact'])}")
    table = (
        case.claims[case.claims["fact"].isin(facts)]
        .pivot(index="fact", columns="report_id", values="mentioned")
        .reindex(index=facts, columns=case.report_ids)
        .astype(bool)
    )
    labels = dict(zip(case.facts["fact"], case.facts["label"], strict=False))
    table.index = pd.Index([labels[f] for f in facts], name="topic")
    table.columns = pd.Index([Case.number(r) for r in table.columns], name="report")
    return table


def topic_coverage(matrix: pd.DataFrame) -> pd.DataFrame:
    """Per topic: how many reports mention it, which do and which leave it out.

    >>> m = pd.DataFrame({"000": [True, False], "001": [True, True]}, index=["a", "b"])
    >>> topic_coverage(m)["left out by"].tolist()
    ['', '000']
    """
    return pd.DataFrame(
        {
            "reports": matrix.sum(axis=1).astype(int),
            "mentioned by": [", ".join(matrix.columns[row]) for row in matrix.to_numpy()],
            "left out by": [", ".join(matrix.columns[~row]) for row in matrix.to_numpy()],
        },
        index=matrix.index,
    )


def report_coverage(case: Case, matrix: pd.DataFrame) -> pd.DataFrame:
    """Per report: its article length in words, how many of the matrix's topics it
    mentions, and which it leaves out, so that omissions can be read next to length.
    Indexed by report number."""
    words = dict(
        zip(case.reports["report_id"].map(Case.number), case.reports["body_words"], strict=False)
    )
    return pd.DataFrame(
        {
            "article words": [words[r] for r in matrix.columns],
            "topics mentioned": matrix.sum(axis=0).astype(int).tolist(),
            "left out": [", ".join(matrix.index[~matrix[r].to_numpy()]) for r in matrix.columns],
        },
        index=pd.Index(matrix.columns, name="report"),
    )


def plot_omission_heatmap(matrix: pd.DataFrame, ax=None, title: str | None = None):
    """Draw the omission matrix: one cell per topic and report, dark with a ✓ where the
    report mentions the topic, light with a dash (—) where it does not. The marks carry
    the meaning, so the figure also reads in black and white. Returns the Axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    if ax is None:
        _, ax = plt.subplots(figsize=(1.1 * matrix.shape[1] + 3.2, 0.45 * matrix.shape[0] + 1.4))
    values = matrix.to_numpy().astype(int)
    ax.imshow(values, cmap=ListedColormap(["#f2f2f2", "#2b6ca3"]), vmin=0, vmax=1, aspect="auto")
    for (y, x), v in pd.DataFrame(values).stack().items():
        ax.text(
            x,
            y,
            "✓" if v else "—",
            ha="center",
            va="center",
            fontsize=13,
            color="white" if v else "0.35",
        )
    ax.set_xticks(range(matrix.shape[1]), list(matrix.columns))
    ax.set_yticks(range(matrix.shape[0]), list(matrix.index))
    ax.xaxis.tick_top()
    ax.set_xlabel("report")
    ax.xaxis.set_label_position("top")
    ax.set_xticks([x - 0.5 for x in range(1, matrix.shape[1])], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, matrix.shape[0])], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    if title:
        ax.set_title(title, pad=28)
    ax.figure.tight_layout()
    return ax
