"""Gradebook: medialit.gradebook.gradebook on a folder of 5,000 answer files.

The files: ``tests.support.class_factory.make_class`` writes a class of ~50 students (a
mix of right, wrong, invalid and missing answers on every catalog item); each is copied
with a new student id and name (json load / dump, which is quick) until there are 5,000.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from report import record, section

GOAL_S = 5.0


def make_folder(folder: Path, files: int = 5000, class_size: int = 50) -> int:
    """Write ``files`` answer files into ``folder``; returns how many there are."""
    from medialit.answers import student_file_name
    from tests.support.class_factory import make_class

    seed_dir = folder / "_class"
    seed_dir.mkdir(parents=True)
    students = make_class(seed_dir, n=class_size, seed=14)
    for k in range(files):
        data = json.loads(json.dumps(students[k % len(students)]))
        sid = f"s{k:05d}"
        data["student"]["id"] = sid
        data["student"]["name"] = f"Student {k}"
        (folder / student_file_name(sid)).write_text(json.dumps(data), encoding="utf-8")
    for p in seed_dir.iterdir():
        p.unlink()
    seed_dir.rmdir()
    return sum(1 for _ in folder.glob("*.json"))


def bench_gradebook(keep: Path, files: int = 5000) -> None:
    from medialit.gradebook import gradebook

    section(f"Gradebook: medialit.gradebook.gradebook(folder) on {files:,} answer files")
    folder = keep / "gradebook"
    t0 = time.perf_counter()
    n = make_folder(folder, files)
    print(
        f"{n:,} files written in {time.perf_counter() - t0:.1f} s "
        f"({sum(p.stat().st_size for p in folder.glob('*.json')) / 1e6:.1f} MB)"
    )
    w0, c0 = time.perf_counter(), time.process_time()
    book = gradebook(folder)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    students = len(book.wide)
    print(
        f"graded in {wall:.2f} s wall, {cpu:.2f} s CPU: {students:,} students, "
        f"{len(book.long):,} rows, {len(book.skipped)} skipped"
    )
    record(
        f"gradebook: {n:,} answer files (wall)",
        wall,
        "s",
        goal=GOAL_S,
        note=f"{students:,} students",
    )
    record(f"gradebook: {n:,} answer files (CPU)", cpu, "CPU-s", goal=GOAL_S)
