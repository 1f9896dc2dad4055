"""The overview's parts that depend on which report years data/ holds: the headline figures year by
year and the stated growth rates set beside the previous report, written once here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.data.load import load_year
from fiscalbook.story import fmt

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter


def series_table(ch: Chapter, keys: Sequence[str], caption: str) -> bool:
    """A table of ``keys`` in every report year of data/ (one unit in the headers when all share it);
    nothing with one year. Returns whether there was more than one year."""
    report_years = list(ch.series(list(keys)).index)
    if len(report_years) <= 1:
        return False
    reports = [load_year(report_year, ch.data.data_dir, ch.data.place_id) for report_year in report_years]
    units = {report.fact(key).unit for report in reports for key in keys if report.has(key)}
    shared = units.pop() if len(units) == 1 else ""  # one unit for the whole table goes in the headers
    rows = []
    for report in reports:
        row = {ch.t("Final accounts of", "决算年度"): str(report.year)}
        for key in keys:
            header = ch.name_of(key) + (ch.t(f" ({shared})", f"（{shared}）") if shared else "")
            if not report.has(key):
                row[header] = "—"
            elif shared:
                row[header] = fmt.group(report.fact(key).text)
            else:
                row[header] = ch.t(fmt.with_unit(report.fact(key).text, report.fact(key).unit),
                                   fmt.group(report.fact(key).text) + report.fact(key).unit)
        rows.append(row)
    ch.table(pd.DataFrame(rows), caption=caption)
    return True


def growth_against_previous(ch: Chapter, keys: Sequence[str]) -> None:
    """Each stated growth rate of ``keys`` against the growth computed from this and last year's reports;
    said only when data/ holds the year just before this one."""
    checks = ch.change_checks().set_index("key")
    phrases = []
    for key in keys:
        if f"{key}.yoy_pct" not in checks.index:
            continue
        row = checks.loc[f"{key}.yoy_pct"]
        computed = fmt.percent(row["computed"], max(0, min(1, fmt.places_for(row["low"], row["high"]))))
        agrees = row["status"] == "agrees"
        phrases.append(ch.t(
            f"{ch.name_of(key, in_sentence=True)} grew {computed} by the two reports' figures, against the "
            f"{ch.plain(f'{key}.yoy_pct')} stated" + ("" if agrees else ", more than rounding explains"),
            f"{ch.name_of(key)}按两年报告的数字计算增长{computed}，报告所述为{ch.plain(f'{key}.yoy_pct')}"
            + ("" if agrees else "，差异超出四舍五入误差")))
    if phrases:
        ch.say(en="Set beside the {previous} report: {phrases}.", zh="与{previous}年报告对照：{phrases}。",
               previous=ch.previous.year, phrases=ch.t("; ", "；").join(phrases))


HOLDS = ("exact", "within_rounding")  # the statuses of an identity that holds


def holds(ch: Chapter, rule: str) -> bool:
    """Whether the identity ``rule`` holds (exactly or within rounding) in the year's figures."""
    return ch.check(rule)["status"] in HOLDS


def on_final_base(ch: Chapter, indicator_id: str, target: str, budget_holds: bool) -> str:
    """How the implied budget compares with the final figure (``indicator_id``: its growth): growth (and, when
    it is below the ``target`` and the budget is the target on the January estimate, the reading that holds
    only on this base)."""
    growth_value = ch.indicators.loc[indicator_id, "value"]
    growth_text = ch.indicator(indicator_id)
    if pd.isna(growth_value) or growth_value <= 0:
        return ch.t(f"a change of {growth_text}", f"与决算数相差{growth_text}")
    if budget_holds and growth_value < ch.value(target):
        year = ch.year
        return ch.t(f"growth of only {growth_text}: on this implied budget "
                    "(the report states no budget figure for that "
                    f"year), if the {ch(target)} revenue growth target is measured from the final accounts, "
                    "revenue exactly on budget would fall short of it; measured from the January estimate, "
                    "it would reach it",
                    f"只比决算数高{growth_text}。报告未列该年预算数；如果{ch(target)}的收入增长目标以{year}年决算数为基数，"
                    f"按这一推算的预算，收入即使正好完成预算，增幅也达不到目标；以预计数为基数，增幅才是{ch(target)}")
    return ch.t(f"growth of {growth_text}", f"比决算数高{growth_text}")


def budget_basis(ch: Chapter, rule: str) -> str:
    """The sentence on whether the implied budget is the January estimate raised by the growth target
    (``rule``: that identity); empty when the identity cannot be checked (its check names what is left out)."""
    status = ch.check(rule)["status"]
    if status in HOLDS:
        return ch.t("That equals, within rounding, the January estimate of {year}'s revenue, {prelim}, "
                    "raised by {target}, "
                    "the revenue growth target for {next_year} the report states among its second-half measures "
                    "without naming its scope (the identity "
                    "is checked below). ",
                    "，在四舍五入误差内等于年初人代会报告的{year}年预计数{prelim} ×（1 + {target}）；"
                    "{target}是报告在下半年工作措施中提出的"
                    "{next_year}年收入增长目标，报告没有说明其口径（核对见下）。")
    if status == "fails":
        return ch.t("It is not the January estimate of {year}'s revenue, {prelim}, raised by the revenue growth target "
                    "of {target} (the identity is checked below). ",
                    "，并不等于年初人代会报告的{year}年预计数{prelim} ×（1 + 增长目标{target}）（核对见下）。")
    return ""
