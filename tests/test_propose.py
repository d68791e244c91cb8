"""A cheap facts.csv (issue 13): ``propose --facts`` proposes the quantity facts the
reports give, a teacher's own fact needs only a label and a kind (the id and the question
are written from the label, the label's words are the cues), and every question propose
writes stays marked until the teacher confirms it. On the invented cases under
tests/cases only."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from medialit import validate_case
from medialit.case import PROPOSED
from medialit.cli import main as cli
from medialit.newcase import new_case, readme
from medialit.propose import (
    AuthoringError,
    complete_facts,
    confirm_claims,
    confirm_facts,
    fact_id_for,
    propose_claims,
    propose_facts,
    propose_reports,
    question_for,
)

CASES = Path(__file__).resolve().parent / "cases"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _header(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[0].split(",")


def _write(path: Path, rows: list[dict], columns: list[str]) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, columns, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _empty(folder: Path, *tables: str) -> None:
    for t in tables:
        p = folder / f"{t}.csv"
        p.write_text(p.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


@pytest.fixture(params=["library-vote", "crowd-event"])
def blank(request, tmp_path):
    """A copy of an invented case with no facts and no claims (reports and furniture
    kept), as a teacher has it after step 3."""
    dst = tmp_path / request.param
    shutil.copytree(CASES / request.param, dst)
    _empty(dst, "facts", "claims", "clues", "attributions", "loaded_words", "frames")
    return dst


# What each invented case's reports give, and what the proposal must find of it.
EXPECTED = {
    "library-vote": {
        "meeting_length": ("minutes", {"000-council-closes", "002-marathon-meeting"}),
        "protesters": ("protesters", {"000-council-closes", "002-marathon-meeting"}),
    },
    "crowd-event": {
        "march_length": (
            "minutes",
            {"000-thousands-march", "001-organisers-claim", "002-wire-copy"},
        ),
        "marchers": ("marchers", None),
        "arrests": ("arrests", None),
    },
}


def test_propose_facts_finds_the_figures_two_reports_give(blank):
    added = {pf.fact: pf for pf in propose_facts(blank)}
    for fact, (unit, reports) in EXPECTED[blank.name].items():
        assert fact in added, (fact, sorted(added))
        assert added[fact].unit == unit
        assert len(added[fact].seen) >= 2  # comparing needs two reports with the figure
        if reports is not None:
            assert reports <= set(added[fact].seen), added[fact].seen
    rows = {r["fact"]: r for r in _rows(blank / "facts.csv")}
    assert set(rows) == set(added)
    for r in rows.values():
        assert r["kind"] == "quantity"
        assert r["question"].startswith(PROPOSED + " ") and r["question"].endswith("?")
        assert r["cues"], r  # they tell the extractor what the number measures
    assert rows[next(iter(EXPECTED[blank.name]))]["question"] == (
        f"{PROPOSED} How long does the report say the "
        f"{'meeting' if blank.name == 'library-vote' else 'march'} lasted?"
    )


def test_library_facts_grow_the_cues_column_and_validate_only_marks_the_questions(tmp_path):
    folder = tmp_path / "library-vote"
    shutil.copytree(CASES / "library-vote", folder)
    _empty(folder, "facts", "claims")
    assert "cues" not in _header(folder / "facts.csv")  # the case leaves the column out
    propose_facts(folder)
    assert "cues" in _header(folder / "facts.csv")
    facts = [p for p in validate_case(folder) if p.file == "facts.csv"]
    n = len(_rows(folder / "facts.csv"))
    assert len(facts) == n and {p.field for p in facts} == {"question"}
    assert all("not checked yet" in p.reason and PROPOSED in p.reason for p in facts)


def test_a_case_whose_facts_cover_its_figures_gets_no_duplicate(tmp_path):
    folder = tmp_path / "crowd-event"
    shutil.copytree(CASES / "crowd-event", folder)
    before = (folder / "facts.csv").read_bytes()
    assert propose_facts(folder) == []  # crowd_size, march_length and arrests cover them
    assert (folder / "facts.csv").read_bytes() == before
    folder = tmp_path / "library-vote"
    shutil.copytree(CASES / "library-vote", folder)
    names = {pf.fact for pf in propose_facts(folder)}
    assert names and not names & {"meeting_length", "protesters", "meeting_length_2"}
    assert not any(n.startswith(("protesters_", "meeting_length_")) for n in names)


def test_a_teachers_fact_needs_only_a_label_and_a_kind(tmp_path):
    """Keep two proposals, delete the rest, add mention and wording facts with two cells
    each: propose writes the ids and questions, the claims, and after the checks (here:
    --confirm) the case validates."""
    folder = tmp_path / "library-vote"
    shutil.copytree(CASES / "library-vote", folder)
    _empty(folder, "facts", "claims")
    propose_facts(folder)
    path = folder / "facts.csv"
    header = _header(path)
    kept = [r for r in _rows(path) if r["fact"] in ("meeting_length", "protesters")]
    own = [
        {"label": "Residents' petition", "kind": "mention"},
        {"label": "Budget gap", "kind": "mention"},
        {"label": "Reading room", "kind": "wording"},
    ]
    _write(path, kept + own, header)
    said = complete_facts(folder)
    rows = _rows(path)
    assert [r["fact"] for r in rows] == [
        "meeting_length",
        "protesters",
        "residents_petition",
        "budget_gap",
        "reading_room",
    ]
    questions = [r["question"] for r in rows[2:]]
    assert questions == [
        f"{PROPOSED} Does the report mention residents' petition?",
        f"{PROPOSED} Does the report mention budget gap?",
        f"{PROPOSED} In its own words, what does the report say about reading room?",
    ]
    assert any("fact id 'budget_gap' made from the label" in s for s in said)
    assert all(r["cues"] == "" for r in rows[2:])  # the label's words are searched
    result = propose_claims(folder)
    assert result.written == 5 * 3
    claims = {(r["report_id"], r["fact"]): r for r in _rows(folder / "claims.csv")}
    petition = claims[("000-council-closes", "residents_petition")]
    assert petition["mentioned"] == "true" and "petition" in petition["quote"]
    assert confirm_facts(folder) == 5 and confirm_claims(folder) == 15
    assert [str(p) for p in validate_case(folder)] == []
    assert _rows(path)[2]["question"] == "Does the report mention residents' petition?"


def test_a_marked_question_follows_the_label_and_a_teachers_question_stays(tmp_path):
    folder = tmp_path / "library-vote"
    shutil.copytree(CASES / "library-vote", folder)
    path = folder / "facts.csv"
    rows = _rows(path)
    mine = rows[0]["question"]
    rows.append({"fact": "", "label": "Reading room", "kind": "mention", "question": ""})
    _write(path, rows, _header(path))
    complete_facts(folder)
    rows = _rows(path)
    assert rows[0]["question"] == mine  # never touched
    assert rows[-1]["question"] == f"{PROPOSED} Does the report mention reading room?"
    rows[-1]["label"] = "Reopening as a reading room"
    _write(path, rows, _header(path))
    said = complete_facts(folder)
    assert _rows(path)[-1]["question"] == (
        f"{PROPOSED} Does the report mention reopening as a reading room?"
    )
    assert _rows(path)[-1]["fact"] == "reading_room"  # an id, once written, stays
    assert said == [
        "row 9 (reading_room): question written: "
        "'Does the report mention reopening as a reading room?'"
    ]
    assert complete_facts(folder) == []  # nothing left to do


def test_a_fact_with_no_kind_is_left_for_validate_to_name(tmp_path):
    folder = tmp_path / "library-vote"
    shutil.copytree(CASES / "library-vote", folder)
    path = folder / "facts.csv"
    rows = [*_rows(path), {"fact": "", "label": "Reading room", "kind": "", "question": ""}]
    _write(path, rows, _header(path))
    complete_facts(folder)
    last = _rows(path)[-1]
    assert last["fact"] == "reading_room" and last["question"] == ""
    problems = [str(p) for p in validate_case(folder) if p.file == "facts.csv"]
    assert any(p.startswith("facts.csv:9:kind:") for p in problems), problems
    with pytest.raises(AuthoringError, match=r"facts\.csv:9:kind"):
        propose_claims(folder)


def test_a_label_without_cues_prefers_the_sentence_with_all_its_words(tmp_path):
    folder = new_case(tmp_path / "mini", "mini")
    (folder / "reports" / "000-first.txt").write_text(
        "Leaders talk for an hour\n"
        "Biden said the policy has not changed. The leaders also discussed climate change "
        "and health.\n",
        encoding="utf-8",
    )
    propose_reports(folder)
    _write(
        folder / "facts.csv",
        [{"label": "Climate change", "kind": "mention"}],
        _header(folder / "facts.csv"),
    )
    complete_facts(folder)
    propose_claims(folder)
    (row,) = _rows(folder / "claims.csv")
    assert row["fact"] == "climate_change" and row["mentioned"] == "true"
    assert row["quote"] == "The leaders also discussed climate change and health."


QUESTIONS = [  # label, kind, unit, report text, the question written from them
    ("Call length", "quantity", "minutes", "", "How long does the report say the call lasted?"),
    ("Length of the ceasefire", "quantity", "days", "", "How long does the report say the "
     "ceasefire lasted?"),
    ("Crowd size", "quantity", "people", "", "What number of people does the report give "
     "for crowd size?"),
    ("Number of marchers", "quantity", "marchers", "", "What number of marchers does the "
     "report give?"),
    ("Chinese people", "quantity", "people", "the will of 1.4 billion Chinese people",
     "What number of Chinese people does the report give?"),
    ("Pelosi's visit", "mention", "", "Speaker Nancy Pelosi's trip",
     "Does the report mention Pelosi's visit?"),
    ("Playing with fire", "mention", "", "warned about playing with fire",
     "Does the report mention playing with fire?"),
    ("US policy", "mention", "", "", "Does the report mention US policy?"),
]  # fmt: skip


@pytest.mark.parametrize(("label", "kind", "unit", "text", "question"), QUESTIONS)
def test_questions_read_as_sentences(label, kind, unit, text, question):
    assert question_for(label, kind, unit, (text,) if text else ()) == question


def test_fact_ids_from_labels_are_valid_and_unique():
    import re

    taken: set[str] = set()
    for label in ["Pelosi's visit", "Pelosi’s visit", "2024 vote", "   ", "Über-Zölle!"]:
        fact = fact_id_for(label, taken)
        assert re.fullmatch(r"[a-z][a-z0-9_]*", fact), fact
        assert fact not in taken
        taken.add(fact)
    assert fact_id_for("Pelosi's visit") == "pelosi_visit"


def test_cli_facts_prints_where_and_writes_no_claims_then_confirm_counts_both(blank, capsys):
    assert cli(["propose", str(blank), "--facts"]) == 0
    out = capsys.readouterr().out
    assert "facts.csv: proposed" in out and "Keep, rename or delete" in out
    assert _rows(blank / "claims.csv") == []  # claims wait for the teacher's facts
    assert cli(["propose", str(blank)]) == 0
    capsys.readouterr()
    n_facts, n_claims = len(_rows(blank / "facts.csv")), len(_rows(blank / "claims.csv"))
    assert n_claims == n_facts * len(_rows(blank / "reports.csv"))
    assert cli(["propose", str(blank), "--confirm"]) == 0
    out = capsys.readouterr().out
    assert f"from {n_facts} questions of facts.csv and {n_claims} rows of claims.csv" in out


def test_propose_without_facts_says_how_to_get_them(tmp_path, capsys):
    folder = new_case(tmp_path / "mini", "mini")
    (folder / "reports" / "000-first.txt").write_text("A headline\nA text.\n", encoding="utf-8")
    assert cli(["propose", str(folder)]) == 0
    assert "no facts yet" in capsys.readouterr().err
    assert cli(["propose", str(folder)]) == 1  # nothing to do: it says why
    assert "propose " + str(folder) + " --facts" in capsys.readouterr().err


def test_the_readme_is_short_and_in_the_order_a_teacher_works():
    text = readme("x", "x", "x")
    assert len(text.split()) <= 950
    steps = [
        "python -m medialit propose .",
        "python -m medialit furniture .",
        "python -m medialit propose . --facts",
        "`cues`",
        "Two cells are enough",
        "python -m medialit propose .\n\nwrites `claims.csv`",
        "propose . --confirm",
        "python -m medialit validate .",
    ]
    at = [text.find(s) for s in steps]
    assert -1 not in at and at == sorted(at), at


def test_redo_of_one_fact_keeps_the_edits_in_the_others(tmp_path, capsys):
    """The teacher fixes a row of one fact (mark kept until --confirm), then writes cues
    for another and runs --redo on that fact only: the fixed row stays."""
    folder = tmp_path / "library-vote"
    shutil.copytree(CASES / "library-vote", folder)
    _empty(folder, "claims")
    propose_claims(folder)
    path = folder / "claims.csv"
    rows = _rows(path)
    fixed = next(r for r in rows if r["fact"] == "mayor_statement")
    fixed["source_name"] = "the mayor (checked)"  # an edit in a row still marked
    _write(path, rows, _header(path))
    assert cli(["propose", str(folder), "--redo", "petition"]) == 0
    assert "proposed 3" in capsys.readouterr().out  # the three petition rows only
    again = {(r["report_id"], r["fact"]): r for r in _rows(path)}
    assert again[(fixed["report_id"], "mayor_statement")]["source_name"] == "the mayor (checked)"
    assert cli(["propose", str(folder), "--redo", "petiton"]) == 1
    assert "no such fact" in capsys.readouterr().err
    assert cli(["propose", str(folder), "--redo"]) == 0  # every fact: the edit is lost
    again = {(r["report_id"], r["fact"]): r for r in _rows(path)}
    assert again[(fixed["report_id"], "mayor_statement")]["source_name"] != "the mayor (checked)"


def test_a_mention_found_by_one_word_of_the_label_says_so(tmp_path):
    folder = new_case(tmp_path / "mini", "mini")
    (folder / "reports" / "000-first.txt").write_text(
        "Leaders talk for an hour\nBiden said the policy has not changed.\n", encoding="utf-8"
    )
    propose_reports(folder)
    _write(
        folder / "facts.csv",
        [{"label": "Climate change", "kind": "mention"}, {"label": "Policy", "kind": "mention"}],
        _header(folder / "facts.csv"),
    )
    complete_facts(folder)
    propose_claims(folder)
    climate, policy = _rows(folder / "claims.csv")
    assert climate["mentioned"] == "true"  # 'changed': a weak reason, and the note says so
    assert "Only this one of the label's words" in climate["note"]
    assert "propose --redo climate_change" in climate["note"]
    assert policy["mentioned"] == "true" and "Only" not in policy["note"]  # one word: no doubt


def test_a_proposed_quote_leaves_the_dateline_out(tmp_path):
    """ "PORT ALDER — About 8,000 people marched ..." is quoted from "About": a dateline (a
    place in capitals, an optional date and agency, a dash) is not part of the claim. A
    sentence that starts with a capitalised word and a dash keeps it."""
    from medialit.propose import _sentence

    folder = shutil.copytree(CASES / "crowd-event", tmp_path / "crowd")
    _empty(folder, "claims")
    propose_claims(folder)
    quotes = [r["quote"] for r in _rows(folder / "claims.csv") if r["quote"]]
    assert quotes and not [q for q in quotes if q.startswith("PORT ALDER")]
    assert "About 8,000 people marched through the centre of Port Alder on Saturday" in (
        " ".join(quotes)
    )
    assert validate_case(folder) == [] or all("PROPOSED" in str(p) for p in validate_case(folder))
    for text, kept in [
        ("MOSCOW, March 18 (Reuters) — The call lasted two hours.", "The call"),
        ("WASHINGTON -- Talks ran late.", "Talks"),
        ("NATO - the alliance said it would meet.", "NATO"),
        ("US-China talks lasted an hour.", "US-China"),
    ]:
        a, _ = _sentence(text, text.index("l"), text.index("l") + 1)
        assert text[a:].startswith(kept), text
