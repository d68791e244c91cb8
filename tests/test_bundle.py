"""The student bundle (``python -m medialit bundle``): a zip with what a student needs and
no solution text, the same bytes every time, and it installs offline in a fresh virtual
environment where an exercise notebook passes nbval as it does in the repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from medialit.bundle import (
    REPO_ONLY,
    STUDENT_PACKAGES,
    TOP,
    BundleError,
    check_up_to_date,
    write_bundle,
)
from medialit.cli import main
from tests.support.leaks import BINARY, needles, searchable, solution_cell_needles
from tests.support.paths import ROOT

NOTEBOOK = "exercises/02-numbers.ipynb"  # the one run under nbval in the installed bundle


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return write_bundle(tmp_path_factory.mktemp("bundle") / "student.zip")


def _members(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as zf:
        return {name.removeprefix(f"{TOP}/"): zf.read(name) for name in zf.namelist()}


def _leaks(files: dict[str, bytes]) -> list[tuple[str, str]]:
    """(needle id, file) for every solution text found in ``files``."""
    found = {**needles(), **solution_cell_needles()}
    assert len(found) >= 40  # answer-key texts and solution cells
    texts = {
        name: searchable(data.decode("utf-8", errors="replace"))
        for name, data in files.items()
        if PurePosixPath(name).suffix not in BINARY
    }
    return [
        (n, name) for n, needle in found.items() for name, text in texts.items() if needle in text
    ]


def test_the_bundle_holds_what_a_student_needs(bundle):
    files = _members(bundle)
    notebooks = sorted((ROOT / "exercises").glob("*.ipynb"))
    assert len(notebooks) >= 7
    for nb in notebooks:  # every exercise notebook, as in the repository
        assert files[f"exercises/{nb.name}"] == nb.read_bytes()
    package = json.loads(files["data/datapackage.json"])
    for resource in package["resources"]:  # every table the case describes
        assert f"data/{resource['path']}" in files
    assert len([f for f in files if f.startswith("data/reports/")]) == 5
    catalog = json.loads(files["medialit/exercises/catalog.json"])
    assert catalog == json.loads((ROOT / "medialit/exercises/catalog.json").read_text("utf-8"))
    for module in (
        "__init__.py",
        "case.py",
        "answers.py",
        "exercises/__init__.py",
        "exercises/engine.py",
        "exercises/widget.py",
        "exercises/widget.js",
        "exercises/generic.py",
        "exercises/compile.py",
    ):
        assert f"medialit/{module}" in files

    requirements = files["requirements.txt"].decode()
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    assert files["constraints.txt"] == (ROOT / "constraints.txt").read_bytes()
    assert "-c constraints.txt" in requirements and "-e ." in requirements.splitlines()
    for name in STUDENT_PACKAGES:  # pinned to the version the repository pins
        pin = next(line for line in constraints if line.lower().startswith(f"{name.lower()}=="))
        assert pin in requirements.splitlines()

    readme = files["README.md"].decode()
    install = "python3 -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt"
    for needed in (install, "jupyter lab", "voila exercises/", 'start("', "my-answers/", "hand in"):
        assert needed in readme, needed


def test_the_bundle_holds_no_solution_text(bundle):
    files = _members(bundle)
    assert not _leaks(files)
    for name in files:
        top = name.split("/")[0]
        assert top in {
            "exercises",
            "data",
            "medialit",
            "README.md",
            "pyproject.toml",
            "requirements.txt",
            "constraints.txt",
        }, name
        assert not name.endswith(".yaml") or name.startswith("medialit/exercises/items/"), name
    for module in REPO_ONLY:
        assert f"medialit/{module}" not in files
    for name, data in files.items():
        if name.endswith(".ipynb"):
            tags = [t for c in json.loads(data)["cells"] for t in c["metadata"].get("tags", [])]
            assert "solution" not in tags, name
    # The search finds solution text where there is some: in a bundle that also held a
    # solution notebook and its answer key, from both kinds of needles.
    planted = {
        **files,
        **{
            f"solutions/{p}": (ROOT / "solutions" / p).read_bytes()
            for p in ("02-numbers.ipynb", "answers/02-numbers.yaml")
        },
    }
    found = _leaks(planted)
    assert {f for _, f in found} == {
        "solutions/02-numbers.ipynb",
        "solutions/answers/02-numbers.yaml",
    }
    assert any(n.startswith("02-numbers.ipynb#") for n, _ in found)  # a solution cell
    assert any(n.startswith("prisoners_total#") for n, _ in found)  # an answer-key text


@pytest.mark.slow
def test_the_command_writes_the_same_bytes_every_time(bundle, tmp_path, capsys):
    out = tmp_path / "again.zip"
    assert main(["bundle", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert out.read_bytes() == bundle.read_bytes()
    with zipfile.ZipFile(out) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    # a folder as --out gets the zip under its usual name
    assert main(["bundle", "--out", str(tmp_path)]) == 0
    assert (tmp_path / f"{TOP}.zip").read_bytes() == bundle.read_bytes()


def test_there_is_no_instructor_bundle(tmp_path, capsys):
    out = tmp_path / "instructor.zip"
    assert main(["bundle", "--edition", "instructor", "--out", str(out)]) == 2
    assert "repository itself" in capsys.readouterr().err
    assert not out.exists()


def test_a_stale_student_notebook_is_refused(tmp_path):
    """A student notebook that differs from its solution notebook minus the solution cells
    might still hold a solution: no bundle is made from it."""
    root = tmp_path / "checkout"
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, root / folder)
    with (root / NOTEBOOK).open("a", encoding="utf-8") as f:
        f.write("\n")
    with pytest.raises(BundleError, match=f"{NOTEBOOK} out of date.*medialit notebooks"):
        check_up_to_date(root)
    check_up_to_date(ROOT)  # while the repository's own are up to date


def test_the_bundle_installs_offline_and_its_notebook_passes_nbval(bundle, tmp_path):
    """What a student does (unzip, a venv, ``pip install -r requirements.txt``), offline:
    the new venv sees this venv's packages through a .pth file, so pip finds every pin
    already installed and installs only medialit, from the bundle. Then nbval runs an
    exercise notebook with that venv's Python, from the bundle folder, comparing outputs
    as strictly as the repository does (tests/sanitize.cfg is passed from here: the bundle
    has no tests/)."""
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(tmp_path)
    here = tmp_path / TOP
    venv = tmp_path / "venv"  # beside the bundle, so the bundle folder stays as unzipped
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1")

    def run(*args, cwd=here):
        done = subprocess.run(
            args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done.stdout

    run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = str(venv / "bin" / "python")
    site = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    )
    ours = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
    (site / "repo-venv.pth").write_text("".join(f"{p}\n" for p in sorted(ours)), encoding="utf-8")

    log = run(
        python,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-r",
        "requirements.txt",
    )
    assert "Successfully installed medialit" in log
    where = Path(
        run(python, "-c", "import medialit; print(medialit.__file__)", cwd=tmp_path).strip()
    )
    assert where == here / "medialit" / "__init__.py"  # the bundle's, not the repository's

    out = run(
        python,
        "-m",
        "pytest",
        "--nbval",
        NOTEBOOK,
        "--nbval-current-env",
        f"--nbval-sanitize-with={ROOT / 'tests' / 'sanitize.cfg'}",
        f"--rootdir={here}",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        "-q",
    )
    cells = sum(
        c["cell_type"] == "code" for c in json.loads((here / NOTEBOOK).read_text())["cells"]
    )
    assert f"{cells} passed" in out
    # A repository-only command says so instead of a traceback.
    done = subprocess.run(
        [python, "-m", "medialit", "build"],
        cwd=here,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2 and "needs the whole repository" in done.stderr
    assert "Traceback" not in done.stderr
