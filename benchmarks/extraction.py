"""Extraction: medialit.extract_quantities on varied reports, beside quantulum3."""

from __future__ import annotations

import csv
import random
import re
import time

import bench_extract as be
from report import ROOT, fmt, record, section

from medialit.quantities import extract_quantities

_HEDGE_SWAP = [
    "more than",
    "about",
    "nearly",
    "over",
    "almost",
    "at least",
    "up to",
    "around",
    "just over",
    "less than",
]
_HEDGE_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _HEDGE_SWAP), key=len, reverse=True)) + r")\b"
)
_NUM_RE = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,]\d)")


def vary(seed_text: str, rng: random.Random) -> str:
    """A different report from a seed: paragraphs shuffled (the first line stays), small
    numbers changed, hedges swapped."""
    lines = seed_text.split("\n")
    head, body = lines[:1], lines[1:]
    rng.shuffle(body)
    text = "\n".join(head + body)
    text = _NUM_RE.sub(lambda m: str(max(1, int(m.group()) + rng.randint(-9, 9))), text)
    return _HEDGE_RE.sub(lambda m: rng.choice(_HEDGE_SWAP), text)


def varied_corpus(n: int, seeds: list[str]) -> list[str]:
    rng = random.Random(n)
    return [vary(seeds[i % len(seeds)], rng) for i in range(n)]


def _time_ours(texts: list[str], repeats: int) -> tuple[float, float]:
    """(wall, CPU) seconds, best of ``repeats``. CPU time is what this process used, so
    other jobs on a shared machine disturb it much less than wall time."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            extract_quantities(t)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return best_wall, best_cpu


def bench_extract(sizes: list[int], q3_sample: int) -> None:
    section("Extraction: medialit.extract_quantities vs quantulum3")
    seeds = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "reports").glob("*.txt"))
    ]
    parser, why = be.load_quantulum()
    q3_per_report = None
    if parser is None:
        print(f"quantulum3 not available ({why})")
    else:
        sample = varied_corpus(q3_sample, seeds)
        be.q3_parse(parser, "warm-up: 2 hours")
        t0 = time.perf_counter()
        for t in sample:
            be.q3_parse(parser, t)
        q3_per_report = (time.perf_counter() - t0) / len(sample)
        print(
            f"quantulum3 timed on a sample of {len(sample)} varied reports "
            f"({q3_per_report * 1000:,.0f} ms/report); its column is EXTRAPOLATED from it."
        )
    print(
        "Inputs: the five seed reports, each copy with its paragraphs shuffled, small numbers "
        "changed and hedges swapped (no two inputs alike)."
    )
    head = (
        f"{'reports':>8} {'MB':>6} | {'ours wall s':>11} {'CPU s':>8} {'ms/report':>9} "
        f"{'µs/KB':>7} | {'quantulum3 s*':>13} | {'q3/ours':>8}"
    )
    print(head)
    print("-" * len(head))
    per_report = {}
    per_kb = {}
    for n in sizes:
        texts = varied_corpus(n, seeds)
        kb = sum(len(t.encode()) for t in texts) / 1024
        wall, secs = _time_ours(texts, 3 if n <= 1000 else 1)
        per_report[n], per_kb[n] = secs / n, secs / kb
        q3 = q3_per_report * n if q3_per_report else None
        print(
            f"{n:>8,} {kb / 1024:6.2f} | {wall:11.3f} {secs:8.3f} {secs / n * 1000:9.3f} "
            f"{secs / kb * 1e6:7.1f} | {fmt(q3, 's'):>13} | "
            f"{(q3 / secs if q3 else float('nan')):7.0f}x"
        )
        record(
            f"extract: {n:,} reports, time per report",
            secs / n * 1000,
            "ms",
            peer=("quantulum3*", q3_per_report * 1000) if q3_per_report else None,
        )
    print(
        "  ms/report and µs/KB from CPU time. * extrapolated: quantulum3's per-report time on "
        "the sample x reports (wall time)."
    )
    lo, hi = min(sizes), max(sizes)
    growth = per_report[hi] / per_report[lo]
    print(
        f"linearity (CPU): time per report at {hi:,} / at {lo:,} = {growth:.2f} "
        f"(per KB: {per_kb[hi] / per_kb[lo]:.2f}); 1.00 = exactly linear"
    )
    record(f"extract: per-report time {hi:,} vs {lo:,} (linear = 1)", growth, "x", goal=1.25)

    # one long text: linear in its length too (the parser looks at most 400 chars around)
    base = "\n\n".join(seeds)
    rows = []
    for k in (1, 10, 50):
        text = "\n\n".join([base] * k)
        _, secs = _time_ours([text], 3 if k < 50 else 1)
        rows.append((k, len(text.encode()) / 1024, secs))
    print(
        "one long text (CPU time): "
        + "; ".join(
            f"{kb:,.0f} KB in {s * 1000:,.0f} ms ({s / kb * 1e6:.0f} µs/KB)" for _, kb, s in rows
        )
    )
    ratio = (rows[-1][2] / rows[-1][1]) / (rows[0][2] / rows[0][1])
    record("extract: one text 50x longer, time per KB ratio", ratio, "x", goal=1.25)

    print()
    be.accuracy(parser, be.LABELLED)
    with be.LABELLED.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ours = be.score(rows, be.ours_candidates)
    q3 = be.score(rows, lambda p: be.q3_candidates(parser, p)) if parser else None
    record(
        "extract: accuracy, exact (labelled phrases)",
        ours["exact"],
        "%",
        peer=("quantulum3", q3["exact"]) if q3 else None,
        note="in-sample for ours",
    )
    record(
        "extract: accuracy, value (labelled phrases)",
        ours["value"],
        "%",
        peer=("quantulum3", q3["value"]) if q3 else None,
    )

    print()
    real = be.real_accuracy(parser)
    for split in ("dev", "held_out"):
        r = real.get(split) or {}
        record(
            f"extract: real sentences {split}, call length right (+ and -)",
            r.get("ours"),
            "%",
        )
        record(
            f"extract: real sentences {split}, call length value (+ only)",
            r.get("ours_value_pos"),
            "%",
            peer=("quantulum3", r["q3_value_pos"]) if r.get("q3_value_pos") is not None else None,
        )
