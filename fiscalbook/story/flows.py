"""A money-flow (Sankey-style) diagram of one budget: sources on the left flow into the budget's
pool in the middle, which flows out to the uses on the right.

Every band is drawn to scale: its thickness is its amount times one factor, the same for every
band, at both ends. Nodes on each side are stacked in the order given; each label sits outside
its node, at the node's centre, and the gaps between nodes (which carry no amount) are widened
wherever two labels would otherwise overlap. A node too thin to see beside its label (a flow of
0.04 亿元 beside one of 59 亿元) is drawn as a hairline and joined to its label by a leader line.

``sides_of`` turns an identity (``sources = uses``, as in ``data/rules.csv``) into the flows a
year can draw: figures the year lacks and negative amounts (which no band can show) are set
aside for the chapter to name. Nothing here knows a year, a key or a figure.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as CurvePath

from fiscalbook.story.style import FIGURE_WIDTH, GREY

POINTS = 72  # points per inch: the diagram is laid out in points
FONT_SIZE = 9
LINE_CHARS = {"latin": 27, "cjk": 12}  # characters per line of a flow label
MARGIN = 6.0  # points around the drawing
TITLE_SPACE = 36.0  # points above the nodes for the headings of the columns and of the pool
NODE_GAP = 7.0  # points between two nodes on one side
NODE_WIDTH = 9.0
LABEL_PAD = 5.0  # points between two labels
LABEL_OFFSET = 16.0  # points between a node and its label: room for a leader line
THIN = 3.0  # points: a node thinner than this gets a leader line to its label
POOL_WIDTH = 16.0
LABEL_COLUMN = 0.28  # share of the width for each column of labels
POOL_HEIGHT = 250.0  # points: the height of the pool, and of the larger side's bands together
LEGEND_SPACE = 24.0  # points below the drawing for the legend
BAND_ALPHA = 0.45
POOL_COLOR = "#4D4D4D"


@dataclass(frozen=True)
class Flow:
    """One source or use: its label and amount text (already in the edition's words), its
    value in the diagram's unit, and its colour."""

    label: str
    value: float
    text: str
    color: str = GREY


@dataclass(frozen=True)
class Band:
    """Where one flow is drawn, in points: from its node (``node``: bottom, top) to the pool
    (``pool``: bottom, top)."""

    flow: Flow
    side: str  # "source" or "use"
    node: tuple[float, float]
    pool: tuple[float, float]

    @property
    def thickness(self) -> float:
        return self.node[1] - self.node[0]

    @property
    def centre(self) -> float:
        return (self.node[0] + self.node[1]) / 2


@dataclass(frozen=True)
class Sides:
    """The flows of an identity a year can draw, and those it cannot."""

    sources: list[str]
    uses: list[str]
    missing: list[str]  # the year does not state them
    negative: list[str]  # stated, but below zero: a band cannot show them


def sides_of(source_keys: Sequence[str], use_keys: Sequence[str],
             value: Callable[[str], float | None]) -> Sides:
    """Sort an identity's keys into drawable sources and uses; ``value`` returns None for a
    figure the year lacks."""
    drawable: dict[str, list[str]] = {"sources": [], "uses": []}
    missing, negative = [], []
    for side, keys in (("sources", source_keys), ("uses", use_keys)):
        for key in keys:
            amount = value(key)
            if amount is None or (isinstance(amount, float) and math.isnan(amount)):
                missing.append(key)
            elif amount < 0:
                negative.append(key)
            else:
                drawable[side].append(key)
    return Sides(drawable["sources"], drawable["uses"], missing, negative)


def _check(flows: Sequence[Flow], side: str) -> None:
    if not flows:
        raise ValueError(f"a money-flow diagram needs at least one {side}")
    for flow in flows:
        if not math.isfinite(flow.value) or flow.value < 0:
            raise ValueError(f"a flow must be a finite amount of zero or more: {flow.label} is {flow.value}")


def _gaps(thickness: Sequence[float], label_heights: Sequence[float] | None) -> list[float]:
    """The gap below each node but the last: NODE_GAP, or more where the two labels would
    otherwise overlap when each sits at its node's centre."""
    gaps = []
    for i in range(len(thickness) - 1):
        gap = NODE_GAP
        if label_heights is not None:
            centre_distance = (label_heights[i] + label_heights[i + 1]) / 2 + LABEL_PAD
            gap = max(gap, centre_distance - (thickness[i] + thickness[i + 1]) / 2)
        gaps.append(gap)
    return gaps


def _stack(thickness: Sequence[float], gaps: Sequence[float], top: float) -> list[tuple[float, float]]:
    """(bottom, top) of each node, from ``top`` down, the given gaps apart."""
    spans = []
    for i, size in enumerate(thickness):
        spans.append((top - size, top))
        top -= size + (gaps[i] if i < len(gaps) else 0)
    return spans


def layout(sources: Sequence[Flow], uses: Sequence[Flow], pool_height: float = POOL_HEIGHT,
           label_heights: dict[str, Sequence[float]] | None = None) -> list[Band]:
    """The bands of both sides, in points, centred on y = 0: the pool is ``pool_height`` tall
    (the larger side's total), and each band is as thick at its node as where it meets the pool.
    With ``label_heights`` (per side, in points), nodes are spaced so that every label can sit
    at its node's centre."""
    _check(sources, "source")
    _check(uses, "use")
    total = max(sum(f.value for f in sources), sum(f.value for f in uses))
    scale = pool_height / total if total > 0 else 0.0
    bands = []
    for side, flows in (("source", sources), ("use", uses)):
        thickness = [f.value * scale for f in flows]
        gaps = _gaps(thickness, (label_heights or {}).get(side))
        nodes = _stack(thickness, gaps, (sum(thickness) + sum(gaps)) / 2)
        pools = _stack(thickness, [0.0] * len(gaps), pool_height / 2)
        bands += [Band(f, side, n, p) for f, n, p in zip(flows, nodes, pools, strict=True)]
    return bands


def wrap(text: str, lines: int = 3) -> str:
    """A flow's label on at most ``lines`` lines of the label column."""
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text)) > len(text) / 3
    wrapped = textwrap.wrap(text, LINE_CHARS["cjk" if cjk else "latin"], break_long_words=cjk)
    return "\n".join(wrapped[:lines]) + ("…" if len(wrapped) > lines else "")


def _band_path(x0: float, span0: tuple[float, float], x1: float, span1: tuple[float, float]) -> CurvePath:
    """A band from a vertical span at x0 to one at x1, its edges S-shaped cubic curves."""
    mid = (x0 + x1) / 2
    (b0, t0), (b1, t1) = span0, span1
    vertices = [(x0, t0), (mid, t0), (mid, t1), (x1, t1), (x1, b1), (mid, b1), (mid, b0), (x0, b0), (x0, t0)]
    codes = [CurvePath.MOVETO] + [CurvePath.CURVE4] * 3 + [CurvePath.LINETO] + [CurvePath.CURVE4] * 3
    return CurvePath(vertices, codes + [CurvePath.CLOSEPOLY])


@dataclass(frozen=True)
class _Columns:
    """x positions, in points, of the parts of the diagram."""

    width: float

    @property
    def source_node(self) -> float:
        return self.width * LABEL_COLUMN - NODE_WIDTH

    @property
    def use_node(self) -> float:
        return self.width * (1 - LABEL_COLUMN)

    @property
    def pool(self) -> float:
        return (self.width - POOL_WIDTH) / 2


def _label_heights(fig: plt.Figure, texts: Sequence[str]) -> list[float]:
    """The height of each label, in points, as the renderer will draw it."""
    renderer = fig.canvas.get_renderer()
    heights = []
    for text in texts:
        probe = fig.text(0, 0, text, fontsize=FONT_SIZE, linespacing=1.15)
        heights.append(probe.get_window_extent(renderer).height * POINTS / fig.dpi)
        probe.remove()
    return heights


def sankey(sources: Sequence[Flow], uses: Sequence[Flow], centre: str, titles: tuple[str, str],
           legend: dict[str, str] | None = None) -> plt.Figure:
    """The diagram: ``sources`` flow into a pool labelled ``centre``, which flows out to ``uses``;
    ``titles`` head the two columns; ``legend`` (name: colour) says what the colours mean, below.
    Each flow is labelled '<label>\\n<text>' outside its node."""
    _check(sources, "source")
    _check(uses, "use")
    width = FIGURE_WIDTH * POINTS
    labels = {side: [f"{wrap(f.label)}\n{f.text}" for f in flows]
              for side, flows in (("source", sources), ("use", uses))}
    fig = plt.figure(figsize=(FIGURE_WIDTH, 1))
    heights = {side: _label_heights(fig, texts) for side, texts in labels.items()}
    bands = layout(sources, uses, POOL_HEIGHT, heights)
    high = max(max(b.node[1] for b in bands), POOL_HEIGHT / 2)
    low = min(min(b.node[0] for b in bands), -POOL_HEIGHT / 2)
    for side in heights:  # room for labels taller than their side's stack of nodes
        mine = [b.centre for b in bands if b.side == side]
        high = max(high, mine[0] + heights[side][0] / 2)
        low = min(low, mine[-1] - heights[side][-1] / 2)
    bottom = low - MARGIN - (LEGEND_SPACE if legend else 0)
    top = high + TITLE_SPACE
    fig.set_size_inches(FIGURE_WIDTH, (top + MARGIN - bottom) / POINTS)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(bottom, top + MARGIN)
    ax.set_axis_off()
    columns = _Columns(width)
    for side in ("source", "use"):
        for band, text in zip([b for b in bands if b.side == side], labels[side], strict=True):
            _draw_band(ax, columns, band, text)
    pool_top = max(b.pool[1] for b in bands)
    pool_bottom = min(b.pool[0] for b in bands)
    ax.add_patch(Rectangle((columns.pool, pool_bottom), POOL_WIDTH, pool_top - pool_bottom, color=POOL_COLOR))
    headings = ((columns.source_node + NODE_WIDTH, titles[0], "right"), (width / 2, centre, "center"),
                (columns.use_node, titles[1], "left"))
    for x, heading, align in headings:
        ax.text(x, top, heading, ha=align, va="top", fontsize=FONT_SIZE + 2, linespacing=1.15)
    if legend:
        boxes = [Rectangle((0, 0), 1, 1, color=color, alpha=BAND_ALPHA + 0.2) for color in legend.values()]
        ax.legend(boxes, list(legend), loc="lower center", bbox_to_anchor=(0.5, 0), ncol=min(len(legend), 5),
                  frameon=False, fontsize=FONT_SIZE, handlelength=1.2, columnspacing=1.2)
    return fig


def _draw_band(ax: plt.Axes, columns: _Columns, band: Band, text: str) -> None:
    """A band, its node, and its label at the node's centre, joined to a thin node by a leader line."""
    color = band.flow.color
    if band.side == "source":
        node_x, band_from, band_to = columns.source_node, columns.source_node + NODE_WIDTH, columns.pool
        spans = (band.node, band.pool)
        edge, outward, align = columns.source_node, -1, "right"
    else:
        node_x, band_from, band_to = columns.use_node, columns.pool + POOL_WIDTH, columns.use_node
        spans = (band.pool, band.node)
        edge, outward, align = columns.use_node + NODE_WIDTH, 1, "left"
    # A tiny flow is thinner than a pixel: its outline keeps it visible as a hairline.
    ax.add_patch(PathPatch(_band_path(band_from, spans[0], band_to, spans[1]), facecolor=color,
                           edgecolor=color, alpha=BAND_ALPHA, linewidth=0.4))
    ax.add_patch(Rectangle((node_x, band.node[0]), NODE_WIDTH, band.thickness, facecolor=color,
                           edgecolor=color, linewidth=0.6))
    label_x = edge + outward * LABEL_OFFSET
    if band.thickness < THIN:
        ax.plot([edge + outward, label_x - outward * 2], [band.centre, band.centre], color=GREY, linewidth=0.7,
                gid=f"flow-leader-{band.side}")
    ax.text(label_x, band.centre, text, ha=align, va="center", fontsize=FONT_SIZE, linespacing=1.15,
            gid=f"flow-label-{band.side}")
