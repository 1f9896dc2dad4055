"""One worked example of the book's precision rule (``fmt.places_for`` with ``fmt.value_and_range``),
for the methods and data-audit chapters: a derived amount as the formula gives it on the written
figures, the range the figures' digits allow, and the value and range the derived-indicator table
shows, beside the figure the report states for the same quantity where it states one."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fiscalbook.story import fmt

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

# The place of the last digit shown, by fmt.places_for's result (decimals; negative: tens, hundreds).
POSITIONS = {-2: ("hundreds", "百位"), -1: ("tens", "十位"), 0: ("units", "个位"),
             1: ("first decimal", "第一位小数"), 2: ("second decimal", "第二位小数")}


@dataclass(frozen=True)
class Example:
    """The texts of a worked example, in the edition's language (numbers without their unit)."""

    indicator_id: str
    label: str
    formula: str
    unit: str
    written: str  # the formula on the figures as written, one digit finer than the range supports
    low: str
    high: str
    width: str
    position: str  # the place of the last digit shown
    shown: str  # the value as the derived-indicator table shows it
    span: str  # the range beside it, rounded outwards
    inside: bool  # the value shown lies in the range (always, by fmt.value_and_range)


def first_computable(ch: Chapter, candidates: list[str]) -> str | None:
    """The first of ``candidates`` that the year's data define and can compute, else None."""
    table = ch.indicators
    return next((i for i in candidates if i in table.index and not math.isnan(table.loc[i, "value"])
                 and not fmt.straddles_zero(table.loc[i, "low"], table.loc[i, "high"])), None)


def example(ch: Chapter, indicator_id: str) -> Example:
    """The worked example of ``indicator_id`` (a row of ch.indicators that can be computed)."""
    row = ch.indicators.loc[indicator_id]
    value, low, high = float(row["value"]), float(row["low"]), float(row["high"])
    places = fmt.places_for(low, high)
    shown, span = fmt.value_and_range(value, low, high)
    finer = max(places, 0) + 1
    position = POSITIONS.get(places, (f"{places} decimals", f"第{places}位小数"))
    lo_text, hi_text = span.split(" – ")
    return Example(
        indicator_id=indicator_id, label=ch.t(str(row["label_en"]), str(row["label_zh"])),
        formula=str(row["formula"]), unit=str(row["unit"]),
        written=fmt.decimal(value, finer), low=_outwards(low, finer, math.floor),
        high=_outwards(high, finer, math.ceil), width=fmt.decimal(high - low, finer), position=ch.t(*position),
        shown=shown, span=span,
        inside=_number(lo_text) <= _number(shown) <= _number(hi_text),
    )


def _number(text: str) -> float:
    """A number as fmt.decimal writes it ('1,342.4') read back."""
    return float(text.replace(",", ""))


def _outwards(value: float, places: int, direction: Callable[[float], float]) -> str:
    """A range's end at ``places`` decimals, rounded away from the range's inside (math.floor for
    the lower end, math.ceil for the upper), so the text still holds the end."""
    scale = 10.0 ** places
    return fmt.decimal(direction(round(value * scale, 6)) / scale, places)
