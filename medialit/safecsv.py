"""CSV files an instructor can open in a spreadsheet safely, written whole or not at all.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and some run one
that begins with a tab or a carriage return) as a formula: a student named
``=HYPERLINK("http://x","x")`` would put a live link, or worse, into the instructor's
gradebook ("CSV injection", OWASP). Every CSV this package writes goes through
:func:`to_csv`, which puts an apostrophe before such a text cell, so the spreadsheet shows
it as text. Numbers stay numbers: a numeric column is written as it is, and a text cell
that is a plain number (``-3``, ``+1.5``) is left alone.

>>> safe_cell('=HYPERLINK("http://x","x")'), safe_cell("-3"), safe_cell("Ada"), safe_cell(-3)
('\\'=HYPERLINK("http://x","x")', '-3', 'Ada', -3)
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet shows it as text: an apostrophe before a text cell that a
    spreadsheet would run as a formula. Anything that is not text is returned as it is."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def safe_frame(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` with :func:`safe_cell` applied to every text cell, column name
    and index label."""
    out = table.copy()
    for name in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[name]) or pd.api.types.is_bool_dtype(out[name])):
            out[name] = out[name].map(safe_cell, na_action="ignore")
    out.columns = [safe_cell(c) for c in out.columns]
    if not isinstance(out.index, pd.RangeIndex):
        out.index = out.index.map(safe_cell)
    return out


def write_text_atomically(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to a temporary file beside ``path`` and rename it over ``path``, so
    a reader finds the old file or the new one, never half of one."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        tmp.write_bytes(text.encode(encoding, errors="replace"))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def to_csv(table: pd.DataFrame, path: str | Path, index: bool = False) -> Path:
    """Write ``table`` as UTF-8 CSV with a byte-order mark (so spreadsheets show every
    script right), every cell safe (:func:`safe_cell`), atomically."""
    text = safe_frame(table).to_csv(index=index, lineterminator="\r\n")
    return write_text_atomically(path, text, encoding="utf-8-sig")
