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
from itertools import combinations
from pathlib import Path

import yaml

from medialit.case import Case, load_case
from medialit.exercises.checks import MAX_DONE as MAX_DONE
from medialit.exercises.checks import attach_check
from medialit.text import paragraph_of

HERE = Path(__file__).parent
ITEMS_DIR = HERE / "items"
CATALOG_FILE = HERE / "catalog.json"
ANSWERS_DIR = HERE.parent.parent / "solutions" / "answers"


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
                attach_check(item, key, case)
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
            {"id": s["id"], "text": paragraph_of(case, item["report"], s["starts_with"])}
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


def write_catalog(path: Path = CATALOG_FILE, **kwargs) -> Path:
    items = compile_catalog(**kwargs)
    path.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
