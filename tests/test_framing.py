"""Chapter 4 (framing): the library's tables and figures, the HTML highlighter, and the
chapter's exercise keys checked against data/frames.csv and data/loaded_words.csv."""

import re

import pytest

from medialit import framing
from medialit.exercises.compile import ITEMS_DIR, answer_key, load_yaml

ITEMS = {it["id"]: it for it in load_yaml(ITEMS_DIR / "04-framing.yaml")}
KEY = answer_key()


def _squash(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------- text parts


def test_headlines_and_leads_side_by_side(case):
    t = framing.headlines_and_leads(case)
    assert list(t.index) == ["000", "001", "002", "003", "004"]
    assert t.loc["002", "headline"] == framing.NO_HEADLINE
    for rid in case.report_ids:
        row = t.loc[rid[:3]]
        assert row["lead"] in case.text(rid, clean=True)
        if row["headline"] != framing.NO_HEADLINE:
            assert case.text(rid, clean=True).startswith(row["headline"])
            assert row["lead"] != row["headline"]
    assert t.loc["004", "lead"].startswith("Donald Trump and Vladimir Putin took the first steps")
    two = framing.headlines_and_leads(case, paragraphs=2)
    assert (
        two.loc["001", "lead"].count(" ¶ ") == 1 and "A minimal agreement" in two.loc["001", "lead"]
    )


def test_opening_line_is_the_headline_or_the_first_sentence(case):
    assert framing.opening_line(case, "003").startswith("The Trump-Putin phone call gave")
    first = framing.opening_line(case, "002")
    assert first.startswith("The White House has announced") and first.endswith("in Ukraine.")
    assert first in case.text("002-white-house-announced")


def test_split_sentences_keeps_initials_together():
    assert framing.split_sentences("The U.S. and Russia met. Then Mr. Smith left! Fine?") == [
        "The U.S. and Russia met.",
        "Then Mr. Smith left!",
        "Fine?",
    ]
    assert framing.split_sentences("") == []


def test_reports_can_be_named_by_number(case):
    assert case.resolve("001") == "001-halt-attacks"
    assert case.resolve("001-halt-attacks") == "001-halt-attacks"
    with pytest.raises(KeyError, match="known"):
        case.resolve("009")


# ---------------------------------------------------------------- loaded words


def test_loaded_words_table_filters_and_keeps_text_order(case):
    all_rows = framing.loaded_words_table(case)
    lw = case.table("loaded_words")
    assert len(all_rows) == (lw.kind != "neutral").sum()  # recorded neutral uses left out
    t = framing.loaded_words_table(case, "001")
    assert set(t.report) == {"001"}
    text = case.text("001-halt-attacks")
    positions = [text.find(q) for q in t.quote]
    assert positions == sorted(positions)
    assert t.quote.iloc[0] == "A minimal agreement"
    assert t.set_index("quote").loc["Pyrrhic concession", "instead"] == "'a limited concession'"
    quoted = framing.loaded_words_table(case, whose="quoted")
    assert set(quoted["whose words"]) == {"quoted"} and "002" not in set(quoted.report)
    with pytest.raises(ValueError):
        framing.loaded_words_table(case, whose="mine")


def test_loaded_counts_add_up(case):
    c = framing.loaded_counts(case)
    lw = case.table("loaded_words")
    assert c["total"].sum() == (lw.kind != "neutral").sum()
    assert (c["outlet"] + c["quoted"] == c["total"]).all()
    assert c.loc["002", "quoted"] == 0  # 002 quotes no one directly


def test_marking_escapes_everything_and_does_not_rely_on_colour():
    html = framing.mark_phrases_html(
        "<script>alert(1)</script> a big & bold deal\nnext",
        [("big & bold", "1 <outlet>"), ("missing", "2 x")],
    )
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<mark>⟦big &amp; bold⟧</mark><sup>[1 &lt;outlet&gt;]</sup>" in html
    assert "<br>next" in html and "missing" not in html
    # overlapping marks: the second is skipped rather than nested
    assert framing.mark_phrases_html("abcdef", [("bcd", "1"), ("cde", "2")]).count("<mark>") == 1


def test_highlight_loaded_marks_every_loaded_phrase_of_the_part(case):
    html = framing.highlight_loaded_html(case, "004", part="top")
    for phrase in ("momentous", "took the first steps toward ending the war"):
        assert f"⟦{phrase}⟧</mark><sup>[" in html
    assert html.count("<mark>") == 2 and "[1 own words]" in html and "Instead:" in html
    assert "quoted]" in framing.highlight_loaded_html(case, "003", part="text")
    none = framing.highlight_loaded_html(case, "001", part="headline")
    assert "<mark>" not in none and "No phrase" in none
    assert "opening sentence (no headline)" in framing.highlight_loaded_html(
        case, "002", "headline"
    )
    assert framing.highlight_loaded(case, "003").data.count("<mark>") == 0  # 003's lead is calm
    with pytest.raises(ValueError):
        framing.highlight_loaded_html(case, "003", part="body")


def test_script_in_a_report_text_comes_out_escaped(case, monkeypatch):
    rid = "000-takeaways"
    reports = case.reports.copy()
    i = reports.index[reports.report_id == rid][0]
    reports.loc[i, "clean_text"] = reports.loc[i, "clean_text"].replace(
        "In a closely watched", "<script>alert('x')</script> In a closely watched", 1
    )
    monkeypatch.setattr(case, "reports", reports)
    html = framing.highlight_loaded_html(case, rid, part="lead")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>⟦closely watched⟧</mark>" in html


# ---------------------------------------------------------------- frames


def test_frame_matrix_matches_the_frames_table(case):
    m = framing.frame_matrix(case)
    assert list(m.columns) == list(framing.GENERIC_FRAMES) and m.shape == (5, 5)
    assert m.dtypes.eq(bool).all()
    fr = case.table("frames")
    sv = fr[fr.scheme == "semetko_valkenburg"]
    for _, r in sv.iterrows():
        assert m.loc[r.report_id[:3], r.frame] == r.present
    dom = framing.frame_matrix(case, "dominant")
    assert (dom.sum(axis=1) == 1).all()
    assert list(framing.frame_matrix(case, "entman").columns) == list(framing.ENTMAN)
    with pytest.raises(ValueError):
        framing.frame_matrix(case, "gamson")


def test_entman_table_and_dominant_frames(case):
    t = framing.entman_table(case)
    assert list(t.columns) == list(framing.ENTMAN.values())
    assert t.loc["000", "moral evaluation"] == "(not filled)"
    assert t.loc["001", "moral evaluation"] == "That is, in practice, the capitulation of Ukraine."
    d = framing.dominant_frames(case)
    assert d.loc["003", "frame"] == "conflict" and "Also defensible" in d.loc["003", "note"]


def test_question_table_has_the_twenty_questions():
    q = framing.question_table()
    assert len(q) == 20 and q.question.str.endswith("?").all()
    assert set(q.frame) == set(framing.GENERIC_FRAMES.values())


def test_judgement_calls_show_the_other_reading(case):
    j = framing.judgement_calls(case)
    assert len(j) >= 10
    assert j["the other reading"].str.len().gt(10).all()
    dominant = j[j.scheme == "dominant"]
    assert set(dominant.report) == {"000", "001", "002", "003", "004"}


def test_plots_read_without_colour(case):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = framing.plot_frame_matrix(
        framing.frame_matrix(case), dominant=framing.frame_matrix(case, "dominant"), title="t"
    )
    marks = [t.get_text() for t in ax.texts]
    assert marks.count("✓") == int(framing.frame_matrix(case).to_numpy().sum())
    assert marks.count("—") == 25 - marks.count("✓")
    assert len(ax.patches) == 5  # one outline per report: the dominant frame
    ax2 = framing.plot_loaded_counts(case)
    assert [t.get_text() for t in ax2.texts] == [str(n) for n in framing.loaded_counts(case).total]
    plt.close("all")


# ---------------------------------------------------------------- the chapter's exercise keys

QUOTED = re.compile(r"“([^”]+)”")


def test_item_quotes_and_passages_are_verbatim(case):
    reports = [_squash(t) for t in case.reports.text]
    text = (ITEMS_DIR / "04-framing.yaml").read_text(encoding="utf-8")
    for q in QUOTED.findall(text):
        assert any(_squash(q) in r for r in reports), q
    for it in ITEMS.values():
        # An item from one report quotes that report; one whose passages come from several
        # reports (whose_words_mobilization) names them in its prompt.
        texts = [case.text(it["report"])] if "report" in it else list(case.reports.text)
        for part in [it.get("passage"), *(s["text"] for s in it.get("segments", []))]:
            if part:
                assert any(part in t for t in texts), (it["id"], part[:40])


@pytest.mark.parametrize("n", ["000", "001", "002", "003", "004"])
def test_headline_items_accept_the_dominant_frame_and_its_alternatives(case, n):
    it, key = ITEMS[f"headline_frame_{n}"], KEY[f"headline_frame_{n}"]
    rid = it["report"]
    assert rid.startswith(n)
    opening = framing.opening_line(case, rid)
    assert opening in it["passage"] or it["passage"] in framing.lead(case, rid)
    dom = framing.dominant_frames(case).loc[n]
    code = {v: k for k, v in framing.GENERIC_FRAMES.items()}[dom["frame"]]
    accept = key["accept"] if isinstance(key["accept"], list) else [key["accept"]]
    assert accept[0] == code
    named = re.findall(r"Also defensible: (\w+)", dom["note"])
    assert [a for a in named if a in framing.GENERIC_FRAMES] == accept[1:]
    for a in accept[1:]:
        assert "defensible" in key["done"][a].lower()


@pytest.mark.parametrize("item_id", ["loaded_lead_001", "loaded_lead_004"])
def test_loaded_lead_keys_follow_the_loaded_words_table(case, item_id):
    it, key = ITEMS[item_id], KEY[item_id]
    loaded = set(framing.loaded_words_table(case, it["report"]).quote)
    in_passage = {q for q in loaded if q in it["passage"]}
    assert set(key["accept"]) == in_passage
    distractors = [c for c in it["candidates"] if c not in key["accept"] + key.get("optional", [])]
    assert 3 <= len(distractors) <= 5
    assert not any(d in q or q in d for d in distractors for q in loaded)
    for c in distractors + key["accept"]:
        assert c in key["feedback"]


def test_whose_words_key_follows_the_loaded_words_table(case):
    it, key = ITEMS["whose_words_003"], KEY["whose_words_003"]
    table = framing.loaded_words_table(case, "003")
    for seg in it["segments"]:
        rows = table[[q in seg["text"] for q in table.quote]]
        assert len(rows) >= 1, seg["id"]  # one pass: a segment may hold two coded phrases
        assert set(rows["whose words"]) == {key["accept"][seg["id"]]}, seg["id"]


def test_frame_coding_keys_follow_the_frames_table(case):
    sv = framing.frame_codes(case, "semetko_valkenburg", "000")
    key = KEY["sv_frames_000"]
    assert set(key["accept"]) == set(sv.code[sv.present])
    calls = framing.judgement_calls(case, "semetko_valkenburg")
    assert set(key["optional"]) == set(sv.code[~sv.present])
    assert set(calls[calls.report == "000"].frame) >= {"human interest", "morality"}
    entman = framing.frame_codes(case, "entman", "001").set_index("code")
    it, ekey = ITEMS["entman_001"], KEY["entman_001"]
    for seg in it["segments"]:
        owner = [
            c
            for c, ev in entman.evidence.items()
            if entman.loc[c, "present"] and (ev in seg["text"] or seg["text"] in ev)
        ]
        first = ekey["accept"][seg["id"]]
        first = first[0] if isinstance(first, list) else first
        # 'none': the sentence is evidence for no function the data codes as present
        assert owner == ([] if first == "none" else [first]), seg["id"]
