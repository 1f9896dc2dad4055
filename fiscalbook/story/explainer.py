"""What the introduction, the explainer ("How a city's budget works") and the overview compute
beyond single figures: the place's words for their sentences, the parts of a scope and the kinds
of general transfer lines. (The counts the introduction states, figures, identities and
inequalities, come from ``fiscalbook.audit.counts``, with their definitions.)

Every function is small and typed, reads the place's descriptor or the year's facts, and types
no place name and no figure: another city's book gets its own words and its own shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from fiscalbook.data.places import Place, Scope

# The Chinese words that mark a general transfer line's kind in its label (the report's own line names).
JOINT = "共同财政事权"  # transfers for responsibilities held jointly with the higher levels
LINK = "衔接乡村振兴"  # funds linking poverty alleviation to rural revitalisation
TAX_RELIEF = "退税"  # lines named for tax refunds and cuts (the report does not say how they are computed)
NUMBER_WORDS = {"en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
                "zh": ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十")}


def number_word(count: int, lang: str) -> str:
    """A small count in words ('two' / '两'), a larger one in digits."""
    words = NUMBER_WORDS["zh" if lang == "zh" else "en"]
    return words[count] if 0 <= count < len(words) else f"{count:,}"


def listed(names: Sequence[str], lang: str) -> str:
    """Names as a list in a sentence: 'a, b and c' / 'a、b和c'."""
    names = list(names)
    if len(names) < 2:
        return "".join(names)
    if lang == "zh":
        return "、".join(names[:-1]) + "和" + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def districts(place: Place) -> list[Scope]:
    """The parts inside the municipal level (its districts)."""
    return [part for part in place.parts if part.within]


def counties(place: Place) -> list[Scope]:
    """The parts outside the municipal level (its counties)."""
    return [part for part in place.parts if not part.within]


def place_words(place: Place, lang: str) -> dict[str, str]:
    """The place's words for a sentence template: {place}, {level}, {region}, {region_short},
    {districts}, {counties} ('A and B' / 'A和B'), {counties_enum} (Chinese 'A、B', for '…两个县'),
    {n_counties}, {n_districts}."""
    return {
        "place": place.name(lang), "level": place.word("level", lang), "region": place.word("region", lang),
        "region_short": place.word("region_short", lang),
        "districts": listed([part.name(lang) for part in districts(place)], lang),
        "counties": listed([part.name(lang) for part in counties(place)], lang),
        "counties_enum": ("、" if lang == "zh" else ", ").join(part.name(lang) for part in counties(place)),
        "n_counties": number_word(len(counties(place)), lang),
        "n_districts": number_word(len(districts(place)), lang),
    }


def scope_code(place: Place, role: str) -> str:
    """The code of the scope that plays ``role`` ('whole', 'municipal', 'city'), '' if none."""
    scope = place.role(role)
    return scope.code if scope else ""


def area_keys(place: Place, item: str, budget: str = "general") -> dict[str, list[str]]:
    """The two nestings of a figure by key: the whole = the municipal level + the counties,
    and the municipal level = the city level + the districts ('whole.general.revenue': [...])."""
    def key(prefix: str) -> str:
        return f"{prefix}.{budget}.{item}"

    return {key("whole"): [key("municipal")] + [key(part.key) for part in counties(place)],
            key("municipal"): [key("city")] + [key(part.key) for part in districts(place)]}


@dataclass(frozen=True)
class GeneralTransfers:
    """The general transfer lines of the city level by kind, from the report's line names."""

    total: float  # the stated total of general transfers, in the lines' unit
    unit: str
    joint: pd.DataFrame  # lines for jointly held responsibilities
    link: pd.DataFrame  # rural-revitalisation link funds
    tax_relief: pd.DataFrame  # lines named for tax refunds and cuts (a negative one reduces the total)
    lines: pd.DataFrame  # every line

    def share(self, frame: pd.DataFrame) -> float:
        """The lines' sum as a percentage of the stated total (NaN without lines or total)."""
        if frame.empty or not self.total:
            return float("nan")
        return float(frame["value"].sum()) / self.total * 100

    @property
    def joint_share(self) -> float:
        return self.share(self.joint)

    @property
    def joint_and_link_share(self) -> float:
        return self.share(pd.concat([self.joint, self.link]))


def general_transfers(facts: pd.DataFrame, total_key: str = "city.transfers.general") -> GeneralTransfers:
    """Sort the lines under ``total_key`` (keys '<total_key>_…') by the words of their Chinese names."""
    lines = facts[facts["key"].str.startswith(f"{total_key}_") & (facts["measure"] == "amount")]
    lines = lines.drop_duplicates("key")
    stated = facts[facts["key"] == total_key]
    total = float(stated["value"].iloc[0]) if not stated.empty else float("nan")
    unit = str(stated["unit"].iloc[0]) if not stated.empty else ""

    def named(word: str) -> pd.DataFrame:
        return lines[lines["label_zh"].str.contains(word, regex=False)]

    return GeneralTransfers(total, unit, named(JOINT), named(LINK), named(TAX_RELIEF), lines)


def prefix_scope(place: Place, prefix: str) -> str:
    """The scope code of a key prefix: 'whole' → 全市, 'city' → 市本级, a part's key → its code."""
    part = place.part(prefix)
    return part.code if part else scope_code(place, prefix)


NESTING_RULES = {"whole": "by_area", "municipal": "scopes"}  # the identity of each nesting in rules.csv


def nesting_lines(ch: Any, item: str) -> list[str]:
    """For a Chapter ``ch``: one line per nesting of the general budget's ``item``, 'whole = parts',
    each figure as written (a figure the report leaves out says so), then the identity's check."""
    found = []
    for total, parts in area_keys(ch.place, item).items():
        prefix = total.split(".")[0]
        space = ch.t(" ", "")
        named = [f"{ch.scope_name(prefix_scope(ch.place, key.split('.')[0]))}{space}{ch(key)}" for key in parts]
        found.append(f"- {ch.scope_name(prefix_scope(ch.place, prefix))}{space}{ch(total)} = {' + '.join(named)}\n"
                     f"  {ch.check_text(f'{total}.{NESTING_RULES[prefix]}')}")
    return found


def states_nestings(ch: Any, item: str) -> bool:
    """Whether the year states every figure of both nestings of ``item``."""
    return all(ch.has(key) for total, parts in area_keys(ch.place, item).items() for key in [total, *parts])


def negative_lines_text(ch: Any, lines: pd.DataFrame, named_before: bool = False) -> str:
    """For a Chapter ``ch``: a sentence on the negative lines among ``lines`` (a transfer line
    below zero reduces the total; the report does not say why), '' when none is negative;
    ``named_before``: the sentence before has named ``lines`` with their amounts, so they are not repeated."""
    negative = lines[lines["value"] < 0]
    if negative.empty:
        return ""
    if named_before:
        return ch.t(" The negative amount among them reduces the general transfers rather than adding to them: "
                    "probably a settlement or a clawback, though the report does not say.",
                    "其中为负数的金额减少而不是增加一般性转移支付，可能是结算或扣回，但报告没有说明。")
    named = ch.t(" and ", "和").join(f"{ch.name_of(key, in_sentence=True)}{ch.t(' ', '')}{ch(key)}"
                                    for key in negative["key"])
    return ch.t(f" A negative line, {named}, reduces the general transfers rather than adding to them: probably a "
                "settlement or a clawback, though the report does not say.",
                f"为负数的项目（{named}）减少而不是增加一般性转移支付，可能是结算或扣回，但报告没有说明。")


def self_sufficiency_extremes(ch: Any, ratios: dict[str, float], scopes: dict[str, str]) -> dict[str, str]:
    """For a Chapter ``ch``: the parts with the lowest and highest fiscal self-sufficiency among
    ``ratios`` (key prefix → value; NaN left out by the caller), named by ``scopes`` (prefix →
    scope code), with their indicators: keys lowest, lowest_ratio, highest, highest_ratio. With
    fewer than two parts stated, the parts are named together and the ratios not computable."""
    if len(ratios) < 2:
        parts = ch.t("the parts of the whole city", "全市各组成部分")
        missing = ch.unstated.not_computable()
        return {"lowest": parts, "lowest_ratio": missing, "highest": parts, "highest_ratio": missing}
    lowest, highest = min(ratios, key=ratios.get), max(ratios, key=ratios.get)
    return {"lowest": ch.scope_name(scopes[lowest]), "lowest_ratio": ch.indicator(f"self_sufficiency.{lowest}"),
            "highest": ch.scope_name(scopes[highest]), "highest_ratio": ch.indicator(f"self_sufficiency.{highest}")}


def rebate_keys(facts: pd.DataFrame, total_key: str = "city.transfers.tax_rebates") -> list[str]:
    """The tax-rebate lines the report lists under ``total_key`` (keys 'city.transfers.rebate_…'),
    largest first, each once."""
    prefix = total_key.rsplit(".", 1)[0] + ".rebate_"
    lines = facts[facts["key"].str.startswith(prefix) & (facts["measure"] == "amount")].drop_duplicates("key")
    return list(lines.sort_values("value", ascending=False)["key"])


def largest_rebate(ch: Any) -> str:
    """For a Chapter ``ch``: the name and amount of the largest tax-rebate line the report lists
    (its name, then the figure), or words saying the report lists none."""
    keys = rebate_keys(ch.data.facts)
    if not keys:
        return ch.t("no rebate line (the report lists none)", "（报告没有列出返还项目）")
    return f"{ch.name_of(keys[0], in_sentence=True)}{ch.t(' ', '')}{ch(keys[0])}"


def carryover_note(ch: Any, full: bool = False) -> str:
    """The state capital budget's 上年结转 in the edition's words, without brackets: whether it is carry-over or
    balance the report does not say. ``full`` adds the regulations' word beside the report's and where the
    two are defined (Art. 50, for Budget Law Art. 42(1)); else a pointer to where that is said.
    Pointer and full text carry no brackets, so they can sit inside one."""
    if full:
        return ch.t("the report writes 上年结转, carry-over, where the regulations' list says 上一年度结余, balance; "
                    f"{ch.cite('regulations:50')} defines carry-over and balance for {ch.cite('budget-law:42(1)')}, "
                    "and which this money is, the report does not say",
                    "报告写作“上年结转”，条例的编制内容写作“上一年度结余”；"
                    f"{ch.cite('regulations:50')}为{ch.cite('budget-law:42(1)')}界定了结转资金和结余资金，"
                    "这笔钱属于哪一种，报告没有说明")
    return ch.t("whether it is carry-over or balance, the report does not say; the chapter “How a city's budget works” "
                "explains the difference", "属于结转还是结余，报告没有说明，二者的区别见“城市预算是怎样运转的”一章")
