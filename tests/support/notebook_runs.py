"""Run notebooks under nbval in a child pytest, as a student's kernel would run them: lax
(outputs are not compared, errors fail), in this environment, without the repository's
addopts (no xdist, no doctests, no strict comparison)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def run_lax(notebooks, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    """``pytest --nbval-lax`` on ``notebooks`` (paths, run from ``cwd``)."""
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
    cmd += ["-o", "addopts=", "--nbval-lax", "--nbval-current-env", *map(str, notebooks)]
    return subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


def passed(done: subprocess.CompletedProcess) -> int:
    """How many cells the run reports passed (0 when it says none)."""
    m = re.search(r"(\d+) passed", done.stdout)
    return int(m.group(1)) if m else 0
