"""Helpers for the narrative chapters (07_resolution, 10_performance, 12_key_work, 13_outlook):
a chart of programme amounts, a progress chart, a table of every figure of a section, and
the arithmetic of stated percentages.

``hbar_broken`` shows the money amounts of many programmes, from a few hundred thousand yuan
to tens of billions, on one linear scale. A linear axis long enough for the largest amount
(often a total such as all project funds received) squeezes every programme into a sliver.
Here the axis stops a little beyond the largest *ordinary* amount; the few amounts far above
it are drawn as broken bars (two white slashes near the end) with their true value beside them.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from fiscalbook import fmt
from fiscalbook.charts import THOUSANDS, _bar_labels, bullet
from fiscalbook.data import read_shared
from fiscalbook.style import new_figure

JUMP = 2.5        # a value this many times the next one below it is "far above" the rest
MAX_BROKEN = 0.25  # never break more than this share of the bars
HALF_YEAR = 50.0   # % of the year gone at mid-year, the mark for "so far" progress
LINE_CHARS = {"en": 48, "zh": 22}  # characters per line of a bar label


def short_label(text: str, lang: str) -> str:
    """A bar label: without its parenthesis, wrapped to at most two lines."""
    text = re.sub(r"\s*[(（].*?[)）]", "", text)
    lines = textwrap.wrap(text, LINE_CHARS[lang], break_long_words=lang == "zh")
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def axis_stop(values: Sequence[float]) -> float | None:
    """Where the axis should stop, or None when no value stands far above the others."""
    ordered = np.sort(np.asarray(values, dtype=float))[::-1]
    for i in range(int(len(ordered) * MAX_BROKEN)):
        if ordered[i + 1] > 0 and ordered[i] / ordered[i + 1] > JUMP:
            return ordered[i + 1] * 1.3
    return None


def hbar_broken(labels: Sequence[str], values: Sequence[float], texts: Sequence[str], xlabel: str,
                colors: Sequence[str], legend: dict[str, str]) -> tuple[plt.Figure, list[int]]:
    """Horizontal bars, largest at the top, coloured by group, with off-scale bars broken.

    Returns the figure and the indices (into ``values``) of the broken bars."""
    order = np.argsort(values)
    values = np.asarray(values, dtype=float)
    stop = axis_stop(values)
    shown = np.minimum(values, stop) if stop else values
    fig, ax = new_figure(height=max(2.5, 0.42 * len(values) + 1))
    y = np.arange(len(values))
    bars = ax.barh(y, shown[order], color=[colors[i] for i in order], height=0.7)
    _bar_labels(ax, bars, [texts[i] for i in order])
    broken = [i for i in order if stop and values[i] > stop]
    for i in broken:
        yi = list(order).index(i)
        for dx in (0.9, 0.93):
            ax.plot([stop * dx - stop * 0.01, stop * dx + stop * 0.01], [yi - 0.45, yi + 0.45],
                    color="white", linewidth=2.5, solid_capstyle="butt")
    ax.set_yticks(y, [labels[i] for i in order])
    ax.set_ylim(-0.6, len(values) - 0.4)
    ax.set_xlim(0, (stop or values.max()) * 1.15)
    ax.xaxis.set_major_formatter(THOUSANDS)
    ax.grid(axis="y", visible=False)
    handles = [plt.Rectangle((0, 0), 1, 1, color=color) for color in legend.values()]
    ax.legend(handles, list(legend), loc="lower right", frameon=False)
    ax.set_xlabel(xlabel)
    return fig, broken


def progress_bullet(labels: Sequence[str], progress: Sequence[float], xlabel: str, mark_label: str) -> plt.Figure:
    """Progress towards full-year figures so far, against half the year gone."""
    return bullet(labels, progress, xlabel, mark=HALF_YEAR, mark_label=mark_label)


def figures_table(ch, rows: pd.DataFrame) -> pd.DataFrame:
    """Every figure of ``rows`` (facts of ch.data.section or ch.data.select) as the report writes
    it, with its unit, its measure and where the report states it (the figure's tooltip quotes it)."""
    return pd.DataFrame([{
        ch.t("Item", "项目"): row.label_en if ch.lang == "en" else row.label_zh,
        **({"中文": row.label_zh} if ch.lang == "en" else {}),
        ch.t("Measure", "指标"): ch.label("measure", row.measure),
        ch.t("Figure as stated", "报告数"): stated(ch, row.key),
        ch.t("Source", "出处"): f"{row.section} · L{row.line}",
    } for row in rows.itertuples()])


def stated(ch, key: str) -> str:
    """A figure as ``ch(key)`` writes it; in English, a count in 万 (ten thousands) also in units:
    '9.07 万人 (90,700 people)' rather than '9.07 10,000 people'."""
    fact = ch.fact(key)
    if ch.lang != "en" or not fact.unit.startswith("万") or fact.unit == "万元":
        return ch(key)
    units = ch.label("unit", fact.unit).replace("10,000 ", "")
    return ch(key).replace(ch.plain(key), f"{fmt.group(fact.text)} {fact.unit} ({fact.value * 10_000:,.0f} {units})")


def section_rules(ch, section: str) -> list[str]:
    """The ids of the identities of rules.csv that belong to a section of the report."""
    rules = read_shared("rules", ch.data.data_dir)
    return list(rules.loc[rules["section"] == section, "id"])


# --- arithmetic on stated percentages (a notebook may not type 100) ---------------------------

def grown(amount: float, pct: float) -> float:
    """An amount after a growth of ``pct`` per cent: grown(23.17, 3) = 23.17 × 1.03."""
    return amount * (1 + pct / 100)


def growth(new: float, old: float) -> float:
    """The growth from ``old`` to ``new``, in per cent."""
    return (new / old - 1) * 100


def level(change_pct: float) -> float:
    """The level after a change, as a percentage of the baseline: level(-20.2) = 79.8."""
    return 100 + change_pct
