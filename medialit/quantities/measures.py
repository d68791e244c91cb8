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

from medialit.quantities.patterns import _I, PERSON_NOUNS, UNIT_SPELLINGS

__all__ = ["DEFAULT_MEASURES", "Measure", "as_measures"]

KINDS = ("duration", "count")
SCOPES = ("near", "sentence")
_CUE_PARTS = ("nouns", "verbs", "units", "kind", "scope", "excludes", "keeps")


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
    ``excludes``
        durations only: words that, in the clause of the number, say it measures another
        kind of event ("met", "face-to-face", "summit": the talks were held in person, so
        "three hours of talks" is not a call's length) ...
    ``keeps``
        ... unless one of these words is in the same clause (the call's medium: "phone",
        "video", "call").  With a demonstrative or pronoun ("these talks", "it lasted"),
        the sentence before counts for ``keeps`` too.

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
    excludes: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()
    _key: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"a measure needs a name, not {self.name!r}")
        if self.kind not in KINDS:
            raise ValueError(
                f"measure {self.name!r}: kind must be one of {KINDS}, not {self.kind!r}"
            )
        if self.scope not in SCOPES:
            raise ValueError(
                f"measure {self.name!r}: scope must be one of {SCOPES}, not {self.scope!r}"
            )
        for attr in ("nouns", "verbs", "units", "excludes", "keeps"):
            object.__setattr__(self, attr, _words(getattr(self, attr)))
        if not (self.nouns or self.verbs):
            raise ValueError(f"measure {self.name!r} has no cue words (nouns or verbs)")
        key = (self.name, self.kind, self.nouns, self.verbs, self.units, self.scope)
        object.__setattr__(self, "_key", (*key, self.excludes, self.keeps))

    @classmethod
    def from_cues(cls, name: str, cues: str, kind: str = "duration", **more) -> Measure:
        """A measure from a cue string such as ``"nouns: call, conversation; verbs: spoke"``
        (the format of a ``cues`` column: ``part: word, word; part: word``, parts being
        ``nouns``, ``verbs``, ``units``, and optionally ``kind``, ``scope``, ``excludes``
        and ``keeps``)."""
        parts: dict[str, str] = {}
        for chunk in (cues or "").split(";"):
            if not chunk.strip():
                continue
            key, sep, words = chunk.partition(":")
            key = key.strip().lower()
            if not sep or key not in _CUE_PARTS:
                raise ValueError(
                    f"measure {name!r}: cannot read {chunk.strip()!r} "
                    "(expected e.g. 'nouns: call, conversation; verbs: spoke')"
                )
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
        raise TypeError(
            "measures must be None, a Measure, a list of Measures or dicts, "
            f"or a mapping of name to cues, not {type(measures).__name__}"
        )
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
#: words saying that talks were held in person: in the clause of a call's number they make
#: it another event's length ("met for three hours of talks", "face-to-face talks lasting two
#: hours at the summit"), unless a call medium (:data:`CALL_MEDIA`) is named there too
IN_PERSON_WORDS = (
    "met",
    "meet",
    "meeting",
    "face-to-face",
    "in person",
    "in-person",
    "one-on-one",
    "tete-a-tete",
    "tête-à-tête",
    "sit down",
    "sat down",
    "sit-down",
    "summit",
    "visit",
    "trip",
    "host",
    "delegation",
    "courtesy call",
)
#: a call's medium ("talks by phone", "video talks", "a call"): keeps the call whatever
#: in-person word the clause has ("spoke by phone during his visit")
CALL_MEDIA = (
    "phone",
    "phoned",
    "telephone",
    "telephoned",
    "video",
    "videoconference",
    "video-conference",
    "teleconference",
    "virtual",
    "virtually",
    "online",
    "call",
    "on the line",
)

#: the measures of the shipped case, in order of precedence within each rule
DEFAULT_MEASURES: tuple[Measure, ...] = (
    Measure(
        "call_length",
        nouns=(
            "call",
            "phone call",
            "phonecall",
            "telephone call",
            "video call",
            "conference call",
            "conversation",
            "chat",
            "video chat",
            "talk",
            "phone talk",
            "discussion",
            "phone",
            "telephone",
            "videoconference",
            "video conference",
            "video link",
            "video summit",
            "virtual summit",
            "virtual meeting",
            "video meeting",
            "online meeting",
            "online summit",
            "virtual talk",
        ),
        verbs=(
            "speak",
            "spoke",
            "spoken",
            "talk",
            "chat",
            "converse",
            "confer",
            "discuss",
            "phone",
            "telephone",
            "on the phone",
            "on the telephone",
            "over the phone",
            "by phone",
            "by telephone",
            "on phone",
            "in the phone",
            "via video link",
            "by video link",
            "on the line",
        ),
        excludes=IN_PERSON_WORDS,
        keeps=CALL_MEDIA,
    ),
    Measure(
        "ceasefire_length",
        scope="sentence",
        nouns=(
            "ceasefire",
            "cease-fire",
            "cease fire",
            "truce",
            "moratorium",
            "moratoria",
            "cessation",
            "armistice",
        ),
        verbs=("halt", "pause"),
    ),
    Measure(
        "prisoners_exchanged",
        kind="count",
        nouns=("prisoner", "POW", "captive", "detainee"),
        verbs=(
            "exchang*",
            "swap*",
            "free",
            "freed",
            "freeing",
            "releas*",
            "trade",
            "traded",
            "trades",
        ),
        units=tuple(sorted(PERSON_NOUNS)),
    ),
    Measure(
        "wounded_returned",
        kind="count",
        nouns=("wounded", "injured", "hurt"),
        verbs=(
            "return*",
            "send",
            "sent",
            "hand over",
            "hand back",
            "transfer*",
            "repatriat*",
            "give back",
            "gave back",
        ),
        units=tuple(sorted(PERSON_NOUNS)),
    ),
)

# ---------------------------------------------------------------------------
# Word classes the rules use, whatever the measures (English)
# ---------------------------------------------------------------------------
#: verbs saying that something lasted the duration that follows ("the call lasted ...")
LASTING_VERBS = (
    r"(?:lasted|lasting|lasts|last|went[ \t]+on|went(?=[ \t]+for\b)|ran|run|runs|running"
    r"|took|takes|taking|stretched(?:[ \t]+on)?|spanned|continued|was|is|were"
    r"|clocked[ \t]+in[ \t]+at|ended[ \t]+after|finished[ \t]+after|concluded[ \t]+after"
    r"|wrapped[ \t]+up[ \t]+after|broke[ \t]+up[ \t]+after)"
)
#: "ended 45 minutes later": an end verb, the duration, then "later"
END_VERBS = r"(?:ended|finished|concluded|wrapped[ \t]+up|broke[ \t]+up|hung[ \t]+up)"
#: events that are not the measured thing and so break the link between a noun and a
#: verb ("the meeting lasted two hours") - a case's own measures take theirs out of this list
EVENT_NOUNS = (
    "meeting",
    "summit",
    "visit",
    "trip",
    "tour",
    "journey",
    "flight",
    "drive",
    "ride",
    "speech",
    "address",
    "lecture",
    "sermon",
    "interview",
    "press conference",
    "news conference",
    "conference",
    "briefing",
    "hearing",
    "trial",
    "debate",
    "rally",
    "dinner",
    "lunch",
    "luncheon",
    "breakfast",
    "banquet",
    "ceremony",
    "parade",
    "concert",
    "match",
    "game",
    "film",
    "movie",
    "show",
    "broadcast",
    "war",
    "conflict",
    "fighting",
    "battle",
    "offensive",
    "siege",
    "occupation",
    "blockade",
    "invasion",
    "strike",
    "attack",
    "bombardment",
    "shelling",
    "outage",
    "blackout",
    "delay",
    "wait",
    "queue",
    "shift",
    "recess",
    "marathon press conference",
    "question session",
    "vote",
    "election",
    "term",
    "presidency",
    "career",
    "life",
    "sentence",
    "detention",
    "imprisonment",
)
#: verbs that name another event in the sentence before ("The leaders met. They spoke for
#: three hours.")
EVENT_VERBS = ("met", "meet", "meets", "visited", "toured", "convened", "gathered", "addressed")
#: nouns that take their meaning from a measure's noun nearby ("a 70-minute marathon with
#: the premier" after "phone call")
LIGHT_NOUNS = ("marathon", "session", "exchange", "encounter", "sitting", "affair", "one")
#: who one speaks to when it is not a conversation ("talked to reporters for four hours")
AUDIENCE_WORDS = (
    "reporters",
    "journalists",
    "press",
    "media",
    "audience",
    "audiences",
    "crowd",
    "crowds",
    "supporters",
    "parliament",
    "lawmakers",
    "congress",
    "senators",
    "students",
    "nation",
    "public",
    "viewers",
    "listeners",
    "delegates",
    "assembly",
    "voters",
    "troops",
    "workers",
)
#: words between a lasting verb and the number that do not change what is measured
#: ("lasted a whopping three hours", "lasted «two hours»", "was long, more than two hours")
FILLER_WORDS = (
    "a",
    "an",
    "whopping",
    "staggering",
    "remarkable",
    "astonishing",
    "incredible",
    "extraordinary",
    "unprecedented",
    "record",
    "marathon",
    "mere",
    "full",
    "solid",
    "good",
    "total of",
    "lengthy",
    "long",
    "brief",
    "short",
    "just",
    "only",
    "reported",
    "some",
    "respectable",
    "impressive",
)
#: words between a duration and a noun that break the link ("30 days after the call")
GAP_STOPS = (
    "the|a|an|of|for|to|after|before|since|during|following|in|on|at|with|by|from|"
    "and|or|but|than|that|which|who|is|was|were|are|be|been"
)
_QUOTES = "‘’'\"“”«»„‹›"
_DETERMINERS = frozenset(
    [
        "the",
        "this",
        "its",
        "their",
        "his",
        "her",
        "our",
        "these",
        "those",
        "past",
        "every",
        "each",
        "next",
    ]
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


def _words_re(words) -> str:
    return (
        "(?:"
        + "|".join(
            sorted((re.escape(w).replace(r"\ ", r"[ \t]+") for w in words), key=len, reverse=True)
        )
        + ")"
    )


_FILL = (
    r"(?:(?:,[ \t]*[^,.;:!?\d]{1,40}?,"  # an aside: ", officials said,"
    r"|[" + _QUOTES + r"(\[,:—–-]|\b(?:" + _words_re(FILLER_WORDS)[3:-1] + r"|\w+ly)\b)[ \t]*)*"
)
_LASTING_RE = re.compile(
    r"\b(?P<verb>" + LASTING_VERBS + r")(?:[ \t]+(?:for|to))?[ \t]*" + _FILL + r"\Z", _I
)
_END_BEFORE_RE = re.compile(r"\b" + END_VERBS + r"[ \t]+" + _FILL + r"\Z", _I)
_LATER_RE = re.compile(r"[ \t]*,?[ \t]*later\b", _I)
_PRONOUN_RE = re.compile(r"(?:\A|\b(?:it|this|that|which|they)\b)[^\w]*\Z", _I)
_SUBJECT_PRONOUN_RE = re.compile(r"\b(?:it|this|that|which|they|these|those)\b", _I)
_PREV_WORD_RE2 = re.compile(r"(\w+)[ \t]+\Z")
_ADJ_SPAN_RE = re.compile(
    r"(?<!and)(?<!a)[-\u2010\u2011](?:[A-Za-z]+[-\u2010\u2011])?(?:"
    + "|".join(sorted(UNIT_SPELLINGS, key=len, reverse=True))
    + r"|long)\Z",
    _I,
)
_AUDIENCE_RE = re.compile(r"\b" + _words_re(AUDIENCE_WORDS) + r"\b", _I)
_PLURAL_SUBJECT_RE = re.compile(
    r"(?:\b(?:and|&)[ \t]+(?:[\w.’'\-]+[ \t]+){0,5}"
    r"|[A-Z][\w’'.\-]*,[ \t]+(?:[A-Z][\w’'.\-]*[ \t]+){1,3}"
    r"|\b(?:they|both|two|pair|leaders|presidents|men|sides|counterparts|we|premiers"
    r"|ministers|heads)\b[^,;.]{0,40}?)\Z",
    _I,
)
_PARTNER_RE = re.compile(r"\b(?:with|w/)\b|\bto[ \t]+(?:[A-Z]|his\b|her\b|their\b)")


class _Near:
    """Patterns of one duration measure whose number must be linked to its words."""

    def __init__(self, name, nouns, verbs, others, light, excludes=(), keeps=()):
        self.name = name
        ex, kp = _cue(excludes, "verb"), _cue(keeps, "noun")
        self.excludes = re.compile(r"\b" + ex + r"\b", _I) if ex else None
        self.keeps = re.compile(r"\b" + kp + r"\b", _I) if kp else None
        stops = GAP_STOPS + "".join("|" + n for n in others)
        gap = r"(?:(?!(?:" + stops + r")\b)[A-Za-z][\w’'\-\u2010]*[ \t]+)"
        quote = r"[" + _QUOTES + r"]?"
        self.after = re.compile(
            r"[ \t]+" + quote + gap + r"{0,2}?" + quote + nouns + r"\b"
            r"|[ \t]+(?:of|on|over)[ \t]+(?:the[ \t]+|a[ \t]+)?" + gap + r"{0,2}?" + nouns + r"\b",
            _I,
        )
        self.after_light = re.compile(r"[ \t]+" + quote + _words_re(light) + r"\b", _I)
        self.nouns = re.compile(r"\b" + nouns + r"\b", _I)
        self.verbs = re.compile(r"\b" + verbs + r"\b", _I) if verbs else None
        if verbs:
            self.speak_now = re.compile(r"\b(?P<verb>" + verbs + r")[ \t]+" + _FILL + r"\Z", _I)
            self.speak_for = re.compile(
                r"\b(?P<verb>"
                + verbs
                + r")\b(?P<mid>(?:[^.;!?]|(?<=[\s.][A-Z])\.){0,70}?)\bfor[ \t]+"
                + _FILL
                + r"\Z",
                _I,
            )


def _unit_key(word: str) -> str:
    """A cue unit as the extractor names a counted noun: singular, lower case ("people" ->
    "person", "protesters" -> "protester"), so that ``units: people`` allows "8,000 people"."""
    from medialit.quantities.numbers import singular

    w = word.lower()
    return singular(w) or w


class _Compiled:
    """The patterns of one measure set."""

    def __init__(self, measures: tuple[Measure, ...]):
        self.measures = measures
        self.near: list[_Near] = []
        self.sentence = []  # (name, re) for sentence-scope durations
        self.counts = []  # (name, noun_re, verb_re, units)
        all_nouns = [_cue(m.nouns, "noun") for m in measures]
        own = {w.lower() for m in measures for w in m.nouns}
        light = [w for w in LIGHT_NOUNS if w not in own]
        # every event noun in one pattern, each near measure's nouns in a group of its own,
        # so that the nearest event noun says which measure (if any) is meant
        alts: list[str] = []
        self._group_measure: dict[str, str] = {}
        for i, m in enumerate(measures):
            nouns, verbs = all_nouns[i], _cue(m.verbs, "verb")
            if m.kind == "count":
                self.counts.append(
                    (
                        m.name,
                        re.compile(r"\b" + nouns + r"\b", _I) if nouns else None,
                        re.compile(r"\b" + verbs + r"\b", _I) if verbs else None,
                        frozenset(_unit_key(u) for u in m.units),
                    )
                )
                continue
            group = f"g{i}"
            if m.scope == "sentence":
                cue = "|".join(x for x in (nouns, verbs) if x)
                self.sentence.append((m.name, re.compile(r"\b(?:" + cue + r")\b", _I)))
                if nouns:  # a ceasefire is an event of its own
                    alts.append(f"(?P<{group}>{nouns})")
                continue
            others = [
                n
                for j, n in enumerate(all_nouns)
                if j != i and n and measures[j].kind == "duration"
            ]
            self.near.append(
                _Near(m.name, nouns or r"(?!x)x", verbs, others, light, m.excludes, m.keeps)
            )
            cues = "|".join(x for x in (nouns, verbs) if x)  # "They spoke. It lasted ..."
            alts.append(f"(?P<{group}>{cues})")
            self._group_measure[group] = m.name
        own_verbs = {w.lower() for m in measures for w in m.verbs}
        alts.append(
            "(?P<ev>"
            + _cue([w for w in EVENT_NOUNS if w not in own], "noun")
            + "|"
            + _words_re([w for w in EVENT_VERBS if w not in own_verbs])
            + ")"
        )
        self.events = re.compile(r"\b(?:" + "|".join(alts) + r")\b", _I)

    def event_at(self, match) -> str | None:
        """The near measure an event-noun match names, or None for any other event."""
        return self._group_measure.get(match.lastgroup)


@lru_cache(maxsize=64)
def compiled(measures: tuple[Measure, ...]) -> _Compiled:
    return _Compiled(measures)


# ---------------------------------------------------------------------------
# Deciding the measure of one quantity
# ---------------------------------------------------------------------------
def _prev_sentence(sents, s):
    return sents.bounds(s - 1) if s > 0 else None


def _events(c, text, a, b):
    """[(position, measure name or None)] of the event nouns in text[a:b]."""
    return [(m.start(), c.event_at(m)) for m in c.events.finditer(text, a, b)]


def _antecedent(c, text, sents, s, verb_start, allow_prev=True):
    """What the subject of a verb at verb_start refers to: the nearest event noun before it in
    the sentence; else, when the subject is a pronoun (or there is none), the previous
    sentence's first event noun.  -> (found, measure name or None)."""
    evs = _events(c, text, s, verb_start)
    if evs:
        return True, evs[-1][1]
    if not allow_prev or (
        not _PRONOUN_RE.search(text, s, verb_start)
        and text[s:verb_start].strip(" \t\"“”‘’'«»—–-")
        and not _SUBJECT_PRONOUN_RE.search(text, s, verb_start)
    ):
        return False, None
    prev = _prev_sentence(sents, s)
    if prev is None:
        return False, None
    evs = _events(c, text, *prev)
    if not evs:
        return False, None
    return True, evs[0][1]


def _is_verb_last(text, verb_match) -> bool:
    """ "last" after a determiner is an adjective ("in the last three months")."""
    if verb_match.group("verb").lower() != "last":
        return True
    w = _PREV_WORD_RE2.search(text, max(0, verb_match.start() - 20), verb_match.start())
    return not (w and w.group(1).lower() in _DETERMINERS)


def _near_measure(c, text, start, end, sents) -> str | None:
    # 1. a noun right after the number ("90-minute call", "two hours of talks")
    for near in c.near:
        if near.after.match(text, end):
            return near.name
    s, e = sents.bounds(start)
    adjective = bool(_ADJ_SPAN_RE.search(text, start, end))
    # 2. noun ... lasting verb ... number ("the call, which ..., lasted 90 minutes")
    v = _LASTING_RE.search(text, max(s, start - 100), start)
    if v is None and _LATER_RE.match(text, end):
        v = _END_BEFORE_RE.search(text, max(s, start - 40), start)
        if v is not None:
            v = _FakeVerb(v)
    if v is not None and not adjective and _is_verb_last(text, v):
        found, name = _antecedent(c, text, sents, s, v.start())
        if found:
            return name
    # 3. light noun after the number, a measure noun nearby ("a 70-minute marathon with ...")
    for near in c.near:
        if near.after_light.match(text, end):
            evs = _events(c, text, s, start)
            if evs:
                return near.name if evs[-1][1] == near.name else None
            prev = _prev_sentence(sents, s)
            evs = _events(c, text, *prev) if prev else []
            if evs:
                return near.name if evs[0][1] == near.name else None
    # 4. speaking verb (+ "for") + number ("the presidents spoke for over an hour")
    if adjective:
        return None
    for near in c.near:
        if near.verbs is None:
            continue
        m = near.speak_for.search(text, max(s, start - 110), start)
        mid = m.group("mid") if m else ""
        if m is None:
            m = near.speak_now.search(text, max(s, start - 40), start)
        if m is None:
            continue
        if _AUDIENCE_RE.search(mid) or (c.events.search(mid) and not near.nouns.search(mid)):
            continue
        if _speaks_with_someone(c, near, text, s, e, m, mid, end, sents):
            return near.name
    return None


class _FakeVerb:
    """An end-verb match dressed as a lasting-verb match ("ended ... later")."""

    def __init__(self, m):
        self._m = m

    def start(self):
        return self._m.start()

    def group(self, _name):
        return self._m.group()


def _speaks_with_someone(c, near, text, s, e, m, mid, end, sents) -> bool:
    """Is the speaking verb a conversation? Yes when a partner, a phone or the measure's noun
    is named nearby, or the subject is plural; no when another event is what is meant."""
    if (near.keeps or near.nouns).search(m.group("verb")):  # "on the phone", "by video link"
        return True
    # events of the clause: the sentence up to just after the number (an event starting at
    # most 40 characters after it: "..., before holding news conferences"), not the verb
    evs = [
        (pos, n)
        for pos, n in _events(c, text, s, e)
        if pos < end + 40 and not m.start("verb") <= pos < m.end("verb")
    ]
    names = {n for _, n in evs}
    if near.name in names:
        return True
    if evs:  # another event ("spoke for 90 minutes at the summit")
        return False
    if _SUBJECT_PRONOUN_RE.search(text, max(s, m.start() - 30), m.start()):
        prev = _prev_sentence(sents, s)
        if prev is not None:
            pe = _events(c, text, *prev)
            if pe:
                return pe[0][1] == near.name
    after = text[end : min(e, end + 40)]
    if _PARTNER_RE.search(mid) or _PARTNER_RE.search(after):
        return True
    if near.verbs.search(mid) or near.verbs.search(after):  # "spoke ... by phone"
        return True
    return bool(_PLURAL_SUBJECT_RE.search(text, max(s, m.start() - 80), m.start()))


#: where a clause ends inside a sentence: ; : a dash, ", and" / ", but" / ", while" ...
_CLAUSE_BREAK_RE = re.compile(
    r"[;:—–]|[ \t]--?[ \t]|,[ \t]+(?:and|but|while|whereas|although|though)\b", _I
)
#: a word pointing back to the sentence before ("these talks", "it lasted")
_ANAPHOR_RE = re.compile(r"\b(?:this|that|these|those|such|it|they)\b", _I)


def _clause(text, s, e, start, end) -> tuple[int, int]:
    """The bounds of the clause of text[start:end] within the sentence text[s:e]."""
    a, b = s, e
    for m in _CLAUSE_BREAK_RE.finditer(text, s, e):
        if m.end() <= start:
            a = m.end()
        elif m.start() >= end:
            b = m.start()
            break
    return a, b


def _names_medium(near, text, a, b) -> bool:
    """Is a word of ``near.keeps`` in text[a:b], not inside an excluding phrase ("courtesy
    call" is a visit)?"""
    if near.keeps is None:
        return False
    ex = [x.span() for x in near.excludes.finditer(text, a, b)] if near.excludes else []
    return any(
        not any(x <= k.start() and k.end() <= y for x, y in ex)
        for k in near.keeps.finditer(text, a, b)
    )


def _held_in_person(near, text, start, end, sents) -> bool:
    """An excluding word (an in-person meeting: "met", "face-to-face", "summit") is in the
    clause of the number and no medium ("phone", "video", "call") is: in the clause, or in
    the sentence before when the clause points back to it ("these talks", "it")."""
    if near.excludes is None:
        return False
    s, e = sents.bounds(start)
    a, b = _clause(text, s, e, start, end)
    if not near.excludes.search(text, a, b) or _names_medium(near, text, a, b):
        return False
    prev = _prev_sentence(sents, s) if _ANAPHOR_RE.search(text, a, start) else None
    return not (prev and _names_medium(near, text, *prev))


def duration_measure(text, start, end, sents, age=False, ago=False) -> str:
    """The measure of the duration text[start:end] (see the package docstring)."""
    if age:
        return "age"
    if ago:
        return "time_ago"
    c = sents.compiled
    name = _near_measure(c, text, start, end, sents)
    if name:
        near = next(n for n in c.near if n.name == name)
        return "duration" if _held_in_person(near, text, start, end, sents) else name
    s, e = sents.bounds(start)
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
        if (
            nouns
            and nouns.search(text, start, end)
            and (verbs is None or verbs.search(text, s, e))
            and not _only_the_unit(nouns, text, start, end, unit)
        ):
            return name
    # 2. a count of an allowed noun in a sentence with a cue noun and a cue verb
    for name, nouns, verbs, units in c.counts:
        if units and unit != "count" and unit not in units:
            continue
        if (nouns is None or nouns.search(text, s, e)) and (
            verbs is None or verbs.search(text, s, e)
        ):
            return name
    return "count"


def _only_the_unit(nouns, text, start, end, unit) -> bool:
    """True when the only cue noun in the span is the counted noun itself ("175 prisoners"):
    that is rule 2's business (the unit must be allowed)."""
    hits = list(nouns.finditer(text, start, end))
    return all(
        m.group().lower().rstrip("s") == unit.rstrip("s") or m.group().lower() == unit for m in hits
    )
