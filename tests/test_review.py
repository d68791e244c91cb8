"""The review sheet (issue 13): ``propose --review`` writes review.html, each report's
text with every claims row's quote highlighted where validate finds it, the facts not
mentioned with the words searched, marked rows flagged, every case text escaped, and
nothing loaded from outside. On copies of the invented cases under tests/cases."""

from __future__ import annotations

import csv
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from medialit import validate_case
from medialit.case import PROPOSED
from medialit.cli import main as cli
from medialit.propose import cue_words, propose_claims
from medialit.review import SHEET, review_html, write_review

CASES = Path(__file__).resolve().parent / "cases"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict]) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _text(case: Path, rid: str) -> str:
    row = next(r for r in _rows(case / "reports.csv") if r["report_id"] == rid)
    return (case / row["file"]).read_text(encoding="utf-8").removeprefix("\ufeff")


class _Sheet(HTMLParser):
    """What the sheet shows: per report, the raw-text offsets inside a highlight, where
    each numbered tag stands, and each row's box (its classes and its text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.report = None
        self.marked: dict[str, set[int]] = {}
        self.tags: dict[str, list[tuple[int, str]]] = {}
        self.cards: dict[str, tuple[str, list[str]]] = {}
        self.stack: list[tuple[str, str]] = []  # (tag, class)
        self.at = None  # offset of the paragraph's next character
        self.card = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        self.stack.append((tag, cls))
        if tag == "h2" and a.get("id", "").startswith("c-"):
            self.report = a["id"][2:]
            self.marked[self.report], self.tags[self.report] = set(), []
        if tag == "p" and "data-at" in a:
            self.at = int(a["data-at"])
        if tag == "div" and "card" in cls.split():
            self.card = a["id"]
            self.cards[self.card] = (cls, [])
        if tag == "a" and cls == "tag" and self.at is not None:
            self.tags[self.report].append((self.at, a["href"]))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag == "p":
            self.at = None
        if tag == "div" and not any(t == "div" and "card" in c for t, c in self.stack):
            self.card = None

    def handle_data(self, data):
        if self.card:
            self.cards[self.card][1].append(data)
        if self.at is None:
            return
        classes = {c for _, cls in self.stack for c in cls.split()}
        if classes & {"tag", "fkind"}:
            return  # a label, not the report's text
        if any(t == "mark" for t, _ in self.stack):
            self.marked[self.report] |= set(range(self.at, self.at + len(data)))
        self.at += len(data)


def _parse(html: str) -> _Sheet:
    p = _Sheet()
    p.feed(html)
    return p


@pytest.fixture(params=["crowd-event", "library-vote"])
def case(request, tmp_path) -> Path:
    return Path(shutil.copytree(CASES / request.param, tmp_path / request.param))


def _proposed(case: Path) -> Path:
    claims = case / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").splitlines()[0] + "\n", "utf-8")
    propose_claims(case)
    return case


@pytest.mark.parametrize("state", ["as committed", "as proposed"])
def test_every_quote_is_highlighted_exactly_where_validate_finds_it(case, state):
    if state == "as proposed":
        _proposed(case)
    sheet = _parse(review_html(case))
    claims = _rows(case / "claims.csv")
    assert claims
    for rid in {r["report_id"] for r in claims}:
        text = _text(case, rid)
        want, starts = set(), []
        for r in claims:
            if r["report_id"] != rid or r["mentioned"] != "true":
                continue
            start = text.find(r["quote"])
            assert start >= 0, r
            want |= set(range(start, start + len(r["quote"])))
            starts.append((start, f"#c-{rid}-{r['fact']}"))
        assert sheet.marked[rid] == want, rid
        assert sorted(sheet.tags[rid]) == sorted(starts), rid


def test_not_mentioned_rows_are_listed_with_the_words_searched(case):
    _proposed(case)
    facts = {f["fact"]: f for f in _rows(case / "facts.csv")}
    sheet = _parse(review_html(case))
    nots = [r for r in _rows(case / "claims.csv") if r["mentioned"] == "false"]
    assert nots
    for r in nots:
        cls, text = sheet.cards[f"c-{r['report_id']}-{r['fact']}"]
        text = "".join(text)
        assert "not" in cls.split()
        assert "mentioned false" in text
        for word in cue_words(facts[r["fact"]])[:12]:
            assert f"‘{word}’" in text, (r["fact"], word)


def test_rows_still_marked_are_flagged_and_checked_rows_not(case):
    _proposed(case)
    claims = _rows(case / "claims.csv")
    claims[0]["note"] = claims[0]["note"].replace(f"{PROPOSED} ", "", 1)
    _write(case / "claims.csv", claims)
    sheet = _parse(review_html(case))
    for r in claims:
        cls, text = sheet.cards[f"c-{r['report_id']}-{r['fact']}"]
        marked = r["note"].startswith(PROPOSED)
        assert ("prop" in cls.split()) == marked, r
        assert ("PROPOSED: check" in "".join(text)) == marked, r
    html = review_html(case)
    assert f"<b>{len(claims) - 1} still marked PROPOSED</b>" in html


def test_each_box_names_its_row_and_the_columns_to_type(case):
    sheet = _parse(review_html(case))
    for n, r in enumerate(_rows(case / "claims.csv"), 2):
        text = "".join(sheet.cards[f"c-{r['report_id']}-{r['fact']}"][1])
        assert f"Wrong? Type in claims.csv row {n}:" in text
        if r["mentioned"] == "true":
            assert "quote" in text and "attribution, source_name" in text
        else:
            assert "mentioned = true" in text


def test_case_text_is_escaped(case):
    evil = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    claims = _rows(case / "claims.csv")
    claims[0]["note"] = evil
    claims[0]["source_name"] = evil
    _write(case / "claims.csv", claims)
    facts = _rows(case / "facts.csv")
    facts[0]["label"] = evil
    _write(case / "facts.csv", facts)
    report = next(
        r for r in _rows(case / "reports.csv") if r["report_id"] == claims[0]["report_id"]
    )
    with open(case / report["file"], "a", encoding="utf-8") as f:
        f.write("\n" + evil + "\n")
    html = review_html(case)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in html
    assert html.count("&lt;script&gt;") >= 4  # note, source name, label (table and box), text


def test_the_page_loads_nothing_from_outside(case):
    _proposed(case)
    html = review_html(case)
    assert not re.search(r"https?:|//[a-z]|\bsrc=|<link|<script|@import|url\(", html, re.I)


def test_propose_writes_the_sheet_and_validate_ignores_it(case, capsys):
    claims = case / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").splitlines()[0] + "\n", "utf-8")
    assert cli(["propose", str(case)]) == 0
    assert (case / SHEET).is_file()
    assert "review sheet:" in capsys.readouterr().out
    (case / SHEET).unlink()
    assert cli(["propose", str(case), "--review"]) == 0
    assert (case / SHEET).read_text(encoding="utf-8") == review_html(case)
    shutil.copy(CASES / case.name / "claims.csv", claims)
    write_review(case)
    assert validate_case(case) == []


def test_confirm_writes_the_sheet_again_with_the_rows_checked(case):
    _proposed(case)
    assert cli(["propose", str(case), "--review"]) == 0
    assert "PROPOSED: check" in (case / SHEET).read_text(encoding="utf-8")
    assert cli(["propose", str(case), "--confirm"]) == 0
    html = (case / SHEET).read_text(encoding="utf-8")
    assert "PROPOSED: check" not in html and "<b>0 still marked PROPOSED</b>" in html
