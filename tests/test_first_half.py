"""fiscalbook.story.first_half: chapter 11's rates against the half-year mark, "double over half", the
carry-overs and the sentences they choose, in both editions, checked by hand against the 2023 report
(/work/shared/source/zhongwei-2023-final-accounts-and-2024-h1-report.txt, line numbers as cited)."""

from __future__ import annotations

import pytest
from conftest import PLACE, REPO, YEAR
from support.synthetic import thin_year

from fiscalbook.story import first_half, half_year
from fiscalbook.story.chapter import Chapter

KEYS = {"revenue": "h1.whole.general.revenue", "target": "measures.revenue.general_revenue_growth.target",
        "growth": "h1.whole.general.revenue.budget_growth", "final": "whole.general.revenue"}


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param


def chapter(lang: str, data_dir=REPO / "data") -> Chapter:
    return Chapter(YEAR, lang, data_dir, "first_half", needs=["h1."], place=PLACE)


def test_both_scopes_are_double_over_half(lang):
    # Line 87: whole city 57.3% of budget and 62.6% of the adjusted budget; line 91: city-level 56.7% and 65.8%.
    ch = chapter(lang)
    rates = first_half.rates(ch.data.select("h1."))
    assert sorted(rates["value"]) == [56.7, 57.3, 62.6, 65.8]
    assert first_half.double_over_half(rates) == {"全市": True, "市本级": True}
    lines = first_half.rate_lines(ch, rates, first_half.double_over_half(rates))
    assert lines.count("\n") == 1 and "57.3%" in lines and "65.8%" in lines
    # The report announces 双过半 once, and its figures bear it out.
    assert first_half.rates_summary(ch, {"全市": True, "市本级": True}).endswith(
        {"en": "is borne out by its own figures.", "zh": "由其自身数据得到印证。"}[lang])


def test_no_rate_and_a_shortfall_choose_their_sentences(lang):
    ch = chapter(lang)
    assert first_half.rates_summary(ch, {}) == ch.t("The report states no execution rate for the half-year.",
                                                    "报告没有列出半年的预算执行进度。")
    assert first_half.rates_summary(ch, {"全市": True, "市本级": False}).endswith(
        ch.t('although the report announces "double over half" (双过半).', "尽管报告称实现了“双过半”。"))


def test_the_carry_overs_of_line_91_are_set_apart_from_the_amounts(lang):
    # Line 91: bond funds 0.26 亿元 and a general budget balance of 9.27 亿元 carried into the year.
    ch = chapter(lang)
    rules, pairs = first_half.carry_overs(ch, "二")
    carried = sorted(ch.fact(carry).text for _, carry, _ in pairs)
    assert len(rules) == len(pairs) and {"0.26", "9.27"} <= set(carried)
    assert not {carry for _, carry, _ in pairs} & set(first_half.amounts(ch, "二.(二)", pairs))
    summary = first_half.summary_points(ch, {"全市": True}, rules, half_year.budget_bases(ch), KEYS)
    assert ch.t("All ", "报告列出的") in summary and "13.56" not in summary


def test_a_whole_city_revenue_of_line_87_described_with_its_rate_and_growth(lang):
    ch = chapter(lang)
    text = first_half.describe(ch, "h1.whole.general.revenue")
    assert "13.56" in text and "57.3%" in text and "1.5%" in text


def test_without_the_general_budget_figures_a_sentence_says_so(data_copy, lang, monkeypatch):
    thin_year(data_copy, YEAR, drop_keys=["h1.city.general.revenue", "h1.city.general.expenditure"])
    ch = chapter(lang, data_copy)
    said = []
    monkeypatch.setattr(ch, "say", lambda en, zh, **values: said.append(ch.t(en, zh)))
    _, pairs = first_half.carry_overs(ch, "二")
    first_half.general_budget(ch, first_half.amounts(ch, "二.(二)", pairs), ("city-level government", "市本级"),
                              "self_sufficiency.h1_city")
    assert said == [ch.t("The report states no general public budget figure for the {scope} in this half-year.",
                         "报告没有列出{scope}本半年的一般公共预算数字。")]
