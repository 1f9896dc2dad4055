"""The explainer's computations, checked by hand on Zhongwei's 2023 report."""

import math

from conftest import REPO

from fiscalbook import load_year
from fiscalbook.story import explainer


def year_2023():
    return load_year(2023, REPO / "data", "zhongwei")


def test_general_transfers_by_kind_match_a_hand_count():
    lines = explainer.general_transfers(year_2023().facts)
    # Eleven lines name 共同财政事权: 276,589 万元 of 563,273; with 衔接乡村振兴 (16,453) 293,042.
    assert len(lines.joint) == 11 and lines.joint["value"].sum() == 276589
    assert round(lines.joint_share, 1) == 49.1
    assert round(lines.joint_and_link_share, 1) == 52.0
    assert set(lines.tax_relief["key"]) == {"city.transfers.general_vat_credit_refund",
                                            "city.transfers.general_other_tax_relief"}


def test_general_transfers_without_lines_give_no_share():
    facts = year_2023().facts
    lines = explainer.general_transfers(facts[~facts["key"].str.startswith("city.transfers.general_")])
    assert lines.joint.empty and math.isnan(lines.joint_share)


def test_place_words_and_nestings_come_from_the_descriptor():
    place = year_2023().place
    words = explainer.place_words(place, "en")
    assert words["counties"] == "Zhongning County and Haiyuan County" and words["n_counties"] == "two"
    assert explainer.place_words(place, "zh")["districts"] == "沙坡头区"
    assert explainer.place_words(place, "zh")["counties_enum"] == "中宁县、海原县"
    nesting = explainer.area_keys(place, "revenue")
    assert nesting["whole.general.revenue"] == ["municipal.general.revenue", "zhongning.general.revenue",
                                                "haiyuan.general.revenue"]
    assert nesting["municipal.general.revenue"] == ["city.general.revenue", "shapotou.general.revenue"]


def test_small_helpers():
    assert explainer.listed(["a", "b", "c"], "en") == "a, b and c"
    assert explainer.listed(["甲", "乙"], "zh") == "甲和乙"
    assert explainer.number_word(12, "en") == "12"
    assert explainer.scope_code(year_2023().place, "city") == "市本级"


def test_negative_tax_relief_lines_are_named():
    from fiscalbook.story.chapter import Chapter

    ch = Chapter(2023, "en", REPO / "data", "how_budgets_work", place="zhongwei")
    lines = explainer.general_transfers(ch.data.facts).tax_relief
    text = explainer.negative_lines_text(ch, lines)
    assert "negative line" in text and "9,571" in text
    assert explainer.negative_lines_text(ch, lines[lines["value"] >= 0]) == ""


def test_rebate_lines_are_read_largest_first():
    # Four rebate lines under 返还性收入 28,584 万元: 25,651 (VAT 50:50), 1,399, 1,372, 162.
    keys = explainer.rebate_keys(year_2023().facts)
    assert keys[0] == "city.transfers.rebate_vat_5050" and len(keys) == 4
    assert sum(year_2023().value(key) for key in keys) == 28584
    assert explainer.rebate_keys(year_2023().facts.iloc[:0]) == []
