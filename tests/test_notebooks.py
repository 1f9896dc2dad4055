"""The notebook contract (notebooks/README.md), checked on the sources."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from conftest import REPO

from fiscalbook.build.editions import book_notebooks

SOURCES = book_notebooks()
# Numbers a code cell may contain, and why: indices and decimal places. None of them can be
# told apart from a small count in the report, so every other number is refused.
ALLOWED_NUMBERS = {"0": "first item / zero decimals", "1": "second item / one decimal, year + 1",
                   "2": "two decimal places, two items"}
NUMBER_IN_CODE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?")
LAW_ROLE = re.compile(r"\{law\}`[^`]*`")  # an article of the law is not a figure of a year
LAW_REFERENCE = re.compile(r"(?:budget-law|regulations):\d+(?:\(\d+\))?")  # ch.cite("budget-law:71")
HEADING = re.compile(r"^#{1,6} ", re.M)


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def ids(path: Path) -> str:
    return path.stem


@pytest.fixture(params=SOURCES, ids=ids)
def notebook(request) -> Path:
    return request.param


def test_every_toc_document_is_a_notebook():
    missing = [str(path.relative_to(REPO)) for path in SOURCES if not path.is_file()]
    assert missing == []


def test_first_cell_is_the_parameters_cell(notebook):
    first = cells(notebook)[0]
    assert first["cell_type"] == "code" and {"parameters", "remove-cell"} <= set(tags(first))
    assigned = {node.targets[0].id for node in ast.parse(source(first)).body}
    assert assigned == {"year", "lang", "data_dir", "place"}


def test_sources_have_no_outputs(notebook):
    for cell in cells(notebook):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_no_figure_or_year_outside_the_parameters_cell(notebook):
    """The digit check: a typed number could be an old year's figure leaking into a new year."""
    found = []
    for index, cell in enumerate(cells(notebook)):
        if "parameters" in tags(cell):
            continue
        text = source(cell)
        if cell["cell_type"] == "markdown":
            found += [(index, digits) for digits in re.findall(r"\d+", LAW_ROLE.sub("", text))]
        else:
            code = LAW_REFERENCE.sub("", re.sub(r"#.*", "", text))  # comments may cite a section number
            found += [(index, n) for n in NUMBER_IN_CODE.findall(code) if n not in ALLOWED_NUMBERS]
    assert found == [], f"cell index and number: {found}"


# A section of the report by its number: 一.(六), 一（六）, 第一部分第（六）节. The parts (一 final
# accounts, 二 the first half, 三 the measures ahead) are the genre's; the sections under them
# differ from report to report.
NUMERAL = "[一二三四五六七八九十]"
SECTION_NUMBER = re.compile(rf"{NUMERAL}\.\({NUMERAL}+\)|{NUMERAL}（{NUMERAL}+）|第{NUMERAL}部分第（")


def test_no_section_number_is_typed(notebook):
    """Chapters find a section in the year's report (Chapter.report_section), never type it."""
    found = [(index, match) for index, cell in enumerate(cells(notebook)) if cell["cell_type"] == "markdown"
             for match in SECTION_NUMBER.findall(source(cell))]
    assert found == [], f"cell index and section: {found}"


def test_both_editions_have_their_own_markdown(notebook):
    markdown = [cell for cell in cells(notebook) if cell["cell_type"] == "markdown"]
    assert markdown, "a chapter explains itself in Markdown"
    for cell in markdown:
        assert len({"lang-en", "lang-zh"} & set(tags(cell))) == 1, source(cell)[:60]
    english = [HEADING.findall(source(c)) for c in markdown if "lang-en" in tags(c)]
    chinese = [HEADING.findall(source(c)) for c in markdown if "lang-zh" in tags(c)]
    assert [len(h) for h in english] == [len(h) for h in chinese], "the same headings in both editions"
    title = [c for c in markdown if source(c).startswith("# ")]
    assert len(title) == 2, "one title per edition, in the first Markdown cells"


SOLUTION_GATE = re.compile(r"^:::\{solution-(start|end)\}")  # language-neutral directive lines


def test_chinese_markdown_is_chinese_and_english_is_english(notebook):
    for cell in cells(notebook):
        text = source(cell)
        if SOLUTION_GATE.match(text):
            continue
        if "lang-zh" in tags(cell):
            assert re.search(r"[\u4e00-\u9fff]", text)
        if "lang-en" in tags(cell):
            latin = len(re.findall(r"[A-Za-z]", text))
            assert latin > len(re.findall(r"[\u4e00-\u9fff]", text)), text[:60]


def test_headings_are_never_generated_by_code(notebook):
    for cell in cells(notebook):
        if cell["cell_type"] == "code":
            assert not re.search(r"""["']#{1,6} """, source(cell)), source(cell)[:80]


def test_setup_and_prose_cells_hide_their_code(notebook):
    """Only an exercise's solution shows its code: it is there to be read."""
    for cell in cells(notebook)[1:]:
        if cell["cell_type"] == "code":
            assert {"remove-cell", "remove-input", "hide-input", "solution"} & set(tags(cell)), source(cell)[:80]


def test_chinese_paragraphs_do_not_break_between_characters(notebook):
    """A line break inside a Chinese paragraph renders as a stray space: keep it on one line."""
    for cell in cells(notebook):
        if "lang-zh" in tags(cell):
            assert not re.search(r"[\u4e00-\u9fff，。；：、）”]\n[\u4e00-\u9fff（“]", source(cell)), source(cell)[:60]


REPORT_CHAPTERS = [path for path in SOURCES if re.match(r"(0[1-9]|1[0-3])_", path.stem)]  # 01 … 13
LEVELS = {"basic", "intermediate", "advanced"}
DISCUSSION = "discussion"  # an interpretation, not a number: its model answer is a solution without answers


def test_every_report_chapter_ends_with_exercises_from_easy_to_hard():
    from fiscalbook.build.notebooks import exercises

    assert len(REPORT_CHAPTERS) == 13
    labels: list[str] = []
    for path in REPORT_CHAPTERS:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        found = exercises(notebook)
        assert len(found) >= 2, f"{path.stem}: {len(found)} exercises"
        levels = []
        for exercise in found:
            texts = [source(notebook["cells"][i]) for i in exercise.cells]
            statements = [text for text in texts if "{exercise}" in text]
            assert len(statements) == 2, f"{exercise.label}: one statement per edition"
            level = re.search(r":class:\s*(\w+)", statements[0])
            assert level and level.group(1) in LEVELS | {DISCUSSION}, f"{exercise.label}: a level among {LEVELS}"
            levels.append(level.group(1))
            code = [notebook["cells"][i] for i in exercise.cells if notebook["cells"][i]["cell_type"] == "code"]
            assert code and all("solution" in tags(cell) for cell in code), f"{exercise.label}: a computed solution"
            if levels[-1] == DISCUSSION:  # a model answer in words, its figures and articles carrying their sources
                assert "ch.cite(" in "".join(source(cell) for cell in code), f"{exercise.label}: grounded in the law"
                continue
            assert "load_year" in "".join(source(cell) for cell in code) or exercise.keys, exercise.label
        assert levels[0] == "basic", f"{path.stem}: starts easy"
        labels += [e.label for e in found]
    assert len(labels) == len(set(labels)), "exercise labels are unique in the book"


def test_every_cell_has_an_id(notebook):
    """nbformat 4.5 cell ids: papermill warns on stderr about a cell without one, which the
    build refuses (warnings are errors)."""
    ids = [cell.get("id") for cell in cells(notebook)]
    assert all(ids) and len(ids) == len(set(ids))
