"""mypy on the core modules ([tool.mypy] in pyproject.toml names them): no error at all."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _mypy(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_core_modules_type_check():
    done = _mypy()
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_the_config_is_strict(tmp_path):
    """The project's settings reject a wrong type and a function without hints (so the
    test above could fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text('def f(x):\n    return x\n\n\nn: int = "1"\n')
    done = _mypy(
        "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "c"), str(bad)
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[no-untyped-def]" in done.stdout and "[assignment]" in done.stdout, done.stdout
