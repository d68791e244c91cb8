"""Property tests on the quantity parser: long mixed text and any code point never raise
and keep every invariant; hedges before and after set the bound; phrases generated from a
grammar give their true value and bound.

Extends (does not repeat) the two property tests of test_quantities.py, which check spans
on a token soup and on short Unicode text.

Every Hypothesis test is derandomized (the same examples each run) and kept to a few
seconds. A test that found a bug in the library is kept, marked ``xfail(strict=True)`` with
the failing input in its reason; when the bug is fixed it passes, strict xfail turns that
into a failure, and the mark is removed.
"""

from __future__ import annotations

import json
import math
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from medialit.quantities import (
    HEDGES_AFTER,
    HEDGES_BEFORE,
    UNIT_MINUTES,
    UNIT_SPELLINGS,
    extract_quantities,
)
from tests.support.fuzz import (
    sized,
)

MEASURES = {
    "call_length",
    "ceasefire_length",
    "duration",
    "age",
    "time_ago",
    "prisoners_exchanged",
    "wounded_returned",
    "count",
}


# =========================================================================== quantity parser

_HEDGE_AT_START = re.compile(
    "("
    + "|".join(
        re.escape(h).replace(r"\ ", r"\s+") for h in sorted(HEDGES_BEFORE, key=len, reverse=True)
    )
    + r")\s",
    re.IGNORECASE,
)


def check_invariants(text: str, qs) -> None:
    """What every result of extract_quantities must satisfy, whatever the input."""
    last = 0
    for q in qs:
        assert q.text == text[q.start : q.end], q  # an exact substring
        assert last <= q.start < q.end <= len(text), q  # ordered, non-overlapping, non-empty
        last = q.end
        assert q.kind in ("duration", "count"), q
        assert q.bound in ("about", "at_least", "at_most"), q
        assert q.measure in MEASURES, q
        for v in (q.value, q.low, q.stated_value, *(() if q.high is None else (q.high,))):
            assert isinstance(v, float) and math.isfinite(v) and v >= 0, q
        # a span that starts with a hedge has that hedge's bound ("more than" -> at_least)
        h = _HEDGE_AT_START.match(q.text)
        if h:
            assert q.bound == HEDGES_BEFORE[" ".join(h.group(1).lower().split())], q
        # bounds agree with the hedge kind
        if q.high is not None:
            assert q.low <= q.high, q
        if q.bound == "at_least":
            assert (q.low, q.high) == (q.value, None), q
        elif q.bound == "at_most":
            assert (q.low, q.high) == (0.0, q.value), q
        else:  # about: a point, or a range with value its midpoint
            assert q.high is not None and q.low <= q.value <= q.high, q
            assert q.value == pytest.approx((q.low + q.high) / 2), q
        if q.kind == "duration":
            assert q.unit == "minutes" and q.stated_unit in UNIT_MINUTES, q
            assert q.value == pytest.approx(q.stated_value * UNIT_MINUTES[q.stated_unit]), q
        else:
            assert q.stated_unit == q.unit and q.stated_value == q.value, q
        json.dumps(q.to_dict())


# Long, mixed text: prose, quantity-ish tokens, odd Unicode (other scripts' digits,
# combining marks, bidi controls, zero-width characters, fullwidth forms).
_TOKENS = [
    "two",
    "and a half",
    "hours",
    "90-minute",
    "more than",
    "nearly",
    "or more",
    "plus",
    "between",
    "and",
    "to",
    "–",
    "-",
    "ago",
    "-year-old",
    "call",
    "lasted",
    "ceasefire",
    "prisoners",
    "wounded",
    "returned",
    "half",
    "an hour",
    "a",
    "1,000",
    "2.5",
    "1/2",
    "½",
    "\u0663\u0660",
    "\u0968",
    "\u00a0",
    "\u200b",
    "\u202e",
    "\u0301",
    "ＴＷＯ",
    "🙂",
    "\n",
    ". ",
    "U.S.",
    "Mr.",
    "$",
    "%",
    "March 13, 2025",
    "10 am",
    "1991",
    "G8",
]
long_text = st.lists(
    st.one_of(st.sampled_from(_TOKENS), st.text(max_size=12), st.integers(0, 10**12).map(str)),
    max_size=300,
).map(" ".join)


@pytest.mark.slow
@sized(150)
@given(long_text)
def test_long_mixed_text_never_raises_and_keeps_every_invariant(text):
    check_invariants(text, extract_quantities(text))


@sized(100)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=400))
@example("\ud800 two hours \udfff")  # lone surrogates
@example("\x00" * 50 + "two hours")
def test_any_code_point_never_raises(text):
    check_invariants(text, extract_quantities(text))


# --------------------------------------------------------------------------- hedge consistency
_SAFE_PREFIXES = [
    "",
    "The call lasted",
    "Officials said it went on for",
    "Reports say",
    "They spoke for",
    "It ran",
    "In all,",
]
# "over" after "took", "hand" ... is read as a particle; "no"/"not"/"just"/"a little" before a
# hedge make another hedge: keep the word before the hedge neutral.


@sized(150)
@given(
    prefix=st.sampled_from(_SAFE_PREFIXES),
    hedge=st.sampled_from(sorted(HEDGES_BEFORE)),
    n=st.integers(2, 500),
    unit=st.sampled_from(["minutes", "hours", "days", "weeks"]),
    upper=st.booleans(),
)
def test_hedge_right_before_the_number_sets_the_bound(prefix, hedge, n, unit, upper):
    h = hedge.upper() if upper else hedge
    phrase = f"{h} {n} {unit}"
    text = f"{prefix} {phrase}.".strip()
    qs = extract_quantities(text)
    check_invariants(text, qs)
    assert [q.text for q in qs] == [phrase], (text, qs)
    q = qs[0]
    assert q.bound == HEDGES_BEFORE[hedge], (text, q)
    assert q.value == n * UNIT_MINUTES[unit]


@sized(150)
@given(
    hedge=st.sampled_from(sorted(HEDGES_AFTER)),
    n=st.integers(2, 500),
    unit=st.sampled_from(["minutes", "hours", "days"]),
)
def test_hedge_right_after_the_unit_sets_the_bound(hedge, n, unit):
    text = f"The call lasted {n} {unit} {hedge}."
    (q,) = extract_quantities(text)
    assert (q.text, q.bound) == (f"{n} {unit} {hedge}", HEDGES_AFTER[hedge])


# --------------------------------------------------------------------------- generated phrases
_ONES = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """1..999 in English words ("a hundred and fifty" style uses "one hundred and fifty")."""
    assert 1 <= n <= 999
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_ONES[hundreds]} hundred")
    if rest:
        words = (
            _ONES[rest]
            if rest < 20
            else _TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else "")
        )
        parts.append(words)
    return " and ".join(parts)


@st.composite
def numbers(draw):
    """(written form, value, may it take a hyphenated unit)"""
    form = draw(st.sampled_from(["digits", "comma", "decimal", "words", "half", "frac", "uhalf"]))
    if form == "digits":
        n = draw(st.integers(1, 99_999))
        return str(n), float(n), True
    if form == "comma":
        n = draw(st.integers(1_000, 999_999))
        return f"{n:,}", float(n), True
    if form == "decimal":
        whole, tenths = draw(st.integers(0, 99)), draw(st.integers(1, 9))
        return f"{whole}.{tenths}", whole + tenths / 10, True
    if form == "words":
        n = draw(st.integers(1, 999))
        words = number_words(n)
        return words, float(n), " " not in words  # "two-hour", not "one hundred-hour"
    if form == "half":  # "two and a half"
        n = draw(st.integers(1, 19))
        return f"{number_words(n)} and a half", n + 0.5, False
    if form == "frac":  # "2 1/2"
        n = draw(st.integers(1, 99))
        return f"{n} 1/2", n + 0.5, True
    n = draw(st.integers(1, 99))
    return f"{n}½", n + 0.5, True


_SPELLINGS = {
    canon: sorted(w for w, c in UNIT_SPELLINGS.items() if c == canon) for canon in UNIT_MINUTES
}


@st.composite
def duration_phrases(draw):
    """(sentence, expected span, minutes, bound) from a small grammar:
    [hedge] number unit [after-hedge] or [hedge] number-unit adjective + noun."""
    written, value, hyphenable = draw(numbers())
    canon = draw(st.sampled_from(sorted(UNIT_MINUTES)))
    unit = draw(st.sampled_from(_SPELLINGS[canon]))
    hedge = draw(st.one_of(st.none(), st.sampled_from(sorted(HEDGES_BEFORE))))
    adjective = hyphenable and draw(st.booleans())
    if adjective:
        span = f"{written}-{unit}"
        after = None
    else:
        span = f"{written} {unit}"
        after = draw(st.one_of(st.none(), st.sampled_from(sorted(HEDGES_AFTER))))
        if after:
            span += f" {after}"
    if hedge:
        span = f"{hedge} {span}"
    sentence = f"The talks lasted {span}." if not adjective else f"It was the {span} meeting."
    bound = HEDGES_BEFORE[hedge] if hedge else HEDGES_AFTER[after] if after else "about"
    return sentence, span, value * UNIT_MINUTES[canon], bound


@pytest.mark.slow
@sized(300)
@given(duration_phrases())
def test_generated_duration_phrases_give_their_true_value_and_bound(phrase):
    sentence, span, minutes, bound = phrase
    qs = extract_quantities(sentence)
    check_invariants(sentence, qs)
    assert [q.text for q in qs] == [span], sentence
    q = qs[0]
    assert q.kind == "duration"
    assert q.value == pytest.approx(minutes, rel=1e-9), sentence
    assert q.bound == bound, sentence
    assert (q.low, q.high) == {
        "about": (q.value, q.value),
        "at_least": (q.value, None),
        "at_most": (0.0, q.value),
    }[bound]


@st.composite
def range_phrases(draw):
    lo = draw(st.integers(1, 500))
    hi = draw(st.integers(lo + 1, 1000))
    canon = draw(st.sampled_from(["minutes", "hours", "days"]))
    form = draw(
        st.sampled_from(
            [
                "between {a} and {b} {u}",
                "{a} to {b} {u}",
                "{a}-{b} {u}",
                "{a}–{b} {u}",
                "from {a} to {b} {u}",
            ]
        )
    )
    # words only where unambiguous: "between one hundred and one and two hundred" is not
    words = (
        draw(st.booleans())
        and hi <= 999
        and "-" not in form
        and "–" not in form
        and " and " not in number_words(lo) + number_words(hi)
    )
    a, b = (number_words(lo), number_words(hi)) if words else (str(lo), str(hi))
    span = form.format(a=a, b=b, u=canon)
    return f"The call lasted {span}.", span, lo * UNIT_MINUTES[canon], hi * UNIT_MINUTES[canon]


@sized(150)
@given(range_phrases())
def test_generated_ranges_give_their_ends(phrase):
    sentence, span, low, high = phrase
    qs = extract_quantities(sentence)
    check_invariants(sentence, qs)
    assert [q.text for q in qs] == [span], sentence
    q = qs[0]
    assert (q.bound, q.low, q.high) == ("about", low, high)
    assert q.value == (low + high) / 2


_NOUNS = {
    "prisoners": "prisoner",
    "soldiers": "soldier",
    "drones": "drone",
    "people": "person",
    "civilians": "civilian",
    "casualties": "casualty",
    "witnesses": "witness",
    "reactors": "reactor",
    "missiles": "missile",
}


@st.composite
def count_phrases(draw):
    n = draw(st.integers(2, 999))
    written = draw(st.sampled_from([str(n), number_words(n)]))
    if n >= 1000 or (written.isdigit() and 1000 <= n <= 2100):
        written = number_words(n)
    noun = draw(st.sampled_from(sorted(_NOUNS)))
    hedge = draw(st.one_of(st.none(), st.sampled_from(sorted(HEDGES_BEFORE))))
    span = f"{hedge} {written} {noun}" if hedge else f"{written} {noun}"
    return (
        f"Officials counted {span} on Tuesday.",
        span,
        float(n),
        _NOUNS[noun],
        HEDGES_BEFORE[hedge] if hedge else "about",
    )


@sized(150)
@given(count_phrases())
def test_generated_counts_give_their_value_noun_and_bound(phrase):
    sentence, span, n, unit, bound = phrase
    qs = extract_quantities(sentence)
    check_invariants(sentence, qs)
    assert [q.text for q in qs] == [span], sentence
    q = qs[0]
    assert (q.kind, q.unit, q.value, q.bound) == ("count", unit, n, bound), sentence
