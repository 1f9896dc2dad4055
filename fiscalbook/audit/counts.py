"""Counts the book's prose states, computed from the data: one function per kind of count, each
with the definition the sentence states in its docstring, so that "56 figures" means the same
thing on every page and follows the data of any year and any place.

A *figure* is a row of ``facts.csv``; a *distinct figure* is one that is not a restatement
(its ``restates`` column is empty); a *section* counts with its subsections ("二.(三)" holds
"二.(三).1"). An *identity* is a rule of ``rules.csv`` with the relation "=" that the figures must
obey (not a comparison of two scopes or periods, nor a test of one of the book's readings); an
*inequality* such a rule with "<="; a *test of a reading* a rule of kind 'budget_basis' (that a
budget is an estimate grown by a target: the book's inference, which the report does not state) or
'reading' (another inference of the book's, e.g. what a share stated without scope is a share of);
a rule is *checked* when the year states every figure it needs.
"""

from __future__ import annotations

import math

import pandas as pd

from fiscalbook.audit.rules import (
    EXACT,
    FAILS,
    MISSING,
    ROUNDING,
    UNDEFINED,
    check_rules,
    failure_groups,
    unstated_line,
)
from fiscalbook.audit.usage import exclusion_summary
from fiscalbook.data.load import Year
from fiscalbook.data.units import is_money
from fiscalbook.data.validate import validate

SCOPE_COMPARISON = "scope_comparison"  # a rule that sets two scopes (or periods) side by side: a comparison
READING = "budget_basis"  # a rule that tests one of the book's readings, not a rule the figures must obey
OTHER_READING = "reading"  # a test of another reading of the book's (what a stated share is a share of)
READINGS = (READING, OTHER_READING)
NOT_RULES = (SCOPE_COMPARISON, *READINGS)
UNCHECKED = (MISSING, UNDEFINED)
OUTCOMES = (EXACT, ROUNDING, FAILS)


def _in_section(facts: pd.DataFrame, section: str | None) -> pd.DataFrame:
    """The rows standing in ``section`` or one of its subsections (all rows when None)."""
    if section is None:
        return facts
    return facts[(facts["section"] == section) | facts["section"].str.startswith(section + ".")]


def _distinct(facts: pd.DataFrame) -> pd.DataFrame:
    return facts[facts["restates"] == ""]


# --- the report's numbers ---------------------------------------------------------------------

def numbers_in_report(year: Year) -> int:
    """Number tokens in the report's text: every run of digits, with its decimals, that the
    validator finds in report.txt (figures and non-figures alike)."""
    return len(year.report.tokens)


def figures_recorded(year: Year) -> int:
    """Rows of facts.csv: each statement of a figure, a restatement counted again."""
    return len(year.facts)


def distinct_figures(year: Year, section: str | None = None) -> int:
    """Distinct figures stated (in ``section`` and its subsections): rows of facts.csv that
    restate no earlier row. Amounts, rates, counts and targets all count."""
    return len(_distinct(_in_section(year.facts, section)))


def amounts_stated(year: Year, section: str | None = None, restated: bool = False) -> int:
    """Of the distinct figures (``distinct_figures``), the amounts of money: measure 'amount'
    in a money unit (元, 万元, 亿元); with ``restated``, of all figures the section states, an
    amount it repeats from earlier in the report included (the chapters' count of a section)."""
    facts = _in_section(year.facts, section)
    facts = facts if restated else _distinct(facts)
    return int(((facts["measure"] == "amount") & facts["unit"].map(is_money)).sum())


def money_range_bounds(year: Year, section: str | None = None) -> int:
    """Of the distinct figures, the bounds of a stated range in a money unit (measure 'range_min'
    or 'range_max': '10万元至50万元' gives two). ``amounts_stated`` does not count them."""
    facts = _distinct(_in_section(year.facts, section))
    return int((facts["measure"].isin(["range_min", "range_max"]) & facts["unit"].map(is_money)).sum())


def money_ranges(year: Year, section: str | None = None) -> int:
    """Of the distinct figures, the stated ranges in a money unit: each lower bound (measure
    'range_min') is one range ('10万元至50万元' is one range with two bounds)."""
    facts = _distinct(_in_section(year.facts, section))
    return int(((facts["measure"] == "range_min") & facts["unit"].map(is_money)).sum())


def restatements(year: Year, section: str | None = None) -> int:
    """Rows of facts.csv (standing in ``section``) that restate an earlier figure: the report
    writes the same figure, same key, again."""
    return int((_in_section(year.facts, section)["restates"] != "").sum())


def figures_restated_by_name(year: Year) -> int:
    """Distinct figures the restatements restate: the figures the report writes again under the
    same name (a figure restated twice counts once; ``restatements`` counts the rows)."""
    return int(year.restated["restates"].nunique())


def restated_in(year: Year, section: str | None = None) -> list[str]:
    """The keys of the figures restated in ``section``, in report order (see ``restatements``)."""
    rows = _in_section(year.facts, section)
    return list(dict.fromkeys(rows.loc[rows["restates"] != "", "key"]))


def carried_figures(year: Year) -> list[str]:
    """Figures the report states again under another name: the right side of a carry-over
    identity (year-end balance = money carried into the next year) that holds exactly, the
    same amount written twice."""
    results = check_rules(year)
    held = results[(results["kind"] == "carryover") & (results["status"] == EXACT)]
    return list(held["rhs"])


def figures_restated(year: Year) -> int:
    """Figures the report states twice: the restatements recorded as such (``restatements``)
    plus the amounts it states again under next year's name (``carried_figures``)."""
    return restatements(year) + len(carried_figures(year))


def figures_stated_again(year: Year) -> int:
    """Distinct figures the report states more than once: the figures the restatements restate
    (a figure restated twice counts once) plus the amounts it states again under next year's
    name (``carried_figures``). ``figures_restated`` counts the repeat statements instead."""
    return figures_restated_by_name(year) + len(carried_figures(year))


def figures_stated_thrice(year: Year) -> int:
    """Of ``figures_stated_again``, those the report states three times or more: figures that
    two or more restatements restate."""
    return int((year.restated.groupby("restates").size() >= 2).sum())


def lines_with_rate(year: Year, prefixes: tuple[str, ...] | str, measure: str = "pct_of_budget") -> int:
    """Lines with a stated rate: distinct amounts whose key starts with one of ``prefixes``
    and for which the report also states ``measure`` (by default the execution rate,
    为预算数的 %). Totals and subtotals are lines too."""
    prefixes = (prefixes,) if isinstance(prefixes, str) else tuple(prefixes)
    facts = _distinct(year.facts)
    amounts = facts[(facts["measure"] == "amount") & facts["key"].str.startswith(prefixes)]
    keys = set(facts["key"])
    return sum(f"{key}.{measure}" in keys for key in amounts["key"])


# --- the numbers that are not figures ----------------------------------------------------------

def exclusions_by_category(year: Year) -> pd.DataFrame:
    """Numbers of the report that are not figures, by category of exclusions.csv: ``tokens``
    numbers excluded, in ``entries`` rows (see ``fiscalbook.audit.usage.exclusion_summary``)."""
    checked = validate(year.data_dir, year.year, year.place_id)
    return exclusion_summary(checked.exclusions.rows)


def numbers_excluded(year: Year) -> int:
    """Numbers of the report excluded as not figures (each entry's every occurrence)."""
    return int(exclusions_by_category(year)["tokens"].sum())


# --- identities and inequalities -----------------------------------------------------------------

def _rules(year: Year, relation: str) -> pd.DataFrame:
    results = check_rules(year)
    relations = results["relation"].fillna("").replace("", "=")
    return results[(relations == relation) & ~results["kind"].isin(NOT_RULES)]


def identities_checked(year: Year) -> int:
    """Identities checked: rules of rules.csv with the relation '=' (sources = uses, parts =
    total, final − estimate = stated change, one sum in two units, implied values that must
    agree), not counting comparisons of two scopes, whose every figure the year states."""
    results = _rules(year, "=")
    return int((~results["status"].isin(UNCHECKED)).sum())


def inequalities_checked(year: Year) -> int:
    """Inequalities checked: rules of rules.csv with the relation '<=' (a part cannot exceed
    its whole, a balance its ceiling, a share its cap) whose every figure the year states."""
    results = _rules(year, "<=")
    return int((~results["status"].isin(UNCHECKED)).sum())


def rule_outcomes(year: Year, relation: str = "=") -> dict[str, int]:
    """Rules with ``relation`` ('=' identities, '<=' inequalities), by outcome: 'exact',
    'within_rounding', 'fails', and 'not_evaluable' for those the year cannot check (a figure
    unstated, a divisor that may be zero). Every outcome is a key, zero when none."""
    statuses = _rules(year, relation)["status"].replace(UNDEFINED, MISSING)
    return {outcome: int((statuses == outcome).sum()) for outcome in (*OUTCOMES, MISSING)}


LEFT_OUT = "line_left_out"  # an identity of the lines a scope states that leaves out a line stated for another scope


def lines_left_out(year: Year) -> list[str]:
    """Identities that can neither hold nor fail as written: each group of failing identities
    about the same lines (``failure_groups``) of which one is explained by ``unstated_line``, a
    line the report states for another scope only (the city level's "three public" lines, listed
    with 其中, leave out the overseas visits the report gives for the municipal level alone, and the
    gaps equal that line). The whole group is listed, in file order."""
    results = check_rules(year)
    by_id = {row["id"]: row for row in results.to_dict("records")}
    return [rule_id for group in failure_groups(results)
            if any(unstated_line(by_id[rule_id], year) for rule_id in group) for rule_id in group]


def identity_outcomes(year: Year, relation: str = "=") -> dict[str, int]:
    """``rule_outcomes``, with the identities of ``lines_left_out`` moved from 'fails' to their
    own outcome, 'line_left_out': they test lines the report does not claim are complete."""
    outcomes = rule_outcomes(year, relation)
    left_out = _rules(year, relation)["id"].isin(lines_left_out(year)).sum()
    return {**outcomes, FAILS: outcomes[FAILS] - int(left_out), LEFT_OUT: int(left_out)}


def _checkable(year: Year, kind: str | tuple[str, ...]) -> int:
    results = check_rules(year)
    chosen = results[results["kind"].isin((kind,) if isinstance(kind, str) else kind)]
    return int((~chosen["status"].isin(UNCHECKED)).sum())


def scope_comparisons(year: Year) -> int:
    """Comparisons of two scopes or periods that the year can make (rules of kind
    'scope_comparison'): findings about scope, not identities that hold or fail."""
    return _checkable(year, SCOPE_COMPARISON)


def readings_tested(year: Year) -> int:
    """Tests of the book's readings that the year can make (rules of kind 'budget_basis': a budget
    implied by a rate against an estimate grown by a target; and of kind 'reading': another
    inference, such as the scope of a stated share), not identities the figures obey."""
    return _checkable(year, READINGS)


def whole_counts_in(low: float, high: float) -> str:
    """The range of a value implied for a count of cases, said in whole numbers: a count can only be
    a whole number, so the range 9.5 – 10.6 allows '10' alone, and 8.6 – 11.2 allows '9 – 11'."""
    first, last = math.ceil(low), math.floor(high)
    return str(first) if first == last else f"{first} – {last}"
