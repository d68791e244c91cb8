"""How an exercise item checks an answer, without holding the answer in readable form.

An item's ``check`` spec (plain JSON, shipped to the browser inside the widget state) has
a ``salt`` and a list of ``parts``. The student's answer is first *normalised* into one
string per part (an option id, ``"1"``/``"0"`` for a ticked/unticked box, whole minutes,
a bound...). Each part holds

* ``ok``: salted SHA-256 hashes of the accepted values,
* ``fb``: feedback for anticipated values, each encrypted with a key derived from that
  value (so a student sees only the feedback for what they typed),
* ``else``: plain feedback for any other value (it must not give the answer away).

``done`` holds the success message, encrypted under the whole normalised answer. The same
algorithm is written once more in ``widget.js`` so the check also runs in a static page with
no kernel; ``tests/test_engine.py`` and ``tests/test_hardening.py`` run both on the same
answers.

Hashing hides answers from reading, not from a determined student. Each part has few
possible values (an option id, a tick, a label, a whole number of minutes), so anyone with
a static page or ``catalog.json`` can hash them all offline and recover every accepted
answer, and with it the sealed success message: for all items of the book in well under a
second. The attempt counter does not reveal this: it lives in the student's own browser or
answer file, and answers tried offline never reach it. Partial feedback ("2 of 3 right")
also shows which parts of an answer are right. So a check on a page is practice; graded
work goes through the gradebook, which checks every saved answer again itself instead of
trusting what a file says.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
from dataclasses import dataclass, field

BOUNDS = ("about", "at_least", "at_most")
UNIT_MINUTES = {"minutes": 1, "hours": 60, "days": 1440}
KINDS = ("single_choice", "multiple_choice", "span_marking", "labelling", "duration", "numeric",
         "free_text")
MAX_LISTED = 4  # wrong parts explained at once; the rest are counted

# Both checkers read input by the same explicit rules, not by each language's own idea of
# "whitespace" or "number" (Python's str.split() and JavaScript's trim() disagree on seven
# characters; float() reads "3_50", "inf" and Arabic-Indic digits, Number() reads "0x15e").
# widget.js holds the same two patterns, character for character.
WHITESPACE = r"[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
NUMBER = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_WS = re.compile(WHITESPACE)
_EDGE_WS = re.compile(f"^{WHITESPACE}|{WHITESPACE}$")
_NUMBER = re.compile(NUMBER)

# A length typed into the number box of a duration item, with digits: "150 min", "2h30",
# "2.5 hours", "90+ minutes", "more than 90 mins", "about 2 hrs", "2 hours and 30 minutes".
# The text is first lower-cased (ASCII letters only) and its whitespace runs made one space.
# Groups: 1 a hedge before the number, 2 the number (commas are thousands separators),
# 3 a "+" right after it, 4 its unit, 5 minutes after hours ("2h30"), 6 their unit, 7 a
# hedge after it all. Words typed in the box win over the unit and hedge menus. Number
# words ("two and a half") are not read here: the kernel's box below reads them.
# widget.js holds the same pattern and tables, character for character.
LENGTH = (r"^(?:(more than|at least|longer than|just over|well over|over|above|nearly|almost"
          r"|up to|less than|just under|under|about|around|approximately|approx\.?|roughly"
          r"|some|circa|exactly|>=|<=|~|>|<) ?)?([0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(\+)? ?"
          r"(minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d)?\.?"
          r"(?: ?(?:and )?([0-9]+(?:\.[0-9]+)?) ?(minutes|minute|mins|min|m)?\.?)?"
          r" ?(\+|or more|or longer|and more|plus|at least|or less|at most|or so)?$")
LENGTH_HEDGES = {
    "more than": "at_least", "at least": "at_least", "longer than": "at_least",
    "just over": "at_least", "well over": "at_least", "over": "at_least", "above": "at_least",
    ">=": "at_least", ">": "at_least", "+": "at_least", "or more": "at_least",
    "or longer": "at_least", "and more": "at_least", "plus": "at_least",
    "nearly": "at_most", "almost": "at_most", "up to": "at_most", "less than": "at_most",
    "just under": "at_most", "under": "at_most", "<=": "at_most", "<": "at_most",
    "or less": "at_most", "at most": "at_most",
    "about": "about", "around": "about", "approximately": "about", "approx": "about",
    "approx.": "about", "roughly": "about", "some": "about", "circa": "about",
    "exactly": "about", "~": "about", "or so": "about",
}
LENGTH_UNITS = {
    "minutes": "minutes", "minute": "minutes", "mins": "minutes", "min": "minutes",
    "m": "minutes", "hours": "hours", "hour": "hours", "hrs": "hours", "hr": "hours",
    "h": "hours", "days": "days", "day": "days", "d": "days",
}
_LENGTH = re.compile(LENGTH)
_WS_RUNS = re.compile(WHITESPACE)
_UPPER = re.compile("[A-Z]+")
_DIGIT = re.compile("[0-9]")
_NUMBER_THEN_WORDS = re.compile(r"^([0-9][0-9,]*(?:\.[0-9]+)?) ?[A-Za-z]")


def strip(text: str) -> str:
    """``text`` without leading and trailing whitespace (the shared definition)."""
    return _EDGE_WS.sub("", text)


def words(text: str) -> int:
    """How many words ``text`` has: runs of characters between whitespace."""
    return sum(1 for w in _WS.split(text) if w)


@dataclass
class Result:
    """What a check says. ``correct`` is None for free text scored by a rubric and for
    input that could not be read (``valid`` False)."""

    correct: bool | None
    feedback: str
    valid: bool = True
    parts: dict[str, bool] = field(default_factory=dict)


# --------------------------------------------------------------------------- crypto

def digest(salt: str, name: str, value: str) -> str:
    """Salted hash of one normalised part value (hex, 32 characters)."""
    return hashlib.sha256(f"{salt}\n{name}\n{value}".encode()).hexdigest()[:32]


def _keystream(salt: str, name: str, value: str, n: int) -> bytes:
    key = hashlib.sha256(f"key\n{salt}\n{name}\n{value}".encode()).digest()
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(key + str(i).encode()).digest()
        i += 1
    return out[:n]


def seal(salt: str, name: str, value: str, message: str) -> str:
    """Encrypt ``message`` so only someone who knows ``value`` can read it."""
    data = message.encode()
    ks = _keystream(salt, name, value, len(data))
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, ks))).decode()


def unseal(salt: str, name: str, value: str, sealed: str) -> str:
    data = base64.b64decode(sealed)
    ks = _keystream(salt, name, value, len(data))
    return bytes(a ^ b for a, b in zip(data, ks)).decode(errors="replace")


def make_part(salt: str, name: str, accepted: list[str], feedback: dict[str, str],
              otherwise: str) -> dict:
    """Build one part of a check spec from plain accepted values and feedback."""
    return {
        "name": name,
        "ok": sorted(digest(salt, name, v) for v in accepted),
        "fb": {digest(salt, name, v): seal(salt, name, v, msg)
               for v, msg in sorted(feedback.items()) if v not in accepted and msg},
        "else": otherwise,
    }


def make_done(salt: str, full_answers: list[str], message: str) -> dict:
    return {digest(salt, "*", full): seal(salt, "*", full, message) for full in full_answers}


def full_answer(spec: dict, values: dict[str, str]) -> str:
    return "&".join(f"{p['name']}={values[p['name']]}" for p in spec["parts"])


# --------------------------------------------------------------------------- normalising

class BadAnswer(ValueError):
    """The answer cannot be read; the message says what to do instead."""


TYPE_A_NUMBER = "Type a number, such as 2.5 or 150."
OUT_OF_RANGE = "That number is out of range: type a positive number such as 2.5."
TYPE_DIGITS = ("Type the length with digits here, such as 2.5 hours, 150 min or 2h30: "
               "this box does not read number words.")


def _number(x) -> float:
    """A number typed or sent by the widget. Strings must be plain decimal digits (ASCII,
    commas as thousands separators, an optional exponent)."""
    if isinstance(x, int) and not isinstance(x, bool):
        if abs(x) > 10**300:  # float() would overflow
            raise BadAnswer(OUT_OF_RANGE)
        v = float(x)
    elif isinstance(x, float):
        v = x
    elif isinstance(x, str) and len(x) < 40 and strip(x):
        text = strip(x)
        if not _NUMBER.fullmatch(text.replace(",", "")):
            words = _NUMBER_THEN_WORDS.match(text)
            if words:  # "350 prisoners": the number is there, the words are not wanted
                raise BadAnswer(f"Type only the number here, without words: “{words.group(1)}”.")
            raise BadAnswer(f"“{text[:30]}” is not a number. Type digits, such as 2.5 or 150.")
        v = float(text.replace(",", ""))
    else:
        raise BadAnswer(TYPE_A_NUMBER)
    return _in_range(v)


def _in_range(v: float) -> float:
    if not math.isfinite(v) or v < 0 or v > 1e7:
        raise BadAnswer(OUT_OF_RANGE)
    return v


def _plain(x) -> bool:
    """Is ``x`` for :func:`_number` (anything but a string of words and digits)?"""
    return not isinstance(x, str) or len(x) >= 40 or not strip(x) or \
        _NUMBER.fullmatch(strip(x).replace(",", "")) is not None


def read_length(text: str) -> tuple[float, str | None, str | None]:
    """A length typed with digits (see LENGTH): ``(number, unit or None, bound or None)``;
    the number is in the unit typed, or in minutes when hours and minutes were typed.

    >>> read_length("2h30"), read_length("90+ minutes"), read_length("About 2 HRS")
    ((150.0, 'minutes', None), (90.0, 'minutes', 'at_least'), (2.0, 'hours', 'about'))
    """
    low = _UPPER.sub(lambda m: m.group().lower(), _WS_RUNS.sub(" ", strip(text)))
    m = _LENGTH.match(low)
    if not m:
        if not _DIGIT.search(low):
            raise BadAnswer(TYPE_DIGITS)
        raise BadAnswer(f"“{text[:30]}” is not a length this box can read. Type digits and a "
                        "unit, such as 150 min, 2.5 hours or 2h30.")
    before, number, plus, unit, extra, _extra_unit, after = m.groups()
    hedges = {LENGTH_HEDGES[h] for h in (before, plus, after) if h}
    if len(hedges) > 1:
        raise BadAnswer("Use one hedge: “more than”, “about” or “nearly”, not two.")
    value = _in_range(float(number.replace(",", "")))
    unit = LENGTH_UNITS[unit] if unit else None
    if extra is not None:  # "2h30": hours, then minutes
        if unit != "hours" or float(extra) >= 60:
            raise BadAnswer("Give hours and then minutes under 60, such as 2h30, or one "
                            "unit, such as 150 min.")
        value, unit = _in_range(value * 60 + float(extra)), "minutes"
    return value, unit, hedges.pop() if hedges else None


def _shown(v: float) -> str:
    """A number as both checkers print it (whole numbers without a point)."""
    return _whole(v) if v == math.floor(v) else f"{v:.10g}"


def _whole(x: float) -> str:
    """Round half up, as JavaScript's Math.round does (Python's round() rounds half to even)."""
    return str(math.floor(x + 0.5))


def normalise(item: dict, answer) -> dict[str, str]:
    """The answer as one string per part of the item's check spec.

    ``answer`` is what the widget stores (a dict) or, for convenience in Python, a plain
    value: an option id, a list of option ids, a number, or a dict of labels.
    """
    kind = item["kind"]
    if answer is None or answer == {} or answer == "" or answer == []:
        raise BadAnswer("Give an answer first, then press Check.")
    if kind == "single_choice":
        choice = answer.get("choice") if isinstance(answer, dict) else answer
        ids = [o["id"] for o in item["options"]]
        if choice not in ids:
            raise BadAnswer("Pick one of the options, then press Check.")
        return {"choice": choice}
    if kind in ("multiple_choice", "span_marking"):
        picked = answer.get("selected") if isinstance(answer, dict) else answer
        if not isinstance(picked, (list, tuple, set, frozenset)) or \
                not all(isinstance(p, str) for p in picked):
            raise BadAnswer("Tick the boxes that apply." if kind == "multiple_choice"
                            else "Select the words that apply.")
        ids = [o["id"] for o in item["options"]] if kind == "multiple_choice" else \
            [s["id"] for s in item["segments"] if s["selectable"]]
        unknown = [p for p in dict.fromkeys(picked) if p not in ids]
        if unknown:
            raise BadAnswer(f"Unknown option(s): {', '.join(unknown)[:80]}.")
        return {i: "1" if i in picked else "0" for i in ids}
    if kind == "labelling":
        labels = answer.get("labels", answer) if isinstance(answer, dict) else None
        if not isinstance(labels, dict):
            raise BadAnswer("Give a label for each passage.")
        allowed = [lab["id"] for lab in item["labels"]]
        out = {}
        for seg in item["segments"]:
            lab = labels.get(seg["id"])
            if not isinstance(lab, str) or lab not in allowed:
                raise BadAnswer(f"Choose a label for every passage (passage {seg['id']} has none).")
            out[seg["id"]] = lab
        return out
    if kind == "duration":
        if not isinstance(answer, dict):
            raise BadAnswer("Give a number, a unit and a hedge, or tick 'not stated'.")
        if answer.get("not_stated") is True:
            return {"minutes": "none", "bound": "none"}
        number, typed_unit, typed_bound = answer.get("number"), None, None
        if not _plain(number):  # "150 min", "2h30", "more than 90 mins": words win
            number, typed_unit, typed_bound = read_length(number)
        unit = typed_unit or answer.get("unit")
        if not isinstance(unit, str) or unit not in UNIT_MINUTES:
            raise BadAnswer("Choose a unit: minutes, hours or days.")
        bound = typed_bound or answer.get("bound", "about")
        if not isinstance(bound, str) or bound not in BOUNDS:
            raise BadAnswer("Choose how the report hedges the number: about, more than or up to.")
        value = _number(number)
        minutes = value * UNIT_MINUTES[unit]
        most = item.get("max_minutes")
        if isinstance(most, (int, float)) and minutes > most:
            days = f"{math.floor(minutes / 1440)} days" if minutes >= 2880 else "a day"
            raise BadAnswer(f"{_shown(value)} {unit}? That would be more than {days}. Check "
                            "the unit: minutes or hours?")
        return {"minutes": _whole(minutes), "bound": bound}
    if kind == "numeric":
        value = answer.get("value") if isinstance(answer, dict) else answer
        return {"value": _whole(_number(value))}
    raise BadAnswer(f"This item ({kind}) has nothing to check.")


# --------------------------------------------------------------------------- checking

def check(item: dict, answer) -> Result:
    """Check an answer against an item's spec. Never raises: unreadable input gives a
    Result with ``valid=False`` and a message saying what to do."""
    try:
        return _check(item, answer)
    except BadAnswer as e:
        return Result(None, str(e), valid=False)
    except Exception as e:  # noqa: BLE001 - a safety net: a student must never see a traceback
        return Result(None, f"That answer could not be read ({type(e).__name__}). "
                            "Try again with the controls above.", valid=False)


def _check(item: dict, answer) -> Result:
    if item["kind"] == "free_text":
        text = answer.get("text", "") if isinstance(answer, dict) else answer
        if not isinstance(text, str) or not words(text):
            raise BadAnswer("Write your answer in the box first.")
        rubric = item.get("rubric_summary", "Compare your answer with the rubric.")
        return Result(None, f"Saved ({words(text)} words). {rubric}")
    spec = item["check"]
    salt = spec["salt"]
    values = normalise(item, answer)
    ok = {p["name"]: digest(salt, p["name"], values[p["name"]]) in p["ok"] for p in spec["parts"]}
    if all(ok.values()):
        full = full_answer(spec, values)
        sealed = spec.get("done", {}).get(digest(salt, "*", full))
        return Result(True, unseal(salt, "*", full, sealed) if sealed else "Correct.", parts=ok)
    messages = []
    for p in spec["parts"]:
        if ok[p["name"]]:
            continue
        sealed = p["fb"].get(digest(salt, p["name"], values[p["name"]]))
        msg = unseal(salt, p["name"], values[p["name"]], sealed) if sealed else p["else"]
        if msg and msg not in messages:
            messages.append(msg)
        if spec.get("first_only"):
            break
    wrong = sum(not v for v in ok.values())
    head = f"{len(ok) - wrong} of {len(ok)} right. " if len(ok) > 1 and not spec.get("first_only") \
        else ""
    more = len(messages) - MAX_LISTED
    body = " ".join(messages[:MAX_LISTED]) or "Look at the text again."
    tail = f" (And {more} more to look at again.)" if more > 0 else ""
    return Result(False, head + body + tail, parts=ok)
