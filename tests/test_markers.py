"""The markers that choose a loop: `-m quick` leaves out every slow part and does not even
read the notebooks; any expression that can select a notebook still reads them."""

from __future__ import annotations

import re
import subprocess
import sys
from types import SimpleNamespace

import pytest

from tests.support.markers import selects
from tests.support.paths import ROOT


def _config(expression: str):
    return SimpleNamespace(getoption=lambda name: {"markexpr": expression}[name])


@pytest.mark.parametrize(
    ("expression", "kept"),
    [
        ("", True),
        ("quick", False),
        ("notebooks", True),
        ("not browser and not live", True),
        ("not browser and not live and not notebooks", False),
        ("slow or notebooks", True),
        ("not (", True),  # pytest reports the bad expression; nothing is skipped meanwhile
    ],
)
def test_an_expression_keeps_a_notebook_exactly_when_it_would_select_one(expression, kept):
    assert selects(_config(expression), {"notebooks"}) is kept


def _collected(*args: str) -> tuple[list[str], int]:
    """The tests -m keeps, and how many were collected before it chose."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    counts = re.search(r"(?:(\d+)/)?(\d+) tests? collected", done.stdout)
    assert counts, done.stdout[-500:]
    return [line for line in done.stdout.splitlines() if "::" in line], int(counts.group(2))


@pytest.mark.slow
def test_quick_reads_no_notebook_and_leaves_out_every_slow_part(request):
    """One collection, -m quick, of this file and the book's folder: it reads this file's
    tests only (a notebook read would count), and keeps those not marked slow."""
    mine = [item.nodeid for item in request.node.parent.collect()]  # this file, as collected
    quick, read = _collected("-m", "quick", "tests/test_markers.py", "book")
    assert read == len(mine)  # the book's notebooks: not even read
    assert quick == [t for t in mine if t != request.node.nodeid]
