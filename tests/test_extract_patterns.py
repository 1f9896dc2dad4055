"""Each wording the extractor reads, with an example sentence (fiscalbook/extract/patterns.py),
and the full-width digits that provenance now reads as numbers."""

from __future__ import annotations

import pytest

from fiscalbook.data.provenance import ReportText, fold_digits
from fiscalbook.extract import extract
from fiscalbook.extract import patterns as P

# (pattern, a sentence it must find something in)
EXAMPLES = [
    (P.PART_HEADING, "二、2024 年上半年预算执行情况"),
    (P.SECTION_HEADING, "（一）全市财政决算情况。"),
    (P.SUB_HEADING, "1.一般公共预算收支决算情况。"),
    (P.FIRST_HALF, "1—6月，全市一般公共预算收入完成7.82亿元"),
    (P.FIRST_HALF, "截至6月底，社会保险基金预算收入10.2亿元"),
    (P.FORWARD_LOOKING, "三、下半年工作措施"),
    (P.PRELIMINARY_PARAGRAPH, "在市第五届人民代表大会第三次会议上报告的预算执行情况中"),
    (P.PRELIMINARY_PARAGRAPH, "全县一般公共预算收入预计完成9.85亿元"),
    (P.YEAR_WORD, "2023年，全县"),
    (P.RANGE_MARK, "10—50 万元"),
    (P.NOT_A_UNIT, "3个月后"),
    (P.DOCUMENT_NUMBER, "卫财发[2024]21号"),
    (P.DOCUMENT_NUMBER, "县政办发〔2023〕15号"),
    (P.PLAN_NAME_PLUS, "落实“1+5+3”一揽子化债方案"),
    (P.YEAR_RANGE, "2025—2027年中期财政规划"),
    (P.DATE, "于2024年1月4日召开"),
    (P.MONTH_RANGE, "1—6月"),
    (P.TITLE, "落实《2023—2025年乡村振兴行动计划》"),
    (P.LIST_ORDINAL, "（1）力争全年"),
    (P.PCT_OF_ADJUSTED_BUDGET, "为调整预算的90.2%"),
    (P.PCT_OF_ADJUSTED_BUDGET, "占调整预算的 48.3%"),
    (P.PCT_OF_ADJUSTED_BUDGET, "完成调整预算的91.2%"),
    (P.PCT_OF_BUDGET, "为预算的99%"),
    (P.PCT_OF_BUDGET, "完成年初预算的101.2%"),
    (P.PCT_OF_BUDGET, "为年度预算的109.3%"),
    (P.PCT_OF_BUDGET, "为预算数的93.58%"),
    (P.PCT_OF_BUDGET, "占年度预算的52.1%"),
    (P.PCT_OF_TARGET, "完成年度目标任务的80.58%"),
    (P.SHARE, "占一般公共预算支出的"),
    (P.SHARE, "民生支出占比达"),
    (P.RATE, "平均担保费率"),
    (P.RATE, "支出进度"),
    (P.TARGET, "力争2024年市本级全口径预算压减不低于"),
    (P.TARGET_AFTER, "目标任务"),
    (P.REACH, "税收收入占比提高到"),
    (P.RESPECTIVELY, "分别增长5.2%、3.1%"),
    (P.LIST_INTRO, "其中：市级 13.4 亿元"),
    (P.LIST_START, "其中：公务接待费 38.2 万元"),
    (P.BASELINE, "比上年增长3.4%"),
    (P.BASELINE, "较2019年决算数下降20.2%"),
    (P.BASELINE, "比预计数增加0.06亿元"),
    (P.BASELINE, "比上年同期减少1.06亿元"),
    (P.RISE, "比上年增收0.52亿元"),
    (P.FALL, "比上年减收0.31亿元"),
    (P.CHANGE_VERB, "较年初下降"),
    (P.FINAL_FIGURE, "决算数为23.17亿元"),
    (P.LEADING_NOISE, "其中税收收入"),
    (P.LEADING_NOISE, "加上上级补助收入"),
    (P.TRAILING_NOISE, "一般公共预算收入完成"),
    (P.ASCII_CLAUSE_MARK, "汇总市级和各区决算,全市一般公共预算收入"),
    (P.REPORT_YEAR, "关于2022年全市财政决算的报告"),
    (P.REPORT_YEAR, "2023年全市及市本级财政决算（草案）和2024年上半年财政预算执行情况的报告"),
    (P.REPORT_YEAR, "现将2021年度市级财政决算情况报告如下"),
    (P.PCT_OF_ADJUSTED_BUDGET, "占调整预算96.1%"),
    (P.PCT_OF_ADJUSTED_BUDGET, "为调整后预算的95%"),
    (P.PCT_OF_BUDGET, "完成年初预算101.3%"),
    (P.BUDGET_DEFINITION, "为调整预算(以下简称“预算”)的92.5%"),
    (P.BUDGET_DEFINITION, "为调整预算（以下简称“预算”）的92.5%"),
    (P.DEFINITION_ASIDE, "比2021年下降(以下简称“下降”)15.6%"),
    (P.DEFINITION_ASIDE, "比2021年下降（以下简称“下降”，下同）15.6%"),
    (P.DEFINITION_ASIDE, "市级（下同）"),
    (P.TRAILING_ASIDE, "比上年下降（按可比口径）"),
    (P.SUMMARY_OF_PARTS, "汇总市级和各区决算，全市一般公共预算收入"),
    (P.SUMMARY_OF_PARTS, "市本级和各县区合计，一般公共预算收入"),
    (P.SUMMARY_OF_PARTS, "汇总县本级和各乡镇决算"),
    (P.ASIDE, "市级(不包括区级,下同)一般公共预算收入"),
    (P.SHORT_ASIDE, "债务(转贷)收入10.99亿元"),
    (P.LIST_HEADING, "全县一般公共预算收支情况如下："),
    (P.CONTINUATION, "加上转移性收入49.2亿元"),
    (P.CONTINUATION, "主要支出项目:一般公共服务支出8.59亿元"),
    (P.BUDGET_FIGURE, "批准收入调整预算"),
    (P.COMPARED_BUDGET, "完成区人大常委会批准收入调整预算"),
    (P.PCT_OF_ADJUSTED_BUDGET_NAMED, "完成区人大常委会批准收入调整预算的"),
    (P.PCT_OF_BUDGET_NAMED, "完成县人大批准的年初预算的"),
    (P.BARE_MONEY, "亿，增长"),
    (P.LABEL_VERBS, "区人大批准年初一般公共预算收入"),
]

# (pattern, a sentence it must find nothing in): the wordings a pattern must leave to another
NON_EXAMPLES = [
    (P.ASIDE, "市级一般公共预算收入"),
    (P.SHORT_ASIDE, "政府或有债务(负有担保和救助责任的债务)余额"),
    (P.LIST_HEADING, "全县一般公共预算收入完成9.85亿元"),
    (P.CONTINUATION, "加强财政资源统筹"),
    (P.CONTINUATION, "加大争取资金力度"),
    (P.BUDGET_FIGURE, "一般公共预算收入预计完成"),
    (P.COMPARED_BUDGET, "一般公共预算收入预计完成"),
    (P.PCT_OF_ADJUSTED_BUDGET_NAMED, "完成年初预算的"),
    (P.BARE_MONEY, "万人次"),
    (P.BARE_MONEY, "万亩"),
    (P.LABEL_VERBS, "上级补助收入"),
    (P.REPORT_YEAR, "关于2024年上半年预算执行情况的报告"),
    (P.REPORT_YEAR, "2023年，全县政府性基金预算收入完成"),
    (P.PCT_OF_BUDGET, "占调整预算的"),
    (P.PCT_OF_ADJUSTED_BUDGET, "完成年初预算的"),
    (P.SHARE, "占调整预算"),
    (P.DEFINITION_ASIDE, "（含沙坡头区）"),
    (P.DEFINITION_ASIDE, "（同比增长5%）"),
    (P.SUMMARY_OF_PARTS, "市级一般公共预算收入"),
]


@pytest.mark.parametrize(("pattern", "sentence"), EXAMPLES, ids=[s for _, s in EXAMPLES])
def test_pattern_reads_its_example(pattern, sentence):
    assert pattern.search(fold_digits(sentence)), f"{pattern.pattern} finds nothing in {sentence}"


@pytest.mark.parametrize(("pattern", "sentence"), NON_EXAMPLES, ids=[s for _, s in NON_EXAMPLES])
def test_pattern_leaves_its_non_example(pattern, sentence):
    assert not pattern.search(fold_digits(sentence)), f"{pattern.pattern} finds something in {sentence}"


def test_every_pattern_has_an_example():
    compiled = {name for name, value in vars(P).items() if hasattr(value, "search") and name.isupper()}
    covered = {name for name, value in vars(P).items() if any(value is p for p, _ in EXAMPLES)}
    assert compiled - covered == set()


def test_full_width_digits_are_number_tokens():
    report = ReportText("收入完成２３．１７亿元，－９，５７１万元，共３，５个，1,256.25万元")
    assert [t.text for t in report.tokens] == ["23.17", "-9,571", "3", "5", "1,256.25"]
    assert len(report.folded) == len(report.flat)


def test_full_width_figure_keeps_its_quote_verbatim():
    draft = extract("全市地方一般公共预算收入完成２３．１７亿元，同比增长６．２％。", 2023)
    first, growth = draft.facts
    assert (first["value"], first["unit"], first["measure"]) == ("23.17", "亿元", "amount")
    assert "２３．１７亿元" in first["quote"]
    assert (growth["value"], growth["unit"], growth["measure"]) == ("6.2", "%", "yoy_pct")


@pytest.mark.parametrize(("sentence", "value", "unit", "measure"), [
    ("全市一般公共预算收入完成12.35亿元，比上年下降2.1%。", "-2.1", "%", "yoy_pct"),
    ("全区非税收入2.52亿元，比上年减收0.31亿元。", "-0.31", "亿元", "yoy_amount"),
    ("不良贷款率2.6%，较年初下降0.02个百分点。", "-0.02", "个百分点", "change_pp"),
    ("市本级“三公”经费较2019年决算数下降20.2%。", "-20.2", "%", "change_pct"),
    ("全市民生支出占比达75%。", "75", "%", "share"),
    ("城镇燃气用户“三件套”加装率100%。", "100", "%", "rate"),
    ("力争全年收入增长5%以上。", "5", "%", "target"),
    ("力争收入增长5%，税收收入占比提高到70%。", "70", "%", "target"),
    ("全县政府性基金预算收入减收2.14亿元，主要是土地出让收入减少2.3亿元。", "-2.3", "亿元", "yoy_amount"),
    ("全市化解债务32.32亿元，完成年度目标任务的80.58%。", "80.58", "%", "pct_of_target"),
    ("增值税留抵退税转移支付收入 -9,571 万元。", "-9571", "万元", "amount"),
    ("城乡居民基础养老金每人每月增长15元。", "15", "元", "change_amount"),
])
def test_measure_and_sign(sentence, value, unit, measure):
    fact = extract(sentence, 2023).facts[-1]
    assert (fact["value"], fact["unit"], fact["measure"]) == (value, unit, measure)


def test_range_gives_minimum_and_maximum():
    facts = extract("对认定的企业分别给予10—50万元奖补资金支持。", 2023).facts
    assert [(f["value"], f["measure"]) for f in facts] == [("10", "range_min"), ("50", "range_max")]


def test_qualifier_per_person_per_month():
    fact = extract("城乡居民基础养老金每人每月增长15元。", 2023).facts[0]
    assert (fact.get("qualifier_en"), fact.get("qualifier_zh")) == ("per person per month", "每人每月")


def test_text_without_figures_or_headings():
    draft = extract("没有数字。3个月后，第5名，5G网络。", 2023)
    assert draft.facts == []
    assert {(e["token"], e["category"]) for e in draft.exclusions} == {("5", "list_ordinal"), ("5", "proper_name")}
    messages = [m for _, _, m in draft.review]
    assert any("'3' followed by '个月" in m for m in messages)
    assert any("no section headings" in m for m in messages)
