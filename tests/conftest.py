"""Shared fixtures. Browser tests are marked `browser`; notebook tests run through nbval."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a headless Chromium (needs /usr/bin/chromium)")


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
