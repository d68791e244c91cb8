"""ruff on the library, tests and benchmarks ([tool.ruff] in pyproject.toml): no finding,
and every file as `ruff format` writes it."""

import subprocess
import sys

from tests.support.paths import ROOT

PATHS = ("medialit", "tests", "benchmarks")


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_ruff_finds_nothing():
    done = _ruff("check", "--output-format", "concise", *PATHS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_changes_nothing():
    done = _ruff("format", "--check", *PATHS)
    assert done.returncode == 0, done.stdout + done.stderr


def test_both_commands_can_fail(tmp_path):
    """The project's settings report a long line and a badly formatted file (so the tests
    above could fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text("x = [1,2]\n" + "y = '" + "word " * 30 + "'\n", encoding="utf-8")
    config = ("--config", str(ROOT / "pyproject.toml"))
    found = _ruff("check", "--output-format", "concise", *config, str(bad))
    assert found.returncode == 1 and "E501" in found.stdout, found.stdout + found.stderr
    formatted = _ruff("format", "--check", *config, str(bad))
    assert formatted.returncode == 1 and "bad.py" in formatted.stdout, formatted.stdout
