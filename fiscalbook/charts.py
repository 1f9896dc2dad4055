"""The book's chart types. Each takes labels already in the edition's language, values, and
value labels already formatted, and returns a matplotlib Figure in the book's style.

Notebooks choose the chart and write the caption; nothing here knows a year or a figure.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter

from fiscalbook.style import GREY, PALETTE, new_figure

NEGATIVE = PALETTE[3]  # vermillion: a negative bar must stand out
THOUSANDS = FuncFormatter(lambda value, _: f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}")


def _finish(ax: plt.Axes, xlabel: str = "", ylabel: str = "", title: str = "") -> None:
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title, loc="left")


def _bar_labels(ax: plt.Axes, bars, texts: Sequence[str], inside_negative: bool = True) -> None:
    for bar, text, value in zip(bars, texts, [b.get_width() for b in bars], strict=True):
        ax.annotate(text, (value, bar.get_y() + bar.get_height() / 2),
                    xytext=(4 if value >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if value >= 0 else "right", va="center", fontsize=8)


def hbar(labels: Sequence[str], values: Sequence[float], texts: Sequence[str], xlabel: str,
         colors: Sequence[str] | None = None, legend: dict[str, str] | None = None,
         sort: bool = True) -> plt.Figure:
    """Horizontal bars, largest at the top; a negative value is drawn left of zero in red."""
    order = np.argsort(values) if sort else np.arange(len(values))[::-1]
    labels = [labels[i] for i in order]
    values = np.asarray(values, dtype=float)[order]
    texts = [texts[i] for i in order]
    base = [colors[i] for i in order] if colors else [PALETTE[0]] * len(values)
    fig, ax = new_figure(height=max(2.5, 0.32 * len(values) + 1))
    bars = ax.barh(labels, values, color=[NEGATIVE if v < 0 else c for v, c in zip(values, base, strict=True)])
    _bar_labels(ax, bars, texts)
    ax.axvline(0, color="black", linewidth=0.8)
    span = max(values.max(), 0) - min(values.min(), 0)
    ax.set_xlim(min(values.min(), 0) - 0.18 * span * (values.min() < 0), max(values.max(), 0) + 0.22 * span)
    ax.xaxis.set_major_formatter(THOUSANDS)
    ax.grid(axis="y", visible=False)
    if legend:
        handles = [plt.Rectangle((0, 0), 1, 1, color=color) for color in legend.values()]
        ax.legend(handles, list(legend), loc="lower right", frameon=False)
    _finish(ax, xlabel)
    return fig


def paired_bars(groups: Sequence[str], series: dict[str, Sequence[float]], ylabel: str,
                notes: Sequence[str] = ()) -> plt.Figure:
    """Two or three bars per group (e.g. revenue beside expenditure per area), a note above each."""
    fig, ax = new_figure(height=4.2)
    width = 0.8 / len(series)
    x = np.arange(len(groups))
    for i, (name, values) in enumerate(series.items()):
        bars = ax.bar(x + (i - (len(series) - 1) / 2) * width, values, width, label=name, color=PALETTE[i])
        ax.bar_label(bars, fmt="%.2f", fontsize=8, padding=2)
    tallest = max(max(values) for values in series.values())
    for xi, note in zip(x, notes, strict=False):
        ax.annotate(note, (xi, tallest * 1.12), ha="center", fontsize=9, color=PALETTE[3])
    ax.set_ylim(0, tallest * 1.25)
    ax.set_xticks(x, groups)
    ax.legend(frameon=False, loc="upper right")
    ax.grid(axis="x", visible=False)
    _finish(ax, ylabel=ylabel)
    return fig


def rate_dots(labels: Sequence[str], values: Sequence[float], xlabel: str, reference: float = 100,
              reference_label: str = "", groups: Sequence[int] | None = None,
              group_names: Sequence[str] = ()) -> plt.Figure:
    """Rates as dots against a reference line (100% of budget, or the share of the year gone)."""
    fig, ax = new_figure(height=max(2.5, 0.35 * len(values) + 1))
    y = np.arange(len(values))[::-1]
    colors = [PALETTE[g] for g in groups] if groups else PALETTE[0]
    ax.scatter(values, y, s=60, color=colors, zorder=3)
    for xi, yi in zip(values, y, strict=True):
        ax.annotate(f"{xi:g}%", (xi, yi), xytext=(7, 0), textcoords="offset points", va="center", fontsize=8)
    ax.axvline(reference, color=GREY, linestyle="--", linewidth=1)
    if reference_label:
        ax.annotate(reference_label, (reference, y.max() + 0.6), ha="center", fontsize=8, color=GREY)
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.7, y.max() + 1.1)
    low, high = min(min(values), reference), max(max(values), reference)
    ax.set_xlim(low - 0.1 * (high - low) - 2, high + 0.15 * (high - low) + 2)
    if groups and group_names:
        handles = [plt.Line2D([], [], marker="o", linestyle="", color=PALETTE[i]) for i in range(len(group_names))]
        ax.legend(handles, group_names, frameon=False, loc="lower left", fontsize=8)
    _finish(ax, xlabel)
    return fig


def dumbbell(labels: Sequence[str], start: Sequence[float], end: Sequence[float], xlabel: str,
             start_name: str, end_name: str) -> plt.Figure:
    """One row per figure: a dot for the first estimate, one for the final value, a line between."""
    fig, ax = new_figure(height=max(2.5, 0.4 * len(labels) + 1))
    y = np.arange(len(labels))[::-1]
    for yi, a, b in zip(y, start, end, strict=True):
        ax.annotate("", (b, yi), (a, yi), arrowprops={"arrowstyle": "->", "color": GREY, "lw": 1.2})
    ax.scatter(start, y, color=PALETTE[1], s=50, label=start_name, zorder=3)
    ax.scatter(end, y, color=PALETTE[0], s=50, label=end_name, zorder=3)
    ax.set_yticks(y, labels)
    ax.legend(frameon=False, loc="lower right")
    _finish(ax, xlabel)
    return fig


def waterfall(steps: Sequence[tuple[str, float]], ylabel: str, end_label: str,
              source_name: str, use_name: str) -> plt.Figure:
    """Sources stack up, uses step down; the last bar is what is left, from zero.

    ``steps`` are (label, value) with sources positive and uses negative."""
    fig, ax = new_figure(height=4.6)
    level = 0.0
    for i, (_label, value) in enumerate(steps):
        bottom = level if value >= 0 else level + value
        ax.bar(i, abs(value), bottom=bottom, color=PALETTE[0] if value >= 0 else PALETTE[1])
        ax.annotate(f"{value:+.2f}", (i, bottom + abs(value)), xytext=(0, 2), textcoords="offset points",
                    ha="center", fontsize=7)
        level += value
    ax.bar(len(steps), level, color=PALETTE[2])
    ax.annotate(f"{level:.2f}", (len(steps), level), xytext=(0, 2), textcoords="offset points",
                ha="center", fontsize=8)
    ax.set_xticks(range(len(steps) + 1), [label for label, _ in steps] + [end_label], rotation=40, ha="right")
    handles = [plt.Rectangle((0, 0), 1, 1, color=PALETTE[i]) for i in (0, 1, 2)]
    ax.legend(handles, [source_name, use_name, end_label], frameon=False, loc="upper right")
    ax.grid(axis="x", visible=False)
    _finish(ax, ylabel=ylabel)
    return fig


def stacked_share(label: str, parts: Sequence[tuple[str, float]], texts: Sequence[str],
                  xlabel: str) -> plt.Figure:
    """One horizontal bar split into parts (a ceiling into balance and headroom)."""
    fig, ax = new_figure(height=2.2)
    left = 0.0
    for i, ((name, value), text) in enumerate(zip(parts, texts, strict=True)):
        ax.barh([label], [value], left=left, color=PALETTE[i], label=name)
        ax.annotate(text, (left + value / 2, 0), ha="center", va="center", fontsize=9, color="white")
        left += value
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=len(parts))
    ax.grid(axis="y", visible=False)
    _finish(ax, xlabel)
    return fig


def grouped_hbar(labels: Sequence[str], series: dict[str, Sequence[float]], xlabel: str) -> plt.Figure:
    """Two series side by side for each label (e.g. city and city level per item)."""
    fig, ax = new_figure(height=max(2.8, 0.55 * len(labels) + 1.2))
    y = np.arange(len(labels))[::-1]
    height = 0.8 / len(series)
    for i, (name, values) in enumerate(series.items()):
        positions = y + ((len(series) - 1) / 2 - i) * height
        bars = ax.barh(positions, values, height, label=name, color=PALETTE[i])
        ax.bar_label(bars, labels=[f"{v:g}" if not np.isnan(v) else "" for v in values], fontsize=8, padding=2)
    ax.set_yticks(y, labels)
    ax.legend(frameon=False, loc="lower right")
    ax.grid(axis="y", visible=False)
    _finish(ax, xlabel)
    return fig


def bullet(labels: Sequence[str], progress: Sequence[float], xlabel: str, mark: float,
           mark_label: str) -> plt.Figure:
    """Progress as a share of the full-year figure, against the share of the year elapsed."""
    fig, ax = new_figure(height=max(2.5, 0.45 * len(labels) + 1))
    y = np.arange(len(labels))[::-1]
    ax.barh(y, [100] * len(labels), color="#E8E8E8", height=0.6)
    bars = ax.barh(y, progress, color=PALETTE[0], height=0.3)
    ax.bar_label(bars, labels=[f"{p:g}%" for p in progress], fontsize=8, padding=3)
    ax.axvline(mark, color=PALETTE[3], linewidth=1.5)
    ax.annotate(mark_label, (mark, y.max() + 0.45), ha="center", fontsize=8, color=PALETTE[3])
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 105)
    ax.set_ylim(-0.6, y.max() + 0.9)
    ax.grid(axis="y", visible=False)
    _finish(ax, xlabel)
    return fig
