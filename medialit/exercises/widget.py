"""The exercise widget: one anywidget class for every kind of item.

Its JavaScript (``checker.js`` and ``widget.js``, joined with the checkers' rules from
``rules.json`` by :func:`widget_source`) draws the controls and checks answers in the
browser, so it works in the static book. With a kernel, Python also sees every answer (to
save it) and can read durations typed in words with :func:`medialit.extract_quantities`.
"""

from __future__ import annotations

import json
from pathlib import Path

import anywidget
import traitlets

from medialit.exercises.engine import RULES, Result, check
from medialit.quantities import extract_quantities

_HERE = Path(__file__).parent
RULES_MARKER = "/*@RULES@*/ {}"


SOURCES = ("checker.js", "widget.js")  # the checker, then the controls: one ES module


def widget_source() -> str:
    """The widget's ES module: ``checker.js`` then ``widget.js``, with the checkers' rules
    (``rules.json``, as :mod:`~medialit.exercises.engine` loaded them) in place of the
    marker. This is what every widget carries, what the static book shares, and what the
    node tests run."""
    code = "\n".join((_HERE / name).read_text(encoding="utf-8") for name in SOURCES)
    if code.count(RULES_MARKER) != 1:
        raise RuntimeError(f"checker.js must hold {RULES_MARKER!r} once, where the rules go")
    rules = json.dumps(RULES, ensure_ascii=True, sort_keys=True).replace("</", "<\\/")
    return code.replace(RULES_MARKER, rules)


_NOT_STATED = {
    "not stated",
    "not given",
    "none",
    "no",
    "n/a",
    "na",
    "not mentioned",
    "does not say",
    "doesn't say",
    "not said",
    "no length",
    "-",
}


class ExerciseWidget(anywidget.AnyWidget):
    _esm = widget_source()
    _css = _HERE / "widget.css"

    item = traitlets.Dict().tag(sync=True)
    answer = traitlets.Dict().tag(sync=True)
    feedback = traitlets.Unicode("").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)  # "", correct, incorrect, invalid, saved
    attempts = traitlets.Int(0).tag(sync=True)
    hints_shown = traitlets.Int(0).tag(sync=True)
    notice = traitlets.Unicode("").tag(sync=True)  # a problem with saving, for the student
    ask_name = traitlets.Bool(False).tag(sync=True)  # show a box to type the name in
    name_note = traitlets.Unicode("").tag(sync=True)  # what became of the name typed there

    SAVED = ("answer", "status", "feedback", "attempts", "hints_shown")
    NOT_SAVED = "Not saved yet: type your name in the box of the first exercise."
    MAX_NAME_CHARS = 500

    def __init__(self, item: dict, store=None, **kwargs):
        """``store``: an :class:`medialit.answers.AnswerStore` to restore from and save to
        (live notebooks); ``None`` keeps answers in the page only (the static book)."""
        super().__init__(item=item, **kwargs)
        self.store = None
        self._saving = False
        self.name_handler = None  # set while the notebook waits for a name: f(widget, text)
        if store is not None:
            self.attach(store)
        self.observe(self._save, names=list(self.SAVED))
        self.on_msg(self._on_msg)

    def attach(self, store) -> None:
        """Save to ``store`` from now on. A widget the student has used already (a name
        typed after answering) saves what it shows; an unused one shows what ``store``
        holds for its item."""
        used = any(getattr(self, k) != self.trait_defaults(k) for k in self.SAVED)
        self.store = store
        if used:
            self.notice = ""
            self._save()
            return
        saved = store.get(self.item["id"]) or {}
        restored = {k: saved[k] for k in self.SAVED if k in saved}
        self._saving = True  # restoring is not a change to save
        try:
            try:
                self.set_trait_values(restored)
            except traitlets.TraitError:
                self.notice = "Your saved answer for this item could not be restored."
            self._verify_status()  # a saved file is the student's: re-check what it claims
        finally:
            self._saving = False
        self.notice = self.notice or store.problem

    def set_trait_values(self, values: dict) -> None:
        with self.hold_trait_notifications():
            for k, v in values.items():
                setattr(self, k, v)

    def _save(self, _change=None) -> None:
        """Save the item's state. The status saved is decided here from the answer, never
        taken from the front end: a page (or a student at the console) that sets
        ``status = "correct"`` beside a wrong answer is overruled, and the widget shows
        the kernel's verdict. Attempts and hints are the page's count (self-reported)."""
        if self._saving:
            return
        if self.store is None:  # not saved: say so, if the notebook is waiting for a name
            self.notice = self.NOT_SAVED if self.name_handler else ""
            return
        self._saving = True
        try:
            self._verify_status()
            correct = {"correct": True, "incorrect": False}.get(self.status)
            self.store.record(
                self.item["id"], correct=correct, **{k: getattr(self, k) for k in self.SAVED}
            )
            self.notice = self.store.problem
        finally:
            self._saving = False

    def _verify_status(self) -> None:
        """Set ``status`` and ``feedback`` to what the checker says of ``answer``. "invalid"
        and "" are kept as the page sent them when the answer was not checked (a parse
        message, a hint before any check): they claim nothing."""
        if self.status in ("", "invalid"):
            return
        result = check(self.item, self.answer)
        verdict = result.status
        if (verdict, result.feedback) != (self.status, self.feedback):
            self.set_trait_values({"status": verdict, "feedback": result.feedback})

    def __repr__(self) -> str:
        # Short and stable: nbval compares it, and the key must not show in a notebook.
        return f"<exercise {self.item.get('id')}: {self.item.get('kind')}>"

    def check(self, answer=None) -> Result:
        """Check ``answer`` (or the current one) as the Check button does, in Python."""
        if answer is not None:
            self.answer = answer if isinstance(answer, dict) else {"value": answer}
        result = check(self.item, self.answer)
        if result.valid:
            self.attempts += 1
        self.set_trait_values({"status": result.status, "feedback": result.feedback})
        return result

    def _on_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        if content.get("type") == "ping":
            self.send({"type": "pong"})
        elif content.get("type") == "name":
            if self.name_handler is None:
                self.name_note = "Your answers are saved already."
                self.ask_name = False
            else:
                self.name_handler(self, str(content.get("name", ""))[: self.MAX_NAME_CHARS])
        elif content.get("type") == "parse":
            answer, error = parse_duration_answer(str(content.get("text", ""))[:500])
            if error:
                self.send({"type": "parse_error", "message": error})
            else:
                self.send({"type": "parsed", "answer": answer})


def parse_duration_answer(text: str) -> tuple[dict | None, str | None]:
    """Read a duration typed in words ("2.5 hours", "more than 90 minutes", "not stated")
    into the widget's answer form, or say why it cannot.

    >>> parse_duration_answer("two and a half hours")
    ({'number': 150.0, 'unit': 'minutes', 'bound': 'about'}, None)
    >>> parse_duration_answer("150")[1]
    'Add a unit, for example “150 minutes” or “2.5 hours”.'
    """
    clean = text.strip()
    if not clean:
        return None, "Type a length first, for example “two and a half hours”."
    if clean.lower().rstrip(".!") in _NOT_STATED:
        return {"not_stated": True}, None
    durations = [q for q in extract_quantities(clean) if q.kind == "duration"]
    if not durations:
        try:
            float(clean.replace(",", ""))
            return None, "Add a unit, for example “150 minutes” or “2.5 hours”."
        except ValueError:
            return None, (
                f"I could not find a length in “{clean[:60]}”. Try a form like "
                "“150 minutes”, “2.5 hours” or “not stated”."
            )
    if len(durations) > 1:
        return None, "Give just one length, for example “about two hours”."
    q = durations[0]
    return {"number": q.value, "unit": "minutes", "bound": q.bound}, None
