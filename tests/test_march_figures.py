"""Figures of the default case (data/, the five reports of the 18 March 2025 call) that the
chapters and the teachers' notes state: if the data or a function changes one, this says
which. (They were doctests once; the doctests now show each function on a small example.)"""

from __future__ import annotations

import pytest

from medialit import load_case


@pytest.fixture(scope="module")
def case():
    return load_case()


def test_case_reports_and_a_claim(case):
    assert list(case.reports.report_id)[:2] == ["000-takeaways", "001-halt-attacks"]
    c = case.claim("001-halt-attacks", "call_length")
    assert (float(c.value), c.bound, c.quote) == (
        150.0,
        "about",
        "The conversation lasted two and a half hours",
    )
    assert case.resolve("004") == "004-energy-ceasefire"


def test_attribution_figures(case):
    from medialit.attribution import (
        article_sentences,
        chapter_figures,
        own_voice_table,
        sentence_codes,
        source_crosstab,
        uncoded_sentences,
        verb_kinds,
        verb_table,
    )

    assert int(source_crosstab(case).loc["000", "Kremlin"]) == 8
    assert len(uncoded_sentences(case)) == 0
    s = article_sentences(case, "000")
    assert (s.loc[0, "part"], s.loc[0, "sentence"], len(s)) == (
        "headline",
        "Takeaways from Trump-Putin Call",
        29,
    )
    codes = sentence_codes(case, "000")
    assert codes.loc[codes.n == 11, "code"].item() == "kremlin+outlet"
    shares = source_crosstab(case, normalize=True)
    assert (int(shares.loc["003", "analyst"]), int(shares.loc["003", "Kremlin"])) == (19, 6)
    assert float(source_crosstab(case, weight="sentences").loc["000", "total"]) == 29.0
    t = own_voice_table(case)
    assert int(t.loc["000", "% of sentences"]) == 59
    assert int(t.loc["004", "background, % of words"]) == 17
    f = chapter_figures(case)
    assert (f["own_lead_sentences"], f["background_lead"]) == ("000", "004")
    verbs = verb_table(case)
    assert verbs[verbs.kind == "loaded"][["report", "verb"]].values.tolist() == [
        ["000", "trumpeted"]
    ]
    assert verb_kinds(case).loc["003"].to_dict() == {
        "neutral": 15,
        "describes": 11,
        "endorses": 3,
        "loaded": 0,
        "hedge": 0,
    }


def test_discrepancy_figures(case):
    from medialit.discrepancy import compare_claims, tolerance_of

    pairs = compare_claims(case.fact_claims("call_length"))
    conflicts = pairs.loc[pairs.verdict == "conflict", ["report_a", "report_b"]]
    assert conflicts.values.tolist() == [["001-halt-attacks", "004-energy-ceasefire"]]
    assert tolerance_of(case, "call_length") == 0.1


def test_evaluation_figures(case):
    from medialit.evaluation import profile_table, report_profile

    assert profile_table(case).loc[("sources", "Kremlin %"), "000"] == 26
    assert report_profile(case, "004").loc[0, ["heading", "point"]].tolist() == [
        "origin",
        "what the text shows",
    ]


def test_framing_figures(case):
    from medialit.framing import (
        frame_matrix,
        headlines_and_leads,
        loaded_counts,
        loaded_words_table,
        term_uses,
    )

    assert frame_matrix(case).loc["003"].tolist() == [True, True, True, False, True]
    t = headlines_and_leads(case)
    assert t.loc["002", "headline"] == "(none: the text starts with the story)"
    assert t.loc["004", "lead"][:40] == "Donald Trump and Vladimir Putin took the"
    assert loaded_counts(case)[["outlet", "quoted"]].loc["002"].tolist() == [12, 0]
    quoted = loaded_words_table(case, "003", whose="quoted")
    assert quoted.quote.tolist()[-1] == "grind down Ukraine militarily"
    uses = term_uses(case)
    assert uses[uses.term == "partner*"][["report", "kind"]].values.tolist() == [
        ["001", "neutral"],
        ["002", "loaded"],
        ["003", "loaded"],
        ["003", "neutral"],
    ]


def test_lateral_figures(case):
    from medialit.lateral import (
        chapter_figures,
        number_sources,
        only_in_one,
        trace_table,
        wording,
    )

    assert only_in_one(case).loc["hockey", "only in"] == "Kremlin"
    assert int(wording(case).loc["004", "energy and infrastructure"]) == 3
    assert trace_table(case, ["hockey"], with_readouts=False).iloc[0].tolist() == [
        "Kremlin",
        "own voice",
        "own voice",
        "analyst",
        "Kremlin",
    ]
    f = chapter_figures(case)
    assert (f["densest"], f["densest_genre"], f["quoted_002"]) == (
        "000",
        "takeaways explainer",
        0,
    )
    assert number_sources(case).loc["How long the call lasted", "001"] == "150 minutes (own voice)"


def test_omissions_origin_and_tables_figures(case):
    from medialit.omissions import omission_matrix
    from medialit.origin import furniture_summary, paragraphs, spelling_counts
    from medialit.tables import keyword_in_context

    m = omission_matrix(case)
    assert m.loc["Strikes right after the call"].to_dict() == {
        "000": False,
        "001": True,
        "002": False,
        "003": False,
        "004": False,
    }
    paras = paragraphs(case, "003-pivot-away")
    assert paras.loc[paras["text"] == "Source link", ["part", "kind"]].values.tolist() == [
        ["furniture", "source link"]
    ]
    assert int(furniture_summary(case).loc["003", "furniture share %"]) == 48
    assert spelling_counts(case).loc["001"].to_dict() == {"Kyiv": 0, "Kiev": 3, "kyiv": 1}
    kwic = keyword_in_context(case, r"hockey")
    assert sorted(set(kwic.report)) == ["000", "001", "002", "003", "004"]


def test_every_skill_area_has_items(case):
    from medialit.exercises.generic import case_items

    areas = {i.spec["skill_area"] for i in case_items(case)}
    assert {
        "attribution",
        "conflicts",
        "evaluation",
        "framing",
        "numbers",
        "omissions",
        "provenance",
    } <= areas, areas
