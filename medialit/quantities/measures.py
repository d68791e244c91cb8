"""What a quantity measures: measures defined by data (a name, cue words and a kind).

A :class:`Measure` names what a number may measure in a case ("call_length") and the words
that point to it: ``nouns`` (the thing measured: "call", "conversation") and ``verbs``
(what is done: "spoke", "talked" for a duration; "exchange", "free" for a count).  The
rules that link a number to those words are the same for every measure; only the words
differ.  :data:`DEFAULT_MEASURES` is the set shipped with the library, for the case of the
18 March 2025 call.

    >>> m = Measure.from_cues("meeting_length", "nouns: meeting, summit; verbs: met")
    >>> m.nouns, m.verbs, m.kind
    (('meeting', 'summit'), ('met',), 'duration')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from medialit.quantities.patterns import _I, PERSON_NOUNS

__all__ = ["DEFAULT_MEASURES", "Measure", "as_measures"]

KINDS = ("duration", "count")
SCOPES = ("near", "sentence")


def _words(value) -> tuple[str, ...]:
    """A tuple of cue words from a list, a tuple or a comma-separated string."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    out = []
    for w in value:
        if not isinstance(w, str):
            raise TypeError(f"a cue word must be a string, not {type(w).__name__}: {w!r}")
        w = " ".join(w.split())
        if w:
            out.append(w)
    return tuple(out)


@dataclass(frozen=True)
class Measure:
    """One thing a number may measure, and the words that point to it.

    ``name``
        the label given to the quantity ("call_length"), e.g. a fact id of the case.
    ``kind``
        ``"duration"`` or ``"count"``: only quantities of this kind may take the measure.
    ``nouns``
        the thing measured ("call", "phone call", "conversation"); for a count, the words of
        the sentence that say what is counted ("prisoner", or "wounded").
    ``verbs``
        for a duration, verbs whose "for N" is this measure ("spoke", "talked"); for a count,
        the verbs that must also be in the sentence ("exchange", "free").
    ``units``
        counts only: the counted nouns the measure may take ("soldier", "person"); empty
        means any.  A bare number ("with 175 to be freed") always may.
    ``scope``
        durations only: ``"near"`` (a noun or verb must be linked to the number by the
        grammar: "90-minute call", "the call lasted 90 minutes", "they spoke for 90
        minutes") or ``"sentence"`` (a cue anywhere in the sentence is enough: a ceasefire).

    A cue word matches its plural (nouns) or its -s/-ed/-ing forms (verbs), any case; a
    cue of several words matches them with any spacing; ``*`` at the end matches any ending
    ("repatriat*").  Irregular forms are listed as they are ("spoke", "ran").
    """

    name: str
    kind: str = "duration"
    nouns: tuple[str, ...] = ()
    verbs: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    scope: str = "near"
    _key: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"a measure needs a name, not {self.name!r}")
        if self.kind not in KINDS:
            raise ValueError(f"measure {self.name!r}: kind must be one of {KINDS}, "
                             f"not {self.kind!r}")
        if self.scope not in SCOPES:
            raise ValueError(f"measure {self.name!r}: scope must be one of {SCOPES}, "
                             f"not {self.scope!r}")
        for attr in ("nouns", "verbs", "units"):
            object.__setattr__(self, attr, _words(getattr(self, attr)))
        if not (self.nouns or self.verbs):
            raise ValueError(f"measure {self.name!r} has no cue words (nouns or verbs)")
        object.__setattr__(self, "_key", (self.name, self.kind, self.nouns, self.verbs,
                                          self.units, self.scope))

    @classmethod
    def from_cues(cls, name: str, cues: str, kind: str = "duration", **more) -> Measure:
        """A measure from a cue string such as ``"nouns: call, conversation; verbs: spoke"``
        (the format of a ``cues`` column: ``part: word, word; part: word``, parts being
        ``nouns``, ``verbs``, ``units``, and optionally ``kind`` and ``scope``)."""
        parts: dict[str, str] = {}
        for chunk in (cues or "").split(";"):
            if not chunk.strip():
                continue
            key, sep, words = chunk.partition(":")
            key = key.strip().lower()
            if not sep or key not in ("nouns", "verbs", "units", "kind", "scope"):
                raise ValueError(f"measure {name!r}: cannot read {chunk.strip()!r} "
                                 "(expected e.g. 'nouns: call, conversation; verbs: spoke')")
            parts[key] = words.strip()
        kind = parts.pop("kind", kind) or kind
        scope = parts.pop("scope", more.pop("scope", "near")) or "near"
        return cls(name=name, kind=kind, scope=scope, **parts, **more)


def as_measures(measures) -> tuple[Measure, ...]:
    """Measures from ``None`` (the default set), or an iterable of :class:`Measure`,
    dicts with the same keys (``{"name": ..., "nouns": [...], "verbs": "a, b"}``, or
    ``{"name": ..., "cues": "nouns: ...; verbs: ..."}``), or a mapping of name -> cue
    string."""
    if measures is None:
        return DEFAULT_MEASURES
    if isinstance(measures, Measure):
        return (measures,)
    if isinstance(measures, Mapping) and "name" not in measures:
        measures = [{"name": k, "cues": v} for k, v in measures.items()]
    elif isinstance(measures, Mapping):
        measures = [measures]
    if isinstance(measures, (str, bytes)) or not isinstance(measures, Iterable):
        raise TypeError("measures must be None, a Measure, a list of Measures or dicts, "
                        f"or a mapping of name to cues, not {type(measures).__name__}")
    out = []
    for m in measures:
        if isinstance(m, Measure):
            out.append(m)
        elif isinstance(m, Mapping):
            m = dict(m)
            cues = m.pop("cues", None)
            if cues is not None:
                out.append(Measure.from_cues(m.pop("name", None), cues, **m))
            else:
                out.append(Measure(**m))
        else:
            raise TypeError(f"a measure must be a Measure or a dict, not {type(m).__name__}")
    names = [m.name for m in out]
    if len(set(names)) != len(names):
        raise ValueError(f"measure names must differ: {names}")
    return tuple(out)


# ---------------------------------------------------------------------------
# The default measure set
# ---------------------------------------------------------------------------
#: the measures of the shipped case, in order of precedence within each rule
DEFAULT_MEASURES: tuple[Measure, ...] = (
    Measure(
        "call_length",
        nouns=("call", "phone call", "phonecall", "conversation", "chat", "talk",
               "discussion"),
    ),
    Measure(
        "ceasefire_length", scope="sentence",
        nouns=("ceasefire", "cease-fire", "cease fire", "truce", "moratorium", "moratoria",
               "cessation", "armistice"),
        verbs=("halt", "pause"),
    ),
    Measure(
        "prisoners_exchanged", kind="count",
        nouns=("prisoner", "POW", "captive", "detainee"),
        verbs=("exchang*", "swap*", "free", "freed", "freeing", "releas*", "trade", "traded",
               "trades"),
        units=tuple(sorted(PERSON_NOUNS)),
    ),
    Measure(
        "wounded_returned", kind="count",
        nouns=("wounded", "injured", "hurt"),
        verbs=("return*", "send", "sent", "hand over", "hand back", "transfer*",
               "repatriat*", "give back", "gave back"),
        units=tuple(sorted(PERSON_NOUNS)),
    ),
)

#: verbs saying that something lasted the duration that follows
LASTING_VERBS = (
    r"(?:lasted|lasting|lasts|last|went[ \t]+on|ran|run|runs|running|took|takes|taking"
    r"|stretched(?:[ \t]+on)?|spanned|continued|was|is|clocked[ \t]+in[ \t]+at)"
)
#: words between a duration and a noun that break the link ("30 days after the call")
GAP_STOPS = (
    "the|a|an|of|for|to|after|before|since|during|following|in|on|at|with|by|from|"
    "and|or|but|than|that|which|who|is|was|were|are|be|been"
)


# ---------------------------------------------------------------------------
# Cue words -> patterns
# ---------------------------------------------------------------------------
def _inflect(word: str, pos: str) -> str:
    """Regex for one cue word and its inflections (pos: 'noun' or 'verb')."""
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    if not word.isalpha():
        return re.escape(word)
    w = word.lower()
    forms = {w}
    if pos == "noun":
        forms |= {w + "s", w + "es"}
        if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
            forms.add(w[:-1] + "ies")
    else:
        forms |= {w + "s", w + "es", w + "ed", w + "ing", w + "d"}
        if w.endswith("e"):
            forms |= {w[:-1] + "ing", w[:-1] + "ed"}
        if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
            forms |= {w[:-1] + "ies", w[:-1] + "ied"}
        if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


def _cue(words: Iterable[str], pos: str) -> str | None:
    """Regex alternation for cue words (several words: the first one inflected; any spacing
    or hyphen between the parts)."""
    alts = []
    for phrase in words:
        parts = re.split(r"[ \t\-\u2010\u2011]+", phrase.strip())
        first = _inflect(parts[0], pos if len(parts) == 1 or pos == "verb" else "noun")
        if len(parts) > 1 and pos == "noun":  # "phone call": inflect the head, the last word
            first = re.escape(parts[0])
            parts[-1] = _inflect(parts[-1], "noun")
            rest = [re.escape(p) for p in parts[1:-1]] + [parts[-1]]
        else:
            rest = [re.escape(p) for p in parts[1:]]
        alts.append(r"[ \t\-\u2010\u2011]*".join([first, *rest]) if rest else first)
    if not alts:
        return None
    return "(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")"


class _Compiled:
    """The patterns of one measure set."""

    def __init__(self, measures: tuple[Measure, ...]):
        self.measures = measures
        self.near = []      # (name, after_re, pred_re) for near-scope durations
        self.sentence = []  # (name, re) for sentence-scope durations
        self.counts = []    # (name, noun_re, verb_re, units)
        all_nouns = [_cue(m.nouns, "noun") for m in measures]
        for i, m in enumerate(measures):
            nouns, verbs = all_nouns[i], _cue(m.verbs, "verb")
            if m.kind == "count":
                self.counts.append((
                    m.name,
                    re.compile(r"\b" + nouns + r"\b", _I) if nouns else None,
                    re.compile(r"\b" + verbs + r"\b", _I) if verbs else None,
                    frozenset(u.lower() for u in m.units),
                ))
                continue
            if m.scope == "sentence":
                cue = "|".join(x for x in (nouns, verbs) if x)
                self.sentence.append((m.name, re.compile(r"\b(?:" + cue + r")\b", _I)))
                continue
            if not nouns:
                continue
            others = [n for j, n in enumerate(all_nouns) if j != i and n
                      and measures[j].kind == "duration"]
            stops = GAP_STOPS + "".join("|" + n for n in others)
            gap = r"(?:(?!(?:" + stops + r")\b)[A-Za-z][\w’'\-\u2010]*[ \t]+)"
            after = re.compile(
                r"[ \t]+[‘’'\"“”]?" + gap + r"{0,2}?" + nouns + r"\b"
                r"|[ \t]+of[ \t]+(?:the[ \t]+)?" + gap + r"{0,2}?" + nouns + r"\b",
                _I,
            )
            pred = re.compile(
                r"\b" + nouns + r"\b[^;]{0,80}?\b" + LASTING_VERBS
                + r"(?:[ \t]+(?:for|to))?[ \t]+\Z", _I
            )
            self.near.append((m.name, after, pred))


@lru_cache(maxsize=64)
def compiled(measures: tuple[Measure, ...]) -> _Compiled:
    return _Compiled(measures)


# ---------------------------------------------------------------------------
# Deciding the measure of one quantity
# ---------------------------------------------------------------------------
def duration_measure(text, start, end, sents, age=False, ago=False) -> str:
    """The measure of the duration text[start:end] (see the package docstring)."""
    if age:
        return "age"
    if ago:
        return "time_ago"
    c = sents.compiled
    for name, after, _ in c.near:
        if after.match(text, end):
            return name
    s, e = sents.bounds(start)
    for name, _, pred in c.near:
        if pred.search(text, s, start):
            return name
    for name, cue in c.sentence:
        if cue.search(text, s, e):
            return name
    return "duration"


def count_measure(text, start, end, unit, sents) -> str:
    """The measure of the count text[start:end] with counted noun ``unit``."""
    c = sents.compiled
    if not c.counts:
        return "count"
    s, e = sents.bounds(start)
    # 1. a cue noun inside the counted span and a cue verb in the sentence
    #    ("23 wounded soldiers" ... "return")
    for name, nouns, verbs, _ in c.counts:
        if (nouns and nouns.search(text, start, end)
                and (verbs is None or verbs.search(text, s, e))
                and not _only_the_unit(nouns, text, start, end, unit)):
            return name
    # 2. a count of an allowed noun in a sentence with a cue noun and a cue verb
    for name, nouns, verbs, units in c.counts:
        if units and unit != "count" and unit not in units:
            continue
        if (nouns is None or nouns.search(text, s, e)) and (verbs is None or verbs.search(text, s, e)):
            return name
    return "count"


def _only_the_unit(nouns, text, start, end, unit) -> bool:
    """True when the only cue noun in the span is the counted noun itself ("175 prisoners"):
    that is rule 2's business (the unit must be allowed)."""
    hits = list(nouns.finditer(text, start, end))
    return all(m.group().lower().rstrip("s") == unit.rstrip("s") or
               m.group().lower() == unit for m in hits)
