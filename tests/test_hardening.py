"""Hardening: property tests on the quantity parser and the exercise checkers, and escaping
of hostile text in every place the book shows report text or student answers.

Extends (does not repeat) the two property tests of test_quantities.py, which check spans
on a token soup and on short Unicode text: here the parser also meets long mixed text, and
phrases generated from a grammar whose true value and bound are known.

Every Hypothesis test is derandomized (the same examples each run) and kept to a few
seconds. A test that found a bug in the library is kept, marked ``xfail(strict=True)`` with
the failing input in its reason; when the bug is fixed it passes, strict xfail turns that
into a failure, and the mark is removed.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from medialit.exercises import catalog, engine, item
from medialit.exercises.engine import Result
from medialit.exercises.widget import SOURCES, widget_source
from medialit.quantities import (
    HEDGES_AFTER,
    HEDGES_BEFORE,
    UNIT_MINUTES,
    UNIT_SPELLINGS,
    extract_quantities,
)

ROOT = Path(__file__).resolve().parents[1]
WIDGET_JS = ROOT / "medialit" / "exercises" / "widget.js"

# Same examples on every run (CI stability, and strict xfails stay deterministic). To hunt
# for new bugs, set MEDIALIT_FUZZ=N: N random (not derandomized) examples per test.
_HUNT = int(os.environ.get("MEDIALIT_FUZZ", "0"))
FAST = settings(max_examples=150, deadline=None, database=None, derandomize=not _HUNT,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def sized(n: int) -> settings:
    """FAST with n examples (or MEDIALIT_FUZZ's number when hunting)."""
    return settings(FAST, max_examples=_HUNT or n)


MEASURES = {"call_length", "ceasefire_length", "duration", "age", "time_ago",
            "prisoners_exchanged", "wounded_returned", "count"}


# =========================================================================== quantity parser

_HEDGE_AT_START = re.compile(
    "(" + "|".join(re.escape(h).replace(r"\ ", r"\s+")
                   for h in sorted(HEDGES_BEFORE, key=len, reverse=True)) + r")\s", re.IGNORECASE)


def check_invariants(text: str, qs) -> None:
    """What every result of extract_quantities must satisfy, whatever the input."""
    last = 0
    for q in qs:
        assert q.text == text[q.start:q.end], q  # an exact substring
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
    "two", "and a half", "hours", "90-minute", "more than", "nearly", "or more", "plus",
    "between", "and", "to", "–", "-", "ago", "-year-old", "call", "lasted", "ceasefire",
    "prisoners", "wounded", "returned", "half", "an hour", "a", "1,000", "2.5", "1/2", "½",
    "\u0663\u0660", "\u0968", "\u00a0", "\u200b", "\u202e", "\u0301", "ＴＷＯ", "🙂", "\n", ". ",
    "U.S.", "Mr.", "$", "%", "March 13, 2025", "10 am", "1991", "G8",
]
long_text = st.lists(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=12),
                               st.integers(0, 10**12).map(str)), max_size=300).map(" ".join)


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
_SAFE_PREFIXES = ["", "The call lasted", "Officials said it went on for", "Reports say",
                  "They spoke for", "It ran", "In all,"]
# "over" after "took", "hand" ... is read as a particle; "no"/"not"/"just"/"a little" before a
# hedge make another hedge: keep the word before the hedge neutral.


@sized(150)
@given(prefix=st.sampled_from(_SAFE_PREFIXES), hedge=st.sampled_from(sorted(HEDGES_BEFORE)),
       n=st.integers(2, 500), unit=st.sampled_from(["minutes", "hours", "days", "weeks"]),
       upper=st.booleans())
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
@given(hedge=st.sampled_from(sorted(HEDGES_AFTER)), n=st.integers(2, 500),
       unit=st.sampled_from(["minutes", "hours", "days"]))
def test_hedge_right_after_the_unit_sets_the_bound(hedge, n, unit):
    text = f"The call lasted {n} {unit} {hedge}."
    (q,) = extract_quantities(text)
    assert (q.text, q.bound) == (f"{n} {unit} {hedge}", HEDGES_AFTER[hedge])


# --------------------------------------------------------------------------- generated phrases
_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """1..999 in English words ("a hundred and fifty" style uses "one hundred and fifty")."""
    assert 1 <= n <= 999
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_ONES[hundreds]} hundred")
    if rest:
        words = _ONES[rest] if rest < 20 else \
            _TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else "")
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


_SPELLINGS = {canon: sorted(w for w, c in UNIT_SPELLINGS.items() if c == canon)
              for canon in UNIT_MINUTES}


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
    assert (q.low, q.high) == {"about": (q.value, q.value), "at_least": (q.value, None),
                               "at_most": (0.0, q.value)}[bound]


@st.composite
def range_phrases(draw):
    lo = draw(st.integers(1, 500))
    hi = draw(st.integers(lo + 1, 1000))
    canon = draw(st.sampled_from(["minutes", "hours", "days"]))
    form = draw(st.sampled_from(["between {a} and {b} {u}", "{a} to {b} {u}", "{a}-{b} {u}",
                                 "{a}–{b} {u}", "from {a} to {b} {u}"]))
    # words only where unambiguous: "between one hundred and one and two hundred" is not
    words = draw(st.booleans()) and hi <= 999 and "-" not in form and "–" not in form \
        and " and " not in number_words(lo) + number_words(hi)
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


_NOUNS = {"prisoners": "prisoner", "soldiers": "soldier", "drones": "drone",
          "people": "person", "civilians": "civilian", "casualties": "casualty",
          "witnesses": "witness", "reactors": "reactor", "missiles": "missile"}


@st.composite
def count_phrases(draw):
    n = draw(st.integers(2, 999))
    written = draw(st.sampled_from([str(n), number_words(n)]))
    if n >= 1000 or (written.isdigit() and 1000 <= n <= 2100):
        written = number_words(n)
    noun = draw(st.sampled_from(sorted(_NOUNS)))
    hedge = draw(st.one_of(st.none(), st.sampled_from(sorted(HEDGES_BEFORE))))
    span = f"{hedge} {written} {noun}" if hedge else f"{written} {noun}"
    return f"Officials counted {span} on Tuesday.", span, float(n), _NOUNS[noun], \
        HEDGES_BEFORE[hedge] if hedge else "about"


@sized(150)
@given(count_phrases())
def test_generated_counts_give_their_value_noun_and_bound(phrase):
    sentence, span, n, unit, bound = phrase
    qs = extract_quantities(sentence)
    check_invariants(sentence, qs)
    assert [q.text for q in qs] == [span], sentence
    q = qs[0]
    assert (q.kind, q.unit, q.value, q.bound) == ("count", unit, n, bound), sentence


# =========================================================================== exercise checkers

ITEMS = catalog()
ITEM_IDS = [i.id for i in ITEMS]
_IDS = sorted({o["id"] for i in ITEMS for o in i.spec.get("options", [])}
              | {s["id"] for i in ITEMS for s in i.spec.get("segments", [])}
              | {lab["id"] for i in ITEMS for lab in i.spec.get("labels", [])})
_HOSTILE = ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=1">',
            "'; DROP TABLE answers; --", "\" OR 1=1 --", "🙂" * 40, "👩🏽‍🚀", "\u202egnp.exe",
            "\x00", "{{7*7}}", "${7*7}", "__proto__", "constructor", "toString", "NaN", "Infinity",
            "-0", "1e309", "2.5", " 150 ", "1,5", "hours", "minutes", "days", "about",
            "at_least", "at_most", "not stated"]
# About 1 MB each. Hypothesis draws a placeholder and the test expands it: huge values
# drawn by Hypothesis itself are kept in memory for every example (gigabytes).
_BIG = {"<1MB x>": "x" * 1_000_000, "<1MB emoji>": "🙂" * 250_000, "<1MB tags>": "<b>" * 300_000}


def expand(value):
    """The answer with every 1 MB placeholder replaced by its string."""
    if isinstance(value, str):
        return _BIG.get(value, value)
    if isinstance(value, list):
        return [expand(v) for v in value]
    if isinstance(value, dict):
        return {k: expand(v) for k, v in value.items()}
    return value


scalar = st.one_of(
    st.none(), st.booleans(),
    st.integers(), st.integers(-10**400, 10**400),  # huge ints: beyond any float
    st.floats(),  # nan, inf, -inf, -0.0, subnormals
    st.text(max_size=60), st.sampled_from(_IDS + _HOSTILE), st.sampled_from(sorted(_BIG)),
)
any_json = st.recursive(scalar, lambda c: st.lists(c, max_size=5)
                        | st.dictionaries(st.text(max_size=8) | st.sampled_from(_IDS), c, max_size=5),
                        max_leaves=12)
_ANSWER_KEYS = ["choice", "selected", "labels", "number", "unit", "bound", "not_stated", "value",
                "text"]
any_answer = st.one_of(any_json, st.fixed_dictionaries(
    {}, optional={k: any_json for k in _ANSWER_KEYS}))


@sized(400)
@given(st.sampled_from(ITEM_IDS), any_answer)
def test_every_checker_returns_a_result_with_feedback_for_any_input(item_id, answer):
    answer = expand(answer)
    r = item(item_id).check(answer)
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
    ("call_length_001", {"number": 10**400, "unit": "hours", "bound": "about"}),
]


@pytest.mark.parametrize("item_id, answer", SAFETY_NET)
def test_unreadable_json_input_gets_a_specific_message(item_id, answer):
    r = item(item_id).check(answer)
    assert not r.valid
    assert "could not be read" not in r.feedback, r.feedback


# --------------------------------------------------------------------------- JS parity

@pytest.fixture(scope="module")
def run_js(tmp_path_factory):
    """Run widget.js's check() under node on (item spec, answer) pairs, as
    tests/test_engine.py::test_javascript_checker_agrees_with_python does."""
    node = shutil.which("node")
    assert node, "node is needed to test widget.js"
    where = tmp_path_factory.mktemp("js-parity")
    (where / "widget.mjs").write_text(widget_source(), encoding="utf-8")  # rules inlined
    (where / "run.mjs").write_text(
        "import { check } from './widget.mjs';\n"
        "import { readFileSync } from 'node:fs';\n"
        "const cases = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url)));\n"
        "console.log(JSON.stringify(cases.map((c) => check(c.item, c.answer))));\n",
        encoding="utf-8")

    def run(pairs: list[tuple[str, object]]) -> list[dict]:
        cases = [{"item": item(i).spec, "answer": a} for i, a in pairs]
        (where / "cases.json").write_text(json.dumps(cases, allow_nan=False), encoding="utf-8")
        done = subprocess.run([node, str(where / "run.mjs")], capture_output=True, text=True,
                              timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


def python_result(item_id: str, answer) -> dict:
    r = item(item_id).check(answer)
    return {"correct": r.correct, "valid": r.valid, "feedback": r.feedback}


# Answers in the widget's own form (a JSON object with the widget's keys), with values that
# are right, wrong, missing or junk: all of Unicode (emoji count as one character on both
# sides), every whitespace character, digits of other scripts, hex and underscores.
_WHITESPACE = "\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u202f\u3000\ufeff"
_text = st.text(st.characters() | st.sampled_from(_WHITESPACE), max_size=40)
_numeric_text = st.text("0123456789.,-+e xabo_\u0663\uff15" + _WHITESPACE, min_size=1,
                        max_size=12)
# Lengths typed with digits into the duration box (engine.LENGTH): every hedge and unit
# word of the two tables, glued or spaced, in either case, with junk on either side.
_length_text = st.builds(
    lambda h, n, u, tail, glue, upper: (
        f"{h}{' ' if glue else ''}{n}{'' if glue else ' '}{u}{tail}".upper() if upper
        else f"{h}{' ' if glue else ''}{n}{'' if glue else ' '}{u}{tail}"),
    st.sampled_from(["", *engine.LENGTH_HEDGES, "two", "kinda"]),
    st.sampled_from(["2", "2.5", "150", "90", "1,000", ".5", "2.", "0", "99999999", "3e2"]),
    st.sampled_from(["", *engine.LENGTH_UNITS, "30", "h30", "h 30m", " hours and 45 minutes",
                     "h75", "weeks", "x"]),
    st.sampled_from(["", "+", " or more", " or so", " at most", " plus", ".", " !", "\u00a0"]),
    st.booleans(), st.booleans())
_number = st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9),
                    st.floats(-1e9, 1e9, allow_nan=False), st.floats(1e7, 1e300), _numeric_text,
                    st.sampled_from(["inf", "nan", "0x15e", "3_50", "1e400", "", "🙂" * 20]),
                    _text, _length_text)
_id_or_text = st.one_of(st.sampled_from(_IDS), _text)
widget_answer = st.fixed_dictionaries({}, optional={
    "choice": st.one_of(st.none(), st.integers(), _id_or_text, st.lists(_id_or_text, max_size=2)),
    "selected": st.one_of(st.none(), st.integers(), _id_or_text,
                          st.lists(st.one_of(st.sampled_from(_IDS), st.text("abcxyz-0123", max_size=6)),
                                   unique=True, max_size=8)),
    "labels": st.one_of(st.dictionaries(_id_or_text, st.one_of(st.none(), st.integers(),
                                                               _id_or_text), max_size=8)),
    "number": _number, "value": _number,
    "unit": st.one_of(st.none(), st.sampled_from(["minutes", "hours", "days", "weeks", "",
                                                  "toString", "__proto__", "constructor"]),
                      st.text("abcdefghijklmnopqrstuvwxyz", max_size=8)),
    "bound": st.one_of(st.sampled_from(["about", "at_least", "at_most", "", "more than", None]),
                       _text),
    "not_stated": st.one_of(st.none(), st.booleans(), st.just("true"), st.integers(0, 1)),
    "text": st.one_of(st.none(), _text, st.just("  \n\t "), st.just("🙂 " * 50)),
})


def test_javascript_agrees_with_python_on_random_widget_answers(run_js):
    """Hypothesis draws the answers; node runs once on all of them (one run per example
    would take a minute)."""
    pairs = []

    @sized(600)
    @given(st.sampled_from(ITEM_IDS), widget_answer)
    def collect(item_id, answer):
        pairs.append((item_id, answer))

    collect()
    got = run_js(pairs)
    wrong = [(i, a, js, python_result(i, a)) for (i, a), js in zip(pairs, got)
             if js != python_result(i, a)]
    assert not wrong, f"{len(wrong)} of {len(pairs)} differ, e.g. (item, answer, js, python): " \
        f"{wrong[:3]}"


# Hand-made answers on which widget.js and engine.py once disagreed (the reason says how);
# both now read input by the same explicit rules.
FORMER_DIVERGENCES = [
    ("call_length_001", {"number": 2, "unit": "hours", "bound": None},
     ("bound null: widget.js `answer.bound ?? 'about'` grades it as 'about'; Python says "
     "'Choose how the report hedges the number'")),
    ("call_length_001", {"number": 2, "unit": "toString", "bound": "about"},
     ("widget.js `answer.unit in UNIT_MINUTES` is true for Object.prototype names (toString, "
     "constructor, __proto__ ...): graded with minutes 'NaN'; Python: 'Choose a unit'")),
    ("call_length_001", {"number": 2, "unit": ["hours"], "bound": "about"},
     ("unit ['hours']: JS coerces the array to 'hours' and grades it; Python raises TypeError "
     "into the safety net")),
    ("call_length_001", {"number": "", "unit": "hours", "bound": "about"},
     "empty number string: Python '“” is not a number…', JS 'Type a number, such as 2.5 or 150.'"),
    ("prisoners_total", {"value": "inf"},
     ("'inf'/'nan': Python float() reads them ('out of range'), JS Number() does not "
     "('“inf” is not a number')")),
    ("prisoners_total", {"value": "0x15e"},
     "hex/binary/octal strings: JS Number('0x15e') = 350 is graded correct; Python: not a number"),
    ("prisoners_total", {"value": "3_50"},
     "underscores: Python float('3_50') = 350 is graded correct; JS: not a number"),
    ("prisoners_total", {"value": "\u0663\u0665\u0660"},
     "Arabic-Indic digits: Python float('٣٥٠') = 350 is graded correct; JS: not a number"),
    ("prisoners_total", {"value": "🙂" * 20},
     "length limit and the 30-character quote count code points in Python, UTF-16 units in JS"),
    ("call_length_conflicts", {"selected": {}},
     ("selected as an object: Python grades its keys as the ticked boxes (valid, counts an "
     "attempt); JS: 'Tick the boxes that apply.'")),
    ("call_length_conflicts", {"selected": ["x", "x"]},
     "duplicate unknown ids: Python lists a set ('x.'), JS every entry ('x, x.')"),
    ("call_length_conflicts", {"selected": [None, True, 1.0]},
     "unknown non-string ids: Python str() gives 'None, True, 1.0', JS String() 'null, true, 1'"),
    ("call_length_conflicts", {"selected": [[]]},
     "a list inside selected: Python TypeError into the safety net; JS 'Unknown option(s): .'"),
    ("origin_match", {"labels": []},
     ("labels not an object: Python 'Give a label for each passage.', JS 'Choose a label for "
     "every passage (passage r000 has none).'")),
    ("omission_explain", {"text": 5},
     ("text not a string: Python 'Write your answer in the box first.', JS falls into its "
     "catch-all 'That answer could not be read.'")),
    ("omission_explain", {"text": "\ufeff"},
     ("U+FEFF: JS trim() removes it ('Write your answer…'), Python strip() keeps it (saved, "
     "1 word)")),
    ("omission_explain", {"text": "a\x1cb"},
     "\\x1c-\\x1f and \\x85 split words in Python (2 words), not in JS (1 word)"),
]


def test_javascript_agrees_with_python_where_they_once_differed(run_js):
    got = run_js([(i, a) for i, a, _ in FORMER_DIVERGENCES])
    wrong = [(why, js, python_result(i, a))
             for (i, a, why), js in zip(FORMER_DIVERGENCES, got) if js != python_result(i, a)]
    assert not wrong, wrong


def test_javascript_agrees_with_python_on_any_json_object(run_js):
    """Not only what the widget sends: any JSON object (a saved file edited by hand, a
    future widget), with the hostile strings and huge numbers of the checker fuzz."""
    pairs = []
    objects = any_json.filter(lambda a: isinstance(a, dict)) | st.fixed_dictionaries(
        {}, optional={k: any_json for k in _ANSWER_KEYS})

    @sized(400)
    @given(st.sampled_from(ITEM_IDS), objects)
    def collect(item_id, answer):
        if _json_safe(answer):
            pairs.append((item_id, answer))

    collect()
    got = run_js(pairs)
    wrong = [(i, a, js, python_result(i, a)) for (i, a), js in zip(pairs, got)
             if js != python_result(i, a)]
    assert len(pairs) > 200
    assert not wrong, f"{len(wrong)} of {len(pairs)} differ, e.g. (item, answer, js, python): " \
        f"{wrong[:3]}"


def _json_safe(value) -> bool:
    """What JSON can carry to the browser: no NaN or infinities (json.dumps refuses them)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(map(_json_safe, value))
    if isinstance(value, dict):
        return all(map(_json_safe, value.values()))
    return True


def test_both_checkers_take_their_rules_from_rules_json():
    """One source of truth: the widget's JavaScript holds no copy of a pattern, table or
    message of rules.json, and the source every widget carries holds the rules engine.py
    loaded."""
    js = "".join((WIDGET_JS.parent / name).read_text(encoding="utf-8") for name in SOURCES)
    rules = engine.RULES
    copies = [t for t in (rules["whitespace"], rules["number"], rules["length"],
                          rules["number_then_words"], *rules["messages"].values())
              if len(t) > 12 and t in js]
    copies += [f"{k}: {v}" for k, v in rules["unit_minutes"].items() if f"{k}: {v}" in js]
    assert not copies, copies
    source = widget_source()
    start = source.index("const RULES = ") + len("const RULES = ")
    inlined, _ = json.JSONDecoder().raw_decode(source[start:])
    assert inlined == rules
    assert rules["messages"]["catch_all"] == engine.check({"kind": "single_choice"}, {"choice": "a"}).feedback


# Lengths a student types into the static page's number box, with what both checkers
# must read (minutes, bound) or the start of the message they must give instead.
TYPED_LENGTHS = [
    ("150 min", "hours", ("150", "about")), ("2h30", "hours", ("150", "about")),
    ("2.5 hours", "minutes", ("150", "about")), ("90+ minutes", "hours", ("90", "at_least")),
    ("more than 90 mins", "hours", ("90", "at_least")), ("about 2 hrs", "minutes", ("120", "about")),
    ("2 hours and 30 minutes", "hours", ("150", "about")), ("2h 30m", "days", ("150", "about")),
    ("Nearly 2 Hours", "minutes", ("120", "at_most")), ("150", "minutes", ("150", "about")),
    ("1,000", "minutes", ("1000", "about")), ("  90 min.  ", "hours", ("90", "about")),
    ("two and a half", "hours", "Type the length with digits here"),
    ("2 and a half hours", "hours", "“2 and a half hours” is not a length"),
    ("150", "hours", "150 hours? That would be more than 6 days."),
    ("25 hours", "minutes", "25 hours? That would be more than a day."),
    ("about 90 minutes or more", "hours", "Use one hedge"),
    ("3h75", "hours", "Give hours and then minutes under 60"),
    ("350 prisoners", "hours", "“350 prisoners” is not a length"),
]


@pytest.mark.parametrize("text, unit, expected", TYPED_LENGTHS)
def test_lengths_typed_with_digits_are_read(text, unit, expected):
    answer = {"number": text, "unit": unit, "bound": "about"}
    if isinstance(expected, tuple):
        assert engine.normalise(item("call_length_001").spec, answer) == \
            dict(zip(("minutes", "bound"), expected))
    else:
        r = item("call_length_001").check(answer)
        assert not r.valid and r.feedback.startswith(expected), r.feedback


def test_javascript_reads_typed_lengths_and_numbers_as_python_does(run_js):
    """The static page's parser against engine.py's, on the table above, on every hedge
    and unit word of both tables, and on words in a numeric box ("350 prisoners")."""
    pairs = [("call_length_001", {"number": t, "unit": u, "bound": "about"})
             for t, u, _ in TYPED_LENGTHS]
    pairs += [("call_length_000", {"number": f"{h} 90 {w}", "unit": "hours", "bound": "at_most"})
              for h in ["", *engine.LENGTH_HEDGES] for w in engine.LENGTH_UNITS]
    pairs += [("prisoners_total", {"value": v}) for v in
              ["350 prisoners", "350prisoners", "175 each", "about 350", "350", "three hundred"]]
    got = run_js(pairs)
    wrong = [(i, a, js, python_result(i, a)) for (i, a), js in zip(pairs, got)
             if js != python_result(i, a)]
    assert len(pairs) > 400 and not wrong, wrong[:3]
    r = item("prisoners_total").check({"value": "350 prisoners"})
    assert not r.valid and r.feedback == "Type only the number here, without words: “350”."


# =========================================================================== escaping

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
RAW = ("<script>window", "<img src=x")  # what must never reach the HTML unescaped


def _assert_escaped(out: str) -> None:
    for raw in RAW:
        assert raw not in out, raw
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=" in out


@pytest.fixture(scope="module")
def hostile_case():
    return make_hostile_case()


def make_hostile_case():
    """The default case, changed in memory only: report 001 gains an article paragraph and
    a furniture paragraph holding the payloads, a loaded phrase and its note are payloads,
    and its call_length claim quotes and notes them."""
    import pandas as pd

    from medialit import load_case

    case = load_case()
    rid = "001-halt-attacks"
    reports = case.reports.copy()
    i = reports.index[reports.report_id == rid][0]
    text = reports.at[i, "text"]
    para1 = f"Article text {SCRIPT} and {IMG} end."
    para2 = f"Caption {IMG} {SCRIPT}"
    new_text = f"{text}\n\n{para1}\n\n{para2}"
    start2 = len(new_text) - len(para2)
    reports.at[i, "text"] = new_text
    reports.at[i, "clean_text"] = f"{reports.at[i, 'clean_text']}\n\n{para1}"
    furniture = pd.concat([case.furniture, pd.DataFrame([{
        "report_id": rid, "start": start2, "end": len(new_text), "kind": f"odd {SCRIPT}",
        "starts_with": "Caption", "text": para2}])], ignore_index=True)
    loaded = case.table("loaded_words")
    loaded = pd.concat([loaded, pd.DataFrame([{
        "report_id": rid, "quote": para1, "kind": f"evaluative {IMG}", "whose_words": "outlet",
        "note": f"Why {SCRIPT}. 'x' → '{IMG}'."}])], ignore_index=True)
    claims = case.claims.copy()
    j = claims.index[(claims.report_id == rid) & (claims.fact == "call_length")][0]
    claims.at[j, "quote"] = para1
    claims.at[j, "note"] = f"Note {IMG}"
    return dataclasses.replace(case, reports=reports, furniture=furniture, claims=claims,
                               tables={**case.tables, "loaded_words": loaded})


def test_report_html_escapes_report_text(hostile_case):
    from medialit.origin import report_html

    out = report_html(hostile_case, "001-halt-attacks").data
    _assert_escaped(out)
    assert out.count("&lt;script&gt;window.__pwned=1&lt;/script&gt;") == 2  # both paragraphs
    assert "[furniture: odd &lt;script&gt;" in out  # the furniture kind too


def test_highlight_loaded_escapes_text_quotes_and_notes(hostile_case):
    from medialit.framing import highlight_loaded, highlight_loaded_html

    out = highlight_loaded_html(hostile_case, "001", part="text")
    _assert_escaped(out)
    assert "<mark>⟦Article text &lt;script&gt;" in out  # the payload phrase is marked, escaped
    assert highlight_loaded(hostile_case, "001", part="text").data == out


def test_answer_key_html_escapes_quotes_and_notes(hostile_case):
    from medialit.exercises.solutions import answer_key_html

    out = answer_key_html("numbers", hostile_case)
    _assert_escaped(out)


# --------------------------------------------------------------------------- in a browser

def _hostile_items() -> list[dict]:
    from medialit.exercises.engine import make_done, make_part

    salt = "s"
    choice = {
        "id": "hostile_choice", "kind": "single_choice", "prompt": f"Pick {IMG}",
        "passage": f"Passage {SCRIPT}", "report": "001-x", "hints": [f"Hint {IMG}"],
        "options": [{"id": "a", "label": f"A {SCRIPT}"}, {"id": "b", "label": f"B {IMG}"}],
        "check": {"salt": salt,
                  "parts": [make_part(salt, "choice", ["a"], {"b": f"Wrong {IMG}"}, SCRIPT)],
                  "done": make_done(salt, ["choice=a"], f"Right {SCRIPT}")},
    }
    free = {
        "id": "hostile_free", "kind": "free_text", "prompt": f"Write {SCRIPT}",
        "passage": f"Read {IMG}", "hints": [SCRIPT],
        "rubric": {f"Level {SCRIPT}": f"Does {IMG}"}, "rubric_summary": f"Rubric {SCRIPT}",
    }
    labels = {
        "id": "hostile_labels", "kind": "labelling", "prompt": "Label",
        "segments": [{"id": "s1", "text": f"Seg {SCRIPT}"}],
        "labels": [{"id": "x", "label": f"X {IMG}"}],
        "check": {"salt": salt, "parts": [make_part(salt, "s1", ["x"], {}, IMG)]},
    }
    spans = {
        "id": "hostile_spans", "kind": "span_marking", "prompt": "Mark",
        "segments": [{"id": "p1", "text": f"Span {IMG}", "selectable": True},
                     {"id": "p2", "text": f" plain {SCRIPT}", "selectable": False}],
        "check": {"salt": salt, "parts": [make_part(salt, "p1", ["1"], {}, SCRIPT)]},
    }
    duration = {
        "id": "hostile_duration", "kind": "duration", "prompt": f"How long {IMG}",
        "check": {"salt": salt, "parts": [make_part(salt, "minutes", ["150"], {}, IMG),
                                          make_part(salt, "bound", ["about"], {}, SCRIPT)]},
    }
    return [choice, free, labels, spans, duration]


_HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>widget harness</title></head>
<body><main id="root"></main>
<script type="module">
import widget from "./widget.js";
// A minimal stand-in for an anywidget model: get/set/on/send/save_changes, no kernel.
function fakeModel(item) {
  const state = {item, answer: {}, feedback: "", status: "", attempts: 0, hints_shown: 0, notice: ""};
  const handlers = {};
  const fire = (name, arg) => (handlers[name] || []).forEach((f) => f(arg));
  return {
    get: (k) => state[k],
    set: (k, v) => { state[k] = v; fire(`change:${k}`); },
    on: (name, f) => { (handlers[name] ||= []).push(f); },
    send: (msg) => { window.__sent.push(msg); },
    save_changes: () => {},
    emit: fire,
  };
}
window.__sent = [];
window.__models = {};
const items = await (await fetch("items.json")).json();
for (const item of items) {
  const el = document.createElement("div");
  document.getElementById("root").append(el);
  const model = fakeModel(item);
  window.__models[item.id] = model;
  widget.render({model, el});
}
window.__ready = true;
</script></body></html>
"""


@pytest.mark.browser
def test_widget_shows_hostile_text_as_text(tmp_path):
    """Prompt, passage, options, segments, labels, hints, rubric, feedback (from the check,
    from the kernel and from a notice) and the student's own answer all hold script and
    onerror payloads: none runs, and each shows literally."""
    from tests.browser import launch_browser, serve

    (tmp_path / "widget.js").write_text(widget_source(), encoding="utf-8")  # rules inlined
    (tmp_path / "items.json").write_text(json.dumps(_hostile_items()), encoding="utf-8")
    (tmp_path / "index.html").write_text(_HARNESS, encoding="utf-8")
    typed = f"My answer {SCRIPT} {IMG}"
    with serve(tmp_path) as base, launch_browser() as browser:
        page = browser.new_page()
        page.goto(f"{base}/index.html")
        page.wait_for_function("window.__ready === true", timeout=10_000)

        free = page.locator('.ml-exercise[data-item="hostile_free"]')
        free.get_by_label("Your answer", exact=True).fill(typed)
        free.get_by_role("button", name="Save").click()
        assert free.get_by_role("status").inner_text() == f"✔ Saved (6 words). Rubric {SCRIPT}"
        free.get_by_role("button", name="Hint").click()
        free.locator("summary").click()  # open the rubric

        choice = page.locator('.ml-exercise[data-item="hostile_choice"]')
        choice.get_by_label(f"B {IMG}").check()
        choice.get_by_role("button", name="Check").click()
        assert choice.get_by_role("status").inner_text() == f"✘ Not yet: Wrong {IMG}"
        choice.get_by_label(f"A {SCRIPT}").check()
        choice.get_by_role("button", name="Check").click()
        assert choice.get_by_role("status").inner_text() == f"✔ Correct: Right {SCRIPT}"
        choice.get_by_role("button", name="Hint").click()

        labels = page.locator('.ml-exercise[data-item="hostile_labels"]')
        labels.locator("select").select_option("x")
        labels.get_by_role("button", name="Check").click()
        spans = page.locator('.ml-exercise[data-item="hostile_spans"]')
        spans.get_by_role("button", name="Check").click()  # nothing marked: SCRIPT feedback
        assert spans.get_by_role("status").inner_text() == f"✘ Not yet: {SCRIPT}"

        # Messages from a kernel and a saving problem, with payloads.
        page.evaluate("""([img, script]) => {
            const m = window.__models.hostile_duration;
            m.emit("msg:custom", {type: "pong"});
            m.emit("msg:custom", {type: "parse_error", message: `Cannot read ${img}`});
            m.set("notice", `Disk full ${script}`);
        }""", [IMG, SCRIPT])
        duration = page.locator('.ml-exercise[data-item="hostile_duration"]')
        assert duration.get_by_role("status").inner_text() == f"⚠ Cannot read {IMG}"
        assert duration.get_by_role("alert").inner_text() == f"⚠ Disk full {SCRIPT}"

        page.wait_for_timeout(300)  # give any injected <img> time to fail and fire onerror
        shown = page.locator("#root").inner_text()
        for text in (f"Pick {IMG}", f"Passage {SCRIPT}", f"Hint {IMG}", f"Write {SCRIPT}",
                     f"Read {IMG}", f"Level {SCRIPT}", f"Does {IMG}", f"Hint: {SCRIPT}",
                     f"Seg {SCRIPT}", f"Span {IMG}", f"plain {SCRIPT}", f"How long {IMG}"):
            assert text in shown, text
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('#root script, #root img').length") == 0

        # The answer kept in localStorage comes back as text after a reload.
        page.reload()
        page.wait_for_function("window.__ready === true", timeout=10_000)
        assert free.get_by_label("Your answer", exact=True).input_value() == typed
        assert free.get_by_role("status").inner_text() == f"✔ Saved (6 words). Rubric {SCRIPT}"
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('#root script, #root img').length") == 0
        browser.assert_clean()
