"""Book builds: the student edition from clean in a copy of book/, then three rebuilds."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

from report import ANSI as _ANSI
from report import ROOT, record, section


def _log_facts(stage: Path) -> dict:
    log = _ANSI.sub("", (stage / "_build" / "medialit-build.log").read_text(errors="replace"))
    executed, cached = [], []
    for line in log.splitlines():
        m = re.match(
            r"(.+?\.ipynb)(?::\d+)?: (Executing notebook using|Using cached notebook)", line
        )
        if m:
            name = (
                Path(m.group(1)).relative_to(stage).as_posix()
                if m.group(1).startswith("/")
                else m.group(1)
            )
            (executed if m.group(2).startswith("Executing") else cached).append(name)
    read = re.search(
        r"updating environment: (?:\[.*?\] )?(\d+) added, (\d+) changed, (\d+) removed", log
    )
    reread = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", log)
    return {
        "executed": executed,
        "cached": cached,
        "reread": reread,
        "env": read.groups() if read else None,
    }


def _edit_notebook(path: Path, kind: str) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == kind)
    addition = (
        "\n\nThis sentence was added by the benchmark."
        if kind == "markdown"
        else "\n# a comment added by the benchmark"
    )
    src = cell["source"]
    cell["source"] = (src + addition) if isinstance(src, str) else [*src, addition]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return kind


def bench_book(keep: Path) -> Path | None:
    from medialit.book import BookBuildError, build, inputs_fingerprint, stage_edition

    section("Book build (student edition) in a temporary copy of book/")
    copy = keep / "book"
    shutil.copytree(
        ROOT / "book",
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            "_build", "node_modules", "_widget_assets", ".ipynb_checkpoints"
        ),
    )
    stage = copy / "_build" / "editions" / "student"
    print(f"copy: {copy}; staged and built in {stage}")
    page = "chapters/02-numbers.ipynb"
    html = None
    steps = [
        ("clean build", None, None),
        ("rebuild, nothing changed", None, 10),
        ("rebuild, text of 1 page edited", "markdown", None),
        ("rebuild, 1 code cell edited", "code", None),
    ]
    print(
        f"edits go to {page}: a sentence appended to its first markdown cell, then a comment "
        "to its first code cell"
    )
    for name, edit, goal in steps:
        if edit:
            _edit_notebook(copy / page, edit)
        before = inputs_fingerprint(ROOT)
        t0 = time.perf_counter()
        try:
            stage_edition(copy, "student")  # build_edition = build(stage_edition(...))
            staged = time.perf_counter() - t0
            html = build(stage)
        except BookBuildError as e:
            secs = time.perf_counter() - t0
            print(f"{name}: FAILED after {secs:.1f} s: {str(e).splitlines()[0]}")
            record(f"book: {name}", None, "s", goal=goal, note="build failed")
            continue
        secs = time.perf_counter() - t0
        facts = _log_facts(stage)
        changed = inputs_fingerprint(ROOT) != before
        env = facts["env"]
        print(
            f"{name}: {secs:.1f} s (staging {staged:.1f} s); "
            f"notebooks executed: {len(facts['executed'])} {facts['executed'] or ''}; "
            f"from cache: {len(facts['cached'])}; Sphinx re-read "
            f"{len(facts['reread'])} page(s) {facts['reread'] or ''}"
            + (f" (env: {env[0]} added, {env[1]} changed)" if env else "")
        )
        note = ""
        if changed:
            note = "medialit/ or data/ changed during the build: cache was invalidated"
            print(f"  NOTE: {note}")
        if edit == "markdown":
            only = facts["reread"] == [page.removesuffix(".ipynb")] and not facts["executed"]
            verdict = (
                "only that page re-read, no notebook executed (the execution cache "
                "hashes code cells only)"
                if only
                else f"re-read {facts['reread']}, executed {facts['executed']}"
            )
            print(f"  verified from the build log: {verdict}")
            note = note or ("1 page re-read, 0 executed" if only else "more than one page redone")
        if edit == "code":
            only = [Path(x).as_posix() for x in facts["executed"]] in ([page], [str(stage / page)])
            print(
                "  verified from the build log: "
                + ("only that notebook was executed" if only else f"executed {facts['executed']}")
            )
            note = note or ("only that notebook executed" if only else "others executed too")
        if name == "clean build":
            note = note or f"{len(facts['executed'])} notebooks executed"
        record(f"book: {name}", secs, "s", goal=goal, note=note)
    return html
