"""Authoring a case: propose (reports.csv and every claims row, for the teacher to
confirm), the furniture helper, and validate's help (where a quote differs, did you mean,
a comma in an unquoted text, Frictionless in plain words). Each test is one of the bugs a
teacher met making a case of another event from five real reports (issue 13)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from medialit import load_case, validate_case
from medialit.case import DEFAULT_CASE, PROPOSED
from medialit.cli import main as cli
from medialit.hints import did_you_mean, quote_hint
from medialit.newcase import new_case, readme
from medialit.origin import KIND_NAMES
from medialit.propose import (
    AuthoringError,
    append_furniture,
    confirm_claims,
    furniture_row,
    propose_claims,
    propose_reports,
)

LIBRARY = Path(__file__).resolve().parent / "cases" / "library-vote"
A, B, C = "000-council-closes", "001-council-approves", "002-marathon-meeting"
CUES = {  # what a teacher writes in the cues column of facts.csv
    "meeting_length": "nouns: meeting, session",
    "protesters": "nouns: protester; units: protester",
    "closure_wording": "verbs: close, consolidate, shut",
    "budget_gap": "nouns: budget",
    "petition": "nouns: petition",
    "mayor_statement": "nouns: Mayor",
    "reopening_plan": "verbs: reopen",
}
JARGON = (
    "constraint",
    "foreignkey",
    "foreign key",
    "lookup table",
    "type is",
    '"enum"',
    "number/default",
    "cell error",
)


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict], columns: list[str] | None = None) -> None:
    columns = columns or list(rows[0])
    buf = io.StringIO()
    w = csv.DictWriter(buf, columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _set(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; row is the spreadsheet row (2 = first data row)."""
    rows = _rows(path)
    rows[row - 2][column] = value
    _write(path, rows)


def _problems(folder) -> list[str]:
    return [str(p) for p in validate_case(folder)]


@pytest.fixture
def case(tmp_path):
    """A writable copy of the library case."""
    dst = tmp_path / "library-vote"
    shutil.copytree(LIBRARY, dst)
    return dst


@pytest.fixture
def emptied(case):
    """The copy with claims.csv down to its header and cues in facts.csv."""
    header = (case / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
    (case / "claims.csv").write_text(header + "\n", encoding="utf-8")
    facts = _rows(case / "facts.csv")
    for f in facts:
        f["cues"] = CUES[f["fact"]]
    meta = json.loads((case / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in meta["resources"] if r["name"] == "facts")["schema"]["fields"]
    _write(case / "facts.csv", facts, [f["name"] for f in fields if f["name"] in facts[0]])
    return case


# ---------------------------------------------------------------- propose: claims


def test_propose_writes_every_report_fact_row_and_marks_each(emptied):
    result = propose_claims(emptied)
    assert (result.written, result.kept) == (21, 0)
    rows = _rows(emptied / "claims.csv")
    gold = _rows(LIBRARY / "claims.csv")
    assert [(r["report_id"], r["fact"]) for r in rows] == [
        (g["report_id"], g["fact"]) for g in gold
    ]
    assert all(r["note"].startswith(PROPOSED) for r in rows)
    # what a student would be told is verbatim, and validate lists exactly the marked rows
    problems = _problems(emptied)
    assert len(problems) == 21 and all(
        ":note: proposed by medialit propose" in p for p in problems
    ), problems
    # the figures are the extractor's, in the fact's unit, with the right bounds
    got = {(r["report_id"], r["fact"]): r for r in rows}
    for (rid, fact), want in {
        (A, "meeting_length"): ("180", "at_least", "180", ""),
        (B, "meeting_length"): ("150", "about", "150", "150"),
        (C, "meeting_length"): ("240", "at_most", "0", "240"),
        (A, "protesters"): ("200", "about", "200", "200"),
        (C, "protesters"): ("150", "at_least", "150", ""),
    }.items():
        r = got[(rid, fact)]
        assert (r["value"], r["bound"], r["low"], r["high"]) == want, (rid, fact)
        assert r["mentioned"] == "true" and r["quote"]
    assert got[(A, "protesters")]["attribution"] == "official"
    assert got[(A, "protesters")]["source_name"] == "police"
    assert got[(B, "protesters")]["mentioned"] == "false"
    assert "Searched the article for" in got[(B, "protesters")]["note"]
    # not mentioned: the note says what was searched
    assert (
        got[(B, "petition")]["note"]
        == f"{PROPOSED} Searched the article for 'petition': not found."
    )
    assert [r["mentioned"] for r in rows] == [g["mentioned"] for g in gold]


def test_after_the_teacher_checks_the_proposals_the_case_validates(emptied):
    """The teacher: compare each proposed row with the report, fix what is wrong (here:
    what the hand-made case says), delete the mark. Validate then says OK."""
    propose_claims(emptied)
    rows = _rows(emptied / "claims.csv")
    gold = {(g["report_id"], g["fact"]): g for g in _rows(LIBRARY / "claims.csv")}
    fixed = 0
    for r in rows:
        want = gold[(r["report_id"], r["fact"])]
        for col in (
            "mentioned",
            "quote",
            "value_text",
            "value",
            "bound",
            "low",
            "high",
            "attribution",
            "source_name",
        ):
            if r[col] != want[col]:
                r[col], fixed = want[col], fixed + 1
        r["note"] = r["note"].removeprefix(PROPOSED).lstrip()
    _write(emptied / "claims.csv", rows)
    assert _problems(emptied) == []
    assert fixed < 21 * 9 / 3  # most cells were right as proposed
    case = load_case(emptied)
    assert case.claim(C, "meeting_length").bound == "at_most"


def test_confirm_deletes_every_mark_and_validate_passes(emptied):
    propose_claims(emptied)
    # every proposed row is a valid row (verbatim quotes outside furniture, bounds that fit)
    assert confirm_claims(emptied) == 21
    assert not any(r["note"].startswith(PROPOSED) for r in _rows(emptied / "claims.csv"))
    assert _problems(emptied) == []
    assert confirm_claims(emptied) == 0


def test_propose_never_overwrites_rows_the_teacher_wrote(emptied, capsys):
    gold = _rows(LIBRARY / "claims.csv")
    mine = [dict(gold[0], note="My own note."), dict(gold[8], note="Checked by me.")]
    stray = dict(gold[1], fact="protestors")  # a typo: kept, validate names it
    _write(emptied / "claims.csv", [*mine, stray], list(gold[0]))
    result = propose_claims(emptied)
    assert (result.written, result.kept, result.stray_rows) == (19, 2, [4])
    rows = _rows(emptied / "claims.csv")
    assert mine[0] in rows and mine[1] in rows and rows[-1] == stray
    assert len(rows) == 22
    summary = result.summary()
    assert "kept 2 rows already there" in summary and f"{A} × meeting_length" in summary
    assert "rows 4" in summary
    assert any(
        "'protestors' is not a fact in facts.csv; did you mean 'protesters'?" in p
        for p in _problems(emptied)
    )
    # the command line says the same
    assert cli(["propose", str(emptied)]) == 0
    out = capsys.readouterr().out
    assert "kept 21 rows already there" in out and "proposed 0" in out


def test_redo_writes_again_only_the_rows_still_marked(emptied):
    propose_claims(emptied)
    rows = _rows(emptied / "claims.csv")
    rows[0]["note"] = "Checked."  # the teacher confirmed row 2
    rows[1]["value"] = "999"  # ... and left this one marked
    _write(emptied / "claims.csv", rows)
    result = propose_claims(emptied, redo=True)
    assert (result.written, result.kept) == (20, 1)
    again = _rows(emptied / "claims.csv")
    assert again[0]["note"] == "Checked." and again[1]["value"] == "200"


def test_propose_without_cues_searches_the_label_and_says_so(case):
    (case / "claims.csv").write_text(
        (case / "claims.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
    )
    propose_claims(case)
    got = {(r["report_id"], r["fact"]): r for r in _rows(case / "claims.csv")}
    assert (
        got[(C, "mayor_statement")]["note"]
        == f"{PROPOSED} Searched the article for 'mayor', 'statement': not found."
    )


def test_propose_refuses_with_the_problems_to_fix_first(emptied):
    _set(emptied / "furniture.csv", 2, "start", "x")
    with pytest.raises(AuthoringError, match=r"(?s)fix these first.*furniture\.csv:2:start"):
        propose_claims(emptied)
    assert (emptied / "claims.csv").read_text(encoding="utf-8").count("\n") == 1  # untouched


def test_propose_quotes_stay_out_of_page_furniture(emptied):
    """The photo caption of 000 names the protesters: the quote must come from the article."""
    propose_claims(emptied)
    row = next(
        r for r in _rows(emptied / "claims.csv") if (r["report_id"], r["fact"]) == (A, "protesters")
    )
    assert row["quote"].startswith("About 200 protesters")


# ---------------------------------------------------------------- propose: reports.csv


def test_propose_starts_reports_csv_from_the_files(tmp_path, capsys):
    folder = new_case(tmp_path / "vote", "vote")
    for f in (LIBRARY / "reports").iterdir():
        shutil.copy(f, folder / "reports" / f.name)
    (folder / "reports" / "Notes.txt").write_text("not a report name", encoding="utf-8")
    assert cli(["propose", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert "reports/Notes.txt: not added: name it NNN-slug.txt" in out
    assert "claims.csv: not proposed yet" in err and "no facts yet" in err
    rows = _rows(folder / "reports.csv")
    assert [r["report_id"] for r in rows] == [A, B, C]
    for r in rows:
        assert r["sha256"] == hashlib.sha256((folder / r["file"]).read_bytes()).hexdigest()
        assert r["has_headline"] == "true" and r["origin"] == ""
    problems = _problems(folder)
    assert "reports.csv:2:origin: is empty: this column needs a value" in problems
    before = (folder / "reports.csv").read_bytes()
    assert [s for s in propose_reports(folder) if "Notes.txt" not in s] == []
    assert (folder / "reports.csv").read_bytes() == before  # a second run changes nothing


# ---------------------------------------------------------------- furniture


def test_furniture_helper_finds_the_span_of_first_and_last_words(case):
    row = furniture_row(case, A, "Get the Valley Gazette", "Sign up — it’s free.", "newsletter_box")
    text = load_case(case).text(A)
    assert text[row.start : row.end].startswith("Get the Valley Gazette morning briefing")
    assert text[row.start : row.end].endswith("it’s free.")
    assert (row.starts_with, row.ends_with) == ("Get the Valley Gazette", "Sign up — it’s free.")
    # without --last: to the end of the line
    caption = furniture_row(case, A, "Protesters outside", kind="photo_caption")
    assert text[caption.start : caption.end].endswith("Photo: Northway Press Agency")
    assert caption.ends_with == "vote. Photo: Northway Press Agency"


def test_furniture_helper_says_where_words_are_missing_or_repeated(case):
    with pytest.raises(
        AuthoringError,
        match=r"'Council members' occurs 2 times in "
        r"000-council-closes: 1\. at 489 \(line 6.*2\. at"
        r".*--first-match N",
    ):
        furniture_row(case, A, "Council members", kind="other")
    assert furniture_row(case, A, "Council members", kind="other", first_match=2).start > 489
    with pytest.raises(
        AuthoringError,
        match=r"is not in 000-council-closes: it differs "
        r"from the report only in ' vs ’",
    ):
        furniture_row(case, A, "Sign up — it's free.", kind="other")
    with pytest.raises(AuthoringError, match=r"after the first words.*occurs only before"):
        furniture_row(case, A, "Related stories", "Get the Valley", "related_articles")
    with pytest.raises(
        AuthoringError,
        match=r"no report '000-council-close' in reports\.csv; "
        r"did you mean '000-council-closes'\?",
    ):
        furniture_row(case, "000-council-close", "x", kind="other")
    with pytest.raises(
        AuthoringError,
        match=r"'photo caption' is not a furniture kind; did "
        r"you mean 'photo_caption'\?",
    ):
        furniture_row(case, A, "Protesters outside", kind="photo caption")


def test_appending_adds_ends_with_to_an_old_table_and_refuses_overlaps(case, capsys):
    import pandas as pd

    old = pd.read_csv(case / "furniture.csv", dtype=str, keep_default_na=False)
    old.drop(columns="ends_with").to_csv(case / "furniture.csv", index=False)
    rows = _rows(case / "furniture.csv")
    assert "ends_with" not in rows[0]  # made before the column existed: still valid
    assert _problems(case) == []
    row = furniture_row(case, A, "By Dana Whitfield", kind="other")
    n, notes = append_furniture(case, row)
    assert (n, notes) == (5, [])
    rows = _rows(case / "furniture.csv")
    assert list(rows[0]) == ["report_id", "start", "end", "kind", "starts_with", "ends_with"]
    assert rows[-1]["ends_with"] == "By Dana Whitfield, Valley Gazette"  # the whole short line
    assert rows[0]["ends_with"] == ""
    assert _problems(case) == []
    assert append_furniture(case, row)[0] == 5  # the same span again: already there
    assert len(_rows(case / "furniture.csv")) == 4
    overlap = furniture_row(case, A, "Get the Valley", kind="newsletter_box")
    n, notes = append_furniture(case, overlap)
    assert n is None and "overlaps row 3" in notes[0] and "not added" in notes[0]
    code = cli(
        [
            "furniture",
            str(case),
            A,
            "--first",
            "Get the Valley",
            "--kind",
            "newsletter_box",
            "--append",
        ]
    )
    assert code == 1 and "overlaps row 3" in capsys.readouterr().err
    assert len(_rows(case / "furniture.csv")) == 4


def test_a_wrong_end_is_caught_by_ends_with(case):
    """The span ends four characters early, so the clean text keeps a stray 'ring'; before
    ends_with, validate said nothing."""
    rows = _rows(case / "furniture.csv")
    text = load_case(case).text(A)
    for r in rows:
        r["ends_with"] = text[int(r["start"]) : int(r["end"])].rstrip()[-20:]
    good = int(rows[2]["end"])
    rows[2]["end"] = str(good - 5)
    _write(case / "furniture.csv", rows, [*rows[0]])
    problems = _problems(case)
    assert len(problems) == 1, problems
    assert problems[0].startswith(
        "furniture.csv:4:ends_with: span 1362-1526 of 000-council-closes ends with"
    )
    assert f"these words end at {good - 1}: set end to {good - 1}" in problems[0]
    # a span whose end reaches into the article (the headline swallows the lead)
    rows[2]["end"] = str(good)
    rows[0]["end"] = str(int(rows[0]["end"]) + 10)
    _write(case / "furniture.csv", rows, [*rows[0]])
    assert any(p.startswith("furniture.csv:2:ends_with:") for p in _problems(case))


def test_furniture_kinds_are_listed_once_and_the_new_ones_validate(case):
    for folder in (DEFAULT_CASE, LIBRARY):
        meta = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        furniture = next(r for r in meta["resources"] if r["name"] == "furniture")
        kind = next(f for f in furniture["schema"]["fields"] if f["name"] == "kind")
        assert kind["constraints"]["enum"] == list(KIND_NAMES)
    assert {"editors_note", "teaser", "other"} <= set(KIND_NAMES)
    assert KIND_NAMES["editors_note"] == "editor's note"
    for kind in ("editors_note", "teaser", "other"):
        _set(case / "furniture.csv", 2, "kind", kind)
        assert _problems(case) == []
    assert all(f"`{k}`" in readme("x", "x", "x") for k in KIND_NAMES)


# ---------------------------------------------------------------- validate's help


def test_a_quote_with_a_straight_apostrophe_says_where_it_differs(case):
    _set(case / "claims.csv", 5, "quote", "help fill a $1.2 million gap in next year's budget")
    assert _problems(case) == [
        (
            "claims.csv:5:quote: quote not found verbatim in report 000-council-closes: it "
            "differs from the report only in ' vs ’ at character 42 (the quote's character "
            "first): copy the words from the report"
        )
    ]


@pytest.mark.parametrize(
    "quote, report, says",
    [
        (
            "the mayor’s plan",
            "In short, the mayor's plan was approved.",
            "only in ’ vs ' at character 10",
        ),
        (
            "“Books, not budgets.”",
            'signs that read "Books, not budgets."',
            'only in “ vs " at character 1',
        ),
        (
            "voted 5-2 on Tuesday",
            "Council voted 5–2 on Tuesday night",
            "- (hyphen) vs – (en dash) at character 8",
        ),
        (
            "about 200 people",
            "about\u00a0200 people came",
            "a space vs a non-breaking space at character 6",
        ),
        ("about  200 people", "about 200 people came", "a double space vs a space at character 6"),
        (
            "Sign up - it's free",
            "Sign up — it’s free",
            "- (hyphen) vs — (em dash) at character 9 and ' vs ’",
        ),
        (
            "the meeting lasted four hours",
            "so the meeting lasted three hours.",
            "first differs at character 20 of the quote: 'four' where the report has 'three'",
        ),
        (
            "nothing like it at all here",
            "A council meeting about a library.",
            "no passage of the report comes close",
        ),
    ],
)
def test_quote_hints(quote, report, says):
    assert says in quote_hint(quote, report)


def test_an_id_typo_gets_did_you_mean_in_plain_words(case):
    _set(case / "claims.csv", 4, "report_id", "000-council-close")
    _set(case / "claims.csv", 5, "fact", "budjet_gap")
    _set(case / "furniture.csv", 3, "report_id", "001-council-aproves")
    problems = _problems(case)
    assert (
        "claims.csv:4:report_id: '000-council-close' is not a report_id in reports.csv; "
        "did you mean '000-council-closes'?" in problems
    )
    assert (
        "claims.csv:5:fact: 'budjet_gap' is not a fact in facts.csv; did you mean "
        "'budget_gap'?" in problems
    )
    assert (
        "furniture.csv:3:report_id: '001-council-aproves' is not a report_id in "
        "reports.csv; did you mean '001-council-approves'?" in problems
    )
    assert not any(j in p.lower() for p in problems for j in JARGON), problems
    assert (
        did_you_mean("003-two-hours-call", ["001-x", "003-two-hour-call"])
        == "did you mean '003-two-hour-call'?"
    )
    assert did_you_mean("zzz", ["001-x"]) == ""


def test_a_text_with_an_unquoted_comma_says_put_it_in_quotes(case):
    lines = (case / "claims.csv").read_text(encoding="utf-8").split("\n")
    rid, fact, _rest = lines[7].split(",", 2)  # spreadsheet row 8: a mention fact
    assert fact == "reopening_plan"
    lines[7] = f"{rid},{fact},false,,,,,,,,,Says where the books go, not the building."
    (case / "claims.csv").write_text("\n".join(lines), encoding="utf-8")
    problems = _problems(case)
    assert problems == [
        (
            "claims.csv:8: this row has more cells than the header: put a text "
            'with a comma in quotes ("like, this"; a spreadsheet does it when it '
            "saves as CSV)"
        )
    ], problems


def test_frictionless_problems_are_in_plain_words_with_file_row_field(case):
    _set(case / "reports.csv", 2, "sha256", "abc")
    _set(case / "reports.csv", 3, "origin", "")
    _set(case / "reports.csv", 4, "has_headline", "yes")
    _set(case / "furniture.csv", 2, "kind", "caption")
    _set(case / "furniture.csv", 3, "start", "six")
    _set(case / "claims.csv", 2, "bound", "abuot")
    _set(case / "claims.csv", 3, "value", "two hundred")
    _set(case / "claims.csv", 3, "low", "-5")
    problems = _problems(case)
    for want in [
        "reports.csv:2:sha256: 'abc' is not in the expected form: 64 characters 0-9 and a-f",
        "reports.csv:3:origin: is empty: this column needs a value",
        "reports.csv:4:has_headline: 'yes' is not true or false: write true or false",
        "furniture.csv:2:kind: 'caption' is not one of the allowed values: donation_appeal,",
        "furniture.csv:3:start: 'six' is not a whole number: write digits only",
        (
            "claims.csv:2:bound: 'abuot' is not one of the allowed values: about, at_least, "
            "at_most, exact; did you mean 'about'?"
        ),
        "claims.csv:3:value: 'two hundred' is not a number: write digits",
        "claims.csv:3:low: '-5' is too small: the smallest allowed value is 0",
    ]:
        assert any(p.startswith(want) for p in problems), (want, problems)
    assert "did you mean 'photo_caption'?" in next(p for p in problems if ":kind:" in p)
    assert not any(j in p.lower() for p in problems for j in JARGON), problems
    assert all(re.match(r"^[a-z_]+\.csv:\d+:[a-z0-9_]+: \S", p) for p in problems), problems


def test_a_duplicate_row_names_the_row_it_repeats(case):
    rows = _rows(case / "claims.csv")
    _write(case / "claims.csv", [*rows, rows[2]])
    assert (
        "claims.csv:23: the same report_id and fact as row 4: each report_id and fact "
        "once (delete one row)" in _problems(case)
    )


def test_unreadable_cues_are_a_located_problem(emptied):
    _set(emptied / "facts.csv", 3, "cues", "nouns protester")
    propose = [p for p in _problems(emptied) if p.startswith("facts.csv")]
    assert propose == [
        (
            "facts.csv:3:cues: cannot read 'nouns protester' (expected e.g. "
            "'nouns: call, conversation; verbs: spoke')"
        )
    ]


def test_a_proposed_row_is_a_problem_until_the_mark_is_deleted(case):
    _set(case / "claims.csv", 8, "note", f"{PROPOSED} Searched the article for 'mayor': not found.")
    assert _problems(case) == [
        (
            "claims.csv:8:note: proposed by medialit propose, not checked yet: check the row "
            f"against report 000-council-closes, then delete '{PROPOSED}' from the note"
        )
    ]


# ---------------------------------------------------------------- the documentation


def _schema_field(table: str, name: str) -> dict:
    meta = json.loads((DEFAULT_CASE / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in meta["resources"] if r["name"] == table)
    return next(f for f in res["schema"]["fields"] if f["name"] == name)


def test_has_headline_is_documented_as_the_data_uses_it():
    """000's raw text starts with a donation appeal; its headline is the first line once
    the furniture is cut out, and has_headline is true."""
    case = load_case()
    r = case.reports.set_index("report_id").loc["000-takeaways"]
    assert r.text.startswith("Support The Moscow Times!") and r.has_headline
    assert r.headline == "Takeaways from Trump-Putin Call"
    doc = _schema_field("reports", "has_headline")["description"]
    assert "furniture" in doc and "cut out" in doc
    assert "once the page\n  furniture (step 3) is cut out" in readme("x", "x", "x")


def test_a_presidents_own_words_are_documented_as_the_data_codes_them():
    """Trump's and Putin's own words are official in both tables; only the readouts and
    statements are white_house or kremlin."""
    case = load_case()
    att = case.table("attributions")
    named = att[att.source_name.isin(["Trump", "Putin"])]
    assert len(named) and set(named.source) == {"official"}
    claims = case.claims
    assert set(claims.loc[claims.source_name == "Vladimir Putin", "attribution"]) == {"official"}
    assert set(
        claims.loc[
            claims.source_name.str.contains("readout|statement", case=False)
            & claims.source_name.str.contains("White House|Kremlin"),
            "attribution",
        ]
    ) == {"white_house", "kremlin"}
    doc = _schema_field("claims", "attribution")["description"]
    assert "a president's own words" in doc and "official with the name" in doc
    text = " ".join(readme("x", "x", "x").split())
    assert "is `official`, with their name (`Trump`, `Putin`)" in text
    assert (
        "`white_house` or `kremlin` for those two, also when it says what the president said"
        in text
    )


def test_the_readme_no_longer_says_an_empty_case_is_ok(tmp_path):
    text = " ".join(readme("x", "x", "x").split())
    assert "empty case is also" not in text
    assert "an empty case is **not** OK" in text
    assert "one report, one fact and their claims row" in text
    folder = new_case(tmp_path / "c", "c")
    assert validate_case(folder)  # and it is not


# ---------------------------------------------------------------- proposals on another event


def _mini_case(tmp_path, text: str, facts: list[str]) -> Path:
    """A new case with one report and the given facts.csv rows (its reports.csv started
    by propose, origin left empty: propose_claims does not need it)."""
    folder = new_case(tmp_path / "mini", "mini")
    (folder / "reports" / "000-first.txt").write_text(text, encoding="utf-8")
    propose_reports(folder)
    header = (folder / "facts.csv").read_text(encoding="utf-8").splitlines()[0]
    (folder / "facts.csv").write_text("\n".join([header, *facts]) + "\n", encoding="utf-8")
    return folder


def test_proposals_prefer_the_article_to_the_headline_and_name_the_nearest_speaker(tmp_path):
    text = (
        "Leaders talk for over 2 hours\n"
        "The call lasted two hours and 17 minutes, the White House said.\n"
        "Xi warned the US not to “play with fire”, but Biden stressed that the policy has "
        "not changed.\n"
        "“Nothing has changed,” said Jean Smith, a spokeswoman.\n"
    )
    folder = _mini_case(
        tmp_path,
        text,
        [
            'call_length,Call length,quantity,minutes,How long?,"nouns: call; verbs: talk",',
            "fire,Playing with fire,mention,,Is the warning there?,nouns: fire,",
            "unchanged,Policy unchanged,mention,,Is it there?,verbs: changed,",
            "denial,Smith's denial,mention,,Is it there?,nouns: nothing,",
        ],
    )
    propose_claims(folder)
    got = {r["fact"]: r for r in _rows(folder / "claims.csv")}
    length = got["call_length"]
    assert (length["value"], length["bound"], length["low"], length["high"]) == (
        "137",
        "exact",
        "137",
        "137",
    )  # the article's precise figure, not the headline's
    assert length["quote"].startswith("The call lasted two hours and 17 minutes")
    assert (length["attribution"], length["source_name"]) == ("white_house", "the White House")
    assert "the report also has 'over 2 hours'" in length["note"]
    assert (got["fire"]["attribution"], got["fire"]["source_name"]) == ("official", "Xi")
    assert got["unchanged"]["source_name"] == "Biden"
    assert got["denial"]["source_name"] == "Jean Smith"  # the speaker is outside the quotation
    confirm_claims(folder)
    assert [p for p in _problems(folder) if not p.startswith("reports.csv:")] == []
