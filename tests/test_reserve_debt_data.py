"""The rules and indicators that the reserve, debt, resolution and transfers chapters rely on
(rows of data/rules.csv and data/derived.csv), on the shipped year."""

from __future__ import annotations

import pytest
from conftest import YEAR

from fiscalbook.audit.rules import EXACT, FAILS, check_rule, indicators
from fiscalbook.data.load import DEFAULT_DATA_DIR, read_shared
from fiscalbook.story import fmt
from fiscalbook.story.chapter import Chapter

CHAPTER_PREFIXES = ("city.debt.", "resolution.")


def inequalities() -> list[dict]:
    rules = read_shared("rules", DEFAULT_DATA_DIR)
    rows = rules[(rules["relation"] == "<=") & rules["id"].str.startswith(CHAPTER_PREFIXES)]
    return rows.to_dict("records")


@pytest.fixture(scope="module")
def derived(year):
    return indicators(year).set_index("id")


def test_the_chapters_have_their_inequalities():
    ids = {rule["id"] for rule in inequalities()}
    assert {"city.debt.new_general_bonds.within_onlent", "city.debt.new_special_bonds.within_onlent",
            "resolution.finance.debt_resolved_city_level.part", "city.debt.balance.within_ceiling"} <= ids


@pytest.mark.parametrize("rule", inequalities(), ids=lambda rule: rule["id"])
def test_each_inequality_holds_and_would_fail_the_other_way_round(rule, year):
    assert check_rule(rule, year)["status"] == EXACT
    reversed_rule = {**rule, "lhs": rule["rhs"], "rhs": rule["lhs"]}
    assert check_rule(reversed_rule, year)["status"] == FAILS, "a part strictly smaller than its whole"


def test_an_inequality_is_said_to_hold_not_to_hold_exactly():
    for lang in ("en", "zh"):
        ch = Chapter(YEAR, lang, DEFAULT_DATA_DIR, "test")
        text = ch.check_text("city.debt.new_general_bonds.within_onlent")
        assert text.startswith("✓") and ch.t("holds", "成立") in text and ch.t("exactly", "完全") not in text


def test_the_headroom_range_holds_the_stated_headroom(derived, year):
    row = derived.loc["city.debt.headroom_computed"]
    assert row["low"] <= year.value("city.debt.headroom") <= row["high"]
    assert row["low"] < row["value"] < row["high"], "ceiling − balance as written lies inside its own range"


def test_a_share_of_bonds_shows_only_the_digits_the_one_decimal_bond_figure_allows(derived):
    """New general bonds are written with one decimal (3.1 亿元): any share built on them is
    uncertain by about a percentage point, so it is shown as a whole per cent."""
    row = derived.loc["city.debt.bonds_for_resolution_share"]
    assert fmt.places_for(row["low"], row["high"]) <= 0
    ch = Chapter(YEAR, "en", DEFAULT_DATA_DIR, "test")
    shown = ch.indicator("city.debt.bonds_for_resolution_share", places=1)
    assert "." not in shown.split(">")[1].split("%")[0]


def test_the_payment_into_the_fund_stands_for_a_range_in_wan_that_holds_the_over_collection(derived, year):
    row = derived.loc["city.general.stabilisation_fund.in_wan"]
    assert row["unit"] == "万元" and row["low"] < row["high"]
    assert row["low"] <= year.value("city.general.over_collection", "万元") <= row["high"]
