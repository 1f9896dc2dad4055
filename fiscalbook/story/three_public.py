"""What the chapters 09 to 13 need beside half_year.py: the precision of a computed answer from the
digits its figures are written with (for the exercise solutions), and the split of a section's
rules into identities and comparisons of two scopes (a comparison of scopes is a finding about
scope, never a failed identity)."""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import product
from typing import TYPE_CHECKING

from fiscalbook.audit.counts import SCOPE_COMPARISON
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
    """The decimals a value known only within [low, high] can show: the last digit shown is the
    first one the range's half-width stays below a unit of (the rule the solutions state: a
    budget within ±0.08 万元 shows one decimal; a rise within ±0.04 万元 shows 147.0, not 146.98,
    where fmt.places_for would keep two). Never more than ``most``."""
    radius = abs(high - low) / 2
    if radius == 0 or not math.isfinite(radius):
        return most
    return min(most, math.floor(-math.log10(radius)))


def range_text(box: Interval, unit: str, lang: str, places: int) -> str:
    """An interval in words: '1,342.36 to 1,342.51 万元 (±0.07 万元)' / '1,342.36至1,342.51万元（±0.07万元）'."""
    low, high = fmt.decimal(box.lo, places), fmt.decimal(box.hi, places)
    shown = places
    while shown < places + 3 and box.radius and not fmt.decimal(box.radius, shown).strip("0.,"):
        shown += 1  # a radius smaller than the last decimal shown gets one significant digit
    radius = fmt.decimal(box.radius, shown)
    if unit == "%":
        return (f"{low}%至{high}%（±{radius}个百分点）" if lang == "zh"
                else f"{low}% to {high}% (±{radius} percentage points)")
    return f"{low}至{high}{unit}（±{radius}{unit}）" if lang == "zh" else f"{low} to {high} {unit} (±{radius} {unit})"


def precision_line(box: Interval, unit: str, lang: str, places: int, signed: bool = False) -> str:
    """The sentence a solution prints under its answer: the range the written digits allow, and
    (``signed``: for a difference) whether its sign holds over all of it."""
    text = range_text(box, unit, lang, places)
    crosses = box.lo < 0 < box.hi
    either = "，符号可能相反" if lang == "zh" else "; the sign may go either way"
    holds = "，符号在整个区间内不变" if lang == "zh" else "; the sign holds over the whole range"
    sign = "" if not signed else either if crosses else holds
    return (f"按所列数字的位数（每个数字误差为末位的半个单位），结果的范围是{text}{sign}。" if lang == "zh"
            else f"From the digits as written (each figure good to half a unit of its last digit), the result lies "
                 f"in the range {text}{sign}.")


def identities(ch: Chapter, rules: list[str]) -> list[str]:
    """The rules that are identities or inequalities, without the comparisons of two scopes."""
    return [rule for rule in rules if ch.check(rule)["kind"] != SCOPE_COMPARISON]


def scope_comparisons(ch: Chapter, rules: list[str]) -> list[str]:
    """The rules that set two scopes side by side: findings about scope, shown in words."""
    return [rule for rule in rules if ch.check(rule)["kind"] == SCOPE_COMPARISON]


def scope_finding(ch: Chapter, rule: str) -> tuple[str, str]:
    """A comparison of two scopes in words (en, zh), as a finding about scope, not a check that
    fails: its label, both sides and their difference."""
    result = ch.check(rule)
    sides = {side: ch.side_text(result, side) for side in ("lhs", "rhs")}
    difference = ch.difference_text(result) if result["difference"] is not None else ""
    unit = result["unit"]
    return (f"A finding about scope, not an identity that fails: {result['label_en']}. The two sides are "
            f"{sides['lhs']} and {sides['rhs']} {unit}" + (f", {difference} apart" if difference else "")
            + "; they measure different scopes, so the gap says how far the scopes differ, not that a figure is wrong.",
            f"下面比较的是两个口径，并非恒等式核对：{result['label_zh']}。两边分别为{sides['lhs']}{unit}和"
            f"{sides['rhs']}{unit}" + (f"，相差{difference}" if difference else "")
            + "。差额反映的是口径的差别，并不说明某个数字有误。")
