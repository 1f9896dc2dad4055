"""Shared fixtures: the real data folder, writable copies of it to break on purpose, and the
built site (built once per test session, for the build and the browser tests)."""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fiscalbook.data.load import DEFAULT_DATA_DIR, Year, load_year
from fiscalbook.data.paths import DEFAULT_PLACE

REPO = Path(__file__).resolve().parent.parent
YEAR = 2023  # the report year the repository ships; tests of the shipped data use it
PLACE = DEFAULT_PLACE  # the place whose data the repository ships
SITE = REPO / "_build" / "html"  # where `make book` publishes


@pytest.fixture(scope="session")
def site() -> Path:
    """The published site for the shipped year, both editions, built (or confirmed current)
    once per test session and shared by every test that reads the site."""
    from fiscalbook.build.book import build
    from fiscalbook.story.fmt import LANGS

    build(YEAR, LANGS, DEFAULT_DATA_DIR, SITE)
    return SITE


@pytest.fixture(scope="session")
def year() -> Year:
    return load_year(YEAR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def edit_csv(path: Path, edit: Callable[[list[list[str]]], None]) -> None:
    rows = read_rows(path)
    edit(rows)
    write_rows(path, rows)


def missing_glyph_figure():
    """A figure titled with a character the CJK font lacks, under style.apply's own warning
    filter (pytest's is set aside); call inside warnings.catch_warnings()."""
    import warnings

    from fiscalbook.story import style

    warnings.resetwarnings()
    style.apply()
    fig, ax = style.new_figure()
    ax.set_title("\U0001f600 has no glyph in the CJK font")
    return fig


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """What a chapter displays (paragraphs, readings, tables), as text without HTML tags."""
    said: list[str] = []

    def capture(obj, raw=False):
        text = obj["text/plain"] if isinstance(obj, dict) else obj.data
        said.append(re.sub(r"<[^>]+>", "", text))

    monkeypatch.setattr("fiscalbook.story.page.display", capture)
    monkeypatch.setattr("fiscalbook.story.tables.display", capture)
    return said
