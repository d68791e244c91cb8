"""A simulated class: answer files written through the real :class:`AnswerStore`, with
answers checked by the real checker, so the files are what the notebooks write.

``make_class`` writes valid files for ``n`` students; ``make_bad_files`` adds two files the
gradebook must skip and name, and an older second copy of one student's file, which it must
list and merge.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import tempfile
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from unittest import mock

from medialit import answers
from medialit.answers import AnswerStore, load, student_file_name
from medialit.exercises import catalog

FIRST_NAMES = [
    "Ada",
    "Bilal",
    "Chen",
    "Dara",
    "Emil",
    "Fatou",
    "Goran",
    "Hana",
    "Ines",
    "Jonas",
    "Kofi",
    "Lea",
    "Mateo",
    "Nour",
    "Olga",
    "Pablo",
    "Quynh",
    "Rosa",
    "Sami",
    "Tove",
]
FREE_TEXT_ANSWERS = [
    "Report 001 says the strikes happened right after the call; 000 leaves them out.",
    "The second report is shorter and only retells the readouts, so it may skip it.",
    "I think they left it out on purpose.",
    "Both quote the Kremlin, “agreed to stop strikes”, but only one names a source.",
]
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@lru_cache(maxsize=1)
def _case():
    from medialit import load_case

    return load_case()


@contextmanager
def clock(start: datetime):
    """Make AnswerStore stamp deterministic times, one minute apart, from ``start``, and
    skip its flush to disk (the files are the same; a throwaway class needs no fsync)."""
    ticks = iter(range(10**6))
    with (
        mock.patch.object(
            answers,
            "now",
            lambda: (start + timedelta(minutes=next(ticks))).isoformat(timespec="seconds"),
        ),
        mock.patch.object(answers.os, "fsync", lambda fd: None),
    ):
        yield


def _answers_for(it) -> tuple[dict, list[dict]]:
    """A right answer and some wrong ones for a checkable item (from the answer key)."""
    from tests.support.keys import key_answer, wrong_answers

    right = key_answer(it, _case())
    return right, wrong_answers(it, right) or [{}]


def _record_checks(
    store: AnswerStore, it, rng: random.Random, skill: float, key: tuple[dict, list[dict]] | None
) -> None:
    """Answer one item as a student would: one to three checks (some give up after a wrong
    one), a hint now and then."""
    if it.kind == "free_text":
        text = rng.choice(FREE_TEXT_ANSWERS)
        store.record(
            it.id,
            answer={"text": text},
            status="saved",
            correct=None,
            attempts=1,
            hints_shown=rng.choice([0, 0, 1]),
            feedback=it.check({"text": text}).feedback,
        )
        return
    right, wrongs = key
    attempts = hints = 0
    for _ in range(rng.choice([1, 2, 3, 3])):
        answer = right if rng.random() < skill else rng.choice(wrongs)
        result = it.check(answer)
        attempts += result.valid
        status = "invalid" if not result.valid else "correct" if result.correct else "incorrect"
        store.record(
            it.id,
            answer=answer,
            status=status,
            attempts=attempts,
            hints_shown=hints,
            correct={"correct": True, "incorrect": False}.get(status),
            feedback=result.feedback,
        )
        if result.correct:
            return
        hints = min(hints + (rng.random() < 0.4), len(it.hints))


@contextmanager
def saved_once(store: AnswerStore):
    """Let ``store`` save once, when the block ends (if anything was recorded), instead of
    after every change: the file is byte for byte the one the saves after each change
    leave (each of those merges back only what it wrote itself), in one write instead of
    one per check (which made a class of 30 take seconds). ``store.record`` returns True."""
    recorded = []

    def later(keep):
        recorded.append(keep)
        return True

    store._save = later  # the instance's, not the class's
    try:
        yield store
    finally:
        del store._save
    if recorded:
        assert store._save(keep=set(store.data["items"])), store.problem


def _one_student(
    folder: Path,
    i: int,
    items: list,
    keys: dict,
    ease: dict,
    rng: random.Random,
    save_each_change: bool = False,
) -> dict:
    first = FIRST_NAMES[i % len(FIRST_NAMES)]
    skill = rng.uniform(0.25, 0.95)
    with clock(START + timedelta(hours=i, minutes=rng.randrange(60))):
        store = AnswerStore(folder, f"{first.lower()}-{i:02d}", name=f"{first} {chr(65 + i % 26)}.")
        with nullcontext() if save_each_change else saved_once(store):
            _answer_all(store, items, keys, ease, rng, skill)
    return copy.deepcopy(store.data)


def _answer_all(
    store: AnswerStore, items: list, keys: dict, ease: dict, rng: random.Random, skill: float
) -> None:
    for it in items:
        roll = rng.random()
        if roll < 0.12:
            continue  # never opened
        if roll < 0.16:
            store.record(it.id, hints_shown=1)  # read a hint, never checked
        else:
            _record_checks(
                store, it, rng, min(max(skill + ease[it.id], 0.05), 0.98), keys.get(it.id)
            )


def make_class(
    folder: str | Path,
    n: int = 30,
    seed: int = 0,
    items: list | None = None,
    save_each_change: bool = False,
) -> list[dict]:
    """Write ``n`` students' answer files into ``folder``; returns their contents.

    ``items`` defaults to the real catalog; every item gets a mix of right, wrong, invalid
    and missing answers (free text gets a short answer to score). Each student's file is
    saved once, at the end (:func:`saved_once`); ``save_each_change`` saves after every
    check, as a notebook does (the same files, slower)."""
    folder = Path(folder)
    rng = random.Random(seed)
    items = catalog() if items is None else items
    keys = {it.id: _answers_for(it) for it in items if it.kind != "free_text"}
    ease = {it.id: rng.uniform(-0.35, 0.15) for it in items}  # some items are harder
    return [_one_student(folder, i, items, keys, ease, rng, save_each_change) for i in range(n)]


def make_bad_files(folder: str | Path) -> dict[str, str]:
    """Add a truncated file, a foreign JSON file (a notebook) and an older second file of
    an existing student; returns {file name: a fragment of what the gradebook prints of
    it}. Call after :func:`make_class`."""
    folder = Path(folder)
    first = min(p for p in folder.glob("*.json") if not p.name.startswith("."))
    original = load(first)
    older = datetime.fromisoformat(original["updated_at"]) - timedelta(days=7)
    sid = original["student"]["id"]
    with tempfile.TemporaryDirectory() as tmp:
        with clock(older):
            AnswerStore(tmp, sid, name=original["student"]["name"]).record(
                "prisoners_total",
                answer={"value": 175},
                status="incorrect",
                correct=False,
                attempts=1,
            )
            cut = AnswerStore(tmp, "zoe-99", name="Zoe")
            cut.record(
                "prisoners_total", answer={"value": 350}, status="correct", correct=True, attempts=1
            )
        copy_name = f"{first.stem} (old copy).json"
        shutil.copy(Path(tmp) / student_file_name(sid), folder / copy_name)
        text = cut.path.read_bytes()
        (folder / cut.path.name).write_bytes(text[: len(text) // 2])
    notebook = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "exercises-02.json").write_text(json.dumps(notebook), encoding="utf-8")
    return {
        cut.path.name: "not valid JSON",
        "exercises-02.json": "not a medialit answer file",
        copy_name: f"2 files for student {sid!r}",
    }
