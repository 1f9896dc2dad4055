"""Computed numbers: derived indicators (data/derived.csv), the amounts stated rates imply, and
shares, numbers and amounts a chapter computes, rounded to what their inputs' digits allow."""

from __future__ import annotations

import math
from functools import cached_property

import pandas as pd

from fiscalbook.audit.rules import IMPLIED_KINDS, implied_values, indicators
from fiscalbook.data.load import Year
from fiscalbook.data.units import is_money
from fiscalbook.story import fmt
from fiscalbook.story.arithmetic import percent
from fiscalbook.story.figures import Figures
from fiscalbook.story.unstated import NOT_COMPUTABLE, Unstated, is_missing
from fiscalbook.story.words import Words

ABOUT_ZERO = ("about zero", "约为零")
PLACES_EN = {0: "whole units", 1: "one decimal place", 2: "two decimal places", 3: "three decimal places"}
PLACES_ZH = {0: "整数", 1: "一位小数", 2: "两位小数", 3: "三位小数"}
LAST_DIGIT = {0: ("units digit", "个位"), 1: ("first decimal", "第一位小数"), 2: ("second decimal", "第二位小数"),
              3: ("third decimal", "第三位小数"), 4: ("fourth decimal", "第四位小数")}


class Indicators:
    """Derived figures with their formulas, and computed numbers for prose."""

    def __init__(self, data: Year, words: Words, figures: Figures, unstated: Unstated) -> None:
        self.data, self.words, self.figures, self.unstated = data, words, figures, unstated

    @cached_property
    def indicators(self) -> pd.DataFrame:
        """Derived indicators (data/derived.csv) and implied values, indexed by id."""
        return pd.concat([indicators(self.data), implied_values(self.data)]).set_index("id")

    def share(self, part: float, whole: float, places: int = 1) -> str:
        """``part`` as a percentage of ``whole``, for prose: '37.7%'."""
        if is_missing(part, whole):
            return self.unstated.not_computable()
        return fmt.percent(percent(part, whole), places)

    def number(self, value: float, places: int = 1) -> str:
        """A computed number for prose, at ``places`` decimals."""
        return self.unstated.not_computable() if is_missing(value) else fmt.decimal(value, places)

    def amount(self, value: float, unit: str, formula: str = "", places: int = 2) -> str:
        """A computed amount in a money unit, rounded, marked as derived (formula as tooltip)."""
        if is_missing(value):
            return self.unstated.not_computable()
        return self.figures.derived(fmt.computed_money(value, unit, self.words.lang, places), formula)

    def indicator(self, indicator_id: str, places: int = 1, plain: bool = False) -> str:
        """A derived figure for prose, with its formula as a tooltip, rounded to no more
        decimals than ``places`` and than its inputs' digits allow; 'about zero' when they
        allow either sign. ``plain``: the text alone, for captions, alt text and chart labels."""
        row = self.indicators.loc[indicator_id]
        if is_missing(row["value"]):
            for key in str(row["missing"]).split(", "):
                if key in self.words.known_labels:
                    self.unstated.key(key)
            return self.words.t(*NOT_COMPUTABLE) if plain else self.unstated.not_computable()
        text = self.text(row, places)
        return text if plain else self.figures.derived(text, row["formula"])

    def text(self, row: pd.Series, places: int) -> str:
        """A derived figure's text, at the decimals its inputs allow, with its unit."""
        t = self.words.t
        if fmt.straddles_zero(row["low"], row["high"]):
            return t(*ABOUT_ZERO)
        places = min(places, fmt.places_for(row["low"], row["high"]))
        if row["unit"] == "%":
            return fmt.percent(row["value"], max(places, 0))
        if is_money(row["unit"]):
            return fmt.computed_money(row["value"], row["unit"], self.words.lang, places)
        text = fmt.decimal(row["value"], places)
        return f"{text}{t(' ', '')}{self.words.unit_name(row['unit'], text)}"

    def derived_value(self, indicator_id: str) -> tuple[float, int]:
        """A derived figure as a number, and the decimals its inputs' digits allow (NaN, 0 when
        the report lacks an input or no such figure is defined)."""
        if indicator_id not in self.indicators.index or is_missing(self.indicators.loc[indicator_id, "value"]):
            return math.nan, 0
        row = self.indicators.loc[indicator_id]
        return row["value"], fmt.places_for(row["low"], row["high"])

    def agrees(self, indicator_id: str, value: float) -> bool:
        """Whether ``value`` lies in the range the inputs' digits allow for a derived figure."""
        row = self.indicators.loc[indicator_id]
        return not is_missing(row["value"]) and bool(row["low"] <= value <= row["high"])

    def indicator_range(self, indicator_id: str, places: int = 2) -> tuple[str, str]:
        """The lowest and highest value the inputs' digits allow for a derived figure, as text."""
        row = self.indicators.loc[indicator_id]
        if is_missing(row["value"]):
            return self.unstated.not_computable(), self.unstated.not_computable()
        return fmt.decimal(row["low"], places), fmt.decimal(row["high"], places)

    def implied(self, base: str, kind: str, places: int = 2) -> str:
        """The amount a stated rate implies (kind: prior_year, budget, adjusted_budget, target),
        for prose, or a dash when the report states no such rate."""
        indicator_id = f"{base}.implied_{kind}"
        return self.indicator(indicator_id, places) if indicator_id in self.indicators.index else "—"

    def implied_value(self, base: str, kind: str) -> float:
        """The implied amount as a number (NaN when the report states no such rate)."""
        indicator_id = f"{base}.implied_{kind}"
        return self.indicators.loc[indicator_id, "value"] if indicator_id in self.indicators.index else math.nan

    def implied_label(self, kind: str) -> str:
        """'Implied budget' / '推算预算数', for a column header."""
        return self.words.t(*IMPLIED_KINDS[kind])

    # --- a sum of stated amounts, with its arithmetic shown -------------------------------------
    def _terms(self, keys: list[str], unit: str | None) -> tuple[str, list[tuple[str, float, int]]]:
        """The sum's unit (the first figure's when None) and each term: key, value in that unit,
        and the decimals it is written to in that unit (354 万元 is 0.0354 亿元: four)."""
        unit = unit or self.data.fact(keys[0]).unit
        terms = []
        for key in keys:
            fact = self.data.fact(key)
            written = len(fact.text.partition(".")[2])
            if is_money(fact.unit) and is_money(unit):
                written += round(math.log10(self.data.value(key, fact.unit) / self.data.value(key, unit))) \
                    if fact.value else 0
            terms.append((key, self.data.value(key, unit if is_money(fact.unit) else None), max(written, 0)))
        return unit, terms

    def sum_text(self, keys: list[str] | tuple[str, ...], unit: str | None = None) -> str:
        """A sum of stated figures with its arithmetic written out: '3.1 + 2.37 = 5.47 亿元'
        (each term as the report writes it, with its source as a tooltip; the total rounded to
        the most decimals of its terms, marked as computed). Money in another unit is
        converted to ``unit`` (the first figure's by default); a negative term is subtracted."""
        keys = list(keys)
        if not all(self.has_all(keys)):
            self.figures.stated(keys)
            return self.unstated.not_computable()
        unit, terms = self._terms(keys, unit)
        places = max(written for _, _, written in terms)
        shown = []
        for i, (key, value, written) in enumerate(terms):
            fact = self.data.fact(key)
            same = not is_money(fact.unit) or fact.unit == unit
            text = fmt.group(fact.text.lstrip("-")) if same else fmt.decimal(abs(value), written)
            sign = ("−" if value < 0 else "") if i == 0 else (" − " if value < 0 else " + ")
            shown.append(sign + self.figures.traced(fact, text))
        total = sum(value for _, value, _ in terms)
        formula = " + ".join(keys)
        if is_money(unit):
            result = self.figures.derived(fmt.computed_money(total, unit, self.words.lang, places), formula)
        else:
            text = fmt.decimal(total, places)
            result = self.figures.derived(f"{text}{self.words.t(' ', '')}{unit}", formula)
        return f"{''.join(shown)} = {result}"

    def has_all(self, keys: list[str]) -> list[bool]:
        """Whether the year states each key."""
        return [self.data.has(key) for key in keys]

    def sum_caveat(self, keys: list[str] | tuple[str, ...], unit: str | None = None) -> str:
        """Words on a sum's precision when its terms are written to different digits: the sum
        shows the finest digit, but the coarsest term leaves it uncertain by up to the sum of
        the terms' half units. Empty when every term has the same digits (or one is unstated)."""
        keys = list(keys)
        if not all(self.has_all(keys)):
            return ""
        unit, terms = self._terms(keys, unit)
        digits = [written for _, _, written in terms]
        if len(set(digits)) == 1:
            return ""
        coarse = [key for key, _, written in terms if written == min(digits)]
        radius = sum(0.5 * 10.0 ** -written for written in digits)
        names = self.words.t(" and ", "和").join(self.figures.plain(key) for key in coarse)
        bound = fmt.decimal(radius, max(digits) + 1)
        last_en, last_zh = LAST_DIGIT.get(max(digits), ("last digit", "末位"))
        coarsest = min(digits)
        return self.words.t(
            f"{names} {'is' if len(coarse) == 1 else 'are'} written to {PLACES_EN.get(coarsest, 'fewer digits')}, "
            f"so the sum may be off by up to {bound} {unit} either way, although it is written to its {last_en}.",
            f"{names}只写到{PLACES_ZH.get(coarsest, '较少的位数')}，"
            f"因此合计虽写到{last_zh}，仍可能偏高或偏低最多{bound}{unit}。")
