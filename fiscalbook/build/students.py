"""Each report chapter's student notebook (fiscalbook.build.grading: its exercises with empty answer
cells, no solution), published in the edition and linked from the chapter's page. The build calls
``offer_student_notebooks`` once per edition, after Sphinx and before the PDFs."""

from __future__ import annotations

import html as htmllib
import json
from pathlib import Path

from fiscalbook.build.editions import toc_documents
from fiscalbook.build.grading import graded_exercises, student_notebook, write_notebook
from fiscalbook.data.paths import REPO

STUDENT_DIR = "_downloads/student"  # in the edition's folder
STUDENT_LINK = {"en": "Student notebook (exercises without solutions)", "zh": "学生笔记本（只有练习，没有答案）"}
SWITCH = '<p class="edition-switch">'


def student_notebook_name(document: str, year: int, lang: str) -> str:
    return f"{Path(document).stem}-{year}-{lang}-student.ipynb"


def offer_student_notebooks(html: Path, year: int, lang: str, toc_path: Path = REPO / "_toc.yml") -> list[Path]:
    """Write the student notebook of every chapter that has autograded exercises
    (fiscalbook.build.grading: the exercises, an empty answer cell each, no solution) into the
    edition built in ``html``, under _downloads/student/, and link it from the chapter's page
    beside the language switch. The notebook runs from a clone's ``notebooks/`` folder, as the
    pages' source notebooks do. Returns the notebooks written."""
    written = []
    for document in toc_documents(toc_path):
        source = toc_path.parent / f"{document}.ipynb"
        page = html / f"{document}.html"
        exercises = graded_exercises(json.loads(source.read_text(encoding="utf-8")))
        if not exercises or not page.is_file():
            continue
        notebook = student_notebook(source, exercises, year, lang)
        notebook["cells"][0]["source"] = notebook["cells"][0]["source"].replace('data_dir = "data"',
                                                                                'data_dir = "../data"')
        path = write_notebook(notebook, html / STUDENT_DIR / student_notebook_name(document, year, lang))
        href = htmllib.escape(Path("../" * document.count("/"), STUDENT_DIR, path.name).as_posix())
        link = (f'<a class="student-notebook" href="{href}" download>{htmllib.escape(STUDENT_LINK[lang])}</a>'
                " · ")
        text = page.read_text(encoding="utf-8")
        if SWITCH in text and "student-notebook" not in text:
            page.write_text(text.replace(SWITCH, SWITCH + link, 1), encoding="utf-8")
        written.append(path)
    return written
