"""draft_place (fiscalbook/extract/place.py): a place descriptor drafted from a report, on the
2023 report and on two passages of other places (names made up)."""

from __future__ import annotations

from pathlib import Path

from fiscalbook.extract.place import draft_place

REPORT = Path(__file__).resolve().parent.parent / "data" / "zhongwei" / "2023" / "report.txt"

CITY = """关于红川市2022年财政决算的报告
一、2022年财政决算情况
汇总市级和各区县决算，全市一般公共预算收入完成45.6亿元。其中：市本级18.3亿元，白河区9.2亿元，青岭县7.1亿元，
石门自治县4.3亿元，云溪市6.7亿元。补助白河区支出3.2亿元。推进城区改造，支持工业园区和经济开发区建设，落实自治区部署。
"""

DISTRICT = """关于宁夏回族自治区白河区2023年区本级财政决算的报告
一、2023年财政决算情况
全区一般公共预算收入完成9.6亿元，区本级收入5.1亿元，各街道收入4.5亿元。推进老城区改造，辖区内小区改造12个。
"""


def _parts(place: dict) -> list[tuple[str, str]]:
    return [(p["zh"], p["kind"]) for p in place["parts"]]


def test_the_2023_report():
    place = draft_place(REPORT.read_text(encoding="utf-8"))
    assert place["name"] == {"zh": "中卫市", "en": ""}
    assert place["level"] == "prefecture-level city"
    assert _parts(place) == [("沙坡头区", "district"), ("中宁县", "county"), ("海原县", "county")]
    assert all(p["scope"] == p["zh"] and p["en"] == "" for p in place["parts"])
    assert place["region"]["zh"] == "宁夏回族自治区"
    assert any(m.startswith("name: the title names no place") for m in place["review"])


def test_a_city_with_districts_counties_and_a_county_level_city():
    place = draft_place(CITY)
    assert (place["id"], place["name"]["zh"], place["level"]) == ("", "红川市", "prefecture-level city")
    assert _parts(place) == [("白河区", "district"), ("青岭县", "county"), ("石门自治县", "county"), ("云溪市", "city")]
    assert place["region"] == {"zh": "", "en": ""}
    assert any(m.startswith("region: the text names no province") for m in place["review"])
    assert sum(m.startswith("parts: check") for m in place["review"]) == 4


def test_a_district_without_parts():
    place = draft_place(DISTRICT)
    assert (place["name"]["zh"], place["level"]) == ("白河区", "district")
    assert place["parts"] == []  # 区本级 is a scope, 老城区 and 小区 are no names
    assert place["region"] == {"zh": "宁夏回族自治区", "en": "Ningxia Hui Autonomous Region"}


def test_the_descriptor_has_the_agreed_shape():
    place = draft_place("没有地名的文字。")
    assert set(place) == {"id", "name", "level", "region", "parts", "review"}
    assert place["name"] == {"zh": "", "en": ""} and place["level"] == "" and place["parts"] == []
    assert any(m.startswith("name:") for m in place["review"])
