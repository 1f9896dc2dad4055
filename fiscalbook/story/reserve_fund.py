"""The reserve chapter's logic, once: the reserve fund's uses and what they add up to against the fund,
the unit conversion between the stabilization payment and the over-collection, and the verdict on the
over-collection implied by revenue and its execution rate. The notebook passes the keys (so the usage
audit sees them); these functions do the how, words unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from fiscalbook.audit.rules import written_places
from fiscalbook.data.units import convert
from fiscalbook.story import explainer, fmt

if TYPE_CHECKING:
    from fiscalbook.story.chapter import Chapter


def use_name(ch: Chapter, key: str) -> str:
    """What a use went to: its label without 'Reserve fund used: ' / '动用预备费：'."""
    return ch.fact(key).label(ch.lang).split(ch.t(": ", "："), 1)[-1]


def uses_of(ch: Chapter, prefix: str, fund: str) -> pd.DataFrame:
    """The uses the report lists (keys starting with ``prefix``), without the fund itself."""
    uses = ch.data.select(prefix)
    return uses[uses["key"] != fund].reset_index(drop=True)


def unit_of(ch: Chapter, fund: str, uses: pd.DataFrame) -> str:
    """One unit for the sums: the fund's, or the first use's when the report leaves the fund out."""
    return ch.fact(fund).unit if ch.has(fund) else next(iter(uses["unit"]), "万元")


def _together(ch: Chapter, fund: str, uses: pd.DataFrame, unit: str) -> str:
    """What the uses add up to: their total when the report leaves the fund out, else their share of it and
    (when they fall short) what is left unused."""
    reserve = ch.value(fund, unit)
    used = sum(ch.value(key, unit) for key in uses["key"])
    if not ch.has(fund):
        total = ch.amount(used, unit, formula=" + ".join(uses["key"]))
        return ch.t(f"Together they come to {total}.", f"合计{total}。")
    if used >= reserve:
        return ch.t(f"Together they come to {ch.share(used, reserve)} of the fund. The report says the fund was used "
                    f"mainly (主要用于) for them; that it was used in full is our reading of this sum.",
                    f"合计占预备费的{ch.share(used, reserve)}。报告只说预备费“主要用于”这些事项；预备费已全部动用，"
                    f"是本书按这一合计数作出的解读。")
    unused = ch.amount(reserve - used, unit, formula=f"{fund} - {' - '.join(uses['key'])}")
    return ch.t(f"Together they come to {ch.share(used, reserve)} of the fund, leaving {unused} unused.",
                f"合计占预备费的{ch.share(used, reserve)}，尚余{unused}未动用。")


def uses_text(ch: Chapter, fund: str, uses: pd.DataFrame, unit: str) -> str:
    """The uses listed, each with its share of the fund (when the report states the fund), and what they
    add up to; or that the report lists none."""
    if uses.empty:
        return ch.t("The report lists no use of it.", "报告没有列出预备费的动用情况。")
    reserve = ch.value(fund, unit)  # NaN, and noted under the paragraph, when the report leaves it out
    listing = [ch.t(f"{use_name(ch, key)}, {ch(key)}", f"{use_name(ch, key)}{ch(key)}")
               + (ch.t(f", {ch.share(ch.value(key, unit), reserve)} of the fund",
                       f"（占{ch.share(ch.value(key, unit), reserve)}）") if ch.has(fund) else "")
               for key in uses["key"]]
    together = _together(ch, fund, uses, unit)
    return ch.t(f"The report lists {len(uses)} {fmt.noun('use|uses', len(uses))}: {'; '.join(listing)}. {together}",
                f"报告列出{explainer.number_word(len(uses), ch.lang)}项动用：{'；'.join(listing)}。{together}")


def conversion_text(ch: Chapter, paid: str, over: str) -> str:
    """When the payment and the over-collection are written in different units: the over-collection in the
    payment's unit, with every digit the report wrote (354 万元 = 0.0354 亿元), and whether it rounds to the
    payment as written; else nothing."""
    paid_unit, over_unit = ch.fact(paid).unit, ch.fact(over).unit
    if paid_unit == over_unit:
        return ""
    over_converted = ch.value(over, paid_unit)
    places = written_places(over, ch.data, paid_unit)
    decimals_of_paid = len(ch.fact(paid).text.partition(".")[2])
    rounds_to_paid = fmt.round_half_up(over_converted, decimals_of_paid) == ch.fact(paid).text
    one = ch.number(convert(1, paid_unit, over_unit), 0)
    converted = ch.number(over_converted, places)
    return ch.t(
        f" The two are written in different units. With one {paid_unit} equal to {one} {over_unit}, "
        f"the over-collection is {converted} {paid_unit}, which "
        + ("rounds to" if rounds_to_paid else "does not round to") + f" the {ch.plain(paid)} the report writes.",
        f"两者使用了不同的单位。一{paid_unit}等于{one}{over_unit}，超收收入折合"
        f"{converted}{paid_unit}，按报告的写法四舍五入"
        + ("即为" if rounds_to_paid else "并不等于") + f"{ch.plain(paid)}。")


def implied_verdict(ch: Chapter, implied_id: str, over: str) -> str:
    """Whether the range of the over-collection implied by revenue (``implied_id``) includes the stated one
    (``over``), or that the report does not state it; its ``{over}`` is filled by the paragraph."""
    implied = ch.indicators.loc[implied_id]
    if not ch.has(over):
        return ch.t(". The report does not state the over-collection itself.", "。报告没有列出超收收入本身。")
    within = implied["low"] <= ch.value(over, implied["unit"]) <= implied["high"]
    return (ch.t(" — which includes the stated {over}.", "，包含报告所述的{over}。") if within else
            ch.t(" — which does not include the stated {over}.", "，不包含报告所述的{over}。"))


def other_sections(ch: Chapter, key: str, besides: str) -> list[str]:
    """The other sections of the report that state ``key``, besides the section of ``besides``."""
    return sorted(set(ch.data.facts.loc[ch.data.facts["key"] == key, "section"]) - {ch.report_section(besides)})
