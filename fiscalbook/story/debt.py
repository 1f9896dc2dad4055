"""Debt and debt resolution, for the chapters on debt (06) and on the congress resolution (07):
the scope of a total the report splits with 其中, a sum of stated amounts that shows its
arithmetic, and the debt risk ratings the report states in words."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.story import charts, fmt

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter

UNSTATED = "unstated"
COLOURS = {"红": ("Red", "红色"), "橙": ("Orange", "橙色"), "黄": ("Yellow", "黄色"), "绿": ("Green", "绿色")}
PLACES_WRITTEN = {0: ("whole units", "整数"), 1: ("one decimal place", "一位小数"),
                  2: ("two decimal places", "两位小数")}
PEOPLE = {False: ("Number of people", "人数"), True: ("Person-times", "人次")}
RATING = re.compile(r"([^。，；：]+?)债务风险等级(.)色")


def total_scope(ch: Chapter, total: str, part: str) -> tuple[str, bool]:
    """The scope of a total and whether the report states it: as stated; else, when the report
    names the city level as a part of it (“化解债务…，其中市本级…”), the whole city, which is what
    “其中” makes of the first figure; else ('', False)."""
    if not ch.has(total):
        return "", False
    scope = ch.fact(total).scope
    if scope != UNSTATED:
        return scope, True
    whole, city = ch.place.role("whole"), ch.place.role("city")
    if (ch.has(part) and whole is not None and city is not None
            and f"其中{city.code}" in ch.fact(part).quote.replace(" ", "")):
        return whole.code, False
    return "", False


def scope_phrase(ch: Chapter, total: str, part: str) -> str:
    """The scope of a total for a sentence: 'the whole city (incl. counties)' / '全市口径' when the
    report states it; 'by our inference the whole city …' / '本书推断为全市口径' when it
    is read from “其中”
    (which shows only that the total covers more than the part); '' when unknown. The phrase
    stands inside brackets, so in English a name's own remark follows a comma ('the whole city, incl.
    counties'), never nested brackets."""
    scope, stated = total_scope(ch, total, part)
    if not scope:
        return ""
    name = ch.scope_name(scope)
    if ch.lang == "en":
        name = re.sub(r"\s*\(([^)]*)\)$", r", \1", name)
    if stated:
        return ch.t(name, f"{name}口径")
    return ch.t(f"by our inference {name}", f"本书推断为{name}口径")


def scope_inference(ch: Chapter, total: str, part: str) -> str:
    """What “其中市本级” does and does not show of a total whose scope the report leaves out, as a
    hedged sentence ('' when the report states the scope or nothing can be read)."""
    scope, stated = total_scope(ch, total, part)
    if not scope or stated:
        return ""
    city = ch.scope_name(ch.place.role("city").code)
    return ch.t(f"The report writes “其中市本级” (of which {city}), which shows only that the total covers "
                f"more than {city}: we infer that it is a figure for {ch.scope_name(scope)}; "
                f"the report does not name its scope.",
                f"报告写“其中市本级”，只说明该合计的范围大于市本级：本书推断它为{ch.scope_name(scope)}口径；"
                f"报告没有说明其口径。")


def stated_sum(ch: Chapter, keys: list[str]) -> tuple[str, str]:
    """A sum of stated amounts in one unit with its arithmetic (“3.1 + 2.37 = 5.47 亿元”) and, in
    words, how far the sum may be from the true one (half a unit of each term's last digit).
    ('', '') when a term is unstated or the units differ."""
    facts = [ch.fact(key) for key in keys if ch.has(key)]
    if len(facts) != len(keys) or len({fact.unit for fact in facts}) != 1:
        return "", ""
    terms = [Decimal(fact.text.replace(",", "")) for fact in facts]
    unit = facts[0].unit
    total = sum(terms, Decimal(0))
    slack = sum((Decimal(1).scaleb(term.as_tuple().exponent) / 2 for term in terms), Decimal(0))
    coarsest = max(facts, key=lambda fact: Decimal(1).scaleb(Decimal(fact.text).as_tuple().exponent))
    places = -min(0, Decimal(coarsest.text).as_tuple().exponent)
    written = PLACES_WRITTEN.get(places, (f"{places} decimal places", f"{places}位小数"))
    arithmetic = " + ".join(fact.text for fact in facts) + f" = {total} " + ch.t(unit, unit).strip()
    caveat = ch.t(f"each term is rounded, and {coarsest.text} {unit} is written only to {written[0]}, so the true sum "
                  f"may differ by up to {slack} {unit}",
                  f"各项都经过四舍五入，{coarsest.text}{unit}只保留到{written[1]}，因此真实合计可能相差最多{slack}{unit}")
    return arithmetic if ch.lang == "en" else arithmetic.replace(f" {unit}", unit), caveat


def risk_ratings(ch: Chapter) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The debt risk ratings the report states in words (“市本级、中宁县债务风险等级黄色”), one row
    per area and sentence, each dated by the last figure stated on or before its line (section
    and period); and the sentences with their sections."""
    report = ch.data.report
    by_line = ch.data.facts.sort_values("line", kind="stable")
    rows, quotes = [], []
    for match in RATING.finditer(report.flat):
        before = by_line[by_line["line"] <= report.line_col(match.start())[0]].tail(1)
        section = before["section"].iloc[0] if len(before) else ""
        period = "" if before.empty else _period(ch, before.iloc[0])
        quotes.append((section, match.group(0)))
        colour = COLOURS.get(match.group(2), (match.group(2), f"{match.group(2)}色"))
        rows += [{ch.t("Area", "地区"): ch.area_name(area),
                  ch.t("Debt risk rating", "债务风险等级"): ch.t(f"{colour[0]} ({colour[1]})", colour[1]),
                  ch.t("Stated in the report's part on", "所在的报告部分"): period,
                  ch.t("Report section", "报告章节"): ch.t(section, fmt.section_zh(section))}
                 for area in match.group(1).split("、")]
    return pd.DataFrame(rows), quotes


def _period(ch: Chapter, row: pd.Series) -> str:
    """The part of the report a rating is stated in (a rating is a status the report states
    there, not a figure for the period): 'the 2023 final accounts', 'first half 2024'."""
    if row["period"] == "full_year":
        return ch.t(f"the {row['fiscal_year']} final accounts", f"{row['fiscal_year']}年决算")
    period = ch.label("period", row["period"])
    return ch.t(f"{fmt.in_sentence(period)} {row['fiscal_year']}", f"{row['fiscal_year']}年{period}执行情况")


def inner_quotes(text: str) -> str:
    """A quotation inside our quotation marks: its own “” become ‘’ (“坚持‘三保’优先”)."""
    return text.replace("“", "‘").replace("”", "’")


def quoted(ch: Chapter, quotes: list[tuple[str, str]]) -> str:
    """The report's sentences, each after its section and a colon, separated by semicolons:
    '一.(五).1: “…”; 二.(三).4: “…”' / '一（五）1：“……”；二（三）4：“……”' (no brackets, so that
    the list can stand inside a parenthesis)."""
    return ch.t("; ", "；").join(ch.t(f"{section}: “{inner_quotes(text).rstrip('。')}”",
                                     f"{fmt.section_zh(section)}：“{inner_quotes(text).rstrip('。')}”")
                                for section, text in quotes)


def resolved_kinds(ch: Chapter, words: tuple[str, ...]) -> list[tuple[str, str]]:
    """The report's sentences (up to 。 or ；) that name one of ``words`` (kinds of debt being
    cleared), each with its heading path, in the report's order."""
    return [(path, sentence + "。") for path, _, text in ch.report_headings()
            for sentence in re.split(r"[。；]", text) if any(word in sentence for word in words)]


def kinds_sections(ch: Chapter, words: tuple[str, ...], listed: list[str]) -> list[str]:
    """The sections (two levels: '三.(三)') of the sentences resolved_kinds finds, in the report's
    order, less those in ``listed``."""
    found = [re.match(r"^[^.]+(?:\.\([^)]+\))?", path).group(0) for path, _ in resolved_kinds(ch, words)]
    return [section for section in dict.fromkeys(found) if section not in listed]


def onlent_parts(ch: Chapter) -> str:
    """The parts inside the municipal scope (the district the city level on-lends to), named for
    a sentence; the scope of the on-lent outlays as the report writes it when the place names none."""
    inner = [part.name(ch.lang) for part in ch.place.parts if part.within]
    return ch.t(" and ", "和").join(inner) or ch.t("lower governments", "下级政府")


def scope_column(ch: Chapter, keys: list[str]) -> list[str]:
    """A table's scope column: each figure's scope where the report states it; for a total the
    report splits with “其中市本级” (a figure whose key another key extends, 'x' and 'x_city_level'),
    the whole city, in scope_phrase's hedged words and marked as read from that wording; a scope the
    data gives but the figure's own sentence does not name (read from the sentences around it),
    marked as our reading; else '—'."""
    column = []
    for key in keys:
        fact = ch.fact(key)
        scope = fact.scope
        parts = [other for other in keys if other.startswith(key + "_")]
        implied = next((scope_phrase(ch, key, part) for part in parts if total_scope(ch, key, part)[0]), "")
        if scope != UNSTATED and not _scope_named(ch, key, scope):
            name = re.sub(r"\s*\(([^)]*)\)$", r", \1", ch.label("scope", scope))
            column.append(ch.t(f"probably {fmt.in_sentence(name)}: our reading of the sentences around it",
                               f"可能为{name}（本书据上下文推断）"))
        elif scope != UNSTATED:
            column.append(ch.label("scope", scope))
        elif implied:
            column.append(ch.t(f"{implied} (read from “其中”)", f"{implied}（由“其中”推知）"))
        else:
            column.append("—")
    return column


def _scope_named(ch: Chapter, key: str, scope: str) -> bool:
    """Whether a sentence the report states the figure in (or the amount a rate belongs to:
    'x.yoy_pct' -> 'x') names its scope."""
    facts = ch.data.facts
    quotes = facts.loc[facts["key"].isin([key, key.rsplit(".", 1)[0]]), "quote"]
    return any(scope in quote.replace(" ", "") for quote in quotes)


def section_facts(ch: Chapter, own: pd.DataFrame) -> pd.DataFrame:
    """Every figure the report states in the section that holds the figures ``own`` (rows of
    ``ch.data.select(prefix)``) and its subsections, restatements of figures stated earlier
    included, with a column 'heading': the second part of the keys of ``own`` in the same
    subsection ('resolution.finance.…' -> 'finance'), and a column 'restated' (the row restates
    an earlier figure)."""
    if own.empty:
        return own.assign(heading=[], restated=[])
    section = ch.report_section(*own["key"])
    facts = ch.data.facts
    rows = facts[(facts["section"] == section) | facts["section"].str.startswith(f"{section}.")].copy()
    by_section = dict(zip(own["section"], own["key"].str.split(".").str[1], strict=True))
    rows["heading"] = [by_section.get(sec, key.split(".")[1])
                       for sec, key in zip(rows["section"], rows["key"], strict=True)]
    rows["restated"] = rows["restates"] != ""
    return rows.sort_values("line", kind="stable")


def figures_where_stated(ch: Chapter, rows: pd.DataFrame) -> pd.DataFrame:
    """``ch.figures_table(rows)``, with each restated figure sourced to the line where this
    section states it again (not to its first statement) and marked as repeated."""
    from fiscalbook.data.load import Fact

    table = ch.figures_table(rows)
    item, source = ch.t("Item", "项目"), ch.t("Source", "出处")
    measure = ch.t("Measure", "指标")
    for position, unit in enumerate(rows["unit"]):  # a count of people or of visits, not of things
        if table.loc[position, measure] == ch.label("measure", "count") and unit.endswith(("人", "人次", "名")):
            table.loc[position, measure] = ch.t(*PEOPLE[unit.endswith("人次")])
    for position, (_, row) in enumerate(rows.iterrows()):
        if row["restates"] != "":
            fact = Fact(**{name: row[name] for name in Fact.__dataclass_fields__})
            table.loc[position, source] = ch.tables.source_cell(fact)
            table.loc[position, item] += ch.t(" (repeated from the accounts)", "（重复决算部分的数字）")
    return table


PLAN = re.compile(r"“[^”]+”一揽子化债方案")


def plan_name(ch: Chapter, key: str) -> str:
    """The name the report gives the plan under which it counts the debt resolved ('“1+5+3”一揽子化债方案'),
    read from the sentences of the section that states ``key``; '' when the report names none."""
    section = ch.report_section(key) if ch.has(key) else ""
    sentences = [text for _, text in ch.report_sentences(section, "一揽子化债方案")] if section else []
    return next((found.group(0) for text in sentences if (found := PLAN.search(text))), "")


def say_plan(ch: Chapter, key: str) -> None:
    """How the report counts the debt resolved: under the plan it names, in its words, without
    saying whose plan it is (the name is not that of the national package)."""
    name = plan_name(ch, key)
    plan = ch.t(f"what it calls the {name} (a comprehensive debt-resolution plan)", name) if name else ch.t(
        "a debt-resolution plan", "化债方案")
    whose = "" if not name else ch.t(
        " It does not say whose plan this is or how it relates to the national package above.",
        "报告没有说明这一方案由哪一级制定，也没有说明它与上文国家层面的一揽子化债方案是什么关系。")
    ch.say(en="The report counts debt resolved under {plan}, through budget money, recovered unspent balances and the "
              "sale or use of idle assets.{whose} It does not say which debts the debt resolved is made of; where "
              "it names kinds of debt cleared, they are of several kinds (below).",
           zh="报告所说的化解债务，是在{plan}下，通过预算安排、收回结余结转资金、盘活处置闲置资产资源等方式完成的。{whose}"
              "报告没有说明化解债务的合计数由哪些债务构成；在提到具体债务的地方，涉及的债务不止一种（见下文）。",
           plan=plan, whose=whose)


def plain_number(ch: Chapter, indicator_id: str, places: int = 2) -> str:
    """A derived amount's number as plain text (for bars, captions, alt text), with no more decimals than the
    digits of its inputs allow (see Chapter.indicator)."""
    row = ch.indicators.loc[indicator_id]
    if pd.isna(row["value"]):
        return ch.t("not computable", "无法计算")
    return fmt.decimal(row["value"], min(places, fmt.places_for(row["low"], row["high"])))


def ceiling_chart(ch: Chapter, ceiling: str, balance: str, headroom: str, computed: str, unit: str,
                  used: str) -> None:
    """The ceiling as one bar: outstanding debt, then the headroom as stated or, when the report leaves it
    out, as computed (the indicator ``computed``); no chart without the ceiling and the balance."""
    if not (ch.has(ceiling) and ch.has(balance)):
        return
    stated_headroom = ch.has(headroom)
    headroom_value = ch.value(headroom, unit) if stated_headroom else ch.indicators.loc[computed, "value"]
    headroom_text = ch.fact(headroom).text if stated_headroom else plain_number(ch, computed)
    headroom_label = ch.name_of(headroom) if stated_headroom else ch.t("Borrowing headroom (computed)",
                                                                        "举借债券空间（推算）")
    fig = charts.stacked_share(
        ch.t("Debt ceiling", "债务限额"),
        [(ch.name_of(balance), ch.value(balance, unit)), (headroom_label, headroom_value)],
        texts=[ch.fact(balance).text, headroom_text],
        xlabel=ch.axis_unit(unit),
    )
    ch.figure(
        fig,
        caption=(f"The outstanding debt of {ch.scope_name(ch.place.role('city').code)} fills {used} of its debt "
                 "ceiling.",
                 f"市本级债务余额已占债务限额的{used}。"),
        alt=(f"A single horizontal bar for the debt ceiling of {ch.plain(ceiling)}, split into outstanding debt of "
             f"{ch.plain(balance)} and borrowing headroom of "
             + (ch.plain(headroom) if stated_headroom else f"{headroom_text} {unit} (computed)") + ".",
             f"一根表示债务限额{ch.plain(ceiling)}的横条，分为债务余额{ch.plain(balance)}和举借债券空间"
             + (ch.plain(headroom) if stated_headroom else f"{headroom_text}{unit}（推算）") + "两段。"),
    )


def refinancing_sentence(ch: Chapter, refinancing: str) -> str:
    """The sentence on the balance of refinancing bonds, or nothing when the report states none."""
    if not ch.has(refinancing):
        return ""
    return ch.t(f"Refinancing bonds appear only as a balance: {ch(refinancing)} of refinancing general bonds left "
                "over at the year's end.",
                f"再融资债券只以结余的形式出现：年末再融资一般债券结余{ch(refinancing)}。")


def refinancing_reading(ch: Chapter, refinancing: str, carry: str) -> None:
    """Our reading of the balance of refinancing bonds (``refinancing``) beside the carry-over from the year
    before (``carry``); nothing when the report states no such balance."""
    if not ch.has(refinancing):
        return
    ch.reading(
        en="Probably some of this year's on-lent receipts were refinancing bonds, as the balance of {refinancing} "
           "suggests. The report does not say so, and the balance may also be left from bonds received in an earlier "
           "year: the sources of the general budget include {carry} carried over from the year before.",
        zh="转贷收入中可能有一部分是本年的再融资债券，{refinancing}的结余提示了这一点。但报告没有这样说，这笔结余也可能来自"
           "以前年度收到的债券：一般公共预算的资金来源中有上年结余结转资金{carry}。",
        evidence=("{where}: the balance of refinancing general bonds and the carry-over from the year before are "
                  "listed among the sources and uses; the receipts are not broken down by kind or by year.",
                  "{where}：再融资一般债券结余和上年结余结转资金都列在资金来源与运用中；转贷收入没有按债券种类或年份细分。"),
        refinancing=ch(refinancing), carry=ch(carry) if ch.has(carry) else "—",
        where=ch.section_name(ch.fact(refinancing).section),
    )
