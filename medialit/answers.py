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
one stays whole. A temporary file is removed on every failure path, and one left by a
killed kernel is removed by the next save. Files are created with the process's umask
(usually readable by the group and others: a shared hand-in folder works). A file that
cannot be read is set aside (renamed ``*.corrupt-…``) and reported, and the student
starts clean.

**Everything in the file is the student's claim.** ``status`` and ``correct`` are what the
page said; the gradebook re-checks every answer itself (:mod:`medialit.gradebook`).
``attempts`` and ``hints_shown`` are self-reported counts, bounded by
:data:`MAX_COUNT`; the times are the student's machine's clock.

**Student ids.** Any name or id with a letter or digit in any script is accepted
(``"Мария Иванова"``, ``"李明"``, ``"محمد"``, ``"Zoë"``). Ids are compared by
:func:`student_key` (Unicode NFKC, case folded, zero-width characters removed, and runs of
spaces and punctuation made one ``-``), and the file name keeps the letters (``zoë.json``
and ``zoé.json`` are two students). Placeholders from the notebooks (``"your-name-here"``)
are refused. Text that is not valid Unicode (a lone surrogate from a broken emoji paste) is
saved with U+FFFD (�) in its place.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

FORMAT = "medialit-answers"
VERSION = 1
STATUSES = ("", "correct", "incorrect", "invalid", "saved")
ITEM_FIELDS: dict[str, type | tuple[type, ...]] = {
    "answer": dict,
    "status": str,
    "correct": (bool, type(None)),
    "attempts": int,
    "hints_shown": int,
    "feedback": str,
    "first_at": str,
    "updated_at": str,
}
MAX_COUNT = 10_000  # attempts and hints_shown above this are out of range, never wrapped
MAX_ID_CHARS = 200
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))
PLACEHOLDERS = frozenset(
    {
        "your-name-here",
        "your-name",
        "yourname",
        "your-id",
        "your-id-here",
        "name",
        "student",
        "student-id",
        "student-name",
        "id",
        "xxx",
        "firstname-lastname",
        "first-last",
        "abc",
    }
)
_SURROGATE = re.compile("[\ud800-\udfff]")


class AnswerFileError(ValueError):
    """An answer file is corrupt, truncated or not an answer file; says which and why."""

    def __init__(self, path: Path, reason: str):
        self.path, self.reason = Path(path), reason
        super().__init__(f"{self.path.name}: {reason}")


class SaveError(OSError):
    """Saving failed (read-only folder, full disk…); the answers are still in memory."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate (not valid Unicode, cannot be saved as UTF-8)
    replaced by U+FFFD.

    >>> clean_text("ok " + chr(0xD83D) + "!")
    'ok �!'
    """
    return _SURROGATE.sub("\ufffd", text)


def clean(value: Any) -> Any:
    """``value`` (JSON-like) with :func:`clean_text` applied to every string in it."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value


def normal_id(student_id: str) -> str:
    """The form in which two student ids are compared: Unicode NFKC, case folded,
    zero-width characters removed, runs of spaces made one.

    >>> normal_id(" Zoe\u200b  M ") == normal_id("zoe m"), normal_id("Zoë") == normal_id("Zoé")
    (True, False)
    >>> normal_id("ＡＤＡ")  # full-width letters
    'ada'
    """
    text = unicodedata.normalize("NFKC", clean_text(student_id)).translate(ZERO_WIDTH)
    return " ".join(text.casefold().split())


def student_key(student_id: str) -> str:
    """Who a student id stands for: its :func:`normal_id` with every run of characters
    that is not a letter, mark or digit (any script) made one ``-``. Two ids with one key
    save to one file and are one student in the gradebook.

    >>> student_key("Ada L."), student_key("ada-l"), student_key("Zoë") == student_key("Zoé")
    ('ada-l', 'ada-l', False)
    """
    kept = [
        c if unicodedata.category(c)[0] in "LNM" or c in "._" else "-"
        for c in normal_id(student_id)
    ]
    return re.sub(r"-{2,}", "-", "".join(kept)).strip("-._")


def student_file_name(student_id: str) -> str:
    """A safe file name for a student id, keeping letters of any script.

    >>> student_file_name("Ada L."), student_file_name("Мария Иванова"), student_file_name("李明")
    ('ada-l.json', 'мария-иванова.json', '李明.json')
    >>> student_file_name("Zoë") != student_file_name("Zoé")
    True
    >>> student_file_name("your-name-here")
    Traceback (most recent call last):
    ...
    ValueError: “your-name-here” is the example, not a name: write your own name or student id
    """
    if not isinstance(student_id, str):
        raise ValueError("a student id must be text")
    slug = student_key(student_id)
    if not any(unicodedata.category(c)[0] in "LN" for c in slug):
        raise ValueError("a student id needs at least one letter or digit")
    if slug in PLACEHOLDERS:
        raise ValueError(
            f"“{student_id.strip()}” is the example, not a name: write your own name or student id"
        )
    if len(student_id) > MAX_ID_CHARS:
        raise ValueError(f"a student id has at most {MAX_ID_CHARS} characters")
    return f"{slug[:60].strip('-._')}.json"


def validate(data: object, path: Path = Path("answers.json")) -> dict:
    """Check the structure of a loaded answer file; raise :class:`AnswerFileError`."""
    if not isinstance(data, dict):
        raise AnswerFileError(path, "not an answer file (the top level is not an object)")
    if data.get("format") != FORMAT:
        raise AnswerFileError(
            path, f"not a medialit answer file (format is {data.get('format')!r})"
        )
    if data.get("version") != VERSION:
        raise AnswerFileError(
            path, f"unsupported version {data.get('version')!r} (this is {VERSION})"
        )
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
        for count in ("attempts", "hints_shown"):
            n = rec.get(count)
            if isinstance(n, int) and not 0 <= n <= MAX_COUNT:
                raise AnswerFileError(
                    path,
                    f"item {item_id}: {count} is out of range "
                    f"(0 to {MAX_COUNT}, not {_short_number(n)})",
                )
    return data


def _short_number(n: int) -> str:
    """A count as a reader can take it in (10**30 has 31 digits)."""
    digits = len(str(abs(n))) if abs(n) < 10**4000 else 4000
    return str(n) if digits <= 12 else f"a number of {digits} digits"


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
        raise AnswerFileError(
            path, f"not valid JSON, maybe cut off (line {e.lineno}: {e.msg})"
        ) from e
    return validate(data, path)


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def remove_stale_temp_files(path: Path) -> int:
    """Remove temporary files a killed save left beside ``path``; returns how many.
    Call it only while holding the file's lock (no save of that file is under way)."""
    removed = 0
    for tmp in Path(path).parent.glob(f".{Path(path).name}.*.tmp"):
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def write_atomically(path: Path, data: dict) -> None:
    """Write JSON so that the file is either the old one or the new one, never half.
    Any failure raises :class:`SaveError` and leaves no temporary file behind."""
    path = Path(path)
    try:
        text = json.dumps(clean(data), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        payload = text.encode("utf-8")
    except (TypeError, ValueError, RecursionError) as e:
        raise SaveError(
            0, f"cannot save answers to {path}: they cannot be written as JSON ({type(e).__name__})"
        ) from e
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_name(path)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
    except OSError as e:
        raise SaveError(e.errno, f"cannot save answers in {path.parent}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise SaveError(e.errno, f"cannot save answers to {path}: {e.strerror}") from e
        raise


def check_writable(folder: Path) -> str:
    """ "" if answers can be saved in ``folder`` (made if needed), else why not: a file is
    created there and removed again (``os.access`` is not enough: root, read-only mounts)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test.{secrets.token_hex(6)}.tmp"
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        probe.unlink()
    except OSError as e:
        return f"answers cannot be saved in {folder} ({e.strerror or e})"
    return ""


class _lock:
    """An exclusive lock on ``.<file>.lock`` beside an answer file (POSIX flock)."""

    def __init__(self, path: Path):
        self.path = Path(path).with_name(f".{Path(path).name}.lock")  # hidden: not a hand-in

    def __enter__(self) -> Self:
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as e:
            raise SaveError(
                e.errno, f"cannot save answers in {self.path.parent}: {e.strerror}"
            ) from e
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
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
    writable: bool = field(init=False, default=True)

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        self.student_id = clean_text(self.student_id).strip()
        self.name = clean_text(self.name)
        self.path = self.folder / student_file_name(self.student_id)
        self.data = self._fresh()
        if self.path.exists():
            try:
                self.data = load(self.path)
            except AnswerFileError as e:
                aside = self.path.with_name(
                    f"{self.path.stem}.corrupt-{datetime.now(UTC):%Y%m%dT%H%M%S}{self.path.suffix}"
                )
                try:
                    os.replace(self.path, aside)
                    where = f"it was kept as {aside.name}"
                except OSError:
                    where = "it could not be moved aside"
                self.problem = (
                    f"Your saved answers could not be read ({e.reason}); {where}. "
                    "You start with a clean sheet."
                )
        cannot_save = check_writable(self.folder)
        if cannot_save:
            self.writable = False
            self.problem = (f"{self.problem} " if self.problem else "") + (
                f"Your {cannot_save[0].lower() + cannot_save[1:]}: they are kept only while "
                "this notebook runs. Ask your teacher where to save them."
            )

    def _merge_from_disk(self, keep: str | set[str]) -> None:
        try:
            disk = load(self.path) if self.path.exists() else None
        except AnswerFileError:
            disk = None  # a damaged file is replaced by what this kernel holds
        if not disk:
            return
        for item_id, theirs in disk["items"].items():
            ours = self.data["items"].get(item_id)
            kept = item_id in keep if isinstance(keep, set) else item_id == keep
            if not kept and (
                ours is None or theirs.get("updated_at", "") > ours.get("updated_at", "")
            ):
                self.data["items"][item_id] = theirs

    def _fresh(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "student": {"id": self.student_id, "name": self.name or self.student_id},
            "case": self.case,
            "updated_at": now(),
            "items": {},
        }

    def get(self, item_id: str) -> dict | None:
        return self.data["items"].get(item_id)

    def record(self, item_id: str, **fields: Any) -> bool:
        """Store an item's state and save; returns False (and sets ``problem``) if saving
        failed. Unknown fields are ignored.

        Several notebooks (kernels) of one student may save to the same file: under a lock,
        the file is read again and what the others saved is kept (for an item saved in
        both, the later save wins)."""
        stamp = now()
        rec = self.data["items"].setdefault(item_id, {"first_at": stamp})
        rec.update({k: clean(v) for k, v in fields.items() if k in ITEM_FIELDS})
        rec["updated_at"] = self.data["updated_at"] = stamp
        return self._save(keep=item_id)

    def merge(self, records: dict[str, dict]) -> bool:
        """Store several items at once, each with its own ``first_at``/``updated_at`` when
        it has them (an import from another answer file), in one locked write; returns
        False (and sets ``problem``) if saving failed."""
        stamp = now()
        for item_id, fields in records.items():
            rec = {k: clean(v) for k, v in fields.items() if k in ITEM_FIELDS}
            for time in ("first_at", "updated_at"):
                if not isinstance(rec.get(time), str):
                    rec[time] = stamp
            self.data["items"][item_id] = rec
        self.data["updated_at"] = stamp
        return self._save(keep=set(records))

    def _save(self, keep: str | set[str]) -> bool:
        try:
            with _lock(self.path):
                remove_stale_temp_files(self.path)
                self._merge_from_disk(keep=keep)
                write_atomically(self.path, self.data)
        except SaveError as e:
            cause = getattr(e.__cause__, "strerror", None) or e.strerror or e
            self.problem = (
                f"Your answers could not be saved ({cause}). They are kept "
                "while this notebook runs; ask your teacher where to save them."
            )
            return False
        self.problem = ""
        return True
