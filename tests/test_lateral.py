"""Trace it to the original (issue 12, section 3, and the genre step): the readouts table
holds the facts checked against copies of the two readouts, short phrases only; the
chapter's keys agree with it and with the genres table; readout phrases in «guillemets»
are recorded ones; the items come before the tables that answer them."""

from __future__ import annotations

import re

import nbformat
import pytest
import yaml

from medialit import lateral, load_case
from medialit.exercises import catalog
from medialit.exercises.compile import ANSWERS_DIR, ITEMS_DIR, answer_key
from tests.support.paths import ROOT

CHAPTER = ROOT / "book" / "chapters" / "03-lateral.ipynb"
SOLUTION = ROOT / "solutions" / "03-lateral.ipynb"
ITEMS_FILE = ITEMS_DIR / "03-lateral.yaml"
KEY_FILE = ANSWERS_DIR / "03-lateral.yaml"
KEY = answer_key()
CURLY = re.compile(r"“([^”]+)”")


@pytest.fixture(scope="module")
def table(case):
    return lateral.readouts(case)


def _stated(table, topic, readout):
    row = table[(table.topic == topic) & (table.readout == readout)]
    assert len(row) == 1, (topic, readout)
    return row.stated.item()


# --------------------------------------------------------------------------- the data


def test_the_readouts_and_genres_tables_pass_their_checks(case):
    assert lateral.check(case) == []
    assert list(lateral.originals(case).index) == ["White House", "Kremlin"]


def test_the_facts_of_the_note_are_in_the_table(table):
    """Kremlin only: prisoners 175/175, the 23 wounded, hockey, expert groups, an end to
    military aid; White House only: Iran and Israel, economic deals; strategic weapons are
    the White House's words; neither readout is recorded as giving the call's length."""
    for topic in ("prisoners_175", "wounded_23", "hockey", "expert_groups", "military_aid"):
        assert (_stated(table, topic, "kremlin"), _stated(table, topic, "white_house")) == (
            "yes",
            "no",
        ), topic
    for topic in ("iran_israel", "economic_deals"):
        assert (_stated(table, topic, "white_house"), _stated(table, topic, "kremlin")) == (
            "yes",
            "no",
        ), topic
    words = table.set_index(["topic", "readout"])["words"]
    assert "strategic weapons" in words["non_proliferation", "white_house"]
    assert "strategic" not in words["non_proliferation", "kremlin"]
    assert words["energy_halt", "white_house"] == "energy and infrastructure ceasefire"
    assert words["energy_halt", "kremlin"] == "energy infrastructure facilities"
    assert _stated(table, "call_length", "white_house") == "no"
    assert _stated(table, "call_length", "kremlin") == "unchecked"


def test_only_in_one_leaves_out_what_is_not_settled(case):
    only = lateral.only_in_one(case)
    assert "call_length" not in only.index  # the Kremlin side is not checked
    assert only.loc["hockey", "only in"] == "Kremlin"
    assert only.loc["iran_israel", "only in"] == "White House"
    assert "black_sea" not in only.index  # in both readouts


def test_phrases_are_short_and_every_row_names_where_it_was_checked(table):
    for _, r in table.iterrows():
        assert len(r.words.split()) <= lateral.MAX_PHRASE_WORDS
        addresses = r.checked_in.split()
        assert addresses and all(a.startswith(("https://", "http://")) for a in addresses), r.topic
    for _, g in table.groupby("readout"):
        assert sum(len(w.split()) for w in g.words) <= lateral.MAX_WORDS_PER_READOUT


@pytest.mark.parametrize(
    "change, problem",
    [
        (
            lambda t: t.assign(words=t.words.where(t.index != 0, " ".join(["word"] * 13))),
            "readouts.csv:2:words: 13 words",
        ),
        (lambda t: t.drop(index=1), "topic energy_halt: one row for each of"),
        (
            lambda t: t.assign(fact=t.fact.where(t.index != 0, "no_such_fact")),
            "readouts.csv:2:fact: unknown fact 'no_such_fact'",
        ),
        (
            lambda t: t.assign(cue=t.cue.where(t.index != 4, "(unclosed")),
            "readouts.csv:6:cue: not a regular expression",
        ),
        (
            lambda t: t.assign(words=t.words.where(t.index != 2, "30 days")),  # stated: no
            "readouts.csv:4:words: words for a topic the readout does not state",
        ),
    ],
)
def test_check_finds_a_broken_readouts_row(case, monkeypatch, change, problem):
    broken = change(lateral.readouts(case))
    monkeypatch.setattr(lateral, "readouts", lambda c: broken)
    found = [str(p) for p in lateral.check(case)]
    assert any(problem in p for p in found), found


def test_check_finds_a_quote_that_is_not_in_the_article_and_a_second_genre(case, monkeypatch):
    g = lateral.genres(case)
    g.loc[0, "evidence"] = "Takeaways from the Trump-Putin Call"  # one word added
    g.loc[1, "genre"] = "news_report"
    monkeypatch.setattr(lateral, "genres", lambda c: g)
    found = [str(p) for p in lateral.check(case)]
    assert "genres.csv:2:evidence: not found verbatim in the article of 000-takeaways" in found
    assert any("report 000-takeaways: one genre" in p for p in found), found


def test_a_case_without_the_tables_says_so_and_the_library_case_has_nothing_to_check():
    library = load_case(ROOT / "tests" / "cases" / "library-vote")
    assert lateral.readouts(library).empty and lateral.check(library) == []
    bare = load_case()
    bare.metadata = {
        **bare.metadata,
        "resources": [r for r in bare.metadata["resources"] if r["name"] != "readouts"],
    }
    with pytest.raises(KeyError, match="has no readouts table"):
        lateral.readouts(bare)
    assert lateral.check(bare) == []  # genres still fine, readouts absent


# --------------------------------------------------------------------------- tables


def test_wording_counts_follow_the_texts(case):
    w = lateral.wording(case)
    assert w.loc["004", "energy and infrastructure"] == 3
    assert w.loc["000", "energy and infrastructure"] == 0
    assert w.loc["000", "energy infrastructure"] == 2
    assert (w.loc["002"] > 0).all()  # both wordings


def test_trace_credits_what_the_reports_credit(case):
    t = lateral.trace_table(case, ["hockey", "iran_israel", "prisoners_175"], with_readouts=False)
    assert t.loc["Hockey matches between Russian and American players"].tolist() == [
        "Kremlin",
        "own voice",
        "own voice",
        "analyst",
        "Kremlin",
    ]
    assert t.loc["Iran must never be able to destroy Israel", "004"] == "White House"
    assert t.loc["Iran must never be able to destroy Israel", "000"] == "—"
    assert t.loc["A prisoner exchange, 175 for 175, on 19 March", "001"] == "own voice"


def test_numbers_table_gives_the_reports_figures(case):
    n = lateral.number_sources(case)
    row = n.loc["How long the call lasted"]
    assert (row["White House"], row["Kremlin"]) == ("no", "not checked")
    assert row["000"] == "more than 90 minutes (own voice)"
    assert row["002"] == "—"
    assert n.loc["The halt lasts 30 days", "002"] == "30 days (Kremlin)"


def test_the_kremlins_words_in_002s_own_voice(case):
    own = lateral.readout_words_in_own_voice(case)
    assert set(zip(own.report, own.phrase, strict=False)) == {
        ("002", "forced mobilizations"),
        ("002", "American partners"),
    }


def test_density_table_keeps_the_genre_beside_the_rate(case):
    d = lateral.density_by_genre(case)
    assert list(d.index) == ["000", "001", "002", "003", "004"]
    assert d.loc["002", "quoted, %"] == 0
    assert d.loc["000", "kind of text"] == "takeaways explainer"


# --------------------------------------------------------------------------- keys


def _segments(item_id):
    tpl = next(
        t for t in yaml.safe_load(ITEMS_FILE.read_text(encoding="utf-8")) if t["id"] == item_id
    )
    return {s["id"]: s["text"] for s in tpl["segments"]}


def _as_list(x):
    return x if isinstance(x, list) else [x]


def test_wording_key_is_what_the_counts_say(case):
    w = lateral.wording(case)
    uses = {f"r{n}" for n in w.index if w.loc[n, "energy and infrastructure"] > 0}
    assert set(KEY["lateral_wording"]["accept"]) == uses


SEGMENT_TOPIC = {
    "s1": "expert_groups",
    "s2": "iran_israel",
    "s3": "wounded_23",
    "s4": "non_proliferation",
    "s5": "hockey",
    "s6": "black_sea",
}


def test_which_readout_key_rests_on_the_readouts_table(case, table):
    """The label the table gives each passage's topic is accepted, and a topic in one
    readout only accepts only that readout."""
    accept = KEY["lateral_one_readout"]["accept"]
    assert set(accept) == set(SEGMENT_TOPIC) == set(_segments("lateral_one_readout"))
    for seg, topic in SEGMENT_TOPIC.items():
        wh, kr = _stated(table, topic, "white_house"), _stated(table, topic, "kremlin")
        label = {("yes", "yes"): "both", ("yes", "no"): "white_house", ("no", "yes"): "kremlin"}[
            (wh, kr)
        ]
        assert label in _as_list(accept[seg]), seg
        if label != "both":
            assert _as_list(accept[seg]) == [label], seg


def test_call_length_key_rests_on_the_white_house_row(table):
    assert KEY["lateral_call_length"]["accept"] == "silent"
    assert _stated(table, "call_length", "white_house") == "no"


GENRE_LABEL = {
    "takeaways_explainer": "explainer",
    "interpretive_chronicle": "chronicle",
    "expert_analysis": "experts",
    "statement_rewrite": "rewrite",
    "news_report": "news",
}


def test_genre_key_agrees_with_the_genres_table(case):
    accept = KEY["genre_match"]["accept"]
    for report, genre in lateral.genre_of(case).items():
        assert _as_list(accept[f"g{report}"])[0] == GENRE_LABEL[genre], report
    for seg, text in _segments("genre_match").items():  # each passage is from its report
        report = next(r for r in case.report_ids if r.startswith(seg[1:]))
        assert text in case.text(report, clean=True), seg


def test_density_item_premises_hold(case):
    """The prompt says 000 has the highest rate and 002 quotes none of its phrases."""
    figures = lateral.chapter_figures(case)
    assert figures["densest"] == "000" and figures["quoted_002"] == 0
    prompt = next(i for i in catalog("lateral") if i.id == "genre_density").spec["prompt"]
    assert "Report 000 has the most" in prompt and "Report 002 quotes none" in prompt


def test_items_that_need_the_internet_say_so_first():
    needs = {"lateral_one_readout", "lateral_call_length"}
    for it in catalog("lateral"):
        assert it.spec["prompt"].startswith("Needs the internet") == (it.id in needs), it.id


# --------------------------------------------------------------------------- quotes


def _texts():
    for path in (CHAPTER, SOLUTION):
        nb = nbformat.read(path, as_version=4)
        yield path.name, "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for path in (ITEMS_FILE, KEY_FILE):
        yield path.name, path.read_text(encoding="utf-8")


def test_every_guillemet_quote_is_a_recorded_readout_phrase(table):
    recorded = set(table.loc[(table.stated == "yes") & (table.words != ""), "words"])
    seen = 0
    for name, text in _texts():
        for q in lateral.READOUT_QUOTE.findall(text):
            seen += 1
            assert " ".join(q.split()) in recorded, f"{name}: «{q}» is not in data/readouts.csv"
    assert seen >= 10


def test_readout_phrases_are_not_passed_off_as_a_report_s(case, table):
    """A phrase in curly quotes is a report's: it is verbatim in a report (the book-wide
    test checks that too), so a readout phrase in curly quotes must also be in a report."""
    reports = [" ".join(t.split()) for t in case.reports.text]
    for name, text in _texts():
        for q in CURLY.findall(text):
            assert any(" ".join(q.split()) in r for r in reports), f"{name}: “{q}”"


# --------------------------------------------------------------------------- the page

ANSWERED_BY = {
    "lateral_one_readout": "readout_table(",
    "lateral_call_length": "number_sources(",
    "lateral_wording": "lateral.wording(",
    "lateral_numbers": None,
    "genre_match": "genre_table(",
    "genre_density": "readout_words_in_own_voice(",
}


def test_every_item_is_shown_before_the_table_that_answers_it():
    nb = nbformat.read(CHAPTER, as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    shown = {}
    for n, src in enumerate(code):
        for call in re.findall(r"show\(([^)]*)\)", src):
            for item_id in re.findall(r'"([a-z_0-9]+)"', call):
                shown.setdefault(item_id, n)
    assert set(shown) == {i.id for i in catalog("lateral")} == set(ANSWERED_BY)
    for item_id, marker in ANSWERED_BY.items():
        if marker:
            answer = next(n for n, src in enumerate(code) if marker in src)
            assert shown[item_id] < answer, (item_id, marker)


def test_the_prose_states_no_typed_figure_the_data_gives():
    """Counts and rates in the chapter's prose are glued from chapter_figures."""
    nb = nbformat.read(CHAPTER, as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    glued = set(re.findall(r"\{glue:text\}`([a-z_0-9]+)", prose))
    assert glued and glued <= set(lateral.chapter_figures(load_case()))
    for figure in ("38.2", "13.9", "419", "13 of these", "10 in the", "three times"):
        assert figure not in prose, figure


def test_the_chapter_sits_before_framing_in_the_toc():
    toc = yaml.safe_load((ROOT / "book" / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert files.index("chapters/03-lateral") == files.index("chapters/04-framing") - 1
    assert files.index("chapters/03-attribution") < files.index("chapters/03-lateral")


def test_instructor_cells_hold_the_answer_key():
    nb = nbformat.read(CHAPTER, as_version=4)
    tagged = [c.source for c in nb.cells if "instructor-only" in c.metadata.get("tags", [])]
    assert any("```{answer-key} lateral" in s for s in tagged)
    untagged = "\n".join(
        c.source for c in nb.cells if "instructor-only" not in c.metadata.get("tags", [])
    )
    assert "answer-key" not in untagged and "For instructors" not in untagged
