"""Reading the chapters' exercises for the teacher's guide (whole statements, levels, numbers per
chapter), finding chapters by name, the course plan (data/course.yml) and the guide as built."""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from fiscalbook.build.book import REPO, notebook_inputs
from fiscalbook.build.editions import book_notebooks, toc_documents
from fiscalbook.build.notebooks import read_by_the_book, source
from fiscalbook.build.teaching import (
    COLUMNS,
    CORPUS,
    COURSE,
    DISCUSSION,
    LEVELS,
    SLOTS,
    CourseError,
    Repository,
    assessment_markdown,
    chapter_numbers,
    chapter_title,
    corpus_sources,
    counts,
    document_link,
    document_of,
    exercises,
    find_document,
    first_sentence,
    law_citer,
    load_course,
    minutes_of,
    numbered,
    repository,
    session_markdown,
    session_plan,
    with_citations,
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
    assert set(english["kind"]) == {"computational"}
    assert set(english["document"]) == {"notebooks/08_transfers"}
    assert set(english["chapter"]) == {"Transfer payments"}
    first = english.iloc[0]
    assert first["question"] == ("Which general transfer line is the largest, and what share of all general "
                                 "transfers is it? Use pandas.")  # the whole statement, not its first sentence
    gated = english.iloc[1]
    assert gated["title"] == "Implied budget"
    assert gated["question"] == "Divide the revenue by its execution rate. What budget does that imply?"
    chinese = exercises([chapter], "zh", root=tmp_path)
    assert list(chinese["label"]) == ["ex-transfers-largest"]
    assert chinese.iloc[0]["question"] == "哪一项一般性转移支付最大？它占一般性转移支付的比重是多少？"
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


# --- the course ---------------------------------------------------------------------------------

def test_the_course_has_six_to_eight_sessions_of_ninety_minutes():
    course = load_course()
    assert 6 <= len(course.sessions) <= 8 and course.minutes == 90
    for session in course.sessions:
        assert sum(activity.minutes for activity in session.activities) == 90, session.title.en
        assert session.objectives and session.homework.en and session.homework.zh and session.chapters
    report_chapters = {document for document in toc_documents()[1:] if exercises([REPO / f"{document}.ipynb"], "en")
                       .shape[0]}
    assert report_chapters <= set(course.covered), "a chapter with exercises is in no session"
    assert set(course.expected_minutes) == {*LEVELS, DISCUSSION}


def test_a_plan_that_does_not_fill_ninety_minutes_is_refused(tmp_path):
    plan = yaml.safe_load(COURSE.read_text(encoding="utf-8"))
    plan["sessions"][0]["activities"][0]["minutes"] += 5
    broken = tmp_path / "course.yml"
    broken.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CourseError, match="95 minutes"):
        load_course(broken)
    plan["sessions"] = plan["sessions"][:5]
    broken.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CourseError):
        load_course(broken)


def test_the_assessment_is_on_a_held_out_passage_of_another_real_report():
    assessment = load_course().assessment
    sources = corpus_sources()
    for source_passage in assessment.passages:
        row = sources[source_passage.name]
        assert row["split"] == "heldout" and row["url"].startswith("http") and source_passage.title == row["title"]
        verbatim = (CORPUS / "passages" / f"{source_passage.name}.txt").read_text(encoding="utf-8")
        assert source_passage.text == verbatim.strip()
    assert assessment.points == sum(q.points for q in assessment.questions) and assessment.grades.en
    assert all(q.answer.en and q.answer.zh and q.rubric.en and q.rubric.zh for q in assessment.questions)
    with pytest.raises(KeyError):  # a model answer names a figure of the book's place: it must be given
        assessment_markdown(assessment, "en")
    markdown = assessment_markdown(assessment, "en", {"city_dependency": "88.5%", "city_dependency_net": "81.3%"})
    assert "88.5%" in markdown and "{city_dependency" not in markdown
    assert assessment.passages[0].title in markdown and assessment.passages[0].url in markdown
    assert "{dropdown}" in markdown  # the model answers are folded


def test_the_assessment_answers_recompute_from_the_passage():
    """The model answers' sums and intervals, from the passages' own figures (亿元, %)."""
    def figure(text, before, after="亿元"):
        return float(re.search(rf"{before}(\d+\.\d+){after}", text).group(1))

    general, funds = (source.text for source in load_course().assessment.passages)
    revenue, transfers = figure(general, "收入完成"), figure(general, "转移性收入")
    spending, transfers_out = figure(general, "支出完成"), figure(general, "转移性支出")
    assert round(revenue + transfers, 1) == round(spending + transfers_out, 1) == figure(general, "收入合计")
    assert round(figure(funds, "收入完成") + figure(funds, "转移性收入"), 1) == figure(funds, "收入合计")
    rate, growth = figure(general, "年度预算的", "%"), figure(general, "同比增长", "%")
    answers = " ".join(q.answer.en for q in load_course().assessment.questions)
    for value in (revenue / (rate / 100), revenue / (1 + growth / 100)):
        assert f"{value:.1f}" in answers
    assert f"{(revenue - 0.05) / ((rate + 0.05) / 100):.2f}" in answers  # the interval's low end
    assert f"{100 * transfers / (revenue + transfers):.1f}%" in answers  # the book's transfer dependency


def test_an_assessment_on_a_place_the_book_shows_is_refused(tmp_path):
    """A passage of a place with data in data/ (its figures are on the places page) gives the
    answers away: load_course refuses it."""
    from fiscalbook.data.places import available_places

    shown = set(available_places(REPO / "data"))
    assert not {source.slug for source in load_course().assessment.passages} & shown
    taken = next(row["file"] for row in corpus_sources().values() if row["place_slug"] in shown)
    plan = yaml.safe_load(COURSE.read_text(encoding="utf-8"))
    plan["assessment"]["passages"] = [taken]
    broken = tmp_path / "course.yml"
    broken.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CourseError, match="has data"):
        load_course(broken)


def test_the_sessions_read_the_chapters_in_the_book_s_order_and_fit_their_questions(tmp_path):
    course = load_course()
    order = toc_documents()
    assert course.covered == sorted(course.covered, key=order.index)
    found = numbered(exercises([REPO / f"{d}.ipynb" for d in course.covered], "en"))
    for session in course.sessions:
        plan = session_plan(session, found, course.expected_minutes)
        for kind in SLOTS:
            done, left = plan[kind]
            assert sum(minutes_of(done, course.expected_minutes)) <= session.slot(kind), (session.title.en, kind)
            same_kind = (found["kind"] == DISCUSSION) == (kind == DISCUSSION)
            mine = found[found["document"].isin(session.chapters) & same_kind]
            assert sorted([*done["label"], *left["label"]]) == sorted(mine["label"])
    plan = yaml.safe_load(COURSE.read_text(encoding="utf-8"))
    plan["sessions"][0], plan["sessions"][1] = plan["sessions"][1], plan["sessions"][0]
    broken = tmp_path / "course.yml"
    broken.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CourseError, match="order of the book"):
        load_course(broken)


def test_exercises_are_numbered_per_chapter_as_the_book_numbers_them(chapter, tmp_path):
    numbers = chapter_numbers()
    assert numbers["notebooks/08_transfers"] == toc_documents().index("notebooks/08_transfers")
    assert "notebooks/00_intro" not in numbers  # the root has no number
    found = exercises([chapter], "en", root=tmp_path)
    assert list(numbered(found)["number"]) == ["9.1", "9.2", "9.3"]


def test_a_session_lists_whole_prompts_with_level_time_and_number():
    course = load_course()
    session = next(s for s in course.sessions if "notebooks/08_transfers" in s.chapters)
    found = pd.DataFrame([
        {"document": "notebooks/08_transfers", "chapter": "T", "label": "ex-transfers-a", "level": "advanced",
         "kind": "computational", "title": "", "question": "First sentence (incl. a bracket). Second sentence?"},
        {"document": "notebooks/08_transfers", "chapter": "T", "label": "ex-transfers-d", "level": "",
         "kind": DISCUSSION, "title": "", "question": "What does dependency mean here?"}], columns=COLUMNS)
    for lang in ("en", "zh"):
        text = session_markdown(1, session, found, course, lang)
        assert "First sentence (incl. a bracket). Second sentence?" in text
        assert "{numref}`ex-transfers-a`" in text and "{numref}`ex-transfers-d`" in text
        assert str(course.expected_minutes["advanced"]) in text and str(course.expected_minutes[DISCUSSION]) in text
        timed = re.findall(r"^- (?:\d+–\d+ min \((\d+) min\)|第\d+–\d+分钟（(\d+)分钟）)", text, re.M)
        minutes = [int(en or zh) for en, zh in timed]
        assert sum(minutes) == 90, minutes
    text = session_markdown(1, session, found, course, "en", cite=lambda reference: "Art.")
    left = session.slot("exercises") < course.expected_minutes["advanced"]
    assert ("questions the class has no time for: {numref}`ex-transfers-a`" in text) == left


def test_a_prompt_s_law_roles_become_citations():
    """Generated Markdown does not parse the {law} role: the guide writes the chapter's citations."""
    prompt = "Use the law ({law}`budget-law:66`, {law}`regulations:78`)."
    for lang, words in (("en", "Budget Law, Art. 66"), ("zh", "《预算法》第六十六条")):
        text = with_citations(prompt, law_citer(lang))
        assert "{law}" not in text and words in text


def test_the_repository_comes_from_one_setting(tmp_path):
    shipped = repository()
    assert shipped.url == "" or shipped.url.startswith("https://")
    none = Repository("", "main")
    assert none.clone() == none.binder("notebooks/08_transfers") == none.colab("notebooks/08_transfers") == ""
    real = Repository("https://github.com/owner/book", "main")
    assert real.clone() == "git clone https://github.com/owner/book.git"
    assert real.binder("notebooks/08_transfers") == \
        "https://mybinder.org/v2/gh/owner/book/main?urlpath=lab/tree/notebooks/08_transfers.ipynb"
    assert real.colab("notebooks/08_transfers") == \
        "https://colab.research.google.com/github/owner/book/blob/main/notebooks/08_transfers.ipynb"


# --- the guide and the chapters as built ----------------------------------------------------------

def built_text(site, lang, document):
    from conftest import PLACE, YEAR

    page = (site / PLACE / str(YEAR) / lang / f"{document}.html").read_text(encoding="utf-8")
    return page, re.sub(r"\s+", "", htmllib.unescape(re.sub(r"<[^>]+>", "", page)))  # text, without white space


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_built_guide_gives_whole_prompts_numbers_and_the_assessment_source(site, lang):
    from conftest import PLACE, YEAR

    guide = find_document("teachers_guide")
    _, text = built_text(site, lang, guide)
    notebook = json.loads((REPO / "_build" / "exec" / f"{PLACE}-{YEAR}-{lang}" / f"{guide}.ipynb").read_text())
    shown = "".join("".join(output.get("data", {}).get("text/markdown", "")) for cell in notebook["cells"]
                    for output in cell.get("outputs", []))
    found = exercises([path for path in book_notebooks() if document_of(path) != guide], lang)
    listed = [row for row in found.itertuples() if f"{{numref}}`{row.label}`" in shown]
    assert listed, "the guide lists no exercise"
    word = "练习" if lang == "zh" else "Exercise"
    numbers = chapter_numbers()
    for row in listed:
        assert plain_prompt(with_citations(row.question, law_citer(lang)))[:200] in plain_prompt(shown), row.label
        # the guide's reference shows the number the chapter prints
        chapter_page, chapter_text = built_text(site, lang, row.document)
        assert re.search(rf"{word}{numbers[row.document]}\.\d+", chapter_text), row.document
        assert re.search(rf"{word}{numbers[row.document]}\.\d+", text), row.label
        assert not re.search(rf'{word} \d+(?![.\d])', chapter_page), "an exercise numbered across the book"
    assert "{law}" not in shown, "a law role left unrendered"
    source_passage = load_course().assessment.passages[0]
    assert re.sub(r"\s", "", source_passage.title) in text and source_passage.url in text
    for document in {d for session in load_course().sessions for d in session.chapters} & set(numbers):
        chapter = ("第{n}章" if lang == "zh" else "Chapter{n},").format(n=numbers[document])
        assert chapter in text, document  # the chapter's number as the book numbers it
    assert "<address" not in text and "仓库地址>" not in text and "&lt;" not in text
    assert "makevenv" in text and ".venv/bin/jupyterlab" in text


def plain_prompt(text):
    return re.sub(r"\s+", " ", text).replace("\\n", " ")


def test_report_chapters_offer_their_student_notebooks(site):
    from conftest import PLACE, YEAR

    from fiscalbook.build.grading import graded_exercises

    for lang in ("en", "zh"):
        for path in book_notebooks():
            if not graded_exercises(json.loads(path.read_text(encoding="utf-8"))):
                continue
            document = document_of(path)
            page, _ = built_text(site, lang, document)
            link = re.search(r'<a class="student-notebook" href="([^"]+)"', page)
            assert link, f"{document} ({lang}) offers no student notebook"
            target = (site / PLACE / str(YEAR) / lang / document).parent.joinpath(link.group(1)).resolve()
            student = json.loads(target.read_text(encoding="utf-8"))
            assert not any("solution" in cell["metadata"].get("tags", []) for cell in student["cells"])
            assert any("answer" in cell["metadata"].get("tags", []) for cell in student["cells"])


def test_each_slot_is_filled_by_the_questions_planned_in_it():
    # review 20: a slot longer than its questions (exercises 20 of 25 minutes) left the teacher to guess
    # what the rest is for; the rest is an activity of its own in data/course.yml.
    course = load_course()
    found = numbered(exercises([REPO / f"{d}.ipynb" for d in course.covered], "en"))
    for session in course.sessions:
        plan = session_plan(session, found, course.expected_minutes)
        for kind in SLOTS:
            done, _ = plan[kind]
            assert sum(minutes_of(done, course.expected_minutes)) == session.slot(kind), (session.title.en, kind)
