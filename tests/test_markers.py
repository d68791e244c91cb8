"""The markers that choose a loop: `-m quick` leaves out every slow part, and does not even
read the notebooks; the other expressions still find them."""

from __future__ import annotations

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


def _collected(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if "::" in line]


@pytest.mark.slow
def test_quick_leaves_out_every_slow_part_and_the_rest_find_them():
    quick = _collected("-m", "quick")
    assert len(quick) > 1000
    files = {t.split("::")[0] for t in quick}
    assert not [f for f in files if f.endswith(".ipynb")]
    assert not files & {"tests/test_live.py", "tests/test_static_site.py", "tests/test_book.py"}
    slow = _collected("-m", "slow")
    assert slow and not set(slow) & set(quick)
    notebooks = _collected("-m", "notebooks")
    assert [t for t in notebooks if t.startswith("book/") and ".ipynb::" in t]  # read again
    assert [t for t in notebooks if t.startswith("exercises/")]
