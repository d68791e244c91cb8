"""widget.js (run under node) and engine.py give the same result on random widget answers,
any JSON object, former divergences and typed lengths; both take their rules from
rules.json.

Every Hypothesis test is derandomized (the same examples each run) and kept to a few
seconds. A test that found a bug in the library is kept, marked ``xfail(strict=True)`` with
the failing input in its reason; when the bug is fixed it passes, strict xfail turns that
into a failure, and the mark is removed.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medialit.exercises import engine, item
from medialit.exercises.widget import SOURCES, widget_source
from tests.support.fuzz import (
    ANSWER_KEYS,
    DECIMAL_ITEMS,
    IDS,
    ITEM_IDS,
    any_json,
    examples,
    sized,
)
from tests.support.paths import WIDGET_JS

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
        encoding="utf-8",
    )

    def run(pairs: list[tuple[str, object]]) -> list[dict]:
        cases = [{"item": _item(i).spec, "answer": a} for i, a in pairs]
        (where / "cases.json").write_text(json.dumps(cases, allow_nan=False), encoding="utf-8")
        done = subprocess.run(
            [node, str(where / "run.mjs")], capture_output=True, text=True, timeout=60, check=False
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


def _item(item_id: str):
    """A catalog item, or one of the numeric items with decimal places (tests/support)."""
    return DECIMAL_ITEMS.get(item_id) or item(item_id)


def disagreements(pairs: list, got: list) -> list:
    """(item, answer, JavaScript's result, Python's) for every answer the two read apart."""
    assert len(got) == len(pairs), "node answered a different number of checks"
    out = []
    for (i, a), js in zip(pairs, got, strict=True):
        py = python_result(i, a)
        if js != py:
            out.append((i, a, js, py))
    return out


def python_result(item_id: str, answer) -> dict:
    r = _item(item_id).check(answer)
    return {"correct": r.correct, "valid": r.valid, "feedback": r.feedback}


# Answers in the widget's own form (a JSON object with the widget's keys), with values that
# are right, wrong, missing or junk: all of Unicode (emoji count as one character on both
# sides), every whitespace character, digits of other scripts, hex and underscores.
_WHITESPACE = "\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u202f\u3000\ufeff"
_text = st.text(st.characters() | st.sampled_from(_WHITESPACE), max_size=40)
_numeric_text = st.text("0123456789.,-+e xabo_\u0663\uff15" + _WHITESPACE, min_size=1, max_size=12)
# Lengths typed with digits into the duration box (engine.LENGTH): every hedge and unit
# word of the two tables, glued or spaced, in either case, with junk on either side.
_length_text = st.builds(
    lambda h, n, u, tail, glue, upper: (
        f"{h}{' ' if glue else ''}{n}{'' if glue else ' '}{u}{tail}".upper()
        if upper
        else f"{h}{' ' if glue else ''}{n}{'' if glue else ' '}{u}{tail}"
    ),
    st.sampled_from(["", *engine.LENGTH_HEDGES, "two", "kinda"]),
    st.sampled_from(["2", "2.5", "150", "90", "1,000", ".5", "2.", "0", "99999999", "3e2"]),
    st.sampled_from(
        [
            "",
            *engine.LENGTH_UNITS,
            "30",
            "h30",
            "h 30m",
            " hours and 45 minutes",
            "h75",
            "weeks",
            "x",
        ]
    ),
    st.sampled_from(["", "+", " or more", " or so", " at most", " plus", ".", " !", "\u00a0"]),
    st.booleans(),
    st.booleans(),
)
_number = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**9), 10**9),
    st.floats(-1e9, 1e9, allow_nan=False),
    st.floats(1e7, 1e300),
    _numeric_text,
    st.sampled_from(["inf", "nan", "0x15e", "3_50", "1e400", "", "🙂" * 20]),
    _text,
    _length_text,
)
_id_or_text = st.one_of(st.sampled_from(IDS), _text)
widget_answer = st.fixed_dictionaries(
    {},
    optional={
        "choice": st.one_of(
            st.none(), st.integers(), _id_or_text, st.lists(_id_or_text, max_size=2)
        ),
        "selected": st.one_of(
            st.none(),
            st.integers(),
            _id_or_text,
            st.lists(
                st.one_of(st.sampled_from(IDS), st.text("abcxyz-0123", max_size=6)),
                unique=True,
                max_size=8,
            ),
        ),
        "labels": st.one_of(
            st.dictionaries(
                _id_or_text, st.one_of(st.none(), st.integers(), _id_or_text), max_size=8
            )
        ),
        "number": _number,
        "value": _number,
        "unit": st.one_of(
            st.none(),
            st.sampled_from(
                ["minutes", "hours", "days", "weeks", "", "toString", "__proto__", "constructor"]
            ),
            st.text("abcdefghijklmnopqrstuvwxyz", max_size=8),
        ),
        "bound": st.one_of(
            st.sampled_from(["about", "at_least", "at_most", "", "more than", None]), _text
        ),
        "not_stated": st.one_of(st.none(), st.booleans(), st.just("true"), st.integers(0, 1)),
        "text": st.one_of(st.none(), _text, st.just("  \n\t "), st.just("🙂 " * 50)),
    },
)


@pytest.mark.slow
def test_javascript_agrees_with_python_on_random_widget_answers(run_js):
    """Hypothesis draws the answers; node runs once on all of them (one run per example
    would take a minute)."""
    pairs = []

    @sized(300)
    @given(st.sampled_from(ITEM_IDS), widget_answer)
    def collect(item_id, answer):
        pairs.append((item_id, answer))

    collect()
    got = run_js(pairs)
    wrong = disagreements(pairs, got)
    assert not wrong, (
        f"{len(wrong)} of {len(pairs)} differ, e.g. (item, answer, js, python): {wrong[:3]}"
    )


# Hand-made answers on which widget.js and engine.py once disagreed (the reason says how);
# both now read input by the same explicit rules.
FORMER_DIVERGENCES = [
    (
        "call_length_001",
        {"number": 2, "unit": "hours", "bound": None},
        (
            "bound null: widget.js `answer.bound ?? 'about'` grades it as 'about'; Python says "
            "'Choose how the report hedges the number'"
        ),
    ),
    (
        "call_length_001",
        {"number": 2, "unit": "toString", "bound": "about"},
        (
            "widget.js `answer.unit in UNIT_MINUTES` is true for Object.prototype names (toString, "
            "constructor, __proto__ ...): graded with minutes 'NaN'; Python: 'Choose a unit'"
        ),
    ),
    (
        "call_length_001",
        {"number": 2, "unit": ["hours"], "bound": "about"},
        (
            "unit ['hours']: JS coerces the array to 'hours' and grades it; "
            "Python raises TypeError into the safety net"
        ),
    ),
    (
        "call_length_001",
        {"number": "", "unit": "hours", "bound": "about"},
        (
            "empty number string: Python '“” is not a number…', "
            "JS 'Type a number, such as 2.5 or 150.'"
        ),
    ),
    (
        "prisoners_total",
        {"value": "inf"},
        (
            "'inf'/'nan': Python float() reads them ('out of range'), JS Number() does not "
            "('“inf” is not a number')"
        ),
    ),
    (
        "prisoners_total",
        {"value": "0x15e"},
        (
            "hex/binary/octal strings: JS Number('0x15e') = 350 is graded correct; "
            "Python: not a number"
        ),
    ),
    (
        "prisoners_total",
        {"value": "3_50"},
        "underscores: Python float('3_50') = 350 is graded correct; JS: not a number",
    ),
    (
        "prisoners_total",
        {"value": "\u0663\u0665\u0660"},
        "Arabic-Indic digits: Python float('٣٥٠') = 350 is graded correct; JS: not a number",
    ),
    (
        "prisoners_total",
        {"value": "🙂" * 20},
        "length limit and the 30-character quote count code points in Python, UTF-16 units in JS",
    ),
    (
        "call_length_conflicts",
        {"selected": {}},
        (
            "selected as an object: Python grades its keys as the ticked boxes (valid, counts an "
            "attempt); JS: 'Tick the boxes that apply.'"
        ),
    ),
    (
        "call_length_conflicts",
        {"selected": ["x", "x"]},
        "duplicate unknown ids: Python lists a set ('x.'), JS every entry ('x, x.')",
    ),
    (
        "call_length_conflicts",
        {"selected": [None, True, 1.0]},
        "unknown non-string ids: Python str() gives 'None, True, 1.0', JS String() 'null, true, 1'",
    ),
    (
        "call_length_conflicts",
        {"selected": [[]]},
        "a list inside selected: Python TypeError into the safety net; JS 'Unknown option(s): .'",
    ),
    (
        "origin_match",
        {"labels": []},
        (
            "labels not an object: Python 'Give a label for each passage.', JS 'Choose a label for "
            "every passage (passage r000 has none).'"
        ),
    ),
    (
        "omission_explain",
        {"text": 5},
        (
            "text not a string: Python 'Write your answer in the box first.', JS falls into its "
            "catch-all 'That answer could not be read.'"
        ),
    ),
    (
        "omission_explain",
        {"text": "\ufeff"},
        (
            "U+FEFF: JS trim() removes it ('Write your answer…'), Python strip() keeps it (saved, "
            "1 word)"
        ),
    ),
    (
        "omission_explain",
        {"text": "a\x1cb"},
        "\\x1c-\\x1f and \\x85 split words in Python (2 words), not in JS (1 word)",
    ),
]


def test_javascript_agrees_with_python_where_they_once_differed(run_js):
    got = run_js([(i, a) for i, a, _ in FORMER_DIVERGENCES])
    wrong = [
        (why, js, python_result(i, a))
        for (i, a, why), js in zip(FORMER_DIVERGENCES, got, strict=False)
        if js != python_result(i, a)
    ]
    assert not wrong, wrong


OBJECTS = 200  # examples of any JSON object (MEDIALIT_FUZZ_SCALE=2 for the 400 of before)


@pytest.mark.slow
def test_javascript_agrees_with_python_on_any_json_object(run_js):
    """Not only what the widget sends: any JSON object (a saved file edited by hand, a
    future widget), with the hostile strings and huge numbers of the checker fuzz."""
    pairs = []
    objects = any_json.filter(lambda a: isinstance(a, dict)) | st.fixed_dictionaries(
        {}, optional={k: any_json for k in ANSWER_KEYS}
    )

    @sized(OBJECTS)
    @given(st.sampled_from(ITEM_IDS), objects)
    def collect(item_id, answer):
        if _json_safe(answer):
            pairs.append((item_id, answer))

    collect()
    got = run_js(pairs)
    wrong = disagreements(pairs, got)
    assert len(pairs) > examples(OBJECTS) // 2
    assert not wrong, (
        f"{len(wrong)} of {len(pairs)} differ, e.g. (item, answer, js, python): {wrong[:3]}"
    )


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
    copies = [
        t
        for t in (
            rules["whitespace"],
            rules["number"],
            rules["length"],
            rules["number_then_words"],
            *rules["messages"].values(),
        )
        if len(t) > 12 and t in js
    ]
    copies += [f"{k}: {v}" for k, v in rules["unit_minutes"].items() if f"{k}: {v}" in js]
    assert not copies, copies
    source = widget_source()
    start = source.index("const RULES = ") + len("const RULES = ")
    inlined, _ = json.JSONDecoder().raw_decode(source[start:])
    assert inlined == rules
    assert (
        rules["messages"]["catch_all"]
        == engine.check({"kind": "single_choice"}, {"choice": "a"}).feedback
    )


# Lengths a student types into the static page's number box, with what both checkers
# must read (minutes, bound) or the start of the message they must give instead.
TYPED_LENGTHS = [
    ("150 min", "hours", ("150", "about")),
    ("2h30", "hours", ("150", "about")),
    ("2.5 hours", "minutes", ("150", "about")),
    ("90+ minutes", "hours", ("90", "at_least")),
    ("more than 90 mins", "hours", ("90", "at_least")),
    ("about 2 hrs", "minutes", ("120", "about")),
    ("2 hours and 30 minutes", "hours", ("150", "about")),
    ("2h 30m", "days", ("150", "about")),
    ("Nearly 2 Hours", "minutes", ("120", "at_most")),
    ("150", "minutes", ("150", "about")),
    ("1,000", "minutes", ("1000", "about")),
    ("  90 min.  ", "hours", ("90", "about")),
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
        assert engine.normalise(item("call_length_001").spec, answer) == dict(
            zip(("minutes", "bound"), expected, strict=False)
        )
    else:
        r = item("call_length_001").check(answer)
        assert not r.valid and r.feedback.startswith(expected), r.feedback


def test_javascript_reads_typed_lengths_and_numbers_as_python_does(run_js):
    """The static page's parser against engine.py's, on the table above, on every hedge
    and unit word of both tables, and on words in a numeric box ("350 prisoners")."""
    pairs = [
        ("call_length_001", {"number": t, "unit": u, "bound": "about"}) for t, u, _ in TYPED_LENGTHS
    ]
    pairs += [
        ("call_length_000", {"number": f"{h} 90 {w}", "unit": "hours", "bound": "at_most"})
        for h in ["", *engine.LENGTH_HEDGES]
        for w in engine.LENGTH_UNITS
    ]
    pairs += [
        ("prisoners_total", {"value": v})
        for v in ["350 prisoners", "350prisoners", "175 each", "about 350", "350", "three hundred"]
    ]
    got = run_js(pairs)
    wrong = disagreements(pairs, got)
    assert len(pairs) > 400 and not wrong, wrong[:3]
    r = item("prisoners_total").check({"value": "350 prisoners"})
    assert not r.valid and r.feedback == "Type only the number here, without words: “350”."


# --------------------------------------------------------------------------- decimal places

# Numbers typed into a numeric item compared at decimal places, with what both checkers
# must read (the part value) or the start of the message they must give instead. Commas
# separate thousands (rules.json's number rule), so "2,5" is 25.
TYPED_DECIMALS = [
    ("n2.5d1t0", "2.5", "2.5"),
    ("n2.5d1t0", 2.5, "2.5"),
    ("n2.5d1t0", "3", "3.0"),
    ("n2.5d1t0", " 2.50 ", "2.5"),
    ("n2.5d1t0", "2.45", "2.5"),  # half up on what was typed
    ("n2.5d1t0", "2.449", "2.4"),
    ("n2.5d1t0", 0.15, "0.2"),  # the float 0.15 lies just below 0.15: still 0.2
    ("n2.5d1t0", "2,5", "25.0"),
    ("n2.5d1t0", "1,234.56", "1234.6"),
    ("n2.5d1t0", ".5", "0.5"),
    ("n2.5d1t0", "2.", "2.0"),
    ("n2.5d1t0", "-0", "0.0"),
    ("n2.5d1t0", "2.5e1", "25.0"),
    ("n2.5d1t0", 1e-7, "0.0"),
    ("n2.5d1t0", "1e-400", "0.0"),  # too small for a float: 0.0
    ("n2.5d1t0", "10000000", "10000000.0"),
    ("n0.15d2t0", "0.145", "0.15"),
    ("n0.15d2t0", 1.005, "1.01"),  # the float 1.005 lies below 1.005: still 1.01
    ("n1e-06d6t0", 5e-7, "0.000001"),
    ("n1e-06d6t0", "0.0000005", "0.000001"),
    ("n1e-06d6t0", 1.5e-7, "0.000000"),
    ("n350d0t1", "350.5", "351"),  # no decimals: whole numbers, as ever
    ("n350d0t1", 0.49999999999999994, "1"),  # as Math.round: the sum rounds up
    ("n2.5d1t0", "2.5 per cent", "Type only the number here, without words: “2.5”."),
    ("n2.5d1t0", "two and a half", "“two and a half” is not a number."),
    ("n2.5d1t0", "10000000.1", "That number is out of range"),
]


@pytest.mark.parametrize("item_id, typed, expected", TYPED_DECIMALS)
def test_numbers_are_read_to_the_items_decimal_places(item_id, typed, expected):
    it = DECIMAL_ITEMS[item_id]
    r = it.check({"value": typed})
    if expected[0].isdigit():
        assert engine.normalise(it.spec, {"value": typed}) == {"value": expected}
        assert r.valid and r.correct is not None
    else:
        assert not r.valid and r.feedback.startswith(expected), r.feedback


def test_decimal_items_accept_their_figure_and_tolerance_and_say_which_figure_was_seen():
    items = DECIMAL_ITEMS
    assert items["n2.5d1t0"].check({"value": "2.5"}).correct
    assert not items["n2.5d1t0"].check({"value": "2.6"}).correct
    assert items["n2.5d1t0"].check({"value": 3}).feedback == "3.0 is another report's figure."
    assert items["n2.5d1t0"].check({"value": "0.04"}).feedback == "Look again."  # 0.0 is 0
    money = items["n1.2d1t0.1"]
    assert [money.check({"value": v}).correct for v in ("1.1", "1.2", "1.3", "1.0", "1.4")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert money.check({"value": "1,2"}).feedback == "Is that in millions?"
    assert items["n2.375d3t0.005"].spec["check"]["parts"][0]["ok"]  # 2.370 to 2.380
    assert [items["n2.375d3t0.005"].check({"value": v}).correct for v in (2.37, 2.38, 2.381)] == [
        True,
        True,
        False,
    ]
    assert "decimals" not in items["n350d0t1"].spec
    assert [items["n350d0t1"].check({"value": v}).correct for v in (349, 351, 352)] == [
        True,
        True,
        False,
    ]


@pytest.mark.slow
def test_javascript_reads_decimal_places_as_python_does(run_js):
    """The static page's checker against engine.py's on numeric items with decimal places:
    the table above, then Hypothesis's numbers (floats, numeric text, lengths, junk) and
    any widget answer, on every such item."""
    pairs = [(i, {"value": t}) for i, t, _ in TYPED_DECIMALS]
    figures = {"n2.5d1t0": 2.5, "n1.2d1t0.1": 1.2, "n0.15d2t0": 0.15, "n2.375d3t0.005": 2.375}
    figures.update({"n1e-06d6t0": 1e-6, "n9999999.5d1t0": 9999999.5, "n350d0t1": 350})
    assert set(figures) == set(DECIMAL_ITEMS)

    def near(item_id):  # the item's figure, a little off, as a number or as typed text
        a = figures[item_id]
        close = st.floats(a * 0.99 - 1e-6, a * 1.01 + 1e-6)
        typed = st.integers(0, 8).flatmap(lambda d: close.map(lambda x: f"{x:.{d}f}"))
        return st.tuples(st.just(item_id), close | typed | st.just(a))

    anything = st.tuples(st.sampled_from(sorted(DECIMAL_ITEMS)), _number | widget_answer)

    @sized(600)
    @given(st.sampled_from(sorted(DECIMAL_ITEMS)).flatmap(near) | anything)
    def collect(drawn):
        item_id, value = drawn
        pairs.append((item_id, value if isinstance(value, dict) else {"value": value}))

    collect()
    got = run_js(pairs)
    wrong = disagreements(pairs, got)
    correct = sum(r["correct"] is True for r in got)
    assert len(pairs) > 500 and correct > 10, (len(pairs), correct)
    assert not wrong, (
        f"{len(wrong)} of {len(pairs)} differ, e.g. (item, answer, js, python): {wrong[:3]}"
    )
