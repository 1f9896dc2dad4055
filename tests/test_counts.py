"""Counts in prose, computed (fiscalbook/audit/counts.py), against a hand count on the 2023 data;
exact numbers kept exact (fiscalbook/audit/rules.py); a sum of stated amounts with its
arithmetic shown (Indicators.sum_text)."""

from __future__ import annotations

import pytest
from conftest import YEAR

from fiscalbook.audit import counts
from fiscalbook.audit.rules import EXACT, FAILS, ROUNDING, check_rules, figure_interval, implied_values, is_exact
from fiscalbook.data.load import DEFAULT_DATA_DIR
from fiscalbook.story.chapter import Chapter


def test_figures_in_the_key_work_section(year):
    # Hand count, reading data/zhongwei/2023/facts.csv: the rows whose section is 二.(三).1 to
    # 二.(三).4 are 18 + 9 + 12 + 19 = 58; two of them restate an earlier row (13.56 亿元 and
    # 1.5%, the first half's revenue and its growth, first stated in 二.(一)), so 56 distinct.
    # Their amounts (measure "amount", all in 亿元 or 万元): 26 rows, of which one is the
    # restated 13.56, so 25 distinct amounts (24 keywork.* lines and the first half's tax revenue 8.21).
    assert counts.distinct_figures(year, "二.(三)") == 56
    assert counts.amounts_stated(year, "二.(三)") == 25
    assert counts.restatements(year, "二.(三)") == 2
    # The chapters count a section's amounts with its repeats (chapter 07: 29 in 一.(五), the
    # repeated revenue 245.73 included; chapter 12: 26 in 二.(三)), one definition for both.
    assert counts.amounts_stated(year, "二.(三)", restated=True) == 26
    assert counts.amounts_stated(year, "一.(五)", restated=True) == 29
    # Besides, the innovation awards' range, 10 to 50 万元 (L99): two bounds in money, not amounts.
    assert counts.money_range_bounds(year, "二.(三)") == 2
    assert counts.money_ranges(year, "二.(三)") == 1  # one range, two bounds
    assert counts.restated_in(year, "二.(三)") == ["h1.whole.general.revenue", "h1.whole.general.revenue.yoy_pct"]


def test_figures_restated(year):
    # Hand count: 21 rows of facts.csv have a "restates" value; besides, three amounts of 一.(二)
    # come back in 二.(二) under next year's name: 0.26 亿元 (refinancing bonds carried over),
    # 9.27 亿元 (general budget balance) and 1.67 亿元 (funds budget carry-over): 24 in all.
    assert counts.restatements(year) == 21
    assert counts.carried_figures(year) == ["h1.city.general.refinancing_bond_carryover",
                                            "h1.city.general.balance_carryover", "h1.city.fund.carryover"]
    assert counts.figures_restated(year) == 24
    # Those 24 repeat statements concern 21 figures: 23.17 亿元 (L11, L21, L51), 9.69 亿元 (L25, L27,
    # L37) and 4.53 亿元 (twice on L29, once on L37) are each restated
    # twice, so the 21 restatements restate 18 figures; with the 3 carried amounts, 21.
    assert counts.figures_restated_by_name(year) == 18
    assert counts.figures_stated_again(year) == 21
    assert counts.figures_stated_thrice(year) == 3


def test_lines_with_a_stated_rate(year):
    # Hand count of the "three public" rows of 一.(七) with measure pct_of_budget (为预算数的 %):
    # municipal level: total, overseas visits, vehicles, vehicle purchase, vehicle running,
    # hospitality (6); city level: total, vehicles, purchase, running, hospitality (5): 11.
    assert counts.lines_with_rate(year, ("municipal.three_public.", "city.three_public.")) == 11
    assert counts.lines_with_rate(year, "city.three_public.") == 5


def test_the_report_and_its_figures(year):
    # Hand count: facts.csv has 370 rows (371 lines with the header), 21 of them restatements;
    # 219 rows have measure "amount", 19 of those restate one: 200 distinct amounts.
    assert counts.figures_recorded(year) == 370
    assert counts.distinct_figures(year) == 349
    assert counts.amounts_stated(year) == 200
    # exclusions.csv: the "count" column summed by category.
    by_category = counts.exclusions_by_category(year).set_index("category")["tokens"].to_dict()
    assert by_category == {"year_label": 29, "date": 6, "heading_ordinal": 12, "plan_name": 13, "document_number": 2}
    assert counts.numbers_excluded(year) == 62
    assert counts.numbers_in_report(year) == counts.figures_recorded(year) + counts.numbers_excluded(year)


def test_identities_and_inequalities_checked(year):
    # Hand count of data/rules.csv (74 rules) and data/zhongwei/rules.csv (12): 86 rules; relation
    # "<=" on 28, of which one (the "three public" cap) compares two scopes and periods (kind
    # scope_comparison): 27 inequalities, all stated in 2023, all hold; "=" on 58, of which one
    # compares two scopes and three test a reading (two of kind budget_basis, and the tax share,
    # whose scope and period the report does not state, of kind reading): 54 identities, every one
    # checkable in 2023.
    rules = check_rules(year)
    relations = rules["relation"].fillna("").replace("", "=")
    identities = rules[(relations == "=") & ~rules["kind"].isin(counts.NOT_RULES)]
    assert counts.identities_checked(year) == len(identities) == 54
    assert counts.inequalities_checked(year) == 27
    assert counts.scope_comparisons(year) == 2
    assert counts.readings_tested(year) == 3
    # The two failures are one unstated line (the city level's overseas visits), counted as rules.
    assert counts.rule_outcomes(year) == {EXACT: 35, ROUNDING: 17, FAILS: 2, "not_evaluable": 0}
    assert counts.rule_outcomes(year, "<=") == {EXACT: 27, ROUNDING: 0, FAILS: 0, "not_evaluable": 0}


def test_counts_targets_and_caps_are_exact(year):
    assert is_exact(year.fact("measures.revenue.general_revenue_growth.target"))  # 3%: a policy target
    assert is_exact(year.fact("measures.spending.three_public_and_three_fees_cap.target"))  # 80%: a cap
    assert is_exact(year.fact("resolution.livelihood.livelihood_projects"))  # 10 件: a count of cases
    assert not is_exact(year.fact("resolution.livelihood.basic_pension_beneficiaries"))  # 9.07 万人: rounded
    assert not is_exact(year.fact("city.general.revenue"))
    cap = figure_interval(year, "measures.spending.three_public_and_three_fees_cap.target")
    assert cap.lo == cap.hi == 80
    # The cap comparison: 100 − 20.2 = 79.8 (79.75–79.85) against exactly 80.
    result = check_rules(year).set_index("id").loc["resolution.finance.three_public_and_three_fees.within_cap"]
    assert result["status"] == EXACT and result["high"] == pytest.approx(-0.15)
    # An implied prior-year count has no range from the count itself.
    implied = implied_values(year)
    assert all(row.low <= row.value <= row.high for row in implied.itertuples())


def test_over_collection_beside_the_implied_one(year):
    result = check_rules(year).set_index("id").loc["city.general.over_collection.implied"]
    # 354 万元 stated; 9.69 亿元 at 100.4% of budget implies 338–434 万元.
    assert result["status"] == ROUNDING
    assert 354 - result["high"] == pytest.approx(337.3, abs=0.1)
    assert 354 - result["low"] == pytest.approx(434.8, abs=0.1)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sum_text_shows_the_arithmetic(lang):
    ch = Chapter(YEAR, lang, DEFAULT_DATA_DIR, "test")
    keys = ["city.debt.new_general_bonds", "city.debt.new_special_bonds"]
    text = ch.numbers.sum_text(keys)
    assert ">3.1</span> + <" in text and ">2.37</span> = <" in text
    assert ch.t("5.47 亿元", "5.47亿元") in text and 'class="derived"' in text
    caveat = ch.numbers.sum_caveat(keys)
    assert "0.055" in caveat and ch.t("one decimal place", "一位小数") in caveat
    same = ["city.general.tax_revenue", "city.general.nontax_revenue"]
    assert ch.numbers.sum_caveat(same) == ""


def test_lines_left_out(year):
    # Hand check, report L75: the city level's "three public" lines, listed with 其中, are vehicles
    # 864.35 and hospitality 40.06 万元, which make 904.41, not the total 909.93; the gap, 5.52 万元, is
    # the overseas-visit line the report states for the municipal level alone (L73). The implied
    # budgets of the same lines fall short of the implied total by 6.00 万元, about that line's budget.
    # These two identities neither hold nor fail: they leave a line out. No other identity fails.
    assert counts.lines_left_out(year) == ["city.three_public.total.parts", "city.three_public.budget_by_line"]
    outcomes = counts.identity_outcomes(year, "=")
    assert (outcomes[FAILS], outcomes[counts.LEFT_OUT]) == (0, 2)
    assert outcomes[EXACT] + outcomes[ROUNDING] + outcomes[counts.LEFT_OUT] == counts.identities_checked(year)
    assert counts.identity_outcomes(year, "<=")[counts.LEFT_OUT] == 0


def test_a_count_of_cases_ranges_over_whole_numbers():
    assert counts.whole_counts_in(9.5, 10.6) == "10"
    assert counts.whole_counts_in(8.6, 11.2) == "9 – 11"
