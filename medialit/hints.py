"""Help in ``validate``'s messages: where a quote differs from its report, which id was
probably meant, and Frictionless' findings in plain words.

>>> print(quote_hint("the mayor’s plan",
...                  "In short, the mayor's plan was approved."))  # doctest: +NORMALIZE_WHITESPACE
it differs from the report only in ’ vs ' at character 10 (the quote's character first):
copy the words from the report
>>> did_you_mean("003-two-hours-call", ["001-first", "003-two-hour-call"])
"did you mean '003-two-hour-call'?"
"""

from __future__ import annotations

import difflib
import re

# --------------------------------------------------------------------------- quotes

_SAME = {}
for chars, plain in (
    ("‘’‚‛′`´", "'"),
    ("“”„‟″«»", '"'),
    ("‐‑‒–—―−", "-"),
    ("\u00a0\u2007\u2009\u200a\u202f\u2002\u2003\u3000\t\r\n", " "),
    ("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
):
    for ch in chars:
        _SAME[ch] = plain
_SAME["…"] = "..."

_NAMES = {
    " ": "a space",
    "\u00a0": "a non-breaking space",
    "\u202f": "a narrow non-breaking space",
    "\u2009": "a thin space",
    "\n": "a line break",
    "\r": "a carriage return",
    "\t": "a tab",
    "\u00ad": "a soft hyphen",
    "\u200b": "a zero-width space",
    "": "nothing",
    "  ": "a double space",
    "\ufeff": "a byte order mark",
    "‐": "a hyphen (U+2010)",
    "‑": "a non-breaking hyphen",
    "–": "– (en dash)",
    "—": "— (em dash)",
    "−": "− (minus sign)",
    "-": "- (hyphen)",
}
MAX_LISTED = 3
"""How many typographic differences a message lists before it says 'and N more'."""


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` with look-alike characters made plain (curly quotes straight, dashes
    hyphens, odd spaces spaces, invisible characters gone) and runs of spaces squeezed to
    one; with, for each character of the result, the index of the character it came from."""
    out, where = [], []
    for i, ch in enumerate(text):
        plain = _SAME.get(ch, ch)
        for p in plain:
            if p == " " and out and out[-1] == " ":
                continue
            out.append(p)
            where.append(i)
    return "".join(out), where


def _name(chars: str) -> str:
    if chars in _NAMES:
        return _NAMES[chars]
    if chars.strip() == "" and len(chars) > 1:
        return f"{len(chars)} spaces" if set(chars) == {" "} else "several spaces"
    return chars


def _shorten(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def quote_hint(quote: str, text: str) -> str:
    """Why ``quote`` is not found in ``text``, for a validation message: the characters
    where it differs from the report (curly or straight quotes, dashes, non-breaking or
    double spaces) when that is all, else the closest passage of the report and the first
    characters that differ. Character numbers count from 1 in the quote. Empty when the
    quote is in the text.

    >>> print(quote_hint("a  two-hour call",
    ...                  "They had a two–hour call."))  # doctest: +NORMALIZE_WHITESPACE
    it differs from the report only in a double space vs a space at character 2 and
    - (hyphen) vs – (en dash) at character 7 (the quote's character first): copy the words
    from the report
    >>> print(quote_hint("the meeting lasted four hours",
    ...                  "The meeting lasted three hours."))  # doctest: +NORMALIZE_WHITESPACE
    the closest passage (at character 1 of the report) first differs at character 1 of the
    quote: 'the' where the report has 'The'; copy the words from the report
    """
    if not quote or quote in text:
        return ""
    nq, _ = _normalised(quote)
    nt, where = _normalised(text)
    nq = nq.strip()
    pos = nt.find(nq) if nq else -1
    if pos >= 0:
        start = where[pos]
        end = where[pos + len(nq) - 1] + 1
        passage = text[start:end]
        diffs = _differences(quote.strip(), passage, offset=len(quote) - len(quote.lstrip()))
        if diffs:
            listed = " and ".join(diffs[:MAX_LISTED])
            more = f" and {len(diffs) - MAX_LISTED} more" if len(diffs) > MAX_LISTED else ""
            return (
                f"it differs from the report only in {listed}{more} "
                "(the quote's character first): copy the words from the report"
            )
    return _closest(quote, text)


def _differences(quote: str, passage: str, offset: int = 0) -> list[str]:
    """``X vs Y at character N`` for each place where ``quote`` and ``passage`` differ."""
    out = []
    ops = difflib.SequenceMatcher(None, quote, passage, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        mine, theirs = quote[i1:i2], passage[j1:j2]
        if (mine + theirs).strip() == "":  # spaces on one side: name the whole runs
            i1, i2 = _space_run(quote, i1, i2)
            j1, j2 = _space_run(passage, j1, j2)
            mine, theirs = quote[i1:i2], passage[j1:j2]
        out.append(f"{_name(mine)} vs {_name(theirs)} at character {offset + i1 + 1}")
    return out


def _space_run(s: str, i: int, j: int) -> tuple[int, int]:
    """The run of white space around ``s[i:j]``."""
    while i > 0 and s[i - 1].isspace():
        i -= 1
    while j < len(s) and s[j].isspace():
        j += 1
    return i, j


def _closest(quote: str, text: str) -> str:
    """The closest passage of ``text`` and the first characters where ``quote`` differs.

    The passage is anchored at the longest run the two share (look-alike characters made
    plain); the difference named is the one next to that run, before it if the quote's
    start differs, else after it."""
    nq, wq = _normalised(quote)
    nt, wt = _normalised(text)
    sm = difflib.SequenceMatcher(None, nt, nq, autojunk=False)
    i, j, k = sm.find_longest_match(0, len(nt), 0, len(nq))
    if k < max(8, len(nq) // 3):
        return (
            "no passage of the report comes close: copy the quote from this report's "
            "file (not from another copy of the article)"
        )
    d = 0
    while j - d - 1 >= 0 and i - d - 1 >= 0 and nq[j - d - 1] == nt[i - d - 1]:
        d += 1
    if j - d > 0:  # the quote's start differs
        qpos, tpos, start = j - d - 1, i - d - 1 if i - d > 0 else None, i - j
    else:
        d = 0
        while j + k + d < len(nq) and i + k + d < len(nt) and nq[j + k + d] == nt[i + k + d]:
            d += 1
        if j + k + d >= len(nq):
            return "copy the words from the report"
        qpos, start = j + k + d, i - j
        tpos = i + k + d if i + k + d < len(nt) else None
    at = wt[max(0, min(start, len(wt) - 1))] + 1
    mine = _word(quote, wq[qpos])
    theirs = _word(text, wt[tpos]) if tpos is not None else "nothing (the report ends)"
    return (
        f"the closest passage (at character {at} of the report) first differs at "
        f"character {wq[qpos] + 1} of the quote: {mine} where the report has {theirs}; "
        "copy the words from the report"
    )


def _word(s: str, pos: int) -> str:
    """The word of ``s`` at ``pos``, quoted, or the name of the space character there."""
    if s[pos].isspace():
        return _name(s[pos])
    a, b = pos, pos + 1
    while a > 0 and not s[a - 1].isspace():
        a -= 1
    while b < len(s) and not s[b].isspace():
        b += 1
    return repr(_shorten(s[a:b]))


# --------------------------------------------------------------------------- ids


def did_you_mean(value: str, candidates, what: str = "") -> str:
    """``did you mean 'x'?`` for the candidate closest to ``value`` (difflib), or ``''``."""
    candidates = [c for c in dict.fromkeys(candidates) if isinstance(c, str) and c]
    if not isinstance(value, str) or not value:
        return ""
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower().strip(): c for c in candidates}
        if value.lower().strip() in lowered:
            close = [lowered[value.lower().strip()]]
    return f"did you mean {close[0]!r}?" if close else ""


# --------------------------------------------------------------------------- Frictionless

_PATTERNS = {
    "[0-9]{3}-[a-z0-9-]+": "three digits, a dash, then lowercase letters, digits and dashes "
    "(e.g. 000-council-closes)",
    "reports/[A-Za-z0-9._-]+\\.txt": "reports/ and a file name of letters, digits, dots, "
    "dashes or underscores ending in .txt "
    "(e.g. reports/000-council-closes.txt)",
    "[0-9a-f]{64}": "64 characters 0-9 and a-f: the SHA-256 the command in README.md prints",
    "[a-z][a-z0-9_]*": "a lowercase letter, then lowercase letters, digits or underscores "
    "(e.g. meeting_length)",
}
_TYPES = {
    "number": "is not a number: write digits, with a dot for decimals (150, 2.5), no words "
    "or units",
    "integer": "is not a whole number: write digits only (120)",
    "boolean": "is not true or false: write true or false (not yes/no, 1/0)",
    "date": "is not a date: write YYYY-MM-DD",
}
_CONSTRAINT = re.compile(r'constraint "(\w+)" is "(.*)"\s*$', re.DOTALL)
_SAME_ROW = re.compile(r"row at position (\d+)")


def _cell(cell) -> str:
    return repr(_shorten(str(cell), 60)) if cell not in (None, "") else "(empty)"


def plain_message(
    kind: str,
    note: str,
    cell=None,
    field: dict | None = None,
    key: list[str] | None = None,
    choices=None,
) -> str:
    """A Frictionless error in plain words. ``kind`` is its type (``constraint-error``,
    ``type-error``, ``foreign-key``, ``extra-cell``...), ``note`` its note, ``cell`` the
    value, ``field`` the schema's field, ``key`` the columns of a key and ``choices`` the
    values a foreign key may take.

    >>> plain_message("constraint-error", 'constraint "enum" is "[\\'about\\', \\'at_least\\']"',
    ...               "abuot", {"constraints": {"enum": ["about", "at_least"]}})
    "'abuot' is not one of the allowed values: about, at_least; did you mean 'about'?"
    >>> print(plain_message("foreign-key", "", "099-nowhere", key=["report_id"],
    ...                     choices=["000-council-closes", "002-marathon-meeting"])
    ...       )  # doctest: +NORMALIZE_WHITESPACE
    '099-nowhere' is not a report_id in reports.csv (known: 000-council-closes,
    002-marathon-meeting)
    """
    field = field if isinstance(field, dict) else {}
    if kind == "type-error":
        ftype = field.get("type") or re.sub(r'.*type is "(\w+).*', r"\1", note)
        return f"{_cell(cell)} {_TYPES.get(ftype, f'is not of type {ftype}')}"
    if kind == "constraint-error":
        m = _CONSTRAINT.search(note or "")
        name, limit = (m.group(1), m.group(2)) if m else ("", "")
        cons = field.get("constraints") if isinstance(field.get("constraints"), dict) else {}
        if name == "required":
            return "is empty: this column needs a value"
        if name == "enum":
            allowed = cons.get("enum") if isinstance(cons.get("enum"), list) else None
            allowed = [str(a) for a in allowed] if allowed else [limit]
            hint = did_you_mean(str(cell), allowed)
            return f"{_cell(cell)} is not one of the allowed values: {', '.join(allowed)}" + (
                f"; {hint}" if hint else ""
            )
        if name == "pattern":
            pattern = cons.get("pattern") if isinstance(cons.get("pattern"), str) else limit
            form = _PATTERNS.get(pattern, f"text matching the pattern {pattern}")
            return f"{_cell(cell)} is not in the expected form: {form}"
        if name in ("minimum", "exclusiveMinimum"):
            return f"{_cell(cell)} is too small: the smallest allowed value is {limit}"
        if name in ("maximum", "exclusiveMaximum"):
            return f"{_cell(cell)} is too large: the largest allowed value is {limit}"
        if name == "minLength":
            return f"{_cell(cell)} is too short: at least {limit} characters"
        if name == "maxLength":
            return f"{_cell(cell)} is too long: at most {limit} characters"
        if name == "unique":
            return f"{_cell(cell)} appears in an earlier row too: each value once"
    if kind == "foreign-key":
        cols = ", ".join(key or []) or "id"
        table = (
            "reports.csv"
            if cols == "report_id"
            else "facts.csv"
            if cols == "fact"
            else "the table it refers to"
        )
        known = [str(c) for c in choices or []]
        hint = did_you_mean(str(cell), known)
        listed = ", ".join(known[:8]) + (" ..." if len(known) > 8 else "")
        return f"{_cell(cell)} is not a {cols} in {table}" + (
            f"; {hint}" if hint else f" (known: {listed})" if known else " (it has none yet)"
        )
    if kind in ("primary-key", "unique-error"):
        cols = " and ".join(key or []) or "key"
        m = _SAME_ROW.search(note or "")
        if m:
            return f"the same {cols} as row {m.group(1)}: each {cols} once (delete one row)"
        if "None" in (note or ""):
            return f"{cols} empty: every row needs them"
        return f"the same {cols} as an earlier row: each {cols} once"
    if kind == "extra-cell":
        return (
            "this row has more cells than the header: put a text with a comma in quotes "
            '("like, this"; a spreadsheet does it when it saves as CSV)'
        )
    if kind == "missing-cell":
        return (
            "this row has fewer cells than the header, from this column on: add the "
            "missing commas, or put a text with a line break in quotes"
        )
    title = kind.replace("-", " ")
    return f"{title}: {note}" if note else title
