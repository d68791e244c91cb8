"""Where things are, for every test and helper: the repository, its data, the book, and
the lock that test workers take before they build, rebuild or copy the built editions."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"
BOOK = ROOT / "book"
EDITIONS_LOCK = BOOK / "_build" / ".editions.lock"
WIDGET_JS = ROOT / "medialit" / "exercises" / "widget.js"


@contextmanager
def editions_lock() -> Iterator[None]:
    """Hold the lock on the built editions (book/_build/editions/): test workers that
    build, rebuild or copy them take turns instead of writing one folder at once."""
    EDITIONS_LOCK.parent.mkdir(parents=True, exist_ok=True)
    with open(EDITIONS_LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
