"""Benchmark medialit.quantities against quantulum3: speed and accuracy.

Run from the repository root:

    python benchmarks/bench_extract.py                 # sizes 100 and 1,000
    python benchmarks/bench_extract.py --sizes 100,1000,10000
    python benchmarks/bench_extract.py --no-quantulum

(a) our throughput on the five seed reports (data/reports/*.txt) repeated to
    each size; (b) quantulum3's throughput, timed on a small sample only (it
    takes seconds per report) and extrapolated per report; (c) accuracy of both
    on benchmarks/labelled_phrases.csv (written with the parser: a regression
    check); (d) accuracy of both on benchmarks/real_sentences.csv, real news
    sentences about call lengths, split dev / held-out by a hash of the URL
    (see benchmarks/real_sentences.md).  quantulum3 is imported lazily and is
    optional.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # medialit, when run as a script

from medialit.quantities import extract_quantities

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
LABELLED = ROOT / "benchmarks" / "labelled_phrases.csv"
REAL = ROOT / "benchmarks" / "real_sentences.csv"

#: quantulum3 time units -> minutes
Q3_TIME_UNITS = {
    "second": 1 / 60,
    "minute": 1.0,
    "hour": 60.0,
    "day": 1440.0,
    "week": 10080.0,
    "month": 43200.0,
    "year": 525600.0,
    "decade": 5256000.0,
    "century": 52560000.0,
}


def load_quantulum():
    """quantulum3's parse function, or None with the reason."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except (ImportError, OSError, ValueError) as exc:  # missing, or a broken install
        return None, f"{type(exc).__name__}: {exc}"
    return parser, None


def q3_parse(parser, text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parser.parse(text)


# ---------------------------------------------------------------------------
# (a) + (b) throughput
# ---------------------------------------------------------------------------
def corpus(n: int, seeds: list[str]) -> list[str]:
    return [seeds[i % len(seeds)] for i in range(n)]


def time_ours(texts: list[str]) -> float:
    t0 = time.perf_counter()
    for t in texts:
        extract_quantities(t)
    return time.perf_counter() - t0


def fmt_rate(x: float) -> str:
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 1:
        return f"{x:.1f}"
    return f"{x:.3f}"


def throughput(sizes, seeds, parser, q3_sample):
    seed_bytes = [len(s.encode("utf-8")) for s in seeds]
    print(
        "(a)+(b) Throughput on the five seed reports "
        f"({len(seeds)} files, {sum(seed_bytes) / 1024:.1f} KB, "
        f"mean {sum(seed_bytes) / len(seeds) / 1024:.1f} KB/report)"
    )

    q3_per_report = q3_kb_per_s = None
    if parser is not None:
        t0 = time.perf_counter()
        q3_parse(parser, "warm-up: 2 hours")  # loads quantulum3's unit data
        warm = time.perf_counter() - t0
        sample = corpus(q3_sample, seeds)
        t0 = time.perf_counter()
        for t in sample:
            q3_parse(parser, t)
        q3_total = time.perf_counter() - t0
        q3_per_report = q3_total / len(sample)
        q3_kb_per_s = sum(len(t.encode("utf-8")) for t in sample) / 1024 / q3_total
        print(
            f"    quantulum3: timed on {len(sample)} report(s) once ({q3_total:.2f} s, after a "
            f"{warm:.2f} s warm-up); its rows below are EXTRAPOLATED from that sample."
        )

    head = (
        f"{'reports':>8} | {'ours s':>8} {'rep/s':>8} {'KB/s':>8} {'ms/rep':>7} | "
        f"{'q3 s*':>9} {'rep/s*':>7} {'KB/s*':>7} {'ms/rep*':>8} | {'ours/q3':>8}"
    )
    print(head)
    print("-" * len(head))
    for n in sizes:
        texts = corpus(n, seeds)
        kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
        repeats = 3 if n <= 1000 else 1
        secs = min(time_ours(texts) for _ in range(repeats))
        ours = (
            f"{secs:8.3f} {fmt_rate(n / secs):>8} {fmt_rate(kb / secs):>8} {secs / n * 1000:7.2f}"
        )
        if q3_per_report is None:
            q3 = f"{'n/a':>9} {'n/a':>7} {'n/a':>7} {'n/a':>8} | {'n/a':>8}"
        else:
            q3_secs = q3_per_report * n
            q3 = (
                f"{q3_secs:9.1f} {fmt_rate(n / q3_secs):>7} {fmt_rate(q3_kb_per_s):>7} "
                f"{q3_per_report * 1000:8.0f} | {q3_secs / secs:7.0f}x"
            )
        print(f"{n:>8,} | {ours} | {q3}")
    print(
        "    * quantulum3 columns = per-report time from the sample x reports. "
        "ours/q3 = speed ratio (q3 time / our time)."
    )


# ---------------------------------------------------------------------------
# (c) accuracy
# ---------------------------------------------------------------------------
def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def pick(cands, start, end):
    """(candidate with the exact span, else the first overlapping one)."""
    exact = [c for c in cands if (c["start"], c["end"]) == (start, end)]
    if exact:
        return exact[0]
    overlap = [c for c in cands if c["start"] < end and start < c["end"]]
    return overlap[0] if overlap else None


def ours_candidates(phrase):
    return [q.to_dict() for q in extract_quantities(phrase)]


def q3_candidates(parser, phrase, lenient=False):
    out = []
    for q in q3_parse(parser, phrase):
        name = q.unit.name
        if lenient and name == "minute of arc":
            name = "minute"
        if name in Q3_TIME_UNITS:
            unit, value = "minutes", q.value * Q3_TIME_UNITS[name]
        elif q.unit.entity.name == "dimensionless" and name == "dimensionless":
            unit, value = "count", q.value
        else:
            unit, value = name, None  # money, length, angle ...: not in our units
        start, end = q.span
        out.append(
            {
                "start": start,
                "end": end,
                "unit": unit,
                "value": value,
                "bound": "about",
                "low": value,
                "high": value,
                "measure": None,
            }
        )
    return out


def score(rows, get_candidates):
    """Percentages: value, bound, exact (no measure), exact incl. measure."""
    hits = {"value": 0, "bound": 0, "exact": 0, "measure": 0}
    for r in rows:
        cands = get_candidates(r["phrase"])
        if not r["text"]:  # no quantity expected
            ok = not cands
            for k in hits:
                hits[k] += ok
            continue
        start = r["phrase"].index(r["text"])
        end = start + len(r["text"])
        c = pick(cands, start, end)
        if c is None:
            continue
        exp_value = float(r["value"])
        exp_high = float(r["high"]) if r["high"] else None
        v = close(c["value"], exp_value)
        b = c["bound"] == r["bound"]
        exact = (
            v
            and b
            and (c["start"], c["end"]) == (start, end)
            and (c["unit"] == r["unit"])
            and close(c["low"], float(r["low"]))
            and close(c["high"], exp_high)
        )
        hits["value"] += v
        hits["bound"] += b
        hits["exact"] += exact
        hits["measure"] += exact and c["measure"] == r["measure"]
    return {k: 100.0 * n / len(rows) for k, n in hits.items()}


def accuracy(parser, labelled: Path):
    with labelled.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    n_none = sum(not r["text"] for r in rows)
    print(
        f"(c) Accuracy on {labelled.name}: {len(rows)} phrases "
        f"({len(rows) - n_none} with a quantity, {n_none} with none)"
    )
    ours = score(rows, ours_candidates)
    q3 = score(rows, lambda p: q3_candidates(parser, p)) if parser else None
    labels = {
        "value": "value matches (canonical unit)",
        "bound": "bound matches (q3: always about)",
        "exact": "exact: span+unit+value+bound+low+high",
        "measure": "exact incl. measure",
    }
    head = f"{'metric':<40} | {'ours':>7} | {'quantulum3':>10} | {'ours/q3':>7}"
    print(head)
    print("-" * len(head))
    for k, label in labels.items():
        if q3 is None or k == "measure":
            q3s, ratio = "n/a", "n/a"
        else:
            q3s = f"{q3[k]:9.1f}%"
            ratio = f"{ours[k] / q3[k]:6.2f}x" if q3[k] else "inf"
        print(f"{label:<40} | {ours[k]:6.1f}% | {q3s:>10} | {ratio:>7}")
    print("    A phrase with no expected quantity counts as a match only when nothing is found.")
    print("    The labels were written together with our parser, so 'ours' is an in-sample")
    print("    score (a regression check), not an independent estimate of its accuracy.")
    print("    quantulum3 has no bound or measure: its result is scored as `about`; it has no")
    print("    counted noun, so only a bare count (unit 'count') can match exactly.")
    if parser is not None:
        lenient = score(rows, lambda p: q3_candidates(parser, p, lenient=True))
        print(
            "    Without its optional classifier quantulum3 reads 'minutes' as 'minute of arc';"
            f" counting those as time gives it value {lenient['value']:.1f}%, "
            f"bound {lenient['bound']:.1f}%, exact {lenient['exact']:.1f}%."
        )


# ---------------------------------------------------------------------------
# (d) real sentences
# ---------------------------------------------------------------------------
def url_split(url: str) -> str:
    """dev or held_out, from the first byte of the URL's SHA-256 (even: dev)."""
    return "dev" if hashlib.sha256(url.encode("utf-8")).digest()[0] % 2 == 0 else "held_out"


def load_real(path: Path = REAL) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if r["split"] != url_split(r["url"]):
            sys.exit(f"{path.name} {r['id']}: split {r['split']!r} is not the URL hash's")
    return rows


def ours_real(row) -> dict:
    """Our call lengths in the row's sentence (read with the sentence before it)."""
    ctx = row["context"]
    text = f"{ctx} {row['sentence']}" if ctx else row["sentence"]
    offset = len(ctx) + 1 if ctx else 0
    qs = [q for q in extract_quantities(text) if q.start >= offset]
    calls = [q for q in qs if q.measure == "call_length"]
    if row["measure"] == "none":
        return {"measure": not calls, "value": not calls, "bound": not calls, "all": not calls}
    want, bound = float(row["minutes"]), row["bound"]
    one = calls[0] if len(calls) == 1 else None
    return {
        "measure": len(calls) == 1,
        "value": one is not None and close(one.value, want),
        "bound": one is not None and one.bound == bound,
        "all": one is not None and close(one.value, want) and one.bound == bound,
    }


def q3_real(parser, row) -> bool:
    """quantulum3 finds the labelled length (any time unit, converted to minutes)."""
    want = float(row["minutes"])
    for c in q3_candidates(parser, row["sentence"], lenient=True):
        if c["unit"] == "minutes" and close(c["value"], want):
            return True
    return False


def real_accuracy(parser, path: Path = REAL) -> dict:
    """Print the table; return {split: {"ours": % all right, "ours_value_pos": % of the +
    sentences with the labelled minutes, "q3_value_pos": quantulum3's (None without it)}}."""
    rows = load_real(path)
    out = {}
    outlets = {r["outlet"] for r in rows}
    pages = {r["url"] for r in rows}
    print(
        f"(d) Real news sentences ({path.name}): {len(rows)} sentences from {len(pages)} pages, "
        f"{len(outlets)} outlets; split by a hash of the URL"
    )
    head = (
        f"{'split':<9} {'rows':>4} {'+':>3} {'-':>3} | {'ours measure':>12} {'value':>6} "
        f"{'bound':>6} {'all':>6} | {'ours +':>6} {'ours -':>6} | {'value +':>7} {'q3 value +':>10}"
    )
    print(head)
    print("-" * len(head))
    for split in ("dev", "held_out"):
        part = [r for r in rows if r["split"] == split]
        pos = [r for r in part if r["measure"] != "none"]
        neg = [r for r in part if r["measure"] == "none"]
        res = [ours_real(r) for r in part]

        def pct(rs, key, of):
            return f"{100.0 * sum(x[key] for x in rs) / len(of):5.1f}%" if of else "  n/a"

        res_pos = [ours_real(r) for r in pos]
        res_neg = [ours_real(r) for r in neg]
        q3_pct = (
            100.0 * sum(q3_real(parser, r) for r in pos) / len(pos)
            if parser is not None and pos
            else None
        )
        q3 = f"{q3_pct:9.1f}%" if q3_pct is not None else f"{'n/a':>10}"
        out[split] = {
            "ours": 100.0 * sum(x["all"] for x in res) / len(part) if part else None,
            "ours_value_pos": 100.0 * sum(x["value"] for x in res_pos) / len(pos) if pos else None,
            "q3_value_pos": q3_pct,
        }
        print(
            f"{split:<9} {len(part):>4} {len(pos):>3} {len(neg):>3} | "
            f"{pct(res, 'measure', part):>12} {pct(res, 'value', part):>6} "
            f"{pct(res, 'bound', part):>6} {pct(res, 'all', part):>6} | "
            f"{pct(res_pos, 'all', pos):>6} {pct(res_neg, 'all', neg):>6} | "
            f"{pct(res_pos, 'value', pos):>7} {q3}"
        )
    print("    ours: a sentence with a call length (+) is right when exactly one call_length is")
    print("    found ('measure'), with the labelled minutes ('value') and bound ('bound');")
    print("    'all' = all three. A sentence without one (-) is right when no call_length is")
    print("    found. The sentence before is given as context (for 'It lasted ...').")
    print("    'value +': ours on the + sentences, value only (a call_length with the labelled")
    print("    minutes), to compare with quantulum3's column.")
    print("    q3: quantulum3 has no measure labels and no hedges, so it is scored on the +")
    print("    sentences only: right when any quantity it finds, in a time unit converted to")
    print("    minutes (second/60, hour*60; 'minute of arc' read as minute), equals the label.")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes",
        default="100,1000",
        help="comma-separated corpus sizes in reports (default 100,1000; e.g. 10000)",
    )
    ap.add_argument(
        "--q3-sample",
        type=int,
        default=5,
        help="reports timed for quantulum3 (default 5 = each seed once)",
    )
    ap.add_argument("--no-quantulum", action="store_true", help="skip quantulum3")
    ap.add_argument("--labelled", type=Path, default=LABELLED)
    ap.add_argument("--real", type=Path, default=REAL)
    args = ap.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    seeds = [p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob("*.txt"))]
    if not seeds:
        sys.exit(f"no reports in {REPORTS}")

    parser = None
    if args.no_quantulum:
        print("quantulum3: skipped (--no-quantulum); printing our figures only.")
    else:
        parser, why = load_quantulum()
        if parser is None:
            print(f"quantulum3 is not available ({why}); printing our figures only.")
    print()
    throughput(sizes, seeds, parser, max(1, args.q3_sample))
    print()
    accuracy(parser, args.labelled)
    print()
    real_accuracy(parser, args.real)


if __name__ == "__main__":
    main()
