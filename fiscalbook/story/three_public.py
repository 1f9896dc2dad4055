"""What the chapters 09 to 13 need beside half_year.py: the precision of a computed answer from the
digits its figures are written with (for the exercise solutions), and the split of a section's
rules into identities and comparisons of two scopes (a comparison of scopes is a finding about
scope, never a failed identity)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from itertools import product
from typing import TYPE_CHECKING

from fiscalbook.audit.counts import SCOPE_COMPARISON
from fiscalbook.data.expressions import Interval
from fiscalbook.story import fmt, half_year

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter


def corners(func: Callable[..., float], *inputs: Interval) -> Interval:
    """The range of ``func`` over the intervals its inputs' digits allow, from its values at every
    corner of the box (exact for a function monotone in each input, as sums, ratios and growth
    rates of positive figures are; a figure that enters twice is one input, not two)."""
    values = [func(*point) for point in product(*((box.lo, box.hi) for box in inputs))]
    return Interval(min(values), max(values))


def supported_places(low: float, high: float, most: int = 2) -> int:
    """The decimals a value known only within [low, high] shows: the book's one rule,
    ``fmt.places_for`` (the last digit shown is the first whose unit is no larger than the
    range's width, never more than ``most``; the methods chapter states it), with one guarantee
    added for answers printed without their range in view: a value shown never lies outside the
    range unless the span its last digit stands for holds the whole range (494.96 within
    492.4–497.5 shows as 495; 0.77 within 0.76–0.78 shows as 0.77, not 0.8)."""
    places = fmt.places_for(low, high, most)
    low, high = min(low, high), max(low, high)
    while places < most and not _stands_for(round((low + high) / 2, places), places, low, high):
        places += 1
    return min(most, places)


def _stands_for(shown: float, places: int, low: float, high: float) -> bool:
    """A value shown to ``places`` decimals fits [low, high]: it lies in it, or the span its last
    digit stands for (± half a unit) holds all of it."""
    half = 0.5 * 10.0 ** -places
    return low <= shown <= high or (shown - half <= low + 1e-12 and high <= shown + half + 1e-12)


def _outward(box: Interval, decimals: int) -> tuple[str, str]:
    """The range's ends rounded outwards at ``decimals`` (0.166 to 0.235 is 0.16 to 0.24), so the
    range as printed holds the whole range the digits allow."""
    scale = 10.0 ** decimals
    return (fmt.decimal(math.floor(box.lo * scale + 1e-9) / scale, decimals),
            fmt.decimal(math.ceil(box.hi * scale - 1e-9) / scale, decimals))


def _bounds(box: Interval, places: int, answer: tuple[float, int] | None) -> tuple[str, str, int]:
    """The range's ends as text, rounded outwards at ``places`` decimals; where the answer as shown
    (value, decimals) would lie outside them, at fewer decimals until it lies inside (187.64 to
    187.95 beside an answer of 188 is written 187.6 to 188.0)."""
    low, high = _outward(box, places)
    if answer is None:
        return low, high, places
    shown = float(fmt.round_half_up(answer[0], answer[1]))
    for decimals in range(places, answer[1] - 1, -1):
        low, high = _outward(box, decimals)
        if float(low.replace(",", "")) <= shown <= float(high.replace(",", "")):
            return low, high, decimals
    return low, high, answer[1]


def range_text(box: Interval, unit: str, lang: str, places: int, answer: tuple[float, int] | None = None) -> str:
    """An interval in words, its ends rounded outwards: '1,342.35 to 1,342.52 万元 (±0.08 万元)' /
    '1,342.35至1,342.52万元（±0.08万元）'; with ``answer`` (value, decimals shown), its ends never leave
    the answer as shown outside."""
    low, high, _ = _bounds(box, places, answer)  # the radius keeps the decimals asked for
    shown = places
    while shown < places + 3 and box.radius and not fmt.decimal(box.radius, shown).strip("0.,"):
        shown += 1  # a radius smaller than the last decimal shown gets one significant digit
    radius = fmt.decimal(box.radius, shown)
    low, high, radius = _without_shared_trailing_zeros(low, high, radius)
    if unit == "%":
        return (f"{low}%至{high}%（±{radius}个百分点）" if lang == "zh"
                else f"{low}% to {high}% (±{radius} percentage points)")
    return f"{low}至{high}{unit}（±{radius}{unit}）" if lang == "zh" else f"{low} to {high} {unit} (±{radius} {unit})"


def _without_shared_trailing_zeros(*texts: str) -> tuple[str, ...]:
    """Numbers that all end in a zero decimal lose it together ('0.760', '0.780', '0.010' are
    '0.76', '0.78', '0.01'): the same values, without a digit that says nothing."""
    while all("." in text and text.endswith("0") for text in texts):
        texts = tuple(text[:-1].rstrip(".") if text[:-1].endswith(".") else text[:-1] for text in texts)
    return texts


def precision_line(box: Interval, unit: str, lang: str, places: int, signed: bool = False,
                   answer: tuple[float, int] | None = None) -> str:
    """The sentence a solution prints under its answer: the range the written digits allow, and
    (``signed``: for a difference) whether its sign holds over all of it; with ``answer`` (value,
    decimals shown) the range as written always holds the answer as shown."""
    text = range_text(box, unit, lang, places, answer)
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
    return (f"A comparison of two scopes, not an identity that fails. It sets side by side the {result['label_en']}. "
            f"The two sides are about {sides['lhs']} and {sides['rhs']} {unit}"
            + (f", about {difference} apart" if difference else "")
            + ". On our reading the gap probably shows how far the scopes differ, not that a figure is wrong.",
            f"这里比较的是两个口径的数字，并非核对等式。比较的对象是{result['label_zh']}。两边分别约为{sides['lhs']}{unit}和"
            f"{sides['rhs']}{unit}" + (f"，相差约{difference}" if difference else "")
            + "。按本书的理解，差额反映的可能是口径的差别，并不说明某个数字有误。")


# --- one precision rule for the prose of chapters 09 to 13 ---------------------------------------

def places_of(ch: Chapter, indicator_id: str, most: int = 2) -> int:
    """The decimals a derived figure of data/derived.csv (or an implied value) can show under the
    rule the solutions state (``supported_places``); ``most`` when it cannot be computed."""
    row = ch.indicators.loc[indicator_id]
    return most if math.isnan(row["value"]) else supported_places(row["low"], row["high"], most)


def indicator(ch: Chapter, indicator_id: str, most: int = 2, plain: bool = False) -> str:
    """``ch.indicator`` at the digits its range supports (``places_of``): 23.7 亿元 for a budget
    known within 23.64 to 23.69, where ch.indicator alone would keep 23.66."""
    return ch.indicator(indicator_id, places_of(ch, indicator_id, most), plain=plain)


def outward_range(ch: Chapter, indicator_id: str, places: int = 1) -> str:
    """The range a derived percentage's digits allow, rounded outwards at ``places`` decimals, for
    a sentence: '2.7% to 3.2%' / '2.7%至3.2%' for a value known within 2.77 to 3.12."""
    row = ch.indicators.loc[indicator_id]
    low, high = _outward(Interval(row["low"], row["high"]), places)
    return f"{low}%至{high}%" if ch.lang == "zh" else f"{low}% to {high}%"


def implied(ch: Chapter, base: str, kind: str, most: int = 2) -> str:
    """``ch.implied`` at the digits its range supports, or a dash when no such value is defined."""
    indicator_id = f"{base}.implied_{kind}"
    return indicator(ch, indicator_id, most) if indicator_id in ch.indicators.index else "—"


def derived_value(ch: Chapter, indicator_id: str, most: int = 2) -> tuple[float, int]:
    """``ch.derived_value`` with the decimals of ``places_of`` (NaN, 0 when it cannot be computed)."""
    value, _ = ch.derived_value(indicator_id)
    return (value, 0) if math.isnan(value) else (value, places_of(ch, indicator_id, most))


def change_range(now: Interval, prior: Interval) -> Interval:
    """The range of a change on the year before, this year's amount minus an implied prior year,
    from the ranges of both."""
    return Interval(now.lo - prior.hi, now.hi - prior.lo)


def growth_change(ch: Chapter, key: str, unit: str) -> tuple[float, Interval]:
    """A line's change on the year before from its stated growth rate (amount − amount ÷ (1 +
    rate)), with the range the digits of both allow."""
    def change(amount: float, rate: float) -> float:
        return amount - amount / (1 + rate / 100)
    amount, rate = ch.data.interval(key, unit), ch.data.interval(f"{key}.yoy_pct")
    return change(ch.value(key, unit), ch.value(f"{key}.yoy_pct")), corners(change, amount, rate)


def lines_change(ch: Chapter, lines: list[str], unit: str) -> tuple[float, Interval]:
    """The sum of the lines' changes on the year before, each from its own growth rate, with its
    range (each term's range is independent of the others', so the extremes add)."""
    value, box = 0.0, Interval(0.0, 0.0)
    for line in lines:
        part, part_box = growth_change(ch, line, unit)
        value, box = value + part, Interval(box.lo + part_box.lo, box.hi + part_box.hi)
    return value, box


def unexplained_change(ch: Chapter, total: str, lines: list[str], unit: str) -> tuple[float, Interval]:
    """What a total's change on the year before leaves after its stated lines' changes: the change
    of the lines the report does not state, with its range."""
    value, box = growth_change(ch, total, unit)
    part, part_box = lines_change(ch, lines, unit)
    return value - part, Interval(box.lo - part_box.hi, box.hi - part_box.lo)


def change_on_prior(ch: Chapter, now_keys: tuple[str, ...], prior_id: str, unit: str) -> tuple[float, int]:
    """This year's amount (the first key's, less the others': a district as a difference of two
    scopes) minus an implied prior year (an indicator), and the decimals the range of that change
    supports; NaN, 0 when a figure is not stated or the prior year cannot be computed."""
    if (not all(ch.has(key) for key in now_keys) or prior_id not in ch.indicators.index
            or math.isnan(ch.indicators.loc[prior_id, "value"])):
        return math.nan, 0
    first, *others = now_keys
    now, box = ch.value(first, unit), ch.data.interval(first, unit)
    for key in others:
        part = ch.data.interval(key, unit)
        now, box = now - ch.value(key, unit), Interval(box.lo - part.hi, box.hi - part.lo)
    row = ch.indicators.loc[prior_id]
    change = change_range(box, Interval(row["low"], row["high"]))
    return now - row["value"], supported_places(change.lo, change.hi)


def written_places(text: str) -> int:
    """The decimals a figure is written with: '-20.2' has 1, '80' has 0."""
    return len(text.split(".")[1]) if "." in text else 0


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
    position = cap_margin(ch.value(change_key), ch.value(cap_key), written_places(ch.fact(change_key).text))
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
    period = ch.label("period", fact.period)
    if fact.period == "h1" and sentences and "上半年" not in words and f"{fact.fiscal_year}年" in words:
        period = ch.t(f"{fact.fiscal_year}, to date", f"{fact.fiscal_year}年（截至报告时）")
    return f"{scope} · {period}"
