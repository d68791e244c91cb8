"""Check builders: an item and its answer key -> the item's ``check`` spec, which holds only
salted hashes and sealed feedback (see :mod:`medialit.exercises.engine`).

:func:`attach_check` picks the builder from the key's form (the forms are listed in
:mod:`medialit.exercises.compile`); the catalog compiler and the generic (any-case)
exercises of :mod:`medialit.exercises.generic` both call it, so an item is checked the same
way whichever made it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from itertools import product

from medialit.case import Case
from medialit.discrepancy import compare_claims, describe
from medialit.exercises import engine

MAX_DONE = 512  # accepted full answers per item (alternatives multiply)

UNIT_MINUTES = engine.UNIT_MINUTES  # the checkers' units (rules.json)
_MAX_MINUTES = {"minutes": 1440, "hours": 1440}  # by the fact's unit: a call within a day
# A wrong hedge: point at the words around the number, never name the right hedge.
_WRONG_BOUND = (
    "Right number, but check the hedge. Read the words just before and after it: "
    "“{quote}”. Do they give the number plainly (or with “about”), as a lower "
    "limit or as an upper limit?"
)
_SEGMENT = re.compile(r"(Passage|Observation|Sentence|Paragraph) (\d+)\b")


def attach_check(item: dict, key: dict, case: Case) -> None:
    salt = f"medialit:{case.name}:{item['id']}"
    kind = item["kind"]
    if kind == "free_text":
        return  # scored by a person against the rubric; the exemplar stays in solutions/
    if "from_claims" in key and kind == "duration":
        item["check"] = _duration_check(salt, item, case, key["from_claims"])
    elif "conflicts" in key:
        item["check"] = _conflicts_check(salt, item, case, key)
    elif key.get("mentions_from_claims"):
        item["check"] = _mentions_check(salt, item, case)
    elif key.get("from_furniture"):
        item["check"] = _furniture_check(salt, item, case, key)
    elif "accept" in key:
        item["check"] = explicit_check(salt, item, key)
    else:
        raise ValueError(f"cannot build a check from keys {sorted(key)}")


def _done_for(salt: str, spec: dict, choices: list[list[str]], message: str) -> dict:
    """Seal the success message under every accepted combination of part values."""
    fulls = []
    for combo in product(*choices):
        fulls.append(
            engine.full_answer(
                spec, dict(zip([p["name"] for p in spec["parts"]], combo, strict=False))
            )
        )
        if len(fulls) > MAX_DONE:
            raise ValueError(f"more than {MAX_DONE} accepted answers: narrow the alternatives")
    return engine.make_done(salt, fulls, " ".join(message.split()))


def _spec(salt: str, parts: list[dict], right: list[list[str]], message: str) -> dict:
    """A check spec from its parts, with ``message`` sealed under every right answer
    (``right``: the accepted values of each part)."""
    spec = {"salt": salt, "parts": parts}
    spec["done"] = _done_for(salt, spec, right, message)
    return spec


def _duration_check(salt: str, item: dict, case: Case, fact: str) -> dict:
    rid, n = item["report"], Case.number(item["report"])
    unit, label = case.facts.set_index("fact").loc[fact, ["unit", "label"]]
    what = str(label).lower()
    per = UNIT_MINUTES[unit]
    c = case.claim(rid, fact)
    if unit in _MAX_MINUTES:
        item["max_minutes"] = _MAX_MINUTES[unit]
    search = "Search it for “hour” and “minute”" if per < 1440 else "Search it for “day”"
    if not c["mentioned"]:
        minutes = engine.make_part(
            salt,
            "minutes",
            ["none"],
            {},
            (
                f"Find the sentence in report {n} that gives your number, and read it whole: "
                f"is it the {what}, or the length of something else?"
            ),
        )
        bound = engine.make_part(salt, "bound", ["none"], {}, "")
        done = f"Report {n} gives no {what} ({c['note']}). Leaving a fact out is a choice too."
        spec = {"salt": salt, "first_only": True, "parts": [minutes, bound]}
        spec["done"] = _done_for(salt, spec, [["none"], ["none"]], done)
        return spec
    true = engine._whole(c["value"] * per)
    wrong = {"none": f"Report {n} does give a length. {search}."}
    others = case.fact_claims(fact)
    said: dict[str, list[str]] = {}  # a figure of other reports -> who gives it, with hedge
    for _, o in others[others["mentioned"] & (others["report_id"] != rid)].iterrows():
        v = engine._whole(o["value"] * per)
        if v != true:
            said.setdefault(v, []).append(
                f"report {Case.number(o['report_id'])} ({describe(o['value'] * per, o['bound'])})"
            )
    for v, who in said.items():
        wrong[v] = (
            f"{v} minutes is the figure of {' and '.join(who)}, not of report {n}. "
            f"Search report {n} itself for “hour” and “minute”."
        )
    as_hours = c["value"] * per / 60
    if as_hours >= 1 and engine._whole(as_hours) not in wrong:
        wrong[engine._whole(as_hours)] = (
            "Check the unit: that is only a few minutes. Is the report counting minutes or hours?"
        )
    minutes = engine.make_part(
        salt,
        "minutes",
        [true],
        wrong,
        (f"That is not the {what} report {n} gives. {search} and read the sentence around it."),
    )
    bound_fb = {b: _WRONG_BOUND.format(quote=c["quote"]) for b in engine.BOUNDS if b != c["bound"]}
    # An exact figure ("2 hours and 5 minutes") is given plainly: the menu's "about".
    plain = "about" if c["bound"] == "exact" else c["bound"]
    bound_fb = {b: m for b, m in bound_fb.items() if b != plain}
    bound = engine.make_part(salt, "bound", [plain], bound_fb, "Check the hedge.")
    says = describe(c["value"] * per, c["bound"])
    spec = {"salt": salt, "first_only": True, "parts": [minutes, bound]}
    spec["done"] = _done_for(
        salt, spec, [[true], [plain]], f"Report {n} says “{c['quote']}”, so {says}. {c['note']}"
    )
    return spec


def _conflicts_check(salt: str, item: dict, case: Case, key: dict) -> dict:
    fact = key.get("fact", "call_length")
    pairs = compare_claims(case.fact_claims(fact))  # the fact's own tolerance (default 10 %)
    reason = {
        f"{Case.number(a)}-{Case.number(b)}": r
        for a, b, r in zip(pairs["report_a"], pairs["report_b"], pairs["reason"], strict=False)
    }
    conflicts = set(key["conflicts"])
    unknown = conflicts - set(reason)
    if unknown:
        raise ValueError(f"unknown pairs {sorted(unknown)}")
    says = {
        f"{Case.number(a)}-{Case.number(b)}": (sa, sb)
        for a, b, sa, sb in zip(
            pairs["report_a"], pairs["report_b"], pairs["says_a"], pairs["says_b"], strict=False
        )
    }
    # A pair left unticked is never named: one message for all of them.
    missed = (
        "A pair you left unticked cannot both be right. Turn each report's figure into "
        "a range and look for two ranges that do not overlap at all."
    )
    parts, right = [], []
    for opt in item["options"]:
        pid = opt["id"]
        a, b = pid.split("-")
        ok = "1" if pid in conflicts else "0"
        sa, sb = says[pid]
        if "not mentioned" in (sa, sb):
            silent = a if sa == "not mentioned" else b
            msg = (
                f"You ticked {opt['label']}: what length does report {silent} give? Can a "
                "figure conflict with a report that gives none?"
            )
        else:
            msg = (
                f"You ticked {opt['label']}: {a} says {sa}, {b} says {sb}. Turn each into a "
                "range: is there a length that fits both?"
            )
        parts.append(
            engine.make_part(salt, pid, [ok], {"1": msg} if ok == "0" else {"0": missed}, "")
        )
        right.append([ok])
    return _spec(salt, parts, right, key["reasoning"])


def _mentions_check(salt: str, item: dict, case: Case) -> dict:
    rid, n = item["report"], Case.number(item["report"])
    parts, right, said = [], [], []
    # A topic left unticked is never named: one message for all of them.
    missed = (
        f"Report {n} mentions a topic you left unticked. Search the article again, one "
        "key word per topic, and count half a sentence too."
    )
    for opt in item["options"]:
        c = case.claim(rid, opt["id"])
        topic = f"‘{opt['label']}’"  # labels keep their capitals (Kursk, Zelensky)
        if c["mentioned"]:
            ok, wrong = "1", missed
            said.append(topic)
        else:
            ok, wrong = (
                "0",
                (
                    f"You ticked {topic}: find the sentence of report {n} that "
                    "mentions it. Is what your search found about this topic, and "
                    "is it in the article, not in a caption or a link list?"
                ),
            )
        parts.append(
            engine.make_part(salt, opt["id"], [ok], {"0" if ok == "1" else "1": wrong}, "")
        )
        right.append([ok])
    listed = f"these topics: {', '.join(said)}" if said else "none of these topics"
    return _spec(salt, parts, right, f"Report {n} mentions {listed}.")


def _furniture_check(salt: str, item: dict, case: Case, key: dict) -> dict:
    rid = item["report"]
    text = case.text(rid)
    spans = case.furniture[case.furniture["report_id"] == rid]
    also = key.get("also", {})
    parts, right = [], []
    for i, seg in enumerate(item["segments"], 1):
        at = text.find(seg["text"])
        inside = spans[(spans["start"] <= at) & (at < spans["end"])]
        where = f"Passage {i} of {len(item['segments'])}"
        if inside.empty:
            ok = "article"
            wrong = {
                "furniture": f"{where}: read it again. Does it report or explain the call "
                "and its background, in the flow of the story?"
            }
        else:
            ok = "furniture"
            wrong = {
                "article": f"{where}: read it again. Is it about the call, or about a "
                "picture, a link, the publisher or another story?"
            }
        accepted = [ok, *also.get(seg["id"], [])]
        parts.append(engine.make_part(salt, seg["id"], accepted, wrong, ""))
        right.append(accepted)
    return _spec(salt, parts, right, key["done"])


def _as_list(x) -> list:
    return list(x) if isinstance(x, (list, tuple)) else [x]


def explicit_check(salt: str, item: dict, key: dict) -> dict:
    kind, fb = item["kind"], key.get("feedback", {})
    if kind == "single_choice":
        ids = [o["id"] for o in item["options"]]
        accept = _as_list(key["accept"])
        _known(accept + list(fb), ids, "option")
        missing = [i for i in ids if i not in accept and i not in fb]
        if missing:
            raise ValueError(f"feedback is missing for wrong option(s) {missing}")
        spec = {"salt": salt, "parts": [engine.make_part(salt, "choice", accept, fb, "")]}
        done = key["done"]
        messages = done if isinstance(done, dict) else {a: done for a in accept}
        spec["done"] = {}
        for a in accept:
            spec["done"].update(_done_for(salt, spec, [[a]], messages[a]))
        return spec
    if kind in ("multiple_choice", "span_marking"):
        options = (
            item["options"]
            if kind == "multiple_choice"
            else [s for s in item["segments"] if s["selectable"]]
        )
        by_text = {s["text"]: s["id"] for s in options if "text" in s}
        ids = [o["id"] for o in options]

        def resolve(names):
            return [by_text.get(x, x) for x in names]

        accept, optional = resolve(key["accept"]), resolve(key.get("optional", []))
        fb = {by_text.get(k, k): v for k, v in fb.items()}
        _known(accept + optional + list(fb), ids, "option")
        parts, right = [], []
        for oid in ids:
            ok = ["0", "1"] if oid in optional else ["1" if oid in accept else "0"]
            if oid not in optional and oid not in fb:
                raise ValueError(f"feedback is missing for option {oid!r}")
            wrong = {} if oid in optional else {"0" if ok == ["1"] else "1": fb[oid]}
            parts.append(engine.make_part(salt, oid, ok, wrong, ""))
            right.append(ok)
        return _spec(salt, parts, right, key["done"])
    if kind == "labelling":
        segs = [s["id"] for s in item["segments"]]
        labels = {lab["id"] for lab in item["labels"]}
        accept = key["accept"]
        _known(list(accept) + list(fb), segs, "segment")
        parts, right = [], []
        for i, sid in enumerate(segs, 1):
            ok = _as_list(accept[sid])
            _known(ok, labels, "label")
            if sid not in fb:
                raise ValueError(f"feedback is missing for segment {sid!r}")
            message = _which_passage(" ".join(fb[sid].split()), i, len(segs))
            wrong = {lab: message for lab in labels if lab not in ok}
            parts.append(engine.make_part(salt, sid, ok, wrong, ""))
            right.append(ok)
        return _spec(salt, parts, right, key["done"])
    if kind == "numeric":
        tol, places = float(key.get("tolerance", 0)), _places(item)
        accept = sorted(
            {
                engine.fixed(v, places)
                for a in _as_list(key["accept"])
                for v in _grid(float(a), tol, places)
            }
        )
        spec = {
            "salt": salt,
            "parts": [
                engine.make_part(
                    salt,
                    "value",
                    accept,
                    {engine.fixed(float(k), places): v for k, v in fb.items()},
                    key["else"],
                )
            ],
        }
        spec["done"] = _done_for(salt, spec, [accept], key["done"])
        return spec
    raise ValueError(f"kind {kind!r} takes no explicit accept")


def _which_passage(message: str, i: int, n: int) -> str:
    """Labelling feedback that says which passage it is about: "Passage 3 of 6: ...". A
    message that starts "Passage 3" (or "Observation 3") gets " of 6"."""
    m = _SEGMENT.match(message)
    if m and int(m.group(2)) == i:
        return f"{message[: m.end()]} of {n}{message[m.end() :]}"
    return f"Passage {i} of {n}: {message}"


def _places(item: dict) -> int:
    """A numeric item's ``decimals`` (0 when it has none), checked as the checkers read it."""
    if "decimals" in item and engine.decimals_of(item) != item["decimals"]:
        raise ValueError(
            f"decimals must be a whole number from 0 to {engine.MAX_DECIMALS}, "
            f"not {item['decimals']!r}"
        )
    return engine.decimals_of(item)


def _grid(value: float, tolerance: float, places: int = 0) -> list[float]:
    """The figures from ``value - tolerance`` to ``value + tolerance`` in steps of the
    item's last place (whole numbers with no ``decimals``); the step is counted in decimal,
    so 2.5 give or take 0.2 is 2.3 to 2.7 (the float 2.3 lies just below it).

    >>> _grid(350, 1), _grid(2.5, 0.2, 1)
    ([349.0, 350.0, 351.0], [2.3, 2.4, 2.5, 2.6, 2.7])
    """
    if not places:
        lo, hi = int(value - tolerance + 0.5), int(value + tolerance + 0.5)
        return [float(v) for v in range(lo, hi + 1)] or [value]

    def in_last_places(x: Decimal) -> int:  # rounded half up, as the checkers round
        return int(x.scaleb(places).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    v, t = Decimal(repr(float(value))), Decimal(repr(float(tolerance)))
    lo, hi = max(0, in_last_places(v - t)), in_last_places(v + t)
    return [n / 10**places for n in range(lo, hi + 1)]


def _known(names, allowed, what: str) -> None:
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise ValueError(f"unknown {what}(s) {unknown}; known: {sorted(allowed)}")
