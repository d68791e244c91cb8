"""Do two reports really disagree about a number, or do they only look different?

Each quantity claim is read as an *interval* of values its words allow:

* ``at_least`` ("more than 90 minutes"): from the number up, with no upper end.
* ``at_most`` ("nearly two hours"): from 0 up to the number.
* ``about`` (a plain or rounded figure: "two and a half hours", "about two hours"): the
  stated figure give or take a *tolerance*, because reporters round. The default,
  :data:`DEFAULT_TOLERANCE` = 10 %, reads "about two hours" as 108-132 minutes and "two and
  a half hours" as 135-165 minutes. It is a parameter: try 5 % or 20 % and see which
  verdicts change.

Two claims **conflict** when their intervals do not overlap: they cannot both be right.
Claims whose intervals overlap are **compatible**, however different they sound ("more
than 90 minutes" and "two and a half hours"). A report that does not give the figure is
**not comparable**: silence contradicts nothing.

>>> from medialit import load_case
>>> pairs = compare_claims(load_case().fact_claims("call_length"))
>>> pairs.loc[pairs.verdict == "conflict", ["report_a", "report_b"]].values.tolist()
[['001-halt-attacks', '004-energy-ceasefire']]
"""

from __future__ import annotations

import math
from itertools import combinations

import pandas as pd

DEFAULT_TOLERANCE = 0.10
"""How far a plain or "about" figure may be from the truth, as a share of the figure."""

VERDICTS = ("conflict", "compatible", "same", "not comparable")

_HEDGE = {"about": "about ", "at_least": "more than ", "at_most": "up to "}


def interval(bound: str, low: float, high: float, tolerance: float = DEFAULT_TOLERANCE
             ) -> tuple[float, float]:
    """The values a claim allows, as (lowest, highest); ``inf`` means no upper end.

    >>> interval("about", 120, 120)
    (108.0, 132.0)
    >>> interval("at_least", 90, math.inf)
    (90.0, inf)
    """
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be a share between 0 and 1, not {tolerance!r}")
    if bound == "about":
        return (float(low) * (1 - tolerance), float(high) * (1 + tolerance))
    if bound == "at_least":
        return (float(low), math.inf)
    if bound == "at_most":
        return (0.0, float(high))
    raise ValueError(f"bound must be one of about, at_least, at_most, not {bound!r}")


def describe(value: float, bound: str, unit: str = "minutes") -> str:
    """A claim in plain words: ``describe(90, "at_least")`` -> ``'more than 90 minutes'``."""
    number = f"{value:g}"
    return f"{_HEDGE[bound]}{number} {unit}".strip()


def claim_intervals(claims: pd.DataFrame, tolerance: float = DEFAULT_TOLERANCE,
                    unit: str = "minutes") -> pd.DataFrame:
    """One row per report: what it says and the interval that allows.

    ``claims`` is the rows of one quantity fact (``case.fact_claims("call_length")``).
    Columns: report_id, says, bound, value, lowest, highest (``NaN`` when not mentioned).
    """
    rows = []
    for _, c in claims.iterrows():
        if c["mentioned"]:
            lo, hi = interval(c["bound"], c["low"], c["high"], tolerance)
            rows.append({"report_id": c["report_id"], "says": describe(c["value"], c["bound"], unit),
                         "bound": c["bound"], "value": c["value"], "lowest": lo, "highest": hi})
        else:
            rows.append({"report_id": c["report_id"], "says": "not mentioned", "bound": None,
                         "value": math.nan, "lowest": math.nan, "highest": math.nan})
    return pd.DataFrame(rows, columns=["report_id", "says", "bound", "value", "lowest", "highest"])


def compare_claims(claims: pd.DataFrame, tolerance: float = DEFAULT_TOLERANCE,
                   unit: str = "minutes") -> pd.DataFrame:
    """Every pair of reports for one quantity fact, with a verdict and the reason.

    Columns: report_a, report_b, says_a, says_b, verdict (one of :data:`VERDICTS`),
    overlap (the shared range as text, empty when none) and reason (a sentence).
    """
    iv = claim_intervals(claims, tolerance, unit)
    rows = []
    for (_, a), (_, b) in combinations(iv.iterrows(), 2):
        verdict, overlap, reason = _judge(a, b, tolerance, unit)
        rows.append({"report_a": a["report_id"], "report_b": b["report_id"],
                     "says_a": a["says"], "says_b": b["says"],
                     "verdict": verdict, "overlap": overlap, "reason": reason})
    return pd.DataFrame(rows, columns=["report_a", "report_b", "says_a", "says_b",
                                       "verdict", "overlap", "reason"])


def _span(lo: float, hi: float, unit: str) -> str:
    return f"{lo:g} {unit} or more" if math.isinf(hi) else f"{lo:g}-{hi:g} {unit}"


def _judge(a: pd.Series, b: pd.Series, tolerance: float, unit: str) -> tuple[str, str, str]:
    if pd.isna(a["lowest"]) or pd.isna(b["lowest"]):
        silent = a["report_id"] if pd.isna(a["lowest"]) else b["report_id"]
        return ("not comparable", "",
                f"{silent} gives no figure, and silence contradicts nothing.")
    lo, hi = max(a["lowest"], b["lowest"]), min(a["highest"], b["highest"])
    read = (f"'{a['says']}' allows {_span(a['lowest'], a['highest'], unit)}; "
            f"'{b['says']}' allows {_span(b['lowest'], b['highest'], unit)}")
    if lo > hi:
        reason = (f"{read}. These ranges do not overlap, so the two reports cannot both be "
                  f"right (reading 'about' as ±{tolerance:.0%}).")
        return ("conflict", "", reason)
    if a["bound"] == b["bound"] and a["value"] == b["value"]:
        return ("same", _span(lo, hi, unit), f"Both say {a['says']}.")
    return ("compatible", _span(lo, hi, unit),
            f"{read}. Both fit a call of {_span(lo, hi, unit)}, so they only look different.")
