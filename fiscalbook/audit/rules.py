"""Evaluate the accounting identities of ``data/rules.csv`` and the indicators of
``data/derived.csv`` against a year's facts.

An identity that does not hold is a finding to show, never an exception: each result says
whether the two sides are equal exactly, equal within the rounding of the digits written,
unequal, or cannot be evaluated because the year lacks a figure.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from fiscalbook.data.expressions import Interval, evaluate, keys_in
from fiscalbook.data.load import Fact, Year
from fiscalbook.data.units import convert, is_money

EXACT, ROUNDING, FAILS, MISSING = "exact", "within_rounding", "fails", "not_evaluable"
UNDEFINED = "undefined"  # a divisor that the written digits allow to be zero


EXACT_MEASURES = ("target",)  # a policy target or legal cap ("3%", "80%") is a number set, not measured
COUNTED = "count"  # a count of cases (10 件, 6020 个) is exact, unless written in a multiple (9.07 万人)


def is_exact(fact: Fact) -> bool:
    """True when a figure is exactly the number written, not a rounded measurement: a policy
    target or a legal percentage, or a count of cases written in whole units (a count in 万
    is rounded: 9.07 万人 stands for 90,650–90,750 people)."""
    if fact.measure in EXACT_MEASURES:
        return True
    return fact.measure == COUNTED and not fact.unit.startswith(("万", "亿")) and "." not in fact.text


def figure_interval(year: Year, key: str, money_unit: str | None = None) -> Interval:
    """A figure as the interval its digits allow, in ``money_unit`` for money; an exact one
    (``is_exact``: a count, a target) as a single point."""
    fact = year.fact(key)
    if is_exact(fact):
        return Interval.exact(fact.value)
    return year.interval(key, money_unit)


def _lookup(year: Year, money_unit: str) -> Callable[[str], Interval]:
    """Each key as the interval its digits allow; money converted to ``money_unit``."""
    return lambda key: figure_interval(year, key, money_unit)


def _point(expression: str, year: Year, money_unit: str) -> float:
    """The expression on the written values themselves (no rounding allowance)."""
    def lookup(key: str) -> Interval:
        fact = year.fact(key)
        return Interval.exact(fact.in_unit(money_unit) if is_money(fact.unit) else fact.value)

    return evaluate(expression, lookup).mid


def check_rule(rule: dict, year: Year) -> dict:
    """One identity's result: both sides, their difference, the allowed rounding, a status.
    An inequality (relation '<=') holds when the left side does not exceed the right.

    The two sides are compared through their difference, evaluated as one expression, so
    that a figure on both sides (final − preliminary = change) is not allowed to take two
    values at once."""
    result = {**rule, "lhs_value": None, "rhs_value": None, "difference": None, "tolerance": None}
    missing = [k for k in keys_in(rule["lhs"]) + keys_in(rule["rhs"]) if not year.has(k)]
    if missing:
        return {**result, "status": MISSING, "missing": ", ".join(dict.fromkeys(missing))}
    unit = rule["unit"] or "元"  # ratios: any common money unit will do
    gap = f"({rule['lhs']}) - ({rule['rhs']})"
    at_most = rule.get("relation") == "<="  # an inequality: the left side cannot exceed the right
    try:
        allowed = evaluate(gap, _lookup(year, unit))
        lhs_value, rhs_value = _point(rule["lhs"], year, unit), _point(rule["rhs"], year, unit)
    except ZeroDivisionError:
        return {**result, "status": UNDEFINED, "missing": ""}
    difference = lhs_value - rhs_value
    scale = max(1.0, abs(lhs_value), abs(rhs_value))
    slack = 1e-9 * scale  # float noise only
    if abs(difference) <= slack or (at_most and difference <= slack):
        status = EXACT
    elif allowed.lo - slack <= 0 <= allowed.hi + slack or (at_most and allowed.lo <= slack):
        status = ROUNDING
    else:
        status = FAILS
    return {**result, "lhs_value": lhs_value, "rhs_value": rhs_value, "difference": difference,
            "tolerance": max(abs(allowed.lo - difference), abs(allowed.hi - difference)),
            "low": allowed.lo, "high": allowed.hi, **_places(rule, year), "status": status, "missing": ""}


def _places(rule: dict, year: Year) -> dict[str, int]:
    """The decimals each side of an identity, and their difference, can honestly show."""
    lhs, rhs = written_places(rule["lhs"], year, rule["unit"]), written_places(rule["rhs"], year, rule["unit"])
    return {"lhs_places": lhs, "rhs_places": rhs, "places": max(lhs, rhs)}


def written_places(expression: str, year: Year, unit: str) -> int:
    """The decimals a value computed from figures can honestly show: the most decimals any of
    them is written with, in the money unit of the result (354 万元 is 0.0354 亿元: four)."""
    places = 0
    for key in keys_in(expression):
        fact = year.fact(key)
        decimals = len(fact.text.partition(".")[2])
        if is_money(fact.unit) and is_money(unit):
            decimals += round(math.log10(convert(1.0, unit, fact.unit)))
        places = max(places, decimals)
    return max(places, 0)


def check_rules(year: Year) -> pd.DataFrame:
    """Every identity of rules.csv evaluated on ``year``, in file order."""
    rules = year.shared("rules")
    return pd.DataFrame([check_rule(rule, year) for rule in rules.to_dict("records")])


def compute_indicator(row: dict, year: Year) -> dict:
    """One indicator of derived.csv: its value, the range its inputs' digits allow, formula."""
    missing = [k for k in keys_in(row["formula"]) if not year.has(k)]
    if missing:
        return {**row, "value": None, "low": None, "high": None, "missing": ", ".join(missing)}
    unit = row["unit"] if is_money(row["unit"]) else "元"  # ratios: any common money unit
    try:
        interval = evaluate(row["formula"], _lookup(year, unit))
        value = _point(row["formula"], year, unit)
    except ZeroDivisionError:
        return {**row, "value": None, "low": None, "high": None, "missing": "a divisor that is not zero"}
    return {**row, "value": value, "low": interval.lo, "high": interval.hi, "missing": ""}


def indicators(year: Year) -> pd.DataFrame:
    """Every indicator of derived.csv computed on ``year``."""
    rows = year.shared("derived").to_dict("records")
    return pd.DataFrame([compute_indicator(row, year) for row in rows])


# Labels of the kinds of implied amounts, (en, zh), for column headers and prose.
IMPLIED_KINDS = {
    "prior_year": ("Implied previous year", "推算上年数"),
    "budget": ("Implied budget", "推算预算数"),
    "adjusted_budget": ("Implied adjusted budget", "推算调整预算数"),
    "target": ("Implied target", "推算目标数"),
}
# Which amount a rate implies, and how: measure -> (kind of implied value, formula template)
IMPLIED_BY = {
    "yoy_pct": ("prior_year", "{base} / (1 + {base}.yoy_pct / 100)"),
    "yoy_amount": ("prior_year", "{base} - {base}.yoy_amount"),
    "pct_of_budget": ("budget", "{base} / ({base}.pct_of_budget / 100)"),
    "pct_of_adjusted_budget": ("adjusted_budget", "{base} / ({base}.pct_of_adjusted_budget / 100)"),
    "pct_of_target": ("target", "{base} / ({base}.pct_of_target / 100)"),
}


def implied_values(year: Year) -> pd.DataFrame:
    """Every amount a stated rate implies: prior-year values from growth rates, budgets from
    execution rates, targets from progress rates. Each row carries its formula."""
    rows = []
    for fact in year.facts[year.facts["restates"] == ""].itertuples(index=False):
        if fact.measure not in IMPLIED_BY:
            continue
        base = fact.key.rsplit(".", 1)[0]
        if not year.has(base) or year.fact(base).measure not in ("amount", "count"):
            continue
        kind, template = IMPLIED_BY[fact.measure]
        amount = year.fact(base)
        row = {"id": f"{base}.implied_{kind}", "kind": kind, "formula": template.format(base=base),
               "unit": amount.unit,
               "label_en": amount.label_en, "label_zh": amount.label_zh, "section": amount.section,
               "base": base, "fiscal_year": int(amount.fiscal_year), "scope": amount.scope}
        computed = compute_indicator(row, year)
        if computed["value"] is not None:  # a rate of zero implies nothing
            rows.append(computed)
    return pd.DataFrame(rows)


# --- failing identities as findings -----------------------------------------------------------------

def subject(rule_id: str) -> str:
    """What a rule is about: its id's scope and budget ('city.three_public.total.parts' and
    'city.three_public.budget_by_line' are both about 'city.three_public')."""
    return ".".join(rule_id.split(".")[:2])


def failure_groups(results: pd.DataFrame) -> list[list[str]]:
    """The failing identities (relation '=', not comparisons of two scopes) grouped by their
    ``subject``, in file order: identities about the same lines that fail together are one
    finding, said once."""
    failing = results[(results["status"] == FAILS) & (results["kind"] != "scope_comparison")
                      & (results["relation"].fillna("") != "<=")]
    groups: dict[str, list[str]] = {}
    for rule_id in failing["id"]:
        groups.setdefault(subject(rule_id), []).append(rule_id)
    return list(groups.values())


def unstated_line(result: dict, year: Year) -> str | None:
    """For a failing parts = total identity, the line its scope leaves out, when another scope
    states it: the key of an amount of the same budget at another scope (municipal.three_public.
    overseas) whose counterpart at this scope (city.three_public.overseas) the year does not
    state, and whose value the gap (total − parts) equals within the rounding of the digits."""
    if result.get("kind") != "parts_total" or result.get("status") != FAILS:
        return None
    scope, budget = subject(result["id"]).split(".")
    gap = result["rhs_value"] - result["lhs_value"]
    named = set(keys_in(result["lhs"]) + keys_in(result["rhs"]))
    for key in year.facts.loc[(year.facts["restates"] == "") & (year.facts["measure"] == "amount"), "key"]:
        other, _, rest = key.partition(".")
        own = f"{scope}.{rest}"
        if other == scope or not rest.startswith(budget + ".") or own in named or year.has(own):
            continue
        line = figure_interval(year, key, result["unit"])
        if line.lo - result["tolerance"] <= gap <= line.hi + result["tolerance"]:
            return key
    return None
