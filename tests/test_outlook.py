"""The outlook chapter's logic (fiscalbook/story/outlook.py): every kind of measure has a meaning
in both languages, and the pressure paragraph is one edition's text with the placeholders left."""

from pathlib import Path

import pytest

from fiscalbook.story import outlook
from fiscalbook.story.chapter import Chapter

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(params=["en", "zh"])
def ch(request) -> Chapter:
    return Chapter(2023, request.param, REPO / "data", "outlook", place="zhongwei")


def test_every_meaning_is_given_in_both_languages():
    for en, zh in outlook.meanings(2023).values():
        assert en and zh and "2024" in outlook.meanings(2023)["shantytown_arrears_cash"][0]


def test_the_pressure_paragraph_keeps_its_placeholders(ch):
    text = outlook.pressure_text(ch, "challenges.tax_share.share", "challenges.tax_share.h1")
    assert "{share}" in text and "{need}" in text


def test_the_second_half_is_computable_on_both_bases(ch):
    assert set(outlook.needed(ch, "h1.whole.general.revenue")) == {"preliminary", "final"}


def test_a_share_that_rounds_to_the_stated_one_is_said_to_match_at_its_digits(ch):
    # 8.21 ÷ 13.56 = 60.546%, 60.5% at the stated share's one decimal: no difference to report.
    assert outlook._rounds_to_stated(ch.check("challenges.tax_share.h1"))
    assert "{check}" not in outlook.pressure_text(ch, "challenges.tax_share.share", "challenges.tax_share.h1")


def test_both_changes_leave_the_year_below_the_cap(ch):
    # 79.8% of the base year, down 14.9% in the first half: about 67.9%, below the cap of 80%.
    assert outlook._below_cap(ch, "resolution.finance.three_public_and_three_fees.change_pct",
                              "keywork.risk.three_public_and_three_fees_spending.yoy_pct",
                              "measures.spending.three_public_and_three_fees_cap.target")


def test_the_three_guarantees_need_comes_with_the_first_half_paid_and_is_named_a_year_figure(ch):
    # a full-year need beside half a year's spending invites a cross-period comparison: the paragraph
    # sets the amount paid (like for like) beside it and names the need's period and scope.
    text = outlook.pressure_text(ch, "challenges.tax_share.share", "challenges.tax_share.h1")
    assert "{paid}" in text and "{paid_rate}" in text
    assert ("whole city" in text and "full year" in text) if ch.lang == "en" else ("全市" in text and "全年" in text)
