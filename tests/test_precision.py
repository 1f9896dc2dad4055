"""precision.py's rule and three_public.py's scope findings, checked on 2023 by hand."""

from __future__ import annotations

import pytest
from conftest import REPO

from fiscalbook import load_year
from fiscalbook.data.expressions import Interval
from fiscalbook.story import fmt, precision, three_public
from fiscalbook.story.chapter import Chapter


def test_corners_treat_a_figure_that_enters_twice_as_one_input():
    # x − x is exactly zero, whatever x's rounding; interval arithmetic alone would give ±1
    box = precision.corners(lambda x: x - x, Interval(1.5, 2.5))
    assert (box.lo, box.hi) == (0, 0)


def test_the_budget_behind_an_execution_rate_is_good_to_hundredths_of_a_wan():
    # by hand: 1,256.245 / 93.585 % = 1,342.357; 1,256.255 / 93.575 % = 1,342.511
    figures = load_year(2023, REPO / "data", "zhongwei")
    box = precision.corners(lambda spent, rate: spent / rate * 100,
                               figures.interval("municipal.three_public.total", "万元"),
                               figures.interval("municipal.three_public.total.pct_of_budget"))
    assert box.lo == pytest.approx(1342.357, abs=0.001) and box.hi == pytest.approx(1342.511, abs=0.001)
    assert "1,342.35 to 1,342.52 万元 (±0.08 万元)" in precision.precision_line(box, "万元", "en", 2)
    assert "1,342.35至1,342.52万元（±0.08万元）" in precision.precision_line(box, "万元", "zh", 2)


def test_the_sign_is_named_only_for_a_difference():
    assert "sign" not in precision.precision_line(Interval(-0.05, -0.03), "亿元", "en", 2)
    assert "sign holds" in precision.precision_line(Interval(-0.05, -0.03), "亿元", "en", 2, signed=True)
    assert "either way" in precision.precision_line(Interval(-0.05, 0.03), "亿元", "en", 2, signed=True)
    assert "个百分点" in precision.range_text(Interval(55.49, 55.62), "%", "zh", 2)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_comparison_of_scopes_is_set_apart_from_the_identities(lang):
    ch = Chapter(2023, lang, REPO / "data", "key_work", needs=("keywork.",), place="zhongwei")
    rules = ch.rules_in("二.(三)")
    scoped = three_public.scope_comparisons(ch, rules)
    assert scoped == ["keywork.risk.three_public_budget.prior_against_city"]
    assert not set(scoped) & set(three_public.identities(ch, rules))
    en, zh = three_public.scope_finding(ch, scoped[0])
    assert "comparison of two scopes" in en and "our reading" in en.lower()
    assert ("500 万元" in en and "495 and 995" in en) if lang == "en" else "相差约500万元" in zh
    assert "口径" in zh and "本书的理解" in zh and "✗" not in en + zh


def test_supported_places_is_the_book_s_one_rule():
    """The chapters' answers show the digits fmt.places_for gives (the rule the methods chapter
    states: the last digit's unit is no larger than the range's width)."""
    for low, high in [(146.94, 147.03), (55.49, 55.62), (346.31, 346.33), (10.08, 10.13), (0.76, 0.78),
                      (2.75, 2.77), (23.636, 23.694), (187.64, 187.95), (492.4, 497.5)]:
        assert precision.supported_places(low, high) == fmt.places_for(low, high), (low, high)
    assert precision.supported_places(1.0, 1.0) == 2
    assert precision.supported_places(0.0, 0.004) == 2


def test_a_difference_of_two_figures_keeps_their_digits():
    # 3.14 − 2.37, each good to ±0.005: 0.76 to 0.78. The answer 0.77 lies in that range; 0.8,
    # which dropping a digit would show, lies outside it (round 8 read it as a wrong figure).
    assert precision.supported_places(0.76, 0.78) == 2
    assert precision.supported_places(346.32 - 0.01, 346.32 + 0.01) == 2
    text = precision.range_text(Interval(0.76, 0.78), "亿元", "en", 3)
    assert text.startswith("0.76 to 0.78 亿元 (±0.01"), text


def test_an_answer_never_lies_outside_the_range_printed_beside_it():
    # 117.56 亿元 at 62.6%: 187.64 to 187.95 (printed outwards, 187.63 to 187.96); the answer at whole
    # 亿元, 188, is outside those ends
    box = Interval(187.6378, 187.9536)
    assert "187.63 to 187.96" in precision.precision_line(box, "亿元", "en", 2)
    assert "187.6 to 188.0" in precision.precision_line(box, "亿元", "en", 2, answer=(187.79, 0))
    assert "23.6至23.7亿元" in precision.range_text(Interval(23.64, 23.69), "亿元", "zh", 2, answer=(23.665, 1))
    assert "55.49% to 55.62%" in precision.range_text(Interval(55.49, 55.62), "%", "en", 2, answer=(55.55, 1))


def test_supported_places_never_round_outside_the_range():
    # 485.06 / 0.98 with the rate between 97.5% and 98.5%: 492.4 to 497.5, shown as 495, not 490;
    # 143.02 / 0.55 − 143.02 with 54.5% to 55.5%: 114.7 to 119.4, shown as 117, not 120.
    assert precision.supported_places(492.4, 497.5) == 0
    assert precision.supported_places(114.67, 119.41) == 0
    assert precision.supported_places(3.01, 4.23) == 0  # 3.62 shown as 4: inside the range


def test_cap_margin_says_how_close_a_level_is_to_its_cap():
    from fiscalbook.story.three_public import cap_margin
    assert cap_margin(-20.2, 80)[0] == "within the ceiling by 0.2 percentage points (79.8% of the base year)"
    assert cap_margin(-20.2, 80)[1] == "未超过上限，相差0.2个百分点（为基准年的79.8%）"
    assert cap_margin(-25, 80, 0)[0] == "within the ceiling by 5 percentage points (75% of the base year)"
    assert cap_margin(-15, 80)[1] == "超过上限"


def test_decimals_written_counts_the_decimals_as_written():
    from fiscalbook.story.precision import decimals_written
    assert decimals_written("-20.2") == 1
    assert decimals_written("80") == 0


def test_outward_range_rounds_each_end_away_from_the_value():
    from types import SimpleNamespace

    import pandas as pd

    from fiscalbook.story.precision import outward_range
    ch = SimpleNamespace(lang="en", indicators=pd.DataFrame({"value": [2.94], "low": [2.7712], "high": [3.1234]},
                                                             index=["g"]))
    # the value shows one decimal (2.9%); its range, by the methods chapter's rule, one more
    assert outward_range(ch, "g") == "2.77% to 3.13%"
    assert outward_range(ch, "g", 1) == "2.7% to 3.2%"
    ch.lang = "zh"
    assert outward_range(ch, "g") == "2.77%至3.13%"


def test_a_printed_range_holds_the_whole_range_the_digits_allow():
    # round 8: 0.166 to 0.235 was printed 0.17 to 0.23, narrower than the truth
    assert "0.16 to 0.24" in precision.range_text(Interval(0.166, 0.235), "亿元", "en", 2)
    assert "55.49% to 55.63%" in precision.range_text(Interval(55.49, 55.625), "%", "en", 2)


def test_notebooks_take_a_written_figure_s_range_from_the_package():
    # round 11: three solutions built the half-unit range of a written figure by hand and printed
    # its ends rounded to nearest (7.786 for 7.7855), not outwards; Interval.written, corners and
    # outward_ends do it once, for every notebook
    import json

    by_hand = ("def bounds(", "ROUND_FLOOR", "ROUND_CEILING")  # a range of written figures, or its ends, by hand
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
        assert not [word for word in by_hand if word in code], path.name


def test_the_plus_minus_is_never_less_than_half_the_printed_ends_apart():
    # 0.6645 ± 0.05005: the ends round outwards to 0.614 and 0.715, 0.101 apart. A ± to the nearest
    # digit (±0.050) would be less than half that; rounded up like the ends it is ±0.051, which a
    # reader can check against the printed ends (round 11 found a ±0.07 beside ends 0.16 apart).
    text = precision.range_text(Interval(0.61455, 0.71465), "亿元", "en", 3)
    assert text == "0.614 to 0.715 亿元 (±0.051 亿元)", text
