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
