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
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from medialit.exercises.engine import Result, check

if TYPE_CHECKING:
    import pandas

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

        widget = ExerciseWidget(self.spec, store=_STORE)
        _SESSION.register(widget)
        return widget


_STORE = None  # set by start(): where this kernel saves the student's answers
PLACEHOLDER = "your-name-here"  # what the notebooks' start(…) cell holds until a name is written
MAX_IMPORT_BYTES = 5_000_000  # an answer file of every item is a few hundred kB at most


@dataclass
class _Session:
    """What start() was last asked, for a name typed later in a widget (Voilà)."""

    folder: Path | None = None
    case: str = ""  # its id, written in the answer file
    case_obj: object = None  # the Case itself when start() was given one
    asking: bool = False  # no valid name yet: the widgets ask for one
    asker: str | None = None  # the item whose widget shows the name box
    note: object = None  # the start(…) cell's Label, updated once a name is typed
    widgets: list = field(default_factory=list)  # weak references, in the order made

    def alive(self) -> list:
        found = [w for w in (r() for r in self.widgets) if w is not None]
        self.widgets = [weakref.ref(w) for w in found]
        return found

    def register(self, widget) -> None:
        self.widgets.append(weakref.ref(widget))
        if widget.store is None and self.asking:
            self._ask(widget)

    def _ask(self, widget) -> None:
        widget.name_handler = _name_typed
        if self.asker is None:
            self.asker = widget.item["id"]
        # A cell run again makes a new widget for the same item: it asks in its place.
        widget.ask_name = widget.item["id"] == self.asker

    def ask(self) -> None:
        self.asking, self.asker = True, None
        for w in self.alive():
            if w.store is None:
                self._ask(w)

    def begin(self, store) -> None:
        """Every widget made so far without a store saves to ``store`` from now on."""
        self.asking, self.asker = False, None
        for w in self.alive():
            w.name_handler = None
            w.ask_name = False
            if w.store is None:
                w.attach(store)


_SESSION = _Session()


def default_case_id() -> str:
    """The id of the case used when none is named (``name`` in its datapackage.json),
    without loading the case. ``MEDIALIT_CASE`` is honoured, as by load_case()."""
    from medialit.case import resolve_case_path

    path = resolve_case_path(None)
    try:
        name = json.loads((path / "datapackage.json").read_text(encoding="utf-8")).get("name")
    except (OSError, ValueError, AttributeError):
        name = None
    return name if isinstance(name, str) and name else path.name


def _case_id(case) -> str:
    if case is None:
        return default_case_id()
    return case if isinstance(case, str) else case.name


def start(
    student: str = "",
    folder: str | Path | None = None,
    name: str = "",
    *,
    case=None,
    from_file: str | Path | None = None,
):
    """Save this student's answers from now on, and restore what they saved before.

    Answers go to ``<folder>/<student>.json`` (default folder: ``my-answers`` beside the
    notebook, or ``$MEDIALIT_ANSWERS_DIR``); that file is what a student hands in. It
    records ``case`` (a :class:`~medialit.Case` or its id; default: the default case).
    ``from_file``: an answer file to import first, such as one downloaded from the book
    (see :func:`import_answers`).

    With no name, or the notebook's placeholder, nothing is saved yet: the first exercise
    widget shows a box to type the name in (Voilà runs the notebook without letting
    anyone edit the cell), and the name typed there goes through this same function.
    Returns a short note saying what happened, to show in the notebook.
    """
    import ipywidgets

    _SESSION.folder = Path(folder) if folder else None
    _SESSION.case = _case_id(case)
    _SESSION.case_obj = None if case is None or isinstance(case, str) else case
    text, ok, _ = _begin(student, name, from_file)
    label = ipywidgets.Label(text)
    _SESSION.note = None if ok else label
    return label


def _begin(student, name: str = "", from_file=None) -> tuple[str, bool, str]:
    """Open the student's answer file: (the note for the student, whether the name was
    accepted, why not). What start() does, and what a name typed in a widget does."""
    import os

    from medialit.answers import AnswerStore

    global _STORE
    folder = Path(_SESSION.folder or os.environ.get("MEDIALIT_ANSWERS_DIR") or "my-answers")
    try:
        store = AnswerStore(folder, student, name=name, case=_SESSION.case)
    except ValueError as e:
        _STORE = None
        _SESSION.ask()
        named = isinstance(student, str) and student.strip() not in ("", PLACEHOLDER)
        why = f"{e}. " if named else ""
        later = " Nothing was imported yet." if from_file is not None else ""
        return (
            (
                f"⚠ {why}Type your name to save your answers: use the box in the first "
                f"exercise below.{later}"
            ),
            False,
            str(e),
        )
    _STORE = store
    if not store.data.get("case"):  # a file saved before files named their case
        store.data["case"] = _SESSION.case
    note = f"✔ Answers of “{store.student_id}” are saved in {store.path}."
    if not store.writable:
        note = f"⚠ {store.problem}"
    elif store.problem:
        note = f"⚠ {store.problem} {note}"
    if from_file is not None:
        note += " " + import_answers(store, from_file, case=_SESSION.case_obj or _SESSION.case)
    _SESSION.begin(store)
    return note, True, ""


def _name_typed(widget, text: str) -> None:
    """A name typed in a widget's name box: start() with it, and say how that went."""
    if not text.strip():
        widget.name_note = "⚠ Type your name first, then press Save."
        return
    note, ok, why = _begin(text)
    if not ok:
        widget.name_note = f"⚠ {why[:1].upper()}{why[1:]}."
        return
    widget.name_note = note
    if _SESSION.note is not None:
        _SESSION.note.value = note


def _items_for(ids, case=None) -> dict[str, Item]:
    """The items among ``ids`` that this book knows: the catalog's, and the any-case items
    of ``case`` (a Case, or the id of the default case; built only when asked for)."""
    known = {i.id: i for i in _load()}
    if any(":" in i and i not in known for i in ids):
        from medialit.exercises.generic import case_items

        if case is None or isinstance(case, str):
            from medialit import load_case

            try:
                loaded = load_case()
            except (ValueError, OSError):  # cannot be loaded: its items stay unknown
                loaded = None
            case = loaded if loaded is not None and loaded.name == (case or loaded.name) else None
        if case is not None:
            known.update((i.id, i) for i in case_items(case))
    return {i: known[i] for i in ids if i in known}


def _newer(theirs: dict, ours: dict) -> bool:
    """Whether the record ``theirs`` was saved after ``ours`` (unreadable times: no)."""
    from datetime import UTC, datetime

    def when(rec):
        try:
            t = datetime.fromisoformat(str(rec.get("updated_at", "")))
        except ValueError:
            return None
        return t if t.tzinfo else t.replace(tzinfo=UTC)

    a, b = when(theirs), when(ours)
    return a is not None and (b is None or a > b)


def import_answers(store, path: str | Path, case=None) -> str:
    """Import the answers in the answer file ``path`` (e.g. downloaded from the static
    book) into ``store`` and save them; returns what happened, for the student.
    ``case``: the Case whose any-case items may be in the file (default: the default case).

    Per item, the answer already saved is kept unless the file's is newer. Only items this
    book knows are taken, and each is checked again here: what the file says of its
    correctness is the page's claim. A file that cannot be read changes nothing.
    """
    from medialit.answers import AnswerFileError, load, normal_id

    path = Path(path)
    unchanged = "Nothing was imported; your saved answers are unchanged."
    try:
        size = path.stat().st_size
    except OSError as e:
        return f"⚠ {path.name} cannot be read ({e.strerror or e}). {unchanged}"
    if size > MAX_IMPORT_BYTES:
        return f"⚠ {path.name} is too big to be an answer file. {unchanged}"
    try:
        data = load(path)
    except AnswerFileError as e:
        return f"⚠ {path.name} cannot be imported: {e.reason}. {unchanged}"
    items = _items_for(list(data["items"]), case)
    imported = kept = 0
    records = {}
    for item_id, rec in data["items"].items():
        it = items.get(item_id)
        if it is None:
            continue
        ours = store.get(item_id)
        if ours is not None and not _newer(rec, ours):
            kept += 1
            continue
        answer = rec.get("answer", {})
        status, feedback, correct = rec.get("status", ""), rec.get("feedback", ""), None
        if status not in ("", "invalid"):  # a claim: decided here from the answer
            result = it.check(answer)
            status, feedback = result.status, result.feedback
            correct = result.correct if result.valid else None
        fields = {
            k: rec[k] for k in ("attempts", "hints_shown", "first_at", "updated_at") if k in rec
        }  # the book's own times are kept
        records[item_id] = {
            "answer": answer,
            "status": status,
            "feedback": feedback,
            "correct": correct,
            **fields,
        }
        imported += 1
    if records and not store.merge(records):  # one locked write for the whole file
        return f"⚠ {store.problem}"
    note = f"Imported {_count(imported)} from {path.name}."
    if kept:
        note += f" Kept {_count(kept)} saved here that {'is' if kept == 1 else 'are'} newer."
    skipped = len(data["items"]) - len(items)
    if skipped:
        note += f" Left out {_count(skipped, 'item')} this book does not have."
    theirs = data["student"]["id"]
    if normal_id(theirs) != normal_id(store.student_id):
        note += f" (The file was saved under the name “{theirs[:80]}”.)"
    return note


def _count(n: int, word: str = "answer") -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


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


def rubric_table(*item_ids: str) -> pandas.DataFrame:
    """The rubrics of free-text items side by side: rows are the levels (beginning,
    developing, proficient), one column per item. The rubric is written once, in the
    item's YAML, and shown from there.

    >>> rubric_table("evaluate_report").index.tolist()
    ['beginning', 'developing', 'proficient']
    """
    import pandas as pd

    columns = {}
    for item_id in item_ids:
        rubric = item(item_id).spec.get("rubric")
        if not rubric:
            raise ValueError(f"item {item_id!r} has no rubric")
        columns[item_id] = rubric
    table = pd.DataFrame(columns)
    table.index.name = "level"
    return table


__all__ = [
    "Item",
    "Result",
    "catalog",
    "check",
    "import_answers",
    "item",
    "rubric_table",
    "show",
    "start",
]
