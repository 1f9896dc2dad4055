"""fiscalbook.story.reserve_fund: the reserve fund's uses, the over-collection in the payment's unit and the
verdict on the implied over-collection, checked by hand against the 2023 report
(/work/shared/source/zhongwei-2023-final-accounts-and-2024-h1-report.txt, line 41), with the branches for
missing figures on a thinned copy of the data."""

from __future__ import annotations

import re

import pytest
from conftest import PLACE, REPO, YEAR
from support.synthetic import thin_year

from fiscalbook.story import reserve_fund
from fiscalbook.story.chapter import Chapter

FUND, PREFIX = "city.general.reserve_fund", "city.general.reserve_"
OVER, PAID = "city.general.over_collection", "city.general.stabilisation_fund"


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param


def chapter(lang: str, data_dir=REPO / "data") -> Chapter:
    return Chapter(YEAR, lang, data_dir, "reserve", place=PLACE)


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace(",", "")


def test_two_uses_that_take_the_whole_fund(lang):
    ch = chapter(lang)
    uses = reserve_fund.uses_of(ch, PREFIX, FUND)
    # Line 41: fund 5000 万元; uses 4646.74 万元 (heating allowance) + 353.26 万元 (medical staff) = 5000 万元.
    assert len(uses) == 2 and FUND not in set(uses["key"])
    unit = reserve_fund.unit_of(ch, FUND, uses)
    assert unit == "万元"
    text = plain(reserve_fund.uses_text(ch, FUND, uses, unit))
    assert "4646.74" in text and "353.26" in text
    assert ("used in full is our reading" if lang == "en" else "预备费已全部动用") in text


def test_use_name_drops_the_prefix(lang):
    ch = chapter(lang)
    name = reserve_fund.use_name(ch, "city.general.reserve_heating")
    assert ":" not in name and "：" not in name and name


def test_the_over_collection_rounds_to_the_payment(lang):
    # Line 41: 0.04 亿元 paid, over-collection 354 万元 = 0.0354 亿元, which rounds to 0.04.
    text = plain(reserve_fund.conversion_text(chapter(lang), PAID, OVER))
    assert "0.0354" in text and ("rounds to" if lang == "en" else "即为") in text


def test_the_implied_range_includes_the_stated_over_collection(lang):
    verdict = reserve_fund.implied_verdict(chapter(lang), "over_collection.city.implied", OVER)
    assert verdict == chapter(lang).t(" — which includes the stated {over}.", "，包含报告所述的{over}。")


def test_the_payment_is_also_stated_among_the_uses(lang):
    # Line 27 (section 一.(二).1) lists 安排预算稳定调节基金 0.04 亿元 among the uses.
    assert reserve_fund.other_sections(chapter(lang), PAID, OVER)


def test_without_the_fund_the_uses_are_summed(data_copy, lang):
    thin_year(data_copy, YEAR, drop_keys=[FUND, OVER])
    ch = chapter(lang, data_copy)
    uses = reserve_fund.uses_of(ch, PREFIX, FUND)
    text = plain(reserve_fund.uses_text(ch, FUND, uses, reserve_fund.unit_of(ch, FUND, uses)))
    assert ("Together they come to 5000" if lang == "en" else "合计5000") in text
    assert "of the fund" not in text and "占" not in text
    assert reserve_fund.implied_verdict(ch, "over_collection.city.implied", OVER) == ch.t(
        ". The report does not state the over-collection itself.", "。报告没有列出超收收入本身。")
