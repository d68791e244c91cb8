"""Hostile text (script tags, onerror attributes) in every place the book shows report text
or student answers is escaped: in the report HTML, the highlights, the answer key, and in
the widget in a browser.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from medialit.exercises.widget import widget_source

# =========================================================================== escaping

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
RAW = ("<script>window", "<img src=x")  # what must never reach the HTML unescaped


def _assert_escaped(out: str) -> None:
    for raw in RAW:
        assert raw not in out, raw
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=" in out


@pytest.fixture(scope="module")
def hostile_case():
    return make_hostile_case()


def make_hostile_case():
    """The default case, changed in memory only: report 001 gains an article paragraph and
    a furniture paragraph holding the payloads, a loaded phrase and its note are payloads,
    and its call_length claim quotes and notes them."""
    import pandas as pd

    from medialit import load_case

    case = load_case()
    rid = "001-halt-attacks"
    reports = case.reports.copy()
    i = reports.index[reports.report_id == rid][0]
    text = reports.at[i, "text"]
    para1 = f"Article text {SCRIPT} and {IMG} end."
    para2 = f"Caption {IMG} {SCRIPT}"
    new_text = f"{text}\n\n{para1}\n\n{para2}"
    start2 = len(new_text) - len(para2)
    reports.at[i, "text"] = new_text
    reports.at[i, "clean_text"] = f"{reports.at[i, 'clean_text']}\n\n{para1}"
    furniture = pd.concat(
        [
            case.furniture,
            pd.DataFrame(
                [
                    {
                        "report_id": rid,
                        "start": start2,
                        "end": len(new_text),
                        "kind": f"odd {SCRIPT}",
                        "starts_with": "Caption",
                        "text": para2,
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    loaded = case.table("loaded_words")
    loaded = pd.concat(
        [
            loaded,
            pd.DataFrame(
                [
                    {
                        "report_id": rid,
                        "quote": para1,
                        "kind": f"evaluative {IMG}",
                        "whose_words": "outlet",
                        "note": f"Why {SCRIPT}. 'x' → '{IMG}'.",
                    }
                ]
            ),
        ],
        ignore_index=True,
    )
    claims = case.claims.copy()
    j = claims.index[(claims.report_id == rid) & (claims.fact == "call_length")][0]
    claims.at[j, "quote"] = para1
    claims.at[j, "note"] = f"Note {IMG}"
    return dataclasses.replace(
        case,
        reports=reports,
        furniture=furniture,
        claims=claims,
        tables={**case.tables, "loaded_words": loaded},
    )


def test_report_html_escapes_report_text(hostile_case):
    from medialit.origin import report_html

    out = report_html(hostile_case, "001-halt-attacks").data
    _assert_escaped(out)
    assert out.count("&lt;script&gt;window.__pwned=1&lt;/script&gt;") == 2  # both paragraphs
    assert "[furniture: odd &lt;script&gt;" in out  # the furniture kind too


def test_highlight_loaded_escapes_text_quotes_and_notes(hostile_case):
    from medialit.framing import highlight_loaded, highlight_loaded_html

    out = highlight_loaded_html(hostile_case, "001", part="text")
    _assert_escaped(out)
    assert "<mark>⟦Article text &lt;script&gt;" in out  # the payload phrase is marked, escaped
    assert highlight_loaded(hostile_case, "001", part="text").data == out


def test_answer_key_html_escapes_quotes_and_notes(hostile_case):
    from medialit.exercises.solutions import answer_key_html

    out = answer_key_html("numbers", hostile_case)
    _assert_escaped(out)


# --------------------------------------------------------------------------- in a browser


def _hostile_items() -> list[dict]:
    from medialit.exercises.engine import make_done, make_part

    salt = "s"
    choice = {
        "id": "hostile_choice",
        "kind": "single_choice",
        "prompt": f"Pick {IMG}",
        "passage": f"Passage {SCRIPT}",
        "report": "001-x",
        "hints": [f"Hint {IMG}"],
        "options": [{"id": "a", "label": f"A {SCRIPT}"}, {"id": "b", "label": f"B {IMG}"}],
        "check": {
            "salt": salt,
            "parts": [make_part(salt, "choice", ["a"], {"b": f"Wrong {IMG}"}, SCRIPT)],
            "done": make_done(salt, ["choice=a"], f"Right {SCRIPT}"),
        },
    }
    free = {
        "id": "hostile_free",
        "kind": "free_text",
        "prompt": f"Write {SCRIPT}",
        "passage": f"Read {IMG}",
        "hints": [SCRIPT],
        "rubric": {f"Level {SCRIPT}": f"Does {IMG}"},
        "rubric_summary": f"Rubric {SCRIPT}",
    }
    labels = {
        "id": "hostile_labels",
        "kind": "labelling",
        "prompt": "Label",
        "segments": [{"id": "s1", "text": f"Seg {SCRIPT}"}],
        "labels": [{"id": "x", "label": f"X {IMG}"}],
        "check": {"salt": salt, "parts": [make_part(salt, "s1", ["x"], {}, IMG)]},
    }
    spans = {
        "id": "hostile_spans",
        "kind": "span_marking",
        "prompt": "Mark",
        "segments": [
            {"id": "p1", "text": f"Span {IMG}", "selectable": True},
            {"id": "p2", "text": f" plain {SCRIPT}", "selectable": False},
        ],
        "check": {"salt": salt, "parts": [make_part(salt, "p1", ["1"], {}, SCRIPT)]},
    }
    duration = {
        "id": "hostile_duration",
        "kind": "duration",
        "prompt": f"How long {IMG}",
        "check": {
            "salt": salt,
            "parts": [
                make_part(salt, "minutes", ["150"], {}, IMG),
                make_part(salt, "bound", ["about"], {}, SCRIPT),
            ],
        },
    }
    return [choice, free, labels, spans, duration]


_HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>widget harness</title></head>
<body><main id="root"></main>
<script type="module">
import widget from "./widget.js";
// A minimal stand-in for an anywidget model: get/set/on/send/save_changes, no kernel.
function fakeModel(item) {
  const state = {
    item, answer: {}, feedback: "", status: "", attempts: 0, hints_shown: 0, notice: "",
  };
  const handlers = {};
  const fire = (name, arg) => (handlers[name] || []).forEach((f) => f(arg));
  return {
    get: (k) => state[k],
    set: (k, v) => { state[k] = v; fire(`change:${k}`); },
    on: (name, f) => { (handlers[name] ||= []).push(f); },
    send: (msg) => { window.__sent.push(msg); },
    save_changes: () => {},
    emit: fire,
  };
}
window.__sent = [];
window.__models = {};
const items = await (await fetch("items.json")).json();
for (const item of items) {
  const el = document.createElement("div");
  document.getElementById("root").append(el);
  const model = fakeModel(item);
  window.__models[item.id] = model;
  widget.render({model, el});
}
window.__ready = true;
</script></body></html>
"""


@pytest.mark.browser
def test_widget_shows_hostile_text_as_text(tmp_path):
    """Prompt, passage, options, segments, labels, hints, rubric, feedback (from the check,
    from the kernel and from a notice) and the student's own answer all hold script and
    onerror payloads: none runs, and each shows literally."""
    from tests.browser import launch_browser, serve

    (tmp_path / "widget.js").write_text(widget_source(), encoding="utf-8")  # rules inlined
    (tmp_path / "items.json").write_text(json.dumps(_hostile_items()), encoding="utf-8")
    (tmp_path / "index.html").write_text(_HARNESS, encoding="utf-8")
    typed = f"My answer {SCRIPT} {IMG}"
    with serve(tmp_path) as base, launch_browser() as browser:
        page = browser.new_page()
        page.goto(f"{base}/index.html")
        page.wait_for_function("window.__ready === true", timeout=10_000)

        free = page.locator('.ml-exercise[data-item="hostile_free"]')
        free.get_by_label("Your answer", exact=True).fill(typed)
        free.get_by_role("button", name="Save").click()
        assert free.get_by_role("status").inner_text() == f"✔ Saved (6 words). Rubric {SCRIPT}"
        free.get_by_role("button", name="Hint").click()
        free.locator("summary").click()  # open the rubric

        choice = page.locator('.ml-exercise[data-item="hostile_choice"]')
        choice.get_by_label(f"B {IMG}").check()
        choice.get_by_role("button", name="Check").click()
        assert choice.get_by_role("status").inner_text() == f"✘ Not yet: Wrong {IMG}"
        choice.get_by_label(f"A {SCRIPT}").check()
        choice.get_by_role("button", name="Check").click()
        assert choice.get_by_role("status").inner_text() == f"✔ Correct: Right {SCRIPT}"
        choice.get_by_role("button", name="Hint").click()

        labels = page.locator('.ml-exercise[data-item="hostile_labels"]')
        labels.locator("select").select_option("x")
        labels.get_by_role("button", name="Check").click()
        spans = page.locator('.ml-exercise[data-item="hostile_spans"]')
        spans.get_by_role("button", name="Check").click()  # nothing marked: SCRIPT feedback
        assert spans.get_by_role("status").inner_text() == f"✘ Not yet: {SCRIPT}"

        # Messages from a kernel and a saving problem, with payloads.
        page.evaluate(
            """([img, script]) => {
            const m = window.__models.hostile_duration;
            m.emit("msg:custom", {type: "pong"});
            m.emit("msg:custom", {type: "parse_error", message: `Cannot read ${img}`});
            m.set("notice", `Disk full ${script}`);
        }""",
            [IMG, SCRIPT],
        )
        duration = page.locator('.ml-exercise[data-item="hostile_duration"]')
        assert duration.get_by_role("status").inner_text() == f"⚠ Cannot read {IMG}"
        assert duration.get_by_role("alert").inner_text() == f"⚠ Disk full {SCRIPT}"

        page.wait_for_timeout(300)  # give any injected <img> time to fail and fire onerror
        shown = page.locator("#root").inner_text()
        for text in (
            f"Pick {IMG}",
            f"Passage {SCRIPT}",
            f"Hint {IMG}",
            f"Write {SCRIPT}",
            f"Read {IMG}",
            f"Level {SCRIPT}",
            f"Does {IMG}",
            f"Hint: {SCRIPT}",
            f"Seg {SCRIPT}",
            f"Span {IMG}",
            f"plain {SCRIPT}",
            f"How long {IMG}",
        ):
            assert text in shown, text
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('#root script, #root img').length") == 0

        # The answer kept in localStorage comes back as text after a reload.
        page.reload()
        page.wait_for_function("window.__ready === true", timeout=10_000)
        assert free.get_by_label("Your answer", exact=True).input_value() == typed
        assert free.get_by_role("status").inner_text() == f"✔ Saved (6 words). Rubric {SCRIPT}"
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('#root script, #root img').length") == 0
        browser.assert_clean()
