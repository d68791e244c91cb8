"""The source codes civil_society and public (CODEBOOK.md, rule A14): the schema accepts
them, a case that uses them gets their columns, the March case's tables are unchanged, and
propose's first guess recognises them in made-up sentences."""

import json
import shutil

import pandas as pd
import pytest

from medialit import CaseError, load_case
from medialit.attribution import (
    EXTRA_SOURCES,
    SOURCES,
    case_sources,
    chapter_figures,
    plot_source_shares,
    source_crosstab,
)
from medialit.evaluation import profile_table, report_profile
from medialit.propose import _attribution
from tests.support.paths import DATA

MARCH_CODES = ["white_house", "kremlin", "official", "analyst", "media", "outlet", "background"]
NEW_ENUM = [
    "white_house",
    "kremlin",
    "official",
    "analyst",
    "civil_society",
    "public",
    "media",
    "outlet",
]
OLD_ENUM = ["white_house", "kremlin", "official", "analyst", "media", "outlet"]


def _enum(table: str, column: str) -> list[str]:
    meta = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    (res,) = [r for r in meta["resources"] if r["name"] == table]
    (field,) = [f for f in res["schema"]["fields"] if f["name"] == column]
    return field["constraints"]["enum"]


def test_the_schema_lists_both_codes_where_sources_are_coded():
    assert _enum("claims", "attribution") == NEW_ENUM
    assert _enum("attributions", "source") == [*NEW_ENUM, "background"] == list(SOURCES)


def test_the_march_case_uses_neither_and_keeps_its_seven_columns(case):
    assert set(case.table("attributions")["source"]) <= set(MARCH_CODES)
    assert not set(case.claims["attribution"]) & set(EXTRA_SOURCES)
    assert list(case_sources(case)) == MARCH_CODES
    for weight in ("statements", "words", "sentences", "sentence words"):
        cols = list(source_crosstab(case, weight=weight).columns)
        assert cols == [SOURCES[c] for c in MARCH_CODES] + ["total"], weight
    assert not any(k.startswith(("civil_society", "public")) for k in chapter_figures(case))


def _rewrite(path, row: int, column: str, value: str):
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[row - 2, column] = value
    df.to_csv(path, index=False)


def _first_credited_row(path) -> int:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return int(df.index[df["attribution"] == "official"][0]) + 2


@pytest.mark.parametrize("code", ["civil_society", "public"])
def test_validation_accepts_the_codes(tmp_path, code):
    case = shutil.copytree(DATA, tmp_path / "case")
    _rewrite(case / "claims.csv", _first_credited_row(case / "claims.csv"), "attribution", code)
    _rewrite(case / "attributions.csv", 2, "source", code)
    loaded = load_case(case)  # raises CaseError on any problem
    assert code in set(loaded.claims["attribution"])
    assert code in set(loaded.table("attributions")["source"])


def test_validation_still_refuses_a_code_outside_the_list(tmp_path):
    case = shutil.copytree(DATA, tmp_path / "case")
    _rewrite(case / "claims.csv", _first_credited_row(case / "claims.csv"), "attribution", "ngo")
    with pytest.raises(CaseError) as info:
        load_case(case)
    assert any("attribution" in str(p) for p in info.value.problems)


def test_a_case_that_uses_them_gets_their_columns_bars_and_rows():
    case = load_case()
    a = case.table("attributions").copy()
    outlet_000 = a.index[(a["report_id"].str.startswith("000")) & (a["source"] == "outlet")]
    a.loc[outlet_000[0], "source"] = "civil_society"
    a.loc[outlet_000[1], "source"] = "public"
    case.tables["attributions"] = a
    assert list(case_sources(case)) == list(SOURCES)
    counts = source_crosstab(case)
    assert list(counts.columns) == [*SOURCES.values(), "total"]
    assert counts.loc["000", "civil society"] == 1 and counts.loc["000", "the public"] == 1
    assert counts.loc["001", "civil society"] == 0
    ax = plot_source_shares(case)
    assert len(ax.patches) == 5 * len(SOURCES)
    assert "the public" in [t.get_text() for t in ax.get_legend().get_texts()]
    ax.figure.clf()
    f = chapter_figures(case)
    assert f["civil_society_000"] > 0 and f["public_001"] == 0
    profile = profile_table(case)
    assert ("sources", "the public %") in profile.index
    assert ("sources", "the public %") not in profile_table(load_case()).index
    detail = report_profile(case, "000").set_index("point").loc["statements counted", "detail"]
    assert "civil society 1" in detail and "the public 1" in detail


@pytest.mark.parametrize(
    "sentence,at,code,source",
    [
        (
            "Some 5,000 people joined the vigil, the Keep Our Library campaign said.",
            0,
            "civil_society",
            "the Keep Our Library campaign",
        ),
        ("The march took three hours, organisers said.", 0, "civil_society", "organisers"),
        ("Activists told reporters the camp would stay for a week.", 30, "civil_society", None),
        ("Greenpeace said 40 boats had joined the blockade.", 30, "civil_society", "Greenpeace"),
        ("The river smelled for days, residents said.", 0, "public", "residents"),
        ("Two local residents told the paper the water was brown.", 40, "public", None),
        ("Witnesses said the crowd numbered about 5,000.", 30, "public", "Witnesses"),
        ("Many people say the market should stay open.", 30, "public", "Many people"),
        # still government
        ("Police said 14 people were arrested.", 12, "official", "police"),
        ("The European Union said the tariffs would stay.", 40, "official", None),
    ],
)
def test_propose_recognises_groups_and_people(sentence, at, code, source):
    got_code, got_source = _attribution(sentence, NEW_ENUM, at)
    assert got_code == code, (sentence, got_source)
    if source is not None:
        assert got_source == source


def test_propose_falls_back_to_official_when_the_schema_lacks_the_codes():
    """A case whose schema predates the codes (tests/cases/crowd-event) keeps `official`."""
    sentence = "The march took three hours, residents said."
    assert _attribution(sentence, NEW_ENUM, 0)[0] == "public"
    assert _attribution(sentence, OLD_ENUM, 0)[0] == "official"
