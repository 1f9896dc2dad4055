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
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cached_property
from html import unescape
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from fiscalbook.audit.rules import IMPLIED_KINDS, check_rule, implied_values, indicators
from fiscalbook.audit.series import change_checks, change_checks_frame, previous_year, series
from fiscalbook.data.expressions import keys_in
from fiscalbook.data.load import Fact, Year, labels_of_all_years, load_year, read_shared
from fiscalbook.data.markup import escape_html, sanitize
from fiscalbook.data.units import is_money
from fiscalbook.data.validate import BASE_MEASURES
from fiscalbook.story import fmt, style
from fiscalbook.story.images import save_chart

FIGURE_DIR = Path("figures")  # beside the executed notebook, where Sphinx picks it up
STATUS_TEXT = {
    "exact": ("holds exactly", "完全成立"),
    "within_rounding": ("holds within rounding (the two sides differ by {difference})",
                        "在四舍五入误差内成立（两边相差{difference}）"),
    "fails": ("does not hold: the two sides differ by {difference}", "不成立：两边相差{difference}"),
    "not_evaluable": ("cannot be checked: the report does not state {missing}", "无法核对：报告未列出{missing}"),
    "undefined": ("cannot be checked: it divides by a figure that may be zero", "无法核对：除数可能为零"),
}
HOLDS = ("holds", "成立")  # an inequality has no "exactly"
STATUS_MARK = {"exact": "✓", "within_rounding": "≈", "fails": "✗", "not_evaluable": "?", "undefined": "?"}
# Words for a signed change: (rise, fall) per edition. Rates rise and fall (增长/下降); amounts
# increase and decrease (增加/减少), as the report writes them.
CHANGE_WORDS = {"rate": (("up", "down"), ("增长", "下降")), "amount": (("up", "down"), ("增加", "减少"))}
NOT_STATED = ("not stated in the report", "报告未列出")
NOT_COMPUTABLE = ("not computable", "无法计算")
ABOUT_ZERO = ("about zero", "约为零")
RATE_UNITS = ("%", "个百分点")


class ChapterAbsent(LookupError):
    """The year's report states no figure of the part a chapter is about. The build then
    shows a one-paragraph stand-in (fiscalbook.build.notebooks.absent_notebook) instead."""


def measure_key(base: str, measure: str) -> str:
    """The key of an item's figure for a measure: 'x.revenue' + 'yoy_pct' -> 'x.revenue.yoy_pct'."""
    return base if measure in BASE_MEASURES else f"{base}.{measure}"


class Chapter:
    """A year of facts seen through one edition's language."""

    def __init__(self, year: int, lang: str, data_dir: str | Path, name: str, needs: Sequence[str] = (),
                 *, place: str | None = None) -> None:
        """``needs``: key prefixes of the report part the chapter is about ('city.transfers.');
        when the year states no figure under any of them, ChapterAbsent is raised. ``place``:
        the place whose report it is (None: the data folder's one place)."""
        self.lang = fmt.check_lang(lang)
        self.place = place
        self.data = load_year(year, data_dir)  # place: passed to load_year once it takes one
        self.year = self.data.year
        self.name = name
        if needs and not self.data.facts["key"].str.startswith(tuple(needs)).any():
            raise ChapterAbsent(f"the {self.year} report states no figure with a key starting "
                                f"{' or '.join(needs)}")
        self._figures = 0
        self._unstated: list[str] = []  # keys asked for since the last output that the report lacks
        style.apply()

    # --- words ---------------------------------------------------------------------------
    def t(self, en: str, zh: str) -> str:
        """The edition's text of a pair."""
        return zh if self.lang == "zh" else en

    def say(self, en: str, zh: str, **values: object) -> None:
        """Display a paragraph from the edition's template; {year} and {next_year} are known.
        A paragraph that used a figure the report does not state ends with a note naming it."""
        text = self.t(en, zh).format(year=self.year, next_year=self.year + 1, **values)
        display(Markdown(sanitize(text + self._unstated_note())))

    def label(self, field: str, code: str) -> str:
        """The edition's label of a vocabulary code (scope, budget, measure, period, unit)."""
        return self.t(*self._vocab[(field, code)])

    def name_of(self, key: str, in_sentence: bool = False) -> str:
        """What a figure is, in the edition's words, whether or not this year states it;
        ``in_sentence`` lower-cases an English label's first letter (not a name's)."""
        if self.has(key):
            label = self.fact(key).label(self.lang)
        else:  # a figure of another year, or (for an identity of another report) only its key
            label = self.t(*self._known_labels[key][:2]) if key in self._known_labels else key
        return fmt.in_sentence(label) if in_sentence and self.lang == "en" else label

    def scope_name(self, scope: str, in_sentence: bool = True, remark: bool = True) -> str:
        """A scope code's name in the edition's words. Inside an English sentence a common noun
        is lower-cased and takes 'the' ('the whole city (incl. counties)', 'the city-level
        government'), a name neither ('Haiyuan County'); ``remark=False`` drops a bracketed remark."""
        if ("scope", scope) not in self._vocab:
            return scope  # a scope a new report names that the vocabulary does not know yet
        label = self.label("scope", scope)
        if not remark:
            label = re.sub(r"\s*[(（][^)）]*[)）]$", "", label)
        if self.lang == "zh" or not in_sentence:
            return label
        lowered = fmt.in_sentence(label)
        return label if lowered == label else f"the {lowered}"

    def area_name(self, area: str) -> str:
        """An area the report names in its wording (中宁县), for a table cell: 'Zhongning County
        (中宁县)' in English; as written in Chinese, and when the vocabulary does not know it."""
        if self.lang == "zh" or ("scope", area) not in self._vocab:
            return area
        return f"{self.scope_name(area, in_sentence=False)} ({area})"

    def report_section(self, *prefixes: str, title: str = "") -> str:
        """Where this year's report speaks of a subject, as its heading path ('一.(六)'), so
        that no chapter types a section number another year's report may not share: the
        section (two levels deep) holding most of the figures whose keys start with
        ``prefixes``; else the first heading whose title contains ``title``; '' when neither
        is found (the report does not have the section)."""
        facts = self.data.facts[self.data.facts["key"].str.startswith(prefixes)] if prefixes else None
        if facts is not None and len(facts):
            sections = facts["section"].str.extract(r"^([^.]+(?:\.\([^)]+\))?)")[0].dropna()
            if len(sections):
                return sections.value_counts(sort=True).index[0]
        if title:
            return next((path for path, heading, _ in self.report_headings() if title in heading), "")
        return ""

    def section_name(self, section: str) -> str:
        """A heading path in a sentence of the edition: 'section 一.(六)' / '第一部分第（六）节'."""
        return fmt.section_name(section, self.lang)

    def report_headings(self) -> list[tuple[str, str, str]]:
        """Every heading of this year's report as (path, title, text under it up to the next
        heading), the text as the validator quotes it (white space removed)."""
        return self._headings

    @cached_property
    def _headings(self) -> list[tuple[str, str, str]]:
        """report_headings, read once: the report is parsed into its structure here only."""
        from fiscalbook.extract.document import Document

        document = Document(self.data.report.raw)
        flat, sections = document.report.flat, [s for s in document.sections if s.path]
        ends = [s.start for s in sections[1:]] + [len(flat)]
        found = []
        for section, end in zip(sections, ends, strict=True):
            text = flat[section.start:end]
            cut = text.find(section.title) + len(section.title) if section.title else 0
            found.append((section.path, section.title, text[cut:].lstrip("。：:")))
        return found

    def report_sentences(self, part: str, word: str) -> list[tuple[str, str]]:
        """The sentences (up to 。 or ；) of the report under heading ``part`` and its
        subheadings that contain ``word``, each with its heading path, in the report's order."""
        found = []
        for path, _, text in self.report_headings():
            if path == part or path.startswith(part + "."):
                found += [(path, sentence + "。") for sentence in re.split(r"[。；]", text) if word in sentence]
        return found

    def say_where(self, section: str, also: Sequence[str] = ()) -> None:
        """Say which part of this year's report the chapter follows (found by report_section),
        and where else its figures come from; nothing when the report lacks the section."""
        also = [self.section_name(other) for other in dict.fromkeys(also) if other and other != section]
        if not section:
            return
        extra_en = f", with figures from {' and '.join(also)}" if also else ""
        extra_zh = f"，另有数字取自{'、'.join(also)}" if also else ""
        self.say(en="This chapter follows {section} of the {year} report{extra}.",
                 zh="本章对应{year}年报告{section}{extra}。",
                 section=self.section_name(section), extra=self.t(extra_en, extra_zh))

    def unit_name(self, unit: str, count: float | str = 2) -> str:
        """A unit in the edition's words: '10,000 yuan', 'school' for one, 'schools'."""
        return unit if self.lang == "zh" else fmt.noun(self._vocab[("unit", unit)][0], count)

    def with_unit(self, text: str, unit: str) -> str:
        """A written number and its unit for a table cell, as the edition writes it."""
        return fmt.with_unit(text, unit, self.lang)

    def axis_unit(self, unit: str) -> str:
        """An axis label for a unit: '万元 (10,000 yuan)' in English, '万元' in Chinese."""
        return self.t(f"{unit} ({self.unit_name(unit)})", unit)

    @cached_property
    def _vocab(self) -> dict[tuple[str, str], tuple[str, str]]:
        table = read_shared("vocab", self.data.data_dir)
        return {(r.field, r.code): (r.label_en, r.label_zh) for r in table.itertuples()}

    # --- figures of the report -----------------------------------------------------------
    def fact(self, key: str) -> Fact:
        """The figure with this key (KeyError when this year's report does not state it)."""
        return self.data.fact(key)

    def has(self, key: str) -> bool:
        return self.data.has(key)

    def stated(self, keys: Sequence[str]) -> list[str]:
        """The keys this year's report states, in order; the others are noted as unstated."""
        for key in keys:
            if not self.has(key):
                self._unstated_key(key)
        return [key for key in keys if self.has(key)]

    def value(self, key: str, unit: str | None = None) -> float:
        """A figure's value (in ``unit`` for money), or NaN when the report does not state it."""
        if not self.has(key):
            self._unstated_key(key)
            return math.nan
        return self.data.value(key, unit)

    def __call__(self, key: str) -> str:
        """A figure for prose: as written, with its qualifier, and a tooltip quoting its source."""
        if not self.has(key):
            return self._unstated_key(key)
        fact = self.fact(key)
        return self._traced(fact, self._qualified(fact, self._format(fact)))

    def plain(self, key: str) -> str:
        """A figure as written, with its unit (and yuan in English) and qualifier, without
        source markup: for captions and alt text."""
        if not self.has(key):
            self._unstated_key(key)
            return self.t(*NOT_STATED)
        fact = self.fact(key)
        return self._qualified(fact, self._format(fact))

    def magnitude(self, key: str) -> str:
        """Like ``ch(key)`` but without the sign, for templates that say 'fell by'."""
        if not self.has(key):
            return self._unstated_key(key)
        fact = _unsigned(self.fact(key))
        return self._traced(fact, self._qualified(fact, self._format(fact)))

    def change(self, key: str) -> str:
        """A signed change in words: 'up 6%' / '增长6%', 'down 0.33%' / '下降0.33%',
        'up 0.2 亿元 (…)' / '增加0.2亿元', with its qualifier ('较2019年决算数下降20.2%')."""
        if not self.has(key):
            return self._unstated_key(key)
        fact = self.fact(key)
        kind = "rate" if fact.unit in RATE_UNITS else "amount"
        english, chinese = CHANGE_WORDS[kind]
        rise = fact.value >= 0
        word = self.t(english[0] if rise else english[1], chinese[0] if rise else chinese[1])
        text = f"{word}{self.t(' ', '')}{self._format(_unsigned(fact))}"
        return self._traced(fact, self._qualified(fact, text))

    def _format(self, fact: Fact) -> str:
        if is_money(fact.unit):
            return fmt.money(fact.text, fact.unit, self.lang)
        return fmt.quantity(fact.text, fact.unit, self.lang, fact.unit_en or self._vocab[("unit", fact.unit)][0])

    def _qualified(self, fact: Fact, text: str) -> str:
        """A figure's text with the qualifier the report states with it: after it in English,
        before it in Chinese ('15 元 (¥15) per person per month' / '每人每月15元')."""
        if not fact.qualifier_en:
            return text
        return self.t(f"{text} {fact.qualifier_en}", f"{fact.qualifier_zh}{text}")

    def source(self, fact: Fact) -> str:
        return self.t(f"report {fact.section}, line {fact.line}",
                      f"报告{fmt.section_zh(fact.section)}，第{fact.line}行")

    def _traced(self, fact: Fact, text: str, figure: bool = True) -> str:
        """``text`` with the figure's source sentence as its tooltip; a figure's span names its
        key (data-key), a source reference's (figure=False) does not."""
        title = escape_html(f"{self.source(fact)}{self.t(': ', '：')}{fact.quote}")
        key = f' data-key="{escape_html(fact.key)}"' if figure else ""
        return f'<span class="fact" tabindex="0"{key} title="{title}">{text}</span>'

    # --- the year before, when data/ holds it ----------------------------------------------
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
        fact = self.previous.fact(key)
        text = self._qualified(fact, self._format(fact))
        title = escape_html(self.t(f"{self.previous.year} ", f"{self.previous.year}年") + self.source(fact)
                            + self.t(": ", "：") + fact.quote)
        return f'<span class="fact" tabindex="0" data-key="{escape_html(key)}" title="{title}">{text}</span>'

    def prior_value(self, key: str, unit: str | None = None) -> float:
        """The previous year's value of a figure (NaN when data/ has none)."""
        return self.previous.value(key, unit) if self.has_prior(key) else math.nan

    def change_checks(self) -> pd.DataFrame:
        """Each growth rate this report states, against the growth computed from this year's and
        the previous year's figures (empty without a previous year): see fiscalbook.audit.series."""
        if self.previous is None:
            return change_checks_frame()
        return change_checks(self.data, self.previous)

    def series(self, keys: Sequence[str], unit: str | None = None) -> pd.DataFrame:
        """Every report year in data/ as a row, the keys as columns (NaN where unstated)."""
        return series(self.data.data_dir, list(keys), unit)

    # --- what the report leaves out ------------------------------------------------------
    @cached_property
    def _known_labels(self) -> dict[str, tuple[str, str, str]]:
        return labels_of_all_years(self.data.data_dir)

    def _unstated_key(self, key: str) -> str:
        """Note that the report does not state ``key`` (a key no year has is a typo) and
        return what to print in its place."""
        if key not in self._known_labels:
            raise KeyError(f"no fact with key '{key}' in any year of {self.data.data_dir}")
        if key not in self._unstated:
            self._unstated.append(key)
        return f'<span class="missing">{self.t(*NOT_STATED)}</span>'

    def _distinct_names(self, keys: Sequence[str]) -> list[str]:
        """The names of figures for a sentence, each once; where two figures of different scopes
        share a name, each says its scope: 'local general public budget revenue (the whole city)'."""
        named = {key: self.name_of(key, in_sentence=True) for key in keys}
        scopes: dict[str, set[str]] = {}
        for key, name in named.items():
            scopes.setdefault(name, set()).add(self._scope_of(key))
        return list(dict.fromkeys(
            self.t(f"{name} ({self.scope_name(self._scope_of(key), remark=False)})",
                   f"{name}（{self.scope_name(self._scope_of(key), remark=False)}）") if len(scopes[name]) > 1 else name
            for key, name in named.items()))

    def _scope_of(self, key: str) -> str:
        return self.fact(key).scope if self.has(key) else self._known_labels.get(key, ("", "", "unstated"))[2]

    def _not_computable(self) -> str:
        return f'<span class="missing">{self.t(*NOT_COMPUTABLE)}</span>'

    def _unstated_note(self) -> str:
        """' (Not stated in the 2024 report: …)' for the figures asked for since the last
        output, once; empty when there are none."""
        if not self._unstated:
            return ""
        names = self.t("; ", "；").join(self._distinct_names(self._unstated))
        self._unstated = []
        return self.t(f" (Not stated in the {self.year} report: {names}.)", f"（{self.year}年报告未列出：{names}。）")

    def absent(self, subject: tuple[str, str]) -> None:
        """The one paragraph of a chapter whose whole section this year's report leaves out."""
        self.say(en="The report for {year} has no section on {subject}, so this chapter has nothing to show "
                    "for {year}. It shows no figure of another year in its place.",
                 zh="{year}年的报告没有关于{subject}的部分，因此本章没有{year}年的内容可以展示，"
                    "也不会用其他年份的数字代替。",
                 subject=fmt.in_sentence(subject[0]) if self.lang == "en" else subject[1])

    # --- computed numbers ----------------------------------------------------------------
    def share(self, part: float, whole: float, places: int = 1) -> str:
        """``part`` as a percentage of ``whole``, for prose: '37.7%'."""
        if _missing(part, whole):
            return self._not_computable()
        return fmt.percent(percent(part, whole), places)

    def number(self, value: float, places: int = 1) -> str:
        return self._not_computable() if _missing(value) else fmt.decimal(value, places)

    def amount(self, value: float, unit: str, formula: str = "", places: int = 2) -> str:
        """A computed amount in a money unit, rounded, marked as derived (formula as tooltip)."""
        if _missing(value):
            return self._not_computable()
        return self._derived(fmt.computed_money(value, unit, self.lang, places), formula)

    @cached_property
    def indicators(self) -> pd.DataFrame:
        """Derived indicators (data/derived.csv) and implied values, indexed by id."""
        return pd.concat([indicators(self.data), implied_values(self.data)]).set_index("id")

    def indicator(self, indicator_id: str, places: int = 1, plain: bool = False) -> str:
        """A derived figure for prose, with its formula as a tooltip, rounded to no more
        decimals than ``places`` and than its inputs' digits allow; 'about zero' when they
        allow either sign. ``plain``: the text alone, for captions, alt text and chart labels."""
        row = self.indicators.loc[indicator_id]
        if _missing(row["value"]):
            for key in str(row["missing"]).split(", "):
                if key in self._known_labels:
                    self._unstated_key(key)
            return self.t(*NOT_COMPUTABLE) if plain else self._not_computable()
        text = self._indicator_text(row, places)
        return text if plain else self._derived(text, row["formula"])

    def _indicator_text(self, row: pd.Series, places: int) -> str:
        if fmt.straddles_zero(row["low"], row["high"]):
            return self.t(*ABOUT_ZERO)
        places = min(places, fmt.places_for(row["low"], row["high"]))
        if row["unit"] == "%":
            return fmt.percent(row["value"], max(places, 0))
        if is_money(row["unit"]):
            return fmt.computed_money(row["value"], row["unit"], self.lang, places)
        text = fmt.decimal(row["value"], places)
        return f"{text}{self.t(' ', '')}{self.unit_name(row['unit'], text)}"

    def derived_value(self, indicator_id: str) -> tuple[float, int]:
        """A derived figure as a number, and the decimals its inputs' digits allow (NaN, 0 when
        the report lacks an input or no such figure is defined)."""
        if indicator_id not in self.indicators.index or _missing(self.indicators.loc[indicator_id, "value"]):
            return math.nan, 0
        row = self.indicators.loc[indicator_id]
        return row["value"], fmt.places_for(row["low"], row["high"])

    def agrees(self, indicator_id: str, value: float) -> bool:
        """Whether ``value`` lies in the range the inputs' digits allow for a derived figure."""
        row = self.indicators.loc[indicator_id]
        return not _missing(row["value"]) and bool(row["low"] <= value <= row["high"])

    def prior_agreement(self, base: str, indicator_id: str) -> str:
        """'; the 2023 report stated …, which agrees within rounding' beside a previous-year
        value that ``indicator_id`` implies, when data/ holds the previous report's own figure
        for ``base`` (without the verdict when the implied value cannot be computed); empty
        when data/ has no such figure."""
        if not self.has_prior(base):
            return ""
        if _missing(self.derived_value(indicator_id)[0]):
            return self.t(f"; the {self.previous.year} report stated {self.prior(base)}",
                          f"；{self.previous.year}年报告所列为{self.prior(base)}")
        agrees = self.agrees(indicator_id, self.prior_value(base))
        verdict = self.t(*(("which agrees within rounding", "两者在四舍五入误差内一致") if agrees
                           else ("which does not agree", "两者不一致")))
        return self.t(f"; the {self.previous.year} report stated {self.prior(base)}, {verdict}",
                      f"；{self.previous.year}年报告所列为{self.prior(base)}，{verdict}")

    def indicator_range(self, indicator_id: str, places: int = 2) -> tuple[str, str]:
        """The lowest and highest value the inputs' digits allow for a derived figure, as text."""
        row = self.indicators.loc[indicator_id]
        if _missing(row["value"]):
            return self._not_computable(), self._not_computable()
        return fmt.decimal(row["low"], places), fmt.decimal(row["high"], places)

    def _derived(self, text: str, formula: str = "") -> str:
        title = escape_html(self.t("computed", "推算") + (f": {formula}" if formula else ""))
        return f'<span class="derived" tabindex="0" title="{title}">{text}</span>'

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
        return self.t(*IMPLIED_KINDS[kind])

    # --- identities ----------------------------------------------------------------------
    @cached_property
    def _rules(self) -> dict[str, dict]:
        return {row["id"]: row for row in read_shared("rules", self.data.data_dir).to_dict("records")}

    def check(self, rule_id: str) -> dict:
        """An identity of rules.csv evaluated on this year: status, both sides, difference."""
        return check_rule(self._rules[rule_id], self.data)

    def rule_keys(self, rule_id: str) -> tuple[list[str], list[str]]:
        """The fact keys on the left and on the right of an identity."""
        rule = self._rules[rule_id]
        return keys_in(rule["lhs"]), keys_in(rule["rhs"])

    def rules_in(self, section: str) -> list[str]:
        """The ids of the identities that belong to a section of the report (and its subsections)."""
        return [rule_id for rule_id, rule in self._rules.items()
                if rule["section"] == section or rule["section"].startswith(section + ".")]

    def status_text(self, rule_id: str) -> str:
        """How an identity holds this year, in words: 'holds within rounding (the two sides
        differ by 0.01 亿元)'."""
        return self._status_words(self.check(rule_id))

    def side_text(self, result: dict, side: str) -> str:
        """One side of an evaluated identity ('lhs' or 'rhs'), at the decimals its figures have."""
        return fmt.decimal(result[f"{side}_value"], result[f"{side}_places"])

    def difference_text(self, result: dict) -> str:
        """The difference of an identity's two sides, at its figures' decimals, in its unit
        (percentage points for rates): '0.01 亿元', '0.04 pp'."""
        shown = fmt.decimal(abs(result["difference"]), result["places"])
        if not shown.strip("0.,"):
            shown = self.t("less than ", "不到") + fmt.decimal(10.0 ** -result["places"], result["places"])
        unit = result["unit"]
        if unit in ("", "%"):
            return fmt.percent_text(shown, "个百分点", self.lang)
        return f"{shown}{self.t(' ', '')}{unit}"

    def _status_words(self, result: dict) -> str:
        difference = "" if result["difference"] is None else self.difference_text(result)
        names = self._distinct_names([k for k in result["missing"].split(", ") if k])
        missing = self.t(", ", "、").join(names)
        words = STATUS_TEXT[result["status"]]
        if result.get("relation") == "<=" and result["status"] == "exact":
            words = HOLDS
        return self.t(*words).format(difference=difference, missing=missing)

    def check_text(self, rule_id: str) -> str:
        """What an identity says about this year, in the edition's words, with a ✓/≈/✗ mark."""
        result = self.check(rule_id)  # evaluated once for the mark, the label and the words
        label = self.t(result["label_en"], result["label_zh"])
        return (f"{STATUS_MARK[result['status']]} {label}{self.t(': ', '：')}"
                f"{self._status_words(result)}{self.t('.', '。')}")

    def checks(self, *rule_ids: str) -> None:
        """State identities of rules.csv, one per line, as under a table."""
        display(HTML(self._checks_html(rule_ids)))

    def _checks_html(self, rule_ids: Sequence[str]) -> str:
        lines = "<br>".join(sanitize(self.check_text(r), markdown=False) for r in rule_ids)
        return f"<p class='table-check'>{lines}</p>"

    # --- tables --------------------------------------------------------------------------
    def facts_table(self, bases: Sequence[str], measures: Sequence[str] = ("amount",),
                    labels: dict[str, str] | None = None, implied: Sequence[str] = ()) -> pd.DataFrame:
        """One row per item (a base key), one column per measure, then implied amounts
        (kinds of ``implied``, marked as derived), then the source.

        Cells hold the figures as written; a header carries the unit when every row shares it,
        otherwise each cell does. ``labels`` may override an item's label (by base key). An
        item of which the report states none of these figures is left out and noted."""
        present = [b for b in bases if any(self.has(measure_key(b, m)) for m in measures)]
        for base in bases:
            if base not in present:
                self._unstated_key(base if base in self._known_labels else measure_key(base, measures[0]))
        columns = {measure: self._column(self.label("measure", measure), [measure_key(b, measure) for b in present])
                   for measure in measures}
        implied_columns = {kind: self._column(self.implied_label(kind), [b for b in present if self.has(b)])
                           for kind in implied}
        rows = []
        for base in present:
            fact = self.fact(next(measure_key(base, m) for m in measures if self.has(measure_key(base, m))))
            row = {self.t("Item", "项目"): escape_html((labels or {}).get(base) or fact.label(self.lang))}
            if self.lang == "en":
                row["中文"] = escape_html(fact.label_zh)
            for measure, (header, shared_unit) in columns.items():
                row[header] = self._cell(measure_key(base, measure), shared_unit)
            for kind, (header, shared_unit) in implied_columns.items():
                row[header] = self._implied_cell(base, kind, fact.unit, shared_unit)
            row[self.t("Source", "出处")] = self._source_cell(fact)
            rows.append(row)
        return pd.DataFrame(rows, columns=self._table_columns(columns, implied_columns))

    def _table_columns(self, columns: dict, implied_columns: dict) -> list[str]:
        names = [self.t("Item", "项目")] + (["中文"] if self.lang == "en" else [])
        names += [header for header, _ in columns.values()] + [header for header, _ in implied_columns.values()]
        return names + [self.t("Source", "出处")]

    def _column(self, name: str, keys: Sequence[str]) -> tuple[str, bool]:
        """A column header, with the unit when every row's figure shares one, and whether it has."""
        units = {self.fact(key).unit for key in keys if self.has(key)}
        if len(units) != 1:
            return name, False
        unit = units.pop()
        if unit not in RATE_UNITS:
            name += self.t(f" ({unit}, {self.unit_name(unit)})", f"（{unit}）")
        return name, True

    def _cell(self, key: str, shared_unit: bool) -> str:
        if not self.has(key):
            return "—"
        fact = self.fact(key)
        text = fmt.group(fact.text) if shared_unit else self.with_unit(fact.text, fact.unit)
        return self._qualified(fact, text)

    def _implied_cell(self, base: str, kind: str, unit: str, shared_unit: bool) -> str:
        indicator_id = f"{base}.implied_{kind}"
        if indicator_id not in self.indicators.index or _missing(self.indicators.loc[indicator_id, "value"]):
            return "—"
        row = self.indicators.loc[indicator_id]
        if fmt.straddles_zero(row["low"], row["high"]):
            return self._derived(self.t(*ABOUT_ZERO), row["formula"])
        places = min(2, fmt.places_for(row["low"], row["high"]))
        text = fmt.decimal(row["value"], places)
        return self._derived(text if shared_unit else self.with_unit(text, unit), row["formula"])

    def _source_cell(self, fact: Fact) -> str:
        return self._traced(fact, self.t(f"{fact.section} · L{fact.line}",
                                         f"{fmt.section_zh(fact.section)} · 第{fact.line}行"), figure=False)

    def figures_table(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Every figure of ``rows`` (facts from ch.data.section or ch.data.select), one per row,
        as the report writes it with its unit and measure, and where the report states it."""
        table = []
        for key in rows["key"]:
            fact = self.fact(key)
            table.append({
                self.t("Item", "项目"): escape_html(fact.label(self.lang)),
                **({"中文": escape_html(fact.label_zh)} if self.lang == "en" else {}),
                self.t("Measure", "指标"): self.label("measure", fact.measure),
                self.t("Figure as stated", "报告数"): self(key),
                self.t("Source", "出处"): self._source_cell(fact),
            })
        return pd.DataFrame(table)

    def table(self, frame: pd.DataFrame, caption: str = "", check: str | Sequence[str] = (),
              collapsed: str = "") -> None:
        """Display a table with its caption; ``check`` names identities of rules.csv to state
        under it; ``collapsed`` folds a long table away behind that summary line. Every cell
        is sanitized: labels show as text, never as markup. Wide tables scroll in their box, a
        region named by the caption (a folded table without one is captioned by its summary)."""
        safe = frame.rename(columns=lambda c: sanitize(str(c), markdown=False))
        safe = safe.map(lambda cell: sanitize(str(cell), markdown=False))
        body = safe.to_html(index=False, escape=False, border=0, classes="fiscal-table")
        caption = sanitize(caption or collapsed, markdown=False)  # a folded table: its summary line
        if caption:
            body = body.replace("<thead>", f"<caption>{caption}</caption>\n<thead>", 1)
        label = escape_html(unescape(re.sub(r"<[^>]*>", "", caption)))  # the caption's text
        parts = [f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">{body}</div>']
        checks = [check] if isinstance(check, str) else list(check)
        if checks:
            parts.append(self._checks_html(checks))
        note = self._unstated_note()
        if note:
            parts.append(f"<p class='table-note'>{sanitize(note.strip(), markdown=False)}</p>")
        html = "\n".join(parts)
        summary = sanitize(collapsed, markdown=False)
        display(HTML(f"<details><summary>{summary}</summary>\n{html}\n</details>" if collapsed else html))

    # --- charts --------------------------------------------------------------------------
    def figure(self, fig, caption: tuple[str, str], alt: tuple[str, str]) -> None:
        """Save ``fig`` and show it with a caption (a finding) and alt text, both (en, zh)."""
        import matplotlib.pyplot as plt

        self._figures += 1
        FIGURE_DIR.mkdir(exist_ok=True)
        path = save_chart(fig, FIGURE_DIR / f"{self.name}-{self.lang}-{self._figures}")
        plt.close(fig)
        caption_text = sanitize(self.t(*caption) + self._unstated_note())
        alt_text = " ".join(self.t(*alt).split())  # one line: it is a directive option
        name = f"fig-{self.name}-{self._figures}"
        directive = (f":::{{figure}} {path.as_posix()}\n:alt: {alt_text}\n:name: {name}\n\n"
                     f"{caption_text}\n:::\n")
        page = (f'<figure><img src="{path.as_posix()}" alt="{escape_html(alt_text)}" style="max-width:100%">'
                f"<figcaption>{sanitize(caption_text, markdown=False)}</figcaption></figure>")
        display({"text/markdown": directive, "text/html": page, "text/plain": caption_text}, raw=True)


def _unsigned(fact: Fact) -> Fact:
    return Fact(**{**fact.__dict__, "text": fact.text.lstrip("-"), "value": abs(fact.value)})


def _missing(*values: object) -> bool:
    """True when any value is None or NaN (a figure the report does not state, or one computed from it)."""
    return any(v is None or (isinstance(v, float) and math.isnan(v)) for v in values)


# --- arithmetic on percentages, so that notebooks never type 100 -------------------------------

HALF_YEAR = 50.0  # % of the year gone at mid-year: the mark for first-half progress ("双过半")


def percent(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole``: percent(1, 4) = 25.0."""
    return part / whole * 100


def grown(amount: float, pct: float) -> float:
    """An amount after a growth of ``pct`` per cent: grown(200, 3) = 206."""
    return amount * (1 + pct / 100)


def growth(new: float, old: float) -> float:
    """The growth from ``old`` to ``new``, in per cent."""
    return (new / old - 1) * 100


def level(change_pct: float) -> float:
    """The level after a change, as a percentage of the baseline: level(-20.2) = 79.8."""
    return 100 + change_pct
