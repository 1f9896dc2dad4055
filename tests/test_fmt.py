"""The one formatter, the edition switch and the chart style."""

from __future__ import annotations

import warnings

import pytest
from conftest import missing_glyph_figure

from fiscalbook.build.sphinx_edition import edition_link
from fiscalbook.story import fmt, style


def test_group_keeps_the_written_decimals():
    assert fmt.group("743962") == "743,962"
    assert fmt.group("-9571") == "-9,571"
    assert fmt.group("46.30") == "46.30"
    assert fmt.group("1256.25") == "1,256.25"


def test_money_in_each_language():
    assert fmt.money("74.4", "亿元", "zh") == "74.4亿元"
    assert fmt.money("74.4", "亿元", "en") == "74.4 亿元 (¥7.44 bn)"
    assert fmt.money("5.52", "万元", "en") == "5.52 万元 (¥55,200)"
    assert fmt.money("1256.25", "万元", "en") == "1,256.25 万元 (¥12.56 m)"


def test_quantities_and_percentages():
    assert fmt.quantity("8.6", "%", "en") == "8.6%"
    assert fmt.quantity("-0.02", "个百分点", "en") == "-0.02 pp"
    assert fmt.quantity("6020", "个", "zh") == "6,020个"
    assert fmt.quantity("17", "条", "en", "roads") == "17 roads"
    assert fmt.percent(10.93647) == "10.9%"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        fmt.check_lang("fr")


def test_edition_switch_points_to_the_same_page():
    links = {"en": ["English", "en"], "zh": ["中文", "zh-Hans"]}
    switch, alternates = edition_link("notebooks/08_transfers", "en", links)
    assert 'href="../../zh/notebooks/08_transfers.html"' in switch and "中文" in switch
    assert 'hreflang="zh-Hans"' in alternates and "English" not in switch


def test_chinese_renders_without_missing_glyphs(tmp_path):
    style.apply()
    fig, ax = style.new_figure()
    ax.set_title("转移支付 · 三公经费 · 一般公共预算 −5%")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(tmp_path / "chart.png")
    assert (tmp_path / "chart.png").stat().st_size > 0


def test_a_missing_glyph_is_an_error(tmp_path):
    """style.apply itself turns the warning into an error."""
    with warnings.catch_warnings():
        fig = missing_glyph_figure()
        with pytest.raises(UserWarning, match="Glyph"):
            fig.savefig(tmp_path / "chart.png")


def test_negative_yuan_and_units_of_ten_thousand():
    assert fmt.yuan(-335e6) == "-¥335 m" and fmt.yuan(8.24e8) == "¥824 m" and fmt.yuan(2.5e9) == "¥2.5 bn"
    assert fmt.quantity("9.07", "万人", "en", "10,000 people") == "9.07 万人 (90,700 people)"
    assert fmt.quantity("9.07", "万人", "zh", "10,000 people") == "9.07万人"
    assert fmt.with_unit("743962", "万元") == "743,962\u00a0万元" and fmt.with_unit("15.6", "%") == "15.6%"


def test_rounding_is_decimal_half_up():
    """Binary floating point rounds 12.95 down; the book rounds what the digits say."""
    assert fmt.decimal(12.95, 1) == "13.0" and fmt.decimal(87.65, 1) == "87.7"
    assert fmt.decimal(0.125, 2) == "0.13" and fmt.decimal(2.5, 0) == "3"
    assert fmt.decimal(-0.04, 1) == "0.0", "never '-0.0'"
    assert fmt.round_half_up(385.9, -1) == "390"
    assert fmt.percent(60.545, 2) == "60.55%"


def test_yuan_show_no_more_significant_digits_than_the_source():
    assert fmt.money("12.95", "亿元", "en") == "12.95 亿元 (¥1.30 bn)"
    assert fmt.money("87.65", "亿元", "en") == "87.65 亿元 (¥8.77 bn)"
    assert fmt.money("6.51", "亿元", "en") == "6.51 亿元 (¥651 m)"
    assert fmt.money("0.04", "亿元", "en") == "0.04 亿元 (¥4 m)"
    assert fmt.computed_money(6.5086, "亿元", "en") == "6.51 亿元 (¥651 m)", "yuan from the rounded text"
    assert fmt.yuan(55_200, 3) == "¥55,200" and fmt.yuan(123_456, 2) == "¥120,000"
    assert [fmt.significant_digits(t) for t in ("74.4", "0.04", "46.30", "743962", "-9571")] == [3, 1, 4, 6, 4]


def test_decimals_follow_what_the_digits_allow():
    assert fmt.places_for(23.28, 23.53) == 1
    assert fmt.places_for(338, 434) == -1, "a range 96 wide shows tens"
    assert fmt.places_for(1.0, 1.0) == 2, "an exact value keeps the requested decimals"
    assert fmt.straddles_zero(-0.3, 0.4) and not fmt.straddles_zero(0.1, 0.4)


def test_counts_are_singular_for_one_and_name_what_they_count():
    assert fmt.quantity("1", "起", "en", "case|cases") == "1 case"
    assert fmt.quantity("6020", "个", "en", "school place|school places") == "6,020 school places"
    assert fmt.noun("km", 3) == "km"
    assert fmt.in_sentence("Health care") == "health care"
    assert fmt.in_sentence("VAT credit refunds") == "VAT credit refunds"
    assert fmt.in_sentence("Shapotou District") == "Shapotou District"


def test_section_paths_in_chinese_text_use_full_width_brackets():
    assert fmt.section_zh("一.(五).2") == "一（五）2" and fmt.section_zh("三") == "三"


@pytest.mark.parametrize(("value", "low", "high", "shown"), [
    (10.9365, 10.9338, 10.9391, ("10.94", "10.933 – 10.940")),  # the range one digit finer, rounded outwards
    (2.0455, 2.0443, 2.0468, ("2.05", "2.04 – 2.05")),  # 2.05 lies outside 2.044 – 2.047: the value's digits
    (386.1, 338.0, 434.0, ("390", "338 – 434")),  # tens
    (5.47, 5.415, 5.525, ("5.5", "5.41 – 5.53")),  # a sum of 3.1 and 2.37: one decimal
])
def test_value_and_range_agree(value, low, high, shown):
    assert fmt.value_and_range(value, low, high) == shown
    text, span = shown
    lo, hi = (float(part.replace(",", "")) for part in span.split(" – "))
    assert lo <= float(text) <= hi and lo <= low and high <= hi
