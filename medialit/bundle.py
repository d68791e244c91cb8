"""The student bundle: one zip a teacher hands out, with everything a student needs to do
the exercises on their own computer and nothing that gives answers away.

``python -m medialit bundle`` writes ``build/medialit-student.zip`` (or ``--out PATH``).
Inside, under one folder ``medialit-student/``:

* ``exercises/*.ipynb``: the student notebooks (generated from ``solutions/`` without the
  cells tagged ``solution``);
* ``data/``: the case (the five reports and their tables);
* ``medialit/``: the library, with the compiled catalog (salted hashes and sealed feedback
  only), minus :data:`REPO_ONLY`: the modules that read ``solutions/`` or ``book/`` to make
  answer-key pages, the book or this bundle. No exercise notebook needs them;
* ``pyproject.toml`` (the repository's, without its test and lint settings),
  ``requirements.txt`` (the packages the notebooks need, pinned as in the repository) and
  ``constraints.txt`` (the repository's full pin set), so one command installs it;
* ``README.md``: how a student starts, where answers are saved, what to hand in.

Never inside: ``solutions/`` (worked notebooks, answer keys), ``book/`` (with the
instructors' chapter), ``tests/``, ``benchmarks/``. ``tests/test_bundle.py`` searches every
file in the zip for solution text, installs it in a fresh virtual environment and runs an
exercise notebook there.

The zip is the same, byte for byte, every time it is made from the same files: entries
are sorted and carry a fixed time and mode. It is made only from a checkout whose student
notebooks and catalog are up to date, so it never ships a notebook that still holds a
solution cell or a catalog that checks against an old key.

There is no instructor bundle: an instructor uses the repository itself (a clone holds
the solutions, the answer keys and the instructor edition of the book).
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = "medialit-student"  # the folder the zip unpacks to
DEFAULT_OUT = ROOT / "build" / f"{TOP}.zip"

# Library modules a student's copy leaves out. None is imported by an exercise notebook
# (tests/test_bundle.py runs one in the installed bundle).
REPO_ONLY = (
    "exercises/solutions.py",  # the answer key as tables and pages (reads solutions/answers/)
    "sphinxext.py",  # the book's answer-key directive (uses exercises/solutions.py)
    "book.py",  # builds the book from book/
    "casebook.py",  # writes and builds the whole book for another case (uses book.py)
    "notebooks.py",  # writes exercises/ from solutions/
    "bundle.py",  # this module: makes the zip from a checkout
)
# What the exercise notebooks need (with Jupyter to run them), pinned from requirements.txt
# or, for what the repository gets only as a dependency, from constraints.txt.
STUDENT_PACKAGES = (
    "pandas",
    "matplotlib",
    "PyYAML",
    "frictionless",
    "ipywidgets",
    "anywidget",
    "ipykernel",
    "jupyterlab",
    "voila",
)
# Sections of pyproject.toml a student's copy keeps: how to build and install the library.
PYPROJECT_KEEPS = ("build-system", "project", "tool.setuptools")

_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
_MODE = 0o100644  # a regular file, rw-r--r--
_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints"}
_SKIP_SUFFIXES = {".pyc", ".pyo", ".lock"}


class BundleError(Exception):
    """The bundle cannot be made; the message says why and what to do."""


def _files(folder: Path, pattern: str = "**/*") -> list[Path]:
    return sorted(
        p
        for p in folder.glob(pattern)
        if p.is_file()
        and not p.name.startswith(".")
        and p.suffix not in _SKIP_SUFFIXES
        and not _SKIP_DIRS.intersection(p.relative_to(folder).parts)
    )


def _pins(*files: Path) -> dict[str, str]:
    """``name==version`` lines by normalised name; the first file that pins a name wins."""
    pins: dict[str, str] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if "==" in line and not line.startswith("-"):
                name = line.split("==", 1)[0].strip()
                pins.setdefault(_norm(name), line)
    return pins


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def requirements(root: Path = ROOT) -> str:
    """The student's requirements.txt: :data:`STUDENT_PACKAGES` pinned as in the repository,
    the repository's constraints, and the library itself (editable: the notebooks find the
    case in ``data/`` beside it)."""
    pins = _pins(root / "requirements.txt", root / "constraints.txt")
    missing = [p for p in STUDENT_PACKAGES if _norm(p) not in pins]
    if missing:
        raise BundleError(
            f"no pinned version of {', '.join(missing)} in requirements.txt or constraints.txt"
        )
    lines = [
        "# What the exercise notebooks need, pinned. Install in this folder with",
        "#   pip install -r requirements.txt",
        "# constraints.txt pins every package these depend on, too.",
        "-c constraints.txt",
        "",
        *(pins[_norm(p)] for p in STUDENT_PACKAGES),
        "",
        "# The library the notebooks call (medialit/), used from this folder",
        "-e .",
        "",
    ]
    return "\n".join(lines)


def pyproject(root: Path = ROOT) -> str:
    """The repository's pyproject.toml with only the sections that build the library."""
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    kept, keep = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("["):
            name = line.strip().strip("[]").strip()
            keep = any(name == k or name.startswith(k + ".") for k in PYPROJECT_KEEPS)
        if keep:
            kept.append(line)
    out = "".join(kept).rstrip() + "\n"
    parsed = tomllib.loads(out)
    if "project" not in parsed or "build-system" not in parsed:
        raise BundleError("pyproject.toml has no [project] or [build-system] section")
    return out


README = """\
# Same call, different stories: the exercises

Five news reports of one event, the phone call between Donald Trump and Vladimir Putin on
18 March 2025, and one exercise notebook per chapter. The notebooks check your answers as
you go and save them.

## Install (once)

You need Python 3.11 or newer. Open a terminal in this folder and run:

```bash
python3 -m venv .venv && . .venv/bin/activate && pip install -r requirements.txt
```

On Windows (PowerShell) the same is
`py -m venv .venv; .venv\\Scripts\\Activate.ps1; pip install -r requirements.txt`.
Keep this folder where it is: the notebooks use the library and the data from here.

## Start (every time)

In a terminal in this folder:

```bash
. .venv/bin/activate
jupyter lab
```

(On Windows: `.venv\\Scripts\\Activate.ps1`, then `jupyter lab`.)

1. Open a notebook in `exercises/`. `01-origin.ipynb` is chapter 1.
2. Find the cell `start("your-name-here")`. Write your name or student id instead of
   `your-name-here`, for example `start("ada-l")`. Use the same one every time.
3. Run the cells from the top (Run ▸ Run All Cells). Answer the exercises and press
   **Check**.

To see only the exercises, without the code, run `voila exercises/01-origin.ipynb`.
Voilà runs the notebook as it was saved: write your name in the `start` cell in JupyterLab
and save the notebook first, or type it where the page asks for it.

## Where your answers are saved

Every time you press **Check**, your answer is saved in
`exercises/my-answers/<your-name>.json`. When you open the notebook again and run
`start` with the same name, your answers come back.

## What to hand in

That one file: `exercises/my-answers/<your-name>.json`. Your teacher collects the files
and checks every answer in them again. Do not edit it by hand.

## What is in this folder

- `exercises/`: the exercise notebooks, one per chapter, and `any-case.ipynb`;
- `data/`: the five reports and the tables made from them;
- `medialit/`: the Python library the notebooks call.
"""


def check_up_to_date(root: Path = ROOT) -> None:
    """Refuse a checkout whose student notebooks or catalog lag behind ``solutions/``."""
    import json

    if not (root / "solutions").is_dir():
        raise BundleError(
            f"no solutions/ folder in {root}: make the bundle in a clone of the repository"
        )
    from medialit.exercises.compile import CATALOG_FILE, compile_catalog
    from medialit.notebooks import EXERCISES, SOLUTIONS, generate

    stale = generate(root / SOLUTIONS.name, root / EXERCISES.name, check=True)
    if stale:
        raise BundleError(
            f"{', '.join(str(p.relative_to(root)) for p in stale)} out of date: "
            "run python -m medialit notebooks first"
        )
    if compile_catalog() != json.loads(CATALOG_FILE.read_text(encoding="utf-8")):
        raise BundleError(
            f"{CATALOG_FILE.relative_to(ROOT)} is out of date: run python -m medialit catalog first"
        )


def contents(root: Path = ROOT) -> dict[str, bytes]:
    """Every file of the bundle: its path inside the zip (under :data:`TOP`) -> bytes."""
    out: dict[str, bytes] = {}
    notebooks = _files(root / "exercises", "*.ipynb")
    if not notebooks:
        raise BundleError(f"no exercise notebooks in {root / 'exercises'}")
    for path in notebooks + _files(root / "data"):
        out[path.relative_to(root).as_posix()] = path.read_bytes()
    library = root / "medialit"
    for path in _files(library):
        rel = path.relative_to(library).as_posix()
        if rel not in REPO_ONLY:
            out[f"medialit/{rel}"] = path.read_bytes()
    out["pyproject.toml"] = pyproject(root).encode()
    out["requirements.txt"] = requirements(root).encode()
    out["constraints.txt"] = (root / "constraints.txt").read_bytes()
    out["README.md"] = README.encode()
    return {f"{TOP}/{name}": data for name, data in sorted(out.items())}


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` that depends on nothing else: sorted, fixed times and modes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_TIME)
            info.create_system = 3  # Unix, so the mode below is read
            info.external_attr = _MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, files[name], compresslevel=9)
    return buf.getvalue()


def write_bundle(out: Path | None = None, root: Path = ROOT, check: bool = True) -> Path:
    """Write the student bundle to ``out`` (a .zip path, or a folder to put it in) and
    return where it went. The file is replaced whole or not at all."""
    out = Path(out) if out else DEFAULT_OUT
    if out.is_dir():
        out = out / f"{TOP}.zip"
    if check:
        check_up_to_date(root)
    data = zip_bytes(contents(root))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def main_bundle(edition: str = "student", out: Path | None = None) -> int:
    """``python -m medialit bundle``: write the zip and say where it went."""
    if edition != "student":
        print(
            "medialit bundle: there is no instructor bundle. Hand out (or copy) the "
            "repository itself: a clone holds the solutions, the answer keys and the "
            "instructor edition of the book (python -m medialit build --edition instructor).",
            file=sys.stderr,
        )
        return 2
    try:
        path = write_bundle(out)
    except BundleError as e:
        print(f"medialit bundle: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"medialit bundle: cannot write {out or DEFAULT_OUT}: {e}", file=sys.stderr)
        return 1
    size = path.stat().st_size
    print(
        f"The student bundle is in {path} ({size / 1e6:.1f} MB): exercise notebooks, the "
        "case data and the library, no solutions. Students unzip it and follow its README.md."
    )
    return 0
