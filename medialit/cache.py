"""The validation cache: the Frictionless check of a case, remembered by a fingerprint.

Frictionless costs 1.5-3 s of CPU per process (mostly jsonschema building its IRI grammar
on import), and every notebook kernel loads the case: a case already checked, byte for
byte, is not checked again. The fingerprint (:func:`case_fingerprint`) covers the files
the check reads and the code that words its problems; the result is a small JSON file
under :func:`cache_dir`. An unreadable or unwritable cache is ignored.

>>> a = case_fingerprint({"datapackage.json": b"{}"})
>>> b = case_fingerprint({"datapackage.json": b"{ }"})
>>> a == case_fingerprint({"datapackage.json": b"{}"}), a == b
(True, False)
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from medialit.case import Problem

_HERE = Path(__file__).resolve().parent
CODE = ("case.py", "validation.py", "cache.py", "hints.py")
"""The modules (in ``medialit/``) whose code a cached result depends on: how the check's
inputs are gathered, how problems are found and how they are worded."""


def cache_dir() -> Path:
    """Where medialit keeps results it can recompute: ``$MEDIALIT_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/medialit``, else ``~/.cache/medialit``."""
    if os.environ.get("MEDIALIT_CACHE_DIR"):
        return Path(os.environ["MEDIALIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "medialit"


def case_fingerprint(inputs: dict[str, bytes]) -> str:
    """A hash of the files Frictionless reads (the descriptor and the files it names, see
    :func:`medialit.case._frictionless_inputs`), of the modules in :data:`CODE` and of the
    Frictionless version: what the Frictionless check depends on."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"frictionless {version('frictionless')}\n".encode())
    for module in CODE:
        digest.update((_HERE / module).read_bytes())
    for name in sorted(inputs):
        digest.update(f"\n{len(name)}:{name}\n{len(inputs[name])}\n".encode())
        digest.update(inputs[name])
    return digest.hexdigest()


def read_cached(key: str) -> list[Problem] | None:
    """The problems remembered under ``key``, or None (not cached yet, or the cache file is
    damaged or unreadable: check again)."""
    try:
        data = json.loads((cache_dir() / f"frictionless-{key}.json").read_text(encoding="utf-8"))
        return [Problem(**p) for p in data]
    except (OSError, ValueError, TypeError):
        return None


def write_cached(key: str, problems: list[Problem]) -> None:
    """Remember ``problems`` under ``key`` (written whole or not at all; a read-only home is
    ignored: the case is checked every time)."""
    cached = cache_dir() / f"frictionless-{key}.json"
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps([p.__dict__ for p in problems]), encoding="utf-8")
        os.replace(tmp, cached)
    except OSError:
        pass


def frictionless_problems_cached(
    path: Path, inputs: dict[str, bytes], check: Callable[[Path], list[Problem]]
) -> list[Problem]:
    """``check`` (the Frictionless check, see :func:`medialit.validation.frictionless_problems`)
    of the case in ``path``, remembered by its fingerprint.

    Frictionless does not read the case folder itself: it checks a copy of ``inputs`` (the
    files it needs, as the guarded reader read them) in a temporary folder, so it never
    opens a file the reader refused or a link that changed since."""
    try:
        key = case_fingerprint(inputs)
    except OSError:
        key = None
    if key and (found := read_cached(key)) is not None:
        return found
    with tempfile.TemporaryDirectory(prefix="medialit-case-") as tmp:
        copy = Path(tmp) / path.name
        try:
            for name, data in inputs.items():
                (copy / name).parent.mkdir(parents=True, exist_ok=True)
                (copy / name).write_bytes(data)
        except OSError as e:
            return [
                Problem(
                    "datapackage.json",
                    None,
                    None,
                    f"cannot be checked: no room for a copy of its files ({e.strerror})",
                )
            ]
        problems = [
            Problem(p.file, p.row, p.field, p.reason.replace(str(copy), str(path)))
            for p in check(copy)
        ]  # name the case, not the copy
    if key:
        write_cached(key, problems)
    return problems
