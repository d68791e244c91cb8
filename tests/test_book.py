"""The real book in its two editions: both build offline with warnings as errors; the
student edition holds no solution text anywhere in its output (HTML, page sources, search
index, copied notebooks, JSON) while the instructor edition shows it beside the exercises.
In a browser, every page and every exercise is tested in tests/test_static_site.py."""

from __future__ import annotations

import json
import re

import pytest

from medialit.book import ASSETS_DIR, ASSETS_SUBDIR, build_edition
from tests.support.leaks import haystack as _haystack
from tests.support.leaks import needles as _needles
from tests.support.paths import ROOT, editions_lock

BOOK = ROOT / "book"
CHAPTER = "chapters/02-numbers.html"


# `editions` (both editions, built once per run under a lock) is in tests/conftest.py.


@pytest.fixture(scope="module")
def html(editions):
    return editions["student"]


def test_book_builds_with_every_page_and_embedded_widget_state(html):
    for page in ("index.html", "intro.html", CHAPTER):
        assert (html / page).is_file(), page
    chapter = (html / CHAPTER).read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-state+json" in chapter
    assert chapter.count('"item"') >= 6  # six exercise items embedded
    # Every script comes from the book itself, never from a CDN.
    for src in re.findall(r'<script[^>]+src="([^"]+)"', chapter):
        assert not src.startswith(("http:", "https:", "//")), src
    # The exercise cell shows the widget, not the code that builds it.
    assert "show(chapter=" not in chapter
    # Each widget's JavaScript and CSS are a reference to one shared file, not a copy.
    from medialit.book import SHARED_FILE, share_widget_sources, shared_sources

    shared = shared_sources()
    assert chapter.count('"_esm": "medialit-shared:') >= 6
    assert all(text[:200] not in chapter for text in shared.values())
    assert share_widget_sources(html) == 0  # already done: nothing left to replace
    script = (html / ASSETS_SUBDIR / SHARED_FILE).read_text(encoding="utf-8")
    assert all(json.dumps(ref) in script for ref in shared)
    intro = (html / "intro.html").read_text(encoding="utf-8")
    assert (
        "Takeaways from Trump-Putin Call" in intro and "This post was originally published" in intro
    )


def test_a_rebuild_refreshes_stale_widget_assets(html):
    published = html / ASSETS_SUBDIR
    with editions_lock():  # another worker may be copying this edition
        (published / "widget-loader.js").write_text("broken = ;")
        (published / "leftover.js").write_text("")
        build_edition(BOOK, "student")
    source = html.parents[1] / ASSETS_DIR / ASSETS_SUBDIR
    assert (published / "widget-loader.js").read_bytes() == (
        source / "widget-loader.js"
    ).read_bytes()
    assert not (published / "leftover.js").exists()


def test_a_library_change_invalidates_the_execution_cache(tmp_path):
    from medialit.book import _invalidate_stale_cache

    repo, book = tmp_path / "repo", tmp_path / "book"
    (repo / "medialit").mkdir(parents=True)
    (repo / "data").mkdir()
    (repo / "medialit" / "widget.js").write_text("v1")
    cache = book / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True)
    _invalidate_stale_cache(book, repo)  # first build: no stamp yet
    cache.mkdir()
    _invalidate_stale_cache(book, repo)  # nothing changed: the cache stays
    assert cache.is_dir()
    (repo / "medialit" / "widget.js").write_text("v2")
    _invalidate_stale_cache(book, repo)  # the library changed: old outputs must go
    assert not cache.exists()


# ---------------------------------------------------------------- editions


def test_the_student_edition_holds_no_solution_text(editions):
    needles = _needles()
    assert len(needles) >= 15
    student = _haystack(editions["student"].parent)
    assert len(student) > 20  # html pages, sources, search index, executed notebooks…
    leaks = [
        (n, f) for n, needle in needles.items() for f, text in student.items() if needle in text
    ]
    assert not leaks, leaks[:5]
    assert not any("instructors" in f for f in student)


def test_both_editions_run_the_notebooks_once(editions):
    """The instructor edition differs only in markdown (answer keys are a directive), so
    it takes every notebook's outputs from the execution cache the student build filled:
    a page it reads again is not executed again."""
    import os

    stage = editions["instructor"].parents[1]
    with editions_lock():
        touched = stage / "chapters" / "02-numbers.ipynb"
        os.utime(touched)  # Sphinx reads it again; its code is what the student build ran
        build_edition(BOOK, "instructor")
    log = (stage / "_build" / "medialit-build.log").read_text(encoding="utf-8")
    assert "Executing notebook" not in log
    assert f"{touched}: Using cached notebook" in log


def test_the_instructor_edition_shows_every_solution(editions):
    instructor = " ".join(_haystack(editions["instructor"]).values())
    missing = [n for n, needle in _needles().items() if needle not in instructor]
    assert not missing, missing[:5]
    assert "instructor edition" in instructor
    assert (editions["instructor"] / "instructors" / "for-instructors.html").is_file()
    assert not (editions["student"] / "instructors").exists()


@pytest.mark.browser
def test_the_widget_loader_draws_boxes_and_names_what_it_cannot_draw(tmp_path):
    """book/widget-loader.js on a page of its own: a VBox of two exercise widgets (their
    code by reference, as the build leaves it) is drawn and checks answers; a widget of
    another kind shows a note and a warning; a reference to code that is not there is an
    error in the console, and the other widgets still work."""
    from medialit.book import SHARED_FILE, _shared_script, shared_sources
    from medialit.exercises import catalog
    from tests.browser import launch_browser, serve

    shared = shared_sources()
    esm, css = list(shared)
    items = [i for i in catalog("numbers") if i.kind == "duration"][:3]

    def any_model(it, code=esm):
        return {
            "model_name": "AnyModel",
            "model_module": "anywidget",
            "state": {
                "_esm": code,
                "_css": css,
                "item": it.spec,
                "answer": {},
                "attempts": 0,
                "feedback": "",
                "status": "",
                "hints_shown": 0,
                "notice": "",
            },
        }

    state = {
        "box": {
            "model_name": "VBoxModel",
            "model_module": "@jupyter-widgets/controls",
            "state": {"children": ["IPY_MODEL_a", "IPY_MODEL_b"]},
        },
        "a": any_model(items[0]),
        "b": any_model(items[1]),
        "slider": {
            "model_name": "IntSliderModel",
            "model_module": "@jupyter-widgets/controls",
            "state": {"value": 3},
        },
        "lost": any_model(items[2], code="medialit-shared:0000"),
    }
    views = "".join(
        f'<script type="application/vnd.jupyter.widget-view+json">{{"model_id": "{m}"}}</script>'
        for m in ("box", "slider", "lost")
    )
    (tmp_path / "page.html").write_text(
        f'<html><head><script src="{SHARED_FILE}"></script><script src="widget-loader.js">'
        f'</script></head><body><script type="application/vnd.jupyter.widget-state+json">'
        f"{json.dumps({'version_major': 2, 'version_minor': 0, 'state': state})}</script>"
        f"{views}</body></html>",
        encoding="utf-8",
    )
    (tmp_path / SHARED_FILE).write_bytes(_shared_script(shared))
    (tmp_path / "widget-loader.js").write_bytes((BOOK / "widget-loader.js").read_bytes())
    with serve(tmp_path) as base, launch_browser() as browser:
        page = browser.new_page()
        warnings = []
        page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
        page.goto(f"{base}/page.html")
        page.locator(".ml-exercise").nth(1).wait_for()
        assert page.locator(".medialit-vbox > div > .ml-exercise").count() == 2
        box = page.locator(".ml-exercise").first
        box.get_by_label("Number").fill("90")
        box.get_by_label("Unit").select_option("minutes")
        box.get_by_role("button", name="Check").click()
        assert box.get_by_role("status").inner_text().startswith(("✔", "✘"))
        assert "Attempts: 1" in box.inner_text()
        assert (
            page.locator(".medialit-needs-kernel").inner_text()
            == "This part of the page works in a live notebook only."
        )
        assert any("IntSliderModel needs a live notebook" in w for w in warnings), warnings
        assert [e for e in browser.console_errors if "medialit-shared:0000" in e], (
            browser.console_errors
        )
