"""The one report helper every benchmark module shares.

A module measures, then calls :func:`record` once per figure: its value, unit, and goal
(or a peer's value to compare with). :func:`print_summary` prints every figure recorded,
beside its goal and their ratio, in one table. :func:`section` heads a module's own
detailed output with the load average it ran under (the machine is shared).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ANSI = re.compile(r"\x1b\[[0-9;]*m")  # terminal colour codes in captured logs
SUMMARY: list[dict] = []


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def section(title: str) -> None:
    print(f"\n=== {title}  [{load()}, {os.cpu_count()} cores] ===", flush=True)


def record(
    figure: str,
    value: float | None,
    unit: str,
    goal: float | None = None,
    peer: tuple[str, float] | None = None,
    note: str = "",
    lower_is_better: bool = True,
):
    """One row of the summary: value, goal (or a peer's value) and their ratio."""
    row = {"figure": figure, "value": value, "unit": unit, "goal": goal, "note": note}
    if value is not None and goal:
        row["ratio"] = value / goal
        ok = value <= goal if lower_is_better else value >= goal
        row["verdict"] = "meets goal" if ok else "MISSES goal"
    elif value is not None and peer:
        row["peer"], row["peer_value"] = peer
        row["ratio"] = value / peer[1] if peer[1] else None
        row["verdict"] = f"vs {peer[0]}"
    else:
        row["verdict"] = "info" if value is not None else "not measured"
    SUMMARY.append(row)
    return row


def fmt(v: float | None, unit: str = "") -> str:
    if v is None:
        return "n/a"
    if unit in ("B", "bytes"):
        return f"{v / 1024:,.1f} KB" if v < 1024 * 1024 else f"{v / 1024 / 1024:,.2f} MB"
    if abs(v) >= 100:
        s = f"{v:,.0f}"
    elif abs(v) >= 1:
        s = f"{v:.2f}"
    else:
        s = f"{v:.3f}"
    return f"{s} {unit}".strip()


def print_summary() -> None:
    print("\n" + "=" * 100)
    print("SUMMARY (ratio = measured / goal, or ours / peer; < 1 is better for times)")
    head = f"{'figure':<56} {'measured':>11} {'goal / peer':>21} {'ratio':>6}  verdict"
    print(head)
    print("-" * len(head))
    for r in SUMMARY:
        if r.get("goal"):
            other = "< " + fmt(r["goal"], r["unit"])
        elif r.get("peer"):
            other = f"{r['peer']} {fmt(r['peer_value'], r['unit'])}"
        else:
            other = "-"
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else "-"
        print(
            f"{r['figure']:<56} {fmt(r['value'], r['unit']):>11} {other:>21} {ratio:>6}  "
            f"{r['verdict']}{'  (' + r['note'] + ')' if r['note'] else ''}"
        )
