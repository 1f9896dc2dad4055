"""A scope named as the report words it (fiscalbook/story/scope_words.py)."""

import pytest

from fiscalbook.data.load import DEFAULT_DATA_DIR
from fiscalbook.story.chapter import Chapter
from fiscalbook.story.scope_words import as_worded, filed_scope


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_municipal_scope_named_as_worded(lang):
    ch = Chapter(2023, lang, DEFAULT_DATA_DIR, "test")
    municipal, worded, city = (ch.place.role(role).code for role in ("municipal", "municipal_as_worded", "city"))
    assert as_worded(ch, municipal) == ch.scope_name(worded)
    assert as_worded(ch, city) == ch.scope_name(city)
    # The reading's bracket (the district it includes) is not in the worded name.
    assert all(part.name(lang) not in as_worded(ch, municipal) for part in ch.place.parts)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_department_figure_names_only_the_report_s_scope(lang):
    """A figure the report states for 市直部门（单位） is filed under 市本级 in the data, but the report
    does not relate the two (round 13 read "filed under 市本级" as a claim): the cell names only
    the report's words."""
    ch = Chapter(2023, lang, DEFAULT_DATA_DIR, "test")
    city = ch.place.role("city").code
    cell = filed_scope(ch, city, "市直部门（单位）“三公”经费预算总额")
    assert "市直部门（单位）" in cell and city not in cell
    assert filed_scope(ch, city, "一般公共预算收入") == as_worded(ch, city, in_sentence=False)


def test_a_quote_with_the_scopes_own_note_gets_the_full_name():
    from types import SimpleNamespace

    from fiscalbook.story.scope_words import quoted_scope

    chapter = SimpleNamespace(lang="en", place=SimpleNamespace(role=lambda role: None),
                              scope_name=lambda code, in_sentence=True: f"full:{code}")
    assert quoted_scope(chapter, "市级（含区）", "收入", "其中：市级 13.4 亿元（含区）") == "full:市级（含区）"
    assert quoted_scope(chapter, "市级（含区）", "收入", "市级“三公”经费") == "full:市级（含区）"
