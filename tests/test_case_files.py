"""Which files a case may make medialit read (``medialit.case.read_case_file``).

A case folder comes from anyone: its report could be a link to /dev/zero (read whole, it
eats all memory), to /etc/passwd (quoted in a problem, it leaks), a named pipe (opened, it
blocks for ever), a folder, or a file far too big. ``validate_case``, ``load_case`` and
``python -m medialit validate`` refuse each with a located problem that names the file and
quotes nothing of it. The dangerous cases run in a child process with 1 GiB of address
space (reading /dev/zero whole would die of MemoryError there, not take the machine) and a
timeout (a blocked read would end in TimeoutExpired, not hang the suite).

A UTF-8 byte order mark (what a spreadsheet's "CSV UTF-8" writes) is accepted at the start
of any CSV, report text or datapackage.json.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import medialit.validation as mv
from medialit.case import (
    BOM,
    MAX_REPORT_BYTES,
    MAX_TABLE_BYTES,
    REQUIRED_COLUMNS,
    CaseFileError,
    load_case,
    read_case_file,
    validate_case,
)

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "tests" / "cases" / "library-vote"
FIRST = "reports/000-council-closes.txt"  # the report in row 2 of reports.csv
PASSWD = Path("/etc/passwd")
MEMORY = 2**30  # address space of the child process

# For each folder named: validate_case, load_case and the CLI's validate, one JSON line.
_CHILD = """
import contextlib, io, json, sys
from medialit.case import CaseError, load_case, validate_case
from medialit.cli import main
for folder in sys.argv[1:]:
    found = [str(p) for p in validate_case(folder)]
    try:
        load_case(folder)
        raised = None
    except CaseError as e:
        raised = [str(p) for p in e.problems]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", folder])
    cli = {"code": code, "out": out.getvalue(), "err": err.getvalue()}
    print(json.dumps({"validate": found, "load": raised, **cli}), flush=True)
"""


def _limit_memory():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _child(*args: str) -> subprocess.CompletedProcess:
    """Run Python with ``args`` in a child with 1 GiB of address space; a read that
    blocks ends in TimeoutExpired (the timeout only catches a hang: the runs take ~2 s)."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        preexec_fn=_limit_memory,
    )


Checked = tuple[list[str], list[str] | None, subprocess.CompletedProcess]


def _check_in_child(*folders: Path) -> list[Checked]:
    """validate_case, load_case and the CLI's validate on each folder, in one child (one
    start of Python and its imports for all): for each, (problems found, problems load_case
    raised or None, the CLI's exit code, output and messages)."""
    run = _child("-c", _CHILD, *map(str, folders))
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(lines) == len(folders), run.stdout
    return [
        (
            got["validate"],
            got["load"],
            subprocess.CompletedProcess(run.args, got["code"], got["out"], got["err"]),
        )
        for got in lines
    ]


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the small library-vote case (valid)."""
    return Path(shutil.copytree(LIBRARY, tmp_path / "case"))


def _replace_with_link(path: Path, target: str | Path) -> None:
    path.unlink()
    path.symlink_to(target)


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write_rows(path: Path, rows: list[dict]) -> None:
    out = io.StringIO(newline="")
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _passwd_lines() -> list[str]:
    return [line for line in PASSWD.read_text(errors="replace").splitlines() if line.strip()]


# --------------------------------------------------------------------------- refused files


def _link_report_to_dev_zero(f: Path) -> None:
    _replace_with_link(f / FIRST, "/dev/zero")


def _link_report_to_passwd(f: Path) -> None:
    _replace_with_link(f / FIRST, PASSWD)


def _link_table_to_passwd(f: Path) -> None:
    _replace_with_link(f / "claims.csv", PASSWD)


def _link_descriptor_to_dev_zero(f: Path) -> None:
    _replace_with_link(f / "datapackage.json", "/dev/zero")


def _report_is_a_fifo(f: Path) -> None:
    (f / FIRST).unlink()
    os.mkfifo(f / FIRST)


def _table_is_a_fifo(f: Path) -> None:
    (f / "facts.csv").unlink()
    os.mkfifo(f / "facts.csv")


def _table_is_a_folder(f: Path) -> None:
    (f / "claims.csv").unlink()
    (f / "claims.csv").mkdir()
    (f / "claims.csv" / "claims.csv").write_text("report_id\n", encoding="utf-8")


def _report_is_a_folder(f: Path) -> None:
    (f / FIRST).unlink()
    (f / FIRST).mkdir()


def _report_over_the_limit(f: Path) -> None:
    os.truncate(f / FIRST, MAX_REPORT_BYTES + 1)  # sparse: no disk space used


def _table_over_the_limit(f: Path) -> None:
    os.truncate(f / "facts.csv", MAX_TABLE_BYTES + 1)


def _reports_folder_links_outside(f: Path) -> None:
    outside = f.parent / "elsewhere"
    shutil.move(f / "reports", outside)
    (f / "reports").symlink_to(outside)


def _dangling_link(f: Path) -> None:
    _replace_with_link(f / FIRST, "no-such-file.txt")


def _schema_file_linked_to_dev_zero(f: Path) -> None:
    meta = json.loads((f / "datapackage.json").read_text(encoding="utf-8"))
    meta["resources"][2]["schema"] = "facts-schema.json"
    (f / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    (f / "facts-schema.json").symlink_to("/dev/zero")


OUTSIDE = "is a link to a file outside the case folder; copy the file into the case instead"
REFUSED = {
    # what is done: (how, the problem expected (its start))
    "report linked to /dev/zero": (
        _link_report_to_dev_zero,
        f"reports.csv:2:file: {FIRST} {OUTSIDE}",
    ),
    "report linked to /etc/passwd": (
        _link_report_to_passwd,
        f"reports.csv:2:file: {FIRST} {OUTSIDE}",
    ),
    "table linked to /etc/passwd": (_link_table_to_passwd, f"claims.csv: {OUTSIDE}"),
    "datapackage.json linked to /dev/zero": (
        _link_descriptor_to_dev_zero,
        f"datapackage.json: {OUTSIDE}",
    ),
    "schema file linked to /dev/zero": (
        _schema_file_linked_to_dev_zero,
        f"facts-schema.json: {OUTSIDE}",
    ),
    "report that is a named pipe": (
        _report_is_a_fifo,
        f"reports.csv:2:file: {FIRST} is a named pipe, not a file",
    ),
    "table that is a named pipe": (_table_is_a_fifo, "facts.csv: is a named pipe, not a file"),
    "folder named like a CSV": (_table_is_a_folder, "claims.csv: is a folder, not a file"),
    "folder named like a report": (
        _report_is_a_folder,
        f"reports.csv:2:file: {FIRST} is a folder, not a file",
    ),
    "report just over the size limit": (
        _report_over_the_limit,
        f"reports.csv:2:file: {FIRST} is larger than 5 MB",
    ),
    "table just over the size limit": (_table_over_the_limit, "facts.csv: is larger than 5 MB"),
    "reports folder linked outside": (
        _reports_folder_links_outside,
        (f"reports.csv:2:file: {FIRST} is in a folder that links outside the case folder"),
    ),
    "link to nothing": (
        _dangling_link,
        (f"reports.csv:2:file: {FIRST} is a link to a file that does not exist"),
    ),
}


@pytest.fixture(scope="module")
def refused(tmp_path_factory) -> dict[str, Checked]:
    """Every case of REFUSED, each made in its own copy of the case and checked in one
    child (a blocked read would time the child out; reading /dev/zero whole would fail it
    with MemoryError: every test below would then fail)."""
    if not hasattr(os, "mkfifo") or not PASSWD.is_file():
        pytest.skip("needs POSIX and /etc/passwd")
    folders = {}
    for n, (what, (how, _)) in enumerate(REFUSED.items()):
        folders[what] = Path(shutil.copytree(LIBRARY, tmp_path_factory.mktemp(f"r{n}") / "case"))
        how(folders[what])
    return dict(zip(folders, _check_in_child(*folders.values()), strict=True))


@pytest.mark.parametrize("what", REFUSED)
def test_a_file_that_is_not_a_case_file_is_refused_with_a_located_problem(refused, what):
    """In a child: validate_case, load_case and the CLI return (no hang, no MemoryError,
    no traceback) and all name the file with the same problem."""
    _, expected = REFUSED[what]
    found, raised, cli = refused[what]
    assert any(p.startswith(expected) for p in found), found
    assert raised == found
    assert cli.returncode == 1
    assert cli.stdout.splitlines() == found
    assert f"{len(found)} problem(s)" in cli.stderr


@pytest.mark.parametrize("what", [w for w in REFUSED if "passwd" in w])
def test_no_line_of_a_file_outside_the_case_is_shown(refused, what):
    found, raised, cli = refused[what]
    shown = "\n".join([*found, *(raised or []), cli.stdout, cli.stderr])
    leaked = [line for line in _passwd_lines() if line in shown]
    assert not leaked and found


@pytest.mark.slow
@pytest.mark.skipif(not PASSWD.is_file(), reason="needs /etc/passwd")
def test_python_m_medialit_validate_exits_1_with_the_problem_and_no_traceback(folder):
    _link_report_to_dev_zero(folder)
    run = _child("-m", "medialit", "validate", str(folder))
    assert run.returncode == 1
    assert run.stdout.splitlines() == [f"reports.csv:2:file: {FIRST} {OUTSIDE}"]
    assert run.stderr.strip() == f"{folder}: 1 problem(s)"


@pytest.mark.slow
def test_a_device_in_the_case_folder_is_refused(folder):
    (folder / FIRST).unlink()
    try:
        os.mknod(folder / FIRST, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero's numbers
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    ((found, raised, _),) = _check_in_child(folder)
    assert (
        found
        == raised
        == [
            (
                f"reports.csv:2:file: {FIRST} is a device, not a file; replace "
                "it with the file itself"
            )
        ]
    )


def test_a_file_at_the_size_limit_is_read(folder):
    """The limit is the largest size read, not one byte less: this report is read (and its
    hash no longer matches), one byte more is refused (see REFUSED)."""
    os.truncate(folder / FIRST, MAX_REPORT_BYTES)
    assert [str(p) for p in validate_case(folder)] == [
        (
            f"reports.csv:2:sha256: {FIRST} does not match its recorded SHA-256: the raw text was "
            "changed (raw reports must stay byte-identical)"
        )
    ]


def test_the_reader_never_reads_more_than_the_limit_plus_one(folder, monkeypatch):
    """A file that says it is small (it grew after it was measured, or it lies about its
    size) is read only up to limit + 1 bytes, then refused."""
    limit, target = 2048, str((folder / FIRST).resolve())
    os.truncate(target, 50 * limit)
    real_stat, real_read, got = os.stat, os.read, []

    def small_stat(path, *args, **kwargs):
        st = real_stat(path, *args, **kwargs)
        if str(path) != target:
            return st
        fields = list(st)
        fields[stat.ST_SIZE] = 10
        return os.stat_result(fields)

    def counted_read(fd, n):
        data = real_read(fd, n)
        got.append(len(data))
        return data

    monkeypatch.setattr(os, "stat", small_stat)
    monkeypatch.setattr(os, "read", counted_read)
    with pytest.raises(CaseFileError, match="is larger than 2 kB"):
        read_case_file(folder, FIRST, limit)
    assert 0 < sum(got) <= limit + 1


@pytest.mark.parametrize(
    "name",
    [
        "../case/reports.csv",
        "/etc/passwd",
        "reports/../../x.txt",
        "http://example.org/x.csv",
        "a\0b",
    ],
)
def test_a_name_that_leaves_the_folder_is_refused_before_anything_is_opened(folder, name):
    with pytest.raises(CaseFileError, match="is not inside the case folder"):
        read_case_file(folder, name, 100)


def test_a_report_path_that_leaves_the_folder_gives_a_problem(folder):
    """The schema's pattern on reports.file stops ``..``; a case whose schema lacks it still
    cannot make medialit read outside the folder."""
    meta = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for fld in meta["resources"][0]["schema"]["fields"]:
        fld.get("constraints", {}).pop("pattern", None)
    (folder / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    rows = _rows(folder / "reports.csv")
    rows[0]["file"] = "../../../../../../etc/passwd"
    _write_rows(folder / "reports.csv", rows)
    assert [str(p) for p in validate_case(folder)] == [
        (
            "reports.csv:2:file: ../../../../../../etc/passwd is not inside the case folder; name "
            "files by their path in it, e.g. reports/000-first.txt"
        )
    ]


# --------------------------------------------------------------------------- accepted files


def test_links_that_stay_inside_the_folder_are_followed(folder, tmp_path):
    original = (folder / FIRST).read_bytes()
    (folder / "archive").mkdir()
    shutil.move(folder / FIRST, folder / "archive" / "first.txt")
    (folder / FIRST).symlink_to("../archive/first.txt")
    (folder / "tables").mkdir()
    shutil.move(folder / "claims.csv", folder / "tables" / "claims.csv")
    (folder / "claims.csv").symlink_to(folder / "tables" / "claims.csv")  # absolute, inside
    linked_case = tmp_path / "linked-case"
    linked_case.symlink_to(folder)  # the case folder itself reached through a link
    for case in (folder, linked_case):
        assert validate_case(case) == []
        loaded = load_case(case)
        assert loaded.text("000-council-closes") == original.decode("utf-8")
        assert len(loaded.claims) == len(load_case(LIBRARY).claims)


def _add_bom(path: Path) -> None:
    path.write_bytes(BOM + path.read_bytes())


def test_csvs_saved_with_a_byte_order_mark_validate_and_load(folder, tmp_path, monkeypatch):
    """What a spreadsheet's "CSV UTF-8" writes; Frictionless checks the same tables (its
    check is run, not taken from the cache, and finds nothing)."""
    monkeypatch.setenv("MEDIALIT_CACHE_DIR", str(tmp_path / "fresh-cache"))
    checked = []
    real = mv.frictionless_problems
    monkeypatch.setattr(mv, "frictionless_problems", lambda p: checked.append(p) or real(p))
    for csv_file in folder.glob("*.csv"):
        _add_bom(csv_file)
    _add_bom(folder / "datapackage.json")
    assert validate_case(folder) == [] and len(checked) == 1
    case = load_case(folder)
    expected = load_case(LIBRARY)
    assert (
        list(case.claims.columns[: len(REQUIRED_COLUMNS["claims"])]) == REQUIRED_COLUMNS["claims"]
    )
    assert list(case.facts.columns) == REQUIRED_COLUMNS["facts"]
    assert list(case.reports.columns) == list(expected.reports.columns)
    for name in case.tables:
        assert list(case.table(name).columns) == list(expected.table(name).columns)
    assert case.claims.equals(expected.claims) and case.reports.equals(expected.reports)


def test_frictionless_still_checks_a_table_with_a_byte_order_mark(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_CACHE_DIR", str(tmp_path / "fresh-cache"))
    rows = _rows(folder / "claims.csv")
    rows[0]["bound"] = "roughly"
    _write_rows(folder / "claims.csv", rows)
    _add_bom(folder / "claims.csv")
    found = [str(p) for p in validate_case(folder)]
    assert any(p.startswith("claims.csv:2:bound:") and "allowed values" in p for p in found), found


def test_a_report_with_a_byte_order_mark_is_accepted_and_offsets_count_after_it(folder):
    _add_bom(folder / FIRST)
    rows = _rows(folder / "reports.csv")
    rows[0]["sha256"] = hashlib.sha256((folder / FIRST).read_bytes()).hexdigest()
    _write_rows(folder / "reports.csv", rows)
    assert validate_case(folder) == []  # furniture spans and quotes still point right
    case, plain = load_case(folder), load_case(LIBRARY)
    rid = "000-council-closes"
    assert case.text(rid) == plain.text(rid) and not case.text(rid).startswith("\ufeff")
    assert case.reports.loc[0, "headline"] == plain.reports.loc[0, "headline"]


def test_the_validation_cache_key_reads_only_what_frictionless_reads(folder, tmp_path, monkeypatch):
    """Files that are no part of the case (a big scan left in the folder, a link to
    /dev/zero, a pipe) are not read to compute the cache key, and do not change it."""
    monkeypatch.setenv("MEDIALIT_CACHE_DIR", str(tmp_path / "fresh-cache"))
    assert validate_case(folder) == []
    with open(folder / "scan.pdf", "wb") as f:
        f.truncate(50 * 2**20)  # sparse
    (folder / "notes.pdf").symlink_to("/dev/zero")
    (folder / "old").mkdir()
    os.mkfifo(folder / "old" / "pipe")
    checked = []
    real = mv.frictionless_problems
    monkeypatch.setattr(mv, "frictionless_problems", lambda p: checked.append(p) or real(p))
    assert validate_case(folder) == [] and checked == []  # remembered, nothing else read
