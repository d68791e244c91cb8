"""The generic exercises run on any valid case by changing one parameter: proven on the
default case and on a small invented case written for the tests."""

import subprocess
import sys

import nbformat
import pytest

from medialit import load_case
from medialit.exercises.generic import SKILLS, case_items
from tests.support.keys import key_answer, wrong_answers
from tests.support.paths import ROOT

SECOND = ROOT / "tests" / "cases" / "library-vote"


@pytest.fixture(scope="module", params=["default", "library-vote"])
def any_case(request):
    return load_case(None if request.param == "default" else SECOND)


def test_every_skill_has_items_checked_against_the_data(any_case):
    items = case_items(any_case)
    assert {i.spec["skill_area"] for i in items} == set(SKILLS)
    for it in items:
        right = key_answer(it, any_case)
        if it.kind == "free_text":  # scored by a person with the rubric
            r = it.check(right)
            assert r.valid and r.correct is None and "rubric" in r.feedback, it.id
            continue
        assert it.check(right).correct, it.id
        for wrong in wrong_answers(it, right):
            r = it.check(wrong)
            if not r.correct:
                assert r.valid and len(r.feedback) > 25, (it.id, wrong)


def test_no_generic_item_sends_its_answer_key_to_the_page(any_case):
    """The spec is the widget's state, embedded in every page: the key must stay out."""
    import json

    for it in case_items(any_case):
        shown = json.dumps(it.spec, ensure_ascii=False)
        assert "derived" not in it.spec, it.id
        for text in (it.derived.get("done"), it.derived.get("reasoning")):
            if isinstance(text, str) and len(text) > 40:
                assert " ".join(text.split())[:40] not in shown, it.id


def test_the_second_case_has_exactly_one_true_conflict():
    case = load_case(SECOND)
    conflicts = next(i for i in case_items(case) if i.spec["skill_area"] == "conflicts")
    assert len(conflicts.derived["conflicts"]) == 1


def test_the_any_case_notebook_runs_on_the_second_case_under_nbval(tmp_path):
    nb = nbformat.read(ROOT / "exercises" / "any-case.ipynb", as_version=4)
    param = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    param.source = f"CASE = {str(SECOND)!r}"
    for cell in nb.cells:  # outputs were saved for the default case
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    target = tmp_path / "any-case-library-vote.ipynb"
    nbformat.write(nb, target)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-o",
            "addopts=",
            "--nbval-lax",
            "--nbval-current-env",
            str(target),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout


# --------------------------------------------------------------------------- reading the case right


def _copy_case(tmp_path, name="library-vote"):
    import shutil

    return shutil.copytree(ROOT / "tests" / "cases" / name, tmp_path / name)


def test_a_line_that_is_part_furniture_part_article_is_never_keyed_by_where_it_starts(tmp_path):
    import pandas as pd

    from medialit.case import load_case as load
    from medialit.exercises.generic import provenance_items

    folder = _copy_case(tmp_path)
    case = load(folder)
    rid = case.furniture["report_id"].value_counts().idxmax()
    text = case.text(rid)
    spans = case.furniture[case.furniture["report_id"] == rid]
    lines = [ln for ln in text.split("\n") if len(ln.strip()) > 40]
    lead = next(
        ln
        for ln in lines
        if not ((spans["start"] <= text.find(ln)) & (text.find(ln) < spans["end"])).any()
    )
    at = text.find(lead)
    extra = pd.DataFrame(
        [
            {
                **spans.iloc[0].to_dict(),
                "start": at,
                "end": at + 17,
                "starts_with": lead[:17],
                "ends_with": lead[:17],
            }
        ]
    )
    # 17 characters of furniture, then news
    table = pd.read_csv(folder / "furniture.csv", dtype=str, keep_default_na=False)
    extra = extra.reindex(columns=table.columns).astype(str)
    pd.concat([table, extra]).to_csv(folder / "furniture.csv", index=False)
    item = provenance_items(load(folder))[0]
    shown = [s["text"] for s in item.spec["segments"]]
    assert lead.strip() not in shown  # a mixed line has no single right label: not asked
    assert shown and all(item.check({"labels": {}}).valid is False for _ in [0])


def test_the_attribution_prompt_names_the_reports_its_passages_come_from(tmp_path):
    import pandas as pd

    from medialit.case import load_case as load
    from medialit.exercises.generic import attribution_items

    folder = _copy_case(tmp_path)
    table = pd.read_csv(folder / "attributions.csv", dtype=str, keep_default_na=False)
    one = table["report_id"].value_counts().idxmax()
    table[table["report_id"] == one].to_csv(folder / "attributions.csv", index=False)
    item = attribution_items(load(folder))[0]
    assert f"(They all come from report {one[:3]}.)" in item.prompt
    assert "different reports" not in item.prompt


def test_the_attribution_exercise_works_from_the_claims_when_there_is_no_attributions_table(
    tmp_path,
):
    import pandas as pd

    from medialit.case import load_case as load
    from medialit.exercises.generic import attribution_items

    folder = _copy_case(tmp_path)
    header = pd.read_csv(folder / "attributions.csv", dtype=str, nrows=0)
    header.to_csv(folder / "attributions.csv", index=False)  # the scaffold's empty table
    case = load(folder)
    items = attribution_items(case)
    assert len(items) == 1
    passages = {s["text"] for s in items[0].spec["segments"]}
    assert passages <= set(case.claims["quote"]) and len(passages) >= 2


def test_wrong_figure_feedback_names_every_report_that_gives_it_with_its_hedge():
    from medialit.exercises.generic import number_items

    case = load_case()
    item = next(i for i in number_items(case) if i.spec["report"].startswith("000"))
    r = item.check({"number": 120, "unit": "minutes", "bound": "about"})
    assert not r.correct
    assert "report 003 (more than 120 minutes)" in r.feedback
    assert "report 004 (about 120 minutes)" in r.feedback


# --------------------------------------------------------------------------- beyond durations

CROWD = ROOT / "tests" / "cases" / "crowd-event"


def test_a_count_gets_number_items_in_its_unit_and_a_hedge_item():
    from medialit.exercises.generic import number_items

    case = load_case(CROWD)
    items = {i.id: i for i in number_items(case)}
    it = items["crowd-event:crowd_size_000"]
    assert it.kind == "numeric" and "in people" in it.prompt
    assert it.check({"value": "8,000"}).correct
    wrong = it.check({"value": 20000})
    assert not wrong.correct and "report 001 (more than 20,000 people)" in wrong.feedback
    assert "report 000" in wrong.feedback.lower()
    assert items["crowd-event:crowd_size_004"].check({"value": 0}).correct  # gives none
    hedges = items["crowd-event:crowd_size_hedges"]
    right = {"r1": "about", "r2": "at_least", "r3": "about", "r4": "at_most", "r5": "none"}
    assert hedges.check({"labels": right}).correct
    r = hedges.check({"labels": {**right, "r2": "about"}})
    assert not r.correct and r.feedback.startswith("4 of 5 right. Passage 2 of 5")


def test_an_exact_duration_is_answered_plainly_and_read_as_exact():
    from medialit.exercises.generic import number_items

    case = load_case(CROWD)
    it = next(i for i in number_items(case) if i.id == "crowd-event:march_length_002")
    assert it.check({"number": 125, "unit": "minutes", "bound": "about"}).correct
    typed = it.check({"number": "exactly 2 hours and 5 minutes", "unit": "hours"})
    assert typed.correct and "exactly 125 minutes" in typed.feedback
    assert not it.check({"number": 125, "unit": "minutes", "bound": "at_least"}).correct


def test_conflict_items_use_each_facts_tolerance():
    from medialit.exercises.generic import conflict_items

    items = {i.spec["fact"]: i for i in conflict_items(load_case(CROWD))}
    assert set(items) == {"crowd_size", "march_length", "arrests"}
    crowd = items["crowd_size"]
    assert "give or take 25 %" in crowd.prompt
    assert crowd.check({"selected": ["000-001", "001-002", "001-003"]}).correct
    assert not crowd.check({"selected": ["000-001", "000-002", "001-002", "001-003"]}).correct
    assert "exact figure as that figure only" in items["arrests"].prompt
