"""Year roles in labels replaced by an edition's years (fiscalbook/story/year_words.py)."""

from fiscalbook.story.year_words import with_years


def test_english_roles_become_years():
    label = ("Whole-city revenue budget for the mid-year report's year "
             "against the final figure for the final-accounts year")
    assert with_years(label, 2023, "en") == "Whole-city revenue budget for 2024 against the final figure for 2023"


def test_chinese_roles_become_years():
    label = "全市年中报告所在年度收入预算较决算年度决算数的增幅"
    assert with_years(label, 2023, "zh") == "全市2024年收入预算较2023年决算数的增幅"


def test_label_without_roles_is_unchanged():
    assert with_years("全市财政自给率", 2023, "zh") == "全市财政自给率"
