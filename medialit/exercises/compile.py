"""Compile the exercise catalog: public item texts + the answer key -> ``catalog.json``.

Inputs:

* ``medialit/exercises/items/NN-chapter.yaml``: what students see, one file a chapter
  (the file name gives the chapter id and its order);
* ``solutions/answers/NN-chapter.yaml``: the answer key, with reasoning and quotes;
* the case data, for items whose answer *is* data (a claim, a furniture span).

Output: a list of items, each with a ``check`` spec that holds only salted hashes and
encrypted feedback (see :mod:`medialit.exercises.engine`). Run ``python -m medialit
catalog`` after changing any input; a test fails when the committed file is out of date.

Answer-key forms (one entry per item id; templates use the template id):

* ``from_claims: FACT`` (duration items): the report's claim for FACT.
* ``conflicts: [PAIR, ...]`` and ``reasoning``: pairs of reports that truly conflict.
* ``mentions_from_claims: true`` (multiple choice per report, options = facts): what
  the report mentions, from claims.csv.
* ``from_furniture: true`` (labelling of paragraphs as article/furniture): from
  furniture.csv; ``also: {SEGMENT: [LABEL, ...]}`` adds defensible alternatives.
* ``accept`` (any choice, labelling, span or numeric item) with ``feedback`` for every
  wrong choice and ``done`` (the reasoning shown when right). Lists in ``accept`` (or
  ``optional`` options) are defensible alternatives.
* A numeric item compares whole numbers, or the item's ``decimals`` places (public: both
  checkers round the answer to them); its key's ``tolerance`` accepts every figure that
  far from ``accept``, in steps of the last place (``accept: 2.5, tolerance: 0.1`` with
  ``decimals: 1``: 2.4, 2.5 and 2.6).

What the compiler adds to every item, so that an item makes students read:

* **Option order.** Written-out options of a choice item are put in an order drawn from
  the item id (:func:`shuffled`), so the catalog, both checkers and the page show the same
  order on every load, and the key is not always first. ``shuffle: false`` keeps an order
  that means something (reports 000 to 004, "none of them" last).
* **Feedback that points, not tells.** Feedback for a wrong part says what to look at
  again: it names what the student chose, never a part they missed (a missed conflict or
  topic gets one message for all), and labelling feedback says which passage ("Passage 3
  of 6: ..."). ``tests/test_items_read.py`` holds the rules.
* **A plausible length.** Duration items get ``max_minutes`` (a day, for lengths measured
  in minutes or hours): a longer answer gets "150 hours? ..." instead of a verdict.
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations, product
from pathlib import Path

import yaml

from medialit.case import Case, load_case
from medialit.discrepancy import compare_claims, describe
from medialit.exercises import engine

HERE = Path(__file__).parent
ITEMS_DIR = HERE / "items"
CATALOG_FILE = HERE / "catalog.json"
ANSWERS_DIR = HERE.parent.parent / "solutions" / "answers"
MAX_DONE = 512  # accepted full answers per item (alternatives multiply)

_UNIT_MINUTES = engine.UNIT_MINUTES  # the checkers' units (rules.json)
_MAX_MINUTES = {"minutes": 1440, "hours": 1440}  # by the fact's unit: a call within a day
# A wrong hedge: point at the words around the number, never name the right hedge.
_WRONG_BOUND = (
    "Right number, but check the hedge. Read the words just before and after it: "
    "“{quote}”. Do they give the number plainly (or with “about”), as a lower "
    "limit or as an upper limit?"
)
_SEGMENT = re.compile(r"(Passage|Observation|Sentence|Paragraph) (\d+)\b")


class AnswerKeyError(ValueError):
    """The answer key does not fit its item; the message names the item and the problem."""


def load_yaml(path: Path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def chapter_of(path: Path) -> tuple[int, str]:
    """``02-numbers.yaml`` -> ``(2, 'numbers')``."""
    number, _, name = path.stem.partition("-")
    return int(number), name


def load_items(items_dir: Path = ITEMS_DIR) -> list[dict]:
    """Every item template, in chapter order, with its ``chapter`` from the file name."""
    out = []
    for path in sorted(items_dir.glob("*.yaml")):
        number, name = chapter_of(path)
        for it in load_yaml(path) or []:
            out.append({"chapter": name, "chapter_number": number, **it})
    return out


def answer_key(answers_dir: Path = ANSWERS_DIR) -> dict:
    """The answer key (``solutions/answers/*.yaml``) by item id: accepted answers and
    reasoning. Only instructors' copies have it; students' notebooks never need it."""
    key: dict = {}
    for path in sorted(answers_dir.glob("*.yaml")):
        for item_id, entry in load_yaml(path).items():
            if item_id in key:
                raise AnswerKeyError(f"{path.name}: item {item_id!r} has a key in two files")
            key[item_id] = entry
    return key


def compile_catalog(
    case: Case | None = None, items_dir: Path = ITEMS_DIR, answers_dir: Path = ANSWERS_DIR
) -> list[dict]:
    """Expand templates and attach a check spec to every item."""
    case = case or load_case()
    answers = answer_key(answers_dir)
    out = []
    for tpl in load_items(items_dir):
        key = answers.get(tpl["id"])
        if key is None:
            raise AnswerKeyError(f"no answer for item {tpl['id']!r} in {answers_dir}")
        for report_id in case.report_ids if tpl.get("per_report") else [None]:
            item = _expand(tpl, report_id, case)
            try:
                _attach(item, key, case)
            except (KeyError, TypeError, ValueError) as e:
                raise AnswerKeyError(f"item {item['id']}: {e}") from e
            out.append(item)
    ids = [i["id"] for i in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise AnswerKeyError(f"duplicate item ids: {', '.join(dupes)}")
    return out


# --------------------------------------------------------------------------- expanding


def _expand(tpl: dict, report_id: str | None, case: Case) -> dict:
    item = {k: v for k, v in tpl.items() if k != "per_report"}
    item["key"] = tpl["id"]  # the answer-key entry (a template's id for its expansions)
    if report_id:
        fill = {"n": Case.number(report_id), "report_id": report_id}
        item["id"] = tpl["id"].format(**fill)
        item["prompt"] = tpl["prompt"].format(**fill)
        item["report"] = report_id
    if tpl.get("options") == "report_pairs":
        item["options"] = [
            {
                "id": f"{Case.number(a)}-{Case.number(b)}",
                "label": f"{Case.number(a)} and {Case.number(b)}",
            }
            for a, b in combinations(case.report_ids, 2)
        ]
    if isinstance(tpl.get("options"), dict) and "facts" in tpl["options"]:
        labels = dict(zip(case.facts["fact"], case.facts["label"], strict=False))
        item["options"] = [{"id": f, "label": labels[f]} for f in tpl["options"]["facts"]]
    elif isinstance(tpl.get("options"), list) and item.pop("shuffle", True):
        item["options"] = shuffled(item["id"], item["options"])
    item.pop("shuffle", None)
    if item["kind"] == "span_marking":
        item["segments"] = _split_passage(item["passage"], item.pop("candidates"))
        item.pop("passage")
    if item["kind"] == "labelling" and item.get("segments_from") == "paragraphs":
        item["segments"] = [
            {"id": s["id"], "text": _paragraph(case, item["report"], s["starts_with"])}
            for s in item["segments"]
        ]
        item.pop("segments_from")
    if item["kind"] == "free_text":
        rubric = item.get("rubric", {})
        item["rubric_summary"] = "Check it against the rubric: " + " ".join(
            f"{level.capitalize()}: {text}" for level, text in rubric.items()
        )
    return item


def shuffled(item_id: str, options: list[dict]) -> list[dict]:
    """``options`` in an order drawn from the item id: sorted by a hash of the item id and
    the option id. Stable across builds, page loads and languages (the catalog holds the
    order), and different from item to item."""
    return sorted(
        options, key=lambda o: hashlib.sha256(f"{item_id}\n{o['id']}".encode()).hexdigest()
    )


def _split_passage(passage: str, candidates: list[str]) -> list[dict]:
    """Cut a passage into plain text and selectable candidate phrases, in order."""
    spots = []
    for phrase in candidates:
        at = passage.find(phrase)
        if at < 0 or passage.count(phrase) != 1:
            raise ValueError(f"candidate {phrase!r} must occur exactly once in the passage")
        spots.append((at, phrase))
    segments, pos = [], 0
    for i, (at, phrase) in enumerate(sorted(spots), 1):
        if at < pos:
            raise ValueError(f"candidate {phrase!r} overlaps another")
        if at > pos:
            segments.append({"id": f"t{i}", "text": passage[pos:at], "selectable": False})
        segments.append({"id": f"c{i}", "text": phrase, "selectable": True})
        pos = at + len(phrase)
    if pos < len(passage):
        segments.append({"id": "tend", "text": passage[pos:], "selectable": False})
    return segments


def _paragraph(case: Case, report_id: str, starts_with: str) -> str:
    text = case.text(report_id)
    at = text.find(starts_with)
    if at < 0:
        raise ValueError(f"no paragraph of {report_id} starts with {starts_with!r}")
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)].strip()


# --------------------------------------------------------------------------- checks


def _attach(item: dict, key: dict, case: Case) -> None:
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
        item["check"] = _explicit_check(salt, item, key)
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
    per = _UNIT_MINUTES[unit]
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


def _explicit_check(salt: str, item: dict, key: dict) -> dict:
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


def write_catalog(path: Path = CATALOG_FILE, **kwargs) -> Path:
    items = compile_catalog(**kwargs)
    path.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
