"""Reading numbers and the grammar of durations and counts (see :mod:`medialit.quantities`).

The grammar finds a quantity's span, value, unit and bound; what the quantity measures is
decided by :func:`medialit.quantities.measures.duration_measure` and ``count_measure``,
from the cue words of the measures in use.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from medialit.quantities import measures as _measures
from medialit.quantities.patterns import (
    _ADJ_COMPOUND_SEP_RE,
    _ADJ_UNIT_RE,
    _AND_FRAC_RE,
    _ARTICLE_RE,
    _CLOCK_RE,
    _COMPOUND_SEP_RE,
    _COUNT_STOPS,
    _DASH_DIGIT_RE,
    _DIGIT_END_BAD_RE,
    _DIGITS_RE,
    _FRAC_RE,
    _GLUED_RE,
    _HALF_RE,
    _HEDGE_AFTER_RE,
    _HEDGE_BEFORE_RE,
    _HYPHEN_NOT_NOUN,
    _HYPHEN_NOUN_RE,
    _HYPHEN_WORD_AHEAD_RE,
    _INVARIANT_PLURAL,
    _IRREGULAR_PLURAL,
    _NEXT_WORD_RE,
    _NOT_PLURAL,
    _NOUN_UNIT_RE,
    _OVER_PARTICLE_RE,
    _PERCENT_RE,
    _PLUS_PRE_RE,
    _PREV_WORD_RE,
    _RANGE_CONN_RE,
    _RANGE_OPENER_RE,
    _SCALE_RE,
    _SCALE_WORDS,
    _TAIL_RE,
    _UFRAC,
    _UNIT_LONG_RE,
    _WN_SEP_RE,
    _WN_TOKEN_RE,
    _YEAR_PREPOSITIONS,
    ARTICLE_UNITS,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    LABEL_WORDS,
    MEASURE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    UNIT_MINUTES,
    UNIT_SPELLINGS,
    Sentences,
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


_WORD_CATEGORY = {
    w: (
        "hundred"
        if w == "hundred"
        else "dozen"
        if w == "dozen"
        else "scale"
        if v >= 1000
        else "ones"
        if v < 10
        else "teens"
        if v < 20
        else "tens"
    )
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
    before_and = None  # (value, end) just before an "and", to go back to
    end = pos
    while m:
        word = m.group().lower()
        val = NUMBER_WORDS[word]
        cat = _WORD_CATEGORY[word]
        if cat == "hundred" and current >= 100 and before_and is not None:
            # "three hundred and five hundred": the "and" joins two numbers (a range),
            # not the parts of one ("three hundred and five")
            return before_and
        if prev is None:
            # "a hundred", "a dozen": after an article only a multiplier may come
            ok = (
                cat in ("hundred", "scale", "dozen")
                if article
                else cat in ("ones", "teens", "tens")
            )
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
        if used_and:
            before_and = (total + current, end)
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
            nxt = text[a.end() : a.end() + 9].lower()
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


def _make(text, start, end, kind, unit, value, bound, low, high, measure, sv, su):
    return Quantity(
        start,
        end,
        text[start:end],
        kind,
        unit,
        float(value),
        bound,
        float(low),
        None if high is None else float(high),
        measure,
        float(sv),
        su,
    )


def _duration(
    text, start, end, minutes, bound, stated_unit, sents, age=False, ago=False, low=None, high=None
):
    if low is None:
        low, high = _bounds(minutes, bound)
    measure = _measures.duration_measure(text, start, end, sents, age, ago)
    return _make(
        text,
        start,
        end,
        "duration",
        "minutes",
        minutes,
        bound,
        low,
        high,
        measure,
        minutes / UNIT_MINUTES[stated_unit],
        stated_unit,
    )


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
        if not ("0" <= text[o.end() : o.end() + 1] <= "9" or _WN_TOKEN_RE.match(text, o.end())):
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
    if not ("0" <= text[q : q + 1] <= "9" or _WN_TOKEN_RE.match(text, q)):
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
        return _duration(text, start, end, (lo + hi) / 2, "about", unit2, sents, low=lo, high=hi)
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
    return _make(
        text,
        start,
        end,
        "count",
        unit,
        value,
        "about",
        first.value,
        second.value,
        _measures.count_measure(text, start, end, unit, sents),
        value,
        unit,
    )


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
    if num.article and (
        adjective or m.group("long") or m.group("old") or word not in ARTICLE_UNITS
    ):
        return None
    end = m.end()
    plain_noun = not adjective and not m.group("long") and not m.group("old")
    # "an hour-and-a-half" goes on below; any other "hours-something" is not a duration
    if _HYPHEN_WORD_AHEAD_RE.match(text, end) and not (
        plain_noun and _AND_FRAC_RE.match(text, end)
    ):
        return None
    unit = UNIT_SPELLINGS[word]
    minutes = num.value * UNIT_MINUTES[unit]
    age = bool(m.group("old"))
    ago = False
    if adjective and not m.group("long") and not age:
        end, minutes = _adjective_compound(text, end, unit, minutes)
    if not adjective and not age and not m.group("long"):
        f = _AND_FRAC_RE.match(text, end)
        if f:
            minutes += {"half": 0.5, "quarter": 0.25}.get(
                (f.group(1) or "").lower(), 0.75
            ) * UNIT_MINUTES[unit]
            end = f.end()
        else:
            sep = _COMPOUND_SEP_RE.match(text, end)
            q = sep.end() if sep else end
            if sep and ("0" <= text[q : q + 1] <= "9" or _WN_TOKEN_RE.match(text, q)):
                n2 = _read_number(text, q, allow_article=False)
                u2 = _NOUN_UNIT_RE.match(text, n2.end) if n2 else None
                if (
                    u2
                    and not (u2.group("long") or u2.group("old"))
                    and not _HYPHEN_WORD_AHEAD_RE.match(text, u2.end())
                ):
                    unit2 = UNIT_SPELLINGS[u2.group("u").lower()]
                    if UNIT_MINUTES[unit2] < UNIT_MINUTES[unit]:
                        minutes += n2.value * UNIT_MINUTES[unit2]
                        end = u2.end()
        t = _TAIL_RE.match(text, end)
        if t:
            end = t.end()
            tail = t.group(1).lower()
            age, ago = tail == "old", tail == "ago"
    start, end, bound = _apply_hedges(text, num.start, end, floor, "at_least" if plus else None)
    return _duration(text, start, end, minutes, bound, unit, sents, age=age, ago=ago)


def _adjective_compound(text, end, unit, minutes):
    """A second, smaller unit after a hyphenated one: "one-hour-20-minute", "1-hour, 20-minute"
    -> (new end, minutes); unchanged when there is none."""
    sep = _ADJ_COMPOUND_SEP_RE.match(text, end)
    if not sep:
        return end, minutes
    q = sep.end()
    if not ("0" <= text[q : q + 1] <= "9" or _WN_TOKEN_RE.match(text, q)):
        return end, minutes
    n2 = _read_number(text, q, allow_article=False)
    u2 = _ADJ_UNIT_RE.match(text, n2.end) if n2 else None
    if not u2 or u2.group("long") or u2.group("old"):
        return end, minutes
    unit2 = UNIT_SPELLINGS[u2.group("u").lower()]
    if UNIT_MINUTES[unit2] >= UNIT_MINUTES[unit] or _HYPHEN_WORD_AHEAD_RE.match(text, u2.end()):
        return end, minutes
    return u2.end(), minutes + n2.value * UNIT_MINUTES[unit2]


def _try_glued(text, p, floor, sents):
    """A number with its unit glued on ("90min", "2h30")."""
    m = _GLUED_RE.match(text, p)
    if not m:
        return None
    value = float(m.group(1))
    if m.group(2):
        unit = "hours"
        minutes = value * 60.0 + (float(m.group(3)) if m.group(3) else 0.0)
    else:
        unit = "seconds" if m.group(4).lower().startswith("sec") else "minutes"
        minutes = value * UNIT_MINUTES[unit]
    start, end, bound = _apply_hedges(text, p, m.end(), floor)
    return _duration(text, start, end, minutes, bound, unit, sents)


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
    if (
        len(prev_word) >= 2
        and prev_word.isupper()
        and prev_word.isalpha()
        and prev_word.lower() not in HEDGES_BEFORE
    ):
        return True
    if num.plain_int and 1000 <= num.value <= 2100:
        if prev_word.lower() in _YEAR_PREPOSITIONS:
            return True
        return singular(nxt_word) is None
    return False


def plural(noun: str) -> str:
    """The plural of a singular noun, as the extractor reads plurals back.

    >>> plural("person"), plural("city"), plural("march"), plural("protester")
    ('people', 'cities', 'marches', 'protesters')
    """
    back = {s: p for p, s in _IRREGULAR_PLURAL.items()}
    if noun in back:
        return back[noun]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def singular(word: str) -> str | None:
    """Singular of a plural-looking noun, or None when word is not one.

    >>> singular("people"), singular("protesters"), singular("march")
    ('person', 'protester', None)
    """
    w = word.lower().rstrip("’'")
    if w.endswith("(s)"):
        return w[:-3] or None
    if w in _INVARIANT_PLURAL:
        return _INVARIANT_PLURAL[w]
    if w in _IRREGULAR_PLURAL:
        return _IRREGULAR_PLURAL[w]
    if (
        len(w) < 3
        or not w.endswith("s")
        or w in _NOT_PLURAL
        or w.endswith(("ss", "us", "is", "ous"))
        or word.endswith(("'s", "’s"))
    ):
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
        return (singular(w) or w), h.end()
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
        sing = singular(raw)
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
    start, end, bound = _apply_hedges(
        text, num.start, end, floor, "at_least" if plus else mid_bound
    )
    low, high = _bounds(num.value, bound)
    return _make(
        text,
        start,
        end,
        "count",
        unit,
        num.value,
        bound,
        low,
        high,
        _measures.count_measure(text, start, end, unit, sents),
        num.value,
        unit,
    )


def _parse_at(text: str, p: int, floor: int, sents: Sentences) -> Quantity | None:
    head = text[p : p + 7].lower()
    if head.startswith(("between", "from")):
        return _try_range(text, p, floor, sents)
    if (
        head.startswith(("half", "a half", "an half"))
        or "-long" in text[p : p + 12].lower()
        or "\u2010long" in text[p : p + 12]
    ):
        q = _try_half(text, p, floor, sents)
        if q:
            return q
    if "0" <= head[:1] <= "9":
        q = _try_glued(text, p, floor, sents)
        if q:
            return q
    num = _read_number(text, p)
    if num is None:
        return None
    return (
        _try_range(text, p, floor, sents, first=num)
        or _try_duration(text, num, floor, sents)
        or _try_count(text, num, floor, sents)
    )
