"""Case validation under random damage: a copy of the small library-vote case gets a random
corruption (bytes or lines deleted, duplicated or swapped, a file truncated, emptied or
deleted, a stray ``;``, quote, NUL or invalid UTF-8 inserted, a CSV cell or a JSON value
replaced). Whatever is done, ``validate_case`` returns located problems (never raises),
``load_case`` loads or raises ``CaseError`` (never another exception) and agrees with
validate_case, and ``python -m medialit validate`` exits with 0 or 1.

Derandomized (the same examples each run); set MEDIALIT_FUZZ=N to hunt with N random ones,
MEDIALIT_FUZZ_SCALE=K for K times the examples (a deep run: 2 gives the counts of before).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medialit.case import CaseError, Problem, load_case, validate_case

CASE = Path(__file__).resolve().parent / "cases" / "library-vote"
FILES = sorted(p.relative_to(CASE).as_posix() for p in CASE.rglob("*") if p.is_file())
CSVS = [f for f in FILES if f.endswith(".csv")]
TEXTS = [f for f in FILES if f.endswith(".txt")]

_HUNT = int(os.environ.get("MEDIALIT_FUZZ", "0"))
_SCALE = max(1, int(os.environ.get("MEDIALIT_FUZZ_SCALE", "1") or 1))  # K times the examples


def fuzz(n: int) -> settings:
    return settings(
        max_examples=_HUNT or n * _SCALE,
        deadline=None,
        database=None,
        derandomize=not _HUNT,
        suppress_health_check=[HealthCheck.too_slow],
    )


# --------------------------------------------------------------------------- corruptions
STRAY = [
    b";",
    b'"',
    b"'",
    b"\x00",
    b"\xff",
    b"\xc3(",
    b"\xed\xa0\x80",
    b",",
    b"\n",
    b"\r",
    b"\t",
    b"\xef\xbb\xbf",
    b"{",
    b"}",
    b"[",
    b"]",
    b"null",
    b"-1",
    b"1e999",
    b"NaN",
    b'",,"',
    b"\r\n\r\n",
]
CELLS = [
    "",
    " ",
    "-1",
    "0",
    "1e999",
    "NaN",
    "abc",
    "true",
    "TRUE",
    "maybe",
    "about",
    "at_least",
    "at_most",
    "99999999999999999999",
    "2.5",
    "000-council-closes",
    "reports/../../etc/passwd",
    "reports/missing.txt",
    '"',
    "a,b",
    "line\nbreak",
    "\x00",
    "<script>x</script>",
    "🙂",
    "reports",
]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 10**6)
    | st.floats(allow_nan=False)
    | st.sampled_from(
        [
            "",
            "string",
            "integer",
            "number",
            "boolean",
            "reports.csv",
            "../outside.csv",
            "/etc/passwd",
            "report_id",
            "reports",
        ]
    ),
    lambda c: (
        st.lists(c, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "path",
                    "schema",
                    "fields",
                    "type",
                    "constraints",
                    "required",
                    "enum",
                    "primaryKey",
                    "foreignKeys",
                    "x",
                ]
            ),
            c,
            max_size=3,
        )
    ),
    max_leaves=6,
)


def _at(data: bytes, frac: float) -> int:
    return min(len(data), int(frac * (len(data) + 1)))


@st.composite
def byte_damage(draw, files=FILES):
    """(file, description, function bytes -> bytes or None to delete the file)"""
    f = draw(st.sampled_from(files))
    op = draw(
        st.sampled_from(
            [
                "delete",
                "duplicate",
                "swap",
                "insert",
                "truncate",
                "empty",
                "remove",
                "del_line",
                "dup_line",
                "swap_lines",
            ]
        )
    )
    a, b = draw(st.floats(0, 1)), draw(st.floats(0, 1))
    n = draw(st.integers(1, 40))
    stray = draw(st.sampled_from(STRAY))

    def apply(data: bytes) -> bytes | None:
        i, j = sorted((_at(data, a), _at(data, b)))
        lines = data.splitlines(keepends=True)
        k, m = int(a * len(lines)), int(b * len(lines))
        if op == "delete":
            return data[:i] + data[i + n :]
        if op == "duplicate":
            return data[: i + n] + data[i:]
        if op == "swap":
            if j < i + n:  # overlapping pieces: swap two single bytes instead
                return (
                    data[:i] + data[j : j + 1] + data[i + 1 : j] + data[i : i + 1] + data[j + 1 :]
                    if j > i
                    else data
                )
            return data[:i] + data[j : j + n] + data[i + n : j] + data[i : i + n] + data[j + n :]
        if op == "insert":
            return data[:i] + stray + data[i:]
        if op == "truncate":
            return data[:i]
        if op == "empty":
            return b""
        if op == "remove":
            return None
        if not lines:
            return data
        k, m = min(k, len(lines) - 1), min(m, len(lines) - 1)
        if op == "del_line":
            return b"".join(lines[:k] + lines[k + 1 :])
        if op == "dup_line":
            return b"".join(lines[: k + 1] + lines[k:])
        lines[k], lines[m] = lines[m], lines[k]
        return b"".join(lines)

    return f, f"{op} a={a:.3f} b={b:.3f} n={n} stray={stray!r}", apply


@st.composite
def cell_damage(draw):
    """Replace one CSV cell (header included) with an odd value."""
    f = draw(st.sampled_from(CSVS))
    header = draw(st.integers(0, 9)) == 7  # the header row about one time in ten (not 0:
    # Hypothesis favours small values)
    r, c = draw(st.integers(0, 10**6)), draw(st.integers(0, 10**6))
    value = draw(st.sampled_from(CELLS) | st.text(max_size=20))

    def apply(data: bytes) -> bytes:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        i = 0 if header or len(rows) < 2 else 1 + r % (len(rows) - 1)
        if not rows[i]:
            return data
        j = c % len(rows[i])
        rows[i][j] = value
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue().encode("utf-8")

    return f, f"cell {'header' if header else f'row {r}'} col {c} = {value!r}", apply


@st.composite
def json_damage(draw):
    """Replace one value somewhere in datapackage.json (or delete its key)."""
    where = draw(st.floats(0, 1))
    value = draw(JSON_VALUES)
    delete = draw(st.booleans())

    def apply(data: bytes) -> bytes:
        doc = json.loads(data)
        slots = []

        def walk(node):
            items = (
                node.items()
                if isinstance(node, dict)
                else enumerate(node)
                if isinstance(node, list)
                else []
            )
            for k, v in items:
                slots.append((node, k))
                walk(v)

        walk(doc)
        node, key = slots[min(int(where * len(slots)), len(slots) - 1)]
        if delete:
            del node[key]
        else:
            node[key] = value
        return json.dumps(doc).encode("utf-8")

    return "datapackage.json", f"json slot~{where:.3f} {'delete' if delete else value!r}", apply


damage = st.lists(st.one_of(byte_damage(), cell_damage(), json_damage()), min_size=1, max_size=3)


# --------------------------------------------------------------------------- checks
_PROBLEM = re.compile(r"^[^:\n]+(:\d+)?(:[^:\n]+)?: \S")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    validate_case(CASE)  # import frictionless once, outside the timed examples
    return tmp_path_factory.mktemp("case-fuzz")


def damaged_copy(workdir: Path, corruptions) -> Path:
    folder = workdir / uuid.uuid4().hex[:12]
    shutil.copytree(CASE, folder)
    for f, _, apply in corruptions:
        path = folder / f
        if not path.exists():
            continue
        try:
            data = apply(path.read_bytes())
        except (UnicodeDecodeError, json.JSONDecodeError, csv.Error, IndexError):
            continue  # an earlier corruption made this one impossible: leave the file
        if data is None:
            path.unlink()
        else:
            path.write_bytes(data)
    return folder


def check_problems(problems) -> None:
    assert isinstance(problems, list)
    for p in problems:
        assert isinstance(p, Problem), p
        assert p.file and isinstance(p.file, str), p
        assert p.row is None or (isinstance(p.row, int) and p.row >= 1), p
        assert isinstance(p.reason, str) and p.reason.strip(), p
        assert _PROBLEM.match(str(p)), str(p)


def _validate_and_load(folder: Path) -> list[Problem]:
    problems = validate_case(folder)
    check_problems(problems)
    try:
        load_case(folder)
    except CaseError as e:
        assert problems, "load_case raised CaseError but validate_case found nothing"
        assert [str(p) for p in e.problems] == [str(p) for p in problems]
    else:
        assert not problems, "load_case loaded a case that validate_case rejects"
    return problems


def _damage_and_check(workdir, corruptions):
    folder = damaged_copy(workdir, corruptions)
    try:
        _validate_and_load(folder)
    finally:
        shutil.rmtree(folder)


@pytest.mark.slow
@fuzz(18)
@given(st.lists(byte_damage(), min_size=1, max_size=3))
def test_byte_damage_gives_problems_never_a_crash(workdir, corruptions):
    _damage_and_check(workdir, corruptions)


@pytest.mark.slow
@fuzz(15)
@given(st.lists(cell_damage(), min_size=1, max_size=3))
def test_csv_cell_damage_gives_problems_never_a_crash(workdir, corruptions):
    _damage_and_check(workdir, corruptions)


@pytest.mark.slow
@fuzz(15)
@given(st.lists(json_damage(), min_size=1, max_size=2))
def test_datapackage_damage_gives_problems_never_a_crash(workdir, corruptions):
    _damage_and_check(workdir, corruptions)


@pytest.mark.slow
@fuzz(10)
@given(damage)
def test_cli_validate_exits_0_or_1(workdir, corruptions):
    from medialit.cli import main

    folder = damaged_copy(workdir, corruptions)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", str(folder)])
        problems = validate_case(folder)
    finally:
        shutil.rmtree(folder)
    assert code == (1 if problems else 0)
    printed = out.getvalue().splitlines()
    assert printed[: len(problems)] == [str(p) for p in problems]
    assert ("OK" in out.getvalue()) == (not problems)
    assert "Traceback" not in out.getvalue() + err.getvalue()


def test_the_undamaged_copy_is_valid(workdir):
    folder = damaged_copy(workdir, [])
    assert _validate_and_load(folder) == []


# --------------------------------------------------------------------------- found by fuzzing


def test_an_open_quote_in_a_header_gives_one_line_problems(workdir):
    folder = damaged_copy(
        workdir, [("attributions.csv", "insert '\"' at 0", lambda data: b'"' + data)]
    )
    try:
        problems = _validate_and_load(folder)
    finally:
        shutil.rmtree(folder)
    assert [str(p) for p in problems] == [
        'attributions.csv:1: the header row has a quote mark (") that is never closed: remove it'
    ]
