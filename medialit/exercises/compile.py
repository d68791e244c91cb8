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
"""

from __future__ import annotations

import json
from itertools import combinations, product
from pathlib import Path

import yaml

from medialit.case import Case, load_case
from medialit.discrepancy import DEFAULT_TOLERANCE, compare_claims, describe
from medialit.exercises import engine
from medialit.origin import kind_name

HERE = Path(__file__).parent
ITEMS_DIR = HERE / "items"
CATALOG_FILE = HERE / "catalog.json"
ANSWERS_DIR = HERE.parent.parent / "solutions" / "answers"
MAX_DONE = 512  # accepted full answers per item (alternatives multiply)

_UNIT_MINUTES = {"minutes": 1, "hours": 60, "days": 1440}
_WRONG_BOUND = {
    ("at_least", "about"): "Right number, but the report hedges it. Read the words just "
                           "before it: “{quote}”. “More than” makes the number a lower limit.",
    ("at_least", "at_most"): "Right number, but check the hedge: “{quote}”. Does it say "
                             "longer or shorter than that?",
    ("about", "at_least"): "Right number, but the report states it plainly or as “about”: "
                           "no “more than” comes before it. “{quote}”",
    ("about", "at_most"): "Right number, but the report does not say “nearly” or “up to”. "
                          "“{quote}”",
    ("at_most", "about"): "Right number, but the report hedges it with a word like "
                          "“nearly”: “{quote}”",
    ("at_most", "at_least"): "Right number, but check the hedge: “{quote}”. Longer or "
                             "shorter than that?",
}


class AnswerKeyError(ValueError):
    """The answer key does not fit its item; the message names the item and the problem."""


def short(report_id: str) -> str:
    """The three-digit number students use for a report: ``'001-halt-attacks'`` -> ``'001'``."""
    return report_id[:3]


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


def compile_catalog(case: Case | None = None, items_dir: Path = ITEMS_DIR,
                    answers_dir: Path = ANSWERS_DIR) -> list[dict]:
    """Expand templates and attach a check spec to every item."""
    case = case or load_case()
    answers = answer_key(answers_dir)
    out = []
    for tpl in load_items(items_dir):
        key = answers.get(tpl["id"])
        if key is None:
            raise AnswerKeyError(f"no answer for item {tpl['id']!r} in {answers_dir}")
        for report_id in (case.report_ids if tpl.get("per_report") else [None]):
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
        fill = {"n": short(report_id), "report_id": report_id}
        item["id"] = tpl["id"].format(**fill)
        item["prompt"] = tpl["prompt"].format(**fill)
        item["report"] = report_id
    if tpl.get("options") == "report_pairs":
        item["options"] = [{"id": f"{short(a)}-{short(b)}", "label": f"{short(a)} and {short(b)}"}
                           for a, b in combinations(case.report_ids, 2)]
    if isinstance(tpl.get("options"), dict) and "facts" in tpl["options"]:
        labels = dict(zip(case.facts["fact"], case.facts["label"]))
        item["options"] = [{"id": f, "label": labels[f]} for f in tpl["options"]["facts"]]
    if item["kind"] == "span_marking":
        item["segments"] = _split_passage(item["passage"], item.pop("candidates"))
        item.pop("passage")
    if item["kind"] == "labelling" and item.get("segments_from") == "paragraphs":
        item["segments"] = [{"id": s["id"], "text": _paragraph(case, item["report"], s["starts_with"])}
                            for s in item["segments"]]
        item.pop("segments_from")
    if item["kind"] == "free_text":
        rubric = item.get("rubric", {})
        item["rubric_summary"] = "Check it against the rubric: " + " ".join(
            f"{level.capitalize()}: {text}" for level, text in rubric.items())
    return item


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
    return text[start:end if end >= 0 else len(text)].strip()


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
        fulls.append(engine.full_answer(spec, dict(zip([p["name"] for p in spec["parts"]], combo))))
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
    rid, n = item["report"], short(item["report"])
    unit, label = case.facts.set_index("fact").loc[fact, ["unit", "label"]]
    what = str(label).lower()
    per = _UNIT_MINUTES[unit]
    c = case.claim(rid, fact)
    search = "Search it for “hour” and “minute”" if per < 1440 else "Search it for “day”"
    if not c["mentioned"]:
        minutes = engine.make_part(salt, "minutes", ["none"], {}, (
            f"Report {n} never gives the {what}. {search}: if you found a number, "
            "check what it measures."))
        bound = engine.make_part(salt, "bound", ["none"], {}, "")
        done = (f"Report {n} gives no {what} ({c['note']}). Leaving a fact "
                "out is a choice too.")
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
                f"report {short(o['report_id'])} ({describe(o['value'] * per, o['bound'])})")
    for v, who in said.items():
        wrong[v] = (f"{v} minutes is the figure of {' and '.join(who)}, not of report {n}. "
                    f"Search report {n} itself for “hour” and “minute”.")
    as_hours = c["value"] * per / 60
    if as_hours >= 1 and engine._whole(as_hours) not in wrong:
        wrong[engine._whole(as_hours)] = ("Check the unit: that is only a few minutes. "
                                          "Is the report counting minutes or hours?")
    minutes = engine.make_part(salt, "minutes", [true], wrong, (
        f"That is not the {what} report {n} gives. {search} and read the sentence around it."))
    bound_fb = {b: msg.format(quote=c["quote"]) for (t, b), msg in _WRONG_BOUND.items()
                if t == c["bound"]}
    bound = engine.make_part(salt, "bound", [c["bound"]], bound_fb, "Check the hedge.")
    says = describe(c["value"] * per, c["bound"])
    spec = {"salt": salt, "first_only": True, "parts": [minutes, bound]}
    spec["done"] = _done_for(salt, spec, [[true], [c["bound"]]],
                             f"Report {n} says “{c['quote']}”, so {says}. {c['note']}")
    return spec


def _conflicts_check(salt: str, item: dict, case: Case, key: dict) -> dict:
    fact = key.get("fact", "call_length")
    pairs = compare_claims(case.fact_claims(fact), DEFAULT_TOLERANCE)
    reason = {f"{short(a)}-{short(b)}": r for a, b, r in
              zip(pairs["report_a"], pairs["report_b"], pairs["reason"])}
    conflicts = set(key["conflicts"])
    unknown = conflicts - set(reason)
    if unknown:
        raise ValueError(f"unknown pairs {sorted(unknown)}")
    parts, right = [], []
    for opt in item["options"]:
        pid = opt["id"]
        ok = "1" if pid in conflicts else "0"
        verb = "do conflict" if ok == "1" else "do not conflict"
        msg = f"{opt['label']} {verb}: {reason[pid]}"
        parts.append(engine.make_part(salt, pid, [ok], {"0" if ok == "1" else "1": msg}, ""))
        right.append([ok])
    return _spec(salt, parts, right, key["reasoning"])


def _mentions_check(salt: str, item: dict, case: Case) -> dict:
    rid, n = item["report"], short(item["report"])
    parts, right, said = [], [], []
    for opt in item["options"]:
        c = case.claim(rid, opt["id"])
        topic = f"the topic ‘{opt['label']}’"  # labels keep their capitals (Kursk, Zelensky)
        if c["mentioned"]:
            ok, wrong = "1", f"Report {n} does mention {topic}: “{c['quote']}”"
            said.append(f"‘{opt['label']}’")
        else:
            ok, wrong = "0", f"Report {n} does not mention {topic}. {c['note']}"
        parts.append(engine.make_part(salt, opt["id"], [ok], {"0" if ok == "1" else "1": wrong}, ""))
        right.append([ok])
    listed = f"these topics: {', '.join(said)}" if said else "none of these topics"
    return _spec(salt, parts, right, f"Report {n} mentions {listed}.")


def _furniture_check(salt: str, item: dict, case: Case, key: dict) -> dict:
    rid = item["report"]
    text = case.text(rid)
    spans = case.furniture[case.furniture["report_id"] == rid]
    also = key.get("also", {})
    parts, right = [], []
    for seg in item["segments"]:
        at = text.find(seg["text"])
        inside = spans[(spans["start"] <= at) & (at < spans["end"])]
        if inside.empty:
            ok = "article"
            wrong = {"furniture": "This passage is part of the story itself: it reports or "
                                  "explains the event in the article's own flow."}
        else:
            kind = inside.iloc[0]["kind"]
            ok = "furniture"
            wrong = {"article": f"Look again: this is page furniture ({kind_name(kind)}), "
                                "not part of the story."}
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
        options = item["options"] if kind == "multiple_choice" else \
            [s for s in item["segments"] if s["selectable"]]
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
        for sid in segs:
            ok = _as_list(accept[sid])
            _known(ok, labels, "label")
            if sid not in fb:
                raise ValueError(f"feedback is missing for segment {sid!r}")
            wrong = {lab: fb[sid] for lab in labels if lab not in ok}
            parts.append(engine.make_part(salt, sid, ok, wrong, ""))
            right.append(ok)
        return _spec(salt, parts, right, key["done"])
    if kind == "numeric":
        tol = float(key.get("tolerance", 0))
        accept = sorted({engine._whole(v) for a in _as_list(key["accept"])
                         for v in _grid(float(a), tol)})
        spec = {"salt": salt, "parts": [engine.make_part(
            salt, "value", accept, {engine._whole(float(k)): v for k, v in fb.items()},
            key["else"])]}
        spec["done"] = _done_for(salt, spec, [accept], key["done"])
        return spec
    raise ValueError(f"kind {kind!r} takes no explicit accept")


def _grid(value: float, tolerance: float) -> list[float]:
    lo, hi = int(value - tolerance + 0.5), int(value + tolerance + 0.5)
    return [float(v) for v in range(lo, hi + 1)] or [value]


def _known(names, allowed, what: str) -> None:
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise ValueError(f"unknown {what}(s) {unknown}; known: {sorted(allowed)}")


def write_catalog(path: Path = CATALOG_FILE, **kwargs) -> Path:
    items = compile_catalog(**kwargs)
    path.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
