"""The readings the chapters on the three public expenses, the first half and the outlook rest
on (09, 11, 13), checked on the shipped data; and the stand-in their set-up cells make."""

from __future__ import annotations

import json

import pytest
from conftest import REPO

from fiscalbook.audit.rules import EXACT, ROUNDING
from fiscalbook.build.notebooks import absent_notebook, source
from fiscalbook.story import fmt
from fiscalbook.story.chapter import Chapter

# The derived values these chapters print (data/derived.csv).
ADDED = [
    "implied.city.three_public.overseas_budget", "implied.shapotou.three_public.overseas",
    *(f"implied.shapotou.three_public.{item}.prior_year"
      for item in ("total", "vehicles", "vehicle_purchase", "vehicle_running", "hospitality")),
    *(f"h1.{scope}.general.revenue.budget_growth" for scope in ("whole", "city")),
    *(f"h1.whole.general.revenue.{name}" for name in ("target_on_final", "target_on_preliminary", "prior_second_half",
                                                       "h2_growth_on_final", "h2_growth_on_preliminary")),
]


@pytest.fixture(scope="module")
def ch() -> Chapter:
    return Chapter(2023, "en", REPO / "data", "test")


def row(ch: Chapter, indicator_id: str):
    return ch.indicators.loc[indicator_id]


def test_every_added_value_is_computed_for_the_shipped_year(ch):
    assert [i for i in ADDED if row(ch, i)["missing"]] == []


def test_the_city_level_budget_its_lines_leave_uncovered_is_the_municipal_overseas_budget(ch):
    """09's evidence that 市级 − 市本级 is Shapotou District: the city level's unlisted line has the
    municipal overseas line's spending and (within the digits) its budget."""
    gap, municipal = row(ch, "implied.city.three_public.overseas_budget"), row(ch, "municipal.three_public.overseas"
                                                                                   ".implied_budget")
    assert gap["low"] <= municipal["high"] and municipal["low"] <= gap["high"]
    assert row(ch, "implied.city.three_public.overseas")["value"] == pytest.approx(
        ch.value("municipal.three_public.overseas"))
    shapotou = row(ch, "implied.shapotou.three_public.overseas")
    assert fmt.straddles_zero(shapotou["low"], shapotou["high"])


def test_shapotou_vehicle_purchase_the_year_before_is_about_zero(ch):
    prior = row(ch, "implied.shapotou.three_public.vehicle_purchase.prior_year")
    assert fmt.straddles_zero(prior["low"], prior["high"])
    assert "about zero" in ch.indicator("implied.shapotou.three_public.vehicle_purchase.prior_year")


@pytest.mark.parametrize("scope", ["whole", "city"])
def test_the_next_year_revenue_budget_is_the_growth_target_on_the_january_estimate(ch, scope):
    assert ch.check(f"h1.{scope}.general.revenue.budget_basis")["status"] in (EXACT, ROUNDING)


def test_the_second_half_needs_more_on_the_final_base_when_the_final_figure_is_higher(ch):
    """The final figure came in above the January estimate, so the target on it asks more."""
    assert ch.value("whole.general.revenue") > ch.value("prelim.whole.general.revenue")
    final, preliminary = (row(ch, f"h1.whole.general.revenue.h2_growth_on_{base}")["value"]
                          for base in ("final", "preliminary"))
    assert final > preliminary


def test_the_cap_and_the_change_name_the_same_base_year(ch):
    """13 compares them only when their qualifiers name the same base (it reads no wording)."""
    change = ch.fact("resolution.finance.three_public_and_three_fees.change_pct")
    cap = ch.fact("measures.spending.three_public_and_three_fees_cap.target")
    assert change.qualifier_zh.removeprefix("较") == cap.qualifier_zh.removesuffix("的") != ""


@pytest.mark.parametrize("name", ["09_three_public", "10_performance", "11_first_half", "12_key_work", "13_outlook"])
def test_a_stand_in_set_up_cell_is_valid_python(name):
    """The build's stand-in removes ``needs=`` from the set-up cell; what is left must still run."""
    notebook = json.loads((REPO / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert "needs=" in source(notebook["cells"][1])
    compile(source(absent_notebook(notebook)["cells"][1]), name, "exec")
