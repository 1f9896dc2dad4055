"""The years before, when data/ holds them: the previous report's own figures, traced to it, and
every year side by side."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cached_property

import pandas as pd

from fiscalbook.audit.series import change_checks, change_checks_frame, previous_year, series
from fiscalbook.data.load import Year
from fiscalbook.data.markup import escape_html
from fiscalbook.story.figures import Figures
from fiscalbook.story.indicators import Indicators
from fiscalbook.story.unstated import is_missing
from fiscalbook.story.words import Words


class Prior:
    """The previous year's report, and the series of every year in data/."""

    def __init__(self, data: Year, words: Words, figures: Figures, indicators: Indicators) -> None:
        self.data, self.words, self.figures, self.indicators = data, words, figures, indicators

    @cached_property
    def previous(self) -> Year | None:
        """The previous report year in the same data folder, or None when data/ lacks it."""
        return previous_year(self.data)

    def has_prior(self, key: str) -> bool:
        """True when the previous year's report states the same figure."""
        return self.previous is not None and self.previous.has(key)

    def prior(self, key: str) -> str:
        """The same figure as the previous year's report states it, for prose, traced to that
        report; '—' when data/ has no such figure."""
        if not self.has_prior(key):
            return "—"
        fact, t, year = self.previous.fact(key), self.words.t, self.previous.year
        text = self.figures.qualified(fact, self.figures.format(fact))
        title = escape_html(t(f"{year} ", f"{year}年") + self.figures.source(fact) + t(": ", "：") + fact.quote)
        return f'<span class="fact" tabindex="0" data-key="{escape_html(key)}" title="{title}">{text}</span>'

    def prior_value(self, key: str, unit: str | None = None) -> float:
        """The previous year's value of a figure (NaN when data/ has none)."""
        return self.previous.value(key, unit) if self.has_prior(key) else math.nan

    def prior_agreement(self, base: str, indicator_id: str) -> str:
        """'; the 2023 report stated …, which agrees within rounding' beside a previous-year
        value that ``indicator_id`` implies, when data/ holds the previous report's own figure
        for ``base`` (without the verdict when the implied value cannot be computed); empty
        when data/ has no such figure."""
        if not self.has_prior(base):
            return ""
        t, year = self.words.t, self.previous.year
        if is_missing(self.indicators.derived_value(indicator_id)[0]):
            return t(f"; the {year} report stated {self.prior(base)}", f"；{year}年报告所列为{self.prior(base)}")
        agrees = self.indicators.agrees(indicator_id, self.prior_value(base))
        verdict = t(*(("which agrees within rounding", "两者在四舍五入误差内一致") if agrees
                      else ("which does not agree", "两者不一致")))
        return t(f"; the {year} report stated {self.prior(base)}, {verdict}",
                 f"；{year}年报告所列为{self.prior(base)}，{verdict}")

    def change_checks(self) -> pd.DataFrame:
        """Each growth rate this report states, against the growth computed from this year's and
        the previous year's figures (empty without a previous year): see fiscalbook.audit.series."""
        if self.previous is None:
            return change_checks_frame()
        return change_checks(self.data, self.previous)

    def series(self, keys: Sequence[str], unit: str | None = None) -> pd.DataFrame:
        """Every report year in data/ as a row, the keys as columns (NaN where unstated)."""
        return series(self.data.data_dir, list(keys), unit, self.data.place_id)
