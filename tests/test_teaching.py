"""Reading the chapters' exercises for the teacher's guide, and finding chapters by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fiscalbook.build.book import REPO, notebook_inputs
from fiscalbook.build.editions import book_notebooks
from fiscalbook.build.notebooks import read_by_the_book, source
from fiscalbook.build.teaching import (
    COLUMNS,
    chapter_title,
    counts,
    document_link,
    exercises,
    find_document,
    first_sentence,
)

BASIC_EN = """::::{exercise}
:label: ex-transfers-largest
:class: basic
Which general transfer line is the largest, and what share of all general transfers is it? Use pandas.
::::"""
BASIC_ZH = """::::{exercise}
:label: ex-transfers-largest
:class: basic
哪一项一般性转移支付最大？它占一般性转移支付的比重是多少？
::::"""
SOLUTION = ":::{solution-start} ex-transfers-largest\n:class: dropdown\n:::"
GATED_EN = """```{exercise-start} Implied budget
:label: ex-transfers-budget
:class: advanced dropdown
```

Divide the revenue by its execution rate. What budget does that imply?

```{exercise-end}
```"""
UNCLASSED = """:::{exercise}
:label: ex-transfers-free
No level is given for this one.
:::"""


def markdown(text: str, *tags: str) -> dict:
    return {"cell_type": "markdown", "metadata": {"tags": list(tags)}, "source": text.splitlines(keepends=True)}


def code(text: str, *tags: str) -> dict:
    return {"cell_type": "code", "metadata": {"tags": list(tags)}, "source": text, "outputs": [],
            "execution_count": None}


def write_notebook(path: Path, cells: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
                    encoding="utf-8")
    return path


@pytest.fixture
def chapter(tmp_path) -> Path:
    """A chapter with three exercises in English, one of them gated, and one in Chinese."""
    return write_notebook(tmp_path / "notebooks" / "08_transfers.ipynb", [
        code("year = 2023", "parameters"),
        markdown("# Transfer payments\n\nText.", "lang-en"),
        markdown("# 转移支付\n\n正文。", "lang-zh"),
        markdown(BASIC_EN, "lang-en"),
        markdown(BASIC_ZH, "lang-zh"),
        markdown(SOLUTION, "lang-en"),
        code("facts.loc[facts['value'].idxmax()]", "solution"),
        markdown(GATED_EN, "lang-en"),
        markdown(UNCLASSED, "lang-en"),
    ])


def test_exercises_are_read_per_edition_with_label_level_and_question(chapter, tmp_path):
    english = exercises([chapter], "en", root=tmp_path)
    assert list(english.columns) == COLUMNS
    assert list(english["label"]) == ["ex-transfers-largest", "ex-transfers-budget", "ex-transfers-free"]
    assert list(english["level"]) == ["basic", "advanced", ""]
    assert set(english["document"]) == {"notebooks/08_transfers"}
    assert set(english["chapter"]) == {"Transfer payments"}
    first = english.iloc[0]
    assert first["question"] == ("Which general transfer line is the largest, and what share of all general "
                                 "transfers is it?")
    gated = english.iloc[1]
    assert gated["title"] == "Implied budget"
    assert gated["question"] == "Divide the revenue by its execution rate."
    chinese = exercises([chapter], "zh", root=tmp_path)
    assert list(chinese["label"]) == ["ex-transfers-largest"]
    assert chinese.iloc[0]["question"] == "哪一项一般性转移支付最大？"
    assert chinese.iloc[0]["chapter"] == "转移支付"


def test_exercises_are_counted_per_chapter_and_level(chapter, tmp_path):
    found = exercises([chapter], "en", root=tmp_path)
    table = counts(found, ["notebooks/08_transfers", "notebooks/09_three_public"])
    assert table.to_dict("records") == [
        {"document": "notebooks/08_transfers", "basic": 1, "intermediate": 0, "advanced": 1, "total": 3},
        {"document": "notebooks/09_three_public", "basic": 0, "intermediate": 0, "advanced": 0, "total": 0},
    ]


def test_a_book_without_exercises_gives_an_empty_table(tmp_path):
    plain = write_notebook(tmp_path / "plain.ipynb", [markdown("# Plain\n\nNo exercises here.", "lang-en")])
    found = exercises([plain], "en", root=tmp_path)
    assert found.empty and list(found.columns) == COLUMNS


def test_solutions_are_not_taken_for_exercises(tmp_path):
    only_solution = write_notebook(tmp_path / "s.ipynb", [markdown(SOLUTION, "lang-en")])
    assert exercises([only_solution], "en", root=tmp_path).empty


def test_first_sentence_and_title():
    assert first_sentence("Take the 12.5 figure.\nThen divide.") == "Take the 12.5 figure."
    assert first_sentence("先算收入。再算支出。") == "先算收入。"
    assert first_sentence("no full stop") == "no full stop"
    assert chapter_title("Intro\n\n# The title\n\n## A section") == "The title"


def test_chapters_are_found_by_name_in_the_table_of_contents():
    assert find_document("transfers") == "notebooks/08_transfers"
    assert find_document("how_budgets_work") == "notebooks/00a_how_budgets_work"
    assert document_link("debt") == "{doc}`/notebooks/06_debt`"
    with pytest.raises(LookupError):
        find_document("level")  # a name must be the whole name after the number, not its end
    assert all(path.is_file() for path in book_notebooks())


def test_the_book_lists_its_exercises_in_both_editions():
    """Whatever exercises the chapters hold, each edition's list reads without error and every
    label is unique and starts with 'ex-'."""
    for lang in ("en", "zh"):
        found = exercises(book_notebooks(), lang)
        assert found["label"].is_unique
        assert all(label.startswith("ex-") for label in found["label"])


def test_the_guide_is_executed_again_when_what_it_reads_of_a_chapter_changes():
    """The build fingerprints a page by what it is made from: the guide, which lists the
    chapters' titles and exercises, by its own notebook and what it reads of every chapter
    (Markdown, set-up cell, solutions); a chapter by itself."""
    guide = REPO / f"{find_document('teachers_guide')}.ipynb"
    chapter = REPO / f"{find_document('transfers')}.ipynb"
    assert notebook_inputs(chapter) == ([chapter], "")
    paths, read = notebook_inputs(guide)
    assert paths == [guide]
    notebook = json.loads(chapter.read_text(encoding="utf-8"))
    assert read_by_the_book(notebook) in read
    solution = next(cell for cell in notebook["cells"] if "solution" in cell["metadata"].get("tags", []))
    chart = next(cell for cell in notebook["cells"][2:] if cell["cell_type"] == "code"
                 and "solution" not in cell["metadata"].get("tags", []))
    before = read_by_the_book(notebook)
    chart["source"] = source(chart) + "\n# a change the guide does not read"
    notebook["metadata"]["changed"] = True
    assert read_by_the_book(notebook) == before
    solution["source"] = source(solution) + "\n# a change it does"
    assert read_by_the_book(notebook) != before
