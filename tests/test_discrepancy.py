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
    return {(a[:3], b[:3]): v for a, b, v in zip(pairs.report_a, pairs.report_b, pairs.verdict)}


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
    row = pairs[(pairs.report_a == "001-halt-attacks") & (pairs.report_b == "004-energy-ceasefire")].iloc[0]
    assert "cannot both be right" in row.reason and "135-165" in row.reason and "108-132" in row.reason
    table = claim_intervals(case.fact_claims("call_length"))
    assert table.set_index("report_id").loc["002-white-house-announced", "says"] == "not mentioned"
