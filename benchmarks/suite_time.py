"""Suite time: the whole test suite in a fresh clone of HEAD, as .ci/run runs it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from report import ANSI as _ANSI
from report import ROOT, load, record, section

_DURATION = re.compile(r"^\s*([\d.]+)s\s+(setup|call|teardown)\s+(\S+)")  # a --durations row


def _durations(out: str) -> Iterator[tuple[float, str]]:
    """(seconds, test id) for every --durations row of a pytest run's output."""
    for line in out.splitlines():
        m = _DURATION.match(line)
        if m:
            yield float(m.group(1)), m.group(3)


def _result(out: str, returncode: int) -> str:
    """pytest's last line: how many passed, failed or errored (or the exit code)."""
    tail = [ln for ln in out.splitlines() if re.search(r"\d+ (passed|failed|error)", ln)]
    return tail[-1].strip("= ") if tail else f"exit {returncode}"


def _machine_cpu() -> tuple[float, float] | None:
    """(busy, idle) CPU-seconds of the whole machine so far (Linux /proc/stat)."""
    try:
        f = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except (OSError, ValueError):
        return None
    hz = os.sysconf("SC_CLK_TCK")
    return (f[0] + f[1] + f[2] + f[5] + f[6]) / hz, (f[3] + f[4]) / hz


PARTS = (
    ("live", "JupyterLab and Voila in Chromium (-m live)"),
    ("browser", "the static book in Chromium (-m browser)"),
    ("notebooks", "notebooks under nbval, in place or in a subprocess (-m notebooks)"),
)


def _marked_files(clone: Path, env: dict) -> dict[str, str]:
    """Each test file's part: the first marker of PARTS any of its tests carries."""
    part_of: dict[str, str] = {}
    for marker, _ in PARTS:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "--collect-only",
                "-o",
                "addopts=",
                "--nbval",
                "--doctest-modules",
                "--ignore=medialit/__main__.py",
                "-p",
                "no:xdist",
                "-p",
                "no:cacheprovider",
                "-m",
                marker,
            ],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        for line in done.stdout.splitlines():
            path = line.split("::")[0].strip()
            if "::" in line or path.endswith(".ipynb"):
                part_of.setdefault(path, marker)
    return part_of


def _print_parts(per_file: dict[str, float], part_of: dict[str, str]) -> None:
    """Where the seconds go: test time per part of the suite (one worker's time)."""
    totals: dict[str, list] = {}
    for f, s in per_file.items():
        part = part_of.get(f) or ("notebooks" if f.endswith(".ipynb") else "unit")
        totals.setdefault(part, [0.0, 0, []])
        totals[part][0] += s
        totals[part][1] += 1
        totals[part][2].append((s, f))
    names = dict(PARTS, unit="everything else: library, data, gradebook, doctests")
    whole = sum(t[0] for t in totals.values()) or 1.0
    print("Per part (test time summed over both workers; the wall time is about half):")
    for part, (secs, n, files) in sorted(totals.items(), key=lambda kv: -kv[1][0]):
        top = ", ".join(f"{Path(f).name} {s:.0f} s" for s, f in sorted(files)[::-1][:3])
        print(f"  {secs:7.1f} s {secs / whole:4.0%}  {n:3d} files  {names[part]}: {top}")
        record(f"test suite part: {part}", secs, "s", note=f"{n} files")


def bench_suite(keep: Path) -> None:
    section("Whole test suite: python -m pytest in a fresh clone of HEAD (as .ci/run runs it)")
    clone = keep / "clone" / "main"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    if (ROOT.parent / "shared").is_dir():  # the seeds the data tests compare with
        shutil.copytree(ROOT.parent / "shared", clone.parent / "shared")
    modules = ROOT / "tests" / "eslint" / "node_modules"  # what .ci/run's npm ci installs
    if modules.is_dir():
        (clone / "tests" / "eslint" / "node_modules").symlink_to(modules, target_is_directory=True)
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--durations=0",
        "-o",
        "console_output_style=classic",
    ]
    print(
        f"$ cd {clone} && " + " ".join(cmd[1:]) + "   (committed files only; no build, "
        "execution or validation cache; this environment's packages)",
        flush=True,
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MEDIALIT_ANSWERS_DIR", "MEDIALIT_CACHE_DIR")
    }
    env["PYTHONPATH"] = str(clone)  # the clone's medialit, not the installed checkout
    cpu0, t0 = _machine_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=clone, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    cpu1 = _machine_cpu()
    out = proc.stdout + proc.stderr
    log = Path(tempfile.gettempdir()) / "medialit-bench-suite.log"
    log.write_text(out, encoding="utf-8")
    result = _result(out, proc.returncode)
    print(f"wall time {wall:.1f} s; exit {proc.returncode}; {result}")
    per_file: dict[str, float] = {}
    for secs, test in _durations(out):
        f = test.split("::")[0]
        per_file[f] = per_file.get(f, 0.0) + secs
    busy = sum(per_file.values())
    print(
        f"sum of test durations {busy:.1f} s over 2 workers "
        f"(parallel efficiency {busy / (2 * wall):.0%})"
    )
    if cpu0 and cpu1:
        used, idle = cpu1[0] - cpu0[0], cpu1[1] - cpu0[1]
        print(
            f"the machine was busy {used:.0f} CPU-s and idle {idle:.0f} CPU-s meanwhile "
            f"({os.cpu_count()} CPUs; browsers, kernels and servers included): the goal "
            f"of 90 s on 2 cores needs at most {2 * 90} CPU-s of work"
        )
        record(
            "test suite: CPU used (whole machine)",
            used,
            "CPU-s",
            goal=2 * 90,
            note=f"idle {idle:.0f} CPU-s",
        )
    print("5 slowest files (setup + call + teardown, one worker's time):")
    for f, s in sorted(per_file.items(), key=lambda kv: -kv[1])[:5]:
        print(f"  {s:7.1f} s  {f}")
    _print_parts(per_file, _marked_files(clone, env))
    if proc.returncode != 0:
        failed = [ln for ln in out.splitlines() if ln.startswith(("FAILED", "ERROR"))]
        print(f"{len(failed)} failed or errored (full output: {log}):")
        for ln in failed[:15]:
            print("  " + _ANSI.sub("", ln)[:160])
    record(
        "test suite, 2 cores, all notebooks (wall)",
        wall,
        "s",
        goal=90,
        note=result if proc.returncode else "",
    )


INNER_RUNS = 3
SLOW = 0.5  # s: a test this long belongs in the slow marker (CONTRIBUTING.md)


def bench_inner(runs: int = INNER_RUNS) -> None:
    """The developer's inner loop, `python -m pytest -m quick`, in this checkout: its wall
    time over a few runs (the machine is shared: the best run is the machine's, the worst
    its neighbours'), and any test in it that takes SLOW seconds or more."""
    section(f"Inner loop: python -m pytest -m quick in {ROOT}, {runs} runs")
    cmd = [sys.executable, "-m", "pytest", "-q", "-m", "quick", "--durations=0"]
    cmd += ["--durations-min", str(SLOW), "-o", "console_output_style=classic"]
    walls, slow = [], {}
    for n in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - t0)
        out = proc.stdout + proc.stderr
        print(
            f"  run {n + 1}: {walls[-1]:.1f} s, exit {proc.returncode}; "
            f"{_result(out, proc.returncode)}  [{load()}]",
            flush=True,
        )
        for secs, test in _durations(out):
            test = test.split("[")[0]
            slow[test] = max(slow.get(test, 0.0), secs)
    if slow:
        print(
            f"Tests in the loop that took {SLOW} s or more in some run "
            "(mark them @pytest.mark.slow if they always do):"
        )
        for test, secs in sorted(slow.items(), key=lambda kv: -kv[1]):
            print(f"  {secs:5.2f} s  {test}")
    best, worst = min(walls), max(walls)
    record(
        "inner loop -m quick, best run (wall)",
        best,
        "s",
        goal=30,
        note=f"worst of {runs}: {worst:.0f} s",
    )
