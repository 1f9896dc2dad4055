"""The half-year chapters' logic (fiscalbook/story/half_year.py), checked on 2023 by hand."""

from __future__ import annotations

import pytest
from conftest import REPO

from fiscalbook.story import half_year
from fiscalbook.story.chapter import Chapter


@pytest.fixture(scope="module", params=["en", "zh"])
def ch(request) -> Chapter:
    return Chapter(2023, request.param, REPO / "data", "first_half", place="zhongwei")


def test_whole_sentences_keep_their_full_stop():
    assert half_year.sentences_with("甲乙。丙丁。乙戊", "乙") == ["甲乙。", "乙戊。"]


def test_a_base_year_is_read_from_either_wording():
    assert half_year.base_year("较2019年决算数") == half_year.base_year("2019年决算数的") == "2019年决算数"


def test_the_final_figure_is_above_the_estimate_for_the_whole_city_and_below_for_the_city_level(ch):
    # by hand: 23.17 > 22.97 (全市), 9.69 < 9.73 (市本级); both budgets = estimate × 1.03 within rounding
    bases = {base.scope: base for base in half_year.budget_bases(ch)}
    assert bases["全市"].final_above and not bases["市本级"].final_above
    assert bases["全市"].holds and bases["市本级"].holds
    assert bases["市本级"].target_on_final == pytest.approx(9.69 * 1.03)


def test_the_second_half_needs_on_each_footing(ch):
    # by hand: last first half 13.56 / 1.015 = 13.36; (22.97 × 1.03 − 13.56) / (23.17 − 13.36) ≈ +2.9%,
    # (23.17 × 1.03 − 13.56) / 9.81 = +5.1%, (22.97 × 1.03 − 13.56) / (22.97 − 13.36) = +5.1%
    needed = half_year.second_half_growth(ch)
    assert needed["january"] == pytest.approx(2.94, abs=0.01)
    assert needed["final"] == pytest.approx(5.04, abs=0.01)
    assert needed["january_only"] == pytest.approx(5.09, abs=0.01)


def test_the_whole_city_is_named_from_the_place(ch):
    parts = half_year.whole_city_parts(ch)
    assert all(part.name(ch.lang) in parts for part in ch.place.parts)


def test_a_quote_nests_the_reports_quotation_marks(ch):
    quoted = half_year.quote(ch, "二", "首要位置")
    assert quoted.endswith("。") and "‘三保’" in quoted and "“" not in quoted


def test_the_ratings_are_stated_twice_with_their_periods(ch):
    statements = half_year.risk_ratings(ch)
    assert len(statements) == 2
    assert all(ratings.get("市本级") == "黄" for ratings in statements.values())


def test_a_quotation_inside_our_quotation_marks_takes_single_ones():
    from fiscalbook.story import half_year
    assert half_year.inner_quotes("树牢习惯过“紧日子”思想") == "树牢习惯过‘紧日子’思想"
