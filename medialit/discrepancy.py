"""Do two reports really disagree about a number, or do they only look different?

Each quantity claim is read as an *interval* of values its words allow:

* ``at_least`` ("more than 90 minutes"): from the number up, with no upper end.
* ``at_most`` ("nearly two hours"): from 0 up to the number.
* ``about`` (a plain or rounded figure: "two and a half hours", "about two hours"): the
  stated figure give or take a *tolerance*, because reporters round. The default,
  :data:`DEFAULT_TOLERANCE` = 10 %, reads "about two hours" as 108-132 minutes and "two and
  a half hours" as 135-165 minutes. It is a parameter: try 5 % or 20 % and see which
  verdicts change. A case sets it per fact in the ``tolerance`` column of ``facts.csv``
  (a share: 0.25 for a rough figure such as a crowd size); an empty cell means 10 %.
* ``exact`` (a precise figure: "2 hours and 5 minutes", "4,212 votes"): that value only,
  with no tolerance.

Two claims **conflict** when their intervals do not overlap: they cannot both be right.
Claims whose intervals overlap are **compatible**, however different they sound ("more
than 90 minutes" and "two and a half hours"). A report that does not give the figure is
**not comparable**: silence contradicts nothing.

>>> inf, nan = math.inf, math.nan
>>> claims = pd.DataFrame({"report_id": ["a", "b", "c", "d"],
...                        "mentioned": [True, True, True, False],
...                        "bound": ["at_least", "about", "about", ""],
...                        "value": [90.0, 150.0, 60.0, nan], "low": [90.0, 150.0, 60.0, nan],
...                        "high": [inf, 150.0, 60.0, nan]})
>>> pairs = compare_claims(claims)
>>> print(pairs[["report_a", "report_b", "verdict"]].to_string(index=False))
report_a report_b        verdict
       a        b     compatible
       a        c       conflict
       a        d not comparable
       b        c       conflict
       b        d not comparable
       c        d not comparable
>>> pairs.loc[0, "overlap"]
'135-165 minutes'
"""

from __future__ import annotations

import math
from itertools import combinations

import pandas as pd

DEFAULT_TOLERANCE = 0.10
"""How far a plain or "about" figure may be from the truth, as a share of the figure."""

VERDICTS = ("conflict", "compatible", "same", "not comparable")

_HEDGE = {"about": "about ", "at_least": "more than ", "at_most": "up to ", "exact": "exactly "}
_TIME_UNITS = {"minutes", "hours", "days"}


def tolerance_of(case, fact: str) -> float:
    """The tolerance of one quantity fact: its ``tolerance`` in facts.csv, or
    :data:`DEFAULT_TOLERANCE` when the cell (or the column) is empty.

    >>> from pathlib import Path
    >>> from medialit.case import Case
    >>> facts = pd.DataFrame({"fact": ["crowd_size", "call_length"], "tolerance": ["0.25", ""]})
    >>> case = Case("toy", "A toy case", Path("."), reports=pd.DataFrame(),
    ...             furniture=pd.DataFrame(), facts=facts, claims=pd.DataFrame())
    >>> tolerance_of(case, "crowd_size"), tolerance_of(case, "call_length")
    (0.25, 0.1)
    """
    facts = case.facts
    if "tolerance" not in facts.columns:
        return DEFAULT_TOLERANCE
    cell = str(facts.set_index("fact").loc[fact, "tolerance"]).strip()
    return float(cell) if cell not in ("", "nan") else DEFAULT_TOLERANCE


def number(value: float) -> str:
    """A figure as the book writes it: whole numbers with thousands separators, others
    with up to six significant digits.

    >>> number(12000.0), number(157.5), number(165.00000000000003), number(2.5)
    ('12,000', '157.5', '165', '2.5')
    """
    r = round(float(value), 6)
    if math.isfinite(r) and r == int(r):
        return f"{int(r):,}"
    return f"{r:,.6g}"


def interval(
    bound: str, low: float, high: float, tolerance: float = DEFAULT_TOLERANCE
) -> tuple[float, float]:
    """The values a claim allows, as (lowest, highest); ``inf`` means no upper end.

    >>> interval("about", 120, 120)
    (108.0, 132.0)
    >>> interval("at_least", 90, math.inf)
    (90.0, inf)
    >>> interval("exact", 125, 125)
    (125.0, 125.0)
    """
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be a share between 0 and 1, not {tolerance!r}")
    if bound == "about":
        return (float(low) * (1 - tolerance), float(high) * (1 + tolerance))
    if bound == "at_least":
        return (float(low), math.inf)
    if bound == "at_most":
        return (0.0, float(high))
    if bound == "exact":
        return (float(low), float(high))
    raise ValueError(f"bound must be one of about, at_least, at_most, exact, not {bound!r}")


def describe(value: float, bound: str, unit: str = "minutes") -> str:
    """A claim in plain words: ``describe(90, "at_least")`` -> ``'more than 90 minutes'``,
    ``describe(12000, "about", "people")`` -> ``'about 12,000 people'``."""
    return f"{_HEDGE[bound]}{number(value)} {unit}".strip()


def _defaults(claims: pd.DataFrame, tolerance: float | None, unit: str | None) -> tuple[float, str]:
    """The tolerance and unit to use: as given, else the fact's (``claims.attrs``, set by
    ``Case.fact_claims``), else 10 % and minutes."""
    if tolerance is None:
        tolerance = claims.attrs.get("tolerance", DEFAULT_TOLERANCE)
    if unit is None:
        unit = claims.attrs.get("unit") or "minutes"
    return float(tolerance), str(unit)


def claim_intervals(
    claims: pd.DataFrame, tolerance: float | None = None, unit: str | None = None
) -> pd.DataFrame:
    """One row per report: what it says and the interval that allows.

    ``claims`` is the rows of one quantity fact (``case.fact_claims("call_length")``).
    ``tolerance`` and ``unit`` default to the fact's own (``tolerance`` in facts.csv, else
    10 %). Columns: report_id, says, bound, value, lowest, highest (``NaN`` when not
    mentioned).
    """
    tolerance, unit = _defaults(claims, tolerance, unit)
    rows = []
    for _, c in claims.iterrows():
        if c["mentioned"]:
            lo, hi = interval(c["bound"], c["low"], c["high"], tolerance)
            rows.append(
                {
                    "report_id": c["report_id"],
                    "says": describe(c["value"], c["bound"], unit),
                    "bound": c["bound"],
                    "value": c["value"],
                    "lowest": lo,
                    "highest": hi,
                }
            )
        else:
            rows.append(
                {
                    "report_id": c["report_id"],
                    "says": "not mentioned",
                    "bound": None,
                    "value": math.nan,
                    "lowest": math.nan,
                    "highest": math.nan,
                }
            )
    return pd.DataFrame(rows, columns=["report_id", "says", "bound", "value", "lowest", "highest"])


def compare_claims(
    claims: pd.DataFrame, tolerance: float | None = None, unit: str | None = None
) -> pd.DataFrame:
    """Every pair of reports for one quantity fact, with a verdict and the reason.

    ``tolerance`` and ``unit`` default to the fact's own, as in :func:`claim_intervals`.
    Columns: report_a, report_b, says_a, says_b, verdict (one of :data:`VERDICTS`),
    overlap (the shared range as text, empty when none) and reason (a sentence).
    """
    tolerance, unit = _defaults(claims, tolerance, unit)
    iv = claim_intervals(claims, tolerance, unit)
    call = claims.attrs.get("fact", "call_length") == "call_length"
    rows = []
    for (_, a), (_, b) in combinations(iv.iterrows(), 2):
        verdict, overlap, reason = _judge(a, b, tolerance, unit, call)
        rows.append(
            {
                "report_a": a["report_id"],
                "report_b": b["report_id"],
                "says_a": a["says"],
                "says_b": b["says"],
                "verdict": verdict,
                "overlap": overlap,
                "reason": reason,
            }
        )
    return pd.DataFrame(
        rows, columns=["report_a", "report_b", "says_a", "says_b", "verdict", "overlap", "reason"]
    )


def _span(lo: float, hi: float, unit: str) -> str:
    if math.isinf(hi):
        return f"{number(lo)} {unit} or more"
    if number(lo) == number(hi):
        return f"{number(lo)} {unit}"
    return f"{number(lo)}-{number(hi)} {unit}"


def _judge(
    a: pd.Series, b: pd.Series, tolerance: float, unit: str, call: bool = True
) -> tuple[str, str, str]:
    if pd.isna(a["lowest"]) or pd.isna(b["lowest"]):
        silent = a["report_id"] if pd.isna(a["lowest"]) else b["report_id"]
        return ("not comparable", "", f"{silent} gives no figure, and silence contradicts nothing.")
    lo, hi = max(a["lowest"], b["lowest"]), min(a["highest"], b["highest"])
    read = (
        f"'{a['says']}' allows {_span(a['lowest'], a['highest'], unit)}; "
        f"'{b['says']}' allows {_span(b['lowest'], b['highest'], unit)}"
    )
    if lo > hi:
        reason = (
            f"{read}. These ranges do not overlap, so the two reports cannot both be "
            f"right (reading 'about' as ±{tolerance:.0%})."
        )
        return ("conflict", "", reason)
    if a["bound"] == b["bound"] and a["value"] == b["value"]:
        return ("same", _span(lo, hi, unit), f"Both say {a['says']}.")
    fits = (
        f"Both fit a call of {_span(lo, hi, unit)}" if call else f"Both allow {_span(lo, hi, unit)}"
    )
    return ("compatible", _span(lo, hi, unit), f"{read}. {fits}, so they only look different.")
