"""What the overview and the whole-city chapter rely on: the next year's revenue budget read on the final
figure (issue 7 item 5; that it is the target on the January estimate is the budget_basis identity), and
derived amounts shown at the digits their inputs allow (item 3)."""

from __future__ import annotations

import pytest

from fiscalbook.audit.rules import indicators
from fiscalbook.story import fmt

TARGET = "measures.revenue.general_revenue_growth.target"


@pytest.fixture(scope="module")
def derived(year):
    return indicators(year).set_index("id")


def test_on_the_final_figure_the_whole_city_budget_grows_less_than_the_target(year, derived):
    """The reading 'the target lies above the budget' holds on the final accounts only: the budget's
    growth on the final figure is below the target even at the top of the range its digits allow."""
    growth = derived.loc["h1.whole.general.revenue.budget_growth"]
    assert growth["high"] < year.value(TARGET)
    budget = year.value("h1.whole.general.revenue") / year.value("h1.whole.general.revenue.pct_of_budget") * 100
    final = year.value("whole.general.revenue")
    assert growth["value"] == pytest.approx((budget / final - 1) * 100)


def test_the_unspent_adjusted_budget_shows_no_more_digits_than_the_rate_allows(derived):
    """Spending ÷ a rate with one decimal cannot give a difference good to a hundredth of 亿元."""
    unspent = derived.loc["whole.general.expenditure.unspent"]
    assert unspent["low"] < unspent["value"] < unspent["high"]
    assert fmt.places_for(unspent["low"], unspent["high"]) < 2
