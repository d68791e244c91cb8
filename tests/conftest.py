"""Shared fixtures. Browser tests are marked `browser`; notebook tests run through nbval."""

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"
BOOK = ROOT / "book"
EDITIONS_LOCK = BOOK / "_build" / ".editions.lock"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a headless Chromium (needs /usr/bin/chromium)")
    config.addinivalue_line("markers", "xdist_group(name): run with the other tests of this "
                                       "group on one worker (also known without xdist)")
    # Notebooks run by nbval call medialit.exercises.start(): keep their saved answers out
    # of the repository (kernels inherit this environment).
    os.environ.setdefault("MEDIALIT_ANSWERS_DIR", tempfile.mkdtemp(prefix="medialit-answers-"))
    # One validation cache for this run, shared by test workers, kernels and book builds
    # (set here, before xdist starts its workers), and none left in the user's home.
    os.environ.setdefault("MEDIALIT_CACHE_DIR", tempfile.mkdtemp(prefix="medialit-cache-"))


# How the suite is shared by two workers (pytest-xdist, --dist loadgroup): each test file
# is one unit of work (so a notebook's cells stay together in order, as nbval needs),
# except where a test asks for a group of its own (xdist_group: the static-site tests are
# split so that both workers can run them once the book is built). Units are handed out
# in collection order (--no-loadscope-reorder; by default xdist orders them by their
# number of tests): the longest first, so they start at once instead of last and the
# many short files fill the gaps. The first unit builds both editions of the book.
LONGEST_FIRST = ("tests/test_static_site.py", "tests/test_live.py", "static-site-*",
                 "tests/test_book.py", "tests/test_generic.py", "tests/test_case_fuzz.py",
                 "tests/test_hardening.py")


def _group(item) -> str:
    mark = item.get_closest_marker("xdist_group")
    return str(mark.args[0]) if mark else item.nodeid.split("::")[0]


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items):
    from fnmatch import fnmatch

    for item in items:
        if not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(_group(item)))

    def rank(item) -> int:
        return next((n for n, pattern in enumerate(LONGEST_FIRST) if fnmatch(_group(item), pattern)),
                    len(LONGEST_FIRST))

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


@contextmanager
def editions_lock() -> Iterator[None]:
    """Hold the lock on the built editions (book/_build/editions/): test workers that
    build, rebuild or copy them take turns instead of writing one folder at once."""
    import fcntl

    EDITIONS_LOCK.parent.mkdir(parents=True, exist_ok=True)
    with open(EDITIONS_LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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
        print(f"\n[editions] built in {time.monotonic() - asked - waited:.1f} s "
              f"(waited {waited:.1f} s for the lock)")
        return built
