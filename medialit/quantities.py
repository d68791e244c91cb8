"""Find durations and counts in news text (stdlib only).

    >>> from medialit.quantities import extract_quantities
    >>> [q.text for q in extract_quantities("Their call lasted about two hours.")]
    ['about two hours']

``extract_quantities(text)`` returns :class:`Quantity` objects in order of
appearance, never overlapping, with ``text == input[start:end]``.

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

import bisect
import re
from dataclasses import asdict, dataclass

__all__ = ["HEDGES_AFTER", "HEDGES_BEFORE", "UNIT_MINUTES", "Quantity", "extract_quantities"]

# ---------------------------------------------------------------------------
# Rule tables - everything a reader may want to tune lives here.
# ---------------------------------------------------------------------------

#: minutes per canonical (stated) unit
UNIT_MINUTES = {
    "seconds": 1 / 60,
    "minutes": 1.0,
    "hours": 60.0,
    "days": 1440.0,
    "weeks": 10080.0,
    "months": 43200.0,  # 30 days
    "years": 525600.0,  # 365 days
    "decades": 5256000.0,
    "centuries": 52560000.0,
}

#: written unit -> canonical stated unit
UNIT_SPELLINGS = {
    "second": "seconds", "seconds": "seconds", "sec": "seconds", "secs": "seconds",
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours",
    "day": "days", "days": "days",
    "week": "weeks", "weeks": "weeks", "wk": "weeks", "wks": "weeks",
    "month": "months", "months": "months",
    "year": "years", "years": "years", "yr": "years", "yrs": "years",
    "decade": "decades", "decades": "decades",
    "century": "centuries", "centuries": "centuries",
}

#: units that may follow "a"/"an"/"half" ("a second" is usually an ordinal)
ARTICLE_UNITS = ("minute", "hour", "day", "week", "month", "year", "decade", "century")

#: hedge written right before the number -> bound
HEDGES_BEFORE = {
    "more than": "at_least", "over": "at_least", "longer than": "at_least",
    "at least": "at_least", "upwards of": "at_least", "in excess of": "at_least",
    "just over": "at_least", "well over": "at_least", "a little over": "at_least",
    "a little more than": "at_least", "slightly more than": "at_least",
    "slightly over": "at_least", "no less than": "at_least", "not less than": "at_least",
    "no fewer than": "at_least",
    "nearly": "at_most", "almost": "at_most", "just under": "at_most",
    "less than": "at_most", "fewer than": "at_most", "up to": "at_most",
    "under": "at_most", "shy of": "at_most", "just shy of": "at_most",
    "just short of": "at_most", "no more than": "at_most", "not more than": "at_most",
    "at most": "at_most", "as many as": "at_most", "slightly less than": "at_most",
    "a little less than": "at_most",
    "about": "about", "around": "about", "approximately": "about", "approx.": "about",
    "roughly": "about", "some": "about", "close to": "about", "an estimated": "about",
    "estimated": "about", "exactly": "about",
}

#: "over" after these verbs is a particle ("hand over 12 soldiers"), not a hedge
OVER_PARTICLE_VERBS = r"(?:hand|turn|pass|sign|tak|took|won|win|carr)\w*"

#: hedge written right after the unit -> bound
HEDGES_AFTER = {
    "or more": "at_least", "or longer": "at_least", "plus": "at_least",
    "or less": "at_most", "or fewer": "at_most", "or shorter": "at_most",
    "or so": "about",
}

CALL_NOUNS = r"(?:(?:phone|telephone|video)[ \t]+)?(?:phone-?calls?|calls?|conversations?|chats?|talks?|discussions?)"
LASTING_VERBS = (
    r"(?:lasted|lasting|lasts|last|went[ \t]+on|ran|run|runs|running|took|takes|taking"
    r"|stretched(?:[ \t]+on)?|spanned|continued|was|is|clocked[ \t]+in[ \t]+at)"
)
CEASEFIRE_WORDS = (
    r"(?:cease-?fires?|cease[ \t]+fires?|truces?|halt(?:s|ed|ing)?|paus(?:e|es|ed|ing)"
    r"|moratori(?:um|ums|a)|cessation|armistice)"
)
PRISONER_WORDS = r"(?:prisoners?|POWs?|captives?|detainees?)"
EXCHANGE_WORDS = r"(?:exchang\w*|swap\w*|freed|free|freeing|releas\w*|trade[sd]?)"
WOUNDED_WORDS = r"(?:wounded|injured|hurt)"
RETURN_WORDS = (
    r"(?:return\w*|send(?:s|ing)?|sent|hand(?:s|ed|ing)?[ \t]+(?:over|back)"
    r"|transfer\w*|repatriat\w*|(?:give|gives|gave|giving)[ \t]+back)"
)
PERSON_NOUNS = frozenset(
    ["prisoner", "captive", "detainee", "pow", "soldier", "serviceman", "troop", "fighter", "person", "civilian", "hostage", "man", "woman", "child", "ukrainian", "russian"]
)

#: words between a duration and a call noun that break the link
_GAP_STOPS = (
    "the|a|an|of|for|to|after|before|since|during|following|in|on|at|with|by|from|"
    "and|or|but|than|that|which|who|is|was|were|are|be|been|" + CEASEFIRE_WORDS
)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1e3,
    "million": 1e6, "billion": 1e9, "dozen": 12,
}
_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "dozen")

MONTHS = frozenset(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
)
#: a number followed by one of these is a measurement, money or a percentage
MEASURE_WORDS = frozenset(
    ["km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "m", "metre", "metres", "meter", "meters", "ft", "foot", "feet", "yard", "yards", "inch", "inches", "cm", "mm", "kg", "kgs", "kilogram", "kilograms", "g", "gram", "grams", "tonne", "tonnes", "ton", "tons", "pound", "pounds", "lb", "lbs", "mph", "kph", "knots", "degrees", "mw", "gw", "kw", "kwh", "megawatts", "gigawatts", "barrels", "bpd", "acres", "hectares", "litres", "liters", "gallons", "percent", "percentage", "dollar", "dollars", "euro", "euros", "ruble", "rubles", "rouble", "roubles", "cent", "cents", "hryvnia", "hryvnias", "yuan", "yen", "usd", "eur", "gbp", "bn"]
)
#: a digit number right after one of these is a label, not a count
LABEL_WORDS = frozenset(
    ["no", "no.", "nos", "number", "#", "article", "section", "chapter", "page", "pages", "p.", "pp.", "flight", "route", "highway", "channel", "resolution", "room", "version", "episode", "season", "vol", "vol.", "volume", "issue", "level", "grade", "model", "apollo", "boeing", "airbus", "su", "mig", "tu", "windows", "iphone"]
)
_YEAR_PREPOSITIONS = frozenset(
    ["in", "since", "by", "from", "until", "till", "of", "before", "after", "during", "early", "late", "mid", "circa", "spring", "summer", "autumn", "fall", "winter"]
)
#: words ending in -s that are not plural nouns
_NOT_PLURAL = frozenset(
    ["is", "was", "has", "does", "this", "his", "its", "hers", "ours", "yours", "theirs", "as", "us", "yes", "thus", "plus", "less", "unless", "across", "always", "perhaps", "whereas", "besides", "sometimes", "towards", "afterwards", "news", "says", "wants", "needs", "seeks", "makes", "takes", "gives", "goes", "comes", "remains", "means", "seems", "looks", "shows", "includes", "lives", "gets", "puts", "sees", "knows", "hopes"]
)
_INVARIANT_PLURAL = {"series": "series", "species": "species", "personnel": "personnel"}
_IRREGULAR_PLURAL = {
    "people": "person", "children": "child", "men": "man", "women": "woman",
    "servicemen": "serviceman", "servicewomen": "servicewoman", "lives": "life",
    "wives": "wife", "knives": "knife", "halves": "half", "leaves": "leaf",
    "thieves": "thief", "heroes": "hero", "echoes": "echo", "vetoes": "veto",
    "torpedoes": "torpedo", "potatoes": "potato", "tomatoes": "tomato",
    "headaches": "headache", "niches": "niche", "caches": "cache",
    "avalanches": "avalanche", "aches": "ache", "buses": "bus",
}
#: a number joined by a hyphen to one of these is not a count of that noun
_HYPHEN_NOT_NOUN = frozenset(
    ["old", "and", "plus", "fold", "odd", "something", "ish", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "half", "halves", "way"]
)
#: words that end the search for a counted noun
_COUNT_STOPS = frozenset(
    ["to", "by", "from", "in", "on", "at", "for", "with", "than", "that", "who", "whom", "which", "whose", "is", "are", "was", "were", "be", "been", "being", "will", "would", "could", "should", "may", "might", "can", "has", "have", "had", "do", "does", "did", "and", "or", "but", "if", "when", "while", "as", "after", "before", "since", "until", "not", "each", "per"]
)

# ---------------------------------------------------------------------------
# Compiled patterns
# ---------------------------------------------------------------------------
_I = re.IGNORECASE
_HY = "[-\u2010\u2011]"  # hyphen characters inside a compound word


def _alt(words):
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_UNIT = _alt(UNIT_SPELLINGS) + r"\b"
_AUNIT_INNER = "|".join(ARTICLE_UNITS)
_AUNIT = "(?:" + _AUNIT_INNER + r")\b"
_NUMWORD = _alt(NUMBER_WORDS) + r"\b"

_CANDIDATE_RE = re.compile(
    r"(?<![\w.,$€£¥₽₴#/:\-\u2010\u2011\u2013])[0-9]"
    r"|(?<![\w\-\u2010\u2011])(?:between|from)\b"
    r"|(?<![\w\-\u2010\u2011])" + _NUMWORD
    + r"|(?<![\w\-\u2010\u2011])an?[ \t]+(?=(?:half|dozen|hundred|thousand|million|billion|"
    + _AUNIT_INNER + r")\b)"
    + r"|(?<![\w\-\u2010\u2011])half\b"
    + r"|(?<![\w\-\u2010\u2011])" + _AUNIT + _HY + r"long\b",
    _I,
)
_DIGITS_RE = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?")
_UFRAC = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_FRAC_RE = re.compile(r"[ \t]?([½¼¾⅓⅔])|[ \t]+([1-9])/([1-9][0-9]?)(?![0-9/])")
_DIGIT_END_BAD_RE = re.compile(r"[\w%]|[.,:/][0-9]")
_SCALE_RE = re.compile(r"[ \t]+(hundred|thousand|million|billion)\b", _I)
_AND_FRAC_RE = re.compile(
    r"(?:[ \t]+|" + _HY + r")and(?:[ \t]+|" + _HY + r")(?:a(?:[ \t]+|" + _HY
    + r")(half|quarter)|three(?:[ \t]+|" + _HY + r")quarters)\b",
    _I,
)
_WN_TOKEN_RE = re.compile(_NUMWORD, _I)
_WN_SEP_RE = re.compile(r"[ \t]*" + _HY + r"[ \t]*|[ \t]+(and[ \t]+)?", _I)
_ARTICLE_RE = re.compile(r"an?[ \t]+", _I)

_HEDGE_BEFORE_RE = re.compile(
    r"(?<![\w-])(" + "|".join(
        re.escape(h).replace(r"\ ", r"[ \t]+")
        for h in sorted(HEDGES_BEFORE, key=len, reverse=True)
    ) + r")[ \t]+\Z",
    _I,
)
_OVER_PARTICLE_RE = re.compile(r"\b" + OVER_PARTICLE_VERBS + r"[ \t]+\Z", _I)
_HEDGE_AFTER_RE = re.compile(
    r"[ \t]+or[ \t]+(more|longer|less|fewer|shorter|so)\b"
    r"|[ \t]+(plus)\b(?=[ \t]*(?:[^\w \t]|\Z))|" + _HY + r"(plus)\b",
    _I,
)
_PLUS_PRE_RE = re.compile(
    r"\+|" + _HY + r"plus(?=" + _HY + r"|[ \t])|[ \t]+plus(?=[ \t]+" + _UNIT + ")", _I
)

_RANGE_OPENER_RE = re.compile(r"(between|from)[ \t]+", _I)
_RANGE_CONN_RE = re.compile(r"[ \t]*([-\u2010\u2011\u2013])[ \t]*|[ \t]+(to|and|or|until|till)[ \t]+", _I)

_ADJ_UNIT_RE = re.compile(
    _HY + r"(?P<u>" + _UNIT + r")(?P<long>" + _HY + r"long\b)?(?P<old>" + _HY + r"old\b)?", _I
)
_NOUN_UNIT_RE = re.compile(
    r"[ \t]+(?P<u>" + _UNIT + r")(?P<long>" + _HY + r"long\b)?(?P<old>" + _HY + r"old\b)?", _I
)
_HYPHEN_WORD_AHEAD_RE = re.compile(_HY + r"[A-Za-z]")
_HALF_RE = re.compile(
    r"(?P<a>an?[ \t]+)?half(?:(?P<hy>" + _HY + r")|[ \t]+)(?P<u>" + _AUNIT + r")"
    r"(?P<long>" + _HY + r"long\b)?"
    r"|half[ \t]+an?[ \t]+(?P<u2>" + _AUNIT + ")",
    _I,
)
_UNIT_LONG_RE = re.compile(r"(?P<u>" + _AUNIT + r")" + _HY + r"long\b", _I)
_COMPOUND_SEP_RE = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and[ \t]+)?", _I)
_TAIL_RE = re.compile(r"[ \t]+(long|old|ago)\b", _I)

_CALL_GAP = r"(?:(?!(?:" + _GAP_STOPS + r")\b)[A-Za-z][\w’'\-\u2010]*[ \t]+)"
_CALL_AFTER_RE = re.compile(
    r"[ \t]+[‘’'\"“”]?" + _CALL_GAP + r"{0,2}?" + CALL_NOUNS + r"\b"
    r"|[ \t]+of[ \t]+(?:the[ \t]+)?" + _CALL_GAP + r"{0,2}?" + CALL_NOUNS + r"\b",
    _I,
)
_CALL_PRED_RE = re.compile(
    r"\b" + CALL_NOUNS + r"\b[^;]{0,80}?\b" + LASTING_VERBS + r"(?:[ \t]+(?:for|to))?[ \t]+\Z", _I
)
_CEASEFIRE_RE = re.compile(r"\b" + CEASEFIRE_WORDS + r"\b", _I)
_PRISONER_RE = re.compile(r"\b" + PRISONER_WORDS + r"\b", _I)
_EXCHANGE_RE = re.compile(r"\b" + EXCHANGE_WORDS + r"\b", _I)
_WOUNDED_RE = re.compile(r"\b" + WOUNDED_WORDS + r"\b", _I)
_RETURN_RE = re.compile(r"\b" + RETURN_WORDS + r"\b", _I)

_NEXT_WORD_RE = re.compile(r"[ \t]+([A-Za-z][A-Za-z’'\-\u2010]*(?:\(s\))?)")
_PREV_WORD_RE = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z.]*|#)[ \t]+\Z")
_HYPHEN_NOUN_RE = re.compile(_HY + r"([A-Za-z]+)\b")
_DASH_DIGIT_RE = re.compile(r"[-\u2010\u2011\u2013][0-9]")
_CLOCK_RE = re.compile(r"[ \t]*(?:[ap]\.?[ \t]?m\b\.?|o['’]clock\b)", _I)
_PERCENT_RE = re.compile(r"[ \t]*(?:%|per[ \t]?cent\b)", _I)

_SENTENCE_WINDOW = 400  # characters either side of a quantity
_SENT_END_RE = re.compile(r"\n|[.!?…]+[\"”’'»)\]]*(?=\s)")
_ABBREV_RE = re.compile(
    r"(?:(?<![A-Za-z])[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|No|vs|etc|Gen|Gov|Sen|Rep|Lt|Col"
    r"|Sgt|Capt|Inc|Co|Corp|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx))\Z"
)


# ---------------------------------------------------------------------------
# Public data type
# ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Quantity:
    """One duration or count found in a text (see module docstring)."""

    start: int
    end: int
    text: str
    kind: str
    unit: str
    value: float
    bound: str
    low: float
    high: float | None
    measure: str
    stated_value: float
    stated_unit: str

    def to_dict(self) -> dict:
        """All fields as a plain, JSON-serialisable dict."""
        return asdict(self)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
@dataclass(slots=True)
class _Num:
    value: float
    start: int
    end: int
    word: bool = False
    article: bool = False
    plain_int: bool = False  # bare digits without comma/decimal/fraction/scale


class _Sentences:
    """Sentence boundaries of one text, computed on first use."""

    __slots__ = ("_starts", "text")

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None

    def bounds(self, pos: int) -> tuple[int, int]:
        if self._starts is None:
            starts = [0]
            text = self.text
            for m in _SENT_END_RE.finditer(text):
                i = m.start()
                if text[i] == "." and _ABBREV_RE.search(text, max(0, i - 8), i):
                    continue
                starts.append(m.end())
            self._starts = starts
        k = bisect.bisect_right(self._starts, pos) - 1
        end = self._starts[k + 1] if k + 1 < len(self._starts) else len(self.text)
        # clamp very long "sentences" so that the work per quantity stays bounded
        return max(self._starts[k], pos - _SENTENCE_WINDOW), min(end, pos + _SENTENCE_WINDOW)


_WORD_CATEGORY = {
    w: ("hundred" if w == "hundred" else "dozen" if w == "dozen" else "scale" if v >= 1000
        else "ones" if v < 10 else "teens" if v < 20 else "tens")
    for w, v in NUMBER_WORDS.items()
}
#: which category of number word may follow which ("twenty-five", "five hundred")
_WORD_FOLLOWS = {
    "ones": ("hundred", "scale", "dozen"),
    "teens": ("hundred", "scale"),
    "tens": ("ones", "scale"),
    "hundred": ("ones", "teens", "tens", "scale"),
    "scale": ("ones", "teens", "tens"),
    "dozen": (),
}


def _read_word_number(text: str, pos: int, article: bool = False) -> tuple[float, int] | None:
    """Read English number words at pos -> (value, end)."""
    m = _WN_TOKEN_RE.match(text, pos)
    if not m:
        return None
    total = current = 0.0
    prev = None
    used_and = False
    end = pos
    while m:
        word = m.group().lower()
        val = NUMBER_WORDS[word]
        cat = _WORD_CATEGORY[word]
        if prev is None:
            # "a hundred", "a dozen": after an article only a multiplier may come
            ok = cat in ("hundred", "scale", "dozen") if article else cat in ("ones", "teens", "tens")
        else:
            ok = cat in _WORD_FOLLOWS[prev]
            if used_and and prev not in ("hundred", "scale"):
                ok = False  # "and" only as in "a hundred and fifty"
        if not ok:
            break
        if cat in ("ones", "teens", "tens"):
            current += val
        elif cat in ("hundred", "dozen"):
            current = (current or 1) * val
        else:
            total += (current or 1) * val
            current = 0.0
        prev = cat
        end = m.end()
        sep = _WN_SEP_RE.match(text, end)
        if not sep:
            break
        used_and = bool(sep.group(1))
        m = _WN_TOKEN_RE.match(text, sep.end())
    return total + current, end


def _read_number(text: str, pos: int, allow_article: bool = True) -> _Num | None:
    """Read one number (digits, words or an article before a unit) at pos."""
    ch = text[pos]
    if "0" <= ch <= "9":
        m = _DIGITS_RE.match(text, pos)
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        end = m.end()
        plain = not m.group(2) and "," not in m.group(1)
        if not m.group(2):
            f = _FRAC_RE.match(text, end)
            if f:
                if f.group(1):
                    value += _UFRAC[f.group(1)]
                    end, plain = f.end(), False
                elif int(f.group(2)) < int(f.group(3)):
                    value += int(f.group(2)) / int(f.group(3))
                    end, plain = f.end(), False
        if _DIGIT_END_BAD_RE.match(text, end) or value == float("inf"):
            return None
        s = _SCALE_RE.match(text, end)
        if s:
            value *= NUMBER_WORDS[s.group(1).lower()]
            end, plain = s.end(), False
        num = _Num(value, pos, end, plain_int=plain)
    else:
        article = False
        start = pos
        a = _ARTICLE_RE.match(text, pos)
        if a and not _WN_TOKEN_RE.match(text, pos):
            if not allow_article:
                return None
            nxt = text[a.end():a.end() + 9].lower()
            if not nxt.startswith(_SCALE_WORDS):
                return _Num(1.0, pos, pos + len(a.group().rstrip()), article=True)
            article, pos = True, a.end()
        r = _read_word_number(text, pos, article)
        if r is None:
            return None
        num = _Num(r[0], start, r[1], word=True, article=article)
    f = _AND_FRAC_RE.match(text, num.end)
    if f:
        num.value += {"half": 0.5, "quarter": 0.25}.get((f.group(1) or "").lower(), 0.75)
        num.end, num.plain_int, num.article = f.end(), False, False
    return num


def _hedge_before(text: str, pos: int, floor: int) -> tuple[int, str | None]:
    m = _HEDGE_BEFORE_RE.search(text, max(floor, pos - 40), pos)
    if not m:
        return pos, None
    hedge = " ".join(m.group(1).lower().split())
    if hedge == "over" and _OVER_PARTICLE_RE.search(text, max(0, m.start() - 20), m.start()):
        return pos, None
    return m.start(), HEDGES_BEFORE[hedge]


def _hedge_after(text: str, pos: int) -> tuple[int, str | None]:
    m = _HEDGE_AFTER_RE.match(text, pos)
    if not m:
        return pos, None
    word = (m.group(1) or m.group(2) or m.group(3)).lower()
    key = "plus" if word == "plus" else "or " + word
    return m.end(), HEDGES_AFTER[key]


def _bounds(value: float, bound: str) -> tuple[float, float | None]:
    if bound == "at_least":
        return value, None
    if bound == "at_most":
        return 0.0, value
    return value, value


def _duration_measure(text, start, end, sents, age=False, ago=False) -> str:
    if age:
        return "age"
    if ago:
        return "time_ago"
    if _CALL_AFTER_RE.match(text, end):
        return "call_length"
    s, e = sents.bounds(start)
    if _CALL_PRED_RE.search(text, s, start):
        return "call_length"
    if _CEASEFIRE_RE.search(text, s, e):
        return "ceasefire_length"
    return "duration"


def _count_measure(text, start, end, unit, sents) -> str:
    s, e = sents.bounds(start)
    person = unit == "count" or unit in PERSON_NOUNS
    has_return = _RETURN_RE.search(text, s, e)
    if has_return and _WOUNDED_RE.search(text, start, end):
        return "wounded_returned"
    if person and _PRISONER_RE.search(text, s, e) and _EXCHANGE_RE.search(text, s, e):
        return "prisoners_exchanged"
    if person and has_return and _WOUNDED_RE.search(text, s, e):
        return "wounded_returned"
    return "count"


def _make(text, start, end, kind, unit, value, bound, low, high, measure, sv, su):
    return Quantity(start, end, text[start:end], kind, unit, float(value), bound,
                    float(low), None if high is None else float(high), measure,
                    float(sv), su)


def _duration(text, start, end, minutes, bound, stated_unit, sents, age=False, ago=False,
              low=None, high=None):
    if low is None:
        low, high = _bounds(minutes, bound)
    measure = _duration_measure(text, start, end, sents, age, ago)
    return _make(text, start, end, "duration", "minutes", minutes, bound, low, high,
                 measure, minutes / UNIT_MINUTES[stated_unit], stated_unit)


def _apply_hedges(text, num_start, end, floor, extra=None):
    start, before = _hedge_before(text, num_start, floor)
    end, after = _hedge_after(text, end)
    return start, end, before or extra or after or "about"


# ---------------------------------------------------------------------------
# Grammar
# ---------------------------------------------------------------------------
def _try_half(text, p, floor, sents):
    m = _HALF_RE.match(text, p)
    if m:
        unit = UNIT_SPELLINGS[(m.group("u") or m.group("u2")).lower()]
        # "a half hour" keeps its article; in "a half-hour call" it belongs to "call"
        start = m.end("a") if m.group("a") and m.group("hy") else p
        end = m.end()
        adjective = bool(m.group("hy") or m.group("long"))
        ago = False
        if not adjective:
            t = _TAIL_RE.match(text, end)
            if t and t.group(1).lower() == "ago":
                end, ago = t.end(), True
        minutes = 0.5 * UNIT_MINUTES[unit]
        start, end, bound = _apply_hedges(text, start, end, floor)
        return _duration(text, start, end, minutes, bound, unit, sents, ago=ago)
    m = _UNIT_LONG_RE.match(text, p)
    if m:
        unit = UNIT_SPELLINGS[m.group("u").lower()]
        start, end, bound = _apply_hedges(text, p, m.end(), floor)
        return _duration(text, start, end, UNIT_MINUTES[unit], bound, unit, sents)
    return None


def _try_range(text, p, floor, sents, first=None):
    start = p
    opener = None
    if first is None:
        o = _RANGE_OPENER_RE.match(text, p)
        if not o:
            return None
        opener = o.group(1).lower()
        if not ("0" <= text[o.end():o.end() + 1] <= "9" or _WN_TOKEN_RE.match(text, o.end())):
            return None
        first = _read_number(text, o.end(), allow_article=False)
    if first is None or first.article:
        return None
    pos = first.end
    u1 = _NOUN_UNIT_RE.match(text, pos)
    if u1 and (u1.group("long") or u1.group("old")):
        return None
    if u1:
        pos = u1.end()
    c = _RANGE_CONN_RE.match(text, pos)
    if not c:
        return None
    conn = (c.group(2) or c.group(1)).lower()
    if opener == "between" and conn != "and":
        return None
    if opener == "from" and conn not in ("to", "until", "till", "-", "\u2010", "\u2011", "\u2013"):
        return None
    if opener is None and conn in ("and", "until", "till"):
        return None
    if conn in ("-", "\u2010", "\u2011") and u1:
        return None
    q = c.end()
    if not ("0" <= text[q:q + 1] <= "9" or _WN_TOKEN_RE.match(text, q)):
        return None
    second = _read_number(text, q, allow_article=False)
    if second is None:
        return None
    pos = second.end
    u2 = _ADJ_UNIT_RE.match(text, pos) or _NOUN_UNIT_RE.match(text, pos)
    if u2 and u2.group("old"):
        return None
    if u2:
        unit2 = UNIT_SPELLINGS[u2.group("u").lower()]
        unit1 = UNIT_SPELLINGS[u1.group("u").lower()] if u1 else unit2
        lo = first.value * UNIT_MINUTES[unit1]
        hi = second.value * UNIT_MINUTES[unit2]
        if not lo < hi:
            return None
        end = u2.end()
        if opener is None:
            s, b = _hedge_before(text, p, floor)
            if b == "about":
                start = s
        return _duration(text, start, end, (lo + hi) / 2, "about", unit2, sents,
                         low=lo, high=hi)
    if u1 or not first.value < second.value:
        return None
    if (first.word and first.value < 2) or _skip_count(text, first) or _skip_count(text, second):
        return None
    unit, end = _counted_noun(text, second.end)
    if unit is None:
        return None
    if opener is None:
        s, b = _hedge_before(text, p, floor)
        if b == "about":
            start = s
    value = (first.value + second.value) / 2
    return _make(text, start, end, "count", unit, value, "about", first.value, second.value,
                 _count_measure(text, start, end, unit, sents), value, unit)


def _try_duration(text, num, floor, sents):
    pos = num.end
    plus = None if num.article else _PLUS_PRE_RE.match(text, pos)
    if plus:
        pos = plus.end()
    m = _ADJ_UNIT_RE.match(text, pos)
    adjective = bool(m)
    if not m:
        m = _NOUN_UNIT_RE.match(text, pos)
        if not m:
            return None
    word = m.group("u").lower()
    if num.article and (adjective or m.group("long") or m.group("old") or word not in ARTICLE_UNITS):
        return None
    end = m.end()
    if _HYPHEN_WORD_AHEAD_RE.match(text, end):
        return None
    unit = UNIT_SPELLINGS[word]
    minutes = num.value * UNIT_MINUTES[unit]
    age = bool(m.group("old"))
    ago = False
    if not adjective and not age and not m.group("long"):
        f = _AND_FRAC_RE.match(text, end)
        if f:
            minutes += {"half": 0.5, "quarter": 0.25}.get((f.group(1) or "").lower(), 0.75) \
                * UNIT_MINUTES[unit]
            end = f.end()
        else:
            sep = _COMPOUND_SEP_RE.match(text, end)
            q = sep.end() if sep else end
            if sep and ("0" <= text[q:q + 1] <= "9" or _WN_TOKEN_RE.match(text, q)):
                n2 = _read_number(text, q, allow_article=False)
                u2 = _NOUN_UNIT_RE.match(text, n2.end) if n2 else None
                if u2 and not (u2.group("long") or u2.group("old")) \
                        and not _HYPHEN_WORD_AHEAD_RE.match(text, u2.end()):
                    unit2 = UNIT_SPELLINGS[u2.group("u").lower()]
                    if UNIT_MINUTES[unit2] < UNIT_MINUTES[unit]:
                        minutes += n2.value * UNIT_MINUTES[unit2]
                        end = u2.end()
        t = _TAIL_RE.match(text, end)
        if t:
            end = t.end()
            tail = t.group(1).lower()
            age, ago = tail == "old", tail == "ago"
    start, end, bound = _apply_hedges(text, num.start, end, floor,
                                      "at_least" if plus else None)
    return _duration(text, start, end, minutes, bound, unit, sents, age=age, ago=ago)


def _skip_count(text: str, num: _Num) -> bool:
    """True when the number is a year, date, time, label, money, percentage ..."""
    end = num.end
    if _PERCENT_RE.match(text, end) or _CLOCK_RE.match(text, end):
        return True
    if _DASH_DIGIT_RE.match(text, end):
        return True
    nxt = _NEXT_WORD_RE.match(text, end)
    nxt_word = nxt.group(1) if nxt else ""
    if nxt_word.lower() in MEASURE_WORDS or nxt_word.rstrip(".") in MONTHS:
        return True
    if num.word:
        return False
    prev = _PREV_WORD_RE.search(text, max(0, num.start - 20), num.start)
    prev_word = prev.group(1) if prev else ""
    if prev_word.rstrip(".") in MONTHS or prev_word.lower() in LABEL_WORDS:
        return True
    if len(prev_word) >= 2 and prev_word.isupper() and prev_word.isalpha() \
            and prev_word.lower() not in HEDGES_BEFORE:
        return True
    if num.plain_int and 1000 <= num.value <= 2100:
        if prev_word.lower() in _YEAR_PREPOSITIONS:
            return True
        return _plural_singular(nxt_word) is None
    return False


def _plural_singular(word: str) -> str | None:
    """Singular of a plural-looking noun, or None when word is not one."""
    w = word.lower().rstrip("’'")
    if w.endswith("(s)"):
        return w[:-3] or None
    if w in _INVARIANT_PLURAL:
        return _INVARIANT_PLURAL[w]
    if w in _IRREGULAR_PLURAL:
        return _IRREGULAR_PLURAL[w]
    if (len(w) < 3 or not w.endswith("s") or w in _NOT_PLURAL or w.endswith(("ss", "us", "is", "ous"))
            or word.endswith(("'s", "’s"))):
        return None
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    return w[:-1]


def _counted_noun(text: str, pos: int) -> tuple[str | None, int]:
    """Find the counted noun after a number ending at pos -> (unit, end)."""
    h = _HYPHEN_NOUN_RE.match(text, pos)
    if h:
        w = h.group(1).lower()
        if w in _HYPHEN_NOT_NOUN or w in NUMBER_WORDS or w in UNIT_SPELLINGS:
            return None, pos
        return (_plural_singular(w) or w), h.end()
    if pos < len(text) and text[pos] in "-\u2010\u2011":
        return None, pos
    cur = pos
    for _ in range(4):
        m = _NEXT_WORD_RE.match(text, cur)
        if not m:
            break
        raw = m.group(1)
        w = raw.lower().rstrip("’'")
        if w in _COUNT_STOPS or w in NUMBER_WORDS:
            break
        sing = _plural_singular(raw)
        if sing:
            stripped = len(raw) - len(raw.rstrip("’'"))
            return sing, m.end() - stripped
        cur = m.end()
    return "count", pos


def _try_count(text, num, floor, sents):
    if num.article and num.value < 2:
        return None
    if num.word and num.value < 2:
        return None
    if _skip_count(text, num):
        return None
    pos = num.end
    plus = _PLUS_PRE_RE.match(text, pos)  # "90+ soldiers", "90-plus soldiers"
    if plus:
        pos = plus.end()
    mid_bound = None
    h = _HEDGE_AFTER_RE.match(text, pos)
    if h and h.group(1):  # "175 or more prisoners"
        pos, mid_bound = _hedge_after(text, pos)
    unit, end = _counted_noun(text, pos)
    if unit is None:
        return None
    if unit in UNIT_SPELLINGS or (unit + "s") in UNIT_SPELLINGS:  # "two more hours"
        st = UNIT_SPELLINGS.get(unit + "s") or UNIT_SPELLINGS[unit]
        start, end, bound = _apply_hedges(text, num.start, end, floor)
        return _duration(text, start, end, num.value * UNIT_MINUTES[st], bound, st, sents)
    if unit == "count":
        end = pos
    start, end, bound = _apply_hedges(text, num.start, end, floor,
                                      "at_least" if plus else mid_bound)
    low, high = _bounds(num.value, bound)
    return _make(text, start, end, "count", unit, num.value, bound, low, high,
                 _count_measure(text, start, end, unit, sents), num.value, unit)


def _parse_at(text: str, p: int, floor: int, sents: _Sentences) -> Quantity | None:
    head = text[p:p + 7].lower()
    if head.startswith(("between", "from")):
        return _try_range(text, p, floor, sents)
    if head.startswith(("half", "a half", "an half")) or "-long" in text[p:p + 12].lower() \
            or "\u2010long" in text[p:p + 12]:
        q = _try_half(text, p, floor, sents)
        if q:
            return q
    num = _read_number(text, p)
    if num is None:
        return None
    return (_try_range(text, p, floor, sents, first=num)
            or _try_duration(text, num, floor, sents)
            or _try_count(text, num, floor, sents))


def extract_quantities(text: str) -> list[Quantity]:
    """All durations and counts in ``text``, in order, non-overlapping."""
    if not text:
        return []
    sents = _Sentences(text)
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
