"""Solution text to search for, and where to search: shared by the tests that check that
what students get holds none (the student edition of the book in tests/test_book.py, the
student bundle in tests/test_bundle.py)."""

from __future__ import annotations

import html as htmlmod
import json
import re
from pathlib import Path

from medialit.exercises.compile import answer_key

ROOT = Path(__file__).resolve().parents[2]
BINARY = {
    ".png",
    ".jpg",
    ".gif",
    ".ico",
    ".woff",
    ".woff2",
    ".ttf",
    ".eot",
    ".svg",
    ".pickle",
    ".doctree",
    ".db",
    ".pyc",
}


def _reports() -> list[str]:
    from medialit import load_case

    return [" ".join(t.split()) for t in load_case().reports.text]


def own_words(text: str, reports: list[str]) -> str | None:
    """The longest run (up to 60 characters) of plain ASCII words in ``text`` outside
    quotations, if it is 30 characters or more and not in a report (pages may quote those)."""
    own = re.sub(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"", " | ", " ".join(str(text).split()))
    runs = [r.strip() for r in re.findall(r"[A-Za-z0-9 ,.;:()%-]+", own)]
    runs = [r[:60] for r in runs if len(r) >= 30 and not any(r[:60] in t for t in reports)]
    return max(runs, key=len) if runs else None


def needles() -> dict[str, str]:
    """From every solution text (reasoning, success messages, exemplars): its longest run
    of plain ASCII words outside quotations from the reports (pages may quote those), which
    survives HTML and JSON escaping unchanged."""
    reports = _reports()
    found = {}
    for item_id, entry in answer_key().items():
        texts = []
        for field in ("done", "reasoning", "exemplar"):
            value = entry.get(field)
            texts += list(value.values()) if isinstance(value, dict) else [value] if value else []
        for i, text in enumerate(texts):
            run = own_words(text, reports)
            if run:
                found[f"{item_id}#{i}"] = run
    return found


def solution_cell_needles(solutions: Path = ROOT / "solutions") -> dict[str, str]:
    """The same from the cells tagged ``solution`` in the solution notebooks: their
    markdown (discussion, model answers, teaching notes) and their code's comments."""
    reports = _reports()
    found = {}
    for path in sorted(solutions.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if "solution" not in cell.get("metadata", {}).get("tags", []):
                continue
            source = "".join(cell["source"])
            if cell["cell_type"] == "code":
                source = "\n".join(
                    line for line in source.splitlines() if line.lstrip().startswith("#")
                )
            run = own_words(source, reports)
            if run:
                found[f"{path.name}#{i}"] = run
    return found


def searchable(text: str) -> str:
    """``text`` as the needles are searched in: HTML entities read, whitespace runs as one
    space."""
    return " ".join(htmlmod.unescape(text).split())


def haystack(folder: Path) -> dict[str, str]:
    """Every text file under ``folder`` (by path relative to it), searchable."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix not in BINARY and "node_modules" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            out[str(path.relative_to(folder))] = searchable(text)
    return out
