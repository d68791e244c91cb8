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
    the last written unit of a range; the range's midpoint).  Also: an intensifier
    before the unit ("two straight hours", "a full hour"), spaced hyphens ("two-and -
    a-half-hour"), compound adjectives ("one-hour-20-minute") and units glued to digits
    ("90min", "45mins", "2h", "2hrs", "2h30", "1h 20min").
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

Measures (``measure``) - defined by data
----------------------------------------
A :class:`Measure` is a name ("call_length", e.g. a fact id of the case), the kind of
quantity it takes (``duration`` or ``count``) and cue words: ``nouns`` (the thing
measured: "call", "conversation"), ``verbs`` ("spoke", "talked"), for counts ``units``
(the counted nouns it may take).  :data:`DEFAULT_MEASURES` is the set of the shipped
case: ``call_length``, ``ceasefire_length``, ``prisoners_exchanged``,
``wounded_returned``.  A case passes its own with ``extract_quantities(text, measures)``:
a list of :class:`Measure`, of dicts with the same keys, or of dicts with a ``cues``
string, or a mapping of name to cue string.  The cue string is what a ``cues`` column of
``facts.csv`` may hold::

    nouns: call, phone call, conversation; verbs: spoke, talked
    kind: count; nouns: prisoner; verbs: exchange, free; units: prisoner, soldier

(parts ``nouns``, ``verbs``, ``units``, ``kind``, ``scope``, ``excludes``, ``keeps``
separated by ``;``, words by ``,``).  A cue matches its plural (nouns) or -s/-ed/-ing
forms (verbs), any case and spacing; "repatriat*" matches any ending; irregular forms
are listed ("spoke").  The given measures replace the default set; ``age``,
``time_ago``, ``duration`` and ``count`` are given whatever the measures.  The rules are
the same for every measure; the first one that applies wins.

Durations:

1. ``age``: "N-year-old", "N-month-old", "N years old"; ``time_ago``: "N years ago".
2. A noun of the measure follows the number with at most two words between, none of
   them a function word or another measure's noun ("90-minute chat", "more than
   two-hour call", "a “direct,” 30-minute phone call"), or "N of / on the / over the
   <noun>" ("two hours of talks", "two hours on the phone").
3. A lasting verb (:data:`~medialit.quantities.measures.LASTING_VERBS`: lasted, went on,
   ran, took, was, ended after, ...) stands before the number, with "for"/"to", quote
   marks, dashes, commas, intensifiers ("a whopping", "a marathon", "long,") and
   -ly adverbs skipped ("lasted «two hours»", "was long, more than two hours"); or an
   end verb before and "later" after ("ended 45 minutes later").  What lasted is the
   *nearest event noun before the verb* in the sentence: a measure's noun or verb names
   that measure; any other event (:data:`~medialit.quantities.measures.EVENT_NOUNS`:
   meeting, summit, press conference, war, ...) names none.  When the sentence has no
   event before the verb and its subject is a pronoun ("It lasted roughly an hour.",
   "Officials said it lasted ..."), the *sentence before* decides, by its first event.
   "last" after a determiner is an adjective ("in the last three months"), not a verb.
4. A light noun after the number ("a 70-minute marathon with the premier", "session",
   "exchange") takes the measure of the nearest event before it (this sentence, else the
   one before).
5. A verb of the measure, then "for" (with at most 70 characters between: "was on the
   phone with the chancellor for three straight hours"), or right before the number
   ("Putin, Biden Spoke Over 1 Hour"), when it is a conversation: a partner is named
   ("with", "to <Name>"), a phone phrase is used ("by phone", "on the phone"), the
   measure's noun is in the sentence, or the subject is plural ("the presidents",
   "Macron, Scholz", "X and Y").  Not when the hearers are an audience ("talked to
   reporters"), another event is named ("spoke for three hours at the summit", or in the
   sentence before with a pronoun subject), or one person speaks ("Putin spoke for 90
   minutes" is ``duration``; "called" is no cue: "Trump called Zelenskyy for about an
   hour" is ``duration``).  A hyphenated duration ("30-day") only takes rule 2.
   After rules 2-5, a measure's ``excludes`` words in the *clause* of the number (the
   sentence cut at ``;``, ``:``, a dash, ", and", ", but", ", while" ...) make the number
   another event's length (``duration``), unless one of its ``keeps`` words is in that
   clause too.  For ``call_length`` they are the in-person words
   (:data:`~medialit.quantities.measures.IN_PERSON_WORDS`: met, meeting, face-to-face, in
   person, one-on-one, sat down, summit, visit, hosted, delegation, "courtesy call") and the
   call's media (:data:`~medialit.quantities.measures.CALL_MEDIA`: phone, telephone, video,
   virtual, online, call): "the leaders met for three hours of talks in Geneva" and
   "face-to-face talks lasting two hours" are ``duration``; "talks by phone lasted two
   hours" and "spoke for over an hour" (no medium, no meeting) stay ``call_length``.  When
   the clause points back ("these talks", "it lasted"), a medium named in the sentence
   before keeps the call.
6. A measure of scope ``"sentence"`` (``ceasefire_length``): one of its cue words
   anywhere in the sentence ("30-day ceasefire", "halt attacks ... for 30 days").
7. ``duration``: anything else.

Counts (in the order of the measures within each rule):

1. A noun of a count measure qualifies the counted noun inside the span and a verb of it
   is in the sentence ("23 wounded soldiers" + "return": ``wounded_returned``).
2. The counted noun is one of the measure's ``units`` (or the number is bare: "with 175
   to be freed") and the sentence has one of its nouns and one of its verbs
   ("prisoner" + "exchange": ``prisoners_exchanged``).
3. ``count``: anything else.

Sentences end at a newline or at ./!/? followed by space, except after
single letters ("U.S.", "J.D.") and common abbreviations ("Mr.", "No.").
"Same sentence" looks at most 400 characters either side of the quantity,
which keeps the whole parse linear in the length of the text.

Known limits: an ALL-CAPS word before a number is taken as a label ("KIRO 7"), so
all-caps headlines lose their counts; plurals are found by spelling, so a proper noun
ending in "s" may be taken as a counted noun; the word classes of the measure rules
(event nouns, audience words, fillers, in-person words) are English; talks held in person
read as a call when nothing in the clause says so ("They lasted five hours." after "The
talks ... have ended."; "talks ... at the White House": a place is no in-person word); a
glued "m" alone ("90m") is read as metres, not minutes.
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
    "DEFAULT_MEASURES",
    "HEDGES_AFTER",
    "HEDGES_BEFORE",
    "LASTING_VERBS",
    "NUMBER_WORDS",
    "PERSON_NOUNS",
    "UNIT_MINUTES",
    "UNIT_SPELLINGS",
    "Measure",
    "Quantity",
    "as_measures",
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
