"""Compile the exercise catalog: public item texts + the answer key -> ``catalog.json``.

Inputs: ``items.yaml`` (what students see), ``solutions/answers.yaml`` (accepted answers
and reasoning) and the case data (claims, for items whose answer is a claim). Output: a
list of items, each with a ``check`` spec that holds only salted hashes and encrypted
feedback (see :mod:`medialit.exercises.engine`). Run ``python -m medialit catalog``
after changing any input; a test fails when the committed file is out of date.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import yaml

from medialit.case import Case, load_case
from medialit.discrepancy import DEFAULT_TOLERANCE, compare_claims, describe
from medialit.exercises import engine

HERE = Path(__file__).parent
ITEMS_FILE = HERE / "items.yaml"
CATALOG_FILE = HERE / "catalog.json"
ANSWERS_FILE = HERE.parent.parent / "solutions" / "answers.yaml"

_UNIT_MINUTES = {"minutes": 1, "hours": 60, "days": 1440}
_WRONG_BOUND = {
    ("at_least", "about"): "Right number, but the report hedges it. Read the words just "
                           "before it: “{quote}”. “More than” makes the number a lower limit.",
    ("at_least", "at_most"): "Right number, but check the hedge: “{quote}”. Does it say the "
                             "call was longer or shorter than that?",
    ("about", "at_least"): "Right number, but the report states it plainly or as “about”: "
                           "no “more than” comes before it. “{quote}”",
    ("about", "at_most"): "Right number, but the report does not say “nearly” or “up to”. "
                          "“{quote}”",
    ("at_most", "about"): "Right number, but the report hedges it with a word like "
                          "“nearly”: “{quote}”",
    ("at_most", "at_least"): "Right number, but check the hedge: “{quote}”. Longer or "
                             "shorter than that?",
}


def short(report_id: str) -> str:
    """The three-digit number students use for a report: ``'001-halt-attacks'`` -> ``'001'``."""
    return report_id[:3]


def load_yaml(path: Path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def answer_key(answers_file: Path = ANSWERS_FILE) -> dict:
    """The answer key (``solutions/answers.yaml``): accepted answers and reasoning by item id.
    Only instructors' copies have it; students' notebooks never need it."""
    return load_yaml(answers_file)


def compile_catalog(case: Case | None = None, items_file: Path = ITEMS_FILE,
                    answers_file: Path = ANSWERS_FILE) -> list[dict]:
    """Expand templates and attach a check spec to every item."""
    case = case or load_case()
    answers = load_yaml(answers_file)
    out = []
    for tpl in load_yaml(items_file):
        key = answers.get(tpl["id"])
        if key is None:
            raise KeyError(f"{answers_file.name}: no answer for item {tpl['id']!r}")
        for report_id in (case.report_ids if tpl.get("per_report") else [None]):
            item = _expand(tpl, report_id, case)
            item["check"] = _make_check(item, key, case)
            out.append(item)
    ids = [i["id"] for i in out]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicate item ids in {items_file.name}")
    return out


def _expand(tpl: dict, report_id: str | None, case: Case) -> dict:
    item = {k: v for k, v in tpl.items() if k != "per_report"}
    if report_id:
        fill = {"n": short(report_id), "report_id": report_id}
        item["id"] = tpl["id"].format(**fill)
        item["prompt"] = tpl["prompt"].format(**fill)
        item["report"] = report_id
    if tpl.get("options") == "report_pairs":
        item["options"] = [{"id": f"{short(a)}-{short(b)}", "label": f"{short(a)} and {short(b)}"}
                           for a, b in combinations(case.report_ids, 2)]
    return item


def _make_check(item: dict, key: dict, case: Case) -> dict:
    salt = f"medialit:{case.name}:{item['id']}"
    if "from_claims" in key and item["kind"] == "duration":
        return _duration_check(salt, item, case, key["from_claims"])
    if "conflicts" in key:
        return _conflicts_check(salt, item, case, key)
    raise ValueError(f"answers.yaml: cannot build a check for {item['id']!r} from keys {sorted(key)}")


def _duration_check(salt: str, item: dict, case: Case, fact: str) -> dict:
    rid, n = item["report"], short(item["report"])
    unit = case.facts.set_index("fact").loc[fact, "unit"]
    per = _UNIT_MINUTES[unit]
    c = case.claim(rid, fact)
    search = "Search it for “hour” and “minute”"
    if not c["mentioned"]:
        minutes = engine.make_part(salt, "minutes", ["none"], {}, (
            f"Report {n} never says how long the call lasted. {search}: if you found a number, "
            "check what it measures."))
        bound = engine.make_part(salt, "bound", ["none"], {}, "")
        done = (f"Report {n} gives no length for the call ({c['note']}). Leaving a fact "
                "out is a choice too.")
        return {"salt": salt, "first_only": True, "parts": [minutes, bound],
                "done": engine.make_done(salt, ["minutes=none&bound=none"], done)}
    true = engine._whole(c["value"] * per)
    wrong = {"none": f"Report {n} does give a length. {search}."}
    others = case.fact_claims(fact)
    for _, o in others[others["mentioned"] & (others["report_id"] != rid)].iterrows():
        v = engine._whole(o["value"] * per)
        if v != true:
            wrong[v] = (f"{o['value'] * per:g} minutes is what report {short(o['report_id'])} "
                        f"says, not report {n}. Search report {n} itself for “hour” and “minute”.")
    as_hours = c["value"] * per / 60
    if as_hours >= 1 and engine._whole(as_hours) not in wrong:
        wrong[engine._whole(as_hours)] = ("Check the unit: that is only a few minutes. "
                                          "Is the report counting minutes or hours?")
    minutes = engine.make_part(salt, "minutes", [true], wrong, (
        f"That is not the length report {n} gives. {search} and read the sentence about the call."))
    bound_fb = {b: msg.format(quote=c["quote"]) for (t, b), msg in _WRONG_BOUND.items()
                if t == c["bound"]}
    bound = engine.make_part(salt, "bound", [c["bound"]], bound_fb, "Check the hedge.")
    says = describe(c["value"] * per, c["bound"])
    done = f"Report {n} says “{c['quote']}”, so {says}. {c['note']}"
    return {"salt": salt, "first_only": True, "parts": [minutes, bound],
            "done": engine.make_done(salt, [f"minutes={true}&bound={c['bound']}"], done)}


def _conflicts_check(salt: str, item: dict, case: Case, key: dict) -> dict:
    fact = "call_length"
    pairs = compare_claims(case.fact_claims(fact), DEFAULT_TOLERANCE)
    reason = {f"{short(a)}-{short(b)}": r for a, b, r in
              zip(pairs["report_a"], pairs["report_b"], pairs["reason"])}
    conflicts = set(key["conflicts"])
    unknown = conflicts - set(reason)
    if unknown:
        raise ValueError(f"answers.yaml: {item['id']} names unknown pairs {sorted(unknown)}")
    parts, values = [], {}
    for opt in item["options"]:
        pid = opt["id"]
        right = "1" if pid in conflicts else "0"
        values[pid] = right
        wrong = "0" if right == "1" else "1"
        verb = "do conflict" if right == "1" else "do not conflict"
        msg = f"{opt['label']} {verb}: {reason[pid]}"
        parts.append(engine.make_part(salt, pid, [right], {wrong: msg}, ""))
    spec = {"salt": salt, "parts": parts}
    full = engine.full_answer(spec, values)
    spec["done"] = engine.make_done(salt, [full], " ".join(key["reasoning"].split()))
    return spec


def write_catalog(path: Path = CATALOG_FILE, **kwargs) -> Path:
    items = compile_catalog(**kwargs)
    path.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
