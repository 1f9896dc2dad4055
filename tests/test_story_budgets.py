"""fiscalbook.story.budgets: the areas come from the place's descriptor, counts and sorting are
computed, each rate keeps the base the report names (hand counts on the 2023 report)."""

from pathlib import Path

import pytest

from fiscalbook.story import budgets
from fiscalbook.story.chapter import Chapter

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module", params=["en", "zh"])
def ch(request):
    return Chapter(2023, request.param, DATA, "test_budgets")


def test_areas_are_the_municipal_level_then_the_parts_outside_it(ch):
    found = budgets.areas(ch)
    assert found[0].key == "municipal"
    assert [area.key for area in found[1:]] == [p.key for p in ch.place.parts if not p.within]
    assert budgets.county_count(ch) == len(found) - 1
    assert [p.key for p in budgets.districts(ch)] == [p.key for p in ch.place.parts if p.within]


def test_each_rate_keeps_the_base_the_report_names(ch):
    assert budgets.rate_base(ch, "whole.social_insurance.revenue.pct_of_budget") == ch.t(
        "the annual budget", "年度预算"
    )
    assert budgets.rate_base(ch, "whole.general.revenue.pct_of_budget") == ch.t("budget", "预算")
    assert budgets.rate_base(ch, "whole.general.expenditure.pct_of_adjusted_budget") == ch.t(
        "the adjusted budget", "调整预算"
    )


def test_pairs_of_estimate_and_final_figure_are_counted(ch):
    rev, unit = budgets.revisions(ch, ch.data.select("prelim."))
    assert len(rev) == 14  # hand count: 8 pairs in 一.(一), 6 in 一.(二)
    assert unit == "亿元"
    assert (rev["change"] > 0).sum() == 10 and (rev["change"] < 0).sum() == 4


def test_the_revision_chart_sorts_by_the_unrounded_ratio(ch):
    rev, _ = budgets.revisions(ch, ch.data.select("prelim."))
    order = budgets.by_ratio(rev)
    assert list(order["ratio"]) == sorted(order["ratio"], reverse=True)
    # 23.17/22.97 (whole city, labelled 0.9%) above 13.4/13.3 (municipal level, labelled 1%)
    shown = list(order["shown"])
    assert shown.index(0.9) < shown.index(1.0)


def test_state_capital_own_revenue_came_only_from_the_city_level(ch):
    assert budgets.own_state_capital_elsewhere(ch) == 0


def test_a_missing_figure_gives_not_computable(ch):
    assert budgets.finite({"a": float("nan"), "b": 1.0}) == {"b": 1.0}


def test_rate_counts_of_the_whole_city_section():
    import pandas as pd

    keys = ["a", "a.pct_of_budget", "a.yoy_pct", "b", "b.pct_of_adjusted_budget", "c"]
    measures = ["amount", "pct_of_budget", "yoy_pct", "amount", "pct_of_adjusted_budget", "amount"]
    facts = pd.DataFrame({"key": keys, "measure": measures})
    assert budgets.rate_counts(facts) == (1, 1, 3)


def test_the_precision_example_shows_the_range_behind_the_decimals(ch):
    # 13.3 -> 13.4 (市级): the digits allow 0.0% to 1.6% (rounded outwards, as the table), shown as 1%;
    # 206.7 -> 211.86: 2.46% to 2.53%, 2.5%.
    rev, _ = budgets.revisions(ch, ch.data.select("prelim."))
    example = budgets.precision_example(ch, rev)
    assert all(bound in example for bound in ("0.0%", "1.6%", "2.46%", "2.53%"))


def test_final_amounts_of_the_whole_city_section_against_a_hand_count(ch):
    # Hand count on the 2023 report, 一.(一): 17 final amounts in its first five paragraphs (4 + 4 revenue and
    # expenditure by area, 2 + 2 funds and social insurance, 5 state capital); revenue and spending of the whole
    # city and its three areas carry both rates (8); the funds', social insurance and state capital own revenue
    # and spending one (6). The January estimates, differences and restated finals are not counted.
    section = budgets.final_amounts(ch.data.section("一.(一)"))
    assert budgets.rate_counts(section) == (8, 6, 17)
    assert "17" in budgets.rates_sentence(ch, "一.(一)")


def test_largest_estimate_gap_is_the_funds_spending(ch):
    # Hand check on the 2023 report, 一.(一): 11.66 → 8.31 亿元 is −28.7%, every other pair moves less than 5%.
    assert budgets.largest_estimate_gap(ch) == "whole.fund.expenditure"


def test_estimate_gaps_count_each_pair_once_with_its_direction(ch):
    gaps = budgets.estimate_gaps(ch).set_index("base")
    # hand count: 14 pairs; below the estimate: whole funds and social insurance spending, city
    # revenue (9.73 → 9.69) and city social insurance spending
    assert len(gaps) == 14 and int((gaps["change"] < 0).sum()) == 4
    assert round(gaps.loc["whole.fund.expenditure", "pct"], 1) == -28.7
    assert gaps["change_yuan"].abs().idxmax() == "whole.general.expenditure"  # +5.16 亿元


def test_fund_cut_text_sets_the_shortfall_beside_the_unspent_budget(ch):
    whole, city = budgets.fund_cut_text(ch, "whole"), budgets.fund_cut_text(ch, "city")
    # whole city: 10.06 − 8.24 = 1.82 short, 14.84 − 8.31 = 6.5 unspent; city: 1.98 against 1.62
    assert "1.82" in whole and "28%" in whole and "budget-law:67" in whole
    assert "1.98" in city and "1.62" in city and "28%" not in city
    # the sizes limit the explanation only where the shortfall is smaller than what was left unspent
    assert ch.t("Two things limit", "两处局限") in whole and ch.t("One thing limits", "要打折扣") in city


def test_municipal_identity_shows_the_city_level_plus_the_district(ch):
    """市级（含沙坡头区） = 市本级 + 沙坡头区 in the 2023 figures: 9.69 + 3.71 = 13.4, 59.42 + 35.74 = 95.16."""
    text = budgets.municipal_identity(ch)
    for number in ("9.69", "3.71", "13.4", "59.42", "35.74", "95.16"):
        assert number in text
    assert "市本级" in text and "市级（含沙坡头区）" in text


def test_revenue_moved_more_than_spending_in_two_budgets(ch):
    # hand check on 2023: whole-city social insurance 1.62/35.26 = 4.6% vs 1.25/31.05 = 4.0%;
    # city-level funds 0.75/3.78 = 19.8% vs 0.2/5.03 = 4.0%; every other pair moved less in revenue
    assert budgets.revenue_moved_more(ch) == [
        ("whole.social_insurance.revenue", "whole.social_insurance.expenditure"),
        ("city.fund.revenue", "city.fund.expenditure"),
    ]


def test_state_capital_elsewhere_is_our_reading_when_it_rounds_to_zero(ch, monkeypatch):
    said = {}
    monkeypatch.setattr(ch, "reading", lambda en, zh, evidence, **values: said.update(values, kind="reading"))
    monkeypatch.setattr(ch, "say", lambda en, zh, **values: said.update(values, kind="say"))
    budgets.state_capital_elsewhere_text(ch)
    assert said["kind"] == "reading"  # 60 万元 both: a difference of rounded figures, not a fact
    assert "1" in said["bound"] and "万元" in said["bound"]  # two half-units of whole 万元 add to 1 万元


def test_worded_municipal_name_is_our_reading_with_both_figures(ch):
    text = budgets.worded_municipal_text(ch)
    assert ch.place.word("short_name", "zh") + "市级" in text
    assert ("1,256.25" in text or "1256.25" in text) and "909.93" in text
    assert ("our reading" in text) if ch.lang == "en" else ("本书的解读" in text)


def test_the_funds_shortfall_rule_is_qualified_for_a_summed_scope(ch):
    # 全市 sums several governments' funds budgets; the rule applies to each one's own (Regs Art. 78(7)).
    whole = budgets.fund_rule_text(ch, "whole.fund.revenue")
    city = budgets.fund_rule_text(ch, "city.fund.revenue")
    assert ch.t("sum several governments' budgets", "几级预算的汇总") in whole
    assert ch.t("sum several governments' budgets", "几级预算的汇总") not in city


def test_a_table_cell_prints_the_minus_sign_not_a_hyphen():
    # the revisions table mixed '−28.81 to −28.65' (range) with '-28.7%' (change) in one row
    assert budgets.minus_sign("-28.7%") == "−28.7%"
    assert budgets.minus_sign("0.9%") == "0.9%"
