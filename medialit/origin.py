"""Where does a text come from? Page furniture and the clues that show how a text reached us.

A scraped news page holds more than the article: donation appeals, newsletter boxes,
photo captions, "Source link" lines, lists of other stories. The case records these as
character spans (``case.furniture``); this module splits a report into paragraphs, says
which are furniture, measures how much of each page they fill, and shows a report with
its furniture marked. The ``clues`` table adds what each clue suggests about the text's
route to us (own page, translation, rewrite of official readouts, aggregator, repost).

>>> from pathlib import Path
>>> text = "Talks in Kyiv\\nThe two sides met in Kiev on Monday.\\nSource link"
>>> reports = pd.DataFrame({"report_id": ["001-talks"], "text": [text],
...                         "clean_text": [text.removesuffix("\\nSource link")]})
>>> furniture = pd.DataFrame({"report_id": ["001-talks"], "start": [text.index("Source")],
...                           "end": [len(text)], "kind": ["source_link"]})
>>> case = Case("toy", "A toy case", Path("."), reports=reports, furniture=furniture,
...             facts=pd.DataFrame(), claims=pd.DataFrame())
>>> paragraphs(case, "001-talks")[["text", "part", "kind"]].values.tolist()
... # doctest: +NORMALIZE_WHITESPACE
[['Talks in Kyiv', 'article', ''], ['The two sides met in Kiev on Monday.', 'article', ''],
 ['Source link', 'furniture', 'source link']]
>>> furniture_summary(case).to_dict("records")
[{'article': 51, 'source link': 11, 'furniture': 11, 'furniture share %': 17.7}]
>>> spelling_counts(case).loc["001"].to_dict()
{'Kyiv': 1, 'Kiev': 1, 'kyiv': 0}
"""

from __future__ import annotations

import html
import re

import pandas as pd

from medialit.case import Case

KIND_NAMES = {
    "donation_appeal": "donation appeal",
    "newsletter_box": "newsletter box",
    "related_articles": "related articles",
    "photo_caption": "photo caption",
    "photo_credit": "photo credit",
    "source_link": "source link",
    "counter": "visit counter",
    "comment_widget": "comment box",
    "share_widget": "share button",
    "syndication_note": "'originally published' note",
    "navigation": "navigation link",
    "editors_note": "editor's note",
    "teaser": "teaser",
    "other": "other furniture",
}
"""Short readable names for the furniture kinds of ``furniture.csv``, in the order of the
schema's enum (a test checks that the two list the same kinds)."""

CLUE_KIND_NAMES = {
    "self_naming": "page names its publisher",
    "photo_credit": "photo credit",
    "wire_credit": "news-agency credit",
    "aggregator": "aggregator sign",
    "syndication_note": "reposting note",
    "translation": "sign of translation",
    "readout_paraphrase": "retells an official readout",
    "no_byline_or_headline": "no author named",
    "other": "other",
}
"""Readable names for the clue kinds of ``clues.csv``."""

_KIND_STYLE = {  # colour and hatch per furniture kind, so the plot does not rely on colour alone
    "donation_appeal": ("#d95f02", "//"),
    "newsletter_box": ("#e6ab02", "\\\\"),
    "related_articles": ("#7570b3", "xx"),
    "photo_caption": ("#1b9e77", ".."),
    "photo_credit": ("#66a61e", "oo"),
    "source_link": ("#e7298a", "--"),
    "counter": ("#a6761d", "++"),
    "comment_widget": ("#666666", "||"),
    "share_widget": ("#1f78b4", "**"),
    "syndication_note": ("#b15928", "OO"),
    "navigation": ("#fb9a99", "\\\\//"),
    "editors_note": ("#386cb0", "x."),
    "teaser": ("#f0027f", "-."),
    "other": ("#999999", "o."),
}


def kind_name(kind: str) -> str:
    """The readable name of a furniture kind (the kind itself if unknown).

    >>> kind_name("counter"), kind_name("something_new")
    ('visit counter', 'something new')
    """
    return KIND_NAMES.get(kind, kind.replace("_", " "))


# --------------------------------------------------------------------------- paragraphs


def paragraphs(case: Case, report_id: str) -> pd.DataFrame:
    """A report's raw text as paragraphs (non-blank lines), each marked article or furniture.

    Columns: ``paragraph`` (1, 2, ...), ``start`` and ``end`` (character offsets in the raw
    text), ``text``, ``part`` (``"article"`` or ``"furniture"``) and ``kind`` (the readable
    furniture kind, empty for article paragraphs). A paragraph is furniture when it
    overlaps a furniture span.
    """
    text = case.text(report_id)
    spans = case.furniture[case.furniture["report_id"] == report_id]
    rows = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if not line.strip():
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        end = m.start() + len(line.rstrip())
        hit = spans[(spans["start"] < end) & (start < spans["end"])]
        kind = kind_name(hit.iloc[0]["kind"]) if len(hit) else ""
        rows.append(
            {
                "paragraph": len(rows) + 1,
                "start": start,
                "end": end,
                "text": text[start:end],
                "part": "furniture" if kind else "article",
                "kind": kind,
            }
        )
    return pd.DataFrame(rows, columns=["paragraph", "start", "end", "text", "part", "kind"])


# --------------------------------------------------------------------------- how much furniture


def furniture_summary(case: Case) -> pd.DataFrame:
    """Per report: characters of article and of each kind of page furniture, and the
    furniture's share of the raw page text (in %, one decimal).

    Indexed by report number; one column per furniture kind that occurs in the case
    (readable names), then ``furniture`` (all kinds) and ``furniture share %``. Article
    characters are the raw text minus the furniture, so the two add up to the page.
    """
    kinds = [k for k in KIND_NAMES if k in set(case.furniture["kind"])]
    kinds += sorted(set(case.furniture["kind"]) - set(kinds))
    f = case.furniture.assign(chars=case.furniture["end"] - case.furniture["start"])
    by_kind = (
        f.pivot_table(index="report_id", columns="kind", values="chars", aggfunc="sum")
        .reindex(index=case.report_ids, columns=kinds)
        .fillna(0)
        .astype(int)
    )
    total = case.reports.set_index("report_id")["text"].str.len()
    furniture = by_kind.sum(axis=1)
    out = pd.DataFrame({"article": total - furniture})
    for k in kinds:
        out[kind_name(k)] = by_kind[k]
    out["furniture"] = furniture
    out["furniture share %"] = (100 * furniture / total).round(1)
    out.index = [Case.number(r) for r in out.index]
    out.index.name = "report"
    return out


def plot_furniture_share(summary: pd.DataFrame, ax=None, title: str | None = None):
    """Stacked horizontal bars: how much of each report's page is article and how much is
    each kind of furniture, in % of the raw text.

    ``summary`` is :func:`furniture_summary` output. Article is drawn light grey; every
    furniture kind has its own colour *and* hatch pattern, and the total furniture share
    is written at the end of each bar, so the figure can be read without colour.
    Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    names = {kind_name(k): k for k in KIND_NAMES}
    parts = [c for c in summary.columns if c not in ("article", "furniture", "furniture share %")]
    total = summary["article"] + summary["furniture"]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.55 * len(summary) + 1.8))
    ys = list(range(len(summary)))[::-1]  # first report on top
    left = 100 * summary["article"] / total
    ax.barh(ys, left, color="#e8e8e8", edgecolor="0.5", label="article")
    for name in parts:
        width = 100 * summary[name] / total
        colour, hatch = _KIND_STYLE.get(names.get(name, ""), ("#999999", ""))
        ax.barh(
            ys,
            width,
            left=left,
            color=colour,
            hatch=hatch,
            edgecolor="white",
            linewidth=0.5,
            label=name,
        )
        left = left + width
    for y, share in zip(ys, summary["furniture share %"], strict=False):
        ax.text(101, y, f"{share:g} % furniture", va="center", fontsize=9)
    ax.set_yticks(ys, list(summary.index))
    ax.set_xlim(0, 128)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("share of the page text (%)")
    ax.set_ylabel("report")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=4, fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    ax.figure.tight_layout()
    return ax


# --------------------------------------------------------------------------- clues


def _where(case: Case, report_id: str, phrase: str) -> str:
    """'article' or 'furniture: KIND' for the first occurrence of a phrase in a raw report."""
    at = case.text(report_id).find(phrase)
    spans = case.furniture[case.furniture["report_id"] == report_id]
    hit = spans[(spans["start"] <= at) & (at < spans["end"])] if at >= 0 else spans.iloc[:0]
    return f"furniture: {kind_name(hit.iloc[0]['kind'])}" if len(hit) else "article"


def clue_table(case: Case, report_id: str | None = None) -> pd.DataFrame:
    """The clues to each text's origin: the verbatim clue, what sort of clue it is, where it
    sits on the page (article or which kind of furniture) and what it suggests.

    ``report_id`` keeps one report's clues. Columns: report, clue, kind, where, suggests.
    """
    clues = case.table("clues")
    if report_id is not None:
        clues = clues[clues["report_id"] == report_id]
    return pd.DataFrame(
        {
            "report": clues["report_id"].map(Case.number),
            "clue": clues["clue"],
            "kind": [CLUE_KIND_NAMES.get(k, k) for k in clues["kind"]],
            "where": [
                _where(case, r, c) for r, c in zip(clues["report_id"], clues["clue"], strict=False)
            ],
            "suggests": clues["suggests"],
        }
    ).reset_index(drop=True)


def origin_table(case: Case) -> pd.DataFrame:
    """Per report: our reading of how the text reached us (``origin`` in reports.csv), its
    strongest clue (verbatim) and where on the page that clue sits. Indexed by report number."""
    r = case.reports
    return pd.DataFrame(
        {
            "report": r["report_id"].map(Case.number),
            "route (our reading)": r["origin"],
            "strongest clue": r["origin_clue"],
            "where": [
                _where(case, rid, c)
                for rid, c in zip(r["report_id"], r["origin_clue"], strict=False)
            ],
        }
    ).set_index("report")


def clue_counts(case: Case) -> pd.DataFrame:
    """How many clues of each kind each report has: clue kinds (readable names) as rows,
    report numbers as columns; a report with no clue of a kind gets 0."""
    clues = case.table("clues")
    kinds = [k for k in CLUE_KIND_NAMES if k in set(clues["kind"])]
    table = (
        pd.crosstab(clues["kind"], clues["report_id"])
        .reindex(index=kinds, columns=case.report_ids)
        .fillna(0)
        .astype(int)
    )
    table.index = pd.Index([CLUE_KIND_NAMES[k] for k in kinds], name="clue kind")
    table.columns = pd.Index([Case.number(r) for r in table.columns], name="report")
    return table


def spelling_counts(case: Case, words=("Kyiv", "Kiev", "kyiv"), clean: bool = True) -> pd.DataFrame:
    """How often each report writes each spelling, as a whole word and case-sensitive
    ("kyiv" is not "Kyiv"), in the article text (``clean=False``: the raw page).

    >>> from medialit.case import Case
    >>> from pathlib import Path
    >>> text = "Kyiv or Kiev? The kyiv-based (sic) outlet wrote Kyivstar."
    >>> case = Case("toy", "A toy case", Path("."),
    ...             reports=pd.DataFrame({"report_id": ["001-a"], "clean_text": [text]}),
    ...             furniture=pd.DataFrame(), facts=pd.DataFrame(), claims=pd.DataFrame())
    >>> spelling_counts(case).loc["001"].to_dict()
    {'Kyiv': 1, 'Kiev': 1, 'kyiv': 1}
    """
    col = "clean_text" if clean else "text"
    rows = {
        Case.number(rid): {w: len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", text)) for w in words}
        for rid, text in zip(case.reports["report_id"], case.reports[col], strict=False)
    }
    out = pd.DataFrame.from_dict(rows, orient="index", columns=list(words))
    out.index.name = "report"
    return out


# --------------------------------------------------------------------------- showing a report

_P = "margin:.3em 0;padding:.2em .6em;"
_ARTICLE = _P + "border-left:4px solid #bbb;"
_FURNITURE = _P + "border-left:6px solid #a05a00;background:#fbeed5;color:#222;"
_SKIP = _P + "color:#555;font-style:italic;"


def report_html(
    case: Case,
    report_id: str,
    context: int | None = None,
    max_chars: int | None = None,
    max_run: int | None = None,
):
    """A report's raw text paragraph by paragraph, with every furniture paragraph boxed,
    shaded and labelled in words (``[furniture: photo caption]``), as an
    ``IPython.display.HTML`` object. All report text is HTML-escaped.

    To keep long pages short: ``context`` shows only furniture and the article paragraphs
    at most that many paragraphs away from it; ``max_run`` shows at most that many
    paragraphs of a run of same-kind furniture; ``max_chars`` cuts long paragraphs
    (marked "…"). Whatever is left out is replaced by a note saying how much.
    """
    from IPython.display import HTML

    paras = paragraphs(case, report_id)
    furn = paras.index[paras["part"] == "furniture"].tolist()
    near = (
        set(paras.index)
        if context is None
        else {i for f in furn for i in range(f - context, f + context + 1)}
    )
    n_furn = len(furn)
    head = (
        f'<p style="{_P}"><strong>Report {html.escape(Case.number(report_id))}</strong>: '
        f"{len(paras)} paragraphs, {n_furn} of them page furniture "
        f"(shaded, with a <strong>[furniture: …]</strong> label).</p>"
    )
    out = ['<div class="ml-report" style="line-height:1.45;max-width:52em">', head]
    skipped, run_kind, run_len, run_hidden = 0, None, 0, 0

    def not_shown(n: int, what: str) -> None:
        """Say that ``n`` paragraphs (``what``: "article {}" or "more {} of furniture: …")
        are left out here."""
        if n:
            word = "paragraph" if n == 1 else "paragraphs"
            out.append(
                f'<p class="ml-skip" style="{_SKIP}">[… {n} {what.format(word)} not shown …]</p>'
            )

    def flush_skipped():
        nonlocal skipped
        not_shown(skipped, "article {}")
        skipped = 0

    def flush_run():
        nonlocal run_hidden
        not_shown(run_hidden, "more {} of furniture: " + html.escape(run_kind or ""))
        run_hidden = 0

    for i, p in paras.iterrows():
        text = p["text"]
        if max_chars is not None and len(text) > max_chars:
            cut = (
                text[: max_chars + 1].rsplit(" ", 1)[0]
                if " " in text[: max_chars + 1]
                else text[:max_chars]
            )
            text = cut.rstrip() + " …"
        if p["part"] == "article":
            flush_run()
            run_kind, run_len = None, 0
            if i not in near:
                skipped += 1
                continue
            flush_skipped()
            out.append(f'<p class="ml-article" style="{_ARTICLE}">{html.escape(text)}</p>')
            continue
        flush_skipped()
        if p["kind"] != run_kind:
            flush_run()
            run_kind, run_len = p["kind"], 0
        run_len += 1
        if max_run is not None and run_len > max_run:
            run_hidden += 1
            continue
        out.append(
            f'<p class="ml-furniture" style="{_FURNITURE}"><strong>[furniture: '
            f"{html.escape(p['kind'])}]</strong> {html.escape(text)}</p>"
        )
    flush_run()
    flush_skipped()
    out.append("</div>")
    return HTML("\n".join(out))
