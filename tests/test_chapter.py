"""The notebook API: figures in words, tables, checks and figures, in both editions."""

from __future__ import annotations

import math

import pytest
from conftest import YEAR

from fiscalbook import charts
from fiscalbook.chapter import Chapter, grown, growth, level, percent
from fiscalbook.data import DEFAULT_DATA_DIR


@pytest.fixture(scope="module", params=["en", "zh"])
def ch(request) -> Chapter:
    return Chapter(YEAR, request.param, DEFAULT_DATA_DIR, "test")


def test_figures_carry_their_source(ch):
    text = ch("city.debt.ceiling")
    fact = ch.fact("city.debt.ceiling")
    assert fact.text in text and 'class="fact"' in text and str(fact.line) in text


def test_change_in_words(ch):
    fall = ch.change("municipal.three_public.vehicle_running.yoy_pct")
    rise = ch.change("whole.general.revenue.yoy_pct")
    assert ch.t("down", "下降") in fall and "-" not in fall.split(">")[1]
    assert ch.t("up", "增长") in rise
    assert ch.t("down", "减少") in ch.change("prelim.whole.fund.expenditure.change_amount")


def test_implied_amounts(ch):
    base = "whole.general.revenue"
    value = ch.implied_value(base, "budget")
    assert value == pytest.approx(ch.value(base) / ch.value(f"{base}.pct_of_budget") * 100)
    assert 'class="derived"' in ch.implied(base, "budget")
    assert math.isnan(ch.implied_value("city.debt.ceiling", "budget"))
    assert ch.implied("city.debt.ceiling", "budget") == "—"


def test_checks_in_the_editions_words(ch):
    text = ch.check_text("city.three_public.total.parts")
    assert text.startswith("✗") and ch.t(": ", "：") in text
    assert ch.check("city.debt.headroom")["status"] == "within_rounding"
    lhs, rhs = ch.rule_keys("city.debt.headroom")
    assert lhs == ["city.debt.ceiling", "city.debt.balance"] and rhs == ["city.debt.headroom"]
    assert "city.general.sources_uses" in ch.rules_in("一.(二)")


def test_facts_table_puts_units_where_they_belong(ch):
    shared = ch.facts_table(["city.transfers.general", "city.transfers.special"])
    assert any("万元" in column for column in shared.columns)
    bases = ["city.state_capital.own_revenue", "city.general.revenue"]  # 万元 and 亿元
    mixed = ch.facts_table(bases, implied=["budget"])
    amounts = mixed.iloc[:, 2 if ch.lang == "en" else 1]
    assert "万元" in amounts.iloc[0] and "亿元" in amounts.iloc[1]
    implied = [column for column in mixed.columns if ch.implied_label("budget") in column]
    assert len(implied) == 1, "one implied column, whatever the units"
    cells = mixed[implied[0]]
    assert "万元" in cells.iloc[0] and "亿元" in cells.iloc[1] and all('class="derived"' in c for c in cells)


def test_figures_table_lists_every_figure(ch):
    rows = ch.data.section("一.(四)")
    assert len(ch.figures_table(rows)) == len(rows)


def test_a_figure_is_saved_and_captioned(ch, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fig = charts.hbar(["a", "b"], [1.0, -2.0], ["1", "-2"], xlabel=ch.axis_unit("万元"))
    ch.figure(fig, caption=("Finding", "发现"), alt=("Alt text", "替代文本"))
    assert list((tmp_path / "figures").glob("test-*.png"))


def test_percentage_arithmetic():
    assert percent(1, 4) == 25
    assert grown(200, 3) == pytest.approx(206)
    assert growth(206, 200) == pytest.approx(3)
    assert level(-20.2) == pytest.approx(79.8)
