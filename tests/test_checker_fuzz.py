"""Property tests on the exercise checkers: any JSON input gives a result with feedback,
and inputs that once reached the last-resort net get a specific message.

Every Hypothesis test is derandomized (the same examples each run) and kept to a few
seconds. A test that found a bug in the library is kept, marked ``xfail(strict=True)`` with
the failing input in its reason; when the bug is fixed it passes, strict xfail turns that
into a failure, and the mark is removed.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medialit.exercises import item
from medialit.exercises.engine import Result
from tests.support.fuzz import (
    DECIMAL_ITEMS,
    ITEM_IDS,
    any_answer,
    expand,
    sized,
)


# =========================================================================== exercise checkers
@pytest.mark.slow
@sized(200)  # MEDIALIT_FUZZ_SCALE=2 for the 400 of before
@given(st.sampled_from(ITEM_IDS + sorted(DECIMAL_ITEMS)), any_answer)
def test_every_checker_returns_a_result_with_feedback_for_any_input(item_id, answer):
    """Every catalog item, and numeric items compared at decimal places."""
    answer = expand(answer)
    r = (DECIMAL_ITEMS.get(item_id) or item(item_id)).check(answer)
    assert isinstance(r, Result)
    assert isinstance(r.feedback, str) and r.feedback.strip()
    assert r.correct in (True, False, None) and isinstance(r.valid, bool)
    if not r.valid:
        assert r.correct is None
        assert "could not be read" not in r.feedback, (answer, r.feedback)  # a specific message
    if isinstance(answer, str) and len(answer) > 1000:  # no echo of a huge input
        assert len(r.feedback) < 5000


# Inputs that once reached the checker's last-resort net ("could not be read (TypeError)"):
# the normaliser must say what to do instead, as it does for every other unreadable input.
SAFETY_NET = [
    ("call_length_001", {"number": 2, "unit": [], "bound": "about"}),  # unhashable unit
    ("call_length_001", {"number": 2, "unit": "hours", "bound": {}}),  # unhashable bound
    ("call_length_conflicts", {"selected": [[]]}),  # a list inside selected
    ("origin_match", {"labels": {"r000": []}}),  # a list as a label
    ("prisoners_total", {"value": 10**400}),  # float() overflows
    ("n2.5d1t0", {"value": 10**400}),  # the same, at one decimal place
    ("call_length_001", {"number": 10**400, "unit": "hours", "bound": "about"}),
]


@pytest.mark.parametrize("item_id, answer", SAFETY_NET)
def test_unreadable_json_input_gets_a_specific_message(item_id, answer):
    r = (DECIMAL_ITEMS.get(item_id) or item(item_id)).check(answer)
    assert not r.valid
    assert "could not be read" not in r.feedback, r.feedback
