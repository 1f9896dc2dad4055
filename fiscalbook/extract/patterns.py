"""The wordings the extractor reads, in one place.

Every pattern here has an example sentence in ``tests/test_extract_patterns.py``. Patterns run
on the report *flattened* (whitespace deleted) and *folded* (full-width digits as ASCII, see
``fiscalbook.data.provenance.fold_digits``), so "23.17 亿元", "23.17亿元" and "２３．１７亿元" read
alike and an offset in the folded text is an offset in the flattened report.
"""

from __future__ import annotations

import re

# --- the structure of a report -----------------------------------------------------------

CN_NUMERAL = "一二三四五六七八九十"
# Headings at the start of a line: 一、 (part), （一） (section), 1. (sub-section).
PART_HEADING = re.compile(rf"[*#\s]*([{CN_NUMERAL}]+)、")
SECTION_HEADING = re.compile(rf"[*#\s]*[（(]([{CN_NUMERAL}]+)[）)]")
SUB_HEADING = re.compile(r"[*#\s]*(\d{1,2})[.．、](?![0-9０-９])")
SENTENCE_END = "。！？"
CLAUSE_MARKS = "，；：、。！？"
# ASCII marks end a clause too, except a comma between digits (a thousands separator).
ASCII_CLAUSE_MARK = re.compile(r"[;:]|,(?!\d)")
OPEN_PAREN, CLOSE_PAREN = "（(", "）)"

# A part's title tells its period: 二、2024年上半年预算执行情况 / 三、下半年工作措施.
FIRST_HALF = re.compile(r"上半年|1[—–\-~～至]6月|1至6月|截至6月(?:底|末)|截止6月(?:底|末)|今年以来")
FORWARD_LOOKING = re.compile(r"下半年|工作措施|工作安排|工作思路|工作打算|明年|预算草案")
PRELIMINARY_PARAGRAPH = re.compile(r"预计数|预计完成|预计执行|人民代表大会[^。]{0,20}上报告的预算执行情况")
YEAR_WORD = re.compile(r"(\d{4})年(?!\d)")
# The year a report is about, from its title or opening: the year of the final accounts (决算)
# or of a full year's execution (预算执行, 财政收支), never a first half's (2024年上半年…).
REPORT_YEAR = re.compile(r"(\d{4})年(?:度)?(?:(?!上半年|1[—–\-~～至]6月)[^\d，。；,;]){0,16}?"
                         r"(?:决算|预算执行|财政收支)")

# --- units ---------------------------------------------------------------------------------

MONEY_UNITS = frozenset({"元", "万元", "亿元"})
# 5.1 亿 and 100 万 without 元 are amounts in 亿元 and 万元 (not 万人, 万亩: those are units of their own).
BARE_MONEY = re.compile(r"(亿|万)(?![人户亩吨张辆套平公千个件次名座所家项条类起册台株只头元])")
QUANTITY_UNITS = frozenset({"公里", "万亩", "亩", "万平方米", "平方米", "吨", "万吨"})
# Written forms that mean an allowed unit.
UNIT_SPELLINGS = {"％": "%", "个百分点": "个百分点", "百分点": "个百分点"}
# A unit's characters starting another word: 3个月 is a duration, not 3 个.
NOT_A_UNIT = re.compile(r"个月|个工作日|元旦")
RANGE_MARK = re.compile(r"[—–~～至\-]")

# --- numbers that are not figures ----------------------------------------------------------

DOCUMENT_NUMBER = re.compile(r"[〔\[［【](\d{4})[〕\]］】](\d+)号")
PLAN_NAME_PLUS = re.compile(r"\d+(?:\+\d+)+")  # “1+5+3” 一揽子化债方案
YEAR_RANGE = re.compile(r"(\d{4})[—–\-~～至](\d{4})年")
DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?")
MONTH_RANGE = re.compile(r"(\d{1,2})[—–\-~～至](\d{1,2})月")
TITLE = re.compile(r"《[^》]*》")
LIST_ORDINAL = re.compile(r"[（(](\d{1,2})[）)]|第(\d+)[、.．]?")

# --- what a figure is (its measure) --------------------------------------------------------
# Each cue is searched in the words between the previous figure and this one; the first that
# matches, in this order, decides.

# A share of a budget: 为/占/完成 + the budget measure (+ 的 when written). 调整预算 is the budget
# as adjusted during the year; 年初预算 / 年度预算 / 预算 the budget the congress passed.
PCT_OF_ADJUSTED_BUDGET = re.compile(r"(?:为|占|完成|达到?)(?:变动|调整后?的?)预算(?:数)?(?:的|(?=\d)|$)")
PCT_OF_BUDGET = re.compile(r"(?:为|占|完成|达到?)(?:年度|年初|全年)?预算(?:数)?(?:的|(?=\d)|$)|预算完成率|预算执行率")
# A budget named with its amount before the share: 完成…批准收入调整预算37.5亿元的104.3%.
COMPARED_BUDGET = re.compile(r"(?:完成|为|占)[^，。；,;\d]{0,30}?预算(?:数)?(?:为)?$")
PCT_OF_ADJUSTED_BUDGET_NAMED = re.compile(r"(?:完成|为|占)[^，。；,;\d]{0,30}?(?:变动|调整后?的?)预算(?:数)?的$")
PCT_OF_BUDGET_NAMED = re.compile(r"(?:完成|为|占)[^，。；,;\d]{0,30}?(?:年度|年初|全年)?预算(?:数)?的$")
# A report may define its word for a budget: 调整预算(以下简称“预算”): its later bare 预算 means that.
BUDGET_DEFINITION = re.compile(r"(调整后?的?预算|变动预算|年初预算|年度预算)[（(](?:以下|下文)?简称"
                               r"[“\"'‘「]?(预算数?)[”\"'’」]?[^（）()]{0,6}[）)]")
# Asides that define or annotate a word and say nothing of the figure: (以下简称“下降”), （下同）.
DEFINITION_ASIDE = re.compile(r"[（(](?:(?:以下|下文)(?:简称|称)|简称|下同|同上)[^（）()\d]{0,20}[）)]")
ASIDE = re.compile(r"[（(][^（）()]*[）)]")  # a closed bracket and its words
SHORT_ASIDE = re.compile(r"[（(]([^（）()]{1,3})[）)]")  # 债务(转贷)收入 names 债务转贷收入
TRAILING_ASIDE = re.compile(r"[（(][^（）()\d]{0,30}[）)]$")
PCT_OF_TARGET = re.compile(r"(?:完成|为|占)(?:年度|全年)?目标(?:任务)?的|目标完成率")
SHARE = re.compile(r"占(?!调整|变动预算|年度预算|年初预算|预算)(.{1,30}?)的?(?:比重|比例)?(?:为|达到?)?$"
                   r"|占比(?:为|达到?)?|比重(?:为|达到?)?")
RATE = re.compile(r"(率|进度)(?:为|达到?)?$")
TARGET = re.compile(r"力争|争取|目标|不低于|不超过|不高于|控制在")
REACH = re.compile(r"(?:提高|提升|增加|增长|降低|下降|减少|压减|控制)(?:到|至)$|达到$")  # a level to reach
TARGET_AFTER = re.compile(r"^(?:以内|以下|以上|左右)?(?:的)?目标|^以内")
RESPECTIVELY = re.compile(r"分别")
LIST_INTRO = re.compile(r"其中|包括|分别为|主要是")
TITLE_SENTENCE_MAX = 12  # characters of a sentence that is a title (1.本级征收完成数。)
LIST_HEADING = re.compile(r"如下[：:]")  # …收支情况如下： introduces a list
# A sentence that continues the account of the one before, without a subject of its own.
# So does one opening with a short list heading (主要支出项目：一般公共服务支出…).
CONTINUATION = re.compile(r"(?:再)?加上|加(?=上级|上解)|减去|扣除|收入总[计量]|支出总[计量]"
                          r"|[^\d，。；,;：:]{0,8}(?:项目|情况|构成)[：:]")
LIST_START = re.compile(r"其中[：:，,]?")
# Items that are limits: a figure said as 控制在…限额…以内 is the limit, not a target.
LIMIT_ITEMS = frozenset({"ceiling"})

# A change: the baseline (比上年 …) and the direction (增长 / 下降 …).
BASELINE = re.compile(r"(?:同比|比上年同期|较上年同期|比上年|较上年|比去年|较去年|与上年相比|上年同期"
                      r"|(?:比|较)(\d{4})年(?:度)?(?:决算数?|预算数?|同期)?"
                      r"|(?:比|较)(预计数|年初|预算数?|上年末|年初预算))")
RISE = re.compile(r"增长|增加|增收|增支|调增|提高|上升|提升|多")
FALL = re.compile(r"下降|减少|减收|减支|调减|降低|回落|下滑|收窄|少")
CHANGE_VERB = re.compile(r"(增长|增加|增收|增支|调增|提高|上升|提升|下降|减少|减收|减支|调减|降低|回落|下滑|收窄)"
                         r"(?:了)?$")
# 增收/减收/增支/减支 name a change against the previous year even without 比上年; 调增/调减 a
# change to the budget (change_amount), never year-on-year.
YOY_VERBS = frozenset({"增收", "减收", "增支", "减支"})
ADJUSTMENT_VERBS = frozenset({"调增", "调减"})
# 提升/提高 right after a noun with no baseline names a project (第二人民医院整体能力提升 2 亿元).
PROJECT_VERBS = frozenset({"提升", "提高"})
# A budget figure (收入调整预算37.5亿元, 年初预算数为…): never a preliminary estimate.
BUDGET_FIGURE = re.compile(r"(?:调整|年初|年度)预算(?:数)?(?:为)?$|预算数(?:为)?$")
FINAL_FIGURE = re.compile(r"决算数?为|决算数?")  # 决算数为23.17亿元, in a paragraph of preliminary figures

# Qualifiers kept beside a figure (the optional qualifier_en / qualifier_zh columns).
QUALIFIERS = (
    (re.compile(r"每人每月"), "per person per month", "每人每月"),
    (re.compile(r"每人每年"), "per person per year", "每人每年"),
    (re.compile(r"人均"), "per person", "人均"),
    (re.compile(r"(?:比|较)(\d{4})年(?:度)?决算数?"), "against the {0} final accounts", "较{0}年决算"),
    (re.compile(r"(?:比|较)年初"), "against the start of the year", "较年初"),
    (re.compile(r"(?:比|较)预计数"), "against the preliminary estimate", "较预计数"),
)

# --- the subject of a figure ---------------------------------------------------------------
# A clause that sums parts announces the whole: 汇总市级和各区决算 / 市本级和各县区合计 → 全市.
# The group is the level whose whole it is (市 → 全市).
SUMMARY_OF_PARTS = re.compile(
    r"(?:汇总|合并)[^，。；]{0,3}?([市县区州盟旗])(?:本级|级)(?:和|及|与|、)(?:各|所属|下辖)?[^，。；]{0,6}?"
    r"(?:县区|区县|县市|区|县|市|乡镇|乡|镇|街道|旗)(?:级)?(?:决算|预算|数据|收支)?(?:数)?"
    r"|([市县区州盟旗])(?:本级|级)(?:和|及|与|、)[^，。；]{1,10}?(?:汇总|合计|加总)(?:后)?")
# Words around an item's name that are not part of it.
LEADING_NOISE = re.compile(
    r"^(?:其中|包括|另外|此外|同时|加上(?![级解])|加(?=上级|上解)|减去|扣除|全年|今年|上半年|1[—–\-]6月|截至\d{1,2}月(?:底|末)|累计|共计|合计|总计|"
    r"共|已|\d{4}年(?:度|底|末)?|截至\d{4}年(?:底|末)?|截至|截止|在|对|为|向)+")
# Verbs and phrases that end the words before an item's name (批准 年初一般公共预算收入, 从征收部门来看).
LABEL_VERBS = re.compile(r"批准|通过|审议|实际完成|预计完成|完成|实现|来看|看")
LABEL_MAX = 24  # characters of a noun phrase kept as a label; longer words keep the vocabulary's label
# Punctuation a label never starts or ends with (a clause mark, a bracket or quote left open).
LABEL_EDGE_PUNCT = "，,、；;：:。.！!？?·…—–-~～ \u3000"
PAIRS = {"（": "）", "(": ")", "“": "”", "‘": "’", "《": "》", "【": "】", "「": "」", "[": "]"}
TRAILING_NOISE = re.compile(
    r"(?:预计)?(?:完成|实现|达到|达|为|是|共|累计|合计|总额为|总额|决算数为|决算数|决算为|预计|约|共计|"
    r"已经|已|(?<!收入)(?<!支出)总计)+$")  # 收入总计 is an item (the total), not 总计 + a number
