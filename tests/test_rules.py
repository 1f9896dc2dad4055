"""Accounting identities and derived indicators: the interval arithmetic and the findings."""

from __future__ import annotations

import pytest

from fiscalbook.audit.rules import EXACT, FAILS, MISSING, ROUNDING, check_rule, check_rules, implied_values, indicators
from fiscalbook.data.expressions import ExpressionError, Interval, evaluate, keys_in
from fiscalbook.data.units import convert


def test_written_digits_give_the_tolerance():
    written = Interval.written("13.4")
    assert (written.lo, written.hi) == (pytest.approx(13.35), pytest.approx(13.45))
    assert Interval.written("46.30").radius == pytest.approx(0.005)
    assert Interval.written("743962", scale=1e-4).radius == pytest.approx(0.00005)


def test_interval_arithmetic():
    a, b = Interval(1, 2), Interval(3, 5)
    assert a + b == Interval(4, 7)
    assert b - a == Interval(1, 4)
    assert a * b == Interval(3, 10)
    assert b / a == Interval(1.5, 5)
    assert (-a) == Interval(-2, -1)
    with pytest.raises(ZeroDivisionError):
        a / Interval(-1, 1)


def test_expressions_are_parsed_safely():
    assert keys_in("a.b + (c.d - a.b) / 100") == ["a.b", "c.d"]
    assert evaluate("x.y * 2 - 1", lambda key: Interval.exact(3)) == Interval(5, 5)
    for bad in ("__import__('os')", "a.b[0]", "a.b ** 2", "'text'", "a.b +"):
        with pytest.raises(ExpressionError):
            keys_in(bad)


def rule(lhs: str, rhs: str, unit: str = "亿元") -> dict:
    return {"id": "t", "kind": "parts_total", "lhs": lhs, "rhs": rhs, "unit": unit,
            "label_en": "", "label_zh": "", "section": ""}


def test_rule_statuses(year):
    exact = check_rule(rule("city.general.tax_revenue + city.general.nontax_revenue", "city.general.revenue"), year)
    assert exact["status"] == EXACT
    # 87.65 - 76.57 = 11.08 against 11.09 written: off by one in the last digit, within rounding
    headroom = check_rule(rule("city.debt.ceiling - city.debt.balance", "city.debt.headroom"), year)
    assert headroom["status"] == ROUNDING and headroom["difference"] == pytest.approx(-0.01)
    wrong = check_rule(rule("city.debt.ceiling", "city.debt.balance"), year)
    assert wrong["status"] == FAILS
    missing = check_rule(rule("city.debt.ceiling", "no.such.figure"), year)
    assert missing["status"] == MISSING and missing["missing"] == "no.such.figure"


def test_rule_converts_money_units(year):
    # 743,962 万元 of transfers against 74.4 亿元 in the budget's sources
    result = check_rule(rule("city.transfers.total", "city.general.transfers_in"), year)
    assert result["status"] == ROUNDING
    assert result["lhs_value"] == pytest.approx(convert(743962, "万元", "亿元"))


def test_every_rule_of_the_year_is_evaluated(year):
    results = check_rules(year)
    assert len(results) >= 40
    assert set(results["status"]) <= {EXACT, ROUNDING, FAILS}
    assert set(results["kind"]) >= {"sources_uses", "parts_total", "scope_sum", "revision", "headroom"}


def test_a_failing_identity_is_a_finding_not_an_error(year):
    results = check_rules(year)
    failing = results[results["status"] == FAILS]
    for row in failing.itertuples():
        assert abs(row.difference) > row.tolerance


def test_indicators_carry_formula_and_range(year):
    table = indicators(year)
    assert table["missing"].eq("").all()
    for row in table.itertuples():
        assert row.low <= row.value <= row.high
        assert keys_in(row.formula)
    share = table.set_index("id").loc["self_sufficiency.whole"]
    expected = year.value("whole.general.revenue") / year.value("whole.general.expenditure") * 100
    assert share["value"] == pytest.approx(expected)


def test_implied_values(year):
    table = implied_values(year).set_index("id")
    prior = table.loc["city.general.expenditure.implied_prior_year"]
    amount, growth = year.value("city.general.expenditure"), year.value("city.general.expenditure.yoy_pct")
    assert prior["value"] == pytest.approx(amount / (1 + growth / 100))
    assert "yoy_pct" in prior["formula"]
    budget = table.loc["whole.general.expenditure.implied_adjusted_budget"]
    assert budget["value"] == pytest.approx(year.value("whole.general.expenditure")
                                            / year.value("whole.general.expenditure.pct_of_adjusted_budget") * 100)
    assert {"prior_year", "budget", "adjusted_budget", "target"} <= set(table["kind"])


def test_a_figure_used_twice_takes_one_value_at_a_time():
    """R - R/r: plain interval arithmetic lets the two Rs differ and doubles the range."""
    revenue, rate = Interval.written("9.69"), Interval.written("100.4")
    values = {"r.revenue": revenue, "r.rate": rate}
    exact = evaluate("r.revenue - r.revenue / (r.rate / 100)", values.__getitem__)
    naive = revenue - revenue / (rate / Interval.exact(100))
    corners = [r - r / (p / 100) for r in (revenue.lo, revenue.hi) for p in (rate.lo, rate.hi)]
    assert (exact.lo, exact.hi) == (pytest.approx(min(corners)), pytest.approx(max(corners)))
    assert exact.hi - exact.lo < (naive.hi - naive.lo) / 2


def test_the_implied_over_collection_range_is_exact(year):
    """The reserve chapter's range: revenue above its implied budget, in 万元 (about 338–434)."""
    row = indicators(year).set_index("id").loc["over_collection.city.implied"]
    assert row["low"] == pytest.approx(338, abs=1) and row["high"] == pytest.approx(434, abs=1)
    assert row["low"] <= year.value("city.general.over_collection") <= row["high"]


def test_an_identity_with_a_figure_on_both_sides_is_judged_on_its_difference(year):
    result = check_rule(rule("city.debt.ceiling - city.debt.balance + city.debt.balance", "city.debt.ceiling"), year)
    assert result["status"] == EXACT and result["low"] == pytest.approx(0) and result["high"] == pytest.approx(0)


def test_sides_and_difference_keep_the_digits_written(year):
    result = check_rule(rule("city.transfers.total", "city.general.transfers_in"), year)
    assert (result["lhs_places"], result["rhs_places"], result["places"]) == (4, 1, 4), "743,962 万元 is 74.3962 亿元"


def test_an_inequality_holds_when_the_left_side_does_not_exceed_the_right(year):
    at_most = {**rule("city.debt.balance", "city.debt.ceiling"), "relation": "<="}
    assert check_rule(at_most, year)["status"] == EXACT
    reversed_ = {**rule("city.debt.ceiling", "city.debt.balance"), "relation": "<="}
    assert check_rule(reversed_, year)["status"] == FAILS
