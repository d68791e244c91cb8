"""The generic exercises run on any valid case by changing one parameter: proven on the
default case and on a small invented case written for the tests."""

import subprocess
import sys

import nbformat
import pytest

from medialit import load_case
from medialit.exercises.generic import SKILLS, case_items
from tests.conftest import ROOT
from tests.keys import key_answer, wrong_answers

SECOND = ROOT / "tests" / "cases" / "library-vote"


@pytest.fixture(scope="module", params=["default", "library-vote"])
def any_case(request):
    return load_case(None if request.param == "default" else SECOND)


def test_every_skill_has_items_checked_against_the_data(any_case):
    items = case_items(any_case)
    assert {i.spec["skill_area"] for i in items} == set(SKILLS)
    for it in items:
        right = key_answer(it, any_case)
        assert it.check(right).correct, it.id
        for wrong in wrong_answers(it, right):
            r = it.check(wrong)
            if not r.correct:
                assert r.valid and len(r.feedback) > 25, (it.id, wrong)


def test_the_second_case_has_exactly_one_true_conflict():
    case = load_case(SECOND)
    conflicts = next(i for i in case_items(case) if i.spec["skill_area"] == "conflicts")
    assert len(conflicts.spec["derived"]["conflicts"]) == 1


def test_the_any_case_notebook_runs_on_the_second_case_under_nbval(tmp_path):
    nb = nbformat.read(ROOT / "exercises" / "any-case.ipynb", as_version=4)
    param = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    param.source = f"CASE = {str(SECOND)!r}"
    for cell in nb.cells:  # outputs were saved for the default case
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    target = tmp_path / "any-case-library-vote.ipynb"
    nbformat.write(nb, target)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "no:xdist", "-o", "addopts=", "--nbval-lax",
                           "--nbval-current-env", str(target)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout
