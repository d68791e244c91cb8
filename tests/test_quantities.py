"""Tests for medialit.quantities."""

from __future__ import annotations

import csv
import dataclasses
import json
import math
from pathlib import Path

import pytest

from medialit.quantities import (
    DEFAULT_MEASURES,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    Measure,
    Quantity,
    as_measures,
    extract_quantities,
)

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
        assert q.text == source[q.start : q.end]
        assert last <= q.start < q.end
        last = q.end


# ---------------------------------------------------------------------------
# The five seed reports
# ---------------------------------------------------------------------------
def test_seed_000_more_than_90_minute_chat():
    qs = extract_quantities(report("000"))
    q = find(qs, "more than 90-minute")
    assert (q.measure, q.value, q.bound, q.low, q.high) == (
        "call_length",
        90.0,
        "at_least",
        90.0,
        None,
    )
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
        "call_length",
        150.0,
        "about",
        2.5,
        "hours",
    )
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
    assert (chat.measure, chat.value, chat.bound, chat.high) == (
        "call_length",
        120.0,
        "at_least",
        None,
    )
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


@pytest.mark.parametrize(
    "phrase,text,minutes,stated,stated_unit", DURATION_FORMS, ids=[f[1] for f in DURATION_FORMS]
)
def test_duration_forms(phrase, text, minutes, stated, stated_unit):
    q = only(phrase)
    assert q.text == text
    assert q.kind == "duration" and q.unit == "minutes"
    assert q.value == pytest.approx(minutes)
    assert (q.low, q.high) == (pytest.approx(minutes), pytest.approx(minutes))
    assert q.bound == "about"
    assert q.stated_value == pytest.approx(stated)
    assert q.stated_unit == stated_unit


@pytest.mark.parametrize(
    "phrase,text,low,high,value,stated_unit",
    [
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
    ],
)
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


@pytest.mark.parametrize(
    "phrase,text,bound",
    [
        ("the more than two-hour chat", "more than two-hour", "at_least"),
        ("the more than 90-minute chat", "more than 90-minute", "at_least"),
        ("The More Than 90-minute chat", "More Than 90-minute", "at_least"),
        ("nearly 3-hour talks", "nearly 3-hour", "at_most"),
        ("a 90+ minute call", "90+ minute", "at_least"),
        ("a 90-plus-minute call", "90-plus-minute", "at_least"),
        ("well over an hour", "well over an hour", "at_least"),
        ("just under 90 minutes", "just under 90 minutes", "at_most"),
        ("an hour or so", "an hour or so", "about"),
    ],
)
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
@pytest.mark.parametrize(
    "phrase,text,unit,value",
    [
        ("Russia freed 175 prisoners.", "175 prisoners", "prisoner", 175),
        ("send 23 seriously wounded soldiers", "23 seriously wounded soldiers", "soldier", 23),
        (
            "send back 23 critically injured Ukrainian prisoners",
            "23 critically injured Ukrainian prisoners",
            "prisoner",
            23,
        ),
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
    ],
)
def test_counts(phrase, text, unit, value):
    q = only(phrase)
    assert (q.kind, q.text, q.unit, q.value, q.stated_unit) == ("count", text, unit, value, unit)
    assert q.stated_value == value


def test_count_noun_must_be_within_three_words():
    q = only("two very very badly hurt soldiers")
    assert (q.text, q.unit) == ("two", "count")


def test_count_ranges_and_hedges():
    q = only("between 150 and 175 prisoners were exchanged")
    assert (q.unit, q.low, q.high, q.value, q.measure) == (
        "prisoner",
        150,
        175,
        162.5,
        "prisoners_exchanged",
    )
    q = only("At least 27 Palestinians")
    assert (q.bound, q.low, q.high) == ("at_least", 27, None)
    q = only("fewer than 200 soldiers")
    assert (q.bound, q.low, q.high) == ("at_most", 0.0, 200)
    assert only("175 or more prisoners").bound == "at_least"


def test_numbers_inside_durations_are_not_counts():
    assert [q.kind for q in extract_quantities("They spoke for two and a half hours.")] == [
        "duration"
    ]
    assert [q.kind for q in extract_quantities("1 hour 30 minutes")] == ["duration"]


@pytest.mark.parametrize(
    "phrase",
    [
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
    ],
)
def test_not_quantities(phrase):
    assert extract_quantities(phrase) == []


def test_year_with_plural_noun_right_after_is_a_count():
    q = only("Russia lost 2000 tanks.")
    assert (q.unit, q.value) == ("tank", 2000)


# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "phrase,text,measure",
    [
        ("in their more than 90-minute chat", "more than 90-minute", "call_length"),
        ("during the more than two-hour chat", "more than two-hour", "call_length"),
        ("after momentous two-hour call", "two-hour", "call_length"),
        ("an hour-long call", "hour-long", "call_length"),
        ("a two-hour phone call", "two-hour", "call_length"),
        ("a 90-minute telephone conversation", "90-minute", "call_length"),
        ("The conversation lasted two and a half hours.", "two and a half hours", "call_length"),
        (
            "Their call lasted about two hours, beginning around 10 am.",
            "about two hours",
            "call_length",
        ),
        ("the call, which lasted 90 minutes, ended", "90 minutes", "call_length"),
        ("The call went on for two hours.", "two hours", "call_length"),
        ("The call was two hours long.", "two hours long", "call_length"),
        ("after two hours of talks", "two hours", "call_length"),
        # "called" says neither which call nor that it was one; one speaker is a speech
        ("Trump called Zelenskyy for about an hour Wednesday.", "about an hour", "duration"),
        ("The leaders talked for two hours.", "two hours", "call_length"),
        ("Putin spoke for 90 minutes.", "90 minutes", "duration"),
        ("The meeting lasted two hours.", "two hours", "duration"),
        ("for 30 days after the call", "30 days", "duration"),
        (
            "it has taken four weeks for the United States to call into question",
            "four weeks",
            "duration",
        ),
        # ceasefire
        ("a 30-day ceasefire", "30-day", "ceasefire_length"),
        ("agreed to halt attacks on the power grid for 30 days", "30 days", "ceasefire_length"),
        (
            "The partial ceasefire agreement will be in effect for 30 days.",
            "30 days",
            "ceasefire_length",
        ),
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
    ],
)
def test_duration_measures(phrase, text, measure):
    q = find(extract_quantities(phrase), text)
    assert q.measure == measure


def test_call_and_ceasefire_in_one_sentence():
    qs = extract_quantities(
        "Trump and Putin agree 30-day \u2018energy and infrastructure ceasefire\u2019 in Ukraine "
        "after momentous two-hour call"
    )
    assert [(q.text, q.measure) for q in qs] == [
        ("30-day", "ceasefire_length"),
        ("two-hour", "call_length"),
    ]


def test_sentence_boundaries_limit_context():
    qs = extract_quantities("The ceasefire was agreed. Trump spoke for two hours.")
    assert find(qs, "two hours").measure == "duration"
    qs = extract_quantities("The U.S. ceasefire plan lasts 30 days.")
    assert find(qs, "30 days").measure == "ceasefire_length"


@pytest.mark.parametrize(
    "phrase,text,measure",
    [
        (
            "agreed on a prisoner exchange, with 175 to be freed by each side",
            "175",
            "prisoners_exchanged",
        ),
        ("175 prisoners are expected to be exchanged", "175 prisoners", "prisoners_exchanged"),
        ("Russia will swap 100 POWs", "100 POWs", "prisoners_exchanged"),
        (
            "Russia will also return 23 wounded Ukrainian soldiers",
            "23 wounded Ukrainian soldiers",
            "wounded_returned",
        ),
        (
            "Putin agreed to send back 23 critically injured Ukrainian prisoners",
            "23 critically injured Ukrainian prisoners",
            "wounded_returned",
        ),
        ("Kyiv will hand over 12 wounded servicemen", "12 wounded servicemen", "wounded_returned"),
        ("The two leaders agreed a prisoner swap.", "two leaders", "count"),
        ("23 wounded soldiers remain in hospital.", "23 wounded soldiers", "count"),
        ("four regions", "four regions", "count"),
    ],
)
def test_count_measures(phrase, text, measure):
    assert find(extract_quantities(phrase), text).measure == measure


def test_both_count_measures_in_one_sentence():
    qs = extract_quantities(
        "Specifically, 175 prisoners are expected to be exchanged tomorrow, "
        "and Russia has said it will send 23 seriously wounded soldiers to Kiev."
    )
    assert [(q.text, q.measure) for q in qs] == [
        ("175 prisoners", "prisoners_exchanged"),
        ("23 seriously wounded soldiers", "wounded_returned"),
    ]


# ---------------------------------------------------------------------------
# Call lengths in real-news phrasing: one test per KIND of phrasing, several sentences each
# (written for these tests; the benchmark's real sentences are not used here)
# ---------------------------------------------------------------------------
def call_lengths(text: str) -> list[tuple[float, str]]:
    return [(q.value, q.bound) for q in extract_quantities(text) if q.measure == "call_length"]


@pytest.mark.parametrize(
    "text,minutes,bound",
    [
        ("The two prime ministers talked for 35 minutes on Friday.", 35, "about"),
        ("Erdogan chatted with the Russian leader for about 50 minutes by phone.", 50, "about"),
        ("Scholz was on the phone with the Chinese premier for two full hours.", 120, "about"),
        ("Modi, Albanese speak for over an hour", 60, "at_least"),
        ("She spoke by telephone with the king for 25 minutes.", 25, "about"),
        ("Ramaphosa said he had spoken to his Brazilian counterpart for 40 minutes.", 40, "about"),
        ("The premiers conferred for nearly three hours over a secure line.", 180, "at_most"),
    ],
)
def test_speaking_verb_for_n_is_a_call(text, minutes, bound):
    assert call_lengths(text) == [(minutes, bound)]


@pytest.mark.parametrize(
    "text",
    [
        "Putin spoke for 90 minutes.",  # one speaker: a speech
        "The minister talked to reporters for two hours.",  # an audience
        "They spoke for three hours at the summit in Geneva.",  # another event is named
        "Trump called Zelenskyy for about an hour Wednesday.",  # "called" is not "spoke"
        "The leaders met in Anchorage. They spoke for nearly three hours.",  # the meeting
        "The president spoke on the phone for the first time in almost three years.",
    ],
)
def test_speaking_verb_without_a_conversation_is_not_a_call(text):
    assert call_lengths(text) == []


@pytest.mark.parametrize(
    "text,minutes,bound",
    [
        (
            (
                "The video conversation between the Japanese prime minister and the Indian "
                "premier, their third this year, lasted roughly 55 minutes."
            ),
            55,
            "about",
        ),
        (
            (
                "The call was requested by Ankara, covered trade and security and lasted one hour "
                "and 10 minutes."
            ),
            70,
            "about",
        ),
        (
            (
                "The phone conversation began at 4:15 pm Moscow time and ended at 5:05 pm, "
                "lasting some 50 minutes."
            ),
            50,
            "about",
        ),
        ("The conversation started at 10 a.m. and ended 40 minutes later.", 40, "about"),
        (
            (
                "The telephone conversation, held at the request of the Turkish side and devoted "
                "mostly to grain exports, lasted over an hour."
            ),
            60,
            "at_least",
        ),
    ],
)
def test_call_noun_far_from_its_verb(text, minutes, bound):
    assert call_lengths(text) == [(minutes, bound)]


@pytest.mark.parametrize(
    "text",
    [
        "The call came after the summit in Paris, which lasted three hours.",
        "During the call Xi said the war had lasted three years too long.",
        "The meeting lasted two hours, and a call followed.",
    ],
)
def test_nearest_event_noun_decides(text):
    assert call_lengths(text) == []


@pytest.mark.parametrize(
    "text,minutes,bound",
    [
        (
            (
                "Macron phoned the Iranian president on Sunday. It lasted about 40 minutes, his "
                "office said."
            ),
            40,
            "about",
        ),
        ("The two leaders held a video call on Monday. It ran for almost an hour.", 60, "at_most"),
        (
            "Officials in Tokyo confirmed the phone call. They said it lasted half an hour.",
            30,
            "about",
        ),
        ("The leaders last spoke in March. It was brief, just 15 minutes.", 15, "about"),
        ("The conversation was tense. It was long, more than two hours.", 120, "at_least"),
    ],
)
def test_call_named_in_the_sentence_before(text, minutes, bound):
    assert call_lengths(text) == [(minutes, bound)]


@pytest.mark.parametrize(
    "text",
    [
        "Putin gave his annual press conference on Thursday. It lasted four hours.",
        "The summit ended without a deal. It had lasted two days.",
        "The call was short. The visit that followed it lasted two days.",
    ],
)
def test_other_event_in_the_sentence_before(text):
    assert call_lengths(text) == []


@pytest.mark.parametrize(
    "text,minutes,bound",
    [
        ('The call lasted "more than an hour," an aide said.', 60, "at_least"),
        ("The conversation lasted «nearly two hours».", 120, "at_most"),
        ("Their talk lasted a remarkable four hours.", 240, "about"),
        ("The call ran for 2 hours, officials said.", 120, "about"),
        ("The conversation went on for a full 90 minutes.", 90, "about"),
        ("The chat lasted, reportedly, 20 minutes.", 20, "about"),
    ],
)
def test_quotes_and_intensifiers_between_verb_and_number(text, minutes, bound):
    assert call_lengths(text) == [(minutes, bound)]


@pytest.mark.parametrize(
    "text,minutes",
    [
        ("They held a 40-minute video call.", 40),
        ("It was a two-hour virtual summit.", 120),
        ("after the hour-long videoconference", 60),
        (
            (
                "The two leaders held a phone call on Friday. The 70-minute marathon with the "
                "chancellor covered energy."
            ),
            70,
        ),
        ("The videoconference began at 9:05 a.m. and ended 45 minutes later.", 45),
        ("They spent two hours on the phone.", 120),
    ],
)
def test_other_nouns_for_a_call(text, minutes):
    assert call_lengths(text) == [(minutes, "about")]


def test_light_noun_takes_the_nearest_event():
    text = "The ministers met in Rome on Friday. The 70-minute marathon ended in a deal."
    assert call_lengths(text) == []


@pytest.mark.parametrize(
    "text,span,minutes",
    [
        ("the two-and - a-half-hour call", "two-and - a-half-hour", 150),
        ("the one-hour-15-minute conversation", "one-hour-15-minute", 75),
        ("a 1-hour, 10-minute call", "1-hour, 10-minute", 70),
        ("an hour-and-a-half call", "an hour-and-a-half", 90),
        ("The call lasted two straight hours.", "two straight hours", 120),
        ("The call lasted a full hour.", "a full hour", 60),
    ],
)
def test_spacing_and_compounds(text, span, minutes):
    (q,) = [q for q in extract_quantities(text) if q.measure == "call_length"]
    assert (q.text, q.value) == (span, minutes)


@pytest.mark.parametrize(
    "text,span,minutes,stated_unit",
    [
        ("The call lasted 90min.", "90min", 90, "minutes"),
        ("Call lasted 2h30", "2h30", 150, "hours"),
        ("a 45mins chat", "45mins", 45, "minutes"),
        ("The call lasted 1h 20min.", "1h 20min", 80, "hours"),
        ("The call lasted 2h.", "2h", 120, "hours"),
        ("The call lasted 3hrs.", "3hrs", 180, "hours"),
    ],
)
def test_units_glued_to_digits(text, span, minutes, stated_unit):
    (q,) = extract_quantities(text)
    assert (q.text, q.value, q.stated_unit, q.measure) == (
        span,
        minutes,
        stated_unit,
        "call_length",
    )


@pytest.mark.parametrize(
    "text", ["in the 1990s", "a 5G network", "the F16 jets", "2H 2025", "90m from the border"]
)
def test_glued_letters_that_are_not_units(text):
    assert [q for q in extract_quantities(text) if q.kind == "duration"] == []


@pytest.mark.parametrize(
    "text",
    [
        "It was the first call in the last three months.",
        "This was their second conversation in the last two weeks.",
        "The call came three days after the attack.",
        "Their last publicly known call was in July, two months ago.",
        "More than 2 hours later, Putin said the conversation had been useful.",
    ],
)
def test_false_positives(text):
    assert call_lengths(text) == []


def test_last_as_a_verb_after_a_noun():
    assert call_lengths("Their last call, in May, lasted 20 minutes.") == [(20, "about")]
    assert call_lengths("Calls with him usually last an hour.") == [(60, "about")]


# In-person talks: an in-person word in the clause of the number makes it a meeting's
# length, unless a call medium is named in the same clause (rule after 2-5).
@pytest.mark.parametrize(
    "text",
    [
        "The two ministers met for four hours of talks in Oslo on Monday.",  # rule 2
        "The premiers held face-to-face talks lasting 90 minutes at the summit.",  # rule 3
        "Their talks in person ran for three hours, aides said.",
        "The chancellor and the president talked one-on-one for 45 minutes.",  # rule 5
        "During his visit to Rome the king held two-hour talks with the pope.",
        "The envoys sat down for a 50-minute discussion at the embassy.",
        "She hosted her counterpart for five hours of talks at her residence.",
        "It was a courtesy call lasting 20 minutes, a spokesman said after the meeting.",
        "The delegations conferred for six hours before signing the deal.",
        "Discussions between the two presidents concluded after three hours at the summit.",
    ],
)
def test_talks_held_in_person_are_not_a_call(text):
    assert call_lengths(text) == []
    (q,) = [q for q in extract_quantities(text) if q.kind == "duration"]
    assert q.measure == "duration"


@pytest.mark.parametrize(
    "text,minutes,bound",
    [
        ("Their talks by phone lasted three hours.", 180, "about"),
        ("The prime ministers held phone talks lasting 40 minutes.", 40, "about"),
        ("The two leaders held video talks lasting nearly an hour.", 60, "at_most"),
        ("The telephone conversation between the presidents lasted 25 minutes.", 25, "about"),
        ("The premier and the president spoke for over an hour.", 60, "at_least"),  # no medium
        ("The two presidents talked for 70 minutes on Tuesday.", 70, "about"),
        # a meeting named, and a medium in the same clause: the call
        ("During the summit the two ministers spoke by phone for 15 minutes.", 15, "about"),
        ("They met online for two hours of talks.", 120, "about"),
        ("The leaders held a virtual summit lasting 90 minutes.", 90, "about"),
        # the meeting is in another clause
        ("The two met in Lisbon last year; on Friday their talks lasted an hour.", 60, "about"),
        ("They last met in May, but the talks on Sunday lasted 30 minutes.", 30, "about"),
    ],
)
def test_a_call_medium_or_no_meeting_keeps_the_call(text, minutes, bound):
    assert call_lengths(text) == [(minutes, bound)]


def test_a_clause_that_points_back_takes_the_medium_of_the_sentence_before():
    before = "The minister told reporters about his phone calls with the president. "
    text = "These talks lasted an hour, he said at a meeting in Paris."
    assert call_lengths(before + text) == [(60, "about")]
    assert call_lengths(text) == []  # no medium anywhere: a meeting


def test_a_case_measure_brings_its_own_excludes_and_keeps():
    m = Measure.from_cues(
        "debate_length", "nouns: debate; excludes: studio, hall; keeps: radio, online"
    )
    assert (m.excludes, m.keeps) == (("studio", "hall"), ("radio", "online"))
    assert m != Measure.from_cues("debate_length", "nouns: debate")

    def measure(text):
        return [q.measure for q in extract_quantities(text, [m]) if q.kind == "duration"]

    assert measure("The debate lasted two hours.") == ["debate_length"]
    assert measure("The debate in the studio lasted two hours.") == ["duration"]
    assert measure("The studio debate on the radio lasted two hours.") == ["debate_length"]


# ---------------------------------------------------------------------------
# Measures as data
# ---------------------------------------------------------------------------
def test_default_measures_are_the_shipped_case():
    assert [m.name for m in DEFAULT_MEASURES] == [
        "call_length",
        "ceasefire_length",
        "prisoners_exchanged",
        "wounded_returned",
    ]
    assert extract_quantities("The call lasted an hour.") == extract_quantities(
        "The call lasted an hour.", DEFAULT_MEASURES
    )


MEETING = Measure.from_cues("meeting_length", "nouns: meeting, summit; verbs: met")


@pytest.mark.parametrize(
    "text,measure",
    [
        ("The summit lasted three hours.", "meeting_length"),
        ("The two presidents met for three hours.", "meeting_length"),
        ("a 90-minute meeting", "meeting_length"),
        ("The call lasted an hour.", "duration"),  # the default measures are replaced
        ("The war lasted two years.", "duration"),
    ],
)
def test_a_case_brings_its_own_measures(text, measure):
    (q,) = [q for q in extract_quantities(text, [MEETING]) if q.kind == "duration"]
    assert q.measure == measure


def test_measures_in_every_accepted_form_give_the_same_result():
    text = "The summit lasted three hours and 500 prisoners were freed."
    forms = [
        [MEETING, Measure("swap", kind="count", nouns=["prisoner"], verbs=["free"])],
        [
            {"name": "meeting_length", "nouns": ["meeting", "summit"], "verbs": "met"},
            {"name": "swap", "kind": "count", "nouns": "prisoner", "verbs": "free"},
        ],
        [
            {"name": "meeting_length", "cues": "nouns: meeting, summit; verbs: met"},
            {"name": "swap", "cues": "kind: count; nouns: prisoner; verbs: free"},
        ],
        {
            "meeting_length": "nouns: meeting, summit; verbs: met",
            "swap": "kind: count; nouns: prisoner; verbs: free",
        },
    ]
    results = [[(q.text, q.measure) for q in extract_quantities(text, f)] for f in forms]
    assert results[0] == [("three hours", "meeting_length"), ("500 prisoners", "swap")]
    assert all(r == results[0] for r in results)


def test_count_measure_units_limit_what_it_counts():
    m = Measure("swap", kind="count", nouns=["prisoner"], verbs=["free"], units=["prisoner"])
    qs = extract_quantities("Russia freed 40 prisoners and 12 journalists held as prisoners.", [m])
    assert [(q.text, q.measure) for q in qs] == [
        ("40 prisoners", "swap"),
        ("12 journalists", "count"),
    ]


@pytest.mark.parametrize(
    "bad,message",
    [
        ({"name": "x", "kind": "length", "nouns": "call"}, "kind must be"),
        ({"name": "x", "nouns": "call", "scope": "paragraph"}, "scope must be"),
        ({"name": "x"}, "no cue words"),
        ({"name": "", "nouns": "call"}, "needs a name"),
        ({"name": "x", "cues": "nouns call"}, "cannot read"),
        ({"name": "x", "cues": "adjectives: long"}, "cannot read"),
        ({"name": "x", "nouns": [1, 2]}, "must be a string"),
    ],
)
def test_bad_measures_get_a_clear_message(bad, message):
    with pytest.raises((ValueError, TypeError), match=message):
        extract_quantities("The call lasted an hour.", [bad])


def test_measure_names_must_differ_and_measures_must_be_a_list():
    with pytest.raises(ValueError, match="must differ"):
        as_measures([MEETING, MEETING])
    with pytest.raises(TypeError, match="measures must be"):
        extract_quantities("The call lasted an hour.", "nouns: call")


def test_cue_words_match_their_inflections():
    m = Measure("visit_length", nouns=["visit"], verbs=["stay", "tour"])
    assert [q.measure for q in extract_quantities("The visits lasted a week.", [m])] == [
        "visit_length"
    ]
    assert [q.measure for q in extract_quantities("The ministers toured for two days.", [m])] == [
        "visit_length"
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
    assert list(LABELLED_ROWS[0]) == [
        "phrase",
        "text",
        "unit",
        "value",
        "bound",
        "low",
        "high",
        "measure",
    ]
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
    assert names == [
        "start",
        "end",
        "text",
        "kind",
        "unit",
        "value",
        "bound",
        "low",
        "high",
        "measure",
        "stated_value",
        "stated_unit",
    ]
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


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        "\u200b",
        "½",
        "\x00",
        "\ud800 hours",
        "٣٠ minutes",
        "२ hours",
        "ⅷ hours",
        "a",
        "an",
        "half",
        "between",
        "from 2 to",
        "2-",
        "2 1/",
        "and a half",
        "30-",
        "twenty-",
        "five hundred and",
        "– 5 –",
        "2.",
        "2,",
        "$",
        "%",
        "9" * 5000,
        "two " * 500,
        "hour-long",
        "🙂 two 🙂 hours 🙂",
        "ＴＷＯ hours",
        "2\u00a0hours",
        "more than",
        "or more",
        "-two hours",
        "1e9 hours",
        "∞ hours",
        "NaN hours",
    ],
)
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

_ALPHABET = [
    *list("0123456789 -–,.½/$%"),
    "two",
    "and",
    "a",
    "half",
    "hour",
    "hours",
    "minute",
    "day",
    "year",
    "-old",
    "ago",
    "more than",
    "about",
    "or more",
    "between",
    "to",
    "call",
    "lasted",
    "ceasefire",
    "prisoners",
    "wounded",
    "returned",
    "\n",
    "March",
    "an",
    "long",
    "plus",
    "é",
    "🙂",
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


if hypothesis is not None:
    _CALL_SUBJECTS = [
        "The call",
        "Their phone conversation",
        "The video call between them",
        "The leaders' telephone conversation, the first since May,",
        "The talks",
    ]
    _LASTING = [
        "lasted",
        "lasted for",
        "ran for",
        "went on for",
        "lasted just",
        "lasted a whopping",
        "lasted, officials said,",
    ]
    _OPEN_QUOTES = ["", '"', "“", "«", "‘"]

    @hypothesis.settings(max_examples=200, deadline=None, database=None)
    @hypothesis.given(
        subject=st.sampled_from(_CALL_SUBJECTS),
        verb=st.sampled_from(_LASTING),
        quote=st.sampled_from(_OPEN_QUOTES),
        n=st.integers(2, 300),
        unit=st.sampled_from(["minutes", "hours"]),
        context=st.booleans(),
    )
    def test_fuzz_call_length_survives_fillers_and_context(subject, verb, quote, n, unit, context):
        """Whatever the filler between verb and number, and whether the call is named in
        this sentence or only in the one before ("It lasted ..."), the length is read."""
        if context:
            text = f"{subject} was tense. It {verb} {quote}{n} {unit}."
        else:
            text = f"{subject} {verb} {quote}{n} {unit}."
        qs = [q for q in extract_quantities(text) if q.kind == "duration"]
        assert [(q.measure, q.value) for q in qs] == [
            ("call_length", n * (60.0 if unit == "hours" else 1.0))
        ], text

    @hypothesis.settings(max_examples=150, deadline=None, database=None)
    @hypothesis.given(
        event=st.sampled_from(
            ["The meeting", "The press conference", "The summit", "The visit", "The war"]
        ),
        verb=st.sampled_from(_LASTING),
        n=st.integers(2, 300),
        context=st.booleans(),
    )
    def test_fuzz_other_events_are_not_calls(event, verb, n, context):
        text = (
            f"{event} was tense. It {verb} {n} hours." if context else f"{event} {verb} {n} hours."
        )
        assert [q.measure for q in extract_quantities(text)] == ["duration"], text


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("between three hundred and five hundred minutes", 300, 500),  # found by the range property
        ("between two hundred and fifty and three hundred people", 250, 300),
    ],
)
def test_and_between_two_word_numbers_of_hundreds_is_a_range(text, low, high):
    (q,) = extract_quantities(text)
    assert (q.low, q.high) == (low, high)


def test_and_inside_one_word_number_still_joins_it():
    assert [q.value for q in extract_quantities("three hundred and five minutes")] == [305]
