"""How an exercise item checks an answer, without holding the answer in readable form.

An item's ``check`` spec (plain JSON, shipped to the browser inside the widget state) has
a ``salt`` and a list of ``parts``. The student's answer is first *normalised* into one
string per part (an option id, ``"1"``/``"0"`` for a ticked/unticked box, whole minutes,
a number to the item's ``decimals`` places (:func:`fixed`), a bound...). Each part holds

* ``ok``: salted SHA-256 hashes of the accepted values,
* ``fb``: feedback for anticipated values, each encrypted with a key derived from that
  value (so a student sees only the feedback for what they typed),
* ``else``: plain feedback for any other value (it must not give the answer away).

``done`` holds the success message, encrypted under the whole normalised answer. The same
algorithm is written once more in ``checker.js`` (the widget's JavaScript) so the check also
runs in a static page with no kernel; the rules and messages both apply are data, written
once (``rules.json``). ``tests/test_engine.py`` and ``tests/test_checker_parity.py`` run both on
the same answers.

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
import json
import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

# The rules both checkers apply (bounds, unit minutes, the input patterns, every message a
# student can see) live in rules.json, once: this module loads it, and widget.py inlines it
# into checker.js, so the static page's checker reads the same data.
RULES: dict = json.loads((Path(__file__).with_name("rules.json")).read_text(encoding="utf-8"))
MESSAGES: dict[str, str] = RULES["messages"]
BOUNDS: tuple[str, ...] = tuple(RULES["bounds"])
UNIT_MINUTES: dict[str, int] = RULES["unit_minutes"]
KINDS = (
    "single_choice",
    "multiple_choice",
    "span_marking",
    "labelling",
    "duration",
    "numeric",
    "free_text",
)
MAX_LISTED: int = RULES["max_listed"]  # wrong parts explained at once; the rest are counted
MAX_VALUE: float = RULES["max_value"]
MAX_DECIMALS: int = RULES["max_decimals"]  # places a numeric item may compare at

# Both checkers read input by the same explicit rules, not by each language's own idea of
# "whitespace" or "number" (Python's str.split() and JavaScript's trim() disagree on seven
# characters; float() reads "3_50", "inf" and Arabic-Indic digits, Number() reads "0x15e").
WHITESPACE: str = RULES["whitespace"]
NUMBER: str = RULES["number"]
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
LENGTH: str = RULES["length"]
LENGTH_HEDGES: dict[str, str] = RULES["length_hedges"]
LENGTH_UNITS: dict[str, str] = RULES["length_units"]
_LENGTH = re.compile(LENGTH)
_WS_RUNS = re.compile(WHITESPACE)
_UPPER = re.compile("[A-Z]+")
_DIGIT = re.compile("[0-9]")
_NUMBER_THEN_WORDS = re.compile(RULES["number_then_words"])


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

    @property
    def status(self) -> str:
        """What a saved answer records of this result: ``invalid`` (unreadable), ``saved``
        (free text, for a person to score), ``correct`` or ``incorrect``. The widget, the
        answer files and the gradebook all use this one mapping."""
        if not self.valid:
            return "invalid"
        if self.correct is None:
            return "saved"
        return "correct" if self.correct else "incorrect"


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
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, ks, strict=False))).decode()


def unseal(salt: str, name: str, value: str, sealed: str) -> str:
    data = base64.b64decode(sealed)
    ks = _keystream(salt, name, value, len(data))
    return bytes(a ^ b for a, b in zip(data, ks, strict=False)).decode(errors="replace")


def make_part(
    salt: str, name: str, accepted: list[str], feedback: dict[str, str], otherwise: str
) -> dict:
    """Build one part of a check spec from plain accepted values and feedback."""
    return {
        "name": name,
        "ok": sorted(digest(salt, name, v) for v in accepted),
        "fb": {
            digest(salt, name, v): seal(salt, name, v, msg)
            for v, msg in sorted(feedback.items())
            if v not in accepted and msg
        },
        "else": otherwise,
    }


def make_done(salt: str, full_answers: list[str], message: str) -> dict:
    return {digest(salt, "*", full): seal(salt, "*", full, message) for full in full_answers}


def full_answer(spec: dict, values: dict[str, str]) -> str:
    return "&".join(f"{p['name']}={values[p['name']]}" for p in spec["parts"])


# --------------------------------------------------------------------------- normalising


class BadAnswer(ValueError):
    """The answer cannot be read; the message says what to do instead."""


TYPE_A_NUMBER = MESSAGES["type_a_number"]
OUT_OF_RANGE = MESSAGES["out_of_range"]
TYPE_DIGITS = MESSAGES["type_digits"]
_FIELD = re.compile(r"\{([a-z_]+)\}")


def say(key: str, **values: object) -> str:
    """The message ``key`` of rules.json with its ``{name}`` fields filled in (one pass, as
    widget.js's say() does: a value holding braces is not read again).

    >>> say("unknown_options", ids="x, y")
    'Unknown option(s): x, y.'
    """
    return _FIELD.sub(lambda m: str(values[m.group(1)]), MESSAGES[key])


def _number(x: object) -> float:
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
                raise BadAnswer(say("only_the_number", number=words.group(1)))
            raise BadAnswer(say("not_a_number", text=text[:30]))
        v = float(text.replace(",", ""))
    else:
        raise BadAnswer(TYPE_A_NUMBER)
    return _in_range(v)


def _in_range(v: float) -> float:
    if not math.isfinite(v) or v < 0 or v > MAX_VALUE:
        raise BadAnswer(OUT_OF_RANGE)
    return v


def _plain(x: object) -> bool:
    """Is ``x`` for :func:`_number` (anything but a string of words and digits)?"""
    return (
        not isinstance(x, str)
        or len(x) >= 40
        or not strip(x)
        or _NUMBER.fullmatch(strip(x).replace(",", "")) is not None
    )


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
        raise BadAnswer(say("not_a_length", text=text[:30]))
    before, number, plus, unit, extra, _extra_unit, after = m.groups()
    hedges = {LENGTH_HEDGES[h] for h in (before, plus, after) if h}
    if len(hedges) > 1:
        raise BadAnswer(say("one_hedge"))
    value = _in_range(float(number.replace(",", "")))
    unit = LENGTH_UNITS[unit] if unit else None
    if extra is not None:  # "2h30": hours, then minutes
        if unit != "hours" or float(extra) >= 60:
            raise BadAnswer(say("hours_then_minutes"))
        value, unit = _in_range(value * 60 + float(extra)), "minutes"
    return value, unit, hedges.pop() if hedges else None


def _shown(v: float) -> str:
    """A number as both checkers print it (whole numbers without a point)."""
    return _whole(v) if v == math.floor(v) else f"{v:.10g}"


def _whole(x: float) -> str:
    """Round half up, as JavaScript's Math.round does (Python's round() rounds half to even)."""
    return str(math.floor(x + 0.5))


def fixed(v: float, decimals: int = 0) -> str:
    """A numeric answer (not negative) as both checkers compare it: rounded half up to
    ``decimals`` places. With none that is :func:`_whole`, as ever; with some, the rounding
    is done on the number's shortest decimal form, which is what was typed (0.15 gives 0.2,
    though the float 0.15 lies just below it), and the places are always written.

    >>> fixed(2.45, 1), fixed(3, 1), fixed(0.15, 1), fixed(2.5), fixed(5e-7, 6)
    ('2.5', '3.0', '0.2', '3', '0.000001')
    """
    if not decimals:
        return _whole(v)
    typed = Decimal(repr(abs(float(v))))  # abs: -0.0 is 0, as in JavaScript
    return f"{typed.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):f}"


def decimals_of(item: dict) -> int:
    """The places a numeric item compares at: its ``decimals``, a whole number from 1 to
    MAX_DECIMALS, else 0 (every item without it compares whole numbers)."""
    d = item.get("decimals")
    if isinstance(d, bool) or not isinstance(d, (int, float)) or d != math.floor(d):
        return 0
    return int(d) if 0 < d <= MAX_DECIMALS else 0


def normalise(item: dict, answer: object) -> dict[str, str]:
    """The answer as one string per part of the item's check spec.

    ``answer`` is what the widget stores (a dict) or, for convenience in Python, a plain
    value: an option id, a list of option ids, a number, or a dict of labels.
    """
    kind = item["kind"]
    if answer is None or answer == {} or answer == "" or answer == []:
        raise BadAnswer(say("give_answer"))
    if kind == "single_choice":
        choice = answer.get("choice") if isinstance(answer, dict) else answer
        ids = [o["id"] for o in item["options"]]
        if not isinstance(choice, str) or choice not in ids:  # the ids are strings
            raise BadAnswer(say("pick_one"))
        return {"choice": choice}
    if kind in ("multiple_choice", "span_marking"):
        picked = answer.get("selected") if isinstance(answer, dict) else answer
        if not isinstance(picked, (list, tuple, set, frozenset)) or not all(
            isinstance(p, str) for p in picked
        ):
            raise BadAnswer(say("tick_boxes" if kind == "multiple_choice" else "select_words"))
        ids = (
            [o["id"] for o in item["options"]]
            if kind == "multiple_choice"
            else [s["id"] for s in item["segments"] if s["selectable"]]
        )
        unknown = [p for p in dict.fromkeys(picked) if p not in ids]
        if unknown:
            raise BadAnswer(say("unknown_options", ids=", ".join(unknown)[:80]))
        return {i: "1" if i in picked else "0" for i in ids}
    if kind == "labelling":
        labels = answer.get("labels", answer) if isinstance(answer, dict) else None
        if not isinstance(labels, dict):
            raise BadAnswer(say("label_each"))
        allowed = [lab["id"] for lab in item["labels"]]
        out: dict[str, str] = {}
        for seg in item["segments"]:
            lab = labels.get(seg["id"])
            if not isinstance(lab, str) or lab not in allowed:
                raise BadAnswer(say("label_every", passage=seg["id"]))
            out[seg["id"]] = lab
        return out
    if kind == "duration":
        if not isinstance(answer, dict):
            raise BadAnswer(say("duration_form"))
        if answer.get("not_stated") is True:
            return {"minutes": "none", "bound": "none"}
        number: object = answer.get("number")
        typed_unit: str | None = None
        typed_bound: str | None = None
        # "150 min", "2h30", "more than 90 mins": words win
        if isinstance(number, str) and not _plain(number):
            number, typed_unit, typed_bound = read_length(number)
        unit = typed_unit or answer.get("unit")
        if not isinstance(unit, str) or unit not in UNIT_MINUTES:
            raise BadAnswer(say("choose_unit"))
        bound = typed_bound or answer.get("bound", "about")
        if not isinstance(bound, str) or bound not in BOUNDS:
            raise BadAnswer(say("choose_hedge"))
        length = _number(number)
        minutes = length * UNIT_MINUTES[unit]
        most = item.get("max_minutes")
        if isinstance(most, (int, float)) and minutes > most:
            days = say("n_days", n=math.floor(minutes / 1440)) if minutes >= 2880 else say("a_day")
            raise BadAnswer(say("too_long", value=_shown(length), unit=unit, days=days))
        return {"minutes": _whole(minutes), "bound": bound}
    if kind == "numeric":
        value = answer.get("value") if isinstance(answer, dict) else answer
        return {"value": fixed(_number(value), decimals_of(item))}
    raise BadAnswer(say("nothing_to_check", kind=kind))


# --------------------------------------------------------------------------- checking


def check(item: dict, answer: object) -> Result:
    """Check an answer against an item's spec. Never raises: unreadable input gives a
    Result with ``valid=False`` and a message saying what to do."""
    try:
        return _check(item, answer)
    except BadAnswer as e:
        return Result(None, str(e), valid=False)
    except Exception:
        return Result(None, say("catch_all"), valid=False)


def _check(item: dict, answer: object) -> Result:
    if item["kind"] == "free_text":
        text = answer.get("text", "") if isinstance(answer, dict) else answer
        if not isinstance(text, str) or not words(text):
            raise BadAnswer(say("write_first"))
        rubric = item.get("rubric_summary") or say("rubric_default")
        return Result(None, say("saved", words=words(text), rubric=rubric))
    spec = item["check"]
    salt = spec["salt"]
    values = normalise(item, answer)
    ok = {p["name"]: digest(salt, p["name"], values[p["name"]]) in p["ok"] for p in spec["parts"]}
    if all(ok.values()):
        full = full_answer(spec, values)
        sealed = spec.get("done", {}).get(digest(salt, "*", full))
        return Result(True, unseal(salt, "*", full, sealed) if sealed else say("correct"), parts=ok)
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
    head = (
        say("n_of_m_right", right=len(ok) - wrong, total=len(ok))
        if len(ok) > 1 and not spec.get("first_only")
        else ""
    )
    more = len(messages) - MAX_LISTED
    body = " ".join(messages[:MAX_LISTED]) or say("look_again")
    tail = say("and_more", more=more) if more > 0 else ""
    return Result(False, head + body + tail, parts=ok)
