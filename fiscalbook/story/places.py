"""Places side by side: the indicators that two or more places of the data folder state, or let
the book compute, for the same report year, each figure with its own source sentence (a
figure of the report) or formula (a derived one), computed on that place's data alone.

Only figures with the same key are compared, and a key means the same in every place (the
whole place's general budget revenue, its execution rate against the budget, ...); a figure
stated in another way (an execution rate against the adjusted budget, net rather than gross
transfers) has another key and is not set beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from fiscalbook.data.expressions import keys_in
from fiscalbook.data.places import available_places
from fiscalbook.data.validate import available_years, validate
from fiscalbook.story import fmt

# What is compared: (kind, id). "derived": an indicator of derived.csv; "fact": a stated figure.
COMPARED: tuple[tuple[str, str], ...] = (
    ("derived", "self_sufficiency.whole"),
    ("derived", "self_sufficiency.city"),
    ("derived", "transfer_dependency.city"),
    ("fact", "whole.general.revenue.pct_of_budget"),
    ("fact", "whole.general.revenue.pct_of_adjusted_budget"),
    ("fact", "whole.general.expenditure.pct_of_budget"),
    ("fact", "whole.general.expenditure.pct_of_adjusted_budget"),
    ("fact", "whole.general.revenue.yoy_pct"),
    ("fact", "whole.general.expenditure.yoy_pct"),
)


@dataclass(frozen=True)
class Comparison:
    """The places compared (their chapters, one per place), the rows they share, and the rows
    only one of them gives."""

    chapters: list  # a Chapter per place, the current place first
    shared: list[tuple[str, str]]
    single: list[tuple[str, str]]


def places_with_year(data_dir: Path | str, year: int) -> list[str]:
    """The places whose data has this report year and validates."""
    return [place for place in available_places(data_dir)
            if year in available_years(data_dir, place) and not validate(data_dir, year, place).problems]


def _gives(chapter, kind: str, item: str) -> bool:
    if kind == "fact":
        return chapter.has(item)
    return item in chapter.indicators.index and chapter.indicators.loc[item, "missing"] == ""


def compare(chapter, make_chapter) -> Comparison:
    """Compare the chapter's place with every other place that has its year: ``make_chapter(place)``
    opens the same year of another place in the same edition."""
    here = chapter.data.place_id
    others = [place for place in places_with_year(chapter.data.data_dir, chapter.year) if place != here]
    chapters = [chapter, *(make_chapter(place) for place in others)]
    shared, single = [], []
    for kind, item in COMPARED:
        givers = [c for c in chapters if _gives(c, kind, item)]
        if len(givers) >= 2:
            shared.append((kind, item))
        elif givers:
            single.append((kind, item))
    return Comparison(chapters, shared, single)


def stated_keys(chapter, kind: str, item: str) -> list[str]:
    """The stated figures a row rests on: the fact itself, or the keys in a derived formula."""
    if kind == "fact":
        return [item]
    return [key for key in keys_in(str(chapter.indicators.loc[item, "formula"])) if chapter.has(key)]


def all_final(comparison: Comparison) -> bool:
    """Whether every figure the shared rows rest on, for every place, is of the year as closed
    (period full_year: the final accounts), not a preliminary estimate or a first half."""
    keys = [(c, key) for c in comparison.chapters for kind, item in comparison.shared if _gives(c, kind, item)
            for key in stated_keys(c, kind, item)]
    return bool(keys) and all(c.fact(key).period == "full_year" for c, key in keys)


# What a derived indicator measures, without a scope: each place names its own scope (a city's
# 全市 is a district's 全区), so the row says the scopes of the places compared.
INDICATOR_WORDS = {
    "self_sufficiency": ("Fiscal self-sufficiency (local revenue ÷ expenditure)", "财政自给率（地方收入 ÷ 支出）"),
    "transfer_dependency": ("Transfer dependency (transfers ÷ (local revenue + transfers))",
                            "转移支付依存度（转移支付 ÷（地方收入 + 转移支付））"),
}


def role_of(kind: str, item: str) -> str:
    """The scope role a row compares: 'whole' for 'self_sufficiency.whole' and 'whole.general.…'."""
    return item.split(".")[1] if kind == "derived" else item.split(".")[0]


def scope_names(chapters: Sequence, role: str) -> str:
    """The names the places give the scope of ``role``, each once ('whole city / whole district')."""
    lang = chapters[0].lang
    names = dict.fromkeys(scope.name(lang) for c in chapters if (scope := c.place.role(role)) is not None)
    names = [fmt.in_sentence(name) if lang == "en" else name for name in names]
    return (" / " if lang == "en" else "／").join(names) or role


def row_label(chapter, kind: str, item: str, chapters: Sequence = ()) -> str:
    """What a row compares, in the edition's words, with the scope as each place of ``chapters``
    (the chapter's alone by default) names it."""
    scopes = scope_names(list(chapters) or [chapter], role_of(kind, item))
    if kind == "derived":
        row = chapter.indicators.loc[item]
        words = INDICATOR_WORDS.get(row["kind"])
        if words is None:
            return row["label_zh"] if chapter.lang == "zh" else row["label_en"]
        return chapter.t(f"{words[0]}, {scopes}", f"{scopes}{words[1]}")
    measure = chapter.label("measure", item.rsplit(".", 1)[1])
    return chapter.t(f"{chapter.name_of(item.rsplit('.', 1)[0])} ({scopes}): {measure}",
                     f"{scopes}{chapter.name_of(item.rsplit('.', 1)[0])}：{measure}")


# The most decimals a derived figure shows in the table: the book's precision rule's cap.
TABLE_PLACES = 2


def cell(chapter, kind: str, item: str) -> str:
    """One place's figure: stated (with its sentence) or derived (with its formula), else
    'not stated' / 'not computable', as the chapter says it. A derived figure shows the digits its
    range supports, as in the data-audit chapter's table (up to the second decimal)."""
    return chapter.indicator(item, places=TABLE_PLACES) if kind == "derived" else chapter(item)


def table(comparison: Comparison, rows: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """The rows as a table: what is compared, then one column per place (its name)."""
    first = comparison.chapters[0]
    columns = {first.t("Indicator", "指标"): [row_label(first, *row, comparison.chapters) for row in rows]}
    for chapter in comparison.chapters:
        columns[chapter.place.name(first.lang)] = [cell(chapter, *row) for row in rows]
    return pd.DataFrame(columns)


def show(comparison: Comparison) -> None:
    """The page's paragraph, table and note: which places have the year, the rows they share
    (each figure traced to its own report), and what only one of them gives."""
    first = comparison.chapters[0]
    names = [c.place.name(first.lang) for c in comparison.chapters]
    if len(names) < 2:
        first.say(en="The data folder holds no other place with a report for {year}, so there is nothing to set beside "
                     "{place} for that year.",
                  zh="数据文件夹中没有其他地区的{year}年报告，因此这一年没有可与{place}对照的数字。", place=names[0])
        return
    levels = [first.t(f"{c.place.name('en')} ({c.place.word('level', 'en')})",
                      f"{c.place.name('zh')}（{c.place.word('level', 'zh')}）") for c in comparison.chapters]
    first.say(en="{count} places have a report for {year} in the data: {names}.",
              zh="数据中有{year}年报告的地区共{count}个：{names}。",
              count=len(names), names=first.t(", ", "、").join(levels))
    if comparison.shared:
        first.table(table(comparison, comparison.shared),
                    caption=first.t("Indicators stated or computable for more than one place, {year}",
                                    "{year}年多个地区都列出或可以计算的指标").format(year=first.year))
        if all_final(comparison):
            first.say(en="Every figure in the table rests on figures of the final accounts (决算) of {year} in its "
                         "place's report, not on estimates made before the books were closed.",
                      zh="表中各数字所依据的，都是各地报告所列{year}年决算数，而不是决算前的预计数。")
    if comparison.single:
        given = [row_label(first, *row, comparison.chapters) for row in comparison.single]
        first.say(en="Given for one place only, so not set side by side: {rows}.",
                  zh="只有一个地区列出、因而不作对照的指标：{rows}。", rows=first.t("; ", "；").join(given))
