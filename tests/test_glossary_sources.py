"""Every glossary entry names its source, and the glossary page shows it: the law cited with its
words on hover, the report's own words, a named document, general practice marked as such. The
entries are shared by every place (no place name), give pinyin in the English edition, and keep
the corrections of issue 14."""

from __future__ import annotations

import csv
import re

import pytest
from conftest import PLACE, YEAR, edit_csv

from fiscalbook.data import law
from fiscalbook.data.load import load_place
from fiscalbook.data.paths import DEFAULT_DATA_DIR
from fiscalbook.data.validate import validate
from fiscalbook.story import glossary as g
from fiscalbook.story.chapter import Chapter

TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
HALF_WIDTH = re.compile(r"[(),;:?!\"']")


def rows() -> list[dict[str, str]]:
    with (DEFAULT_DATA_DIR / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def terms(*zh: str) -> dict[str, dict[str, str]]:
    found = {row["term_zh"]: row for row in rows()}
    return {term: found[term] for term in zh}


@pytest.fixture(scope="module", params=["en", "zh"])
def edition(request) -> g.Edition:
    return g.Edition.of(Chapter(YEAR, request.param, DEFAULT_DATA_DIR, "glossary", place=PLACE))


# --- sources ----------------------------------------------------------------------------------

def test_every_entry_names_its_sources_and_each_is_of_a_known_kind():
    for row in rows():
        sources = g.parse_sources(row["source"])
        assert sources, row["term_zh"]
        for source in sources:
            if source.kind == "law":
                for law_id, number, paragraph in law.source_references(source.text):
                    assert law.paragraph_text(law_id, number, paragraph)


def test_the_report_words_an_entry_quotes_are_in_the_report():
    report = g.flat((DEFAULT_DATA_DIR / PLACE / str(YEAR) / "report.txt").read_text(encoding="utf-8"))
    quoted = [(row["term_zh"], s.text) for row in rows() for s in g.parse_sources(row["source"]) if s.kind == "report"]
    assert quoted
    assert [(term, words) for term, words in quoted if g.flat(words) not in report] == []


def test_each_kind_of_source_is_shown_as_such(edition):
    zh = edition.lang == "zh"
    line = g.sources_line("budget-law:66(1); report:超收收入; report:不在报告中的话; "
                          "《国务院关于实行分税制财政管理体制的决定》（国发〔1993〕85号）; general practice; "
                          "budget-law:74-76", edition)
    assert line.startswith("依据：" if zh else "Source: ")
    assert 'data-law="budget-law:66(1)"' in line and "title=\"《预算法》第六十六条第一款：" in line
    assert ("报告原文：“超收收入”" if zh else "the report: “超收收入”") in line
    assert ("报告用语：“不在报告中的话”" if zh else "a report's words: “不在报告中的话”") in line
    assert "《国务院关于实行分税制财政管理体制的决定》" in line
    assert ("<em>一般做法</em>" if zh else "<em>general practice</em>") in line
    assert 'data-law="budget-law:74"' in line and 'data-law="budget-law:76"' in line
    assert g.show_source(g.Source("report", "坚持“三保”优先"), edition).endswith("“坚持‘三保’优先”"), "nested quotes"


def test_a_source_of_no_known_kind_is_refused():
    with pytest.raises(ValueError):
        g.parse_sources("budget-law:40; our hunch")


def test_the_validator_refuses_an_entry_without_a_source_or_pinyin(data_copy):
    def edit(table):
        header = table[0]
        table[1][header.index("source")] = ""
        table[2][header.index("pinyin")] = ""
        table[3][header.index("source")] = "budget-law:40; our hunch"
        table[4][header.index("pinyin")] = "Yusuan"

    edit_csv(data_copy / "glossary.csv", edit)
    found = [str(p) for p in validate(data_copy, YEAR).problems]
    assert any("glossary.csv:2:" in p and "required" in p for p in found), found
    assert any("glossary.csv:3:" in p and "required" in p for p in found), found
    assert any("glossary.csv:4:" in p and "pattern" in p for p in found), found
    assert any("glossary.csv:5:" in p and "pattern" in p for p in found), found


def test_the_counts_by_kind_are_computed_from_the_table():
    table = rows()
    counted = g.counts(table)
    by_hand = {kind: len([row for row in table if f"{prefix}" in row["source"]])
               for kind, prefix in (("document", "《"), ("practice", "general practice"), ("report", "report:"))}
    assert {kind: counted[kind] for kind in by_hand} == by_hand
    assert counted["law"] == len([row for row in table if re.search(r"(budget-law|regulations):\d", row["source"])])


# --- the entries on the page ------------------------------------------------------------------

def test_an_entry_lists_the_editions_term_first_with_pinyin_in_english(edition):
    row = terms("预算稳定调节基金")["预算稳定调节基金"]
    first, second, *_ = g.entry(row, edition).splitlines()
    if edition.lang == "zh":
        assert (first, second) == ("预算稳定调节基金", "budget stabilization fund")
    else:
        assert (first, second) == ("budget stabilization fund", "预算稳定调节基金 (yùsuàn wěndìng tiáojié jījīn)")


def test_the_scope_entries_name_this_places_parts(edition):
    place = load_place(DEFAULT_DATA_DIR, PLACE)
    notes = {term: g.scope_note(term, edition) for term in ("市本级", "市级", "全市", "市直部门")}
    assert notes["市直部门"] == ""
    for part in place.parts:
        assert part.name(edition.lang) in notes["全市"] and part.name(edition.lang) in notes["市本级"]
    municipal = place.role("municipal")
    within = [part.name(edition.lang) for part in place.parts if part.within == municipal.code]
    others = [part.name(edition.lang) for part in place.parts if part.within != municipal.code]
    assert all(name in notes["市级"] for name in within) and not any(name in notes["市级"] for name in others)


# --- the words --------------------------------------------------------------------------------

def test_no_place_name_in_the_shared_glossary():
    place = load_place(DEFAULT_DATA_DIR, PLACE)
    names = {place.word(what, lang) for what in ("name", "short_name") for lang in ("en", "zh")}
    names |= {part.name(lang) for part in place.parts for lang in ("en", "zh")} | {part.key for part in place.parts}
    names |= {"Ningxia", "宁夏", "Yinchuan", "银川", "中卫", "Zhongwei", "沙坡头", "Shapotou"}
    text = (DEFAULT_DATA_DIR / "glossary.csv").read_text(encoding="utf-8")
    assert [name for name in names if name.lower() in text.lower()] == []


def test_pinyin_has_a_toned_syllable_for_each_character():
    """Every syllable of the glossary's terms carries a tone (none is neutral), so a term has as
    many tone marks as characters; the checks by hand below cover the readings."""
    for row in rows():
        chars = re.sub(r"[“”‘’]", "", row["term_zh"])
        assert re.fullmatch(rf"[a-zü{TONE_MARKS}' ]+", row["pinyin"]), row["pinyin"]
        assert sum(ch in TONE_MARKS for ch in row["pinyin"]) == len(chars), (row["term_zh"], row["pinyin"])


def test_the_pinyin_of_some_terms_checked_by_hand():
    checked = {"预算稳定调节基金": "yùsuàn wěndìng tiáojié jījīn", "财政自给率": "cáizhèng zìjǐlǜ",
               "债务限额": "zhàiwù xiàn'é", "一般性转移支付": "yībānxìng zhuǎnyí zhīfù", "调整预算": "tiáozhěng yùsuàn",
               "结余资金": "jiéyú zījīn", "市本级": "shì běnjí", "“三公”经费": "sān gōng jīngfèi"}
    assert {term: row["pinyin"] for term, row in terms(*checked).items()} == checked


def test_chinese_explanations_use_full_width_punctuation_and_nested_quotes():
    for row in rows():
        text = row["explanation_zh"]
        assert not HALF_WIDTH.search(text), (row["term_zh"], HALF_WIDTH.findall(text))
        assert not re.search(r"“[^”]*“", text), f"{row['term_zh']}: a quotation inside a quotation takes ‘’"


def test_the_corrections_of_issue_14_hold():
    t = terms("转移支付", "返还性收入", "调整预算", "债务限额", "再融资债券", "一般性转移支付", "市直部门", "超收收入")
    en = {term: row["explanation_en"] for term, row in t.items()}
    zh = {term: row["explanation_zh"] for term, row in t.items()}
    assert "三部分" in zh["转移支付"] and "three parts" in en["转移支付"]
    assert "base year" in en["返还性收入"] and "not this year's local collections" in en["返还性收入"]
    assert "专项转移支付" in zh["调整预算"] and "budget-law:71" in t["调整预算"]["source"]
    assert "核定" in zh["债务限额"] and "does not approve" in en["债务限额"]
    assert "regulations:45(2)" in t["债务限额"]["source"]
    assert "特殊再融资债券" in zh["再融资债券"] and "hidden debt into recorded debt" in en["再融资债券"]
    assert "tied to their field under the current management rules" in en["一般性转移支付"]
    assert "carry conditions" in en["一般性转移支付"]
    assert "narrower" not in en["市直部门"]
    assert "budget-law:66(1)" in t["超收收入"]["source"]
    added = {"市直部门", "“三项”费用", "结转资金", "结余资金", "债务风险等级", "全口径预算", "零基预算"}
    assert added <= {row["term_zh"] for row in rows()}
