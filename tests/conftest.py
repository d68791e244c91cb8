"""Fixtures and hooks only. Helpers live in tests/support/ (import them from there, never
from this file). Browser tests are marked `browser`; notebook tests run through nbval."""

import os
import shutil
import tempfile
import time

import pytest

from tests.support.markers import selects
from tests.support.paths import BOOK, DATA, EDITIONS_LOCK, editions_lock


def pytest_configure(config):
    config.pluginmanager.register(CollectionChecks(), "medialit-collection-checks")
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(UnitScheduling(), "medialit-unit-scheduling")
    config.addinivalue_line(
        "markers",
        "browser: drives a headless Chromium (needs /usr/bin/chromium) or needs a built book",
    )
    config.addinivalue_line("markers", "live: starts Voila or JupyterLab servers with kernels")
    config.addinivalue_line("markers", "notebooks: a notebook run cell by cell under nbval")
    config.addinivalue_line(
        "markers",
        "slow: half a second or more on the 2-core machine (many generated examples, a whole "
        "class graded and written, or another program run: node, mypy, eslint)",
    )
    config.addinivalue_line(
        "markers",
        "quick: the developer's inner loop, added to every test with none of browser, live, "
        "notebooks, slow (python -m pytest -m quick)",
    )
    # Notebooks run by nbval call medialit.exercises.start(): keep their saved answers out
    # of the repository (kernels inherit this environment).
    os.environ.setdefault("MEDIALIT_ANSWERS_DIR", tempfile.mkdtemp(prefix="medialit-answers-"))
    # One validation cache for this run, shared by test workers, kernels and book builds
    # (set here, before xdist starts its workers), and none left in the user's home.
    os.environ.setdefault("MEDIALIT_CACHE_DIR", tempfile.mkdtemp(prefix="medialit-cache-"))


# How the suite is shared by two workers (pytest-xdist, --dist loadfile). A unit of work
# is a test file (a notebook's cells must stay together, in order, as nbval needs), except
# the tests named in OWN_UNITS: these are units of their own ("*": each parametrized case
# alone), so that both workers can share the static-site tests once the book is built.
# Units are handed out in collection order (--no-loadscope-reorder; by default xdist
# orders them by their number of tests), longest first: they start at once instead of
# last, and the many short files fill the gaps. The first unit builds the book.
# (xdist's own --dist loadgroup cannot be used: with pytest 9 it no longer groups.)
_STATIC = "tests/test_static_site.py::"
OWN_UNITS = {
    _STATIC + "test_every_item_gives_the_python_feedback_and_every_control_works": "*",
    _STATIC + "test_widgets_fit_a_phone_screen": "static-site-phone",
    _STATIC + "test_the_zipped_student_edition_works_from_file_urls": "static-site-keyboard-zip",
    _STATIC + "test_every_kind_of_widget_can_be_answered_with_the_keyboard_alone": (
        "static-site-keyboard-zip"
    ),
}
LONGEST_FIRST = (
    "tests/test_static_site.py",
    "tests/test_live.py",
    _STATIC + "*",
    "static-site-*",
    "tests/test_book.py",
    "tests/test_gradebook_trust.py",
    "tests/test_lms.py",
    "tests/test_gradebook.py",
    "tests/test_generic.py",
    "tests/test_case_fuzz.py",
    "tests/test_checker_parity.py",
    "tests/test_checker_fuzz.py",
    "tests/test_parser_properties.py",
)


def unit_of(nodeid: str) -> str:
    """The unit of work a test belongs to (see OWN_UNITS)."""
    path, _, rest = nodeid.partition("::")
    own = OWN_UNITS.get(f"{path}::{rest.split('[')[0]}")
    return nodeid if own == "*" else own or path


class UnitScheduling:
    """Registered in pytest_configure when xdist is there (its hook is unknown otherwise)."""

    @staticmethod
    def pytest_xdist_make_scheduler(config, log):
        if config.getvalue("dist") != "loadfile":
            return None
        from xdist.scheduler import LoadScopeScheduling

        class Units(LoadScopeScheduling):
            def _split_scope(self, nodeid: str) -> str:
                return unit_of(nodeid)

        return Units(config, log)


# Markers by file or by need, so that a developer's inner loop can leave the slow parts out:
# `python -m pytest -m quick` (see the README). `slow` is written on the tests themselves.
BROWSER_FILES = ("tests/test_book.py", "tests/test_casebook.py")  # build a book
LIVE_FILES = ("tests/test_live.py",)
OUTER_LOOP = ("browser", "live", "notebooks", "slow")  # what `-m quick` leaves out
NOTEBOOK_TESTS = (  # tests that run a notebook under nbval in a subprocess
    "tests/test_bundle.py::test_the_bundle_installs_offline_and_its_notebook_passes_nbval",
    "tests/test_generic.py::test_the_any_case_notebook_runs_on_the_second_case_under_nbval",
)


class CollectionChecks:
    """Registered in pytest_configure (this module's own pytest_collection_modifyitems
    sorts, last): runs first, before -k / -m deselect anything."""

    @staticmethod
    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(items):
        check_units_and_mark(items)

    @staticmethod
    def pytest_ignore_collect(collection_path, config):
        """A notebook is not even read when -m leaves the notebooks out: nbval parses and
        validates each one at collection, about a second of each worker's start. (A
        plugin's hook, not this conftest's: those see only the paths under tests/.)"""
        if collection_path.suffix == ".ipynb" and not selects(config, {"notebooks"}):
            return True
        return None


def check_units_and_mark(items) -> None:
    """Fail if OWN_UNITS names a test of a collected file that no longer exists (it would
    silently fall back to its file's unit); add the markers above."""
    collected = {item.nodeid.split("[")[0] for item in items}
    files = {nodeid.partition("::")[0] for nodeid in collected}
    missing = [
        test
        for test in (*OWN_UNITS, *NOTEBOOK_TESTS)
        if test.partition("::")[0] in files and test not in collected
    ]
    if missing:
        raise pytest.UsageError(
            "tests/conftest.py (OWN_UNITS or NOTEBOOK_TESTS) names tests that no longer exist: "
            + ", ".join(missing)
            + " (renamed? update tests/conftest.py)"
        )
    for item in items:
        path = item.nodeid.partition("::")[0]
        if path.endswith(".ipynb") or item.nodeid.split("[")[0] in NOTEBOOK_TESTS:
            item.add_marker(pytest.mark.notebooks)
        if path in LIVE_FILES:
            item.add_marker(pytest.mark.live)
        if path in BROWSER_FILES or "editions" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if not any(item.get_closest_marker(m) for m in OUTER_LOOP):
            item.add_marker(pytest.mark.quick)


@pytest.hookimpl(trylast=True)  # after pytest's own reordering by fixtures
def pytest_collection_modifyitems(items):
    from fnmatch import fnmatch

    def rank(item) -> int:
        unit = unit_of(item.nodeid)
        return next(
            (n for n, pattern in enumerate(LONGEST_FIRST) if fnmatch(unit, pattern)),
            len(LONGEST_FIRST),
        )

    items.sort(key=rank)


@pytest.fixture(scope="session")
def case():
    from medialit import load_case

    return load_case()


@pytest.fixture
def case_copy(tmp_path):
    """A writable copy of the default case, to break on purpose."""
    dst = tmp_path / "case"
    shutil.copytree(DATA, dst)
    return dst


@pytest.fixture(scope="session")
def editions():
    """Both editions of the book, built once per test run: {edition: its HTML folder}.

    Every xdist worker that needs them asks here; the lock makes the others wait while
    one builds, and a worker that finds this run's build already done reuses it (same
    PYTEST_XDIST_TESTRUNUID), so no page is rewritten while another worker reads it."""
    from medialit.book import EDITIONS, build_edition

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    done = EDITIONS_LOCK.with_name(".editions.built")
    asked = time.monotonic()
    with editions_lock():
        waited = time.monotonic() - asked
        if run and done.is_file() and done.read_text() == run:
            print(f"\n[editions] built by another worker (waited {waited:.1f} s)")
            return {e: BOOK / "_build" / "editions" / e / "_build" / "html" for e in EDITIONS}
        done.unlink(missing_ok=True)
        built = {e: build_edition(BOOK, e) for e in EDITIONS}
        if run:
            done.write_text(run)
        print(
            f"\n[editions] built in {time.monotonic() - asked - waited:.1f} s "
            f"(waited {waited:.1f} s for the lock)"
        )
        return built
