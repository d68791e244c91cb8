"""The book's own chapters and exercise notebooks are about the March 2025 reports: they load
them with ``medialit.book_case()`` whatever ``MEDIALIT_CASE`` says, and say where another
case's chapters are (issue 13: with MEDIALIT_CASE set, chapters 1-6 stopped with
``KeyError: "no report '000-takeaways' in case ..."``)."""

import json

import pytest

import medialit
from tests.support.paths import ROOT

NOTEBOOKS = sorted(
    [
        ROOT / "book" / "intro.ipynb",
        *ROOT.glob("book/chapters/0[1-6]-*.ipynb"),
        *ROOT.glob("solutions/0[1-6]-*.ipynb"),
        *ROOT.glob("exercises/0[1-6]-*.ipynb"),
    ]
)


def test_with_another_case_set_the_book_case_is_still_the_march_case_and_says_so(
    monkeypatch, capsys
):
    monkeypatch.setenv("MEDIALIT_CASE", "tests/cases/crowd-event")
    assert medialit.load_case().name == "crowd-event"  # the setting drives load_case()...
    case = medialit.book_case()  # ...but not the chapters written about the March reports
    assert case.name == medialit.load_case("data").name
    assert "000-takeaways" in case.report_ids
    said = capsys.readouterr().out
    assert "python -m medialit build --case tests/cases/crowd-event" in said
    assert "book/_build/cases/crowd-event/chapters/" in said


def test_without_the_setting_it_says_nothing(monkeypatch, capsys):
    monkeypatch.delenv("MEDIALIT_CASE", raising=False)
    assert "000-takeaways" in medialit.book_case().report_ids
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_march_notebook_loads_the_book_case(path):
    code = "\n".join(
        "".join(c["source"])
        for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "code"
    )
    assert "load_case()" not in code
    assert "book_case()" in code
