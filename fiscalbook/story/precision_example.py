"""One worked example of the book's precision rule (``fmt.places_for`` with ``fmt.value_and_range``),
for the methods and data-audit chapters: a derived amount as the formula gives it on the written
figures, the range the figures' digits allow, and the value and range the derived-indicator table
shows, beside the figure the report states for the same quantity where it states one."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fiscalbook.story import fmt

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

# The place of the last digit shown, by fmt.places_for's result (decimals; negative: tens, hundreds).
POSITIONS = {-2: ("hundreds", "百位"), -1: ("tens", "十位"), 0: ("units", "个位"),
             1: ("first decimal", "第一位小数"), 2: ("second decimal", "第二位小数"),
             3: ("third decimal", "第三位小数")}


@dataclass(frozen=True)
class Example:
    """The texts of a worked example, in the edition's language (numbers without their unit)."""

    indicator_id: str
    label: str
    formula: str
    unit: str
    written: str  # the formula on the figures as written, one digit finer than the range supports
    low: str  # the range's ends, to the nearest digit one finer than the value (so 'about')
    high: str
    width: str  # the exact range's width, at the same digits
    position: str  # the place of the last digit shown
    shown: str  # the value as the derived-indicator table shows it
    span: str  # the range beside it, rounded outwards
    span_position: str  # the place of the span's last digit
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
    position = _position(ch, places)
    lo_text, hi_text = span.split(" – ")
    return Example(
        indicator_id=indicator_id, label=ch.t(str(row["label_en"]), str(row["label_zh"])),
        formula=str(row["formula"]), unit=str(row["unit"]),
        written=fmt.decimal(value, finer), low=fmt.decimal(low, finer), high=fmt.decimal(high, finer),
        width=fmt.decimal(high - low, finer), position=position,
        shown=shown, span=span, span_position=_position(ch, _span_places(lo_text, places)),
        inside=_number(lo_text) <= _number(shown) <= _number(hi_text),
    )


def _position(ch: Chapter, places: int) -> str:
    """The name of the place of a last digit at ``places`` decimals (negative: tens, hundreds)."""
    return ch.t(*POSITIONS.get(places, (f"{places} decimals", f"第{places}位小数")))


def _span_places(text: str, places: int) -> int:
    """The decimals of a range end as fmt.value_and_range writes it: one digit finer than the
    value's ``places`` (its decimals as written, or, without a decimal point, the units or coarser)."""
    decimals = len(text.partition(".")[2])
    return decimals if decimals else min(0, places + 1)


def _number(text: str) -> float:
    """A number as fmt.decimal writes it ('1,342.4') read back."""
    return float(text.replace(",", ""))

