"""The coding follows data/CODEBOOK.md: every sentence of every report is coded for whose
statement it is, every quote is verbatim, and loaded terms are coded in one pass over all
five reports."""

import pandas as pd
import pytest

from medialit.attribution import (
    OWN_VOICE,
    SOURCES,
    article_sentences,
    coverage,
    own_voice_table,
    sentence_codes,
    source_crosstab,
    uncoded_sentences,
)


def test_every_sentence_of_every_report_is_coded(case):
    missing = uncoded_sentences(case)
    assert missing.empty, "uncoded sentences:\n" + "\n".join(
        f"{r} sentence {n}: {s}" for r, n, s in missing.itertuples(index=False))
    cov = coverage(case)
    assert (cov["coded"] == cov["sentences"]).all()
    assert cov.loc["003", "sentences"] == 47 and cov.loc["000", "sentences"] == 29


def test_sentences_tile_the_clean_text(case):
    """The sentences are the clean text itself, in order, with nothing but spaces and line
    breaks between them; the headline line is the first sentence."""
    sents = article_sentences(case)
    for rid, rows in sents.groupby("report_id"):
        clean = case.text(rid, clean=True)
        assert [clean[s:e] for s, e in zip(rows.start, rows.end)] == rows.sentence.tolist()
        gaps = [clean[e:s] for e, s in zip(rows.end[:-1], rows.start[1:])]
        assert all(not g.strip() for g in gaps), rid
        assert rows.n.tolist() == list(range(1, len(rows) + 1))
        has_headline = case.reports.set_index("report_id").loc[rid, "has_headline"]
        assert (rows.part == "headline").sum() == int(has_headline)


def test_a_missing_row_is_caught(case):
    from medialit import load_case

    fresh = load_case()
    a = fresh.table("attributions")
    drop = a["quote"] == "That is, in practice, the capitulation of Ukraine."
    assert drop.sum() == 1
    fresh.tables["attributions"] = a[~drop]
    missing = uncoded_sentences(fresh)
    assert missing[["report", "sentence"]].values.tolist() == [
        ["001", "That is, in practice, the capitulation of Ukraine."]]


def test_attribution_quotes_are_verbatim_once_in_the_clean_text(case):
    a = case.table("attributions")
    for rid, quote in zip(a.report_id, a.quote):
        assert quote in case.text(rid), (rid, quote)
        assert case.text(rid, clean=True).count(quote) == 1, (rid, quote)


def test_sources_are_the_codebook_categories(case):
    a = case.table("attributions")
    assert set(a.source) <= set(SOURCES)
    own = a[a.source.isin(OWN_VOICE)]
    assert (own.verb == "").all() and (own.source_name == "the report itself").all()
    others = a[~a.source.isin(OWN_VOICE)]
    assert (others.verb.str.strip() != "").all()


def test_a_two_voice_sentence_counts_half_for_each(case):
    codes = sentence_codes(case, "000")
    s = codes[codes.sentence.str.startswith("With Ukraine and its European allies bristling")]
    assert s.code.item() == "kremlin+outlet"
    table = source_crosstab(case, weight="sentences")
    assert table.loc["000", "total"] == len(codes)
    # shown to one decimal (a third of a sentence is 0.3), so the parts add up to the
    # total give or take rounding
    assert ((table.drop(columns="total").sum(axis=1) - table["total"]).abs() < 0.2).all()
    with pytest.raises(ValueError, match="weight"):
        source_crosstab(case, weight="paragraphs")


def test_own_voice_table_adds_up(case):
    t = own_voice_table(case)
    shares = source_crosstab(case, normalize=True, weight="sentences")
    own = shares[[SOURCES[c] for c in OWN_VOICE]].sum(axis=1)
    assert ((t["% of sentences"] - own).abs() <= 1).all()  # rounding
    assert ((t["about the call, % of words"] + t["background, % of words"]
             - t["% of words"]).abs() <= 1).all()
    assert t.loc["002", "background, % of words"] == 0
    assert t["background, % of words"].idxmax() == "004"
