"""A second place, end to end: Changning District's 2023 report (three real passages of it,
reviewed data in data/changning/) builds into a book of its own, under changning/2023/, in
which no word or figure of Zhongwei appears, and the places page sets the two side by side."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest
from conftest import PLACE, REPO, YEAR

from fiscalbook.build.book import build
from fiscalbook.data.load import load_year
from fiscalbook.data.places import available_places, load_place
from fiscalbook.data.validate import validate

OTHER = "changning"
DATA = REPO / "data"


def page_text(path: Path) -> str:
    text = re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", "", path.read_text(encoding="utf-8"))
    text = re.sub(r'title="([^"]*)"', r"> \1 <", text)  # tooltips are read too
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def zhongwei_words() -> set[str]:
    return load_place(DATA, PLACE).words()


def zhongwei_figures() -> set[str]:
    """The distinctive figures of Zhongwei's report: values with four or more digits written."""
    with (DATA / PLACE / str(YEAR) / "facts.csv").open(encoding="utf-8") as handle:
        values = {row["value"].lstrip("-") for row in csv.DictReader(handle)}
    return {v for v in values if len(v.replace(".", "")) >= 4 and not re.fullmatch(r"(19|20)\d\d", v)}


@pytest.fixture(scope="module")
def other_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("other-place")
    report = build(YEAR, ["en"], DATA, root / "site", build_dir=root / "build", pdf=False, place=OTHER)
    assert report.built == ["en"]
    return root / "site"


def test_the_second_place_is_real_data_that_validates() -> None:
    assert OTHER in available_places(DATA) and PLACE in available_places(DATA)
    assert validate(DATA, YEAR, OTHER).problems == []
    place = load_place(DATA, OTHER)
    assert place.name("zh") == "长宁区" and place.role("whole").code == "全区"
    year = load_year(YEAR, DATA, OTHER)
    revenue = year.fact("whole.general.revenue")
    assert revenue.value == 168.53 and year.report.find_all(revenue.quote)


def test_no_word_or_figure_of_zhongwei_in_the_other_place_s_book(other_site) -> None:
    pages = sorted((other_site / OTHER / str(YEAR) / "en" / "notebooks").glob("*.html"))
    assert len(pages) >= 15
    words, figures = zhongwei_words(), zhongwei_figures()
    found = []
    for page in pages:
        if page.stem == "18_places":  # the page that sets the places side by side, by design
            continue
        # a commit or a sha256 digest is hex: it can hold any run of digits (the data package's hash
        # held 98114, a Zhongwei figure, in one CI run), and is not a figure the page states
        text = re.sub(r"\b[0-9a-f]{40,64}\b", " ", page_text(page))
        found += [f"{page.stem}: {w}" for w in words if re.search(re.escape(w), text, re.IGNORECASE)]
        found += [f"{page.stem}: {f}" for f in figures if re.search(rf"(?<![\d.]){re.escape(f)}(?![\d.])", text)]
    assert found == []


def test_the_other_place_s_book_names_itself(other_site) -> None:
    overview = page_text(other_site / OTHER / str(YEAR) / "en" / "notebooks" / "00_intro.html")
    assert "Changning" in overview
    landing = (other_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{OTHER}/{YEAR}/en/index.html"' in landing and "Changning District" in landing


def test_the_places_page_sets_both_side_by_side(other_site) -> None:
    page = page_text(other_site / OTHER / str(YEAR) / "en" / "notebooks" / "18_places.html")
    assert "Zhongwei" in page and "Changning District" in page
    assert "85.66%" in page  # Changning's self-sufficiency: 168.53 / 196.74, range 85.657–85.666
    assert "10.94%" in page  # Zhongwei's, computed on its own data, at the digits its range supports
    assert "为预算的105.15%" in page  # each figure with its own source sentence


def test_the_table_says_final_accounts_only_when_every_figure_it_rests_on_is_final():
    from types import SimpleNamespace

    from fiscalbook.story import places
    from fiscalbook.story.chapter import Chapter

    here = Chapter(2023, "en", REPO / "data", "places", place="zhongwei")
    comparison = places.compare(here, lambda other: Chapter(2023, "en", REPO / "data", "places", place=other))
    assert places.stated_keys(here, "derived", "self_sufficiency.whole") == ["whole.general.revenue",
                                                                            "whole.general.expenditure"]
    assert places.all_final(comparison)
    # a first-half figure among them, and the sentence is not said
    first_half = SimpleNamespace(has=lambda key: True, fact=lambda key: SimpleNamespace(period="h1"))
    assert not places.all_final(places.Comparison([first_half], [("fact", "whole.general.revenue.yoy_pct")], []))
