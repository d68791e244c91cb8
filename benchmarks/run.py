"""Every speed and size figure of the project in one run, each beside its goal.

Run from anywhere (it uses this checkout):

    python benchmarks/run.py            # everything (about 5-10 minutes on 2 cores)
    python benchmarks/run.py --quick    # no test-suite runs, no 10,000-report corpus
    python benchmarks/run.py --json results.json   # also write the summary as JSON
    python benchmarks/run.py --only gradebook,extract   # some sections only

Figures
  inner     the developer's inner loop, python -m pytest -m quick, three times in this
            checkout, and any test in it that takes half a second or more
  suite     the whole test suite (every notebook under nbval, the book build, browser
            tests) in a fresh clone of HEAD, as .ci/run runs it (two workers), its 5
            slowest files, and the CPU time the whole machine spent meanwhile
  book      the student edition built from clean in a temporary copy of book/ (never in
            book/ itself), rebuilt with nothing changed, rebuilt
            after editing the text of one page, and after editing one code cell: the build
            log says which notebooks were executed
  latency   click -> feedback in Chromium: the static book (the check runs in the page)
            and a live kernel under Voila (typed duration -> Python -> feedback)
  extract   medialit.extract_quantities on 100 / 1,000 / 10,000 varied reports, its
            linearity, quantulum3 beside it (timed on a sample, extrapolated) and both
            parsers' accuracy on benchmarks/labelled_phrases.csv
  weight    bytes a browser transfers for the first page (empty cache), then every
            chapter page (cache warm), the largest resources, and the widget code left
            inside chapter pages
  gradebook medialit.gradebook.gradebook on 5,000 answer files (a made-up class of 50
            copied with new ids), wall and CPU time

One module per figure group (suite_time, book_builds, feedback_latency, extraction,
page_weight, gradebook_time), each recording its figures through report.py, which
prints them all beside their goals in one table at the end. Run one with --only NAME.

Nothing here asserts: the tests never time anything. The machine is shared, so every
section prints the load average it ran under; timings under load > 2 are pessimistic.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from book_builds import bench_book
from extraction import bench_extract
from feedback_latency import bench_latency
from gradebook_time import bench_gradebook
from page_weight import bench_weight
from report import ROOT, SUMMARY, load, print_summary
from suite_time import bench_inner, bench_suite

SECTIONS = ("inner", "suite", "book", "latency", "extract", "weight", "gradebook")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--quick", action="store_true", help="skip the test-suite runs and the 10,000-report corpus"
    )
    ap.add_argument("--json", type=Path, help="also write the summary table as JSON here")
    ap.add_argument(
        "--only", default=",".join(SECTIONS), help="comma-separated sections to run (default: all)"
    )
    ap.add_argument("--keep", action="store_true", help="keep the temporary book copy")
    ap.add_argument(
        "--html",
        type=Path,
        help="use this built student edition (its _build/html) instead of building",
    )
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    unknown = only - set(SECTIONS)
    if unknown:
        ap.error(
            f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}"
        )
    if args.quick:
        only -= {"suite", "inner"}
    warnings.simplefilter("ignore")
    keep = Path(tempfile.mkdtemp(prefix="medialit-bench-"))
    print(
        f"medialit benchmarks: {ROOT} (Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores, {load()}); scratch {keep}"
    )
    t0 = time.perf_counter()
    try:
        html = None
        if args.html:
            html = args.html.resolve()
        elif "book" in only or "latency" in only or "weight" in only:
            html = bench_book(keep)
        if "latency" in only:
            bench_latency(html, keep, clicks=20, live_clicks=10)
        if "weight" in only:
            bench_weight(html)
        if "gradebook" in only:
            bench_gradebook(keep)
        if "extract" in only:
            bench_extract([100, 1000] if args.quick else [100, 1000, 10000], q3_sample=5)
        if "inner" in only:
            bench_inner()
        if "suite" in only:
            bench_suite(keep)  # last: it is the longest
    finally:
        if not args.keep:
            shutil.rmtree(keep, ignore_errors=True)
    print_summary()
    print(f"\n(total {time.perf_counter() - t0:.0f} s, ended at {load()})")
    if args.json:
        args.json.write_text(json.dumps(SUMMARY, indent=1), encoding="utf-8")
        print(f"summary written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
