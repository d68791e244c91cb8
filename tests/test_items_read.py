"""Items that make students read (issue 12, section 4): no option wins by its length or
its place, feedback points at the text instead of naming the answer, hints ask only for
what the page allows, an item comes before the table that answers it, quotes are verbatim,
and a pre-test and a post-test measure each student's gain."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest
import yaml

from medialit.exercises import catalog, item
from medialit.exercises.compile import ITEMS_DIR, load_items, shuffled
from tests.support.keys import ANSWERS, key_answer, wrong_answers
from tests.support.paths import ROOT

ITEMS = catalog()
QUOTED = re.compile(r"“([^”]+)”")


def _squash(s: str) -> str:
    return " ".join(s.split())


def _accepted(it) -> list[str]:
    accept = ANSWERS[it.spec["key"]]["accept"]
    return list(accept) if isinstance(accept, list) else [accept]


# --------------------------------------------------------------------------- options


def test_written_out_options_are_in_the_order_drawn_from_the_item_id():
    """The catalog holds the order (so Python, the page and a reload agree); it is the
    hash order of the item id, unless the item keeps a meaningful order (shuffle: false)."""
    templates = {t["id"]: t for t in load_items()}
    shuffled_items = 0
    for it in ITEMS:
        tpl = templates.get(it.spec["key"])
        if it.kind not in ("single_choice", "multiple_choice") or not isinstance(
            tpl.get("options"), list
        ):
            continue
        written = [o["id"] for o in tpl["options"]]
        shown = [o["id"] for o in it.options]
        if tpl.get("shuffle", True):
            assert shown == [o["id"] for o in shuffled(it.id, tpl["options"])], it.id
            shuffled_items += 1
        else:
            assert shown == written, it.id
    assert shuffled_items >= 12


def _single_choice_with_unequal_options():
    return [
        it
        for it in ITEMS
        if it.kind == "single_choice" and len({len(o["label"]) for o in it.options}) > 1
    ]


def test_no_option_is_right_because_it_is_the_longest_or_the_first():
    """Measured over every single-choice item whose options differ in length: an accepted
    option is the longest in at most a third of them (it was 13 of 14 before the options
    were rewritten), no shorter than every distractor in more than a third either (the other
    way to guess), and an accepted option is shown first in at most half (it was 11 of 14)."""
    items = _single_choice_with_unequal_options()
    longest = shortest = first = 0
    for it in items:
        accepted = _accepted(it)
        top = max(len(o["label"]) for o in it.options)
        longest += any(len(o["label"]) == top for o in it.options if o["id"] in accepted)
        others = [len(o["label"]) for o in it.options if o["id"] not in accepted]
        shortest += any(len(o["label"]) < min(others) for o in it.options if o["id"] in accepted)
        first += it.options[0]["id"] in accepted
    assert len(items) >= 12
    assert longest <= len(items) / 3, f"the key is the longest option in {longest} of {len(items)}"
    assert shortest <= len(items) / 3, f"the key is the shortest in {shortest} of {len(items)}"
    assert 0 < first <= len(items) / 2, f"an accepted option comes first in {first} of {len(items)}"


def test_no_written_out_key_is_much_longer_than_its_distractors():
    """Each key is at most a quarter longer than the longest distractor (before the
    rewrite, origin_kyiv's key had twice the length of any other option)."""
    for it in _single_choice_with_unequal_options():
        accepted = _accepted(it)
        longest_other = max(len(o["label"]) for o in it.options if o["id"] not in accepted)
        for o in it.options:
            if o["id"] in accepted:
                assert len(o["label"]) <= 1.25 * longest_other, (it.id, o["label"])


# --------------------------------------------------------------------------- feedback


def _names(feedback: str, phrase: str) -> bool:
    """Does ``feedback`` name ``phrase`` (as a whole phrase, ignoring case and spacing)?"""
    pattern = r"(?<![\w-])" + re.escape(_squash(phrase).lower()) + r"(?![\w-])"
    return re.search(pattern, _squash(feedback).lower()) is not None


def _option_names(option: dict) -> list[str]:
    """How feedback could name an option: its label or text; a report pair as "001 and
    004" or "001-004"; a report option ("r004") by its number."""
    names = [option.get("label") or option["text"]]
    if re.fullmatch(r"\d{3}-\d{3}", option["id"]):
        a, b = option["id"].split("-")
        names += [f"{a} and {b}", f"{a}-{b}", f"{a}–{b}"]
    if re.fullmatch(r"r\d{3}", option["id"]):
        names.append(option["id"][1:])
    return names


def _label_names(label: str) -> list[str]:
    """A label ("origin: how the text reached us") and its name before a colon."""
    return [label, label.split(":")[0]] if ":" in label else [label]


def giveaways(it, case) -> list[tuple]:
    """What the feedback for every single-step wrong answer (tests/support/keys.wrong_answers) gives
    away. The rules, by kind of item:

    * single choice: the feedback for a wrong option never contains the label of an
      accepted option;
    * tick boxes and marked phrases (multiple choice, span marking, and the generated pair
      and topic items): the feedback never names an option the key needs that the answer
      left unticked (its label or phrase; a pair as "001 and 004"; a report by its
      number). Options the student did tick may be named: that says what to look at again;
    * labelling: the feedback for a passage labelled wrongly never contains an accepted
      label for it, or that label's name before a colon ("origin" of "origin: how ...");
    * numbers and lengths: the feedback for a wrong value never contains the accepted value
      (as "350", or "150 minutes").
    """
    right = key_answer(it, case)
    out = []
    for wrong in wrong_answers(it, right):
        r = it.check(wrong)
        if r.correct or not r.valid:
            continue
        fb = r.feedback
        if it.kind == "single_choice":
            out += [
                (wrong, o["label"])
                for o in it.options
                if o["id"] in _accepted(it) and _names(fb, o["label"])
            ]
        elif it.kind in ("multiple_choice", "span_marking"):
            options = (
                it.options
                if it.kind == "multiple_choice"
                else [s for s in it.spec["segments"] if s["selectable"]]
            )
            for o in options:
                if o["id"] in right["selected"] and o["id"] not in wrong["selected"]:
                    out += [(wrong, n) for n in _option_names(o) if _names(fb, n)]
        elif it.kind == "labelling":
            labels = {lb["id"]: lb["label"] for lb in it.spec["labels"]}
            key = ANSWERS.get(it.spec["key"], {}).get("accept", {})
            for seg, lab in wrong["labels"].items():
                if lab == right["labels"][seg]:
                    continue
                ok = key.get(seg, right["labels"][seg])
                for a in ok if isinstance(ok, list) else [ok]:
                    out += [(seg, n) for n in _label_names(labels[a]) if _names(fb, n)]
        elif it.kind == "numeric":
            out += [(wrong, v) for v in map(str, _accepted(it)) if _names(fb, v)]
        elif it.kind == "duration" and not right.get("not_stated"):
            minutes = f"{right['number']:g} minutes"
            if _names(fb, minutes):
                out.append((wrong, minutes))
    return out


@pytest.mark.parametrize("item_id", [i.id for i in ITEMS if i.kind != "free_text"])
def test_feedback_for_a_wrong_answer_does_not_give_the_answer_away(item_id, case):
    assert giveaways(item(item_id), case) == []


def test_the_rule_catches_the_feedback_of_the_issue(case):
    """Ticking only 000-001 once said "001 and 004 do conflict"."""
    it = item("call_length_conflicts")
    assert _names("8 of 10 right. 001 and 004 do conflict: ...", "001 and 004")
    r = it.check({"selected": ["000-001"]})
    assert not r.correct and not _names(r.feedback, "001 and 004")
    assert "do conflict" not in r.feedback and "do not conflict" not in r.feedback


@pytest.mark.parametrize("item_id", [i.id for i in ITEMS if i.kind == "labelling"])
def test_labelling_feedback_says_which_passage(item_id, case):
    it = item(item_id)
    right = key_answer(it, case)
    n = len(it.spec["segments"])
    checked = 0
    for i, seg in enumerate(it.spec["segments"], 1):
        wrongs = [
            w
            for w in wrong_answers(it, right)
            if w["labels"][seg["id"]] != right["labels"][seg["id"]] and not it.check(w).correct
        ]
        for w in wrongs[:1]:  # none where every label is accepted for this passage
            checked += 1
            r = it.check(w)
            assert re.search(rf"\b(Passage|Observation) {i} of {n}\b", r.feedback), r.feedback
    assert checked


# --------------------------------------------------------------------------- hints

CODE = re.compile(r"\brun\b|\w\(|`|\b[a-z]+_[a-z_]+\b|\bcase\.|\.ipynb|Ctrl\+F")


def test_hints_ask_only_for_what_the_page_allows():
    """A hint is shown in the static book too, where nothing can be run and no report is
    on the page to search with Ctrl+F: no code, function names or notebook steps."""
    for it in ITEMS:
        for hint in it.hints:
            assert not CODE.search(hint), (it.id, hint)


# --------------------------------------------------------------------------- placement

# Items and the first cell of their chapter page that shows their answer (a table, or the
# prose right after it): the item must come before it.
ANSWERED_BY = {
    "02-numbers": {
        "call_length_": "quantities_table(",
        "call_length_conflicts": "compare_claims(",
        "prisoners_total": '"prisoners_exchanged"',
        "wounded_wording": '"wounded_returned"',
        "scope_wording": '"ceasefire_scope"',
    },
    "05-omissions": {
        "mentions_": "omission_matrix(",
        "omission_only_plant": "omission_matrix(",
        "omission_kyiv_source": '"kyiv_shelled"',
        "omission_mobilization": '"putin_conditions"',
    },
}


@pytest.mark.parametrize("page", sorted(ANSWERED_BY))
def test_an_item_comes_before_the_table_that_answers_it(page):
    nb = nbformat.read(ROOT / "book" / "chapters" / f"{page}.ipynb", as_version=4)
    code = [
        c.source
        for c in nb.cells
        if c.cell_type == "code" and "remove-cell" not in c.metadata.get("tags", [])
    ]  # hidden cells show nothing
    shown = {}
    for n, src in enumerate(code):
        for call in re.findall(r"show\(([^)]*)\)", src):
            for item_id in re.findall(r'"([a-z_0-9]+)"', call):
                shown.setdefault(item_id, n)
    chapter = catalog(page.split("-", 1)[1])
    assert {i.id for i in chapter} <= set(shown), "every item is shown by id"
    for prefix, marker in ANSWERED_BY[page].items():
        answer_cell = next(n for n, src in enumerate(code) if marker in src)
        for it in chapter:
            if it.id == prefix or (
                prefix.endswith("_") and it.id.startswith(prefix) and it.id not in ANSWERED_BY[page]
            ):
                assert shown[it.id] < answer_cell, (it.id, marker)


# --------------------------------------------------------------------------- quotes


def _item_texts():
    for path in sorted(ITEMS_DIR.glob("*.yaml")):
        for tpl in yaml.safe_load(path.read_text(encoding="utf-8")):
            texts = [tpl.get("prompt", ""), *tpl.get("hints", [])]
            if isinstance(tpl.get("options"), list):
                texts += [o["label"] for o in tpl["options"]]
            texts += [s.get("text", "") for s in tpl.get("segments", [])]
            yield path.name, tpl["id"], texts, tpl


def test_curly_quotes_and_passages_in_items_are_verbatim_in_a_report(case):
    """Text in curly quotes and passages are copied from a report (whitespace aside; a
    report's number and a colon may start each line of a passage), and so are the passages
    to label of the pre-test and the post-test."""
    reports = [_squash(t) for t in case.reports.text]
    checked = 0
    for name, item_id, texts, tpl in _item_texts():
        quoted = [q for t in texts for q in QUOTED.findall(t)]
        if tpl.get("passage"):
            quoted += [re.sub(r"^\d{3}: ", "", p) for p in tpl["passage"].split("\n") if p.strip()]
        if name.startswith(("00-", "07-")):  # the tests' passages to label, too
            quoted += [s["text"] for s in tpl.get("segments", []) if "text" in s]
        for q in quoted:
            checked += 1
            assert any(_squash(q) in r for r in reports), f"{name} {item_id}: “{q}” is in no report"
    assert checked >= 100


# --------------------------------------------------------------------------- pre and post

PRE, POST = catalog("pretest"), catalog("posttest")


def test_a_pre_test_and_a_post_test_open_and_close_the_book():
    assert 6 <= len(PRE) <= 8 and 6 <= len(POST) <= 8
    assert ITEMS[: len(PRE)] == PRE and ITEMS[-len(POST) :] == POST
    assert all(i.kind != "free_text" for i in PRE + POST), "scored at once, by the checker"
    toc = yaml.safe_load((ROOT / "book" / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    chapters = [f for f in files if f.startswith("chapters/")]
    assert chapters[0] == "chapters/00-pretest" and chapters[-1] == "chapters/07-posttest"


def test_the_two_tests_ask_the_same_skills_on_different_passages():
    assert sorted(i.skill for i in PRE) == sorted(i.skill for i in POST)

    def passages(items):
        out = set()
        for it in items:
            segments = it.spec.get("segments", [])
            if it.kind == "span_marking":  # one passage cut into phrases
                out.add(_squash("".join(s["text"] for s in segments)))
            else:
                out |= {_squash(s["text"]) for s in segments}
            out.add(_squash(it.spec.get("passage", "")))
        return out - {""}

    pre, post = passages(PRE), passages(POST)
    chapters = passages([i for i in ITEMS if i not in PRE + POST])
    assert pre and post and not pre & post and not (pre | post) & chapters


def test_gains_per_student_and_for_the_class(tmp_path, case):
    from medialit.answers import AnswerStore
    from medialit.gradebook import gains, gradebook

    def hand_in(student, right_pre, right_post):
        store = AnswerStore(tmp_path, student)
        for items, n_right in ((PRE, right_pre), (POST, right_post)):
            for k, it in enumerate(items):
                right = key_answer(it, case)
                answer = (
                    right
                    if k < n_right
                    else next(w for w in wrong_answers(it, right) if not it.check(w).correct)
                )
                r = it.check(answer)
                store.record(
                    it.id,
                    answer=answer,
                    correct=r.correct,
                    status="correct" if r.correct else "incorrect",
                    attempts=1,
                )

    n_pre, n_post = len(PRE), len(POST)
    hand_in("ada", 2, n_post)
    hand_in("bo", 3, 3)
    AnswerStore(tmp_path, "cy").record(
        PRE[0].id, answer=key_answer(PRE[0], case), correct=True, status="correct"
    )
    gb = gradebook(tmp_path)
    g = gains(gb)
    assert list(g.index) == ["ada", "bo", "cy"]
    assert g.loc["ada", "pre"] == pytest.approx(100 * 2 / n_pre, abs=0.05)  # one decimal
    assert g.loc["ada", "post"] == pytest.approx(100.0)
    assert g.loc["ada", "gain"] == pytest.approx(100 - 100 * 2 / n_pre, abs=0.1)
    assert g.loc["bo", "gain"] == pytest.approx(100 * 3 / n_post - 100 * 3 / n_pre, abs=0.1)
    assert pd.isna(g.loc["cy", "post"]) and pd.isna(g.loc["cy", "gain"])  # no post-test yet
    assert g.attrs["class"]["students"] == 2  # those who took both
    assert g.attrs["class"]["gain"] == pytest.approx(g["gain"].dropna().mean())
    assert g.attrs["class"]["pre"] == pytest.approx(g.loc[["ada", "bo"], "pre"].mean())
    line = next(s for s in gb.summary() if s.startswith("pre-test"))
    assert "2 students took both" in line and "gain" in line
