"""Exercise checking: every item accepts its key, explains every wrong answer, and never
raises. The key comes from solutions/answers.yaml and the claims data, read here
independently of the compiler."""

import json
import shutil
import subprocess

import pytest
import yaml

from medialit.exercises import catalog, engine, item
from medialit.exercises.compile import CATALOG_FILE, compile_catalog
from tests.conftest import ROOT

ANSWERS = yaml.safe_load((ROOT / "solutions" / "answers.yaml").read_text(encoding="utf-8"))
DURATION_ITEMS = [i.id for i in catalog() if i.kind == "duration"]


def key_answer(it, case):
    """The accepted answer in widget form, from the answer key."""
    if it.kind == "duration":
        c = case.claim(it.spec["report"], ANSWERS[it.id.rsplit("_", 1)[0] + "_{n}"]["from_claims"])
        return {"not_stated": True} if not c.mentioned else \
            {"number": c.value, "unit": "minutes", "bound": c.bound}
    if it.kind == "multiple_choice":
        return {"selected": ANSWERS[it.id]["conflicts"]}
    raise AssertionError(f"no key reader for {it.kind}")


def test_catalog_json_is_up_to_date():
    assert compile_catalog() == json.loads(CATALOG_FILE.read_text(encoding="utf-8")), \
        "run: python -m medialit catalog"


def test_catalog_holds_no_readable_answer(case):
    text = CATALOG_FILE.read_text(encoding="utf-8")
    for _, c in case.claims[case.claims.fact == "call_length"].iterrows():
        if c.mentioned:
            assert c.quote not in text
    reasoning = " ".join(ANSWERS["call_length_conflicts"]["reasoning"].split())
    assert reasoning[:40] not in text and "These ranges do not overlap" not in text


@pytest.mark.parametrize("item_id", [i.id for i in catalog()])
def test_every_item_accepts_its_key(item_id, case):
    it = item(item_id)
    r = it.check(key_answer(it, case))
    assert r.correct is True and r.valid, r.feedback
    assert len(r.feedback) > 20


@pytest.mark.parametrize("item_id", DURATION_ITEMS)
def test_wrong_durations_get_specific_feedback(item_id, case):
    it = item(item_id)
    n = item_id[-3:]
    key = key_answer(it, case)
    wrong = [{"number": 999, "unit": "minutes", "bound": "about"},
             {"number": 2, "unit": "hours", "bound": "at_most"}]
    wrong.append({"number": 1, "unit": "hours", "bound": "about"} if key.get("not_stated")
                 else {"not_stated": True})
    if not key.get("not_stated"):
        for b in ("about", "at_least", "at_most"):
            if b != key["bound"]:
                wrong.append({**key, "bound": b})
    for answer in wrong:
        r = it.check(answer)
        assert r.valid and r.correct is False, answer
        assert r.feedback.strip() and (n in r.feedback or "number" in r.feedback), (answer, r.feedback)


def test_a_figure_from_another_report_is_named(case):
    r = item("call_length_001").check({"number": 2, "unit": "hours", "bound": "about"})
    assert "report 004 says" in r.feedback
    r = item("call_length_000").check({"number": 90, "unit": "minutes", "bound": "about"})
    assert "more than 90-minute chat" in r.feedback and "lower limit" in r.feedback
    r = item("call_length_001").check({"number": 2.5, "unit": "minutes", "bound": "about"})
    assert "unit" in r.feedback


def test_wrong_pairs_are_explained_one_by_one(case):
    it = item("call_length_conflicts")
    r = it.check({"selected": ["000-001", "001-004"]})
    assert r.correct is False
    assert "000 and 001 do not conflict" in r.feedback and "9 of 10 right" in r.feedback
    r = it.check({"selected": []})
    assert r.correct is False and "001 and 004 do conflict" in r.feedback
    r = it.check({"selected": ["002-004", "001-004"]})
    assert "silence contradicts nothing" in r.feedback


BAD_INPUTS = [None, "", 0, 3.5, True, [], {}, "x" * 1_000_000, "🙂" * 50, "<script>alert(1)</script>",
              "'; DROP TABLE answers; --", {"choice": "zzz"}, {"selected": ["nope"]},
              {"number": "abc", "unit": "hours"}, {"number": -5, "unit": "hours"},
              {"number": float("nan"), "unit": "hours"}, {"number": 1e308, "unit": "hours"},
              {"number": 2, "unit": "fortnights"}, {"number": 2, "unit": "hours", "bound": "maybe"},
              {"selected": "000-001"}, {"labels": 5}, ["000-001", ["nested"]], object()]


@pytest.mark.parametrize("item_id", [i.id for i in catalog()])
def test_bad_input_never_raises_and_says_what_to_do(item_id):
    it = item(item_id)
    for bad in BAD_INPUTS:
        r = it.check(bad)
        assert isinstance(r.feedback, str) and r.feedback.strip(), bad
        assert r.correct is not True, bad


def test_seal_and_digest_round_trip():
    sealed = engine.seal("s", "p", "v", "Grüße — “quoted” 🙂")
    assert engine.unseal("s", "p", "v", sealed) == "Grüße — “quoted” 🙂"
    assert engine.unseal("s", "p", "w", sealed) != "Grüße — “quoted” 🙂"
    assert engine.digest("s", "p", "v") != engine.digest("s", "p", "w")


# ---------------------------------------------------------------- the same checks in JavaScript

def _node():
    node = shutil.which("node")
    if not node:
        pytest.fail("node is needed to test widget.js (it is on every machine of this project)")
    return node


def test_javascript_checker_agrees_with_python(tmp_path, case):
    """widget.js re-implements the check for the static book: run both on the same answers."""
    shutil.copy(ROOT / "medialit" / "exercises" / "widget.js", tmp_path / "widget.mjs")
    cases = []
    for it in catalog():
        answers = [key_answer(it, case), {}, {"not_stated": True},
                   {"number": 2, "unit": "hours", "bound": "about"},
                   {"number": 2.5, "unit": "hours", "bound": "about"},
                   {"number": 90, "unit": "minutes", "bound": "at_least"},
                   {"number": "abc", "unit": "hours", "bound": "about"},
                   {"number": 150.5, "unit": "minutes", "bound": "about"},
                   {"selected": []}, {"selected": ["001-004"]}, {"selected": ["000-001", "002-003"]}]
        for a in answers:
            r = it.check(a)
            cases.append({"item": it.spec, "answer": a,
                          "expect": {"correct": r.correct, "valid": r.valid, "feedback": r.feedback}})
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    script = tmp_path / "run.mjs"
    script.write_text(
        "import { check } from './widget.mjs';\n"
        "import { readFileSync } from 'node:fs';\n"
        "const cases = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url)));\n"
        "const out = cases.map((c) => check(c.item, c.answer));\n"
        "console.log(JSON.stringify(out));\n", encoding="utf-8")
    done = subprocess.run([_node(), str(script)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert len(got) == len(cases) > 20
    for c, g in zip(cases, got):
        assert g == c["expect"], (c["item"]["id"], c["answer"])
