"""Build the Jupyter Book so that its widgets work with no kernel and no network.

Pages whose notebooks were executed at build time embed their widget state;
to render it, the browser needs require.js, html-manager's ``embed-amd.js``
(with its fonts), anywidget's AMD module and ``widget-loader.js``. These come
from registry packages (npm, pinned in ``book/package-lock.json``; anywidget's
from the installed pip wheel, so the Python and JS sides match) and are copied
into ``book/_widget_assets/``, which Sphinx publishes through
``html_extra_path`` as ``_build/html/widget-assets/``.

Every exercise widget's state holds the widget's whole JavaScript and CSS (anywidget's
``_esm`` and ``_css``, about 25 KB), once per widget: more than half of a chapter page.
After the build, :func:`share_widget_sources` replaces each copy with a short reference
(``medialit-shared:<hash>``) to ``widget-assets/medialit-widget.js``, which holds the
sources once and is cached by the browser across pages; ``widget-loader.js`` puts them
back into the state before html-manager reads it.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ASSETS_DIR = "_widget_assets"  # in the book; listed in html_extra_path (gitignored)
ASSETS_SUBDIR = "widget-assets"  # its only entry, published as _build/html/widget-assets/
_FONT_SUFFIXES = {".eot", ".svg", ".ttf", ".woff", ".woff2"}
_OUTPUT_DIRS = {"html": "html", "pdfhtml": "html", "linkcheck": "html", "dirhtml": "dirhtml",
                "singlehtml": "singlehtml", "latex": "latex", "pdflatex": "latex"}


class BookBuildError(RuntimeError):
    """A step of the book build failed; the message says which and why."""


def _tail(text: str, lines: int = 40) -> str:
    """The last lines of a log, without terminal colour codes."""
    return "\n".join(re.sub(r"\x1b\[[0-9;]*m", "", text).rstrip().splitlines()[-lines:])


def _pinned(lock_file: Path) -> dict[str, tuple[str | None, str | None]]:
    """Package path -> (version, integrity) recorded in an npm lock file."""
    packages = json.loads(lock_file.read_text())["packages"]
    return {k: (v.get("version"), v.get("integrity")) for k, v in packages.items() if k}


def _npm_ci(book_dir: Path) -> None:
    """Run ``npm ci`` unless node_modules already holds exactly what the lock pins."""
    lock = book_dir / "package-lock.json"
    if not lock.is_file():
        raise BookBuildError(f"{lock} is missing (run `npm install` in {book_dir} once)")
    installed = book_dir / "node_modules" / ".package-lock.json"  # written by npm
    if installed.is_file() and _pinned(installed) == _pinned(lock):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise BookBuildError(
            "npm was not found on PATH; it is needed to fetch the widget JavaScript "
            "for the book. Install Node.js with npm (e.g. `apt-get install -y nodejs npm`)."
        )
    # No install scripts are needed (only prebuilt files are copied).
    cmd = [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"]
    proc = subprocess.run(cmd, cwd=book_dir, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BookBuildError(
            f"`{' '.join(cmd[1:])}` failed in {book_dir} (exit {proc.returncode}):\n"
            + _tail(proc.stdout + proc.stderr)
        )


def _asset_sources(book_dir: Path) -> dict[str, Path]:
    """Map each published file (relative to ``_widget_assets/``) to its source."""
    import anywidget  # the installed wheel ships the AMD build the page needs

    aw_dir = Path(anywidget.__file__).parent
    hm_dist = book_dir / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
    sub = ASSETS_SUBDIR
    files = {
        f"{sub}/require.js": book_dir / "node_modules" / "requirejs" / "require.js",
        f"{sub}/widget-loader.js": book_dir / "widget-loader.js",
        f"{sub}/anywidget/index.js": aw_dir / "nbextension" / "index.js",
        f"{sub}/html-manager/embed-amd.js": hm_dist / "embed-amd.js",
        f"{sub}/html-manager/LICENSE.txt": hm_dist / "embed.js.LICENSE.txt",
    }
    aw_license = aw_dir.parent / f"anywidget-{anywidget.__version__}.dist-info" / "licenses"
    if (aw_license / "LICENSE").is_file():
        files[f"{sub}/anywidget/LICENSE"] = aw_license / "LICENSE"
    if hm_dist.is_dir():  # fonts referenced by the bundled CSS (Font Awesome)
        for font in sorted(hm_dist.iterdir()):
            if font.suffix in _FONT_SUFFIXES:
                files[f"{sub}/html-manager/{font.name}"] = font
    missing = [str(src) for src in files.values() if not src.is_file()]
    if missing:
        raise BookBuildError("widget asset sources missing:\n  " + "\n  ".join(missing))
    return files


SHARED_PREFIX = "medialit-shared:"
SHARED_FILE = "medialit-widget.js"  # in widget-assets/; loaded before widget-loader.js
_STATE_TAG = re.compile(
    r'(<script type="application/vnd\.jupyter\.widget-state\+json">)(.*?)(</script>)', re.DOTALL)


def shared_sources() -> dict[str, str]:
    """The texts every exercise widget carries (its JavaScript and CSS), by reference."""
    import hashlib

    from medialit.exercises.widget import ExerciseWidget

    texts = [str(ExerciseWidget._esm), str(ExerciseWidget._css)]  # as anywidget sends them
    return {SHARED_PREFIX + hashlib.sha256(t.encode()).hexdigest()[:20]: t for t in texts}


def _shared_script(shared: dict[str, str]) -> bytes:
    body = json.dumps(shared, ensure_ascii=True, indent=0).replace("</", "<\\/")
    return ("// Generated by medialit.book from medialit/exercises/widget.js and widget.css:\n"
            "// the sources every exercise widget shares; widget-loader.js puts them back into\n"
            "// the widget state of a page, where the build left a reference to them.\n"
            f"window.medialitShared = {body};\n").encode()


def share_widget_sources(html_dir: Path, shared: dict[str, str] | None = None) -> int:
    """Replace every shared source in the widget state of the built pages by its reference;
    returns how many copies were replaced. Pages already done are left as they are."""
    by_text = {text: ref for ref, text in (shared or shared_sources()).items()}
    replaced = 0

    def swap(match: re.Match) -> str:
        nonlocal replaced
        state = json.loads(match.group(2))
        for model in state.get("state", {}).values():
            values = model.get("state", {})
            for key in ("_esm", "_css"):
                if isinstance(values.get(key), str) and values[key] in by_text:
                    values[key] = by_text[values[key]]
                    replaced += 1
        text = json.dumps(state).replace("</", "<\\/")
        return match.group(1) + text + match.group(3)

    for page in sorted(Path(html_dir).rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if "application/vnd.jupyter.widget-state+json" not in html:
            continue
        before = replaced
        html = _STATE_TAG.sub(swap, html)
        if replaced != before:
            page.write_text(html, encoding="utf-8")
    return replaced


def prepare_widget_assets(book_dir: Path) -> Path:
    """Install the pinned npm packages if needed and sync ``book/_widget_assets/``.

    Idempotent: unchanged files are left alone, files no longer wanted are
    removed. Returns the ``_widget_assets`` directory.
    """
    book_dir = Path(book_dir).resolve()
    _npm_ci(book_dir)
    files = _asset_sources(book_dir)
    dest = book_dir / ASSETS_DIR
    for rel, src in files.items():
        target = dest / rel
        if not (target.is_file() and filecmp.cmp(src, target, shallow=False)):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
    generated = f"{ASSETS_SUBDIR}/{SHARED_FILE}"
    script = _shared_script(shared_sources())
    if not ((dest / generated).is_file() and (dest / generated).read_bytes() == script):
        (dest / generated).write_bytes(script)
    files[generated] = dest / generated
    for path in sorted(dest.rglob("*"), reverse=True):  # children before parents
        if path.is_dir() and not path.is_symlink():
            if not any(path.iterdir()):
                path.rmdir()
        elif path.relative_to(dest).as_posix() not in files:
            path.unlink()
    return dest


def _same_tree(a: Path, b: Path) -> bool:
    """True if directories a and b hold the same files with the same contents."""
    def listing(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    names = listing(a)
    return b.is_dir() and names == listing(b) and all(
        filecmp.cmp(a / n, b / n, shallow=False) for n in names)


def _jupyter_book_cmd() -> list[str]:
    """The jupyter-book of this interpreter's environment (it has no ``__main__``)."""
    script = Path(sys.executable).parent / "jupyter-book"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]


def inputs_fingerprint(repo_root: Path) -> str:
    """A hash of everything notebooks depend on besides their own text: the library
    (code, widget JavaScript and CSS, the compiled exercise catalog) and the case data."""
    import hashlib

    digest = hashlib.sha256()
    for folder in ("medialit", "data"):
        for path in sorted((repo_root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.relative_to(repo_root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _cache_dir(book_dir: Path) -> Path:
    """The book's execution cache: ``execute.cache`` in its ``_config.yml`` (set for the
    staged editions, which share the source book's), else Jupyter Book's default."""
    import yaml

    file = book_dir / "_config.yml"
    config = yaml.safe_load(file.read_text(encoding="utf-8")) if file.is_file() else None
    cache = ((config or {}).get("execute") or {}).get("cache")
    return Path(cache) if cache else book_dir / "_build" / ".jupyter_cache"


def _invalidate_stale_cache(book_dir: Path, repo_root: Path) -> None:
    """The execution cache keys on notebook text only; a page that imports a changed
    library would keep its old outputs (and old widget JavaScript). Drop the cache when
    the library or the data changed since the last build."""
    fingerprint = inputs_fingerprint(repo_root)
    cache = _cache_dir(book_dir)
    stamp = book_dir / "_build" / ".medialit-inputs"
    cache_stamp = cache.with_name(cache.name + ".medialit-inputs")
    if not (cache_stamp.is_file() and cache_stamp.read_text() == fingerprint):
        if cache.exists():
            shutil.rmtree(cache)
        cache_stamp.parent.mkdir(parents=True, exist_ok=True)
        cache_stamp.write_text(fingerprint)
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return
    for stale in (book_dir / "_build" / "html", book_dir / "_build" / ".doctrees"):
        if stale.exists():
            shutil.rmtree(stale)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)


def build(book_dir: Path, builder: str = "html", warnings_as_errors: bool = True) -> Path:
    """Prepare the widget assets, then run ``jupyter-book build`` on ``book_dir``.

    With ``warnings_as_errors`` the build runs with ``-W -n --keep-going``.
    The full log is written to ``_build/medialit-build.log``. Returns the output
    directory (``book/_build/html`` for the html builder).
    """
    book_dir = Path(book_dir).resolve()
    if builder not in _OUTPUT_DIRS:
        raise ValueError(f"unsupported builder {builder!r}; use one of {sorted(_OUTPUT_DIRS)}")
    assets = prepare_widget_assets(book_dir)
    repo_root = Path(__file__).resolve().parent.parent
    _invalidate_stale_cache(book_dir, repo_root)
    out_dir = book_dir / "_build" / _OUTPUT_DIRS[builder]
    # Sphinx copies html_extra_path only when some page is rebuilt, and never
    # deletes files: if the published copy is stale, drop the HTML output (the
    # execution cache and doctrees stay, so this costs a re-write only).
    published = out_dir / ASSETS_SUBDIR
    if out_dir.is_dir() and builder in {"html", "pdfhtml", "dirhtml", "singlehtml"} and not _same_tree(
            assets / ASSETS_SUBDIR, published):
        shutil.rmtree(out_dir)
    cmd = [*_jupyter_book_cmd(), "build", str(book_dir), "--builder", builder]
    if warnings_as_errors:
        cmd += ["-W", "-n", "--keep-going"]
    env = dict(os.environ)
    # Notebooks import medialit: make them use this checkout, installed or not.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(repo_root), env.get("PYTHONPATH")]))
    proc = subprocess.run(cmd, cwd=book_dir, env=env, capture_output=True, text=True,
                          check=False)
    log = proc.stdout + proc.stderr
    log_file = book_dir / "_build" / "medialit-build.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log_file.write_text(log)
    if proc.returncode != 0:
        raise BookBuildError(
            f"jupyter-book build failed (exit {proc.returncode}); full log: {log_file}\n"
            + _tail(log)
        )
    if builder in {"html", "dirhtml", "singlehtml"}:
        share_widget_sources(out_dir)
    return out_dir


# --------------------------------------------------------------------------- editions

EDITIONS = ("student", "instructor")
INSTRUCTOR_TAG = "instructor-only"  # notebook cells only the instructor edition keeps
INSTRUCTOR_DIR = "instructors"  # book pages only the instructor edition has
_SKIP = {"_build", "node_modules", ASSETS_DIR, ".ipynb_checkpoints"}


def _edition_files(book_dir: Path, edition: str) -> dict[str, bytes]:
    """Every source file of one edition, as it will be staged (path -> content)."""
    import nbformat
    import yaml

    files = {}
    for path in sorted(book_dir.rglob("*")):
        rel = path.relative_to(book_dir)
        if not path.is_file() or _SKIP & set(rel.parts):
            continue
        if edition == "student" and rel.parts[0] == INSTRUCTOR_DIR:
            continue
        data = path.read_bytes()
        if edition == "student" and path.suffix == ".ipynb":
            nb = nbformat.reads(data.decode("utf-8"), as_version=4)
            nb.cells = [c for c in nb.cells if INSTRUCTOR_TAG not in c.metadata.get("tags", [])]
            data = nbformat.writes(nb).encode("utf-8")
        elif rel.as_posix() == "_toc.yml" and edition == "student":
            toc = yaml.safe_load(data)
            for part in toc.get("parts", []):
                part["chapters"] = [c for c in part.get("chapters", [])
                                    if not str(c.get("file", "")).startswith(INSTRUCTOR_DIR + "/")]
            toc["parts"] = [p for p in toc.get("parts", []) if p["chapters"]]
            data = yaml.safe_dump(toc, sort_keys=False).encode("utf-8")
        elif rel.as_posix() == "_config.yml":
            config = yaml.safe_load(data)
            if edition == "instructor":
                config["title"] = f"{config['title']} (instructor edition)"
            # Both editions have the same code cells (answer keys are a directive, not
            # code): one execution cache, the book's, serves both.
            config.setdefault("execute", {})["cache"] = str(_cache_dir(book_dir))
            data = yaml.safe_dump(config, sort_keys=False, allow_unicode=True).encode("utf-8")
        files[rel.as_posix()] = data
    return files


def stage_edition(book_dir: Path, edition: str) -> Path:
    """Copy the book into ``_build/editions/<edition>/`` as that edition sees it: the
    student edition without instructor-only cells and pages. Only changed files are
    rewritten, so the execution cache and incremental builds keep working."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
    book_dir = Path(book_dir).resolve()
    _npm_ci(book_dir)
    stage = book_dir / "_build" / "editions" / edition
    files = _edition_files(book_dir, edition)
    for rel, data in files.items():
        target = stage / rel
        if not (target.is_file() and target.read_bytes() == data):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    for path in sorted(stage.rglob("*"), reverse=True):  # drop what the source no longer has
        rel = path.relative_to(stage)
        if _SKIP & set(rel.parts):
            continue
        if path.is_file() and rel.as_posix() not in files:
            path.unlink()
        elif path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()
    modules = stage / "node_modules"
    if not modules.exists():
        modules.symlink_to(book_dir / "node_modules", target_is_directory=True)
    return stage


def build_edition(book_dir: Path, edition: str = "student") -> Path:
    """Build one edition of the book; returns its HTML folder."""
    return build(stage_edition(book_dir, edition))
