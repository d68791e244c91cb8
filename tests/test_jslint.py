"""ESLint (tests/eslint: the recommended rules, browser globals, ES2022) on the book's
scripts and the exercise widget's modules: no error, no warning."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "tests" / "eslint"
ESLINT = TOOLS / "node_modules" / ".bin" / "eslint"
LINTED = ["book/widget-loader.js", "book/_static", "medialit/exercises"]


def _eslint(*paths: str) -> subprocess.CompletedProcess:
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the JavaScript linter (ESLint) runs on node")
    assert ESLINT.exists(), "ESLint is not installed: run `npm ci` in tests/eslint (.ci/run does)"
    return subprocess.run(
        [
            str(ESLINT),
            "--config",
            str(TOOLS / "eslint.config.mjs"),
            "--max-warnings",
            "0",
            "--no-warn-ignored",
            *paths,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_javascript_lints_clean():
    done = _eslint(*LINTED)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_the_linter_finds_a_real_error(tmp_path):
    """An unused variable and an undefined name in a page script fail the lint (so the test
    above could fail)."""
    bad = TOOLS / f"probe-{tmp_path.name}.js"  # a page script, outside the book
    bad.write_text("function f() { var unused = 1; return missing; }\nf();\n")
    try:
        done = _eslint(str(bad.relative_to(ROOT)))
    finally:
        bad.unlink()
    assert done.returncode == 1, done.stdout + done.stderr
    assert "no-unused-vars" in done.stdout and "no-undef" in done.stdout, done.stdout
