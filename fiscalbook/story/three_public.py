"""The chapters' findings about scope and the three-public cap: a section's rules split into
identities and comparisons of two scopes (a comparison of scopes is a finding about scope, never a
failed identity), a figure's scope as the report's own sentence names it, and the reading of the
cap on “三公” and “三项” expenses against the change stated for the same base year. The precision of
computed figures is ``fiscalbook.story.precision``'s."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fiscalbook.audit.counts import SCOPE_COMPARISON
from fiscalbook.story import fmt, half_year, scope_words
from fiscalbook.story.precision import decimals_written, supported_places

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter


def identities(ch: Chapter, rules: list[str]) -> list[str]:
    """The rules that are identities or inequalities, without the comparisons of two scopes."""
    return [rule for rule in rules if ch.check(rule)["kind"] != SCOPE_COMPARISON]


def scope_comparisons(ch: Chapter, rules: list[str]) -> list[str]:
    """The rules that set two scopes side by side: findings about scope, shown in words."""
    return [rule for rule in rules if ch.check(rule)["kind"] == SCOPE_COMPARISON]


def scope_finding(ch: Chapter, rule: str) -> tuple[str, str]:
    """A comparison of two scopes in words (en, zh), as a comparison, not a check that fails: its
    label, both sides and their difference; what the gap means is marked as the book's reading,
    since the report does not say how the two scopes are related. Both sides and the gap show the
    digits the gap's range supports (``supported_places``, at least whole units), never more than their own
    figures have."""
    result = ch.check(rule)
    places = max(0, supported_places(result["low"], result["high"])) if result["difference"] is not None else 2
    sides = {side: fmt.decimal(result[f"{side}_value"], min(places, result[f"{side}_places"]))
             for side in ("lhs", "rhs")}
    gap = {**result, "places": min(places, result["places"])}
    difference = "" if result["difference"] is None else ch.difference_text(gap)
    unit = result["unit"]
    return (f"This is a comparison of two scopes: it sets side by side the {result['label_en']}. "
            f"The two sides are about {sides['lhs']} and {sides['rhs']} {unit}"
            + (f", about {difference} apart" if difference else "")
            + ". On our reading the gap probably shows how far the scopes differ, not that a figure is wrong.",
            f"这里比较的是两个口径的数字，并非核对等式。比较的对象是{result['label_zh']}。两边分别约为{sides['lhs']}{unit}和"
            f"{sides['rhs']}{unit}" + (f"，相差约{difference}" if difference else "")
            + "。按本书的理解，差额反映的可能是口径的差别，并不说明某个数字有误。")




def cap_margin(change_pct: float, cap_pct: float, places: int = 1) -> tuple[str, str]:
    """How a level reached by ``change_pct`` on a base year stands against a cap of ``cap_pct`` of
    that base year, in words (en, zh), with the margin at the decimals of the written change:
    -20.2 against 80 leaves 79.8, within it by 0.2 percentage points."""
    level = 100 + change_pct
    margin = cap_pct - level
    if margin < 0:
        return "above the ceiling", "超过上限"
    shown, at = fmt.decimal(margin, places), fmt.decimal(level, places)
    return (f"within the ceiling by {shown} percentage points ({at}% of the base year)",
            f"未超过上限，相差{shown}个百分点（为基准年的{at}%）")


def cap_scope_reading(ch: Chapter, change_key: str, cap_key: str) -> None:
    """Our reading that a cap on departments' (units') spending (部门（单位）), set in carrying out a
    document of the city-level government, covers the scope the change against the same base year
    is stated for; with the margin it leaves. The report states neither the scope nor the margin.
    Nothing is said where the two are stated against different base years."""
    if half_year.base_year(ch.fact(change_key).qualifier_zh) != half_year.base_year(ch.fact(cap_key).qualifier_zh):
        return
    position = cap_margin(ch.value(change_key), ch.value(cap_key), decimals_written(ch.fact(change_key).text))
    again = "继续" in ch.fact(cap_key).quote
    sections = ch.fact(change_key).section, ch.fact(cap_key).section
    document = cap_document(ch, cap_key)
    ch.reading(
        en="The ceiling of {cap} is worded for the spending of departments (units) (部门（单位）), in carrying out "
           "{document}; the change against the same base ({change}) is stated for {city}. "
           "Read as one scope, "
           "which the report does not say they are, these expenses in {year} were {position}.{again}",
        zh="“控制在{cap}以内”的上限针对的是部门（单位）的支出，依据的是{document_zh}；而“{change}”说的是{city}。"
           "报告没有说明两者口径相同；如果按同一口径理解，{year}年的这两类费用{position}。{again}",
        evidence=("the report's two sentences (sections {change_section} and {cap_section}), and the change set "
                  "against the ceiling (an exercise of the chapter on the congress resolution computes the margin).",
                  "报告的两句原文（{change_section_zh}和{cap_section_zh}），以及变化与上限的对照（“落实市人大决议情况”"
                  "一章的练习计算相差多少）。"),
        cap=ch(cap_key), change=ch.change(change_key), city=ch.scope_name(ch.place.role("city").code),
        document=document[0], document_zh=document[1],
        position=ch.t(*position),
        again=ch.t(" The report's wording, “继续控制” (continue to keep them within the ceiling), fits spending "
                   "already kept within it.",
                   "报告的措辞是“继续控制”在上限以内，与此前已控制在上限以内相符。") if again else "",
        change_section=sections[0], cap_section=sections[1],
        change_section_zh=fmt.section_zh(sections[0]), cap_section_zh=fmt.section_zh(sections[1]),
    )


def _sentences_of(ch: Chapter, key: str) -> str:
    """The report's whole sentences that hold a figure's quote, joined ('' where none is found)."""
    fact = ch.fact(key)
    return "".join(sentence for _, sentence in ch.report.report_sentences(fact.section, fact.quote.replace(" ", "")))


def cap_document(ch: Chapter, cap_key: str) -> tuple[str, str]:
    """The document a cap is set in carrying out, as the report's sentence names it (en, zh): its
    title in 《》, described in English as a debt-risk measure where its title says so; a neutral
    phrase where the sentence names no document."""
    titles = re.findall(r"《[^《》]*(?:〈[^〈〉]*〉[^《》]*)*》", _sentences_of(ch, cap_key))
    city = ch.scope_name(ch.place.role("city").code)
    if not titles:
        return f"a document of {city}", f"{city}的一份文件"
    debt = "债务风险" in titles[0]
    what = (f"{city}'s division of responsibilities for preventing and defusing local debt risks" if debt
            else f"a document of {city}")
    return f"{what} ({titles[0]})", titles[0]


def worded_scope(ch: Chapter, key: str) -> str:
    """The scope of a figure for a table column, with its period ('市本级 · 上半年'), named only where
    the report's own sentence names it (the whole sentence, so '全市……收入13.56亿元，其中税收收入8.21亿元'
    names the whole city for the part too); a scope the book assigns by reading shows as '—'. A
    first-half figure whose sentence says only its year ('2024年全市共立案……') reads '2024, to date'."""
    fact = ch.fact(key)
    sentences = _sentences_of(ch, key).replace(" ", "")
    words = sentences or fact.quote.replace(" ", "")
    scope = ch.scope_name(fact.scope, in_sentence=False) if fact.scope in words else "—"
    if scope == "—" and any(fact.label_zh.startswith(word) for word in scope_words.DEPARTMENT_WORDS):
        scope = scope_words.filed_scope(ch, fact.scope, fact.label_zh)  # '市直部门（单位）…' names its scope
    period = ch.label("period", fact.period)
    if fact.period == "h1" and sentences and "上半年" not in words and f"{fact.fiscal_year}年" in words:
        period = ch.t(f"{fact.fiscal_year}, to date", f"{fact.fiscal_year}年（截至报告时）")
    return f"{scope} · {period}"
