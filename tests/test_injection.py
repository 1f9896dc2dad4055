"""No traceback, ever: for every chapter, the facts it reads are removed, blanked and emptied in
a copy of the data, and the result is clean.

* **removed** (a later report, a synthetic next year beside the shipped one, no longer states
  them: their numbers become words, their rows go; the data stays valid): the chapter's page is
  made all the same, saying what the report leaves out, or stands in for the chapter with a
  cause naming what to fix (``path:line:column``).
  A chapter that fails is a crash the injection found: the test lists them.
* **blanked** (their values emptied) and **emptied** (facts.csv with its header only): the build
  stops before executing anything, with one ``path:line:column`` line per problem.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import PLACE, YEAR, edit_csv
from support.synthetic import synthetic_year, thin_year

from fiscalbook.audit.usage import used_keys
from fiscalbook.build.book import build, execute, plan_jobs
from fiscalbook.build.editions import book_notebooks
from fiscalbook.data.expressions import keys_in
from fiscalbook.data.load import load_year
from fiscalbook.data.problems import DataError
from fiscalbook.story.places import COMPARED

NEXT = YEAR + 1
LINE = re.compile(r"^[^:\s]+:\d+:\d+: .+")
CHAPTERS = [path for path in book_notebooks() if path.stem not in ("15_glossary", "16_methods", "17_teachers_guide")]


def reads(notebook: Path) -> set[str]:
    """The figures a chapter reads: those its code names (fiscalbook.audit.usage), and for the
    places page those it compares (fiscalbook.story.places)."""
    year = load_year(YEAR)
    keys = used_keys(year, [notebook])
    if notebook.stem == "18_places":
        derived = year.shared("derived").set_index("id")["formula"]
        keys |= {key for kind, item in COMPARED
                 for key in (keys_in(derived[item]) if kind == "derived" else [item]) if year.has(key)}
    return keys


def page_text(executed: Path) -> str:
    cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    texts = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
    for cell in cells:
        for output in cell.get("outputs", []):
            texts += ["".join(output.get("text", ""))] + ["".join(v) for v in output.get("data", {}).values()
                                                         if isinstance(v, (str, list))]
    return "\n".join(texts)


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda path: path.stem)
def test_a_chapter_whose_figures_are_removed_is_made_or_stands_in_with_its_cause(notebook, data_copy, tmp_path):
    """A later report (a synthetic next year beside the shipped one) that states none of the
    figures the chapter reads."""
    keys = reads(notebook)
    assert keys, f"{notebook.stem} reads no figure: the injection would prove nothing"
    synthetic_year(data_copy, YEAR, NEXT, data_copy)
    thin_year(data_copy, NEXT, drop_keys=keys)
    job = next(job for job in plan_jobs(NEXT, ["en"], data_copy, tmp_path / "build", PLACE) if job.source == notebook)
    cause = execute(job)
    text = page_text(job.target)
    assert "Traceback" not in text
    assert cause == "", f"crash found by injection in {notebook.stem}: {cause}"


def test_a_failing_chapter_stands_in_with_the_fact_to_fix(data_copy, tmp_path):
    """The KeyError of a reviewed year (a key copied wrong) becomes a stand-in naming it, in
    both editions, and the build says the book is incomplete."""
    notebook = next(path for path in CHAPTERS if path.stem == "08_transfers")
    broken = tmp_path / "notebooks" / notebook.name
    broken.parent.mkdir()
    spec = json.loads(notebook.read_text(encoding="utf-8"))
    spec["cells"].insert(2, {"cell_type": "code", "id": "typo", "metadata": {}, "execution_count": None,
                             "outputs": [], "source": "ch.fact('')"})
    broken.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    job = next(job for job in plan_jobs(YEAR, ["en"], data_copy, tmp_path / "build", PLACE) if job.source == notebook)
    job = type(job)(broken, job.target, job.year, job.lang, job.data_dir, job.fingerprint, job.logs, job.place)
    cause = execute(job)
    assert LINE.match(cause) and "facts.csv:1:1" in cause and "empty key" in cause, cause
    text = page_text(job.target)
    assert "could not be made" in text and cause in text and "Traceback" not in text


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda path: path.stem)
@pytest.mark.parametrize("mode", ["blanked", "emptied"])
def test_blanked_or_emptied_facts_stop_the_build_with_one_line_per_problem(notebook, mode, data_copy, tmp_path):
    keys = reads(notebook)
    facts = data_copy / PLACE / str(YEAR) / "facts.csv"
    if mode == "blanked":
        def blank(rows: list[list[str]]) -> None:
            value = rows[0].index("value")
            for row in rows[1:]:
                if row[1] in keys:
                    row[value] = ""
        edit_csv(facts, blank)
    else:
        with facts.open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        edit_csv(facts, lambda rows: rows.__setitem__(slice(None), [header]))
    with pytest.raises(DataError) as stopped:
        build(YEAR, ["en"], data_copy, tmp_path / "site", build_dir=tmp_path / "build", pdf=False, place=PLACE)
    lines = [str(problem) for problem in stopped.value.problems]
    assert lines and all(LINE.match(line) for line in lines)
    assert any(str(facts) in line or "report.txt" in line for line in lines)
    assert not (tmp_path / "site").exists()  # nothing published
