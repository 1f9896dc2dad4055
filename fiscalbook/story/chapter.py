"""What a notebook imports: the year's facts, formatted for the edition's language, as
paragraphs, tables and figures that carry their sources.

A chapter's preamble is one line::

    ch = Chapter(year, lang, data_dir, "transfers")

after which ``ch.say(en=..., zh=..., total=ch("city.transfers.total"))`` writes a paragraph,
``ch.table(ch.facts_table(keys), caption, check=rule_id)`` a table and
``ch.figure(fig, caption, alt)`` a captioned chart. Figures of the report are printed as the
report writes them, with the sentence they come from as a tooltip (by mouse or keyboard);
computed figures are marked as derived, with their formula as a tooltip.

A figure this year's report does not state (a key that another year of the data has) is never
an error and never filled in: it prints as "not stated in the report", computations on it as
"not computable", and the paragraph, table or figure that used it ends with a note naming what
the report leaves out. A key that no year has is a typo, and raises KeyError.

Everything written to the page passes through ``fiscalbook.data.markup.sanitize``: data is text.

``Chapter`` is a facade: each of its parts does one thing, in its own module (see ``__init__``),
and every ``ch.x`` the notebooks call is forwarded to the part that owns it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from fiscalbook.data.load import Fact, load_year
from fiscalbook.story import fmt, style
from fiscalbook.story.arithmetic import HALF_YEAR, grown, growth, level, percent
from fiscalbook.story.checks import HOLDS, STATUS_MARK, STATUS_TEXT, Checks
from fiscalbook.story.figures import CHANGE_WORDS, RATE_UNITS, Figures
from fiscalbook.story.indicators import ABOUT_ZERO, Indicators
from fiscalbook.story.page import FIGURE_DIR, Page
from fiscalbook.story.prior import Prior
from fiscalbook.story.report_text import ReportText
from fiscalbook.story.tables import Tables, measure_key
from fiscalbook.story.unstated import NOT_COMPUTABLE, NOT_STATED, Unstated
from fiscalbook.story.words import Words

__all__ = ["ABOUT_ZERO", "CHANGE_WORDS", "FIGURE_DIR", "HALF_YEAR", "HOLDS", "NOT_COMPUTABLE", "NOT_STATED",
           "RATE_UNITS", "STATUS_MARK", "STATUS_TEXT", "Chapter", "ChapterAbsent", "grown", "growth", "level",
           "measure_key", "percent"]


class ChapterAbsent(LookupError):
    """The year's report states no figure of the part a chapter is about. The build then
    shows a one-paragraph stand-in (fiscalbook.build.notebooks.absent_notebook) instead."""


class _Part:
    """A Chapter attribute answered by the part of that name, under the same name:
    ``rules_in = _Part("rules")`` makes ``ch.rules_in(...)`` call ``ch.rules.rules_in(...)``."""

    def __init__(self, part: str) -> None:
        self.part, self.attribute = part, ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.attribute = name

    def __get__(self, chapter: Chapter | None, owner: type | None = None) -> Any:
        return self if chapter is None else getattr(getattr(chapter, self.part), self.attribute)


class Chapter:
    """A year of facts seen through one edition's language: a facade over its parts."""

    def __init__(self, year: int, lang: str, data_dir: str | Path, name: str, needs: Sequence[str] = (),
                 *, place: str | None = None) -> None:
        """``needs``: key prefixes of the report part the chapter is about ('city.transfers.');
        when the year states no figure under any of them, ChapterAbsent is raised. ``place``:
        the place whose report it is (None: the default place)."""
        self.lang = fmt.check_lang(lang)
        self.data = load_year(year, data_dir, place)
        self.place = self.data.place  # the place's descriptor: its names, scopes and parts
        self.year = self.data.year
        self.name = name
        if needs and not self.data.facts["key"].str.startswith(tuple(needs)).any():
            raise ChapterAbsent(f"the {self.year} report states no figure with a key starting "
                                f"{' or '.join(needs)}")
        self.words = Words(self.data, self.lang)  # the edition's words and names
        self.unstated = Unstated(self.words)  # what the report leaves out, and the note naming it
        self.figures = Figures(self.data, self.words, self.unstated)  # figures as written, traced
        self.numbers = Indicators(self.data, self.words, self.figures, self.unstated)  # computed ones
        self.prior_years = Prior(self.data, self.words, self.figures, self.numbers)  # the years before
        self.rules = Checks(self.data, self.words)  # the identities of rules.csv
        self.tables = Tables(self.words, self.figures, self.numbers, self.rules, self.unstated)
        self.page = Page(self.words, self.unstated, name)  # paragraphs and charts
        self.report = ReportText(self.data, self.page)  # the report's headings and sentences
        style.apply()

    # --- the most used calls, forwarded with their signatures ---------------------------------
    def t(self, en: str, zh: str) -> str:
        return self.words.t(en, zh)

    def say(self, en: str, zh: str, **values: object) -> None:
        self.page.say(en, zh, **values)

    def __call__(self, key: str) -> str:
        return self.figures(key)

    def has(self, key: str) -> bool:
        return self.figures.has(key)

    def fact(self, key: str) -> Fact:
        return self.figures.fact(key)

    def value(self, key: str, unit: str | None = None) -> float:
        return self.figures.value(key, unit)

    def plain(self, key: str) -> str:
        return self.figures.plain(key)

    def change(self, key: str) -> str:
        return self.figures.change(key)

    def name_of(self, key: str, in_sentence: bool = False) -> str:
        return self.words.name_of(key, in_sentence)

    def indicator(self, indicator_id: str, places: int = 1, plain: bool = False) -> str:
        return self.numbers.indicator(indicator_id, places, plain)

    def share(self, part: float, whole: float, places: int = 1) -> str:
        return self.numbers.share(part, whole, places)

    def table(self, frame: pd.DataFrame, caption: str = "", check: str | Sequence[str] = (),
              collapsed: str = "") -> None:
        self.tables.table(frame, caption, check, collapsed)

    # --- the rest, each answered by the part named ---------------------------------------
    label = _Part("words")
    scope_name = _Part("words")
    area_name = _Part("words")
    unit_name = _Part("words")
    with_unit = _Part("words")
    axis_unit = _Part("words")
    stated = _Part("figures")
    magnitude = _Part("figures")
    source = _Part("figures")
    number = _Part("numbers")
    amount = _Part("numbers")
    indicators = _Part("numbers")
    derived_value = _Part("numbers")
    agrees = _Part("numbers")
    indicator_range = _Part("numbers")
    implied = _Part("numbers")
    implied_value = _Part("numbers")
    implied_label = _Part("numbers")
    previous = _Part("prior_years")
    has_prior = _Part("prior_years")
    prior = _Part("prior_years")
    prior_value = _Part("prior_years")
    prior_agreement = _Part("prior_years")
    change_checks = _Part("prior_years")
    series = _Part("prior_years")
    check = _Part("rules")
    rule_keys = _Part("rules")
    rules_in = _Part("rules")
    status_text = _Part("rules")
    side_text = _Part("rules")
    difference_text = _Part("rules")
    check_text = _Part("rules")
    check_sentence = _Part("rules")
    checks = _Part("rules")
    facts_table = _Part("tables")
    figures_table = _Part("tables")
    figure = _Part("page")
    absent = _Part("page")
    cite = _Part("page")
    reading = _Part("page")
    report_section = _Part("report")
    section_name = _Part("report")
    report_headings = _Part("report")
    report_sentences = _Part("report")
    say_where = _Part("report")
