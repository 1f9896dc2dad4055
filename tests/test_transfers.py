"""fiscalbook.story.transfers on the 2023 report: the general transfer lines grouped by their names,
and the shares issue 14 computed by hand (49.1 %, 52.0 % with the rural-revitalisation link funds)."""

import pytest
from conftest import REPO

from fiscalbook.story import transfers as tr
from fiscalbook.story.chapter import Chapter


@pytest.fixture(scope="module")
def ch() -> Chapter:
    return Chapter(2023, "en", REPO / "data", "transfers")


def test_groups_by_name(ch: Chapter) -> None:
    lines = tr.grouped(ch.data.select("city.transfers.general_"))
    counts = lines["group"].value_counts().to_dict()
    assert counts == {"joint": 11, "other": 6, "relief": 2, "area": 1, "link": 1}
    assert tr.group_of("重点生态功能区转移支付收入") == "area"
    assert tr.group_of("均衡性转移支付收入") == "other"


def test_shares_by_hand(ch: Chapter) -> None:
    lines = ch.data.select("city.transfers.general_")
    total = ch.value("city.transfers.general")
    assert round(tr.group_share(lines, ("joint",), total), 1) == 49.1  # 276,589 / 563,273
    assert round(tr.group_share(lines, ("joint", "link"), total), 1) == 52.0  # + 16,453
    assert round(tr.group_share(lines, ("other",), total), 1) == 45.6


def test_names(ch: Chapter) -> None:
    assert tr.sector(ch, "city.transfers.general_health") == "health care"
    assert tr.group_name("other", "zh") == "其他项目：名称中未写明用途"


def test_names_and_label_notes() -> None:
    from conftest import REPO

    from fiscalbook.story.chapter import Chapter
    for lang in ("en", "zh"):
        ch = Chapter(2023, lang, REPO / "data", "transfers")
        general = ch.data.select("city.transfers.general_")
        assert "乡村振兴" in tr.names(ch, general, "link") or "revitali" in tr.names(ch, general, "link")
        notes = tr.label_notes(ch, list(general["key"]))
        assert len(notes) == 1 and "文化旅游教育与传媒" in notes[0]
        assert "原文如此" in notes[0] if lang == "zh" else notes[0].startswith("Culture")
        rebates = tr.label_notes(ch, list(ch.data.select("city.transfers.rebate_")["key"]))
        assert len(rebates) == 1 and "所得税基数返还收入" in rebates[0]
