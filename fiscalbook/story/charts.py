"""The book's chart types. Each takes labels already in the edition's language, values, and
value labels already formatted, and returns a matplotlib Figure in the book's style.

Notebooks choose the chart and write the caption; nothing here knows a year or a figure.
Legends sit below the plot, where they cannot cover data.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from fiscalbook.story.fmt import decimal
from fiscalbook.story.style import GREY, PALETTE, new_figure

NEGATIVE = PALETTE[3]  # vermillion: a negative bar must stand out
THOUSANDS = FuncFormatter(lambda value, _: f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}")
PERCENT_OF_ONE = PercentFormatter(xmax=1, decimals=0)  # an axis of ratios shown as 0%…150%
LINE_CHARS = {"latin": 48, "cjk": 20}  # characters per line of a wrapped label
JUMP = 2.5  # a bar this many times the next one is "far above" the rest (see hbar)
MAX_BROKEN = 0.25  # never break more than this share of the bars


def wrap_label(text: str, lines: int = 2, drop_brackets: bool = True) -> str:
    """A label for a chart, wrapped to at most ``lines`` lines; an English label loses its
    bracketed remark ("… (negative)"), a Chinese one keeps its brackets (因公出国（境）费)."""
    if drop_brackets:
        text = re.sub(r"\s+\([^)]*\)", "", text)
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text)) > len(text) / 3
    wrapped = textwrap.wrap(text, LINE_CHARS["cjk" if cjk else "latin"], break_long_words=cjk)
    return "\n".join(wrapped[:lines]) + ("…" if len(wrapped) > lines else "")


def _legend_below(fig: plt.Figure, handles: list, labels: Sequence[str]) -> None:
    fig.legend(handles, list(labels), loc="outside lower center", ncol=min(len(labels), 4), frameon=False)


def _boxes(colors: Sequence[str]) -> list:
    return [plt.Rectangle((0, 0), 1, 1, color=color) for color in colors]


def _finish(ax: plt.Axes, xlabel: str = "", ylabel: str = "") -> None:
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def _bar_labels(ax: plt.Axes, bars, texts: Sequence[str]) -> None:
    for bar, text in zip(bars, texts, strict=True):
        value = bar.get_width()
        ax.annotate(text, (value, bar.get_y() + bar.get_height() / 2),
                    xytext=(4 if value >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if value >= 0 else "right", va="center", fontsize=8)


def axis_stop(values: Sequence[float]) -> float | None:
    """Where ``hbar(..., break_outliers=True)`` stops its axis: bars longer than this are drawn
    broken. None when no value stands far above the others."""
    ordered = np.sort(np.asarray(values, dtype=float))[::-1]
    for i in range(int(len(ordered) * MAX_BROKEN)):
        if ordered[i + 1] > 0 and ordered[i] / ordered[i + 1] > JUMP:
            return ordered[i + 1] * 1.3
    return None


def hbar(labels: Sequence[str], values: Sequence[float], texts: Sequence[str], xlabel: str,
         colors: Sequence[str] | None = None, legend: dict[str, str] | None = None,
         sort: bool = True, break_outliers: bool = False,
         groups: Sequence[str] | None = None) -> plt.Figure:
    """Horizontal bars, largest at the top; a negative value is drawn left of zero in red.

    With ``break_outliers``, when a few bars are far longer than the rest, the axis stops just
    past the ordinary ones and the long bars are drawn broken (two white slashes), their true
    value written beside them. ``groups`` (a name per bar, bars of one group adjacent, with
    ``sort=False``) sets groups apart: a gap and a dashed rule between them, each headed by its name."""
    values = np.asarray(values, dtype=float)
    order = np.argsort(values) if sort else np.arange(len(values))[::-1]
    base = list(colors) if colors else [PALETTE[0]] * len(values)
    stop = axis_stop(values) if break_outliers else None
    shown = np.minimum(values, stop) if stop else values
    drawn = [groups[i] for i in order] if groups else None
    y = group_rows(drawn) if drawn else np.arange(len(values), dtype=float)
    fig, ax = new_figure(height=max(2.5, 0.34 * (y.max() + 1) + 1))
    bars = ax.barh(y, shown[order], color=[NEGATIVE if values[i] < 0 else base[i] for i in order])
    _bar_labels(ax, bars, [texts[i] for i in order])
    for row, i in enumerate(order):
        if stop and values[i] > stop:
            for at in (0.9, 0.93):
                ax.plot([stop * (at - 0.01), stop * (at + 0.01)], [y[row] - 0.45, y[row] + 0.45], color="white",
                        linewidth=2.5, solid_capstyle="butt")
    ax.set_yticks(y, [labels[i] for i in order])
    ax.axvline(0, color="black", linewidth=0.8)
    low, high = min(shown.min(), 0), max(shown.max(), 0)
    ax.set_xlim(low - 0.18 * (high - low) * (low < 0), high + 0.22 * (high - low))
    ax.xaxis.set_major_formatter(THOUSANDS)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.grid(axis="y", visible=False)
    if drawn:
        _group_heads(ax, y, drawn)
    if legend:
        _legend_below(fig, _boxes(legend.values()), list(legend))
    _finish(ax, xlabel)
    return fig


GROUP_GAP = 1.6  # rows of space between two groups of bars (room for the next group's name)


def group_rows(groups: Sequence[str]) -> np.ndarray:
    """Row of each bar, bottom up: one row apart, ``GROUP_GAP`` rows more where the group changes."""
    rows, at = [], 0.0
    for k, name in enumerate(groups):
        at += (1 + GROUP_GAP if name != groups[k - 1] else 1) if k else 0
        rows.append(at)
    return np.array(rows)


def _group_heads(ax: plt.Axes, y: np.ndarray, groups: Sequence[str]) -> None:
    """Each group's name above its top bar, and a dashed rule above every group but the top one."""
    tops = {name: y[k] for k, name in enumerate(groups)}  # the last (highest) row of each group
    for name, top in tops.items():
        ax.annotate(name, (0, top + 0.55), xycoords=("axes fraction", "data"), fontsize=9,
                    color="0.3", va="bottom")
        if top < y.max():
            ax.axhline(top + 1 + GROUP_GAP / 2, color=GREY, linestyle="--", linewidth=0.8)
    ax.set_ylim(-0.6, y.max() + 1.3)


def paired_bars(groups: Sequence[str], series: dict[str, Sequence[float]], ylabel: str,
                notes: Sequence[str] = ()) -> plt.Figure:
    """Two or three bars per group (e.g. revenue beside expenditure per area), a note above each."""
    fig, ax = new_figure(height=4.4)
    width = 0.8 / len(series)
    x = np.arange(len(groups))
    for i, (name, values) in enumerate(series.items()):
        bars = ax.bar(x + (i - (len(series) - 1) / 2) * width, values, width, label=name, color=PALETTE[i])
        ax.bar_label(bars, labels=[decimal(v, 2) for v in values], fontsize=8, padding=2)
    tallest = max(max(values) for values in series.values())
    for xi, note in zip(x, notes, strict=False):
        ax.annotate(note, (xi, tallest * 1.12), ha="center", fontsize=9, color=PALETTE[3])
    ax.set_ylim(0, tallest * 1.22)
    ax.set_xticks(x, groups)
    ax.grid(axis="x", visible=False)
    _legend_below(fig, _boxes(PALETTE[: len(series)]), list(series))
    _finish(ax, ylabel=ylabel)
    return fig


def rate_dots(labels: Sequence[str], values: Sequence[float], xlabel: str, reference: float = 100,
              reference_label: str = "", groups: Sequence[int] | None = None,
              group_names: Sequence[str] = (), texts: Sequence[str] | None = None) -> plt.Figure:
    """Rates as dots against a reference line (100% of budget, or the share of the year gone)."""
    fig, ax = new_figure(height=max(2.5, 0.35 * len(values) + 1.2))
    y = np.arange(len(values))[::-1]
    colors = [PALETTE[g] for g in groups] if groups else PALETTE[0]
    ax.scatter(values, y, s=60, color=colors, zorder=3)
    for xi, yi, text in zip(values, y, texts or [f"{v:g}%" for v in values], strict=True):
        ax.annotate(text, (xi, yi), xytext=(7, 0), textcoords="offset points", va="center", fontsize=8)
    ax.axvline(reference, color=GREY, linestyle="--", linewidth=1)
    if reference_label:
        ax.annotate(reference_label, (reference, y.max() + 0.6), ha="center", fontsize=8, color=GREY)
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.7, y.max() + 1.1)
    low, high = min(min(values), reference), max(max(values), reference)
    ax.set_xlim(low - 0.1 * (high - low) - 2, high + 0.15 * (high - low) + 2)
    if groups and group_names:
        dots = [plt.Line2D([], [], marker="o", linestyle="", color=PALETTE[i]) for i in range(len(group_names))]
        _legend_below(fig, dots, group_names)
    _finish(ax, xlabel)
    return fig


def dumbbell(labels: Sequence[str], start: Sequence[float], end: Sequence[float], xlabel: str,
             start_name: str, end_name: str, texts: Sequence[str] = (), ratio_axis: bool = False) -> plt.Figure:
    """One row per figure: a dot for the first estimate, one for the final value, an arrow
    between; ``texts`` are written beside the final dots; ``ratio_axis`` shows 1 as 100%."""
    fig, ax = new_figure(height=max(2.5, 0.4 * len(labels) + 1.2))
    y = np.arange(len(labels))[::-1]
    for yi, a, b in zip(y, start, end, strict=True):
        ax.annotate("", (b, yi), (a, yi), arrowprops={"arrowstyle": "->", "color": GREY, "lw": 1.2})
    ax.scatter(start, y, color=PALETTE[1], s=50, zorder=3)
    ax.scatter(end, y, color=PALETTE[0], s=50, zorder=3)
    for yi, a, b, text in zip(y, start, end, texts, strict=False):
        ax.annotate(text, (max(a, b), yi), xytext=(8, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(y, labels)
    if ratio_axis:
        ax.xaxis.set_major_formatter(PERCENT_OF_ONE)
    span = max(max(start), max(end)) - min(min(start), min(end))
    ax.set_xlim(min(min(start), min(end)) - 0.05 * span, max(max(start), max(end)) + 0.2 * span)
    dots = [plt.Line2D([], [], marker="o", linestyle="", color=PALETTE[i]) for i in (1, 0)]
    _legend_below(fig, dots, [start_name, end_name])
    _finish(ax, xlabel)
    return fig


def waterfall(steps: Sequence[tuple[str, float]], ylabel: str, end_label: str,
              source_name: str, use_name: str) -> plt.Figure:
    """Sources stack up, uses step down; the last bar is what is left, from zero.

    ``steps`` are (label, value) with sources positive and uses negative."""
    fig, ax = new_figure(height=5.0)
    level = 0.0
    for i, (_, value) in enumerate(steps):
        bottom = level if value >= 0 else level + value
        ax.bar(i, abs(value), bottom=bottom, color=PALETTE[0] if value >= 0 else PALETTE[1])
        label = ("+" if value >= 0 else "") + decimal(value, 2)
        ax.annotate(label, (i, bottom + abs(value)), xytext=(0, 2), textcoords="offset points",
                    ha="center", fontsize=7)
        level += value
    ax.bar(len(steps), level, color=PALETTE[2])
    ax.annotate(decimal(level, 2), (len(steps), level), xytext=(0, 2), textcoords="offset points",
                ha="center", fontsize=8)
    names = [wrap_label(label, lines=3, drop_brackets=False) for label, _ in steps] + [wrap_label(end_label)]
    ax.set_xticks(range(len(steps) + 1), names, rotation=90, fontsize=8)
    ax.grid(axis="x", visible=False)
    _legend_below(fig, _boxes(PALETTE[:3]), [source_name, use_name, end_label])
    _finish(ax, ylabel=ylabel)
    return fig


def stacked_share(label: str, parts: Sequence[tuple[str, float]], texts: Sequence[str],
                  xlabel: str) -> plt.Figure:
    """One horizontal bar split into parts (a ceiling into balance and headroom); a part too
    narrow for its label has it written above."""
    fig, ax = new_figure(height=2.4)
    total = sum(value for _, value in parts)
    left = 0.0
    for i, ((name, value), text) in enumerate(zip(parts, texts, strict=True)):
        ax.barh([label], [value], left=left, color=PALETTE[i], label=name)
        inside = value / total > 0.12
        ax.annotate(text, (left + value / 2, 0 if inside else 0.45), ha="center", va="center" if inside else "bottom",
                    fontsize=9, color="white" if inside else "black")
        left += value
    ax.set_ylim(-0.6, 1.0)
    ax.grid(axis="y", visible=False)
    _legend_below(fig, _boxes(PALETTE[: len(parts)]), [name for name, _ in parts])
    _finish(ax, xlabel)
    return fig


def grouped_hbar(labels: Sequence[str], series: dict[str, Sequence[float]], xlabel: str,
                 missing_text: str = "") -> plt.Figure:
    """Two series side by side for each label (e.g. city and city level per item); a missing
    value (NaN) is marked with ``missing_text``; negative values extend left of zero."""
    fig, ax = new_figure(height=max(2.8, 0.55 * len(labels) + 1.4))
    y = np.arange(len(labels))[::-1]
    height = 0.8 / len(series)
    for i, (name, values) in enumerate(series.items()):
        positions = y + ((len(series) - 1) / 2 - i) * height
        drawn = [0 if math.isnan(v) else v for v in values]
        bars = ax.barh(positions, drawn, height, label=name, color=PALETTE[i])
        texts = [missing_text if math.isnan(v) else f"{v:,g}" for v in values]
        _bar_labels(ax, bars, texts)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, labels)
    ax.grid(axis="y", visible=False)
    _legend_below(fig, _boxes(PALETTE[: len(series)]), list(series))
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
    ax.set_xlim(0, max(105, max(progress) * 1.1))
    ax.set_ylim(-0.6, y.max() + 0.9)
    ax.grid(axis="y", visible=False)
    _finish(ax, xlabel)
    return fig
