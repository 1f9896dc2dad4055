"""The money-flow diagram: bands to scale, order kept, every flow labelled without overlaps,
missing and negative flows set aside, bad input refused."""

from __future__ import annotations

import itertools
import math

import matplotlib.pyplot as plt
import pytest

from fiscalbook.story import style
from fiscalbook.story.flows import LABEL_PAD, NODE_GAP, POOL_HEIGHT, THIN, Flow, layout, sankey, sides_of, wrap

SOURCES = [Flow("Own revenue", 9.69, "9.69"), Flow("Transfers", 74.4, "74.4"), Flow("Carry-over", 14.94, "14.94")]
USES = [Flow("Expenditure", 59.42, "59.42"), Flow("Tiny", 0.04, "0.04"), Flow("Tinier still", 0.0, "0"),
        Flow("Balance", 39.57, "39.57")]


@pytest.fixture(autouse=True)
def book_style():
    style.apply()
    yield
    plt.close("all")


def sides(bands, side):
    return [band for band in bands if band.side == side]


def test_every_band_is_drawn_to_one_scale_at_both_ends():
    bands = layout(SOURCES, USES, pool_height=200)
    scale = 200 / sum(f.value for f in SOURCES)
    for band in bands:
        assert band.thickness == pytest.approx(band.flow.value * scale)
        assert band.pool[1] - band.pool[0] == pytest.approx(band.flow.value * scale)


def test_nodes_keep_the_order_given_and_meet_the_pool_without_gaps():
    bands = layout(SOURCES, USES, pool_height=200)
    for side, flows in (("source", SOURCES), ("use", USES)):
        mine = sides(bands, side)
        assert [b.flow for b in mine] == flows
        for upper, lower in itertools.pairwise(mine):
            assert upper.node[0] - lower.node[1] >= NODE_GAP - 1e-9  # top to bottom, apart
            assert upper.pool[0] == pytest.approx(lower.pool[1])  # contiguous at the pool
        assert mine[0].pool[1] == pytest.approx(100)  # the pool is centred on zero


def test_unbalanced_sides_fill_the_pool_from_the_top():
    uses = [Flow("Expenditure", 50, "50")]  # less than the sources' total
    bands = layout(SOURCES, uses, pool_height=200)
    use = sides(bands, "use")[0]
    assert use.pool[1] == pytest.approx(100)
    assert use.pool[0] == pytest.approx(100 - 50 * 200 / sum(f.value for f in SOURCES))


def test_nodes_make_room_for_their_labels():
    heights = {"source": [30, 30, 30], "use": [30, 20, 20, 30]}
    bands = layout(SOURCES, USES, pool_height=200, label_heights=heights)
    for side in heights:
        mine = sides(bands, side)
        for i, (upper, lower) in enumerate(itertools.pairwise(mine)):
            needed = (heights[side][i] + heights[side][i + 1]) / 2 + LABEL_PAD
            assert upper.centre - lower.centre >= needed - 1e-9


def label_boxes(fig):
    renderer = fig.canvas.get_renderer()
    return {text.get_text(): text.get_window_extent(renderer) for text in fig.axes[0].texts
            if (text.get_gid() or "").startswith("flow-label")}


def test_every_flow_is_labelled_with_its_amount_and_no_labels_overlap():
    fig = sankey(SOURCES, USES, centre="Budget\n99", titles=("Sources", "Uses"), legend={"Own": "#0072B2"})
    boxes = label_boxes(fig)
    assert len(boxes) == len(SOURCES) + len(USES)
    for flow in SOURCES + USES:
        assert any(flow.label in text and text.endswith(flow.text) for text in boxes), flow.label
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), (a, b)
    figure_box = fig.bbox
    for text, box in boxes.items():
        assert figure_box.x0 <= box.x0 and box.x1 <= figure_box.x1, f"{text} leaves the figure"
        assert figure_box.y0 <= box.y0 and box.y1 <= figure_box.y1, f"{text} leaves the figure"


def test_labels_keep_the_order_and_thin_nodes_get_a_leader_line_to_their_label():
    fig = sankey(SOURCES, USES, centre="Budget", titles=("Sources", "Uses"))
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_gid() == "flow-label-use"]
    assert [t.get_text().split("\n")[0] for t in labels] == [f.label for f in USES]
    heights = [t.get_position()[1] for t in labels]
    assert heights == sorted(heights, reverse=True)  # top to bottom, in the order given
    scale = POOL_HEIGHT / sum(f.value for f in SOURCES)
    thin = [i for i, flow in enumerate(USES) if flow.value * scale < THIN]
    assert [USES[i].label for i in thin] == ["Tiny", "Tinier still"]
    leaders = [line for line in ax.lines if line.get_gid() == "flow-leader-use"]
    assert [line.get_ydata()[0] for line in leaders] == pytest.approx([heights[i] for i in thin])
    assert all(line.get_ydata()[0] == line.get_ydata()[1] for line in leaders)  # level with node and label


def test_chinese_labels_render_in_the_book_font():
    flows = [Flow("地方一般公共预算收入", 9.69, "9.69亿元"), Flow("自治区转移支付", 74.4, "74.4亿元")]
    fig = sankey(flows, [Flow("安排预算稳定调节基金", 0.04, "0.04亿元"), Flow("一般公共预算支出", 84.05, "84.05亿元")],
                 centre="市本级一般公共预算", titles=("资金来源", "资金运用"))
    fig.canvas.draw()  # a missing glyph would raise (style.apply makes the warning an error)
    assert "安排预算稳定调节基金\n0.04亿元" in label_boxes(fig)


def test_long_labels_are_wrapped():
    assert max(len(line) for line in wrap("Surplus and carryover from the previous year").splitlines()) <= 30
    assert "\n" in wrap("社会保险基金预算收入中的财政补贴收入合计")


@pytest.mark.parametrize("bad", [-0.27, math.nan, math.inf])
def test_a_flow_that_no_band_can_show_is_refused(bad):
    with pytest.raises(ValueError, match="finite amount of zero or more"):
        sankey(SOURCES, [*USES, Flow("Bad", bad, "?")], centre="", titles=("", ""))


def test_a_side_without_flows_is_refused():
    with pytest.raises(ValueError, match="at least one use"):
        layout(SOURCES, [])


def test_flows_the_year_lacks_or_cannot_draw_are_set_aside():
    values = {"revenue": 9.69, "transfers": 74.4, "expenditure": 59.42, "refund": -0.96, "nan": math.nan}
    found = sides_of(["revenue", "transfers", "carryover"], ["expenditure", "refund", "stabilisation", "nan"],
                     values.get)
    assert found.sources == ["revenue", "transfers"]
    assert found.uses == ["expenditure"]
    assert found.missing == ["carryover", "stabilisation", "nan"]
    assert found.negative == ["refund"]
