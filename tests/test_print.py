"""A printed chapter is a worksheet: the student edition in headless Chromium with print
media (book/_static/print.css and the @media print part of medialit/exercises/widget.css).

- Every chapter page: no button or form control shows inside the content, every
  exercise box is kept whole (break-inside: avoid), labelling items list their labels and
  have one line to write on per passage, choice items a ☐ per option, free-text items
  lines to write on; code input cells are hidden; long output tables keep 10 rows.
- A4 PDFs of chapters 1 and 4 stay short (page counts printed: run with -s).
- "Print exercises" (book/_static/print-exercises.js) prints with html.ml-print-exercises,
  which leaves the title, the headings of sections with exercises and the boxes only.
- On screen nothing of this shows: the print-only elements take no room and are not in
  the accessibility tree; the controls are there as before.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from medialit.exercises import catalog
from tests.browser import launch_browser, serve
from tests.support.paths import editions_lock

pytestmark = pytest.mark.browser

ITEMS = catalog()
CONTENT = "article.bd-article"


def _page_of(item) -> str:
    return f"chapters/{item.spec['chapter_number']:02d}-{item.chapter}.html"


CHAPTER_PAGES = sorted({_page_of(i) for i in ITEMS})
# A4 pages measured when the worksheet print was made (before: 14 and 27, with every code
# cell, whole tables and the widgets' buttons and drop-down lists); a little headroom, but
# less than the old counts.
MAX_PAGES = {"chapters/01-origin.html": 13, "chapters/04-framing.html": 22}
MAX_PAGES_EXERCISES_ONLY = {"chapters/01-origin.html": 5, "chapters/04-framing.html": 7}

# Is an element drawn? (Print media is emulated: styles are print styles, layout is
# continuous, so anything with a box is on paper.)
_SHOWN = "e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'"


@pytest.fixture(scope="module")
def site(editions, tmp_path_factory) -> Path:
    """A private copy of the student edition (tests/test_book.py rebuilds it in place)."""
    with editions_lock():
        return Path(shutil.copytree(editions["student"], tmp_path_factory.mktemp("print") / "s"))


@pytest.fixture(scope="module")
def base(site):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launch_browser() as b:
        yield b


def _open(browser, base: str, path: str, media: str = "screen"):
    """A new page at ``path`` with every exercise widget drawn, in ``media``."""
    page = browser.new_page()
    page.goto(f"{base}/{path}")
    expected = sum(_page_of(i) == path for i in ITEMS)
    page.wait_for_function(
        "n => document.querySelectorAll('.ml-exercise').length >= n", arg=expected, timeout=30_000
    )
    page.emulate_media(media=media)
    return page


def _pdf_pages(page) -> int:
    """Pages of an A4 PDF of the page. Chromium (Skia) writes one uncompressed
    ``/Type /Page`` object per page (the page tree is ``/Type /Pages``)."""
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


_PRINT_FACTS = """([content, shown]) => {
  shown = eval(shown);
  const area = document.querySelector(content);
  const controls = [
    ...area.querySelectorAll('button, input, select, textarea, summary, [role=button]')]
    // Not controls on paper: a passage's phrases (boxed text), the rubric's title (its text shows).
    .filter(shown).filter(e => !e.matches('button.ml-span, .ml-rubric-box > summary'))
    .map(e => e.outerHTML.slice(0, 100));
  const boxes = [...area.querySelectorAll('.ml-exercise')].map(box => ({
    id: box.dataset.item,
    shown: shown(box),
    breakInside: getComputedStyle(box).breakInside,
    labels: [...box.querySelectorAll('.ml-print-labels li')].filter(shown).map(li => li.innerText),
    passages: box.querySelectorAll('.ml-segment').length,
    blanks: [...box.querySelectorAll('.ml-segment')]
      .map(s => [...s.querySelectorAll('.ml-blank')].filter(shown).length),
    options: [...box.querySelectorAll('.ml-option')]
      .map(o => shown(o) && getComputedStyle(o, '::before').content),
    lines: [...box.querySelectorAll('.ml-line')].filter(shown).length,
    rubric: [...box.querySelectorAll('.ml-rubric dd')].filter(shown).length,
    said: [...box.querySelectorAll('.ml-feedback, .ml-hints, .ml-attempts')].filter(shown).length,
  }));
  return {
    controls, boxes,
    code: [...area.querySelectorAll('.cell_input, .cell details.above-input')].filter(shown).length,
    codeCells: area.querySelectorAll('.cell_input').length,
    rows: [...area.querySelectorAll('.cell_output table')].map(t =>
      [t.tBodies[0] ? t.tBodies[0].rows.length : 0,
       t.tBodies[0] ? [...t.tBodies[0].rows].filter(shown).length : 0]),
    outside: [...document.querySelectorAll(
      '.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, ' +
      '.bd-header-article, .prev-next-footer, .ml-print-button')].filter(shown).length,
  };
}"""


@pytest.mark.parametrize("path", CHAPTER_PAGES, ids=[p[9:-5] for p in CHAPTER_PAGES])
def test_a_printed_chapter_is_a_worksheet(browser, base, path):
    page = _open(browser, base, path, media="print")
    facts = page.evaluate(_PRINT_FACTS, [CONTENT, _SHOWN])
    items = {i.id: i for i in ITEMS if _page_of(i) == path}
    assert {b["id"] for b in facts["boxes"]} == set(items), path
    assert not facts["controls"], f"{path}: controls on paper: {facts['controls']}"
    assert facts["outside"] == 0, f"{path}: the theme's bars, sidebars or buttons print"
    assert facts["code"] == 0, f"{path}: code cells print"
    if path.endswith(("pretest.html", "posttest.html")):  # pages of items only, no code
        assert facts["codeCells"] == 0
    else:
        assert facts["codeCells"] > 0, f"{path}: the chapter's code cells are not found"
    for total, shown in facts["rows"]:
        assert shown == min(total, 10), (path, total, shown)
    for box in facts["boxes"]:
        it = items[box["id"]]
        assert box["shown"] and box["breakInside"] == "avoid", box
        assert box["said"] == 0, f"{it.id}: feedback, hints or attempts print"
        if it.kind == "labelling":
            labels = [label["label"] for label in it.spec["labels"]]
            assert len(box["labels"]) == len(labels), (it.id, box["labels"])
            for letter, label, listed in zip("ABCDEFGHIJ", labels, box["labels"], strict=False):
                assert listed.split() == [letter, *label.split()], (it.id, listed)
            assert box["blanks"] == [1] * len(it.spec["segments"]), (it.id, box["blanks"])
        if it.kind in ("single_choice", "multiple_choice"):
            assert len(box["options"]) == len(it.spec["options"])
            assert all(o and "☐" in o for o in box["options"]), (it.id, box["options"])
        if it.kind == "free_text":
            assert box["lines"] >= 6, it.id
            assert box["rubric"] == len(it.spec["rubric"]), f"{it.id}: the rubric does not print"
    page.close()


@pytest.mark.parametrize("path", sorted(MAX_PAGES), ids=[p[9:-5] for p in sorted(MAX_PAGES)])
def test_a_printed_chapter_fits_in_few_pages(browser, base, path):
    page = _open(browser, base, path, media="print")
    whole = _pdf_pages(page)
    page.evaluate("document.documentElement.classList.add('ml-print-exercises')")
    only = _pdf_pages(page)
    print(f"\n[print] {path}: {whole} A4 pages, {only} with the exercises only")
    assert whole <= MAX_PAGES[path]
    assert only <= MAX_PAGES_EXERCISES_ONLY[path] and only < whole
    page.close()


def test_print_exercises_prints_the_exercises_without_the_prose(browser, base):
    path = "chapters/01-origin.html"
    page = _open(browser, base, path)
    button = page.get_by_role("button", name="Print the exercises only")
    assert button.is_visible()
    # window.print() would open a dialog: record what it would have printed instead.
    page.evaluate("window.print = () => { window.__printed = document.documentElement.className; }")
    button.click()
    assert "ml-print-exercises" in page.evaluate("window.__printed")
    assert "ml-print-exercises" not in page.evaluate("document.documentElement.className")

    page.evaluate("document.documentElement.classList.add('ml-print-exercises')")
    page.emulate_media(media="print")
    facts = page.evaluate(
        """([content, shown]) => {
      shown = eval(shown);
      const area = document.querySelector(content);
      const outside = e => !e.closest('.ml-exercise');
      return {
        prose: [...area.querySelectorAll('p, li, table, img, pre, blockquote')].filter(outside)
          .filter(shown).map(e => e.innerText.slice(0, 60)),
        headings: [...area.querySelectorAll('h2, h3')].filter(shown).map(h => h.innerText),
        boxes: [...area.querySelectorAll('.ml-exercise')].map(shown),
        title: shown(document.querySelector('#jb-print-docs-body h1')),
      };
    }""",
        [CONTENT, _SHOWN],
    )
    assert not facts["prose"], facts["prose"]
    assert [h.rstrip("#") for h in facts["headings"]] == ["Exercises"]
    assert facts["boxes"] and all(facts["boxes"])
    assert facts["title"]
    page.close()


def test_on_screen_the_print_only_parts_take_no_room_and_are_not_announced(browser, base):
    """Screen media: the print-only stand-ins are not drawn, change no widget's size and
    are not in the accessibility tree; the controls they stand for are."""
    for path in CHAPTER_PAGES:
        page = _open(browser, base, path)
        facts = page.evaluate(
            """shown => {
          shown = eval(shown);
          const only = [...document.querySelectorAll('.ml-print-only')];
          const heights = () => [...document.querySelectorAll('.ml-exercise')]
            .map(b => b.getBoundingClientRect().height);
          const before = heights();
          const drawn = only.filter(shown).length;
          const copies = only.map(e => [e, e.parentNode, e.nextSibling]);
          only.forEach(e => e.remove());
          const after = heights();
          copies.forEach(([e, parent, next]) => parent.insertBefore(e, next));
          return {count: only.length, drawn, before, after,
                  checks: [...document.querySelectorAll('.ml-check')].filter(shown).length,
                  boxes: document.querySelectorAll('.ml-exercise').length};
        }""",
            _SHOWN,
        )
        assert facts["count"] > 0 and facts["drawn"] == 0, (path, facts["drawn"])
        assert facts["before"] == facts["after"], f"{path}: print-only parts change the layout"
        assert facts["checks"] == facts["boxes"], path
        for box in page.locator(".ml-exercise").all():
            tree = box.aria_snapshot()
            for printed in (
                "Tick one box",
                "Tick every box",
                "☐",
                "write a letter",
                "Underline each",
            ):
                assert printed not in tree, (path, printed)
            assert not re.search(r"Passage \d+: ", tree), path  # the paper's "Passage 1: ____"
        page.close()
