"""Rule tables and compiled patterns of :mod:`medialit.quantities`: units, hedges, number
words, the words that rule a number out, and sentence boundaries.

Everything a reader may want to tune lives in the tables at the top; the compiled patterns
below are built from them.  What each measure's cue words are lives in
:mod:`medialit.quantities.measures`.
"""

from __future__ import annotations

import bisect
import re

from medialit.text import abbreviation_at

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
    "second": "seconds",
    "seconds": "seconds",
    "sec": "seconds",
    "secs": "seconds",
    "minute": "minutes",
    "minutes": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "hour": "hours",
    "hours": "hours",
    "hr": "hours",
    "hrs": "hours",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
    "yr": "years",
    "yrs": "years",
    "decade": "decades",
    "decades": "decades",
    "century": "centuries",
    "centuries": "centuries",
}

#: units that may follow "a"/"an"/"half" ("a second" is usually an ordinal)
ARTICLE_UNITS = ("minute", "hour", "day", "week", "month", "year", "decade", "century")

#: hedge written right before the number -> bound
HEDGES_BEFORE = {
    "more than": "at_least",
    "over": "at_least",
    "longer than": "at_least",
    "at least": "at_least",
    "upwards of": "at_least",
    "in excess of": "at_least",
    "just over": "at_least",
    "well over": "at_least",
    "a little over": "at_least",
    "a little more than": "at_least",
    "slightly more than": "at_least",
    "slightly over": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "a bit over": "at_least",
    "a bit more than": "at_least",
    "a bit longer than": "at_least",
    "a bit under": "at_most",
    "a bit less than": "at_most",
    "a little under": "at_most",
    "no fewer than": "at_least",
    "nearly": "at_most",
    "almost": "at_most",
    "just under": "at_most",
    "less than": "at_most",
    "fewer than": "at_most",
    "up to": "at_most",
    "under": "at_most",
    "shy of": "at_most",
    "just shy of": "at_most",
    "just short of": "at_most",
    "no more than": "at_most",
    "not more than": "at_most",
    "at most": "at_most",
    "as many as": "at_most",
    "slightly less than": "at_most",
    "a little less than": "at_most",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx.": "about",
    "roughly": "about",
    "some": "about",
    "close to": "about",
    "an estimated": "about",
    "estimated": "about",
    "exactly": "about",
}

#: "over" after these verbs is a particle ("hand over 12 soldiers"), not a hedge
OVER_PARTICLE_VERBS = r"(?:hand|turn|pass|sign|tak|took|won|win|carr)\w*"

#: hedge written right after the unit -> bound
HEDGES_AFTER = {
    "or more": "at_least",
    "or longer": "at_least",
    "plus": "at_least",
    "or less": "at_most",
    "or fewer": "at_most",
    "or shorter": "at_most",
    "or so": "about",
}


#: counted nouns that stand for people (a count measure may take only these, see measures)
PERSON_NOUNS = frozenset(
    [
        "prisoner",
        "captive",
        "detainee",
        "pow",
        "soldier",
        "serviceman",
        "troop",
        "fighter",
        "person",
        "civilian",
        "hostage",
        "man",
        "woman",
        "child",
        "ukrainian",
        "russian",
    ]
)

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "dozen": 12,
}
_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "dozen")

MONTHS = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    ]
)
#: a number followed by one of these is a measurement, money or a percentage
MEASURE_WORDS = frozenset(
    [
        "km",
        "kms",
        "kilometre",
        "kilometres",
        "kilometer",
        "kilometers",
        "mile",
        "miles",
        "m",
        "metre",
        "metres",
        "meter",
        "meters",
        "ft",
        "foot",
        "feet",
        "yard",
        "yards",
        "inch",
        "inches",
        "cm",
        "mm",
        "kg",
        "kgs",
        "kilogram",
        "kilograms",
        "g",
        "gram",
        "grams",
        "tonne",
        "tonnes",
        "ton",
        "tons",
        "pound",
        "pounds",
        "lb",
        "lbs",
        "mph",
        "kph",
        "knots",
        "degrees",
        "mw",
        "gw",
        "kw",
        "kwh",
        "megawatts",
        "gigawatts",
        "barrels",
        "bpd",
        "acres",
        "hectares",
        "litres",
        "liters",
        "gallons",
        "percent",
        "percentage",
        "dollar",
        "dollars",
        "euro",
        "euros",
        "ruble",
        "rubles",
        "rouble",
        "roubles",
        "cent",
        "cents",
        "hryvnia",
        "hryvnias",
        "yuan",
        "yen",
        "usd",
        "eur",
        "gbp",
        "bn",
    ]
)
#: a digit number right after one of these is a label, not a count
LABEL_WORDS = frozenset(
    [
        "no",
        "no.",
        "nos",
        "number",
        "#",
        "article",
        "section",
        "chapter",
        "page",
        "pages",
        "p.",
        "pp.",
        "flight",
        "route",
        "highway",
        "channel",
        "resolution",
        "room",
        "version",
        "episode",
        "season",
        "vol",
        "vol.",
        "volume",
        "issue",
        "level",
        "grade",
        "model",
        "apollo",
        "boeing",
        "airbus",
        "su",
        "mig",
        "tu",
        "windows",
        "iphone",
    ]
)
_YEAR_PREPOSITIONS = frozenset(
    [
        "in",
        "since",
        "by",
        "from",
        "until",
        "till",
        "of",
        "before",
        "after",
        "during",
        "early",
        "late",
        "mid",
        "circa",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    ]
)
#: words ending in -s that are not plural nouns
_NOT_PLURAL = frozenset(
    [
        "is",
        "was",
        "has",
        "does",
        "this",
        "his",
        "its",
        "hers",
        "ours",
        "yours",
        "theirs",
        "as",
        "us",
        "yes",
        "thus",
        "plus",
        "less",
        "unless",
        "across",
        "always",
        "perhaps",
        "whereas",
        "besides",
        "sometimes",
        "towards",
        "afterwards",
        "news",
        "says",
        "wants",
        "needs",
        "seeks",
        "makes",
        "takes",
        "gives",
        "goes",
        "comes",
        "remains",
        "means",
        "seems",
        "looks",
        "shows",
        "includes",
        "lives",
        "gets",
        "puts",
        "sees",
        "knows",
        "hopes",
    ]
)
_INVARIANT_PLURAL = {"series": "series", "species": "species", "personnel": "personnel"}
_IRREGULAR_PLURAL = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "servicemen": "serviceman",
    "servicewomen": "servicewoman",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "leaves": "leaf",
    "thieves": "thief",
    "heroes": "hero",
    "echoes": "echo",
    "vetoes": "veto",
    "torpedoes": "torpedo",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "headaches": "headache",
    "niches": "niche",
    "caches": "cache",
    "avalanches": "avalanche",
    "aches": "ache",
    "buses": "bus",
}
#: a number joined by a hyphen to one of these is not a count of that noun
_HYPHEN_NOT_NOUN = frozenset(
    [
        "old",
        "and",
        "plus",
        "fold",
        "odd",
        "something",
        "ish",
        "third",
        "thirds",
        "quarter",
        "quarters",
        "fifth",
        "fifths",
        "half",
        "halves",
        "way",
    ]
)
#: words that end the search for a counted noun
_COUNT_STOPS = frozenset(
    [
        "to",
        "by",
        "from",
        "in",
        "on",
        "at",
        "for",
        "with",
        "than",
        "that",
        "who",
        "whom",
        "which",
        "whose",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "and",
        "or",
        "but",
        "if",
        "when",
        "while",
        "as",
        "after",
        "before",
        "since",
        "until",
        "not",
        "each",
        "per",
    ]
)

# ---------------------------------------------------------------------------
# Compiled patterns
# ---------------------------------------------------------------------------
_I = re.IGNORECASE
_HY = "[-\u2010\u2011]"  # hyphen characters inside a compound word


def _alt(words):
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_UNIT = _alt(UNIT_SPELLINGS) + r"\b"
#: adjectives that may stand between a number and its unit ("two straight hours", "a full hour")
UNIT_INTENSIFIERS = ("straight", "full", "solid", "whole", "entire", "consecutive", "long")
_INTENS = r"(?:(?:" + "|".join(UNIT_INTENSIFIERS) + r")[ \t]+)?"
_AUNIT_INNER = "|".join(ARTICLE_UNITS)
_AUNIT = "(?:" + _AUNIT_INNER + r")\b"
_NUMWORD = _alt(NUMBER_WORDS) + r"\b"

_CANDIDATE_RE = re.compile(
    r"(?<![\w.,$€£¥₽₴#/:\-\u2010\u2011\u2013])[0-9]"
    r"|(?<![\w\-\u2010\u2011])(?:between|from)\b"
    r"|(?<![\w\-\u2010\u2011])"
    + _NUMWORD
    + r"|(?<![\w\-\u2010\u2011])an?[ \t]+(?=(?:half|dozen|hundred|thousand|million|billion|"
    + _INTENS
    + r"(?:"
    + _AUNIT_INNER
    + r"))\b)"
    + r"|(?<![\w\-\u2010\u2011])half\b"
    + r"|(?<![\w\-\u2010\u2011])"
    + _AUNIT
    + _HY
    + r"long\b",
    _I,
)
_DIGITS_RE = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?")
_UFRAC = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_FRAC_RE = re.compile(r"[ \t]?([½¼¾⅓⅔])|[ \t]+([1-9])/([1-9][0-9]?)(?![0-9/])")
_DIGIT_END_BAD_RE = re.compile(r"[\w%]|[.,:/][0-9]")
_SCALE_RE = re.compile(r"[ \t]+(hundred|thousand|million|billion)\b", _I)
_HYS = r"(?:[ \t]*" + _HY + r"[ \t]*|[ \t]+)"  # a hyphen, spaced or not, or a space
_AND_FRAC_RE = re.compile(
    _HYS + r"and" + _HYS + r"(?:a" + _HYS + r"(half|quarter)|three" + _HYS + r"quarters)\b",
    _I,
)
_WN_TOKEN_RE = re.compile(_NUMWORD, _I)
_WN_SEP_RE = re.compile(r"[ \t]*" + _HY + r"[ \t]*|[ \t]+(and[ \t]+)?", _I)
_ARTICLE_RE = re.compile(r"an?[ \t]+", _I)

_HEDGE_BEFORE_RE = re.compile(
    r"(?<![\w-])("
    + "|".join(
        re.escape(h).replace(r"\ ", r"[ \t]+") for h in sorted(HEDGES_BEFORE, key=len, reverse=True)
    )
    + r")[ \t]+\Z",
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
_RANGE_CONN_RE = re.compile(
    r"[ \t]*([-\u2010\u2011\u2013])[ \t]*|[ \t]+(to|and|or|until|till)[ \t]+", _I
)

_ADJ_UNIT_RE = re.compile(
    _HY + r"(?P<u>" + _UNIT + r")(?P<long>" + _HY + r"long\b)?(?P<old>" + _HY + r"old\b)?", _I
)
_NOUN_UNIT_RE = re.compile(
    r"[ \t]+"
    + _INTENS
    + r"(?P<u>"
    + _UNIT
    + r")(?P<long>"
    + _HY
    + r"long\b)?(?P<old>"
    + _HY
    + r"old\b)?",
    _I,
)
_ADJ_COMPOUND_SEP_RE = re.compile(_HY + r"|[ \t]*,[ \t]*|[ \t]+and[ \t]+|[ \t]+", _I)
#: a number with its unit glued on: "90min", "45mins", "2h", "2hrs", "2h30", "1h30m", "1h 30min"
_GLUED_RE = re.compile(
    r"([0-9]+(?:\.[0-9]+)?)(?:(h|hrs?|hours?)(?:[ \t]?([0-5]?[0-9])(?:m|mins?|minutes?)?)?"
    r"|(mins?|minutes?|secs?))(?![\w%])"
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


_NEXT_WORD_RE = re.compile(r"[ \t]+([A-Za-z][A-Za-z’'\-\u2010]*(?:\(s\))?)")
_PREV_WORD_RE = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z.]*|#)[ \t]+\Z")
_HYPHEN_NOUN_RE = re.compile(_HY + r"([A-Za-z]+)\b")
_DASH_DIGIT_RE = re.compile(r"[-\u2010\u2011\u2013][0-9]")
_CLOCK_RE = re.compile(r"[ \t]*(?:[ap]\.?[ \t]?m\b\.?|o['’]clock\b)", _I)
_PERCENT_RE = re.compile(r"[ \t]*(?:%|per[ \t]?cent\b)", _I)

SENTENCE_WINDOW = 400  # characters either side of a quantity
_SENT_END_RE = re.compile(r"\n|[.!?…]+[\"”’'»)\]]*(?=\s)")


class Sentences:
    """Sentence boundaries of one text, computed on first use, and the compiled measures
    the text is read with."""

    __slots__ = ("_starts", "compiled", "text")

    def __init__(self, text: str, compiled=None):
        self.text = text
        self.compiled = compiled
        self._starts: list[int] | None = None

    def bounds(self, pos: int) -> tuple[int, int]:
        if self._starts is None:
            starts = [0]
            text = self.text
            for m in _SENT_END_RE.finditer(text):
                i = m.start()
                if abbreviation_at(text, i):
                    continue
                starts.append(m.end())
            self._starts = starts
        k = bisect.bisect_right(self._starts, pos) - 1
        end = self._starts[k + 1] if k + 1 < len(self._starts) else len(self.text)
        # clamp very long "sentences" so that the work per quantity stays bounded
        return max(self._starts[k], pos - SENTENCE_WINDOW), min(end, pos + SENTENCE_WINDOW)
