"""Shared fixtures. Browser tests are marked `browser`; notebook tests run through nbval."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a headless Chromium (needs /usr/bin/chromium)")
    # Notebooks run by nbval call medialit.exercises.start(): keep their saved answers out
    # of the repository (kernels inherit this environment).
    os.environ.setdefault("MEDIALIT_ANSWERS_DIR", tempfile.mkdtemp(prefix="medialit-answers-"))


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
