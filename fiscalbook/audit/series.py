"""Several report years side by side: the same key's figure across years, and each stated
growth rate checked against the growth computed from two consecutive years' figures.

Keys are year-independent (``city.general.revenue`` is the city level's revenue in every
report), so "the same figure last year" is the same key in the previous year's folder. A year
whose folder is missing is simply not in the series; nothing is ever filled in.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from fiscalbook.data.expressions import evaluate
from fiscalbook.data.load import Year, load_year
from fiscalbook.data.units import is_money
from fiscalbook.data.validate import available_years

AGREES, DISAGREES = "agrees", "disagrees"
# A stated change and how the same change is computed from two years' values (cur, prev).
CHANGE_FORMULAS = {
    "yoy_pct": "(cur / prev - 1) * 100",
    "yoy_amount": "cur - prev",
}


def previous_year(year: Year) -> Year | None:
    """The report year before ``year`` of the same place, loaded, or None: years compare only
    within a place."""
    earlier = year.year - 1
    if earlier not in available_years(year.data_dir, year.place_id):
        return None
    return load_year(earlier, year.data_dir, year.place_id)


def series(data_dir: Path, keys: list[str], unit: str | None = None, place: str | None = None) -> pd.DataFrame:
    """One row per report year of a place, one column per key: the value each year's report
    states (NaN where it does not), money in ``unit`` when given."""
    rows = {}
    for report_year in available_years(data_dir, place):
        year = load_year(report_year, data_dir, place)
        rows[report_year] = {key: year.value(key, unit if unit and is_money(year.fact(key).unit) else None)
                             if year.has(key) else math.nan for key in keys}
    return pd.DataFrame.from_dict(rows, orient="index", columns=keys)


def change_checks(current: Year, previous: Year) -> pd.DataFrame:
    """Every growth rate or change the current report states for a figure that both reports
    state, beside the change computed from the two figures, with the range the digits allow
    and whether the stated change lies in it."""
    rows = []
    primary = current.facts[current.facts["restates"] == ""]
    for fact in primary[primary["measure"].isin(list(CHANGE_FORMULAS))].itertuples(index=False):
        base = fact.key.rsplit(".", 1)[0]
        if not (current.has(base) and previous.has(base)):
            continue
        rows.append(_change_row(fact, base, current, previous))
    return change_checks_frame(rows)


CHANGE_COLUMNS = ["key", "base", "measure", "label_en", "label_zh", "stated", "unit", "computed", "low", "high",
                  "status"]


def change_checks_frame(rows: list[dict] | None = None) -> pd.DataFrame:
    """The table ``change_checks`` returns (empty by default), with its columns."""
    return pd.DataFrame(rows or [], columns=CHANGE_COLUMNS)


def _change_row(fact, base: str, current: Year, previous: Year) -> dict:
    unit = current.fact(base).unit
    money_unit = fact.unit if fact.measure == "yoy_amount" else unit
    intervals = {"cur": current.interval(base, money_unit), "prev": previous.interval(base, money_unit)}
    formula = CHANGE_FORMULAS[fact.measure]
    allowed = evaluate(formula, intervals.__getitem__)
    point = evaluate(formula, lambda name: type(intervals[name]).exact(intervals[name].mid))
    stated = current.interval(fact.key)
    agrees = stated.lo <= allowed.hi and allowed.lo <= stated.hi
    return {"key": fact.key, "base": base, "measure": fact.measure, "label_en": fact.label_en,
            "label_zh": fact.label_zh, "stated": fact.value, "unit": fact.unit, "computed": point.mid,
            "low": allowed.lo, "high": allowed.hi, "status": AGREES if agrees else DISAGREES}
