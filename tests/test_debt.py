"""fiscalbook.story.debt on the 2023 report, against a hand reading of its lines."""

import pytest
from conftest import REPO

from fiscalbook.story import debt
from fiscalbook.story.chapter import Chapter

TOTAL, PART = "resolution.finance.debt_resolved", "resolution.finance.debt_resolved_city_level"


@pytest.fixture(scope="module", params=["en", "zh"])
def ch(request: pytest.FixtureRequest) -> Chapter:
    return Chapter(2023, request.param, REPO / "data", "debt")


def test_a_total_split_with_qimin_is_the_whole_citys(ch: Chapter) -> None:
    # “化解债务 29.56 亿元，其中市本级 10.88 亿元”: the report states no scope, “其中市本级” implies it.
    assert debt.total_scope(ch, TOTAL, PART) == ("全市", False)
    assert debt.total_scope(ch, "keywork.risk.debt_resolved", "keywork.risk.debt_resolved_city_level") == ("", False)
    assert debt.total_scope(ch, PART, TOTAL) == ("市本级", True)


def test_the_scope_column_marks_what_qimin_implies(ch: Chapter) -> None:
    column = debt.scope_column(ch, [TOTAL, PART, "resolution.finance.project_funds"])
    assert "“其中”" in column[0] and column[1] == ch.label("scope", "市本级")


def test_a_sum_of_stated_amounts_shows_its_arithmetic(ch: Chapter) -> None:
    arithmetic, caveat = debt.stated_sum(ch, ["city.debt.new_general_bonds", "city.debt.new_special_bonds"])
    assert arithmetic.startswith("3.1 + 2.37 = 5.47")
    assert "0.055" in caveat
    assert debt.stated_sum(ch, ["city.debt.new_general_bonds", "city.debt.new_general_bonds_resolution"]) == ("", "")


def test_risk_ratings_by_area_and_period(ch: Chapter) -> None:
    ratings, quotes = debt.risk_ratings(ch)
    assert len(ratings) == 8 and len(quotes) == 4  # four areas, in 一.(五).1 and again in 二.(三).4
    assert [section for section, _ in quotes] == ["一.(五).1", "一.(五).1", "二.(三).4", "二.(三).4"]
    assert ratings.iloc[:, 2].nunique() == 2  # two periods: the year of the accounts, the first half after it


def test_kinds_of_debt_cleared_and_nested_quotes(ch: Chapter) -> None:
    kinds = debt.resolved_kinds(ch, ("隐性债务", "经营性金融债务", "棚改工程欠款"))
    text = "".join(sentence for _, sentence in kinds)
    assert "经营性金融债务" in text and "棚改工程欠款" in text
    assert "‘双清零’" in debt.quoted(ch, kinds)
    assert debt.inner_quotes("坚持“三保”优先") == "坚持‘三保’优先"


def test_the_district_the_city_level_onlends_to(ch: Chapter) -> None:
    assert debt.onlent_parts(ch) == ch.place.parts[0].name(ch.lang)


def test_the_section_holds_the_figures_it_repeats_from_the_accounts(ch: Chapter) -> None:
    # 一.(五).1 repeats “全市地方一般公共预算收入 23.17 亿元，同比增长 6%” (L51) beside its own figures.
    facts = debt.section_facts(ch, ch.data.select("resolution."))
    assert len(facts) == len(ch.data.select("resolution.")) + 2
    assert set(facts.loc[facts["restated"], "key"]) == {"whole.general.revenue", "whole.general.revenue.yoy_pct"}
    assert set(facts.loc[facts["restated"], "heading"]) == {"finance"}


def test_a_scope_read_from_qimin_is_hedged(ch: Chapter) -> None:
    assert debt.scope_phrase(ch, TOTAL, PART) == ch.t(
        "by our inference the whole city, incl. district and counties", "本书推断为全市口径")
    assert "infer" in debt.scope_inference(ch, TOTAL, PART) or "推断" in debt.scope_inference(ch, TOTAL, PART)
    assert debt.scope_inference(ch, PART, TOTAL) == ""


def test_quotes_are_separated_and_unbracketed(ch: Chapter) -> None:
    _, quotes = debt.risk_ratings(ch)
    text = debt.quoted(ch, quotes[:2])
    assert ch.t("; ", "；") in text and not text.startswith(("(", "（"))


def test_a_scope_the_figures_own_sentence_does_not_name_is_marked_as_our_reading(ch: Chapter) -> None:
    # L55: “…续存基本医疗、养老保险基金14.62亿元” names no scope; 市本级 is read from the sentence before.
    # “全市地方一般公共预算收入 23.17 亿元，同比增长 6%” names 全市 for the amount and its rate.
    deposits = "resolution.livelihood.social_insurance_fund_deposits"
    column = debt.scope_column(ch, [deposits, "whole.general.revenue", "whole.general.revenue.yoy_pct"])
    assert ch.t("our reading", "本书据上下文推断") in column[0]
    assert column[1] == column[2] == ch.label("scope", "全市")


def test_the_scope_phrase_nests_no_brackets(ch: Chapter) -> None:
    phrase = debt.scope_phrase(ch, TOTAL, PART)
    assert phrase.count("(") + phrase.count("（") == 0


def test_counts_of_people_are_measured_in_people(ch: Chapter) -> None:
    rows = ch.data.facts[ch.data.facts["key"].isin(["resolution.livelihood.basic_pension_beneficiaries",
                                                     "resolution.livelihood.health_beneficiaries"])]
    measures = list(debt.figures_where_stated(ch, rows.reset_index(drop=True))[ch.t("Measure", "指标")])
    assert measures == [ch.t("Number of people", "人数"), ch.t("Person-times", "人次")]


def test_a_rating_is_dated_by_the_part_of_the_report_that_states_it(ch: Chapter) -> None:
    ratings, _ = debt.risk_ratings(ch)
    parts = set(ratings[ch.t("Stated in the report's part on", "所在的报告部分")])
    assert parts == {ch.t("the 2023 final accounts", "2023年决算"), ch.t("first half 2024", "2024年上半年执行情况")}


def test_the_ceiling_chart_with_the_stated_headroom(ch: Chapter, monkeypatch: pytest.MonkeyPatch) -> None:
    # Hand-read, section 一.(四): ceiling 87.65 亿元, outstanding 76.57 亿元, headroom 11.09 亿元.
    shown = []
    monkeypatch.setattr(ch, "figure", lambda fig, caption, alt: shown.append(ch.t(*alt)))
    debt.ceiling_chart(ch, "city.debt.ceiling", "city.debt.balance", "city.debt.headroom",
                       "city.debt.headroom_computed", "亿元", "87%")
    (alt,) = shown
    assert "87.65" in alt and "76.57" in alt and "11.09" in alt
    assert "computed" not in alt and "推算" not in alt


def test_no_ceiling_chart_without_the_ceiling(ch: Chapter, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = []
    monkeypatch.setattr(ch, "figure", lambda *a, **kw: shown.append(a))
    debt.ceiling_chart(ch, "city.debt.no_such_ceiling", "city.debt.balance", "city.debt.headroom",
                       "city.debt.headroom_computed", "亿元", "")
    assert shown == []


def test_the_refinancing_balance_sentence_and_reading(ch: Chapter, monkeypatch: pytest.MonkeyPatch) -> None:
    # The sources and uses of the general budget: refinancing general bonds left over 0.26 亿元; carried over
    # from the year before 14.94 亿元.
    assert "0.26" in debt.refinancing_sentence(ch, "city.general.refinancing_bond_balance")
    assert debt.refinancing_sentence(ch, "city.general.no_such_balance") == ""
    readings = []
    monkeypatch.setattr(ch, "reading", lambda **kw: readings.append(kw))
    debt.refinancing_reading(ch, "city.general.no_such_balance", "city.general.carryover_in")
    assert readings == []
    debt.refinancing_reading(ch, "city.general.refinancing_bond_balance", "city.general.carryover_in")
    (reading,) = readings
    assert "0.26" in reading["refinancing"] and "14.94" in reading["carry"]
