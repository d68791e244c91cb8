"""The evaluation profile: five headings, every figure traced back to the chapter tables."""

import pytest

from medialit.attribution import source_crosstab
from medialit.evaluation import HEADINGS, profile_table, report_profile
from medialit.exercises import rubric_table


def test_profile_table_has_every_heading_and_report(case):
    table = profile_table(case)
    assert list(table.columns) == ["000", "001", "002", "003", "004"]
    assert list(dict.fromkeys(table.index.get_level_values("heading"))) == list(HEADINGS)


def test_profile_values_come_from_the_chapter_tables(case):
    table = profile_table(case)
    assert table.loc[("origin", "strongest clue"), "003"] == "aggregator sign"
    assert table.loc[("evidence", "call length"), "000"] == "more than 90 minutes"
    assert table.loc[("evidence", "call length"), "002"] == "not given"
    assert table.loc[("evidence", "call length"), "004"] == "120 minutes"
    assert table.loc[("evidence", "figures given (of 4)"), "002"] == 1
    assert table.loc[("evidence", "figures credited to a source"), "000"] == 2
    counts = source_crosstab(case)
    assert table.loc[("sources", "statements counted")].tolist() == counts["total"].tolist()
    assert table.loc[("sources", "analyst %"), "003"] == 19
    assert table.loc[("sources", "loaded reporting verbs"), "000"] == 1
    assert table.loc[("framing", "dominant frame"), "001"] == "conflict"
    assert table.loc[("omissions", "topics mentioned (of 9)"), "004"] == 6
    assert table.loc[("omissions", "article words"), "000"] == 419
    assert table.loc[("framing", "loaded phrases per 1,000 words"), "000"] == 38.2
    assert "Strikes right after the call" not in table.loc[("omissions", "left out"), "001"]


def test_report_profile_quotes_are_verbatim(case):
    profile = report_profile(case, "004")
    assert list(profile.columns) == ["heading", "point", "detail"]
    assert set(profile.heading) == set(HEADINGS)
    call = profile.loc[profile.point == "Call length", "detail"].item()
    quote = call.split(": ", 1)[1].rsplit(" [source:", 1)[0]
    assert quote in case.text("004-energy-ceasefire")
    assert "beginning around 10 am ET and concluding at noon" in call
    assert report_profile(case, "004-energy-ceasefire").equals(profile)
    with pytest.raises(KeyError):
        report_profile(case, "005")


def test_a_report_that_omits_a_figure_says_so(case):
    profile = report_profile(case, "002")
    assert profile.loc[profile.point == "Call length", "detail"].item() == "not given"


def test_rubrics_come_from_the_items():
    table = rubric_table("evaluate_report", "compare_reports")
    assert list(table.columns) == ["evaluate_report", "compare_reports"]
    assert list(table.index) == ["beginning", "developing", "proficient"]
    assert table.map(len).min().min() > 40
    with pytest.raises(ValueError, match="rubric"):
        rubric_table("evaluation_evidence")


def test_the_profile_gives_the_rows_a_bare_case_allows(tmp_path):
    """A teacher's case with empty optional tables still gets a profile: the origin clue as
    written, the figures, who the claims credit, and the length (no attribution shares,
    frames or loaded words)."""
    import shutil

    import pandas as pd

    from medialit.case import load_case as load
    from medialit.evaluation import profile_table
    from tests.support.paths import ROOT

    folder = shutil.copytree(ROOT / "tests" / "cases" / "library-vote", tmp_path / "lv")
    for name in ("attributions", "frames", "loaded_words", "clues"):
        pd.read_csv(folder / f"{name}.csv", nrows=0).to_csv(folder / f"{name}.csv", index=False)
    table = profile_table(load(folder))
    assert ("sources", "claims credited to a source") in table.index
    assert not any(h == "framing" for h, _ in table.index)
    assert table.loc[("origin", "strongest clue")].astype(bool).all()
