"""Notebooks: each exercise is written once (its solution notebook), and every quote the
book, the exercises and the solutions put in curly quotes is verbatim in a report."""

import re

import nbformat
import pytest

from medialit.notebooks import EXERCISES, SOLUTION_TAG, SOLUTIONS, generate
from tests.support.paths import ROOT

QUOTED = re.compile(r"“([^”]+)”")


def _squash(s: str) -> str:
    return " ".join(s.split())


def test_student_notebooks_are_generated_from_the_solutions():
    assert sorted(p.name for p in SOLUTIONS.glob("*.ipynb")) == sorted(
        p.name for p in EXERCISES.glob("*.ipynb")
    )
    assert generate(check=True) == [], "run: python -m medialit notebooks"


@pytest.mark.parametrize("path", sorted(EXERCISES.glob("*.ipynb")), ids=lambda p: p.name)
def test_student_notebooks_hold_no_solution(path):
    solution = nbformat.read(SOLUTIONS / path.name, as_version=4)
    hidden = [c.source for c in solution.cells if SOLUTION_TAG in c.metadata.get("tags", [])]
    assert hidden, "a solution notebook should have solution cells"
    student = path.read_text(encoding="utf-8")
    assert "answer_key" not in student and "Solution" not in student
    for src in hidden:
        assert src not in student


def _texts_with_quotes():
    for path in [*sorted((ROOT / "book").rglob("*.ipynb")), *sorted(SOLUTIONS.glob("*.ipynb"))]:
        if "_build" in path.parts:
            continue
        nb = nbformat.read(path, as_version=4)
        yield path.name, "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for path in sorted((SOLUTIONS / "answers").glob("*.yaml")):
        yield path.name, path.read_text(encoding="utf-8")


def test_every_curly_quote_is_verbatim_in_a_report(case):
    reports = [_squash(t) for t in case.reports.text]
    checked = 0
    for name, text in _texts_with_quotes():
        for q in QUOTED.findall(text):
            checked += 1
            assert any(_squash(q) in r for r in reports), f"{name}: “{q}” is in no report"
    assert checked >= 10
