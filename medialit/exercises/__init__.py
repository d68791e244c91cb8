"""Exercise items: the catalog, answer checking, and the widgets built from them.

>>> items = catalog()
>>> item("call_length_001").check({"number": 2.5, "unit": "hours", "bound": "about"}).correct
True
>>> r = item("call_length_001").check({"number": 2, "unit": "hours", "bound": "about"})
>>> r.correct, "004" in r.feedback
(False, True)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from medialit.exercises.engine import Result, check

CATALOG_FILE = Path(__file__).with_name("catalog.json")


@dataclass(frozen=True)
class Item:
    """One checkable item. ``spec`` is the full public definition, including its check."""

    spec: dict

    id = property(lambda self: self.spec["id"])
    chapter = property(lambda self: self.spec["chapter"])
    skill = property(lambda self: self.spec["skill"])
    kind = property(lambda self: self.spec["kind"])
    prompt = property(lambda self: self.spec["prompt"])
    options = property(lambda self: self.spec.get("options", []))
    hints = property(lambda self: self.spec.get("hints", []))

    def check(self, answer) -> Result:
        """Check an answer; never raises (unreadable input gives ``valid=False``)."""
        return check(self.spec, answer)

    def widget(self):
        from medialit.exercises.widget import ExerciseWidget

        return ExerciseWidget(self.spec, store=_STORE)


_STORE = None  # set by start(): where this kernel saves the student's answers


def start(student: str, folder: str | Path | None = None, name: str = ""):
    """Save this student's answers from now on, and restore what they saved before.

    Answers go to ``<folder>/<student>.json`` (default folder: ``my-answers`` beside the
    notebook, or ``$MEDIALIT_ANSWERS_DIR``); that file is what a student hands in.
    Returns a short note saying where, to show in the notebook.
    """
    import os

    import ipywidgets

    from medialit.answers import AnswerStore

    global _STORE
    folder = Path(folder or os.environ.get("MEDIALIT_ANSWERS_DIR") or "my-answers")
    try:
        _STORE = AnswerStore(folder, student, name=name)
    except ValueError as e:
        _STORE = None
        return ipywidgets.Label(f"⚠ {e}: write your name or student id in quotes, then run again.")
    note = f"✔ Answers of “{student}” are saved in {_STORE.path}."
    if _STORE.problem:
        note = f"⚠ {_STORE.problem} {note}"
    return ipywidgets.Label(note)


@lru_cache(maxsize=1)
def _load() -> tuple[Item, ...]:
    return tuple(Item(spec) for spec in json.loads(CATALOG_FILE.read_text(encoding="utf-8")))


def catalog(chapter: str | None = None) -> list[Item]:
    """Every item, or those of one chapter, in book order."""
    return [i for i in _load() if chapter is None or i.chapter == chapter]


def item(item_id: str) -> Item:
    for i in _load():
        if i.id == item_id:
            return i
    raise KeyError(f"no exercise item {item_id!r}; see medialit.exercises.catalog()")


def show(*items: str | Item, chapter: str | None = None):
    """Widgets for the given items (ids or :class:`Item` objects) or a whole chapter,
    stacked in one box."""
    import ipywidgets

    items = [i if isinstance(i, Item) else item(i) for i in items] if items else catalog(chapter)
    if not items:
        raise ValueError("name item ids or a chapter that has items")
    if len(items) == 1:
        return items[0].widget()
    return ipywidgets.VBox([i.widget() for i in items])


__all__ = ["Item", "Result", "catalog", "check", "item", "show", "start"]
