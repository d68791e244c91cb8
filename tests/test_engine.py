"""Exercise checking: every item accepts its key, gives specific feedback for every wrong
choice, and never raises. Keys are read here from solutions/answers/*.yaml and the data,
independently of the compiler."""

import itertools
import json
import shutil
import subprocess

import pytest

from medialit.exercises import catalog, engine, item
from medialit.exercises.compile import CATALOG_FILE, compile_catalog
from medialit.exercises.widget import widget_source
from tests.support.keys import ANSWERS, key_answer, wrong_answers

ITEMS = [i.id for i in catalog()]
CHECKED = [i.id for i in catalog() if i.kind != "free_text"]


def test_catalog_json_is_up_to_date():
    assert compile_catalog() == json.loads(CATALOG_FILE.read_text(encoding="utf-8")), (
        "run: python -m medialit catalog"
    )


def test_at_least_18_checkable_items_across_the_six_chapters():
    chapters = {i.chapter for i in catalog()}  # and pre/post: tests/test_items_read.py
    assert chapters >= {"origin", "numbers", "attribution", "framing", "omissions", "evaluation"}
    assert len(CHECKED) >= 18
    assert all(any(i.kind != "free_text" for i in catalog(c)) for c in chapters)


def test_catalog_holds_no_readable_answer(case):
    text = CATALOG_FILE.read_text(encoding="utf-8")
    for _, c in case.claims[case.claims.fact == "call_length"].iterrows():
        if c.mentioned:
            assert c.quote not in text
    for entry in ANSWERS.values():
        for field in ("done", "reasoning", "exemplar"):
            message = entry.get(field)
            if isinstance(message, str):
                assert " ".join(message.split())[:60] not in text, field


@pytest.mark.parametrize("item_id", ITEMS)
def test_every_item_accepts_its_key(item_id, case):
    it = item(item_id)
    r = it.check(key_answer(it, case))
    assert r.valid, r.feedback
    assert r.correct is (None if it.kind == "free_text" else True), r.feedback
    assert len(r.feedback) > 20


@pytest.mark.parametrize("item_id", CHECKED)
def test_every_wrong_choice_gets_specific_feedback(item_id, case):
    it = item(item_id)
    right = key_answer(it, case)
    wrongs = wrong_answers(it, right)
    assert wrongs
    for answer in wrongs:
        r = it.check(answer)
        if r.correct:  # a defensible alternative the key also accepts
            continue
        assert r.valid and r.correct is False, answer
        body = r.feedback.split(" right. ", 1)[-1]
        assert len(body) > 25 and body != "Look at the text again.", (answer, r.feedback)


def test_alternatives_in_the_key_are_accepted(case):
    for it in catalog():
        key = ANSWERS[it.spec["key"]]
        accept = key.get("accept")
        if it.kind == "single_choice" and isinstance(accept, list):
            for a in accept:
                assert it.check({"choice": a}).correct, (it.id, a)
        if it.kind == "labelling" and isinstance(accept, dict):
            alts = {k: v if isinstance(v, list) else [v] for k, v in accept.items()}
            for combo in itertools.islice(itertools.product(*alts.values()), 64):
                assert it.check({"labels": dict(zip(alts, combo, strict=False))}).correct, (
                    it.id,
                    combo,
                )


def test_specific_duration_feedback():
    r = item("call_length_001").check({"number": 2, "unit": "hours", "bound": "about"})
    assert "report 004 (about 120 minutes)" in r.feedback
    r = item("call_length_000").check({"number": 90, "unit": "minutes", "bound": "about"})
    assert "more than 90-minute chat" in r.feedback and "lower limit" in r.feedback
    assert "at_least" not in r.feedback and not r.feedback.startswith("“More than”")
    r = item("call_length_001").check({"number": 2.5, "unit": "minutes", "bound": "about"})
    assert "unit" in r.feedback


def test_wrong_pairs_are_explained_one_by_one():
    """A pair ticked wrongly is named with what both reports say; a pair missed is not
    named (that would give it away)."""
    it = item("call_length_conflicts")
    r = it.check({"selected": ["000-001", "001-004"]})
    assert r.correct is False and "9 of 10 right" in r.feedback
    assert (
        "You ticked 000 and 001: 000 says more than 90 minutes, 001 says about 150 minutes"
        in r.feedback
    )
    r = it.check({"selected": ["002-004", "001-004"]})
    assert "what length does report 002 give" in r.feedback
    r = it.check({"selected": ["000-001"]})
    assert "A pair you left unticked" in r.feedback
    assert "001 and 004" not in r.feedback and "001-004" not in r.feedback


BAD_INPUTS = [
    None,
    "",
    0,
    3.5,
    True,
    [],
    {},
    "x" * 1_000_000,
    "🙂" * 50,
    "<script>alert(1)</script>",
    "'; DROP TABLE answers; --",
    {"choice": "zzz"},
    {"selected": ["nope"]},
    {"number": "abc", "unit": "hours"},
    {"number": -5, "unit": "hours"},
    {"number": float("nan"), "unit": "hours"},
    {"number": 1e308, "unit": "hours"},
    {"number": 2, "unit": "fortnights"},
    {"number": 2, "unit": "hours", "bound": "maybe"},
    {"selected": "000-001"},
    {"labels": 5},
    {"labels": {"x": "y"}},
    {"value": "ten"},
    {"text": 5},
    ["000-001", ["nested"]],
    object(),
]


@pytest.mark.parametrize("item_id", ITEMS)
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


@pytest.mark.slow
def test_javascript_checker_agrees_with_python(tmp_path, case):
    """checker.js re-implements the check for the static book: run both on the same answers."""
    node = shutil.which("node")
    assert node, "node is needed to test widget.js (it is on every machine of this project)"
    # as every widget carries it: widget.js with the rules of rules.json inlined
    (tmp_path / "widget.mjs").write_text(widget_source(), encoding="utf-8")
    cases = []
    extra = [
        {},
        {"not_stated": True},
        {"number": 2.5, "unit": "hours", "bound": "about"},
        {"number": "abc", "unit": "hours", "bound": "about"},
        {"number": 150.5, "unit": "minutes", "bound": "about"},
        {"selected": []},
        {"selected": ["nope"]},
        {"choice": "zzz"},
        {"labels": {}},
        {"value": 175},
        {"value": "12,5"},
        {"text": "  "},
        {"text": "My answer"},
    ]
    for it in catalog():
        right = key_answer(it, case)
        for a in [right, *wrong_answers(it, right), *extra]:
            r = it.check(a)
            cases.append(
                {
                    "item": it.spec,
                    "answer": a,
                    "expect": {"correct": r.correct, "valid": r.valid, "feedback": r.feedback},
                }
            )
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    script = tmp_path / "run.mjs"
    script.write_text(
        "import { check } from './widget.mjs';\n"
        "import { readFileSync } from 'node:fs';\n"
        "const cases = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url)));\n"
        "console.log(JSON.stringify(cases.map((c) => check(c.item, c.answer))));\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [node, str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert len(got) == len(cases) > 50
    for c, g in zip(cases, got, strict=False):
        assert g == c["expect"], (c["item"]["id"], c["answer"])


def test_a_results_status_is_the_one_saved_files_and_the_gradebook_record():
    from medialit.exercises.engine import Result

    assert Result(True, "").status == "correct"
    assert Result(False, "").status == "incorrect"
    assert Result(None, "").status == "saved"  # free text: a person scores it
    assert Result(None, "", valid=False).status == "invalid"
