import math

import pytest

from medialit.discrepancy import claim_intervals, compare_claims, describe, interval


def test_intervals_follow_the_hedge():
    assert interval("about", 120, 120, 0.1) == pytest.approx((108, 132))
    assert interval("at_least", 90, math.inf) == (90, math.inf)
    assert interval("at_most", 0, 120) == (0, 120)
    assert interval("about", 90, 120, 0.0) == (90, 120)
    with pytest.raises(ValueError, match="bound"):
        interval("roughly", 1, 1)
    with pytest.raises(ValueError, match="tolerance"):
        interval("about", 1, 1, 1.5)


def test_describe():
    assert describe(90, "at_least") == "more than 90 minutes"
    assert describe(150, "about") == "about 150 minutes"


def _verdicts(case, tolerance=0.1):
    pairs = compare_claims(case.fact_claims("call_length"), tolerance)
    return {
        (a[:3], b[:3]): v
        for a, b, v in zip(pairs.report_a, pairs.report_b, pairs.verdict, strict=False)
    }


def test_only_001_and_004_truly_conflict(case):
    v = _verdicts(case)
    assert len(v) == 10
    assert [p for p, x in v.items() if x == "conflict"] == [("001", "004")]
    # "more than 90 minutes" does not contradict "two and a half hours".
    assert v[("000", "001")] == "compatible"
    assert v[("003", "004")] == "compatible"
    assert all(x == "not comparable" for p, x in v.items() if "002" in p)


def test_a_loose_reading_of_about_removes_the_conflict(case):
    assert "conflict" not in _verdicts(case, 0.2).values()
    assert _verdicts(case, 0.0)[("001", "004")] == "conflict"


def test_reasons_are_readable(case):
    pairs = compare_claims(case.fact_claims("call_length"))
    row = pairs[
        (pairs.report_a == "001-halt-attacks") & (pairs.report_b == "004-energy-ceasefire")
    ].iloc[0]
    assert (
        "cannot both be right" in row.reason and "135-165" in row.reason and "108-132" in row.reason
    )
    table = claim_intervals(case.fact_claims("call_length"))
    assert table.set_index("report_id").loc["002-white-house-announced", "says"] == "not mentioned"


# --------------------------------------------------------------------------- beyond durations

CROWD = "tests/cases/crowd-event"


def test_an_exact_figure_allows_that_value_only():
    assert interval("exact", 125, 125) == (125, 125)
    assert interval("exact", 125, 125, 0.5) == (125, 125)  # no tolerance, whatever the rule
    assert describe(125, "exact") == "exactly 125 minutes"
    assert describe(12000, "about", "people") == "about 12,000 people"


def test_each_fact_is_read_with_its_own_tolerance_from_facts_csv():
    from medialit import load_case
    from medialit.discrepancy import tolerance_of

    case = load_case(CROWD)
    assert tolerance_of(case, "crowd_size") == 0.25
    assert tolerance_of(case, "march_length") == 0.10  # empty cell: the default
    claims = case.fact_claims("crowd_size")
    assert claims.attrs["tolerance"] == 0.25 and claims.attrs["unit"] == "people"
    pairs = compare_claims(claims)  # the fact's tolerance and unit, not 10 % and minutes
    v = {
        (a[:3], b[:3]): x
        for a, b, x in zip(pairs.report_a, pairs.report_b, pairs.verdict, strict=False)
    }
    assert [p for p, x in v.items() if x == "conflict"] == [
        ("000", "001"),
        ("001", "002"),
        ("001", "003"),
    ]
    assert "8,000" in pairs.says_a[0] and "people" in pairs.reason[0]
    strict = compare_claims(claims, tolerance=0.10)  # given explicitly, it wins
    assert (
        dict(
            zip(
                zip(strict.report_a.str[:3], strict.report_b.str[:3], strict=False),
                strict.verdict,
                strict=False,
            )
        )[("000", "002")]
        == "conflict"
    )


def test_an_exact_count_conflicts_with_a_round_one_nearby():
    from medialit import load_case

    pairs = compare_claims(load_case(CROWD).fact_claims("arrests"))
    row = pairs[(pairs.report_a.str[:3] == "000") & (pairs.report_b.str[:3] == "001")].iloc[0]
    assert row.verdict == "conflict"  # exactly 14 against about 12 (10.8-13.2)
    assert "'exactly 14 people arrested' allows 14 people arrested" in row.reason
    same = pairs[(pairs.report_a.str[:3] == "000") & (pairs.report_b.str[:3] == "003")].iloc[0]
    assert same.verdict == "same"


def test_exact_and_tolerance_are_validated(tmp_path):
    import shutil

    import pandas as pd

    from medialit import validate_case

    folder = shutil.copytree(CROWD, tmp_path / "crowd")
    claims = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    row = (claims.report_id == "002-wire-copy") & (claims.fact == "march_length")
    claims.loc[row, "high"] = "130"
    claims.to_csv(folder / "claims.csv", index=False)
    facts = pd.read_csv(folder / "facts.csv", dtype=str, keep_default_na=False)
    facts.loc[facts.fact == "plan_wording", "tolerance"] = "0.2"
    facts.loc[facts.fact == "arrests", "tolerance"] = "10"
    facts.to_csv(folder / "facts.csv", index=False)
    problems = [str(p) for p in validate_case(folder)]
    assert any("facts.csv:4:tolerance" in p and "0.9" in p for p in problems), (
        problems
    )  # not a share
    facts.loc[facts.fact == "arrests", "tolerance"] = ""
    facts.to_csv(folder / "facts.csv", index=False)
    problems = [str(p) for p in validate_case(folder)]
    assert any(p.startswith("facts.csv:5:tolerance: only a quantity fact") for p in problems)
    assert any(p.startswith("claims.csv:") and "for exact" in p for p in problems), problems
