"""What the budget chapters (02 whole city, 03 city level, 04 preliminary, 05 reserve) do
when a figure is missing, a list is empty or the place has other parts: written once here,
so that the notebooks read as the story plus short calls.

Every function takes the chapter (``fiscalbook.story.chapter.Chapter``) first. The areas of
the whole place come from its descriptor (``ch.place``): the municipal level with its
districts, then each part not inside it (a county), keyed by its key prefix; no place name
is typed here either.

The helpers live by job in this package's modules (areas, funds, rates, revisions); this module
re-exports them, so that a notebook writes ``budgets.area_table`` whatever module holds it.
"""

from fiscalbook.story.budgets.areas import (  # noqa: F401
    Area,
    area_table,
    areas,
    county_count,
    district,
    districts,
    fastest,
    municipal_identity,
    names,
    parts_sum,
    self_sufficiency_chart,
    spending_growth,
    structure,
    worded_municipal_note,
    worded_municipal_text,
)
from fiscalbook.story.budgets.funds import (  # noqa: F401
    balances_left,
    balances_text,
    fund_cut_text,
    fund_rule_text,
    own_state_capital_elsewhere,
    report_mentions,
    section_table,
    sources_and_uses,
    state_capital_elsewhere_text,
    sum_of,
    total_of,
    waterfall,
)
from fiscalbook.story.budgets.rates import (  # noqa: F401
    RATES,
    absolute_amount,
    balance_phrase,
    capital,
    final_amounts,
    finite,
    implied,
    mark_annual_budget,
    minus_sign,
    prior_report,
    rate_base,
    rate_counts,
    rate_dot_chart,
    rates_sentence,
    rounded_amount,
    section_of,
    surplus_word,
    written,
)
from fiscalbook.story.budgets.revisions import (  # noqa: F401
    by_ratio,
    change_text,
    estimate_gaps,
    largest_estimate_gap,
    outside_city,
    plain_change,
    plural,
    precision_example,
    range_cell,
    revenue_moved_more,
    revision_check,
    revision_pct,
    revisions,
    signed_change,
    signed_pct,
    small_share,
)
