"""Handing work in from the static book (student edition, headless Chromium, every outside
request blocked): answers given in chapter pages are downloaded with "Download my
answers", from a chapter page (its items) and from the my-answers page (every chapter),
and the gradebook scores those files exactly: right answers 1, wrong ones 0, free text
left to score, untouched items absent. The same once from file:// (the unzipped
edition). The file names and student ids match medialit.answers, the name is asked
once and kept, the printable summary shows each answer in words, and axe finds nothing
serious in the bar or the summary.

Screenshots (1280 and 390 px wide) go to book/_build/screenshots/handin/.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from medialit.answers import AnswerStore, load, student_file_name, validate
from medialit.exercises import catalog, check
from medialit.gradebook import gradebook
from tests.browser import OfflineBrowser, launch_browser, serve
from tests.support.a11y import axe, describe, has_focus_indicator, serious, unnamed_controls
from tests.support.keys import key_answer, wrong_answers
from tests.support.paths import ROOT, editions_lock
from tests.widget_driver import exercise, submit

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "book" / "_build" / "screenshots" / "handin"
ITEMS = {i.id: i for i in catalog()}
HANDIN_PAGE = "my-answers.html"
CASE = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["name"]


def _page_of(it) -> str:
    return f"chapters/{int(it.spec['chapter_number']):02d}-{it.chapter}.html"


def _first(chapter: str, kind: str):
    return next(i for i in catalog(chapter) if i.kind == kind)


def _wrong(it, case) -> dict:
    return next(w for w in wrong_answers(it, key_answer(it, case)) if not it.check(w).correct)


def _status(it, answer) -> str:
    return check(it.spec, answer).status


# What the student does, page by page: (item, "right" | "wrong" | "wrong-then-right" |
# "hint" (a hint, no check) | "text" (free text, saved)).
PLAN = {
    "numbers": [
        (_first("numbers", "duration"), "wrong"),
        (_first("numbers", "numeric"), "right"),
        (_first("numbers", "multiple_choice"), "wrong-then-right"),
    ],
    "origin": [
        (_first("origin", "labelling"), "right"),
        (_first("origin", "single_choice"), "wrong"),
        (_first("origin", "span_marking"), "right"),
        (
            next(
                i
                for i in catalog("origin")
                if i.kind == "single_choice"
                and i.spec.get("hints")
                and i.id != _first("origin", "single_choice").id
            ),
            "hint",
        ),
    ],
    "evaluation": [(_first("evaluation", "free_text"), "text")],
}
SCORE = {"right": 1, "wrong-then-right": 1, "wrong": 0}


@pytest.fixture(scope="module")
def site(editions, tmp_path_factory) -> Path:
    """A private copy of the student edition (tests/test_book.py may rebuild it)."""
    root = tmp_path_factory.mktemp("handin-site")
    with editions_lock():
        return Path(shutil.copytree(editions["student"], root / "student"))


@pytest.fixture(scope="module")
def browser():
    with launch_browser() as b:
        yield b


def _open(page, url: str) -> None:
    page.goto(url)
    if HANDIN_PAGE not in url:
        page.locator(".ml-exercise").first.wait_for(timeout=30_000)
        page.locator(".ml-handin-top").wait_for()
    else:
        page.locator(".ml-summary").wait_for()


def _work(page, chapter: str, case) -> dict[str, str]:
    """Do the PLAN of one chapter on its page; returns {item id: what was done}."""
    done = {}
    for it, how in PLAN[chapter]:
        box = exercise(page, it.id)
        if how == "hint":
            box.locator(".ml-hint-button").click()
            assert box.locator(".ml-hints li").count() == 1
        elif how == "text":
            assert submit(
                box, it.spec, {"text": "Report 001 backs its length with a quote."}
            ).startswith("✔ Saved")
        else:
            if how.startswith("wrong"):
                assert submit(box, it.spec, _wrong(it, case)).startswith("✘ Not yet")
            if how.endswith("right"):
                assert submit(box, it.spec, key_answer(it, case)).startswith("✔ Correct")
        done[it.id] = how
    return done


def _download(page, bar, press=None) -> tuple[str, dict, Path]:
    """Press the bar's Download (or do ``press``); returns (file name, JSON, a copy).
    Playwright deletes a download with its page: the copy is kept in a folder of its
    own per download (the same name may come twice)."""
    with page.expect_download() as info:
        (press or bar.get_by_role("button", name="Download my answers").click)()
    d = info.value
    folder = Path(tempfile.mkdtemp(prefix="handin-download-"))
    path = folder / d.suggested_filename
    d.save_as(path)
    assert (
        bar.get_by_role("status").inner_text().startswith(f"✔ Downloaded {d.suggested_filename} ")
    )
    return d.suggested_filename, json.loads(path.read_text(encoding="utf-8")), path


class _WithOptions:
    """A Playwright browser whose new pages get context options (viewport, storage)."""

    def __init__(self, browser, **options):
        self._browser, self._options = browser, options

    def new_page(self):
        return self._browser.new_page(**self._options)


def _shoot(browser: OfflineBrowser, page, selector: str | None, name: str) -> None:
    """Screenshots 1280 and 390 px wide of the screen around ``selector`` (or of the
    whole page) as ``page`` shows it now: at 390 px a page of its own, with the same
    localStorage. At either width the page must not scroll sideways."""
    shown = page.url
    for width in (1280, 390):
        options = {
            "viewport": {"width": width, "height": 900},
            "storage_state": page.context.storage_state(),
        }
        view = OfflineBrowser(
            _WithOptions(browser.browser, **options),
            blocked=browser.blocked,
            console_errors=browser.console_errors,
            failed=browser.failed,
        ).new_page()
        _open(view, shown)
        wide = view.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert wide[0] <= wide[1] + 1, f"{name}: the page scrolls sideways at {width} px: {wide}"
        path = str(SCREENSHOTS / f"{name}-{width}.png")
        if selector is None:
            view.screenshot(path=path, full_page=True)
        else:  # the bar in its place on the screen
            view.locator(selector).evaluate("e => e.scrollIntoView({block: 'center'})")
            view.screenshot(path=path)
        view.close()


def _grade(tmp_path: Path, name: str, files: list[tuple[str, Path]]):
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    for file_name, path in files:
        shutil.copy(path, folder / file_name)
    gb = gradebook(folder)
    assert gb.skipped.empty, gb.skipped
    return gb


def _assert_scores(gb, student: str, done: dict[str, str]) -> None:
    """The gradebook, which checks every answer again, has exactly the items done: right
    1, wrong 0, free text waiting for the teacher's score, a hint alone not tried
    (blank); every claim in the file is confirmed."""
    long = gb.long[gb.long["student_id"] == student].set_index("item_id")
    assert set(long.index) == set(done), (sorted(long.index), sorted(done))
    for item_id, how in done.items():
        if how in ("text", "hint"):
            assert pd.isna(long.loc[item_id, "score"]), (item_id, how)
            assert (item_id in set(gb.to_score["item_id"])) == (how == "text")
        else:
            assert long.loc[item_id, "score"] == SCORE[how], (item_id, how)
    assert not long["claim_differs"].any(), long[long["claim_differs"]]
    assert gb.wide.loc[student, "claims_not_confirmed"] == 0
    assert gb.wide.loc[student, "total"] == sum(SCORE.get(h, 0) for h in done.values())


def _assert_file(data: dict, student: str, done: dict[str, str], chapter: str | None) -> None:
    """The file is an answer file of medialit.answers with the real answers; what it
    claims (status, correct) is what the checker says of each answer."""
    validate(data)
    assert (data["student"], data["case"], data["source"]) == (
        {"id": student, "name": student},
        CASE,
        "static-book",
    )
    assert data.get("chapter") == chapter
    assert set(data["items"]) == set(done)
    for item_id, rec in data["items"].items():
        it, how = ITEMS[item_id], done[item_id]
        claimed = _status(it, rec["answer"]) if how != "hint" else ""
        assert rec["status"] == claimed, (item_id, rec)
        assert rec["correct"] == {"correct": True, "incorrect": False}.get(claimed), item_id
        assert rec["attempts"] == {"wrong-then-right": 2, "hint": 0}.get(how, 1), (item_id, rec)
        assert rec["hints_shown"] == (1 if how == "hint" else 0)
        if how != "hint":
            assert rec["feedback"] and rec["first_at"] <= rec["updated_at"], rec
        assert data["updated_at"] >= rec.get("updated_at", "")


# ---------------------------------------------------------------- served over http


def test_answers_downloaded_from_the_book_are_what_the_gradebook_scores(
    browser, site, case, tmp_path
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    student = "Ada L."
    with serve(site) as base:
        page = browser.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})

        # Chapter 2: no name yet, so Download asks for it and downloads nothing.
        _open(page, f"{base}/chapters/02-numbers.html")
        top = page.locator(".ml-handin-top")
        assert page.locator(".ml-handin").count() == 2
        assert page.evaluate(_AROUND), "the bars are not above and below the exercises"
        assert not unnamed_controls(top), unnamed_controls(top)
        top.get_by_role("button", name="Download my answers").click()
        assert "nothing to download" in top.get_by_role("status").inner_text()
        numbers = _work(page, "numbers", case)
        assert "On this page: 3 of 9 exercises answered." in top.inner_text()
        top.get_by_role("button", name="Download my answers").click()
        assert top.get_by_role("status").inner_text().startswith("⚠ Type your name")
        assert page.evaluate("document.activeElement.id") == top.get_by_label(
            "Your name or student id"
        ).get_attribute("id")
        # With the keyboard: type the name, Tab to Download, Enter.
        page.keyboard.type(student)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Download my answers"
        assert has_focus_indicator(page)
        name2, data2, path2 = _download(page, top, lambda: page.keyboard.press("Enter"))
        assert name2 == "ada-l-book-numbers.json"
        _assert_file(data2, student, numbers, "numbers")
        _shoot(browser, page, ".ml-handin-top", "chapter-bar")

        # Chapters 1 and 6: the name is remembered; Download from the bar below.
        done = dict(numbers)
        for chapter, path in (("origin", "01-origin"), ("evaluation", "06-evaluation")):
            _open(page, f"{base}/chapters/{path}.html")
            bottom = page.locator(".ml-handin-bottom")
            assert bottom.get_by_label("Your name or student id").input_value() == student
            done.update(_work(page, chapter, case))
        name6, data6, _ = _download(page, bottom)
        assert name6 == "ada-l-book-evaluation.json"
        _assert_file(data6, student, _of_chapter(done, "evaluation"), "evaluation")

        # Back on chapter 2, the page counts and downloads what it restored.
        _open(page, f"{base}/chapters/02-numbers.html")
        expect(top).to_contain_text("On this page: 3 of 9 exercises answered.")
        again = _download(page, top)[1]
        assert again["items"] == data2["items"]

        # The my-answers page: every chapter in one file, and a summary to print.
        _open(page, f"{base}/{HANDIN_PAGE}")
        bar = page.locator(".ml-handin")
        assert bar.get_by_label("Your name or student id").input_value() == student
        assert (
            f"In all chapters: {len(done) - 1} of {len(ITEMS)} exercises answered."
            in bar.inner_text()
        )  # the hint-only item is not answered
        name_all, data_all, path_all = _download(page, bar)
        assert name_all == "ada-l-book.json"
        _assert_file(data_all, student, done, None)
        _assert_summary(page, done, data_all)
        problems = []
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            problems += describe(serious(axe(page, "#medialit-handin")), f"{scheme}: ")
        page.emulate_media(color_scheme="light")
        assert not problems, problems
        _shoot(browser, page, None, "my-answers")

        # Print: the summary only, answered items only.
        page.evaluate("() => { window.__printed = 0; window.print = () => window.__printed++; }")
        bar.get_by_role("button", name="Print my answers").click()
        assert page.evaluate("window.__printed") == 1
        page.emulate_media(media="print")
        assert bar.is_hidden() and page.locator(".ml-handin-intro").is_hidden()
        shown = page.locator(".ml-summary-item:visible")
        assert shown.count() == len(done)
        page.screenshot(path=str(SCREENSHOTS / "my-answers-print.png"), full_page=True)
        page.emulate_media(media="screen")

        # The name can be changed; it is kept for the next visit.
        field = bar.get_by_label("Your name or student id")
        field.fill("Ada Lovelace")
        field.press("Tab")
        page.reload()
        page.locator(".ml-summary").wait_for()
        assert bar.get_by_label("Your name or student id").input_value() == "Ada Lovelace"
        renamed, data_renamed, path_renamed = _download(page, bar)
        assert renamed == "ada-lovelace-book.json"
        assert data_renamed["student"]["id"] == "Ada Lovelace"
        assert data_renamed["items"] == data_all["items"]
        page.close()
    browser.assert_clean()

    # The gradebook scores exactly these answers (it checks them itself).
    _assert_scores(_grade(tmp_path, "all", [(name_all, path_all)]), student, done)
    _assert_scores(_grade(tmp_path, "chapter", [(name2, path2)]), student, numbers)
    _assert_scores(_grade(tmp_path, "renamed", [(renamed, path_renamed)]), "Ada Lovelace", done)

    # Beside the file her notebook saved (one more item), she is one student with both.
    it = _first("attribution", "single_choice")
    answer = key_answer(it, case)
    notebook = AnswerStore(tmp_path / "with-notebook", student)
    assert notebook.record(
        it.id,
        answer=answer,
        status="correct",
        correct=True,
        attempts=1,
        hints_shown=0,
        feedback=it.check(answer).feedback,
    )
    gb = _grade(tmp_path, "with-notebook", [(name_all, path_all)])
    assert gb.students == 1, gb.wide
    assert not [n for n in gb.notices if "does not fit" in n], gb.notices
    _assert_scores(gb, student, {**done, it.id: "right"})


def _of_chapter(done: dict[str, str], chapter: str) -> dict[str, str]:
    return {i: h for i, h in done.items() if ITEMS[i].chapter == chapter}


def _assert_summary(page, done: dict[str, str], data: dict) -> None:
    """Each answered item shows its prompt, the answer in words and the page's claim;
    every other item of the book says it is not answered yet."""
    said = {
        "correct": "✔ Correct",
        "incorrect": "✘ Not yet right",
        "saved": "✔ Saved",
        "": "No answer checked yet",
    }
    items = page.locator(".ml-summary-item")
    assert items.count() == len(ITEMS)
    by_prompt = {it.spec["prompt"]: item_id for item_id, it in ITEMS.items()}
    seen = set()
    for n in range(items.count()):
        li = items.nth(n)
        item_id = by_prompt[li.locator(".ml-summary-prompt").inner_text()]
        seen.add(item_id)
        text = li.inner_text()
        if item_id not in done:
            assert "Not answered yet." in text, item_id
            continue
        rec, it = data["items"][item_id], ITEMS[item_id]
        assert f"The page said: {said[rec['status']]}" in text, (item_id, text)
        answer = rec["answer"]
        if it.kind == "single_choice" and answer:
            assert next(o["label"] for o in it.options if o["id"] == answer["choice"]) in text
        elif it.kind == "multiple_choice":
            assert all(o["label"] in text for o in it.options if o["id"] in answer["selected"])
        elif it.kind == "span_marking":
            segs = {s["id"]: s["text"] for s in it.spec["segments"]}
            assert all(f"“{segs[s]}”" in text for s in answer["selected"])
        elif it.kind == "labelling":
            labels = {lb["id"]: lb["label"] for lb in it.spec["labels"]}
            lines = li.locator(".ml-summary-passages li").all_inner_texts()
            assert [line.rsplit(": ", 1)[1] for line in lines] == [
                labels[answer["labels"][seg["id"]]] for seg in it.spec["segments"]
            ]
        elif it.kind == "duration":
            assert f"Your answer: {answer['number']:g} {answer['unit']}" in text
        elif it.kind == "numeric":
            assert f"Your answer: {answer['value']:g}" in text
        elif it.kind == "free_text":
            assert answer["text"] in text
    assert seen == set(ITEMS)


_AROUND = """() => {
  const bars = document.querySelectorAll('.ml-handin');
  const boxes = document.querySelectorAll('.ml-exercise');
  const before = (a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  return before(bars[0], boxes[0]) && before(boxes[boxes.length - 1], bars[1]);
}"""


# ---------------------------------------------------------------- from file://


def test_answers_can_be_handed_in_from_the_unzipped_book(browser, site, case, tmp_path):
    """The edition zipped and unzipped, opened from file://: a chapter page and the
    my-answers page (which reads what the chapter page kept) both download."""
    archive = tmp_path / "student-edition.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for f in sorted(site.rglob("*")):
            z.write(f, f.relative_to(site))
    unpacked = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as z:
        z.extractall(unpacked)
    student = "Grace H"
    page = browser.new_page()
    _open(page, (unpacked / "chapters" / "02-numbers.html").as_uri())
    done = _work(page, "numbers", case)
    top = page.locator(".ml-handin-top")
    top.get_by_label("Your name or student id").fill(student)
    name, data, path = _download(page, top)
    assert name == "grace-h-book-numbers.json"
    _assert_file(data, student, done, "numbers")
    top.locator(".ml-handin-link").click()  # to the my-answers page
    page.locator(".ml-summary").wait_for()
    assert page.url == (unpacked / HANDIN_PAGE).as_uri()
    bar = page.locator(".ml-handin")
    name_all, data_all, path_all = _download(page, bar)
    assert name_all == "grace-h-book.json"
    assert data_all["items"] == data["items"]
    page.close()
    browser.assert_clean()
    _assert_scores(_grade(tmp_path, "file", [(name, path)]), student, done)
    _assert_scores(_grade(tmp_path, "file-all", [(name_all, path_all)]), student, done)


# ---------------------------------------------------------------- names


IDS = [
    "Ada L.",
    "  Ada   L. ",
    "Мария Иванова",
    "李明",
    "محمد",
    "Zoë",
    "Zoé",
    " Zoe\u200b  M ",
    "ＡＤＡ",
    "O'Brien, Seán",
    "Straße",
    "x" * 70 + " y",
    "a.b_c-d",
    "-._Ada_.-",
]
BAD = ["", "   ", "---", "your-name-here", "Name", "x" * 201]


def test_file_names_and_refusals_match_the_notebooks(browser, site):
    """The book names a student's file as medialit.answers does (plus "-book"), and
    refuses the ids the notebooks refuse."""
    with serve(site) as base:
        page = browser.new_page()
        _open(page, f"{base}/chapters/02-numbers.html")
        names = page.evaluate(
            """ids => ids.map(id => { try { return medialitHandin.fileName(id); }
                                                          catch (e) { return null; } })""",
            IDS + BAD,
        )
        page.close()
    assert names[: len(IDS)] == [student_file_name(i)[:-5] + "-book.json" for i in IDS]
    assert names[len(IDS) :] == [None] * len(BAD)
    for bad in BAD:
        with pytest.raises(ValueError):
            student_file_name(bad)
    browser.assert_clean()


def test_the_downloaded_file_loads_as_an_answer_file(browser, site, case, tmp_path):
    """A file downloaded with an odd name and free text with HTML in it: loads with
    medialit.answers.load; the summary shows the text as text, not as HTML."""
    it = _first("evaluation", "free_text")
    text = '<img src=x onerror="window.__pwned=1"> “quoted” & <b>bold</b>'
    with serve(site) as base:
        page = browser.new_page()
        _open(page, f"{base}/{_page_of(it)}")
        submit(exercise(page, it.id), it.spec, {"text": text})
        bar = page.locator(".ml-handin-bottom")
        bar.get_by_label("Your name or student id").fill("Мария Иванова")
        name, _, path = _download(page, bar)
        _open(page, f"{base}/{HANDIN_PAGE}")
        li = page.locator(".ml-summary-item", has_text=it.spec["prompt"][:40])
        assert text in li.inner_text()
        assert page.evaluate("window.__pwned") is None
        assert not page.locator(".ml-summary img, .ml-summary b").count()
        page.close()
    assert name == "мария-иванова-book-evaluation.json"
    copy = tmp_path / name
    shutil.copy(path, copy)
    loaded = load(copy)
    assert loaded["items"][it.id]["answer"] == {"text": text}
    browser.assert_clean()
