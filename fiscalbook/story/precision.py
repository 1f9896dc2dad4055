"""The book's one precision rule for computed figures in prose and solutions: how many decimals
a value known only within a range may show (``supported_places``, built on ``fmt.places_for``
and stated in the methods chapter), the range itself in words, rounded outwards, and the
derived figures and changes of the chapters with the digits their inputs' digits support."""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import product
from typing import TYPE_CHECKING

from fiscalbook.data.expressions import Interval
from fiscalbook.story import fmt

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter


def corners(func: Callable[..., float], *inputs: Interval) -> Interval:
    """The range of ``func`` over the intervals its inputs' digits allow, from its values at every
    corner of the box (exact for a function monotone in each input, as sums, ratios and growth
    rates of positive figures are; a figure that enters twice is one input, not two)."""
    values = [func(*point) for point in product(*((box.lo, box.hi) for box in inputs))]
    return Interval(min(values), max(values))


def supported_places(low: float, high: float, most: int = 2) -> int:
    """The decimals a value known only within [low, high] shows: the book's one rule,
    ``fmt.places_for`` (the last digit shown is the largest place whose unit is no larger than the
    range's width, never more than ``most``; the methods chapter states it), with one guarantee
    added for answers printed without their range in view: a value shown never lies outside the
    range unless the span its last digit stands for holds the whole range (494.96 within
    492.4–497.5 shows as 495; 0.77 within 0.76–0.78 shows as 0.77, not 0.8)."""
    places = fmt.places_for(low, high, most)
    low, high = min(low, high), max(low, high)
    while places < most and not _stands_for(round((low + high) / 2, places), places, low, high):
        places += 1
    return min(most, places)


def _stands_for(shown: float, places: int, low: float, high: float) -> bool:
    """A value shown to ``places`` decimals fits [low, high]: it lies in it, or the span its last
    digit stands for (± half a unit) holds all of it."""
    half = 0.5 * 10.0 ** -places
    return low <= shown <= high or (shown - half <= low + 1e-12 and high <= shown + half + 1e-12)


def outward_ends(box: Interval, decimals: int) -> tuple[str, str]:
    """The range's ends rounded outwards at ``decimals`` (0.166 to 0.235 is 0.16 to 0.24), so the
    range as printed holds the whole range the digits allow."""
    scale = 10.0 ** decimals
    return (fmt.decimal(math.floor(box.lo * scale + 1e-9) / scale, decimals),
            fmt.decimal(math.ceil(box.hi * scale - 1e-9) / scale, decimals))


def _bounds(box: Interval, places: int, answer: tuple[float, int] | None) -> tuple[str, str, int]:
    """The range's ends as text, rounded outwards at ``places`` decimals; where the answer as shown
    (value, decimals) would lie outside them, at fewer decimals until it lies inside (187.64 to
    187.95 beside an answer of 188 is written 187.6 to 188.0)."""
    low, high = outward_ends(box, places)
    if answer is None:
        return low, high, places
    shown = float(fmt.round_half_up(answer[0], answer[1]))
    for decimals in range(places, answer[1] - 1, -1):
        low, high = outward_ends(box, decimals)
        if float(low.replace(",", "")) <= shown <= float(high.replace(",", "")):
            return low, high, decimals
    return low, high, answer[1]


def range_text(box: Interval, unit: str, lang: str, places: int, answer: tuple[float, int] | None = None) -> str:
    """An interval in words, its ends rounded outwards: '1,342.35 to 1,342.52 万元 (±0.08 万元)' /
    '1,342.35至1,342.52万元（±0.08万元）'; with ``answer`` (value, decimals shown), its ends never leave
    the answer as shown outside."""
    low, high, _ = _bounds(box, places, answer)  # the radius keeps the decimals asked for
    shown = places
    while shown < places + 3 and box.radius and not fmt.decimal(box.radius, shown).strip("0.,"):
        shown += 1  # a radius smaller than the last decimal shown gets one significant digit
    radius = fmt.decimal(math.ceil(box.radius * 10.0 ** shown - 1e-9) / 10.0 ** shown, shown)  # up, as the ends
    low, high, radius = _without_shared_trailing_zeros(low, high, radius)
    if unit == "%":
        return (f"{low}%至{high}%（±{radius}个百分点）" if lang == "zh"
                else f"{low}% to {high}% (±{radius} percentage points)")
    return f"{low}至{high}{unit}（±{radius}{unit}）" if lang == "zh" else f"{low} to {high} {unit} (±{radius} {unit})"


def _without_shared_trailing_zeros(*texts: str) -> tuple[str, ...]:
    """Numbers that all end in a zero decimal lose it together ('0.760', '0.780', '0.010' are
    '0.76', '0.78', '0.01'): the same values, without a digit that says nothing."""
    while all("." in text and text.endswith("0") for text in texts):
        texts = tuple(text[:-1].rstrip(".") if text[:-1].endswith(".") else text[:-1] for text in texts)
    return texts


def precision_line(box: Interval, unit: str, lang: str, places: int, signed: bool = False,
                   answer: tuple[float, int] | None = None) -> str:
    """The sentence a solution prints under its answer: the range the written digits allow, and
    (``signed``: for a difference) whether its sign holds over all of it; with ``answer`` (value,
    decimals shown) the range as written always holds the answer as shown."""
    text = range_text(box, unit, lang, places, answer)
    crosses = box.lo < 0 < box.hi
    either = "，正负号无法确定" if lang == "zh" else "; the sign may go either way"
    holds = "，正负号在整个区间内不变" if lang == "zh" else "; the sign holds over the whole range"
    sign = "" if not signed else either if crosses else holds
    return (f"按所列数字的位数（每个数字误差为末位的半个单位），结果的范围是{text}{sign}。" if lang == "zh"
            else f"From the digits as written (each figure good to half a unit of its last digit), the result lies "
                 f"in the range {text}{sign}.")


def places_of(ch: Chapter, indicator_id: str, most: int = 2) -> int:
    """The decimals a derived figure of data/derived.csv (or an implied value) can show under the
    rule the solutions state (``supported_places``); ``most`` when it cannot be computed."""
    row = ch.indicators.loc[indicator_id]
    return most if math.isnan(row["value"]) else supported_places(row["low"], row["high"], most)


def indicator(ch: Chapter, indicator_id: str, most: int = 2, plain: bool = False) -> str:
    """``ch.indicator`` at the digits its range supports (``places_of``): 23.7 亿元 for a budget
    known within 23.64 to 23.69, where ch.indicator alone would keep 23.66."""
    return ch.indicator(indicator_id, places_of(ch, indicator_id, most), plain=plain)


def outward_range(ch: Chapter, indicator_id: str, places: int | None = None) -> str:
    """The range a derived percentage's digits allow, rounded outwards at ``places`` decimals (by
    default one more than the value shows, the methods chapter's rule), for a sentence:
    '2.77% to 3.13%' / '2.77%至3.13%' for a value shown as 2.9%, known within 2.7712 to 3.1234."""
    if places is None:
        places = places_of(ch, indicator_id) + 1
    row = ch.indicators.loc[indicator_id]
    low, high = outward_ends(Interval(row["low"], row["high"]), places)
    return f"{low}%至{high}%" if ch.lang == "zh" else f"{low}% to {high}%"


def implied(ch: Chapter, base: str, kind: str, most: int = 2) -> str:
    """``ch.implied`` at the digits its range supports, or a dash when no such value is defined."""
    indicator_id = f"{base}.implied_{kind}"
    return indicator(ch, indicator_id, most) if indicator_id in ch.indicators.index else "—"


def derived_value(ch: Chapter, indicator_id: str, most: int = 2) -> tuple[float, int]:
    """``ch.derived_value`` with the decimals of ``places_of`` (NaN, 0 when it cannot be computed)."""
    value, _ = ch.derived_value(indicator_id)
    return (value, 0) if math.isnan(value) else (value, places_of(ch, indicator_id, most))


def change_range(now: Interval, prior: Interval) -> Interval:
    """The range of a change on the year before, this year's amount minus an implied prior year,
    from the ranges of both."""
    return Interval(now.lo - prior.hi, now.hi - prior.lo)


def growth_change(ch: Chapter, key: str, unit: str) -> tuple[float, Interval]:
    """A line's change on the year before from its stated growth rate (amount − amount ÷ (1 +
    rate)), with the range the digits of both allow."""
    def change(amount: float, rate: float) -> float:
        return amount - amount / (1 + rate / 100)
    amount, rate = ch.data.interval(key, unit), ch.data.interval(f"{key}.yoy_pct")
    return change(ch.value(key, unit), ch.value(f"{key}.yoy_pct")), corners(change, amount, rate)


def lines_change(ch: Chapter, lines: list[str], unit: str) -> tuple[float, Interval]:
    """The sum of the lines' changes on the year before, each from its own growth rate, with its
    range (each term's range is independent of the others', so the extremes add)."""
    value, box = 0.0, Interval(0.0, 0.0)
    for line in lines:
        part, part_box = growth_change(ch, line, unit)
        value, box = value + part, Interval(box.lo + part_box.lo, box.hi + part_box.hi)
    return value, box


def unexplained_change(ch: Chapter, total: str, lines: list[str], unit: str) -> tuple[float, Interval]:
    """What a total's change on the year before leaves after its stated lines' changes: the change
    of the lines the report does not state, with its range."""
    value, box = growth_change(ch, total, unit)
    part, part_box = lines_change(ch, lines, unit)
    return value - part, Interval(box.lo - part_box.hi, box.hi - part_box.lo)


def change_on_prior(ch: Chapter, now_keys: tuple[str, ...], prior_id: str, unit: str) -> tuple[float, int]:
    """This year's amount (the first key's, less the others': a district as a difference of two
    scopes) minus an implied prior year (an indicator), and the decimals the range of that change
    supports; NaN, 0 when a figure is not stated or the prior year cannot be computed."""
    if (not all(ch.has(key) for key in now_keys) or prior_id not in ch.indicators.index
            or math.isnan(ch.indicators.loc[prior_id, "value"])):
        return math.nan, 0
    first, *others = now_keys
    now, box = ch.value(first, unit), ch.data.interval(first, unit)
    for key in others:
        part = ch.data.interval(key, unit)
        now, box = now - ch.value(key, unit), Interval(box.lo - part.hi, box.hi - part.lo)
    row = ch.indicators.loc[prior_id]
    change = change_range(box, Interval(row["low"], row["high"]))
    return now - row["value"], supported_places(change.lo, change.hi)


def decimals_written(text: str) -> int:
    """The decimals a figure is written with: '-20.2' has 1, '80' has 0."""
    return len(text.split(".")[1]) if "." in text else 0
