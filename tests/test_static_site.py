"""The book and the exercises as a student meets them: the static site of both editions,
served from 127.0.0.1 (or opened from file:// after unzipping) in headless Chromium with
every outside request blocked.

- Every page of both editions (crawled from index.html; genindex and a search too) loads
  with no console error and no failed or blocked request, every internal link resolves
  (to its #fragment too), every image loads, and axe-core finds nothing serious.
- Every item of the student edition gives, in the page, the Python checker's own
  feedback for a wrong answer from tests/support/keys.py and then for the right one (for the
  first item of each kind, for enough wrong answers to use every control); widgets name
  every control, announce feedback in a live region, in words and symbols; no control in
  the book's content does nothing when used.
- The widgets fit a 375 px phone screen; every kind can be answered with the keyboard
  alone; the zipped edition works with no server.

Figures (pages crawled, links checked, items clicked, axe findings) are printed: run with
-s to read them. Screenshots go to book/_build/screenshots/static/.
"""

from __future__ import annotations

import re
import shutil
import time
import zipfile
from collections import Counter, defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import urlopen

import pytest

from medialit.exercises import catalog
from tests.browser import OfflineBrowser, launch_browser, serve
from tests.support.a11y import (
    axe,
    axe_finish,
    axe_start,
    describe,
    has_focus_indicator,
    preload_axe,
    serious,
    unnamed_controls,
)
from tests.support.keys import key_answer, wrong_answers
from tests.support.paths import ROOT, editions_lock
from tests.widget_driver import exercise, fill

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "book" / "_build" / "screenshots" / "static"
ITEMS = catalog()
CHECKABLE = [i for i in ITEMS if i.kind != "free_text"]
KINDS = (
    "single_choice",
    "multiple_choice",
    "labelling",
    "span_marking",
    "numeric",
    "duration",
    "free_text",
)
CONTENT = "article.bd-article"  # the book's content area (pydata-sphinx-theme)
CONTROLS = (
    "button, input, select, textarea, summary, [role=button], [role=checkbox], "
    "[role=switch], [role=tab], [contenteditable=true]"
)
PHONE = {
    "viewport": {"width": 375, "height": 740},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
STARTS = ("index.html", "genindex.html", "search.html", "search.html?q=Putin")
# Screenshots of a tall widget are stitched while scrolling: hide the theme's sticky bars.
SHOT_STYLE = "#pst-skip-link, #pst-header, .bd-header-article { visibility: hidden !important; }"


def _page_of(item) -> str:
    return f"chapters/{item.spec['chapter_number']:02d}-{item.chapter}.html"


CHAPTER_PAGES = sorted({_page_of(i) for i in ITEMS})


def _said(text: str) -> str:
    return " ".join(text.split())


def _expected(item, answer) -> str:
    """What the widget must say for ``answer``: the Python checker's words and mark."""
    r = item.check(answer)
    mark = "✔ " if r.correct is None else "✔ Correct: " if r.correct else "✘ Not yet: "
    return _said(mark + r.feedback)


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def site(editions, tmp_path_factory) -> dict[str, Path]:
    """A private copy of each edition's HTML: tests/test_book.py rebuilds the student
    edition in place, maybe on another worker while this module reads it."""
    root = tmp_path_factory.mktemp("site")
    with editions_lock():
        return {e: Path(shutil.copytree(html, root / e)) for e, html in editions.items()}


@pytest.fixture(scope="module")
def base(site):
    with ExitStack() as stack:
        yield {e: stack.enter_context(serve(html)) for e, html in site.items()}


@pytest.fixture(scope="module")
def browser():
    with launch_browser() as b:
        yield b


@pytest.fixture
def fresh(browser) -> OfflineBrowser:
    """The module's browser with its records of trouble emptied for this test."""
    for records in browser.problems().values():
        records.clear()
    return browser


class _WithOptions:
    """A Playwright browser whose new pages get context options (viewport, scale...)."""

    def __init__(self, browser, **options):
        self._browser, self._options = browser, options

    def new_page(self):
        return self._browser.new_page(**self._options)


def _variant(browser: OfflineBrowser, **options) -> OfflineBrowser:
    """The same offline browser (same records), opening pages with ``options``."""
    return OfflineBrowser(
        _WithOptions(browser.browser, **options),
        blocked=browser.blocked,
        console_errors=browser.console_errors,
        failed=browser.failed,
    )


def _open(page, url: str) -> str:
    """Go to ``url`` (http or file); wait until every exercise widget embedded in the
    page has rendered. Returns the page's HTML as served."""
    if url.startswith("file:"):
        source = Path(unquote(urlsplit(url).path)).read_text(encoding="utf-8")
    else:
        with urlopen(url.split("#")[0], timeout=10) as r:  # the same local server
            source = r.read().decode("utf-8")
    page.goto(url)
    expected = len(re.findall(r'"_view_name":\s*"AnyView"', source))
    if expected:
        page.wait_for_function(
            "n => document.querySelectorAll('.ml-exercise').length >= n",
            arg=expected,
            timeout=30_000,
        )
    return source


# ---------------------------------------------------------------- 1 + 5: crawl and axe


@dataclass
class Crawl:
    pages: dict[str, dict] = field(default_factory=dict)  # path -> what the page showed
    links: int = 0  # link occurrences checked (internal)
    fragments: int = 0  # of which with a #fragment, checked against the target's ids
    targets: set[str] = field(default_factory=set)  # distinct internal link targets
    external: set[str] = field(default_factory=set)  # outside links (not followed: offline)
    resources: dict[str, int] = field(default_factory=dict)  # non-page target -> HTTP status
    problems: list[str] = field(default_factory=list)
    browser: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0


_PAGE_FACTS = """async ([content, controls]) => {
  const imgs = [...document.images];
  for (const i of imgs) i.loading = 'eager';
  await Promise.all(imgs.map(i => i.complete ? 0 : new Promise(r => {
    i.addEventListener('load', r); i.addEventListener('error', r); setTimeout(r, 5000); })));
  const area = document.querySelector(content);
  return {
    ids: [...document.querySelectorAll('[id]')].map(e => e.id)
         .concat([...document.querySelectorAll('a[name]')].map(e => e.name)),
    links: [...document.querySelectorAll('a[href], area[href], link[href][rel~=next], ' +
                                         'link[href][rel~=prev], link[href][rel~=index], ' +
                                         'link[href][rel~=search]')].map(a => a.href),
    images: imgs.map(i => [i.currentSrc || i.src, i.naturalWidth]),
    controls: area ? [...area.querySelectorAll(controls)].map(c =>
      c.closest('.ml-exercise') ? 'exercise' : c.closest('.ml-handin') ? 'handin'
      : c.matches('button.copybtn') ? 'copy'
      : c.matches('details > summary') ? 'summary' : c.outerHTML.slice(0, 120)) : [],
    search_results: document.querySelectorAll('#search-results li').length,
  };
}"""


def _use_content_controls(page, facts: dict, where: str) -> list[str]:
    """Use every control of the content area that is not an exercise widget (those are
    used by test_every_item_...): copy buttons must say Copied!, summaries open their
    details. Returns what did nothing."""
    dead = []
    area = page.locator(CONTENT)
    summaries = area.locator("details > summary")
    for i in range(summaries.count()):
        summary = summaries.nth(i)
        was = summary.evaluate("s => s.parentElement.open")
        summary.click()
        if summary.evaluate("s => s.parentElement.open") == was:
            dead.append(f"{where}: summary {i} did not open or close its details")
    # Copy buttons: the first clicked as a person would, the rest from script (one
    # delegated handler serves them all); each must say "Copied!" (for 2 s: watched).
    copies = area.locator("button.copybtn")
    if copies.count():
        copies.evaluate_all("""buttons => {
            window.__copied = new Set();
            const watch = new MutationObserver(changes => changes.forEach(c => {
                if (c.target.getAttribute('data-tooltip') === 'Copied!')
                    window.__copied.add(buttons.indexOf(c.target)); }));
            buttons.forEach(b => watch.observe(b, {attributeFilter: ['data-tooltip']}));
        }""")
        copies.first.click()
        failed = copies.evaluate_all("""async (buttons) => {
            buttons.slice(1).forEach(b => b.click());
            await new Promise(r => setTimeout(r, 50));
            return buttons.map((b, i) => i).filter(i => !window.__copied.has(i));
        }""")
        dead += [f"{where}: copy button {i} did not copy" for i in failed]
    # Exercise widgets: test_every_item_...; the hand-in bars: tests/test_handin.py.
    unknown = [c for c in facts["controls"] if c not in ("exercise", "handin", "copy", "summary")]
    dead += [f"{where}: control with no known use: {c}" for c in unknown]
    return dead


def _crawl(browser: OfflineBrowser, base: str, edition: str, crawl: Crawl):
    """Visit every page of one edition, filling ``crawl``. A generator: it yields while
    axe runs on a page, so that the other edition's crawl can load its next page."""
    started = time.monotonic()
    page = browser.new_page()
    preload_axe(page)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    queue, seen = list(STARTS), set(STARTS)
    anchors: list[tuple[str, str, str]] = []  # (from page, target path, fragment)
    origin = urlsplit(base).netloc
    while queue:
        path = queue.pop(0)
        try:
            source = _open(page, f"{base}/{path}")
        except OSError as exc:
            crawl.problems.append(f"{path}: {exc}")
            continue
        refresh = re.search(r'http-equiv="Refresh" content="0; url=([^"]+)"', source)
        if refresh:  # index.html sends the reader on to the first page
            target = refresh.group(1)
            page.wait_for_url(f"**/{target}")
            crawl.links += 1
            crawl.targets.add(target)
            if target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if path.startswith("search.html?"):
            page.wait_for_function(
                "() => document.querySelectorAll('#search-results li').length > 0 || "
                "/did not match|no results/i.test(document.body.innerText)",
                timeout=15_000,
            )
        facts = page.evaluate(_PAGE_FACTS, [CONTENT, CONTROLS])
        axe_start(page)
        yield
        facts["axe"] = axe_finish(page)
        crawl.pages[path] = facts
        for src, width in facts["images"]:
            if not width:
                crawl.problems.append(f"{path}: image did not load: {src}")
        for href in facts["links"]:
            parts = urlsplit(href)
            if parts.scheme in ("mailto", "javascript", "tel"):
                continue
            if parts.netloc != origin:
                crawl.external.add(href)
                continue
            crawl.links += 1
            target = unquote(parts.path).lstrip("/") or "index.html"
            if target.endswith("/"):
                target += "index.html"
            crawl.targets.add(target + ("#" + parts.fragment if parts.fragment else ""))
            if parts.fragment:
                anchors.append((path, target, unquote(parts.fragment)))
            if target.endswith(".html"):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
            elif target not in crawl.resources:
                try:
                    with urlopen(f"{base}/{target}", timeout=10) as r:
                        crawl.resources[target] = r.status
                except OSError as exc:
                    crawl.resources[target] = getattr(exc, "code", 0) or 0
        crawl.problems += _use_content_controls(page, facts, f"{edition}/{path}")
    crawl.fragments = len(anchors)
    for source, target, fragment in anchors:
        if target in crawl.pages and fragment not in crawl.pages[target]["ids"]:
            crawl.problems.append(f"{source}: link to {target}#{fragment}: no such id")
        elif target not in crawl.pages and not target.endswith(".html"):
            crawl.problems.append(f"{source}: fragment link into a non-page {target}#{fragment}")
    crawl.problems += [f"{t}: HTTP {s}" for t, s in crawl.resources.items() if s != 200]
    page.close()
    crawl.seconds = time.monotonic() - started


@pytest.fixture(scope="module")
def crawled(browser, base) -> dict[str, Crawl]:
    """Both editions crawled once, side by side (with axe on every page); the tests read
    the records. Browser trouble is recorded for both editions together."""
    for records in browser.problems().values():
        records.clear()
    out = {edition: Crawl() for edition in base}
    running = [_crawl(browser, base[e], e, out[e]) for e in base]
    while running:
        for crawl in list(running):
            try:
                next(crawl)
            except StopIteration:
                running.remove(crawl)
    trouble = {k: list(v) for k, v in browser.problems().items()}
    for crawl in out.values():
        crawl.browser = trouble
    return out


def test_every_page_of_both_editions_loads_cleanly_and_every_link_resolves(crawled):
    for edition, crawl in crawled.items():
        pages, images = len(crawl.pages), sum(len(p["images"]) for p in crawl.pages.values())
        print(
            f"\n[crawl] {edition}: {pages} pages, {crawl.links} internal links checked "
            f"({crawl.fragments} with a #fragment; {len(crawl.targets)} distinct targets, "
            f"{len(crawl.resources)} non-page files), "
            f"{images} images, {len(crawl.external)} outside links not followed, "
            f"{crawl.seconds:.1f} s (with axe; both editions side by side)"
        )
        print(f"[crawl] {edition} pages: {sorted(crawl.pages)}")
        assert {"intro.html", "genindex.html", "search.html", *CHAPTER_PAGES} <= set(crawl.pages)
        assert crawl.pages["search.html?q=Putin"]["search_results"] > 0, "search finds nothing"
        assert ("instructors/for-instructors.html" in crawl.pages) == (edition == "instructor")
        assert not crawl.problems, crawl.problems
    assert not any(crawl.browser.values()), crawl.browser


def test_no_page_has_a_serious_accessibility_violation(crawled):
    """axe-core on every page of both editions (widgets rendered): nothing serious or
    critical. Lesser findings are printed for the record."""
    found = []
    for edition, crawl in crawled.items():
        lesser = Counter()
        for path, facts in crawl.pages.items():
            found += describe(serious(facts["axe"]), f"{edition}/{path}: ")
            lesser.update(f"{v['id']} ({v['impact']})" for v in facts["axe"])
        print(
            f"\n[axe] {edition}: {len(crawl.pages)} pages; findings below serious, "
            f"pages affected: {dict(lesser) or 'none'}"
        )
    assert not found, "\n".join(found)


def test_no_control_in_the_content_does_nothing(crawled):
    """Every control in the content area of every page is known and was used above:
    copy buttons copied, summaries opened (exercise widgets: see the next test)."""
    for edition, crawl in crawled.items():
        uses = Counter(c for p in crawl.pages.values() for c in p["controls"])
        print(f"\n[controls] {edition}: {dict(uses)} (copy buttons and summaries all clicked)")
        assert uses["exercise"] > 0


# ---------------------------------------------------------------- 2: every item


def _diff_fill(box, spec: dict, before: dict | None, answer: dict) -> None:
    """Like widget_driver.fill, but touch only controls that differ from ``before``."""
    kind = spec["kind"]
    if before is None or kind not in ("multiple_choice", "span_marking", "labelling"):
        fill(box, spec, answer)
    elif kind == "labelling":
        for i, seg in enumerate(spec["segments"]):
            if before["labels"].get(seg["id"]) != answer["labels"][seg["id"]]:
                box.locator("select").nth(i).select_option(answer["labels"][seg["id"]])
    else:
        for changed in set(before["selected"]) ^ set(answer["selected"]):
            if kind == "multiple_choice":
                box.locator(f'input[value="{changed}"]').set_checked(changed in answer["selected"])
            else:
                box.locator(f'button.ml-span[data-id="{changed}"]').click()


_SHOWN = (
    "box => [box.querySelector('.ml-feedback').innerText, "
    "box.querySelector('.ml-attempts').innerText]"
)
_WIDGET_FACTS = """box => {
  const s = box.querySelector('.ml-feedback'), t = box.querySelector('.ml-typed');
  return {role: s.getAttribute('role'), live: s.getAttribute('aria-live'),
          rendered: getComputedStyle(s).display !== 'none',
          typed_hidden: !t || t.hidden && t.offsetParent === null,
          shown: [s.innerText, box.querySelector('.ml-attempts').innerText]}; }"""


def _check(box, spec, before: list[str]) -> tuple[str, list[str]]:
    """Press Check (Save); return the feedback line and what the widget shows now. The
    feedback line or the attempt count must change: pressing Check always shows something."""
    box.get_by_role("button", name="Save" if spec["kind"] == "free_text" else "Check").click()
    after = box.evaluate(_SHOWN)
    assert after != before, f"Check showed nothing new: {after}"
    return _said(after[0]), after


def _wrongs(it, right, every_control: bool) -> list[dict]:
    """Wrong answers from tests/support/keys.py: the first one, or (``every_control``) enough of
    them to change every control of the widget: all of them, except for labelling items
    one per passage (not per label)."""
    wrongs = [w for w in wrong_answers(it, right) if not it.check(w).correct]
    if not every_control:
        return wrongs[:1]
    if it.kind != "labelling":
        return wrongs
    by_passage = {}
    for w in wrongs:
        changed = next(k for k, v in w["labels"].items() if v != right["labels"][k])
        by_passage.setdefault(changed, w)
    return list(by_passage.values())


# The first item of each kind (in page order) gets enough wrong answers to use every one
# of its controls, and every hint.
FIRST_OF_KIND: dict[str, str] = {}
for _it in sorted(ITEMS, key=lambda i: CHAPTER_PAGES.index(_page_of(i))):  # stable: page order
    FIRST_OF_KIND.setdefault(_it.kind, _it.id)


# Pages are tested one by one, each a unit of work of its own (OWN_UNITS in
# tests/conftest.py), so that two test workers can share them.
@pytest.mark.parametrize("path", CHAPTER_PAGES, ids=[p[9:-5] for p in CHAPTER_PAGES])
def test_every_item_gives_the_python_feedback_and_every_control_works(fresh, base, case, path):
    """Every item of the student edition, in its chapter page: a wrong answer from
    tests/support/keys.py shows the Python checker's own feedback, then the key shows success;
    free-text items say Saved. For the first item of each kind, enough wrong answers to
    use every one of its controls, each with the Python feedback. Right and wrong are
    told by a symbol and words, not by colour alone; the feedback line is a polite live
    region; every control has an accessible name. Hint adds a hint (the first item of
    each kind: every hint, until the button is disabled); the kernel-only box stays
    hidden. axe finds nothing serious in the widgets, answered wrong and answered right,
    in light and in dark mode."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = fresh.new_page()
    preload_axe(page)
    clicks = Counter()
    problems = []

    def axe_widgets(where: str, include: str = ".ml-exercise") -> None:
        for scheme in ("dark", "light"):
            page.emulate_media(color_scheme=scheme)
            page.wait_for_function("s => document.documentElement.dataset.theme === s", arg=scheme)
            problems.extend(describe(serious(axe(page, include)), f"{where} ({scheme}): "))

    def compare(it, answer, said: str) -> None:
        if said != _expected(it, answer):
            problems.append(
                f"{it.id} {answer}: page says {said!r}, Python says {_expected(it, answer)!r}"
            )

    _open(page, f"{base['student']}/{path}")
    items = [i for i in ITEMS if _page_of(i) == path]
    assert page.locator(".ml-exercise").count() == len(items), path
    for n, it in enumerate(items):
        box = exercise(page, it.id)
        every = FIRST_OF_KIND[it.kind] == it.id
        problems += [f"{it.id}: control with no name: {c}" for c in unnamed_controls(box)]
        facts = box.evaluate(_WIDGET_FACTS)
        assert (facts["role"], facts["live"]) == ("status", "polite"), it.id
        # A live region must be on the page (not display: none) before its text
        # changes, or screen readers may not announce the feedback.
        assert facts["rendered"], f"{it.id}: the empty feedback line is display: none"
        assert facts["typed_hidden"], f"{it.id}: the kernel-only box shows with no kernel"
        shown = facts["shown"]
        right = key_answer(it, case)
        before = None
        for wrong in _wrongs(it, right, every):
            _diff_fill(box, it.spec, before, wrong)
            said, shown = _check(box, it.spec, shown)
            clicks["wrong"] += 1
            compare(it, wrong, said)
            assert said.startswith("✘ Not yet: "), said  # a symbol and words
            if path == CHAPTER_PAGES[0] and n == 0 and before is None:  # same CSS everywhere
                axe_widgets(f"{it.id} answered wrong", f'[data-item="{it.id}"]')
            before = wrong
        _diff_fill(box, it.spec, before, right)
        said, shown = _check(box, it.spec, shown)
        clicks["free_text" if it.kind == "free_text" else "right"] += 1
        compare(it, right, said)
        assert said.startswith("✔ Saved (" if it.kind == "free_text" else "✔ Correct: "), said
        if it.kind != "free_text":  # every Check counted, shown beside the feedback
            tries = len(_wrongs(it, right, every)) + 1
            assert f"Attempts: {tries}" in box.inner_text(), (it.id, tries)
        hints = box.locator(".ml-hint-button")
        for shown_hints in range(1, len(it.spec.get("hints") or []) + 1):
            hints.click()
            clicks["hint"] += 1
            assert box.locator(".ml-hints li").count() == shown_hints, it.id
            if not every:
                break
        else:  # every hint shown: the button says there are no more
            assert not it.spec.get("hints") or hints.get_attribute("aria-disabled") == "true"
        if n == 0:
            box.screenshot(
                path=str(SCREENSHOTS / f"{path.split('/')[-1][:-5]}-{it.id}.png"), style=SHOT_STYLE
            )
    axe_widgets(f"{path} answered")
    free = sum(i.kind == "free_text" for i in items)
    print(
        f"\n[items] {path}: {len(items) - free} checkable items, {free} free-text; "
        f"clicks: {dict(clicks)}; screenshots in {SCREENSHOTS}"
    )
    assert not problems, "\n".join(problems)
    assert (clicks["right"], clicks["free_text"]) == (len(items) - free, free)
    fresh.assert_clean()


# ---------------------------------------------------------------- 3: phone screen


def test_widgets_fit_a_phone_screen(fresh, base):
    """375 px wide at a phone's pixel density: neither the page nor anything inside a
    widget scrolls sideways, no widget sticks out of the screen, and every Check can be
    tapped (with no answer given, it says what is missing)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = _variant(fresh, **PHONE).new_page()
    problems, boxes = [], 0
    for path in CHAPTER_PAGES:
        _open(page, f"{base['student']}/{path}")
        page.wait_for_timeout(50)  # let the last layout settle
        measured = page.evaluate("""() => [...document.querySelectorAll('.ml-exercise')]
          .map(box => {
            const r = box.getBoundingClientRect();
            const wide = [box, ...box.querySelectorAll('*')]
                .filter(e => !e.closest('.ml-visually-hidden'))  // 1 px on purpose
                .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
                .map(e => `${e.tagName}.${e.className} ${e.scrollWidth}>${e.clientWidth}`);
            const check = box.querySelector('.ml-check').getBoundingClientRect();
            return [box.dataset.item, wide, r.left, r.right, check.left, check.right, innerWidth];
        })""")
        page_width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        if page_width[0] > page_width[1] + 1:  # wide tables and code scroll in their own boxes
            problems.append(f"{path}: the page scrolls sideways: {page_width}")
        for item_id, wide, left, right, check_left, check_right, width in measured:
            if wide:
                problems.append(f"{item_id}: scrolls sideways: {wide}")
            if left < 0 or right > width + 1:
                problems.append(f"{item_id}: sticks out of the {width} px screen: {left}..{right}")
            if check_left < 0 or check_right > width:
                problems.append(f"{item_id}: Check is off screen: {check_left}..{check_right}")
        for n, it in enumerate(i for i in ITEMS if _page_of(i) == path):
            box = exercise(page, it.id)
            boxes += 1
            # Playwright taps only what is visible, enabled and not covered by anything.
            box.get_by_role("button", name="Save" if it.kind == "free_text" else "Check").tap()
            if not box.evaluate(_SHOWN)[0].strip():  # e.g. "⚠ Give an answer first"
                problems.append(f"{it.id}: tapping Check showed nothing")
            if n == 0:
                box.screenshot(
                    path=str(SCREENSHOTS / f"phone-{path.split('/')[-1][:-5]}.png"),
                    style=SHOT_STYLE,
                )
    print(f"\n[phone] {boxes} widgets on {len(CHAPTER_PAGES)} pages at 375 px, scale 3")
    assert not problems, "\n".join(problems)
    fresh.assert_clean()


# ---------------------------------------------------------------- 4: zipped, no server


def test_the_zipped_student_edition_works_from_file_urls(fresh, site, case, tmp_path):
    archive = tmp_path / "student-edition.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for f in sorted(site["student"].rglob("*")):
            z.write(f, f.relative_to(site["student"]))
    unpacked = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as z:
        z.extractall(unpacked)
    it = next(i for i in CHECKABLE if i.kind == "multiple_choice")
    page = fresh.new_page()
    _open(page, (unpacked / _page_of(it)).as_uri())
    box = exercise(page, it.id)
    right = key_answer(it, case)
    wrong = next(w for w in wrong_answers(it, right) if not it.check(w).correct)
    fill(box, it.spec, wrong)
    said, shown = _check(box, it.spec, ["", ""])
    assert said == _expected(it, wrong)
    fill(box, it.spec, right)
    assert _check(box, it.spec, shown)[0] == _expected(it, right)
    print(f"\n[zip] {archive.stat().st_size / 1e6:.1f} MB; answered {it.id} from file://")
    fresh.assert_clean()


# ---------------------------------------------------------------- 6: keyboard only

_FOCUS = """(box) => {
  const e = document.activeElement;
  return {inside: box.contains(e), tag: e.tagName.toLowerCase(), type: e.type || '',
          id: e.id, value: e.value ?? '', checked: !!e.checked, data: e.dataset.id || '',
          pressed: e.getAttribute('aria-pressed'), text: (e.textContent || '').trim(),
          disabled: !!e.disabled};
}"""


def _keyboard_answer(page, box, it, answer: dict) -> int:
    """Reach ``box`` from the current focus with Tab and complete ``answer`` with keys
    only, ending with Enter on Check (or Save). Returns the number of key presses."""
    keys = 0
    handle = box.element_handle()
    press = page.keyboard.press

    def focus():
        return page.evaluate(_FOCUS, handle)

    while not focus()["inside"]:
        press("Tab")
        keys += 1
        assert keys < 400, f"{it.id}: Tab never reaches the widget"
    segments = [s["id"] for s in it.spec.get("segments", [])]
    for _ in range(200):
        f = focus()
        assert f["inside"], f"{it.id}: Tab left the widget before Check: {f}"
        assert has_focus_indicator(page), f"{it.id}: no visible focus on {f}"
        if f["tag"] == "button" and f["text"] in ("Check", "Save"):
            press("Shift+Tab")  # Shift+Tab goes back, Tab returns to the button
            press("Tab")
            assert focus()["text"] == f["text"]
            press("Enter")
            return keys + 3
        if f["type"] == "radio":
            if not f["checked"]:
                press("Space")
                keys += 1
            for _ in range(len(it.options)):
                if focus()["value"] == answer["choice"]:
                    break
                press("ArrowDown")
                keys += 1
            assert focus()["value"] == answer["choice"] and focus()["checked"], it.id
        elif f["type"] == "checkbox":
            want = (
                answer.get("not_stated", False)
                if it.kind == "duration"
                else f["value"] in answer["selected"]
            )
            if f["checked"] != want:
                press("Space")
                keys += 1
        elif f["tag"] == "button" and f["data"]:  # a phrase to mark
            if (f["pressed"] == "true") != (f["data"] in answer["selected"]):
                press("Space" if keys % 2 else "Enter")  # either key works
                keys += 1
        elif f["tag"] == "select":
            if it.kind == "labelling":
                target = answer["labels"][segments[int(f["id"].rsplit("-s", 1)[1])]]
            else:
                target = answer["unit"] if f["id"].endswith("-u") else answer["bound"]
            options = page.evaluate("() => [...document.activeElement.options].map(o => o.value)")
            step = "ArrowDown" if options.index(target) > options.index(f["value"]) else "ArrowUp"
            for _ in range(len(options)):
                if focus()["value"] == target:
                    break
                press(step)
                keys += 1
            assert focus()["value"] == target, f"{it.id}: arrows never select {target}"
        elif f["tag"] in ("input", "textarea") and not answer.get("not_stated"):
            text = {
                "numeric": lambda: f"{answer['value']:g}",
                "duration": lambda: f"{answer['number']:g}",
                "free_text": lambda: answer["text"],
            }[it.kind]()
            page.keyboard.type(text)
            keys += len(text)
        press("Tab")
        keys += 1
    raise AssertionError(f"{it.id}: Tab never reached Check")


def test_every_kind_of_widget_can_be_answered_with_the_keyboard_alone(fresh, base, case):
    """For each kind, the first item of that kind: from the top of its page, Tab to it,
    answer with Space, Enter, arrows and typing, press Check with Enter: success. Then
    every hint with Enter, and the focus stays on the Hint button (no jump to the top)."""
    firsts = {}
    for it in ITEMS:
        firsts.setdefault(it.kind, it)
    assert set(firsts) == set(KINDS)
    by_page = defaultdict(list)
    for it in firsts.values():
        by_page[_page_of(it)].append(it)
    page = fresh.new_page()
    presses = {}
    for path, items in sorted(by_page.items()):
        _open(page, f"{base['student']}/{path}")
        order = [i.id for i in ITEMS if _page_of(i) == path]
        for it in sorted(items, key=lambda i: order.index(i.id)):  # keep tabbing down the page
            box = exercise(page, it.id)
            answer = key_answer(it, case)
            presses[it.kind] = _keyboard_answer(page, box, it, answer)
            said = _said(box.get_by_role("status").inner_text())
            assert said == _expected(it, answer), (it.id, said)
            hints = len(it.spec.get("hints") or [])
            if hints:  # Tab to Hint, Enter once more than there are hints: focus stays put
                page.keyboard.press("Tab")
                for _ in range(hints + 1):
                    page.keyboard.press("Enter")
                f = page.evaluate(_FOCUS, box.element_handle())
                assert f["inside"] and f["text"] == "Hint", f"{it.id}: focus lost: {f}"
                assert box.locator(".ml-hints li").count() == hints
    print(f"\n[keyboard] key presses per kind (from the previous widget or the top): {presses}")
    fresh.assert_clean()
