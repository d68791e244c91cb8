"""Tests for medialit.quantities."""

from __future__ import annotations

import csv
import dataclasses
import json
import math
from pathlib import Path

import pytest

from medialit.quantities import HEDGES_AFTER, HEDGES_BEFORE, Quantity, extract_quantities

ROOT = Path(__file__).parents[1]
REPORTS = ROOT / "data" / "reports"
LABELLED = ROOT / "benchmarks" / "labelled_phrases.csv"

H, D, W, MO, Y = 60.0, 1440.0, 10080.0, 43200.0, 525600.0


def report(prefix: str) -> str:
    (path,) = sorted(REPORTS.glob(prefix + "*.txt"))
    return path.read_text(encoding="utf-8")


def only(text: str) -> Quantity:
    qs = extract_quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


def find(qs: list[Quantity], text: str) -> Quantity:
    hits = [q for q in qs if q.text == text]
    assert hits, f"{text!r} not in {[q.text for q in qs]}"
    return hits[0]


def check_spans(source: str, qs: list[Quantity]) -> None:
    last = 0
    for q in qs:
        assert q.text == source[q.start:q.end]
        assert last <= q.start < q.end
        last = q.end


# ---------------------------------------------------------------------------
# The five seed reports
# ---------------------------------------------------------------------------
def test_seed_000_more_than_90_minute_chat():
    qs = extract_quantities(report("000"))
    q = find(qs, "more than 90-minute")
    assert (q.measure, q.value, q.bound, q.low, q.high) == ("call_length", 90.0, "at_least", 90.0, None)
    assert [q.text for q in qs if q.measure == "call_length"] == ["more than 90-minute"]
    assert find(qs, "30-day").measure == "ceasefire_length"
    assert find(qs, "30 days").measure == "ceasefire_length"  # "halt attacks ... for 30 days"
    bare = find(qs, "175")
    assert (bare.kind, bare.unit, bare.measure) == ("count", "count", "prisoners_exchanged")
    wounded = find(qs, "23 wounded Ukrainian soldiers")
    assert (wounded.unit, wounded.measure) == ("soldier", "wounded_returned")
    assert not any(q.text.startswith("2") and "$" in report("000")[q.start - 1] for q in qs)


def test_seed_001_two_and_a_half_hours():
    qs = extract_quantities(report("001"))
    q = find(qs, "two and a half hours")
    assert (q.measure, q.value, q.bound, q.stated_value, q.stated_unit) == (
        "call_length", 150.0, "about", 2.5, "hours")
    assert find(qs, "175 prisoners").measure == "prisoners_exchanged"
    assert find(qs, "23 seriously wounded soldiers").measure == "wounded_returned"
    assert find(qs, "30 days").measure == "ceasefire_length"
    assert not [q for q in qs if q.text in ("2029", "2023", "one")]


def test_seed_002_has_no_call_length():
    qs = extract_quantities(report("002"))
    assert qs, "002 has a 30-day ceasefire"
    assert not [q for q in qs if q.measure == "call_length"]
    assert {q.measure for q in qs} == {"ceasefire_length"}


def test_seed_003_two_hour_chat_and_distractors():
    qs = extract_quantities(report("003"))
    chat = find(qs, "more than two-hour")
    assert (chat.measure, chat.value, chat.bound, chat.high) == ("call_length", 120.0, "at_least", None)
    zel = find(qs, "about an hour")  # "Trump called Zelenskyy for about an hour"
    assert (zel.measure, zel.value, zel.bound) == ("duration", 60.0, "about")
    age = find(qs, "3-year-old")
    assert (age.measure, age.stated_value, age.stated_unit) == ("age", 3.0, "years")
    assert find(qs, "36 years ago").measure == "time_ago"
    assert [q.text for q in qs if q.measure == "call_length"] == ["more than two-hour"]
    texts = {q.text for q in qs}
    for distractor in ("2024", "2025", "13", "1980", "3.5", "2.5", "2027", "1", "0.6", "7", "10"):
        assert distractor not in texts


def test_seed_004_about_two_hours_and_30_day():
    qs = extract_quantities(report("004"))
    call = find(qs, "about two hours")
    assert (call.measure, call.value, call.bound) == ("call_length", 120.0, "about")
    assert find(qs, "two-hour").measure == "call_length"  # headline
    assert find(qs, "30-day").measure == "ceasefire_length"
    assert find(qs, "three-year-old").measure == "age"
    assert find(qs, "six-reactor").unit == "reactor"
    assert find(qs, "23 critically injured Ukrainian prisoners").measure == "wounded_returned"
    texts = {q.text for q in qs}
    assert not texts & {"10", "2014", "1991", "8", "G8"}


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_spans_exact_and_ordered(path):
    source = path.read_text(encoding="utf-8")
    check_spans(source, extract_quantities(source))


# ---------------------------------------------------------------------------
# Duration forms: phrase, expected span, minutes, stated value, stated unit
# ---------------------------------------------------------------------------
DURATION_FORMS = [
    ("The talks lasted two and a half hours.", "two and a half hours", 150, 2.5, "hours"),
    ("They spoke for 2 1/2 hours.", "2 1/2 hours", 150, 2.5, "hours"),
    ("They spoke for 2½ hours.", "2½ hours", 150, 2.5, "hours"),
    ("a 2.5-hour session", "2.5-hour", 150, 2.5, "hours"),
    ("a 90-minute session", "90-minute", 90, 90, "minutes"),
    ("for an hour and a half", "an hour and a half", 90, 1.5, "hours"),
    ("for one and a half hours", "one and a half hours", 90, 1.5, "hours"),
    ("for 150 minutes", "150 minutes", 150, 150, "minutes"),
    ("for two-and-a-half hours", "two-and-a-half hours", 150, 2.5, "hours"),
    ("a two-and-a-half-hour call", "two-and-a-half-hour", 150, 2.5, "hours"),
    ("for half an hour", "half an hour", 30, 0.5, "hours"),
    ("for a half hour", "a half hour", 30, 0.5, "hours"),
    ("a half-hour call", "half-hour", 30, 0.5, "hours"),
    ("for an hour", "an hour", 60, 1, "hours"),
    ("an hour-long call", "hour-long", 60, 1, "hours"),
    ("a two-hour-long call", "two-hour-long", 120, 2, "hours"),
    ("for two hours and 15 minutes", "two hours and 15 minutes", 135, 2.25, "hours"),
    ("for 1 hour 30 minutes", "1 hour 30 minutes", 90, 1.5, "hours"),
    ("for ninety minutes", "ninety minutes", 90, 90, "minutes"),
    ("for twenty-five minutes", "twenty-five minutes", 25, 25, "minutes"),
    ("a 30-day ceasefire", "30-day", 30 * D, 30, "days"),
    ("for 30 days", "30 days", 30 * D, 30, "days"),
    ("the 3-year-old conflict", "3-year-old", 3 * Y, 3, "years"),
    ("the three-year-old war", "three-year-old", 3 * Y, 3, "years"),
    ("the war is three years old", "three years old", 3 * Y, 3, "years"),
    ("for four weeks", "four weeks", 4 * W, 4, "weeks"),
    ("crushed 36 years ago", "36 years ago", 36 * Y, 36, "years"),
    ("six months after", "six months", 6 * MO, 6, "months"),
    ("for 45 seconds", "45 seconds", 0.75, 45, "seconds"),
    ("for 45 secs", "45 secs", 0.75, 45, "seconds"),
    ("for 15 mins", "15 mins", 15, 15, "minutes"),
    ("for 20 min", "20 min", 20, 20, "minutes"),
    ("for 3 hrs", "3 hrs", 180, 3, "hours"),
    ("for 1 hr", "1 hr", 60, 1, "hours"),
    ("for one day", "one day", D, 1, "days"),
    ("for a week", "a week", W, 1, "weeks"),
    ("for a month", "a month", MO, 1, "months"),
    ("for two years", "two years", 2 * Y, 2, "years"),
    ("a 5-year plan", "5-year", 5 * Y, 5, "years"),
    ("two decades", "two decades", 20 * Y, 2, "decades"),
    ("for 1,200 days", "1,200 days", 1200 * D, 1200, "days"),
    ("for 1.5 hours", "1.5 hours", 90, 1.5, "hours"),
    ("for two days and a half", "two days and a half", 2.5 * D, 2.5, "days"),
    ("half a day", "half a day", 0.5 * D, 0.5, "days"),
    ("for twenty-four hours", "twenty-four hours", 24 * H, 24, "hours"),
    ("for a hundred and fifty minutes", "a hundred and fifty minutes", 150, 150, "minutes"),
    ("The Call Lasted Two Hours", "Two Hours", 120, 2, "hours"),
]


@pytest.mark.parametrize("phrase,text,minutes,stated,stated_unit", DURATION_FORMS,
                         ids=[f[1] for f in DURATION_FORMS])
def test_duration_forms(phrase, text, minutes, stated, stated_unit):
    q = only(phrase)
    assert q.text == text
    assert q.kind == "duration" and q.unit == "minutes"
    assert q.value == pytest.approx(minutes)
    assert (q.low, q.high) == (pytest.approx(minutes), pytest.approx(minutes))
    assert q.bound == "about"
    assert q.stated_value == pytest.approx(stated)
    assert q.stated_unit == stated_unit


@pytest.mark.parametrize("phrase,text,low,high,value,stated_unit", [
    ("between 90 and 120 minutes", "between 90 and 120 minutes", 90, 120, 105, "minutes"),
    ("for 90 to 120 minutes", "90 to 120 minutes", 90, 120, 105, "minutes"),
    ("for two to three hours", "two to three hours", 120, 180, 150, "hours"),
    ("for 90-120 minutes", "90-120 minutes", 90, 120, 105, "minutes"),
    ("for 90–120 minutes", "90–120 minutes", 90, 120, 105, "minutes"),
    ("for two or three hours", "two or three hours", 120, 180, 150, "hours"),
    ("from 90 minutes to two hours", "from 90 minutes to two hours", 90, 120, 105, "hours"),
    ("between two and three hours", "between two and three hours", 120, 180, 150, "hours"),
    ("a 2-3 hour call", "2-3 hour", 120, 180, 150, "hours"),
    ("about two to three hours", "about two to three hours", 120, 180, 150, "hours"),
])
def test_duration_ranges(phrase, text, low, high, value, stated_unit):
    q = only(phrase)
    assert (q.text, q.bound, q.stated_unit) == (text, "about", stated_unit)
    assert (q.low, q.high, q.value) == (low, high, value)


def test_range_low_not_below_high_is_not_a_range():
    assert [q.text for q in extract_quantities("for 3-2 hours")] != ["3-2 hours"]


# ---------------------------------------------------------------------------
# Hedges
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("hedge,bound", sorted(HEDGES_BEFORE.items()))
def test_every_hedge_before(hedge, bound):
    phrase = f"The call lasted {hedge} two hours."
    q = only(phrase)
    assert q.text == f"{hedge} two hours"
    assert q.bound == bound
    expected = {"about": (120, 120), "at_least": (120, None), "at_most": (0.0, 120)}[bound]
    assert (q.low, q.high) == expected
    assert q.measure == "call_length"


@pytest.mark.parametrize("hedge,bound", sorted(HEDGES_AFTER.items()))
def test_every_hedge_after(hedge, bound):
    phrase = f"The call lasted two hours {hedge}."
    q = only(phrase)
    assert (q.text, q.bound) == (f"two hours {hedge}", bound)


@pytest.mark.parametrize("phrase,text,bound", [
    ("the more than two-hour chat", "more than two-hour", "at_least"),
    ("the more than 90-minute chat", "more than 90-minute", "at_least"),
    ("The More Than 90-minute chat", "More Than 90-minute", "at_least"),
    ("nearly 3-hour talks", "nearly 3-hour", "at_most"),
    ("a 90+ minute call", "90+ minute", "at_least"),
    ("a 90-plus-minute call", "90-plus-minute", "at_least"),
    ("well over an hour", "well over an hour", "at_least"),
    ("just under 90 minutes", "just under 90 minutes", "at_most"),
    ("an hour or so", "an hour or so", "about"),
])
def test_hedge_forms(phrase, text, bound):
    q = only(phrase)
    assert (q.text, q.bound) == (text, bound)


def test_plus_followed_by_noun_is_not_a_hedge():
    q = extract_quantities("two hours plus a press conference")[0]
    assert (q.text, q.bound) == ("two hours", "about")


def test_hedge_words_inside_other_words_are_ignored():
    q = only("Moreover two hours passed.")
    assert (q.text, q.bound) == ("two hours", "about")


# ---------------------------------------------------------------------------
# Counts
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("phrase,text,unit,value", [
    ("Russia freed 175 prisoners.", "175 prisoners", "prisoner", 175),
    ("send 23 seriously wounded soldiers", "23 seriously wounded soldiers", "soldier", 23),
    ("send back 23 critically injured Ukrainian prisoners",
     "23 critically injured Ukrainian prisoners", "prisoner", 23),
    ("The six-reactor nuclear plant", "six-reactor", "reactor", 6),
    ("with 175 to be freed by each side", "175", "count", 175),
    ("the two sides met", "two sides", "side", 2),
    ("over 38,000 locations", "over 38,000 locations", "location", 38000),
    ("a dozen hockey players", "a dozen hockey players", "player", 12),
    ("2 million people", "2 million people", "person", 2_000_000),
    ("twenty-five casualties", "twenty-five casualties", "casualty", 25),
    ("three witnesses", "three witnesses", "witness", 3),
    ("two nuclear superpowers", "two nuclear superpowers", "superpower", 2),
    ("the two countries\u2019 leaders", "two countries", "country", 2),
    ("1 visit(s) today", "1 visit(s)", "visit", 1),
])
def test_counts(phrase, text, unit, value):
    q = only(phrase)
    assert (q.kind, q.text, q.unit, q.value, q.stated_unit) == ("count", text, unit, value, unit)
    assert q.stated_value == value


def test_count_noun_must_be_within_three_words():
    q = only("two very very badly hurt soldiers")
    assert (q.text, q.unit) == ("two", "count")


def test_count_ranges_and_hedges():
    q = only("between 150 and 175 prisoners were exchanged")
    assert (q.unit, q.low, q.high, q.value, q.measure) == ("prisoner", 150, 175, 162.5,
                                                          "prisoners_exchanged")
    q = only("At least 27 Palestinians")
    assert (q.bound, q.low, q.high) == ("at_least", 27, None)
    q = only("fewer than 200 soldiers")
    assert (q.bound, q.low, q.high) == ("at_most", 0.0, 200)
    assert only("175 or more prisoners").bound == "at_least"


def test_numbers_inside_durations_are_not_counts():
    assert [q.kind for q in extract_quantities("They spoke for two and a half hours.")] == ["duration"]
    assert [q.kind for q in extract_quantities("1 hour 30 minutes")] == ["duration"]


@pytest.mark.parametrize("phrase", [
    "In 2014, the peninsula was occupied.",
    "when that country was formed in 1991.",
    "on Thursday, March 13, 2025, a soldier",
    "on 13 March the talks began",
    "after their surprise incursion in August 2024.",
    "a mission to Mars in 2029.",
    "beginning around 10 am ET and concluding at noon.",
    "It started at 10 a.m. and ended at 10:30.",
    "at 3pm",
    "starting from just $2.",
    "a \u00a3300 fee and a \u20ac5 charge",
    "5 euros",
    "a 3.5% target",
    "52 percent of voters",
    "one of the longest on record",
    "the first steps",
    "the 18th of March",
    "expelled from the G8",
    "join NATO",
    "about 1km (0.6 miles) from the aid site",
    "a 20 km convoy",
    "Both leaders agreed.",
    "a couple of hours",
    "dozens of drones",
    "in the 1980s",
    "two-thirds of the territory",
    "won 3-2 in overtime",
    "obtained by KIRO 7",
    "No. 10 Downing Street",
    "Su-34 jets",
    "on 9/11",
    "a second round of talks",
    "just hours after the call",
    "for years",
    "",
])
def test_not_quantities(phrase):
    assert extract_quantities(phrase) == []


def test_year_with_plural_noun_right_after_is_a_count():
    q = only("Russia lost 2000 tanks.")
    assert (q.unit, q.value) == ("tank", 2000)


# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("phrase,text,measure", [
    ("in their more than 90-minute chat", "more than 90-minute", "call_length"),
    ("during the more than two-hour chat", "more than two-hour", "call_length"),
    ("after momentous two-hour call", "two-hour", "call_length"),
    ("an hour-long call", "hour-long", "call_length"),
    ("a two-hour phone call", "two-hour", "call_length"),
    ("a 90-minute telephone conversation", "90-minute", "call_length"),
    ("The conversation lasted two and a half hours.", "two and a half hours", "call_length"),
    ("Their call lasted about two hours, beginning around 10 am.", "about two hours", "call_length"),
    ("the call, which lasted 90 minutes, ended", "90 minutes", "call_length"),
    ("The call went on for two hours.", "two hours", "call_length"),
    ("The call was two hours long.", "two hours long", "call_length"),
    ("after two hours of talks", "two hours", "call_length"),
    # verb forms: not call_length
    ("Trump called Zelenskyy for about an hour Wednesday.", "about an hour", "duration"),
    ("The leaders talked for two hours.", "two hours", "duration"),
    ("Putin spoke for 90 minutes.", "90 minutes", "duration"),
    ("The meeting lasted two hours.", "two hours", "duration"),
    ("for 30 days after the call", "30 days", "duration"),
    ("it has taken four weeks for the United States to call into question", "four weeks", "duration"),
    # ceasefire
    ("a 30-day ceasefire", "30-day", "ceasefire_length"),
    ("agreed to halt attacks on the power grid for 30 days", "30 days", "ceasefire_length"),
    ("The partial ceasefire agreement will be in effect for 30 days.", "30 days", "ceasefire_length"),
    ("a truce of four weeks", "four weeks", "ceasefire_length"),
    ("a pause of two weeks", "two weeks", "ceasefire_length"),
    ("a moratorium of six months", "six months", "ceasefire_length"),
    ("a mutual cessation of attacks for 30 days", "30 days", "ceasefire_length"),
    ("a 30-day cease-fire", "30-day", "ceasefire_length"),
    # age / ago
    ("the 3-year-old conflict", "3-year-old", "age"),
    ("the three-year-old war", "three-year-old", "age"),
    ("a 30-day-old ceasefire", "30-day-old", "age"),
    ("crushed 36 years ago", "36 years ago", "time_ago"),
    ("a year ago", "a year ago", "time_ago"),
])
def test_duration_measures(phrase, text, measure):
    q = find(extract_quantities(phrase), text)
    assert q.measure == measure


def test_call_and_ceasefire_in_one_sentence():
    qs = extract_quantities(
        "Trump and Putin agree 30-day \u2018energy and infrastructure ceasefire\u2019 in Ukraine "
        "after momentous two-hour call")
    assert [(q.text, q.measure) for q in qs] == [("30-day", "ceasefire_length"),
                                                 ("two-hour", "call_length")]


def test_sentence_boundaries_limit_context():
    qs = extract_quantities("The ceasefire was agreed. Trump spoke for two hours.")
    assert find(qs, "two hours").measure == "duration"
    qs = extract_quantities("The U.S. ceasefire plan lasts 30 days.")
    assert find(qs, "30 days").measure == "ceasefire_length"


@pytest.mark.parametrize("phrase,text,measure", [
    ("agreed on a prisoner exchange, with 175 to be freed by each side", "175", "prisoners_exchanged"),
    ("175 prisoners are expected to be exchanged", "175 prisoners", "prisoners_exchanged"),
    ("Russia will swap 100 POWs", "100 POWs", "prisoners_exchanged"),
    ("Russia will also return 23 wounded Ukrainian soldiers", "23 wounded Ukrainian soldiers",
     "wounded_returned"),
    ("Putin agreed to send back 23 critically injured Ukrainian prisoners",
     "23 critically injured Ukrainian prisoners", "wounded_returned"),
    ("Kyiv will hand over 12 wounded servicemen", "12 wounded servicemen", "wounded_returned"),
    ("The two leaders agreed a prisoner swap.", "two leaders", "count"),
    ("23 wounded soldiers remain in hospital.", "23 wounded soldiers", "count"),
    ("four regions", "four regions", "count"),
])
def test_count_measures(phrase, text, measure):
    assert find(extract_quantities(phrase), text).measure == measure


def test_both_count_measures_in_one_sentence():
    qs = extract_quantities("Specifically, 175 prisoners are expected to be exchanged tomorrow, "
                            "and Russia has said it will send 23 seriously wounded soldiers to Kiev.")
    assert [(q.text, q.measure) for q in qs] == [
        ("175 prisoners", "prisoners_exchanged"),
        ("23 seriously wounded soldiers", "wounded_returned"),
    ]


# ---------------------------------------------------------------------------
# The labelled phrases (benchmarks/labelled_phrases.csv)
# ---------------------------------------------------------------------------
def _labelled_rows():
    with LABELLED.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


LABELLED_ROWS = _labelled_rows()


def test_labelled_file_shape():
    assert 60 <= len(LABELLED_ROWS) <= 90
    assert list(LABELLED_ROWS[0]) == ["phrase", "text", "unit", "value", "bound", "low", "high",
                                      "measure"]
    assert len({r["phrase"] for r in LABELLED_ROWS}) == len(LABELLED_ROWS)


@pytest.mark.parametrize("row", LABELLED_ROWS, ids=lambda r: r["phrase"][:40])
def test_labelled_phrase(row):
    qs = extract_quantities(row["phrase"])
    check_spans(row["phrase"], qs)
    if not row["text"]:
        assert qs == []
        return
    start = row["phrase"].index(row["text"])
    hits = [q for q in qs if (q.start, q.end) == (start, start + len(row["text"]))]
    assert hits, f"{row['text']!r} not in {[q.text for q in qs]}"
    q = hits[0]
    assert q.unit == row["unit"]
    assert q.value == pytest.approx(float(row["value"]))
    assert q.bound == row["bound"]
    assert q.low == pytest.approx(float(row["low"]))
    assert q.high == (pytest.approx(float(row["high"])) if row["high"] else None)
    assert q.measure == row["measure"]


# ---------------------------------------------------------------------------
# The data type and robustness
# ---------------------------------------------------------------------------
def test_quantity_fields_in_order_and_frozen():
    names = [f.name for f in dataclasses.fields(Quantity)]
    assert names == ["start", "end", "text", "kind", "unit", "value", "bound", "low", "high",
                     "measure", "stated_value", "stated_unit"]
    q = only("The call lasted more than two hours.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 1.0  # type: ignore[misc]


def test_to_dict_is_json_serialisable():
    q = only("The call lasted more than two hours.")
    d = q.to_dict()
    assert list(d) == [f.name for f in dataclasses.fields(Quantity)]
    assert d["high"] is None and d["low"] == 120.0
    assert json.loads(json.dumps(d)) == d
    assert all(isinstance(d[k], float) for k in ("value", "low", "stated_value"))


def test_order_of_appearance_and_no_overlap():
    text = "A 30-day truce, 175 prisoners and a two-hour call; then 23 wounded soldiers."
    qs = extract_quantities(text)
    assert [q.text for q in qs] == ["30-day", "175 prisoners", "two-hour", "23 wounded soldiers"]
    check_spans(text, qs)


def test_hedge_does_not_reach_into_previous_quantity():
    text = "two hours more than three hours"
    qs = extract_quantities(text)
    check_spans(text, qs)
    assert [q.text for q in qs] == ["two hours", "more than three hours"]


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "\u200b", "½", "\x00", "\ud800 hours", "٣٠ minutes", "२ hours",
    "ⅷ hours", "a", "an", "half", "between", "from 2 to", "2-", "2 1/", "and a half",
    "30-", "twenty-", "five hundred and", "– 5 –", "2.", "2,", "$", "%", "9" * 5000,
    "two " * 500, "hour-long", "🙂 two 🙂 hours 🙂", "ＴＷＯ hours", "2\u00a0hours",
    "more than", "or more", "-two hours", "1e9 hours", "∞ hours", "NaN hours",
])
def test_never_raises_on_odd_input(text):
    qs = extract_quantities(text)
    check_spans(text, qs)
    for q in qs:
        assert math.isfinite(q.value)
        json.dumps(q.to_dict())


try:  # property tests run only when hypothesis is installed
    import hypothesis
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    hypothesis = None

_ALPHABET = list("0123456789 -–,.½/$%") + [
    "two", "and", "a", "half", "hour", "hours", "minute", "day", "year", "-old", "ago",
    "more than", "about", "or more", "between", "to", "call", "lasted", "ceasefire",
    "prisoners", "wounded", "returned", "\n", "March", "an", "long", "plus", "é", "🙂",
]

if hypothesis is not None:

    @hypothesis.settings(max_examples=300, deadline=None, database=None)
    @hypothesis.given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map(" ".join))
    def test_fuzz_spans(text):
        qs = extract_quantities(text)
        check_spans(text, qs)
        for q in qs:
            assert q.kind in ("duration", "count")
            assert q.bound in ("about", "at_least", "at_most")
            assert q.low <= q.value and (q.high is None or q.value <= q.high)

    @hypothesis.settings(max_examples=200, deadline=None, database=None)
    @hypothesis.given(st.text(max_size=200))
    def test_fuzz_any_unicode(text):
        check_spans(text, extract_quantities(text))
