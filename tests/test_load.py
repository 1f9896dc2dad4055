"""The loading API the notebooks use."""

from __future__ import annotations

import time

import pytest
from conftest import PLACE, YEAR, edit_csv

from fiscalbook.data.load import load_year
from fiscalbook.data.problems import DataError
from fiscalbook.data.units import convert


def test_fact_by_key(year):
    fact = year.fact("city.transfers.total")
    assert (fact.unit, fact.scope, fact.section) == ("万元", "市本级", "一.(六)")
    assert fact.text.replace(",", "") in fact.quote.replace(",", "")
    assert fact.label("zh") == fact.label_zh and fact.label("en") == fact.label_en


def test_unknown_key(year):
    with pytest.raises(KeyError, match="no.such"):
        year.fact("no.such.key")


def test_units_convert_explicitly(year):
    wan = year.value("city.transfers.total")
    assert year.value("city.transfers.total", "亿元") == pytest.approx(wan / 10_000)
    assert convert(1, "亿元", "万元") == 10_000
    with pytest.raises(ValueError):
        convert(1, "%", "亿元")


def test_section_table(year):
    table = year.section("一.(二)")
    assert set(table["section"]) == {"一.(二)", "一.(二).1", "一.(二).2", "一.(二).3", "一.(二).4"}
    assert (table["restates"] == "").all()
    assert len(year.section("一.(二)", restatements=True)) > len(table)
    assert list(table["line"]) == sorted(table["line"])


def test_fact_points_to_its_line(year):
    fact = year.fact("city.debt.headroom")
    assert fact.text in year.report.raw.splitlines()[fact.line - 1]


def test_load_refuses_bad_data(data_copy):
    def edit(rows):
        rows[1][rows[0].index("unit")] = "亿美元"

    edit_csv(data_copy / PLACE / str(YEAR) / "facts.csv", edit)
    with pytest.raises(DataError) as caught:
        load_year(YEAR, data_copy)
    assert any("亿美元" in p.message for p in caught.value.problems)


def test_loading_is_fast():
    """Loading and validating a year takes well under a second (measured, loose bound)."""
    start = time.perf_counter()
    load_year(YEAR)
    assert time.perf_counter() - start < 1.0
