"""Figures of the report in words: as the report writes them, with their qualifier and the
sentence they come from as a tooltip; computed figures marked as derived, with their formula."""

from __future__ import annotations

import math
from collections.abc import Sequence

from fiscalbook.data.load import Fact, Year
from fiscalbook.data.markup import escape_html
from fiscalbook.data.units import is_money
from fiscalbook.story import fmt
from fiscalbook.story.unstated import NOT_STATED, Unstated
from fiscalbook.story.words import Words

# Words for a signed change: (rise, fall) per edition. Rates rise and fall (增长/下降); amounts
# increase and decrease (增加/减少), as the report writes them.
CHANGE_WORDS = {"rate": (("up", "down"), ("增长", "下降")), "amount": (("up", "down"), ("增加", "减少"))}
RATE_UNITS = ("%", "个百分点")


class Figures:
    """The year's figures for prose, captions and cells; an unstated one is noted, never filled in."""

    def __init__(self, data: Year, words: Words, unstated: Unstated) -> None:
        self.data, self.words, self.unstated = data, words, unstated

    def fact(self, key: str) -> Fact:
        """The figure with this key (KeyError when this year's report does not state it)."""
        return self.data.fact(key)

    def has(self, key: str) -> bool:
        """True when this year's report states the figure."""
        return self.data.has(key)

    def stated(self, keys: Sequence[str]) -> list[str]:
        """The keys this year's report states, in order; the others are noted as unstated."""
        for key in keys:
            if not self.has(key):
                self.unstated.key(key)
        return [key for key in keys if self.has(key)]

    def value(self, key: str, unit: str | None = None) -> float:
        """A figure's value (in ``unit`` for money), or NaN when the report does not state it."""
        if not self.has(key):
            self.unstated.key(key)
            return math.nan
        return self.data.value(key, unit)

    def __call__(self, key: str) -> str:
        """A figure for prose: as written, with its qualifier, and a tooltip quoting its source."""
        if not self.has(key):
            return self.unstated.key(key)
        fact = self.fact(key)
        return self.traced(fact, self.qualified(fact, self.format(fact)))

    def plain(self, key: str) -> str:
        """A figure as written, with its unit (and yuan in English) and qualifier, without
        source markup: for captions and alt text."""
        if not self.has(key):
            self.unstated.key(key)
            return self.words.t(*NOT_STATED)
        fact = self.fact(key)
        return self.qualified(fact, self.format(fact))

    def magnitude(self, key: str) -> str:
        """Like ``ch(key)`` but without the sign, for templates that say 'fell by'."""
        if not self.has(key):
            return self.unstated.key(key)
        fact = unsigned(self.fact(key))
        return self.traced(fact, self.qualified(fact, self.format(fact)))

    def change(self, key: str) -> str:
        """A signed change in words: 'up 6%' / '增长6%', 'down 0.33%' / '下降0.33%',
        'up 0.2 亿元 (…)' / '增加0.2亿元', with its qualifier ('较2019年决算数下降20.2%')."""
        if not self.has(key):
            return self.unstated.key(key)
        fact, t = self.fact(key), self.words.t
        english, chinese = CHANGE_WORDS["rate" if fact.unit in RATE_UNITS else "amount"]
        rise = fact.value >= 0
        word = t(english[0] if rise else english[1], chinese[0] if rise else chinese[1])
        text = f"{word}{t(' ', '')}{self.format(unsigned(fact))}"
        return self.traced(fact, self.qualified(fact, text))

    def format(self, fact: Fact) -> str:
        """A figure as written with its unit, in the edition's words."""
        if is_money(fact.unit):
            return fmt.money(fact.text, fact.unit, self.words.lang)
        unit_en = fact.unit_en or self.words.vocab[("unit", fact.unit)][0]
        return fmt.quantity(fact.text, fact.unit, self.words.lang, unit_en)

    def qualified(self, fact: Fact, text: str) -> str:
        """A figure's text with the qualifier the report states with it: after it in English,
        before it in Chinese ('15 元 (¥15) per person per month' / '每人每月15元')."""
        if not fact.qualifier_en:
            return text
        return self.words.t(f"{text} {fact.qualifier_en}", f"{fact.qualifier_zh}{text}")

    def source(self, fact: Fact) -> str:
        """Where the report states a figure: 'report 一.(六), line 12'."""
        if not fact.section:  # a report (or an excerpt) without headings
            return self.words.t(f"report, line {fact.line}", f"报告第{fact.line}行")
        return self.words.t(f"report {fact.section}, line {fact.line}",
                            f"报告{fmt.section_zh(fact.section)}，第{fact.line}行")

    def traced(self, fact: Fact, text: str, figure: bool = True) -> str:
        """``text`` with the figure's source sentence as its tooltip; a figure's span names its
        key (data-key), a source reference's (figure=False) does not."""
        title = escape_html(f"{self.source(fact)}{self.words.t(': ', '：')}{fact.quote}")
        key = f' data-key="{escape_html(fact.key)}"' if figure else ""
        return f'<span class="fact" tabindex="0"{key} title="{title}">{text}</span>'

    def derived(self, text: str, formula: str = "") -> str:
        """A computed figure's text, marked as derived, with its formula as a tooltip."""
        title = escape_html(self.words.t("computed", "推算") + (f": {formula}" if formula else ""))
        return f'<span class="derived" tabindex="0" title="{title}">{text}</span>'


def unsigned(fact: Fact) -> Fact:
    """The figure without its sign."""
    return Fact(**{**fact.__dict__, "text": fact.text.lstrip("-"), "value": abs(fact.value)})
