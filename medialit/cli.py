"""Command line: ``python -m medialit COMMAND``. Run ``python -m medialit -h`` for the list."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _extract(args) -> int:
    from medialit.quantities import extract_quantities

    status = 0
    for name in args.files:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            print(f"medialit extract: cannot read {name}: {e}", file=sys.stderr)
            status = 1
            continue
        for q in extract_quantities(text):
            if args.measure and q.measure != args.measure:
                continue
            print(json.dumps({"file": name, **q.to_dict()}, ensure_ascii=False))
    return status


def _validate(args) -> int:
    from medialit.case import resolve_case_path, validate_case

    problems = validate_case(args.case)
    path = resolve_case_path(args.case)
    for p in problems:
        print(p)
    print(
        f"{path}: {'OK' if not problems else f'{len(problems)} problem(s)'}",
        file=sys.stderr if problems else sys.stdout,
    )
    return 1 if problems else 0


def _compare(args) -> int:
    import pandas as pd

    from medialit.case import load_case
    from medialit.discrepancy import compare_claims

    case = load_case(args.case)
    pairs = compare_claims(case.fact_claims(args.fact), args.tolerance)  # None: the fact's own
    with pd.option_context("display.max_colwidth", 200, "display.width", 200):
        print(pairs[["report_a", "report_b", "says_a", "says_b", "verdict"]].to_string(index=False))
    return 0


def _catalog(args) -> int:
    from medialit.exercises.compile import CATALOG_FILE, compile_catalog, write_catalog

    if args.check:
        fresh = compile_catalog()
        current = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
        if fresh != current:
            print(f"{CATALOG_FILE} is out of date: run python -m medialit catalog", file=sys.stderr)
            return 1
        print(f"{CATALOG_FILE}: up to date ({len(fresh)} items)")
        return 0
    path = write_catalog()
    print(f"wrote {path}")
    return 0


def _notebooks(args) -> int:
    from medialit.notebooks import generate

    if args.execute:
        from medialit.notebooks import refresh

        for p in refresh():
            print(f"wrote {p}")
        return 0
    changed = generate(check=args.check)
    if args.check:
        for p in changed:
            print(f"{p} is out of date: run python -m medialit notebooks", file=sys.stderr)
        return 1 if changed else 0
    for p in changed:
        print(f"wrote {p}")
    return 0


def _build(args) -> int:
    import os

    from medialit.book import BookBuildError, build_edition
    from medialit.case import DEFAULT_CASE, resolve_case_path

    case = args.case or os.environ.get("MEDIALIT_CASE", "").strip()
    if case and resolve_case_path(case) != DEFAULT_CASE.resolve():
        # another case: the whole book generated from its data (medialit.casebook)
        from medialit.casebook import main_build_case

        return main_build_case(case, args.edition)
    try:
        html = build_edition(Path(args.book), args.edition)
    except BookBuildError as e:
        print(f"medialit build: {e}", file=sys.stderr)
        return 1
    import shlex

    print(
        f"The {args.edition} edition is in {html}\n"
        f"Serve it:  python -m http.server -d {shlex.quote(str(html))}\n"
        "then open http://localhost:8000 (or open index.html in that folder)."
    )
    return 0


def gradebook_main(
    folder: str | Path,
    out_dir: str | Path | None = None,
    scores: str | Path | None = None,
    roster: str | Path | None = None,
    assigned: list[str] | None = None,
    export: str | None = None,
    assignment: str | None = None,
    items: list | None = None,
) -> int:
    """``python -m medialit gradebook DIR [--out OUT] [--scores CSV] [--roster CSV]
    [--export canvas|moodle [--assignment NAME]]``: build and write the gradebook (and a
    learning platform's import file, :mod:`medialit.lms`), print the summary and name
    every skipped file. Returns 0, or 1 if the folder is missing, holds no usable answer
    file, the scores or roster file is unusable, or the export cannot be made."""
    from medialit.gradebook import GradebookError, default_out_dir, gradebook, write

    try:
        if export is not None:
            from medialit import lms

            if roster is None:
                raise GradebookError(
                    "an export needs --roster: the class list with each "
                    "student's ids on the platform (see for-instructors)"
                )
            lms.check_request(export, assignment)
        gb = gradebook(folder, scores, items=items, roster=roster, assigned=assigned)
    except GradebookError as e:
        print(f"medialit gradebook: {e}", file=sys.stderr)
        return 1
    for r in gb.skipped.itertuples():
        print(f"skipped {r.file}: {r.reason}")
    for message in gb.warnings:
        print(f"warning: {message}")
    if not gb.students:
        print(
            f"medialit gradebook: no usable answer file in {folder} ({len(gb.skipped)} skipped)",
            file=sys.stderr,
        )
        return 1
    exports = {}
    if export is not None and roster is not None:  # an export without a roster stopped above
        try:
            made = lms.export(gb, roster, export, assignment)
        except GradebookError as e:
            print(f"medialit gradebook: {e}", file=sys.stderr)
            return 1
        exports[made.file_name] = made.table
        gb.notices.extend(made.notes)  # printed and kept in summary.txt
    try:
        paths = write(gb, out_dir or default_out_dir(folder), exports)
    except OSError as e:
        print(f"medialit gradebook: cannot write the gradebook: {e}", file=sys.stderr)
        return 1
    for line in gb.summary():
        print(line)
    for path in paths.values():
        print(f"wrote {path}")
    return 0


def _gradebook(args) -> int:
    from medialit.gradebook import GradebookError, assigned_items

    items = None
    try:
        if args.case:  # a case book's hand-ins: its generic items are the ones graded
            from medialit.case import CaseError, load_case
            from medialit.exercises.generic import case_items

            try:
                items = case_items(load_case(args.case))
            except (CaseError, FileNotFoundError) as e:
                raise GradebookError(f"the case {args.case} cannot be loaded: {e}") from e
        assigned = assigned_items(
            args.chapter, args.items.split(",") if args.items else None, items
        )
    except GradebookError as e:
        print(f"medialit gradebook: {e}", file=sys.stderr)
        return 1
    return gradebook_main(
        Path(args.folder),
        Path(args.out) if args.out else None,
        Path(args.scores) if args.scores else None,
        roster=Path(args.roster) if args.roster else None,
        assigned=assigned,
        export=args.export,
        assignment=args.assignment,
        items=items,
    )


def _bundle(args) -> int:
    try:
        from medialit.bundle import main_bundle
    except ImportError:  # a student bundle leaves this module out
        print(
            "medialit bundle: this copy of medialit came in a student bundle; make bundles "
            "in a clone of the repository",
            file=sys.stderr,
        )
        return 1
    return main_bundle(args.edition, Path(args.out) if args.out else None)


def _new_case(args) -> int:
    from medialit.newcase import main_new_case

    return main_new_case(args.name, Path(args.parent), args.title)


def _propose(args) -> int:
    from medialit.propose import main_propose

    redo = False if args.redo is None else args.redo
    return main_propose(
        args.case, redo=redo, confirm=args.confirm, facts=args.facts, review=args.review
    )


def _furniture(args) -> int:
    from medialit.propose import main_furniture

    return main_furniture(
        args.case,
        args.report,
        args.first,
        args.last,
        args.kind,
        args.first_match,
        args.last_match,
        append=args.append,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medialit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "extract", help="print durations and counts found in texts, one JSON object a line"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="text files; - reads standard input")
    p.add_argument("--measure", help="only quantities with this measure, e.g. call_length")
    p.set_defaults(run=_extract)

    p = sub.add_parser(
        "validate", help="check a case folder; print every problem as file:row:field"
    )
    p.add_argument("case", nargs="?", help="case folder (default: this book's data/)")
    p.set_defaults(run=_validate)

    p = sub.add_parser("compare", help="which reports conflict about a quantity fact")
    p.add_argument("fact", nargs="?", default="call_length")
    p.add_argument("--case")
    p.add_argument(
        "--tolerance",
        type=float,
        default=None,
        help="how loosely to read 'about', as a share (default: the fact's "
        "tolerance in facts.csv, else 0.10)",
    )
    p.set_defaults(run=_compare)

    p = sub.add_parser(
        "catalog", help="compile the exercise catalog from items/*.yaml and solutions/answers/"
    )
    p.add_argument(
        "--check", action="store_true", help="only say whether catalog.json is up to date"
    )
    p.set_defaults(run=_catalog)

    p = sub.add_parser("notebooks", help="generate exercises/*.ipynb from solutions/*.ipynb")
    p.add_argument("--check", action="store_true", help="only say whether they are up to date")
    p.add_argument(
        "--execute",
        action="store_true",
        help="first re-run the book's and the solutions' notebooks and save their outputs",
    )
    p.set_defaults(run=_notebooks)

    p = sub.add_parser("build", help="build the book (HTML) and print where it went")
    p.add_argument("--book", default=str(Path(__file__).resolve().parent.parent / "book"))
    p.add_argument(
        "--case",
        help="build the whole book for another case folder instead "
        "(chapters generated from its data, into "
        "book/_build/cases/NAME/); default: $MEDIALIT_CASE if set",
    )
    p.add_argument(
        "--edition",
        choices=["student", "instructor"],
        default="student",
        help="student (no solutions anywhere; the default) or instructor "
        "(answer keys beside the exercises, and the For instructors chapter)",
    )
    p.set_defaults(run=_build)

    p = sub.add_parser("gradebook", help="grade a folder of students' answer files: CSV + chart")
    p.add_argument("folder", help="folder with one <student>.json answer file per student")
    p.add_argument(
        "--out",
        help="where to write gradebook.csv, items.csv, to-score.csv, "
        "skipped.txt and difficulty.png (default: a folder FOLDER-gradebook beside it)",
    )
    p.add_argument("--scores", help="to-score.csv with the free-text scores you filled in")
    p.add_argument(
        "--roster",
        help="roster.csv: columns id, name (optional: email, "
        "sis_user_id, sis_login_id, canvas_id, id_number, section)",
    )
    p.add_argument(
        "--chapter", help="count only this chapter's items (name or number, e.g. numbers or 2)"
    )
    p.add_argument("--items", help="count only these items (ids separated by commas)")
    p.add_argument(
        "--case",
        help="grade hand-ins from a case book (python -m medialit build "
        "--case PATH): its exercises instead of the default book's",
    )
    p.add_argument(
        "--export",
        choices=["canvas", "moodle"],
        help="also write the file Canvas or Moodle imports (canvas-import.csv, "
        "moodle-import.csv): the total on the assigned items; needs --roster",
    )
    p.add_argument(
        "--assignment",
        help="the assignment's name on the platform, e.g. "
        '"Chapter 2: numbers" (Canvas: "Chapter 2 (12345)" '
        "updates assignment 12345); default: from --chapter/--items",
    )
    p.set_defaults(run=_gradebook)

    p = sub.add_parser(
        "bundle",
        help="write the zip to hand out to students: exercise notebooks, "
        "the case data and the library, no solutions",
    )
    p.add_argument(
        "--edition",
        choices=["student", "instructor"],
        default="student",
        help="student (the default); there is no instructor bundle: use the repository",
    )
    p.add_argument(
        "--out",
        help="where to write the zip, or a folder for it "
        "(default: build/medialit-student.zip in the repository)",
    )
    p.set_defaults(run=_bundle)

    p = sub.add_parser("new-case", help="scaffold a folder for your own case (another event)")
    p.add_argument("name", help="a slug: lowercase letters, digits and dashes")
    p.add_argument("--in", dest="parent", default=".", help="where to create it (default: here)")
    p.add_argument("--title", default="", help="the event, as the case book's title shows it")
    p.set_defaults(run=_new_case)

    p = sub.add_parser(
        "propose",
        help="fill in a case's missing rows for you to check: "
        "reports.csv from reports/, fact ids and questions of facts.csv, every report x "
        "fact row of claims.csv (notes start PROPOSED:)",
    )
    p.add_argument("case", help="case folder (. when you are in it)")
    g = p.add_mutually_exclusive_group()
    g.add_argument(
        "--facts",
        action="store_true",
        help="propose quantity facts for facts.csv from the figures the reports give "
        "(after the furniture is marked; claims are not written)",
    )
    g.add_argument(
        "--redo",
        nargs="*",
        metavar="FACT",
        help="also write again the claims rows still marked PROPOSED, of the facts named "
        "(none named: of every fact), after you changed cues or furniture; edits in a "
        "marked row are lost",
    )
    g.add_argument(
        "--confirm",
        action="store_true",
        help="delete the PROPOSED mark from every row of claims.csv and every question "
        "of facts.csv, once you checked them all",
    )
    g.add_argument(
        "--review",
        action="store_true",
        help="only write review.html: each report with its rows' quotes highlighted in "
        "place, what they hold and what to type if wrong (written after every claims "
        "proposal too)",
    )
    p.set_defaults(run=_propose)

    p = sub.add_parser(
        "furniture",
        help="the furniture.csv row of a span of page furniture, from its first and last words",
    )
    p.add_argument("case", help="case folder (. when you are in it)")
    p.add_argument("report", help="report id, e.g. 000-council-closes")
    p.add_argument(
        "--first", required=True, help="the first words of the span, copied from the report"
    )
    p.add_argument("--last", help="its last words (default: the span ends at the end of that line)")
    p.add_argument(
        "--kind",
        required=True,
        help="what it is: newsletter_box, photo_caption, ... "
        "(datapackage.json lists them; other for anything else)",
    )
    p.add_argument(
        "--first-match",
        type=int,
        metavar="N",
        help="when the first words occur more than once: take the Nth",
    )
    p.add_argument(
        "--last-match",
        type=int,
        metavar="N",
        help="when the last words occur more than once after them: take the Nth",
    )
    p.add_argument("--append", action="store_true", help="also add the row to furniture.csv")
    p.set_defaults(run=_furniture)

    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except ModuleNotFoundError as e:
        if not (e.name or "").startswith("medialit."):
            raise
        # The student bundle leaves out the modules that build the book or read the keys.
        print(
            f"medialit {args.command}: this command needs the whole repository (the student "
            f"bundle has no {e.name}); ask your teacher",
            file=sys.stderr,
        )
        return 2
