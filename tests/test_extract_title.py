"""A report whose title names another period than its figures (a 2023 final-accounts report
that also covers 2024's first half) and the items a district's report names, read right."""

from fiscalbook.extract import extract

REPORT = ("关于某区2023年财政决算及2024年上半年预算执行情况的报告\n\n"
          "2023年全区一般公共预算收入168.53亿元,为预算的105.15%,同比增长8.31%。"
          "加上转移支付净收入31.64亿元、上年结转收入1.79亿元。\n")


def rows() -> dict[str, dict]:
    return {row["value"]: row for row in extract(REPORT, 2023).facts}


def test_the_title_s_first_half_is_not_the_first_figure_s_period() -> None:
    first = rows()["168.53"]
    assert (first["period"], first["key"]) == ("full_year", "whole.general.revenue")


def test_a_line_that_is_no_title_still_gives_its_period() -> None:
    text = "2024年上半年，全区一般公共预算收入90.2亿元，同比增长3.1%。\n"
    assert {row["period"] for row in extract(text, 2023).facts} == {"h1"}


def test_net_transfers_are_an_item_of_their_own() -> None:
    net = rows()["31.64"]
    assert net["item"] == "transfers_net" and net["label_zh"] == "转移支付净收入"
