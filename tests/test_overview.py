"""fiscalbook.story.overview: the year-by-year table and growth comparison (silent with one report year),
the identity of the implied budget and the growth on the final base, in both editions, checked by hand
against the 2023 report (/work/shared/source/zhongwei-2023-final-accounts-and-2024-h1-report.txt)."""

from __future__ import annotations

import re

import pytest
from conftest import PLACE, REPO, YEAR
from support.synthetic import synthetic_year, thin_year

from fiscalbook.data.load import load_year
from fiscalbook.story import overview
from fiscalbook.story.chapter import Chapter

SERIES_KEYS = ["whole.general.revenue", "whole.general.expenditure", "whole.fund.revenue", "whole.fund.expenditure"]
TARGET = "measures.revenue.general_revenue_growth.target"
WHOLE_RULE, CITY_RULE = "h1.whole.general.revenue.budget_basis", "h1.city.general.revenue.budget_basis"


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param


def chapter(lang: str, data_dir=REPO / "data", year: int = YEAR) -> Chapter:
    return Chapter(year, lang, data_dir, "overview", place=PLACE)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_one_report_year_gives_no_table_and_no_comparison(shown, lang):
    ch = chapter(lang)
    assert overview.series_table(ch, SERIES_KEYS, caption="c") is False
    overview.growth_against_previous(ch, SERIES_KEYS)
    assert shown == []  # data/ holds only 2023 for the place, so there is no previous report to set beside


def test_two_report_years_give_a_table_and_the_growth_set_beside_the_previous_report(data_copy, monkeypatch,
                                                                                     shown, lang):
    synthetic_year(data_copy, YEAR, YEAR + 1, data_copy)  # a made-up 2024 beside the real 2023
    ch = chapter(lang, data_copy, YEAR + 1)
    frames = []
    monkeypatch.setattr(ch, "table", lambda frame, caption="", **kw: frames.append(frame))
    assert overview.series_table(ch, SERIES_KEYS, caption="c") is True
    (frame,) = frames
    assert list(frame.iloc[:, 0]) == ["2023", "2024"]
    # Every key is in 亿元 (lines 11, 13, 15), so the unit goes in the headers and the cells are bare numbers.
    assert all(("(亿元)" if lang == "en" else "（亿元）") in header for header in frame.columns[1:])
    # The 2023 row as the report states it: line 11 23.17, line 13 211.86, line 15 8.24 and 8.31.
    assert list(frame.iloc[0, 1:]) == ["23.17", "211.86", "8.24", "8.31"]
    overview.growth_against_previous(ch, SERIES_KEYS)
    (sentence,) = shown
    assert sentence.startswith("Set beside the 2023 report: " if lang == "en" else "与2023年报告对照：")
    # The computed growth is this table's two figures' ratio (the made-up year's values, read from its data).
    new, old = load_year(YEAR + 1, data_copy, PLACE), load_year(YEAR, data_copy, PLACE)
    growth = (new.value("whole.general.revenue") / old.value("whole.general.revenue") - 1) * 100
    assert f"{growth:.1f}%" in sentence


def test_the_implied_budget_is_the_january_estimate_raised_by_3_percent(lang):
    ch = chapter(lang)
    # Whole city: line 87, 13.56 亿元 at 57.3% of budget -> 23.665; line 21 January estimate 22.97 x 1.03 (the 3%
    # target, line 119) = 23.659, within the rounding of 13.56 and 57.3%. City level: line 91, 5.68 at 56.7% ->
    # 10.018; line 37 estimate 9.73 x 1.03 = 10.022, within rounding too.
    assert overview.holds(ch, WHOLE_RULE) and overview.holds(ch, CITY_RULE)
    basis = overview.budget_basis(ch, WHOLE_RULE)
    equals = {"en": "within rounding, with the January estimate", "zh": "在四舍五入误差内与年初人代会报告的"}
    assert equals[lang] in basis
    assert "{prelim}" in basis and "{target}" in basis  # left for the paragraph's own values


def test_growth_on_the_final_base_falls_short_of_the_target_for_the_whole_city(lang):
    ch = chapter(lang)
    # Whole city: 23.665 / 23.17 (line 11) = 1.0214 -> 2.1%, below the 3% target of line 119.
    whole = plain(overview.on_final_base(ch, "h1.whole.general.revenue.budget_growth", TARGET, True))
    assert "2.1%" in whole and "3%" in whole
    assert whole.startswith("growth of only 2.1%" if lang == "en" else "只比决算数高2.1%")
    # City level: 10.018 / 9.69 (line 27) = 1.0338 -> 3.4%, above 3%, so no shortfall is said.
    city = plain(overview.on_final_base(ch, "h1.city.general.revenue.budget_growth", TARGET, True))
    assert city == ("growth of 3.4%" if lang == "en" else "比决算数高3.4%")
    # Without the identity holding, the shortfall reading is not said either.
    assert plain(overview.on_final_base(ch, "h1.whole.general.revenue.budget_growth", TARGET, False)) == (
        "growth of 2.1%" if lang == "en" else "比决算数高2.1%")


def test_a_missing_january_estimate_leaves_no_budget_basis_sentence(data_copy, lang):
    # Without line 21's January estimate (22.97 亿元) the identity cannot be checked: no sentence, and it does not hold.
    thin_year(data_copy, YEAR, drop_keys=["prelim.whole.general.revenue"])
    ch = chapter(lang, data_copy)
    assert not overview.holds(ch, WHOLE_RULE)
    assert overview.budget_basis(ch, WHOLE_RULE) == ""
    assert overview.holds(ch, CITY_RULE)  # the city level's estimate (line 37, 9.73) is still there


# The chapter's sentences chosen by data, checked by hand against the report's lines.
H1_RATES = ("h1.whole.general.revenue.pct_of_budget", "h1.whole.general.expenditure.pct_of_adjusted_budget")


def test_the_social_insurance_funds_have_a_balance(lang):
    # Line 17: revenue 36.88 亿元, spending 29.8 亿元: revenue minus spending is positive, a balance (结余).
    assert overview.balance_word(chapter(lang), "balance.whole.social_insurance") == {"en": "a balance",
                                                                                      "zh": "结余"}[lang]


def test_without_line_17s_spending_the_balance_word_is_neutral(data_copy, lang):
    thin_year(data_copy, YEAR, drop_keys=["whole.social_insurance.expenditure"])
    assert overview.balance_word(chapter(lang, data_copy), "balance.whole.social_insurance") == {
        "en": "a balance", "zh": "差额"}[lang]


def test_the_first_half_is_double_over_half(lang):
    # Line 87: revenue 57.3% of budget, spending 62.6% of the adjusted budget: both past half.
    sentence = overview.double_half(chapter(lang), *H1_RATES)
    expected = {"en": "which is what “double over half” (双过半) usually means", "zh": "即通常所说的“双过半”"}
    assert expected[lang] in sentence


def test_without_line_87s_revenue_rate_no_double_half_sentence(data_copy, lang):
    thin_year(data_copy, YEAR, drop_keys=[H1_RATES[0]])
    assert overview.double_half(chapter(lang, data_copy), *H1_RATES) == ""


def test_the_debt_bar_needs_line_47s_three_figures(data_copy, lang, monkeypatch):
    drawn = []
    ch = chapter(lang)
    monkeypatch.setattr(ch, "figure", lambda fig, **kw: drawn.append(kw["alt"]))
    overview.debt_bar(ch, "city.debt.ceiling", "city.debt.balance", "city.debt.headroom")
    (alt,) = drawn
    assert "76.57" in alt[0] and "11.09" in alt[1]  # line 47: debt outstanding 76.57 亿元, headroom 11.09 亿元
    thin_year(data_copy, YEAR, drop_keys=["city.debt.headroom"])
    thin = chapter(lang, data_copy)
    monkeypatch.setattr(thin, "figure", lambda fig, **kw: drawn.append(kw["alt"]))
    overview.debt_bar(thin, "city.debt.ceiling", "city.debt.balance", "city.debt.headroom")
    assert len(drawn) == 1


def test_the_budget_pairs_chart_leaves_out_the_state_capital_budget_in_wan_yuan(lang, monkeypatch):
    drawn = []
    ch = chapter(lang)
    monkeypatch.setattr(ch, "figure", lambda fig, **kw: drawn.append(kw))
    pairs = {code: (f"whole.{code}.revenue", f"whole.{code}.expenditure")
             for code in ("general", "fund", "social_insurance", "state_capital")}
    overview.budget_pairs_chart(ch, pairs, "regulations:3")
    (shown_chart,) = drawn
    # Line 19: the state capital budget's 310 and 257 万元 are not drawn at the scale of 亿元 (lines 11-17).
    assert "310" in shown_chart["alt"][0].split("Not drawn")[1]
    assert "23.17" in shown_chart["alt"][1] and "规模过小未画出" in shown_chart["alt"][1]


def test_the_growth_target_s_part_of_the_report_names_the_whole_city_first(monkeypatch):
    """Report L115: part 三 opens "下半年，全市财政部门将…", the hint at the target's scope that the
    sentence stating the target (L119) leaves out; a part that opens otherwise gives no hint."""
    from fiscalbook.story import overview
    from fiscalbook.story.chapter import Chapter

    target = "measures.revenue.general_revenue_growth.target"
    ch = Chapter(2023, "en", REPO / "data", "overview")
    assert overview.part_names_whole(ch, target)
    assert "opens by naming 全市" in overview.budget_basis(ch, "h1.whole.general.revenue.budget_basis", target)
    other = [("三", "下半年工作措施", "下半年，财政部门将继续努力。")]
    monkeypatch.setattr(type(ch), "report_headings", lambda self: other)
    assert not overview.part_names_whole(ch, target)
