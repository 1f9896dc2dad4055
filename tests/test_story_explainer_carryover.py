"""The state capital budget's carry-over note (fiscalbook.story.explainer.carryover_note)."""

import re

import pytest

from fiscalbook.story import explainer
from fiscalbook.story.chapter import Chapter


@pytest.fixture(params=["en", "zh"])
def ch(request):
    return Chapter(2023, request.param, "data", "how_budgets_work", place="zhongwei")


def visible(html: str) -> str:
    """The text a reader sees: tags (and the articles' words in their titles) dropped."""
    return re.sub(r"<[^>]+>", "", html)


def test_full_note_says_art_50_is_written_for_art_42(ch):
    note = explainer.carryover_note(ch, full=True)
    assert 'data-law="regulations:50"' in note and 'data-law="budget-law:42(1)"' in note
    assert "上年结转" in note and "上一年度结余" in note


def test_notes_carry_no_brackets_so_they_fit_inside_one(ch):
    for note in (explainer.carryover_note(ch), explainer.carryover_note(ch, full=True)):
        assert not set("()（）") & set(visible(note))
