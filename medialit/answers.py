"""Students' saved answers: one JSON file per student, written atomically.

The file (``<folder>/<student-id>.json``) is what a student hands in and what the
gradebook reads. Its format (version 1)::

    {
      "format": "medialit-answers",
      "version": 1,
      "student": {"id": "ada-l", "name": "Ada L."},
      "case": "trump-putin-call-2025-03-18",
      "updated_at": "2026-11-21T10:15:00+00:00",
      "items": {
        "call_length_001": {
          "answer": {"number": 2.5, "unit": "hours", "bound": "about"},
          "status": "correct",          # correct | incorrect | invalid | saved ("" = none)
          "correct": true,              # null for free text and unreadable input
          "attempts": 2,                # checks of readable answers
          "hints_shown": 0,
          "feedback": "Report 001 says …",
          "first_at": "…", "updated_at": "…"   # ISO 8601 times, UTC
        }
      }
    }

Writes go to a temporary file in the same folder, are flushed to disk and then renamed
over the old file, so a killed kernel or a full disk never leaves half a file: the old
one stays whole. A file that cannot be read is set aside (renamed ``*.corrupt-…``) and
reported, and the student starts clean.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

FORMAT = "medialit-answers"
VERSION = 1
STATUSES = ("", "correct", "incorrect", "invalid", "saved")
ITEM_FIELDS = {"answer": dict, "status": str, "correct": (bool, type(None)), "attempts": int,
               "hints_shown": int, "feedback": str, "first_at": str, "updated_at": str}
_SAFE_ID = re.compile(r"[^a-z0-9._-]+")


class AnswerFileError(ValueError):
    """An answer file is corrupt, truncated or not an answer file; says which and why."""

    def __init__(self, path: Path, reason: str):
        self.path, self.reason = Path(path), reason
        super().__init__(f"{self.path.name}: {reason}")


class SaveError(OSError):
    """Saving failed (read-only folder, full disk…); the answers are still in memory."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def student_file_name(student_id: str) -> str:
    """A safe file name for a student id: ``'Ada L.'`` -> ``'ada-l.json'``."""
    slug = _SAFE_ID.sub("-", student_id.strip().lower()).strip("-.")
    if not slug:
        raise ValueError("a student id needs at least one letter or digit")
    return f"{slug[:60]}.json"


def validate(data, path: Path = Path("answers.json")) -> dict:
    """Check the structure of a loaded answer file; raise :class:`AnswerFileError`."""
    if not isinstance(data, dict):
        raise AnswerFileError(path, "not an answer file (the top level is not an object)")
    if data.get("format") != FORMAT:
        raise AnswerFileError(path, f"not a medialit answer file (format is {data.get('format')!r})")
    if data.get("version") != VERSION:
        raise AnswerFileError(path, f"unsupported version {data.get('version')!r} (this is {VERSION})")
    student = data.get("student")
    if not isinstance(student, dict) or not isinstance(student.get("id"), str) or not student["id"]:
        raise AnswerFileError(path, "student.id is missing")
    items = data.get("items")
    if not isinstance(items, dict):
        raise AnswerFileError(path, "items is missing or not an object")
    for item_id, rec in items.items():
        if not isinstance(rec, dict):
            raise AnswerFileError(path, f"item {item_id}: not an object")
        for name, kind in ITEM_FIELDS.items():
            if name in rec and not isinstance(rec[name], kind):
                raise AnswerFileError(path, f"item {item_id}: field {name} has the wrong type")
        if rec.get("status", "") not in STATUSES:
            raise AnswerFileError(path, f"item {item_id}: unknown status {rec.get('status')!r}")
        if isinstance(rec.get("attempts"), int) and rec["attempts"] < 0:
            raise AnswerFileError(path, f"item {item_id}: attempts is negative")
    return data


def load(path: Path) -> dict:
    """Read and check one answer file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise AnswerFileError(path, f"cannot be read ({e.strerror or e})") from e
    if not raw.strip():
        raise AnswerFileError(path, "the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise AnswerFileError(path, "not text (UTF-8)") from e
    except json.JSONDecodeError as e:
        raise AnswerFileError(path, f"not valid JSON, maybe cut off (line {e.lineno}: {e.msg})") from e
    return validate(data, path)


def write_atomically(path: Path, data: dict) -> None:
    """Write JSON so that the file is either the old one or the new one, never half."""
    path = Path(path)
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise SaveError(e.errno, f"cannot save answers in {path.parent}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise SaveError(e.errno, f"cannot save answers to {path}: {e.strerror}") from e


class _lock:
    """An exclusive lock on ``.<file>.lock`` beside an answer file (POSIX flock)."""

    def __init__(self, path: Path):
        self.path = Path(path).with_name(f".{Path(path).name}.lock")  # hidden: not a hand-in

    def __enter__(self):
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as e:
            raise SaveError(e.errno, f"cannot save answers in {self.path.parent}: {e.strerror}") from e
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        import fcntl

        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


@dataclass
class AnswerStore:
    """One student's answers, kept in memory and saved after every change.

    ``problem`` holds a message for the student when the file could not be read (it was
    set aside) or the last save failed (the answers are still kept in memory and saved
    again with the next change).
    """

    folder: Path
    student_id: str
    name: str = ""
    case: str = ""
    data: dict = field(init=False)
    problem: str = ""

    def __post_init__(self):
        self.folder = Path(self.folder)
        self.path = self.folder / student_file_name(self.student_id)
        self.data = self._fresh()
        if self.path.exists():
            try:
                self.data = load(self.path)
            except AnswerFileError as e:
                aside = self.path.with_name(
                    f"{self.path.stem}.corrupt-{datetime.now(UTC):%Y%m%dT%H%M%S}{self.path.suffix}")
                try:
                    os.replace(self.path, aside)
                    where = f"it was kept as {aside.name}"
                except OSError:
                    where = "it could not be moved aside"
                self.problem = (f"Your saved answers could not be read ({e.reason}); {where}. "
                                "You start with a clean sheet.")

    def _merge_from_disk(self, keep: str) -> None:
        try:
            disk = load(self.path) if self.path.exists() else None
        except AnswerFileError:
            disk = None  # a damaged file is replaced by what this kernel holds
        if not disk:
            return
        for item_id, theirs in disk["items"].items():
            ours = self.data["items"].get(item_id)
            if item_id != keep and (ours is None or theirs.get("updated_at", "") > ours.get("updated_at", "")):
                self.data["items"][item_id] = theirs

    def _fresh(self) -> dict:
        return {"format": FORMAT, "version": VERSION,
                "student": {"id": self.student_id, "name": self.name or self.student_id},
                "case": self.case, "updated_at": now(), "items": {}}

    def get(self, item_id: str) -> dict | None:
        return self.data["items"].get(item_id)

    def record(self, item_id: str, **fields) -> bool:
        """Store an item's state and save; returns False (and sets ``problem``) if saving
        failed. Unknown fields are ignored.

        Several notebooks (kernels) of one student may save to the same file: under a lock,
        the file is read again and what the others saved is kept (for an item saved in
        both, the later save wins)."""
        stamp = now()
        rec = self.data["items"].setdefault(item_id, {"first_at": stamp})
        rec.update({k: v for k, v in fields.items() if k in ITEM_FIELDS})
        rec["updated_at"] = self.data["updated_at"] = stamp
        try:
            with _lock(self.path):
                self._merge_from_disk(keep=item_id)
                write_atomically(self.path, self.data)
        except SaveError as e:
            cause = getattr(e.__cause__, "strerror", None) or e.strerror
            self.problem = (f"Your answers could not be saved ({cause}). They are kept "
                            "while this notebook runs; ask your teacher where to save them.")
            return False
        self.problem = ""
        return True
