"""The generic exercises run on any valid case by changing one parameter: proven on the
default case and on a small invented case written for the tests."""

import nbformat
import pytest

from medialit import load_case
from medialit.exercises.generic import SKILLS, case_items
from tests.support.keys import key_answer, wrong_answers
from tests.support.notebook_runs import run_lax
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
    done = run_lax([str(target)], tmp_path, timeout=300)
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


def test_campaign_and_public_statements_are_asked_with_their_own_labels_where_coded():
    """Codebook A14 (civil_society, public): a statement a case codes so is asked, not
    skipped, under its own label; a case that codes none is not offered those labels."""
    from medialit.exercises.generic import attribution_items

    crowd = load_case("tests/cases/crowd-event")
    item = attribution_items(crowd)[0]
    ids = [x["id"] for x in item.spec["labels"]]
    assert "civil_society" in ids and "public" not in ids
    seg = next(s["id"] for s in item.spec["segments"] if "campaign" in s["text"])
    right = key_answer(item, crowd)["labels"]
    assert right[seg] == "civil_society"
    assert item.check({"labels": right}).correct
    assert not item.check({"labels": {**right, seg: "official"}}).correct
    march = attribution_items(load_case())[0]
    assert {"civil_society", "public"}.isdisjoint(x["id"] for x in march.spec["labels"])


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


# --------------------------------------------------------------------------- figures with decimals


def _case_with_decimal_figures(tmp_path):
    """A copy of library-vote with two more quantity facts: the budget shortfall in
    million dollars (its quotes already in all three reports: $1.2 million) and the fall in
    visits in per cent (a sentence added to reports 000 and 002, their hashes updated):
    2.5 and 3, so both are compared at one decimal place."""
    import hashlib

    import pandas as pd

    folder = _copy_case(tmp_path)
    added = {
        "000-council-closes": "Visits to the branch fell by 2.5 per cent last year.",
        "002-marathon-meeting": "Visits fell by about 3 per cent, the organiser said.",
    }
    reports = pd.read_csv(folder / "reports.csv", dtype=str, keep_default_na=False)
    for i, r in reports.iterrows():
        path = folder / r["file"]
        if r["report_id"] in added:  # after the last line: no furniture offset moves
            path.write_text(path.read_text(encoding="utf-8") + added[r["report_id"]] + "\n")
        reports.loc[i, "sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    reports.to_csv(folder / "reports.csv", index=False)
    facts = pd.read_csv(folder / "facts.csv", dtype=str, keep_default_na=False)
    new_facts = [
        ("shortfall", "Budget shortfall", "million dollars", "How big is the budget gap?"),
        ("visits_drop", "Fall in visits", "per cent", "By how much did visits fall?"),
    ]
    facts = pd.concat(
        [
            facts,
            pd.DataFrame(
                [
                    {"fact": f, "label": lab, "kind": "quantity", "unit": u, "question": q}
                    for f, lab, u, q in new_facts
                ]
            ),
        ]
    )
    facts.to_csv(folder / "facts.csv", index=False)
    claims = pd.read_csv(folder / "claims.csv", dtype=str, keep_default_na=False)
    quotes = {
        ("000-council-closes", "shortfall"): ("a $1.2 million gap", "outlet"),
        ("001-council-approves", "shortfall"): ("a $1.2 million shortfall", "official"),
        ("002-marathon-meeting", "shortfall"): ("a $1.2 million budget hole", "official"),
        ("000-council-closes", "visits_drop"): ("fell by 2.5 per cent", "outlet"),
        ("002-marathon-meeting", "visits_drop"): ("fell by about 3 per cent", "analyst"),
    }
    values = {"shortfall": {}, "visits_drop": {"000": "2.5", "002": "3"}}
    rows = []
    for rid in reports["report_id"]:
        for fact, _, _, _ in new_facts:
            row = dict.fromkeys(claims.columns, "")
            row.update(report_id=rid, fact=fact, mentioned="false", note="Not in this report.")
            if (rid, fact) in quotes:
                quote, who = quotes[rid, fact]
                value = values[fact].get(rid[:3], "1.2")
                row.update(
                    mentioned="true",
                    quote=quote,
                    value=value,
                    bound="about",
                    low=value,
                    high=value,
                    attribution=who,
                    source_name="the report itself" if who == "outlet" else "the council",
                    note="A plain figure.",
                )
            rows.append(row)
    pd.concat([claims, pd.DataFrame(rows)]).to_csv(folder / "claims.csv", index=False)
    return folder


def test_a_percentage_and_a_money_fact_are_asked_and_checked_to_their_decimal_places(tmp_path):
    from medialit.exercises.generic import case_items, number_items

    case = load_case(_case_with_decimal_figures(tmp_path))
    items = {i.id: i for i in number_items(case)}
    visits = items["library-vote:visits_drop_000"]
    assert visits.spec["decimals"] == 1
    assert "in per cent? Type the number only, to 1 decimal place (0 if" in visits.prompt
    for right in (2.5, "2.5", " 2.50 ", "2.45", 2.54):  # compared at one place
        assert visits.check({"value": right}).correct, right
    for wrong in (2, 3, "25", "0.25", "2.6", "2,5"):  # "2,5": the comma separates thousands
        r = visits.check({"value": wrong})
        assert r.valid and r.correct is False, wrong
    r = visits.check({"value": 3})
    assert r.feedback.startswith("3.0 is the figure of report 002 (about 3 per cent)"), r.feedback
    assert items["library-vote:visits_drop_002"].check({"value": "3"}).correct  # 3 is 3.0
    assert "2.5 is the figure of report 000" in (
        items["library-vote:visits_drop_001"].check({"value": 2.5}).feedback
    )
    assert items["library-vote:visits_drop_001"].check({"value": "0"}).correct  # gives none
    money = items["library-vote:shortfall_001"]
    assert money.spec["decimals"] == 1 and "in million dollars?" in money.prompt
    assert money.check({"value": "1.2"}).correct and not money.check({"value": 1}).correct
    assert "report 001 says “a $1.2 million shortfall”" in money.check(1.2).feedback.lower()
    # the counts and durations of the case are asked as before: whole numbers
    protesters = items["library-vote:protesters_000"]
    assert "decimals" not in protesters.spec and "decimal place" not in protesters.prompt
    assert protesters.check({"value": "200.4"}).correct
    for it in case_items(case):  # every item of the case checks its own key
        if it.kind == "numeric":
            assert it.check({"value": it.derived["accept"]}).correct, it.id


def test_the_figures_decimal_places_are_the_most_any_report_gives():
    from medialit.exercises.generic import figure_places

    assert figure_places([2.5, 3.0]) == 1
    assert figure_places([1.25, 3, 0.1 + 0.2]) == 2  # 0.30000000000000004 is 0.3
    assert figure_places([8000.0, 20000.0]) == 0
    assert figure_places([0.1234567]) == 6  # at most MAX_DECIMALS
