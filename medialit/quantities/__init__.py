"""Find durations and counts in news text (stdlib only).

    >>> from medialit.quantities import extract_quantities
    >>> [q.text for q in extract_quantities("Their call lasted about two hours.")]
    ['about two hours']

``extract_quantities(text, measures=None)`` returns :class:`Quantity` objects in
order of appearance, never overlapping, with ``text == input[start:end]``.
``measures`` says what the numbers may measure (see "Measures" below); ``None`` means
:data:`DEFAULT_MEASURES`, the set for the shipped case.

The package has three modules: :mod:`~medialit.quantities.patterns` (rule tables: units,
hedges, number words), :mod:`~medialit.quantities.numbers` (reading numbers, the grammar of
durations and counts) and :mod:`~medialit.quantities.measures` (measures as data and the
rules that link a number to a measure's cue words).

What is recognised
------------------
Numbers
    digits ("175", "38,000", "2.5", "2 1/2", "2½", "2 million") and English
    number words ("two", "twenty-five", "a hundred and fifty", "a dozen"),
    optionally followed by "and a half" / "-and-a-half" / "and a quarter".
    "a"/"an" count as 1 only before a time unit ("an hour", "a day"), and
    "half" forms are "half an hour", "a half hour", "half-hour".
Durations (``kind="duration"``, ``unit="minutes"``)
    number + unit noun ("150 minutes", "two and a half hours", "an hour and a
    half"), hyphenated adjectives ("90-minute", "30-day", "2.5-hour",
    "two-and-a-half-hour"), "-long" ("hour-long" = 60, "two-hour-long"),
    compounds ("two hours and 15 minutes", "1 hour 30 minutes"), ranges
    ("between 90 and 120 minutes", "90 to 120 minutes", "90-120 minutes",
    "two to three hours", "two or three hours"), ages ("3-year-old",
    "three years old") and "N years ago".  Units: seconds, minutes, hours,
    days, weeks, months (30 days), years (365 days), decades, centuries, with
    the abbreviations sec/min/hr/wk/yr.  ``value`` is in minutes;
    ``stated_value``/``stated_unit`` give the same amount in the unit as
    written (for a compound or range: the first written unit of a compound,
    the last written unit of a range; the range's midpoint).
Counts (``kind="count"``)
    a number (digits, or number words worth 2 or more) not used by a duration.
    ``unit`` is the first plural noun within the next four words (at most three
    words in between, "23 critically injured Ukrainian prisoners" ->
    "prisoner"), or the noun of a hyphenated adjective ("six-reactor" ->
    "reactor"), singular and lower case; otherwise "count" ("with 175 to be
    freed").  The span then runs from the number to that noun.
Not quantities (skipped)
    years ("1991", "in 2029", "August 2024"), dates ("March 13, 2025",
    "13 March"), clock times ("10 am", "10:30"), money ("$2", "5 euros"),
    percentages ("3.5%", "2 percent"), measurements ("1km", "0.6 miles"),
    ordinals ("first", "18th"), labels ("G8", "Su-34", "KIRO 7", "No. 5"),
    "one of the", "both", "a couple", "dozens", decades like "1980s",
    fractions such as "two-thirds", scores such as "3-2".

Bounds (``bound``, ``low``, ``high``)
-------------------------------------
A hedge immediately before the number is part of the span;
:data:`HEDGES_BEFORE` maps each to a bound ("over" after "hand", "turn",
"take" ... is a particle, not a hedge: "hand over 12 soldiers").  After the unit,
:data:`HEDGES_AFTER` ("or more", "or so", a trailing "plus") apply, as do
"90+" and "90-plus".  ``about`` -> ``low = high = value``; ``at_least`` ->
``low = value, high = None``; ``at_most`` -> ``low = 0.0, high = value``.
A range is ``about`` with ``low``/``high`` its ends and ``value`` its
midpoint; of the hedges, only the "about" kind is taken into a range's span.

Measure (``measure``) - first rule that applies wins
----------------------------------------------------
Durations:

1. ``age``: "N-year-old", "N-month-old", "N years old".
2. ``time_ago``: "N years ago" ("ago" is part of the span).
3. ``call_length``: a call noun (:data:`CALL_NOUNS`: call, phone call,
   conversation, chat, talk(s), discussion) is measured by the duration:
   (a) it follows the duration with at most two words between, none of them a
   function word or ceasefire word ("90-minute chat", "more than two-hour
   chat", "two-hour Trump-Putin call", "hour-long call"); or (b) "... of
   [the] talks" ("two hours of talks"); or (c) it appears earlier in the same
   sentence and a lasting verb (:data:`LASTING_VERBS`: lasted, went on, took,
   ran, was ...) stands right before the duration, optionally with "for" or
   "to" ("The conversation lasted two and a half hours", "the call, which
   lasted 90 minutes").  The verb "called" is never a call noun: "Trump called Zelenskyy
   for about an hour" is ``duration``, since a verb does not say which call is
   meant.
4. ``ceasefire_length``: the sentence mentions a ceasefire word
   (:data:`CEASEFIRE_WORDS`: ceasefire, truce, halt, pause, moratorium,
   cessation, armistice) - "30-day ceasefire", "halt attacks ... for 30 days".
5. ``duration``: anything else.

Counts (a "person-like" count is one whose unit is in :data:`PERSON_NOUNS` or
is the bare "count"):

1. ``wounded_returned``: the counted span says wounded/injured and the
   sentence has a return verb (return, send (back), hand over, ...).
2. ``prisoners_exchanged``: a person-like count in a sentence that mentions
   prisoners and exchange/swap/freed/released.
3. ``wounded_returned``: a person-like count in a sentence with both a
   wounded word and a return verb.
4. ``count``: anything else.

Sentences end at a newline or at ./!/? followed by space, except after
single letters ("U.S.", "J.D.") and common abbreviations ("Mr.", "No.").
"Same sentence" looks at most 400 characters either side of the quantity,
which keeps the whole parse linear in the length of the text.

Known limits: unit-attached digits ("90min", "2h") are not read; an
ALL-CAPS word before a number is taken as a label ("KIRO 7"), so all-caps
headlines lose their counts; plurals are found by spelling, so a proper noun
ending in "s" may be taken as a counted noun.
"""

from __future__ import annotations

from medialit.quantities.measures import (
    DEFAULT_MEASURES,
    LASTING_VERBS,
    Measure,
    as_measures,
    compiled,
)
from medialit.quantities.numbers import Quantity, _parse_at
from medialit.quantities.patterns import (
    _CANDIDATE_RE,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    NUMBER_WORDS,
    PERSON_NOUNS,
    UNIT_MINUTES,
    UNIT_SPELLINGS,
    Sentences,
)

__all__ = [
    "DEFAULT_MEASURES", "HEDGES_AFTER", "HEDGES_BEFORE", "LASTING_VERBS", "NUMBER_WORDS",
    "PERSON_NOUNS", "UNIT_MINUTES", "UNIT_SPELLINGS", "Measure", "Quantity", "as_measures",
    "extract_quantities",
]


def extract_quantities(text: str, measures=None) -> list[Quantity]:
    """All durations and counts in ``text``, in order, non-overlapping.

    ``measures``: ``None`` for :data:`DEFAULT_MEASURES`, or a case's own measures - a list
    of :class:`Measure` or of dicts (``{"name": "meeting_length", "nouns": ["meeting"],
    "verbs": ["met"]}``, or ``{"name": ..., "cues": "nouns: meeting; verbs: met"}``), or a
    mapping of name to cue string.  They replace the default set; ``age``, ``time_ago``,
    ``duration`` and ``count`` are given whatever the measures.

    >>> [q.measure for q in extract_quantities("The summit lasted two hours.",
    ...                                        [{"name": "summit_length", "nouns": "summit"}])]
    ['summit_length']
    """
    if not text:
        return []
    sents = Sentences(text, compiled(as_measures(measures)))
    found: list[Quantity] = []
    last_end = 0
    for m in _CANDIDATE_RE.finditer(text):
        p = m.start()
        if p < last_end:
            continue
        q = _parse_at(text, p, last_end, sents)
        if q is not None:
            found.append(q)
            last_end = q.end
    return found
