"""Chapter 1 library: paragraphs, furniture shares, clues and the marked-up report view."""

import dataclasses

import matplotlib
import pandas as pd
import pytest

from medialit.origin import (
    KIND_NAMES,
    clue_counts,
    clue_table,
    furniture_summary,
    kind_name,
    origin_table,
    paragraphs,
    plot_furniture_share,
    report_html,
    spelling_counts,
)
from medialit.tables import report_overview

matplotlib.use("Agg")


def test_paragraphs_never_straddle_a_furniture_span(case):
    for rid in case.report_ids:
        paras = paragraphs(case, rid)
        spans = case.furniture[case.furniture.report_id == rid]
        for _, p in paras.iterrows():
            inside = spans[(spans.start <= p.start) & (p.end <= spans.end)]
            overlap = spans[(spans.start < p.end) & (p.start < spans.end)]
            assert len(overlap) == len(inside) <= 1, (rid, p.text[:40])
            assert (p.part == "furniture") == (len(inside) == 1)
            if len(inside):
                assert p.kind == kind_name(inside.iloc[0].kind)


def test_article_paragraphs_are_the_clean_text(case):
    for rid in case.report_ids:
        paras = paragraphs(case, rid)
        article = paras.loc[paras.part == "article", "text"].tolist()
        clean = [line.strip() for line in case.text(rid, clean=True).split("\n") if line.strip()]
        assert article == clean, rid


def test_paragraph_offsets_point_at_their_text(case):
    for rid in case.report_ids:
        text = case.text(rid)
        for _, p in paragraphs(case, rid).iterrows():
            assert text[p.start : p.end] == p.text and p.text == p.text.strip()


def test_furniture_summary_adds_up(case):
    s = furniture_summary(case)
    assert list(s.index) == [r[:3] for r in case.report_ids]
    total = case.reports.set_index(case.reports.report_id.str[:3])["text"].str.len()
    assert (s["article"] + s["furniture"] == total).all()
    kinds = s.drop(columns=["article", "furniture", "furniture share %"])
    assert (kinds.sum(axis=1) == s["furniture"]).all()
    assert set(kinds.columns) == {kind_name(k) for k in case.furniture.kind}
    # the same share the overview table gives (it rounds to whole percent)
    overview = report_overview(case)["page furniture"].str.rstrip(" %").astype(int)
    assert (s["furniture share %"].round().astype(int) == overview).all()
    assert s.loc["001", "furniture"] == 0 and s.loc["003", "furniture share %"] > 45


def test_every_furniture_kind_has_a_name_and_a_style():
    from medialit.origin import _KIND_STYLE

    assert set(KIND_NAMES) == set(_KIND_STYLE)
    assert len(set(KIND_NAMES.values())) == len(KIND_NAMES)


def test_clue_table_says_where_each_clue_sits(case):
    t = clue_table(case)
    assert len(t) == len(case.table("clues"))
    for _, c in t.iterrows():
        rid = next(r for r in case.report_ids if r.startswith(c.report))
        assert c.clue in case.text(rid)
    where = dict(zip(t.clue, t["where"], strict=False))
    assert where["Source link"] == "furniture: source link"
    assert (
        where["This post was originally published on this site"]
        == "furniture: 'originally published' note"
    )
    assert (t.loc[t.report == "001", "where"] == "article").all()
    assert set(clue_table(case, "002-white-house-announced").report) == {"002"}


def test_clue_counts_count_every_clue(case):
    counts = clue_counts(case)
    assert counts.to_numpy().sum() == len(case.table("clues"))
    assert list(counts.columns) == [r[:3] for r in case.report_ids]
    assert counts.loc["sign of translation", "001"] == 5


def test_origin_table_clue_is_verbatim(case):
    t = origin_table(case)
    assert list(t.index) == [r[:3] for r in case.report_ids]
    assert t.loc["003", "where"] == "furniture: source link"
    assert t.loc["001", "where"] == "article"


def test_spelling_counts_are_whole_word_and_case_sensitive(case):
    counts = spelling_counts(case)
    assert counts.loc["001"].tolist() == [0, 3, 1]  # Kyiv, Kiev, kyiv
    assert counts.loc["003", "Kyiv"] == 6  # includes “Kyiv’s”
    assert spelling_counts(case, ["Zelensky", "Zelenskyy"]).loc[["003", "004"]].values.tolist() == [
        [0, 2],
        [3, 0],
    ]


def _html(obj) -> str:
    assert type(obj).__name__ == "HTML"
    return obj.data


def test_report_html_labels_furniture_in_words(case):
    page = _html(report_html(case, "004-energy-ceasefire"))
    paras = paragraphs(case, "004-energy-ceasefire")
    assert page.count('class="ml-furniture"') == (paras.part == "furniture").sum()
    assert page.count('class="ml-furniture"') == page.count("><strong>[furniture: ")
    assert page.count('class="ml-article"') == (paras.part == "article").sum()
    assert "[furniture: photo caption]</strong> President Donald Trump - seen above" in page
    assert "[furniture: share button]</strong> Share it :" in page


def test_report_html_shortening_says_what_it_left_out(case):
    rid = "003-pivot-away"
    paras = paragraphs(case, rid)
    page = _html(report_html(case, rid, context=1, max_run=3, max_chars=80))
    import re

    shown = page.count('class="ml-article"') + page.count('class="ml-furniture"')
    hidden = sum(int(n) for n in re.findall(r"\[… (\d+) ", page))
    assert shown + hidden == len(paras)
    assert "Source link" in page and "more paragraphs of furniture: related articles" in page
    assert " …</p>" in page  # a cut paragraph is marked
    import html

    texts = paras.text.tolist()
    for cut in re.findall(r">([^<>]*) …</p>", page):
        cut = html.unescape(cut).removeprefix(" ")
        full = next(t for t in texts if t.startswith(cut))  # a verbatim start...
        assert len(cut) <= 80 and full[len(cut)] == " "  # ...cut between words


def test_report_html_escapes_the_report_text(case):
    evil = "<script>alert('x')</script> & <b>bold</b>\n\nSupport us <img src=x onerror=alert(1)>"
    reports = case.reports.copy()
    reports.loc[reports.report_id == "001-halt-attacks", "text"] = evil
    furniture = pd.DataFrame(
        [
            {
                "report_id": "001-halt-attacks",
                "start": evil.index("Support"),
                "end": len(evil),
                "kind": "donation_appeal",
                "starts_with": "Support",
                "text": evil[evil.index("Support") :],
            }
        ]
    )
    fake = dataclasses.replace(case, reports=reports, furniture=furniture)
    page = _html(report_html(fake, "001-halt-attacks"))
    assert "<script>" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold" in page
    assert "[furniture: donation appeal]</strong> Support us &lt;img" in page


def test_report_html_unknown_report_raises(case):
    with pytest.raises(KeyError):
        report_html(case, "999-nothing")


def test_plot_furniture_share_draws_every_part(case):
    import matplotlib.pyplot as plt

    summary = furniture_summary(case)
    ax = plot_furniture_share(summary, title="t")
    parts = len(summary.columns) - 2  # article + each kind, not the totals
    assert len(ax.containers) == parts
    labels = [t.get_text() for t in ax.texts]
    assert "48.4 % furniture" in labels and len(labels) == len(summary)
    ticks = {t.get_position()[1]: t.get_text() for t in ax.get_yticklabels()}
    assert [ticks[y] for y in sorted(ticks, reverse=True)] == list(summary.index)  # 000 on top
    plt.close(ax.figure)
