"""Attribution tables: counts match the data, every verb in the data has a kind, and the
tables keep their shape for any case."""

import pandas as pd
import pytest

from medialit.attribution import (
    EXTRA_SOURCES,
    SOURCES,
    VERB_KINDS,
    attributions_for,
    case_sources,
    plot_source_shares,
    source_crosstab,
    unsourced,
    verb_kind,
    verb_kinds,
    verb_table,
)


def test_crosstab_counts_every_statement_once(case):
    table = source_crosstab(case)
    attributions = case.table("attributions")
    # the March case uses no extra code: its table keeps its seven source columns
    assert list(table.columns) == [
        *(lab for code, lab in SOURCES.items() if code not in EXTRA_SOURCES),
        "total",
    ]
    assert list(table.index) == ["000", "001", "002", "003", "004"]
    assert table["total"].sum() == len(attributions)
    assert table.loc["000", "Kremlin"] == 8 and table.loc["000", "White House"] == 2
    assert table.loc["003", "analyst"] == 10 and table.loc["002", "analyst"] == 0


def test_shares_are_whole_percentages_of_each_row(case):
    shares = source_crosstab(case, normalize=True)
    assert "total" not in shares.columns
    assert shares.sum(axis=1).between(98, 102).all()
    assert shares.loc["000", "Kremlin"] == 26 and shares.loc["002", "Kremlin"] == 36


def test_weighting_by_words_changes_the_order(case):
    """The chapter's point about method: how you count changes the shares."""
    by_statements = source_crosstab(case, normalize=True)["Kremlin"]
    by_words = source_crosstab(case, normalize=True, weight="words")["Kremlin"]
    assert (by_statements != by_words).any()
    words = source_crosstab(case, weight="words")
    quotes = case.table("attributions")["quote"]
    assert words["total"].sum() == quotes.str.split().str.len().sum()
    with pytest.raises(ValueError, match="weight"):
        source_crosstab(case, weight="letters")


def test_every_verb_in_the_data_has_a_kind(case):
    verbs = {v for v in case.table("attributions")["verb"] if v.strip()}
    assert all(
        verb_kind(v) in ("neutral", "describes", "endorses", "loaded", "hedge") for v in verbs
    ), sorted(v for v in verbs if verb_kind(v) == "not in list")
    assert verb_kind("") == "" and verb_kind("whispered") == "not in list"
    assert {k for k in VERB_KINDS.values()} == {
        "neutral",
        "describes",
        "endorses",
        "loaded",
        "hedge",
    }
    # one rule for praise (and blame) verbs; 'noted' presents what follows as fact
    assert verb_kind("praised") == verb_kind("hailed") == verb_kind("deplored") == "describes"
    assert verb_kind("noted") == verb_kind("acknowledged") == "endorses"


def test_verb_table_counts_uses_not_continuations(case):
    verbs = verb_table(case)
    assert list(verbs.columns) == ["report", "verb", "kind", "count"]
    said_000 = verbs[(verbs.report == "000") & (verbs.verb == "said")]["count"].item()
    assert said_000 == 8  # nine rows say 'said', one only continues the quote before it
    indicates = verbs[(verbs.report == "002") & (verbs.verb == "indicates")]["count"].item()
    assert indicates == 1  # one use, continued over four rows
    loaded = verbs[verbs.kind == "loaded"]
    assert set(zip(loaded.report, loaded.verb, strict=False)) == {("000", "trumpeted")}
    kinds = verb_kinds(case)
    assert kinds.loc["002", "hedge"] == 1
    assert kinds.sum().sum() == verbs["count"].sum()


def test_unsourced_is_the_outlet_voice(case):
    own = unsourced(case)
    assert len(own) == (case.table("attributions")["source"] == "outlet").sum()
    assert "The partial ceasefire agreement will be in effect for 30 days." in set(own.quote)
    assert set(unsourced(case, "004").report) == {"004"}
    outlet_004 = case.table("attributions").query("report_id == '004-energy-ceasefire'")
    assert (
        len(unsourced(case, "004-energy-ceasefire"))
        == len(unsourced(case, "004"))
        == (outlet_004["source"] == "outlet").sum()
        > 10
    )


def test_attributions_for_one_report_in_text_order(case):
    rows = attributions_for(case, "004")
    text = case.text("004-energy-ceasefire")
    positions = [text.find(q) for q in rows.quote]
    assert positions == sorted(positions) and min(positions) >= 0
    assert attributions_for(case, "004-energy-ceasefire").equals(rows)
    with pytest.raises(KeyError):
        attributions_for(case, "999")


def test_plot_has_one_bar_segment_per_report_and_source(case):
    ax = plot_source_shares(case, title="t")
    assert len(ax.patches) == 5 * len(case_sources(case)) == 5 * 7
    assert [t.get_text() for t in ax.get_yticklabels()] == ["004", "003", "002", "001", "000"]
    ax.figure.clf()


def test_a_report_without_attributions_still_gets_a_row():
    """A case may hold a report nobody has annotated yet: it appears with zeros."""
    from medialit import load_case

    fresh = load_case()
    attributions = fresh.table("attributions")
    fresh.tables["attributions"] = attributions[
        attributions.report_id != "002-white-house-announced"
    ]
    table = source_crosstab(fresh)
    assert table.loc["002"].sum() == 0 and len(table) == 5
    assert source_crosstab(fresh, normalize=True).loc["002"].sum() == 0
    assert verb_kinds(fresh).loc["002"].sum() == 0
    assert isinstance(verb_table(fresh), pd.DataFrame)
