"""Draft a place descriptor from a report, for a person to review: the place's Chinese name
(from the title, "关于中卫市2023年…" → 中卫市, else the name the text uses most before 本级 /
级 / 财政), its level guessed from the name's suffix, its province-level region, and its
parts: the districts, counties and county-level cities the text names as governments with
figures of their own (中宁县 7.11 亿元, 沙坡头区收入, 含沙坡头区, 市本级、中宁县). A level of
the place itself (市本级, 市级) is a scope, not a part.

    draft_place(text) -> {"id": "", "name": {"zh": "中卫市", "en": ""}, "level": ...,
                          "region": {"zh": ..., "en": ...}, "parts": [...], "review": [...]}

English names and the id are left empty (no romanisation is guessed); ``review`` lists what a
person must check or write.
"""

from __future__ import annotations

import re
from collections import Counter

from fiscalbook.data.provenance import ReportText

CJK = "\u4e00-\u9fff"
# Suffixes of a place's name, longest first, with the level they suggest.
LEVELS = (("自治州", "autonomous prefecture"), ("自治县", "county"), ("自治旗", "county"),
          ("市", "prefecture-level city"), ("区", "district"), ("县", "county"), ("旗", "county"),
          ("盟", "league"), ("州", "prefecture"))
PART_KINDS = {"区": "district", "县": "county", "旗": "county", "市": "city"}
TITLE_NAME = re.compile(rf"关于([{CJK}]{{1,12}}?(?:自治州|自治县|自治旗|市|区|县|盟|州|旗))"
                        r"(?=\d{4}年|本级|市级|全市|全县|全区|财政)")
PROVINCE_PREFIX = re.compile(rf"^[{CJK}]{{2,10}}?(?:省|自治区)")
# A place's own level in the text: 中卫市本级, 中卫市级, 中卫市财政.
TEXT_NAME = re.compile(r"(?:市|州|盟)(?=本级|级|财政|人民政府|政府|委)")
# A name ends at its suffix only when the suffix does not begin another word (区域, 市场, 县域);
# 市 before 本级 / 级 / 直 is the place's own level (市本级), not a county-level city.
PART_SUFFIX = re.compile(r"(?:自治县|区|县|旗)(?![域场间划位块别县区])|市(?![域场本级直委政区县])")
# Words a name may follow in running text: 补助沙坡头区, 含沙坡头区, 其中中宁县.
BEFORE_NAME = ("补助", "其中", "包括", "以及", "含")
# After a part's name, the words that make it a government with figures: a figure, a fiscal
# word, a list of parts, or the close of 含…).
AS_GOVERNMENT = re.compile(r"[\d、）)]|和|及|收入|支出|一般公共|政府性|社会保险|国有资本|地方|财政|本级|完成|实现"
                           r"|债务|新增|分别")
# Words ending in a level that are not names: 自治区 (the province), 各区, 全市, 城区, 园区.
NOT_NAMES = frozenset("自治 城 市 县 区 辖 社 园 景 地 山 老 新 开发 示范 功能 保护 试验 工业园 高新 小 "
                      "民族地 革命老 城乡社 县市 市县 省市 乡".split())
NOT_NAME_START = tuple("各全本该每其辖两三四五六七八九十")
# Words no place name holds: a time (上半年全市), a whole (全), a verb (按照区、市党委).
NOT_IN_NAME = re.compile(r"年|月|全|各|按照|根据|关于|落实|完善|明确|开展|推进|支持|实施|提升|加强")
# Province-level regions: full name, short name, English.
_REGIONS = """
北京市 北京 Beijing
天津市 天津 Tianjin
河北省 河北 Hebei
山西省 山西 Shanxi
内蒙古自治区 内蒙古 Inner Mongolia Autonomous Region
辽宁省 辽宁 Liaoning
吉林省 吉林 Jilin
黑龙江省 黑龙江 Heilongjiang
上海市 上海 Shanghai
江苏省 江苏 Jiangsu
浙江省 浙江 Zhejiang
安徽省 安徽 Anhui
福建省 福建 Fujian
江西省 江西 Jiangxi
山东省 山东 Shandong
河南省 河南 Henan
湖北省 湖北 Hubei
湖南省 湖南 Hunan
广东省 广东 Guangdong
广西壮族自治区 广西 Guangxi Zhuang Autonomous Region
海南省 海南 Hainan
重庆市 重庆 Chongqing
四川省 四川 Sichuan
贵州省 贵州 Guizhou
云南省 云南 Yunnan
西藏自治区 西藏 Tibet Autonomous Region
陕西省 陕西 Shaanxi
甘肃省 甘肃 Gansu
青海省 青海 Qinghai
宁夏回族自治区 宁夏 Ningxia Hui Autonomous Region
新疆维吾尔自治区 新疆 Xinjiang Uygur Autonomous Region
"""
REGIONS = tuple(tuple(line.split(" ", 2)) for line in _REGIONS.strip().splitlines())


def draft_place(text: str) -> dict:
    """A place descriptor drafted from a report's text, with what a person must check."""
    flat = ReportText(text).folded
    review: list[str] = []
    name = _place_name(flat, review)
    level = _level(name, review)
    parts = [part for part in _parts(flat) if not (name and name in part["zh"])]
    if level == "prefecture-level city" and not any(p["kind"] in ("district", "county") for p in parts):
        review.append(f"level: {name} guessed prefecture-level from 市, but the text names no district or county "
                      "of it: it may be a county-level city")
    review += [f"parts: check that {p['zh']} is a part of {name or 'the place'} and write its English name"
               for p in parts]
    region = _region(flat, review)
    review.append("id and English name: write them (no romanisation is guessed)")
    return {"id": "", "name": {"zh": name, "en": ""}, "level": level, "region": region, "parts": parts,
            "review": review}


def _place_name(flat: str, review: list[str]) -> str:
    if m := TITLE_NAME.search(flat[:200]):
        name = PROVINCE_PREFIX.sub("", m.group(1)) or m.group(1)  # 关于宁夏回族自治区中卫市… → 中卫市
        return name
    # Each 2- and 3-character stem before the level counts; the true stem is the longest
    # of those seen most (X中卫市 splits over many X, 石嘴山市 counts as often as 嘴山市).
    counts = Counter(flat[m.start() - n : m.end()] for m in TEXT_NAME.finditer(flat) for n in (2, 3)
                     if re.fullmatch(f"[{CJK}]+", flat[max(0, m.start() - n) : m.start()]))
    counts = Counter({name: n for name, n in counts.items() if not name.startswith(NOT_NAME_START)})
    if not counts:
        review.append("name: the title names no place and the text no 市/州/盟 with 本级 or 财政: write it")
        return ""
    name = max(counts, key=lambda n: (counts[n], len(n)))
    review.append(f"name: the title names no place; {name} is the name the text uses most before 本级/级/财政: check")
    return name


def _level(name: str, review: list[str]) -> str:
    level = next((lv for suffix, lv in LEVELS if name.endswith(suffix)), "")
    if name and not level:
        review.append(f"level: no level suffix in {name}: write it")
    return level


def _parts(flat: str) -> list[dict[str, str]]:
    """The districts, counties and county-level cities named as governments, in order of
    first mention. A name ends at its suffix; it starts where some mention of it follows
    punctuation or a word such as 补助 / 含."""
    names: dict[str, bool] = {}  # name -> seen as a government
    for m in PART_SUFFIX.finditer(flat):
        name = _name_before(flat, m.start(), m.group())
        if name is not None:
            names[name] = names.get(name, False) or bool(AS_GOVERNMENT.match(flat, m.end()))
    parts = []
    for name, as_government in names.items():
        if as_government:
            suffix = name[-1]
            parts.append({"scope": name, "zh": name, "en": "", "kind": PART_KINDS[suffix]})
    return parts


def _name_before(flat: str, at: int, suffix: str) -> str | None:
    """The name ending in ``suffix`` at ``at``: the shortest 1–4 characters before it that
    follow punctuation or a word such as 含 (not a digit: 2023年全市 is no name), unless they
    are a common word (城区, 各区, 自治区)."""
    for length in range(1, 5):
        start = at - length
        stem = flat[start:at]
        if start < 0 or not re.fullmatch(f"[{CJK}]+", stem):
            return None
        before = flat[max(0, start - 2) : start]
        if start == 0 or not re.match(rf"[{CJK}0-9A-Za-z]", before[-1:]) or before.endswith(BEFORE_NAME):
            if (stem in NOT_NAMES or stem.startswith(NOT_NAME_START) or stem.endswith(("自治", "本", "市", "县"))
                    or NOT_IN_NAME.search(stem)):
                return None
            return stem + suffix
    return None


def _region(flat: str, review: list[str]) -> dict[str, str]:
    """The province-level region the text names most (full names count before short ones)."""
    counts = Counter()
    for full, short, english in REGIONS:
        counts[(full, english)] = 2 * flat.count(full) + flat.count(short)
    (full, english), n = counts.most_common(1)[0]
    if n == 0:
        review.append("region: the text names no province or autonomous region: write it")
        return {"zh": "", "en": ""}
    review.append(f"region: {full} guessed from the text's mentions: check")
    return {"zh": full, "en": english}
