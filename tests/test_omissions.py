"""Chapter 5 library: the omission matrix, its summaries and heatmap, all from claims.csv."""

import matplotlib
import pytest

from medialit.exercises import item
from medialit.omissions import (
    mention_facts,
    omission_matrix,
    plot_omission_heatmap,
    report_coverage,
    topic_coverage,
)

matplotlib.use("Agg")

CHAPTER_TOPICS = [
    "prisoner_swap",
    "hockey",
    "iran_israel",
    "kursk",
    "zaporizhzhia",
    "zelensky_europe_reaction",
    "territorial_concessions",
    "kyiv_shelled",
    "putin_conditions",
]


def test_every_cell_is_the_claims_row(case):
    m = omission_matrix(case)
    labels = dict(zip(case.facts.fact, case.facts.label, strict=False))
    assert list(m.index) == [labels[f] for f in mention_facts(case)]
    assert list(m.columns) == [r[:3] for r in case.report_ids]
    assert m.index.name == "topic" and m.columns.name == "report"
    for fact in mention_facts(case):
        for rid in case.report_ids:
            assert m.loc[labels[fact], rid[:3]] == bool(case.claim(rid, fact).mentioned)
    assert m.dtypes.eq(bool).all()


def test_the_chapter_topics_are_mention_facts(case):
    assert set(CHAPTER_TOPICS) <= set(mention_facts(case))


def test_facts_pick_and_order_the_rows(case):
    m = omission_matrix(case, ["kyiv_shelled", "zaporizhzhia"])
    assert list(m.index) == ["Strikes right after the call", "Zaporizhzhia nuclear plant"]
    assert m.loc["Strikes right after the call"].tolist() == [False, True, False, False, False]
    assert m.loc["Zaporizhzhia nuclear plant"].tolist() == [False, False, False, False, True]
    with pytest.raises(KeyError, match="no_such_fact"):
        omission_matrix(case, ["no_such_fact"])


def test_topic_coverage_splits_the_reports(case):
    m = omission_matrix(case, CHAPTER_TOPICS)
    cov = topic_coverage(m)
    for topic, row in cov.iterrows():
        said = [r for r in row["mentioned by"].split(", ") if r]
        left = [r for r in row["left out by"].split(", ") if r]
        assert sorted(said + left) == list(m.columns)
        assert row["reports"] == len(said) == m.loc[topic].sum()
    assert cov.loc["Putin's conditions", "reports"] == 5
    assert cov.loc["Strikes right after the call", "mentioned by"] == "001"


def test_report_coverage_reads_omissions_next_to_length(case):
    m = omission_matrix(case, CHAPTER_TOPICS)
    cov = report_coverage(case, m)
    assert list(cov.index) == list(m.columns)
    assert cov["article words"].tolist() == case.reports.body_words.tolist()
    for rid, row in cov.iterrows():
        left = [t for t in row["left out"].split(", ") if t]
        assert row["topics mentioned"] + len(left) == len(m)
        assert set(left) == set(m.index[~m[rid]])


def test_heatmap_marks_cells_with_text(case):
    import matplotlib.pyplot as plt

    m = omission_matrix(case)
    ax = plot_omission_heatmap(m, title="t")
    marks = [t.get_text() for t in ax.texts]
    assert marks.count("✓") == m.to_numpy().sum()
    assert marks.count("—") == (~m).to_numpy().sum()
    assert [t.get_text() for t in ax.get_yticklabels()] == list(m.index)
    assert [t.get_text() for t in ax.get_xticklabels()] == list(m.columns)
    plt.close(ax.figure)


def test_the_matrix_answers_the_mentions_items(case):
    """What the book's matrix shows is what the mentions_{n} items accept."""
    for rid in case.report_ids:
        it = item(f"mentions_{rid[:3]}")
        facts = [o["id"] for o in it.options]
        m = omission_matrix(case, facts)
        ticked = [f for f, said in zip(facts, m[rid[:3]], strict=False) if said]
        assert it.check({"selected": ticked}).correct
