"""Each exercise is written once, in ``solutions/``; the student notebook in ``exercises/``
is generated from it by dropping every cell tagged ``solution``.

Run ``python -m medialit notebooks`` after editing a solution notebook; a test fails when a
committed student notebook differs from a fresh generation.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
SOLUTION_TAG = "solution"
BOOK = ROOT / "book"


def executed(path: Path, timeout: int = 120) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel (from its own folder) and return it
    with outputs, as nbval will compare them."""
    import os
    import tempfile

    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="medialit-answers-") as answers:
        # Answers saved while executing go to a throwaway folder, not beside the notebook.
        old = os.environ.get("MEDIALIT_ANSWERS_DIR")
        os.environ["MEDIALIT_ANSWERS_DIR"] = answers
        try:
            NotebookClient(
                nb,
                timeout=timeout,
                kernel_name="python3",
                store_widget_state=False,
                resources={"metadata": {"path": str(path.parent)}},
            ).execute()
        finally:
            if old is None:
                os.environ.pop("MEDIALIT_ANSWERS_DIR", None)
            else:
                os.environ["MEDIALIT_ANSWERS_DIR"] = old
    for cell in nb.cells:
        cell.pop("execution", None)
        cell.get("metadata", {}).pop("execution", None)
    return nb


def refresh(paths: list[Path] | None = None) -> list[Path]:
    """Re-execute the book's and the solutions' notebooks, save their outputs, then
    regenerate the student notebooks. What a maintainer runs after changing the library."""
    paths = paths or sorted([*BOOK.rglob("*.ipynb"), *SOLUTIONS.glob("*.ipynb")])
    paths = [p for p in paths if "_build" not in p.parts and ".ipynb_checkpoints" not in p.parts]
    for p in paths:
        nbformat.write(executed(p), p)
    return paths + generate()


def student_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of a solution notebook without its solution cells."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if SOLUTION_TAG not in c.get("metadata", {}).get("tags", [])]
    return out


def generate(
    solutions: Path = SOLUTIONS, exercises: Path = EXERCISES, check: bool = False
) -> list[Path]:
    """Write (or with ``check``, compare) every student notebook. Returns the paths that
    were written, or with ``check`` those that are out of date."""
    changed = []
    for src in sorted(solutions.glob("*.ipynb")):
        dst = exercises / src.name
        fresh = nbformat.writes(student_version(nbformat.read(src, as_version=4))) + "\n"
        current = dst.read_text(encoding="utf-8") if dst.exists() else None
        if fresh != current:
            changed.append(dst)
            if not check:
                exercises.mkdir(exist_ok=True)
                dst.write_text(fresh, encoding="utf-8")
    return changed
