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


def test_the_second_half_to_the_implied_budget_is_hedged_and_at_the_digits_it_allows(ch):
    # 13.56 ÷ 57.3% ≈ 23.665 亿元; (23.665 − 13.56) ÷ 9.810 − 1 ≈ 3.0%, known within about 2.6% to 3.4%.
    assert outlook.h2_growth_on_implied_budget(ch, "h1.whole.general.revenue") == ch.t("about 3.0%", "约3.0%")
