"""Figures and rankings that answer keys and chapter prose state in words, where glue
cannot reach them (keys are YAML; some sentences name a report). Each is checked against
the data, so a change in the coding that makes a sentence wrong fails here."""

import re

from medialit import framing
from medialit.attribution import chapter_figures
from medialit.exercises.compile import answer_key
from medialit.tables import keyword_in_context


def _flat(entry) -> str:
    parts = []
    for field in ("done", "feedback"):
        value = entry.get(field, {})
        parts.extend(value.values() if isinstance(value, dict) else [value])
    return " ".join(" ".join(str(p).split()) for p in parts)


def test_attribution_leaning_key_states_the_current_kremlin_shares(case):
    f = chapter_figures(case)
    # The shares the key of attribution_leaning (solutions/answers/03-attribution.yaml)
    # types. When the coding changes, update the key, then these numbers.
    stated = {
        "kremlin_002": 34,
        "kremlin_000": 26,
        "kremlin_001": 21,
        "kremlin_words_002": 35,
        "kremlin_words_000": 34,
        "kremlin_words_001": 27,
        "kremlin_003": 3,
        "kremlin_004": 6,
        "white_house_002": 26,
    }
    assert {k: f[k] for k in stated} == stated
    text = _flat(answer_key()["attribution_leaning"])
    for value in set(stated.values()):
        assert re.search(rf"\b{value} %", text), value
    # what the key concludes: 002 leads both counts, by words only just
    assert f["kremlin_lead_sentences"] == f["kremlin_lead_words"] == "002"
    assert f["kremlin_second_sentences"] == f["kremlin_second_words"] == "000"
    assert f["kremlin_gap_words"] <= 2 < f["kremlin_gap_sentences"]


def test_chapter_4_statements_hold(case):
    counts = framing.loaded_counts(case)
    assert counts.loc["002", "quoted"] == 0  # "002 quotes no one"
    assert framing.dominant_frames(case)["frame"].value_counts().to_dict() == {
        "attribution of responsibility": 3,
        "conflict": 2,
    }
    # "000 and 001 ... the [treatment] column is empty for them"; 002, 003, 004 fill it
    remedy = framing.frame_codes(case, "entman").query("code == 'remedy'")
    assert remedy.set_index("report")["present"].to_dict() == {
        "000": False,
        "001": False,
        "002": True,
        "003": True,
        "004": True,
    }


def test_chapter_1_publisher_name_sits_in_000_furniture_only(case):
    raw = keyword_in_context(case, r"The Moscow Times", clean=False)
    assert len(raw) == 6 and set(raw.report) == {"000"}  # "All six hits are in report 000"
    assert keyword_in_context(case, r"The Moscow Times").empty  # "none is left"
