"""Figures for the book, drawn with matplotlib from the library's tables."""

from __future__ import annotations

import math

import pandas as pd

from medialit.case import Case


def plot_intervals(table: pd.DataFrame, ax=None, unit: str = "minutes", title: str | None = None):
    """Draw each report's claim as the range of values it allows.

    ``table`` is :func:`medialit.claim_intervals` output. A bar runs from the lowest to
    the highest value a claim allows (an arrow where there is no upper end), a dot marks
    the stated figure, and reports that give no figure are labelled "not mentioned".
    Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.6 * len(table) + 1.2))
    finite = [
        v
        for v in pd.concat([table["lowest"], table["highest"]])
        if pd.notna(v) and math.isfinite(v)
    ]
    right = max(finite) * 1.25 if finite else 1
    for y, (_, r) in enumerate(table.iloc[::-1].iterrows()):
        if pd.isna(r["lowest"]):
            ax.text(0, y, "  not mentioned", va="center", color="0.35", style="italic")
            continue
        hi = r["highest"] if math.isfinite(r["highest"]) else right
        ax.plot([r["lowest"], hi], [y, y], lw=8, color="#7aa6d6", solid_capstyle="butt")
        if not math.isfinite(r["highest"]):
            ax.annotate(
                "",
                xy=(right, y),
                xytext=(right * 0.93, y),
                arrowprops={"arrowstyle": "->", "color": "#1a4f8b", "lw": 2},
            )
        ax.plot([r["value"]], [y], "o", color="#1a4f8b")
        ax.text(r["value"], y + 0.3, r["says"], ha="center", fontsize=9)
    ax.set_yticks(range(len(table)), [Case.number(rid) for rid in table["report_id"].iloc[::-1]])
    ax.set_xlim(0, right)
    ax.set_ylim(-0.6, len(table) - 0.2)
    ax.set_xlabel(unit)
    ax.set_ylabel("report")
    ax.grid(axis="x", alpha=0.3)
    if title:
        ax.set_title(title)
    return ax
