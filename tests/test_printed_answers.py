"""No exercise asks for a result its chapter prints (issue 15): on the built site's executed
chapters (both editions), the numbers each solution prints must not appear in the chapter outside
the solutions (fiscalbook.build.answers says which numbers count)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PLACE, YEAR

from fiscalbook.build.answers import answers_in, given_away, numbers_in, significant_digits
from fiscalbook.build.book import BUILD, edition_key
from fiscalbook.build.editions import toc_documents
from fiscalbook.data.paths import DEFAULT_DATA_DIR
from fiscalbook.data.places import year_dir
from fiscalbook.story.fmt import LANGS


def report_numbers() -> set[str]:
    return numbers_in((year_dir(DEFAULT_DATA_DIR, YEAR, PLACE) / "report.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_no_exercise_asks_for_a_result_its_chapter_prints(site: Path, lang: str) -> None:
    root = BUILD / "exec" / edition_key(PLACE, YEAR, lang)
    stated = report_numbers()
    flagged = []
    for document in toc_documents():
        notebook = json.loads((root / f"{document}.ipynb").read_text(encoding="utf-8"))
        flagged += [f"{Path(document).stem} {found.label}: {', '.join(found.numbers)}"
                    for found in given_away(notebook, stated)]
    assert not flagged, "solutions print results the chapter shows outside them:\n" + "\n".join(flagged)


def cell(kind: str, text: str, *tags: str, output: str = "") -> dict:
    made = {"cell_type": kind, "metadata": {"tags": list(tags)}, "source": text}
    if kind == "code":
        made["outputs"] = [{"output_type": "stream", "name": "stdout", "text": output}] if output else []
    return made


EXERCISE = "::::{exercise}\n:label: ex-t-share\n:class: basic\nWhat share of {given} is it?\n::::"


def chapter(shown: str, given: str = "the total") -> dict:
    return {"cells": [
        cell("code", "ch.say(...)", output=shown),
        cell("markdown", EXERCISE.replace("{given}", given), "lang-en"),
        cell("markdown", ":::{solution-start} ex-t-share\n:class: dropdown\n:::"),
        cell("code", "print(share)", "solution", output="own revenue 9.69 亿元 | share: 88.5%\n"),
        cell("markdown", "The share is 88.5%, as printed.", "lang-en"),
        cell("markdown", ":::{solution-end}\n:::"),
    ]}


def test_a_result_the_chapter_prints_is_flagged() -> None:
    found = given_away(chapter("Transfers were 88.5% of the total."))
    assert [(f.label, f.numbers) for f in found] == [("ex-t-share", ("88.5",))]


def test_explanations_inside_the_solution_and_other_numbers_do_not_count() -> None:
    assert given_away(chapter("Transfers were a large share in 2023 (88.50, 5, 100).")) == []


def test_figures_the_prompt_gives_or_the_report_states_are_not_answers() -> None:
    assert given_away(chapter("The share was 88.5%.", given="88.5")) == []
    assert given_away(chapter("Own revenue was 9.69 亿元 and the share 88.5%."), {"88.5", "9.69"}) == []
    assert given_away(chapter("Own revenue was 9.69 亿元.")) != []  # 9.69 is printed by the solution


def test_numbers_are_read_as_written() -> None:
    assert numbers_in("共212,541万元，占88.5%；ex-2 的 h1.x，2023年，-2.00亿元") == {"212541", "88.5", "2023", "2.00"}
    assert [significant_digits(n) for n in ("88.5", "2.00", "0.05", "100", "212541", "37")] == [3, 3, 1, 1, 6, 2]
    assert answers_in("in 2023: 5, 12, 0.5, 100.0") == {"12", "100.0"}


def test_a_margin_after_plus_minus_is_not_an_answer() -> None:
    assert answers_in("the result lies in 9.795 to 9.905 亿元 (±0.055 亿元)") == {"9.795", "9.905"}
    assert answers_in("结果的范围是0.76至0.78亿元（±0.01亿元）") == {"0.76", "0.78"}


def test_a_cited_article_is_not_an_answer() -> None:
    # Ex 2.1's model answer cites "Budget Law, Art. 11", and the chapter cites Art. 11 too: a
    # citation is not a result the exercise asks for
    assert answers_in("(Budget Law, Art. 11 includes it; Arts. 12 and 32) 36.88") == {"36.88"}
    assert answers_in("Regulations, Art. 78, para. 7: 11.09") == {"11.09"}
