"""What the book offers a teacher: the exercises of its chapters, and links between chapters.

Exercises are sphinx-exercise directives in a chapter's Markdown cells, one per edition (cells
tagged ``lang-en`` / ``lang-zh``), labelled ``ex-…`` and classed by level::

    ::::{exercise}
    :label: ex-transfers-largest
    :class: basic
    Which general transfer line is the largest, and what share of all general transfers is it?
    ::::

``exercises`` reads them from the notebooks' sources, so a guide page can list them by level
and link to each. The gated form (``{exercise-start}`` … ``{exercise-end}``) is read too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from fiscalbook.build.editions import toc_documents
from fiscalbook.data.paths import REPO
from fiscalbook.story.fmt import check_lang

LEVELS = ("basic", "intermediate", "advanced")
COLUMNS = ["document", "chapter", "label", "level", "title", "question"]
# A directive opened by three or more colons or backticks; it ends at the same fence, or at the
# end of the text when a cell leaves it open.
DIRECTIVE = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>exercise(?:-start)?)\}[ \t]*(?P<title>[^\n]*)\n"
                       r"(?P<body>.*?)(?:^(?P=fence)[ \t]*$|\Z)", re.M | re.S)
GATE_END = re.compile(r"^(?::{3,}|`{3,})\{exercise-end\}", re.M)
OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
SENTENCE = re.compile(r"^(.+?(?:[.?!](?=\s|$)|[。？！]))", re.S)


def markdown_of(path: Path, lang: str) -> str:
    """The Markdown of one edition of a notebook (cells tagged for it or for neither), in order."""
    others = {f"lang-{code}" for code in ("en", "zh") if code != check_lang(lang)}
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    texts = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"
             and not others & set(cell.get("metadata", {}).get("tags", []))]
    return "\n\n".join(texts)


def chapter_title(markdown: str) -> str:
    """The first level-one heading."""
    found = re.search(r"^# (.+)$", markdown, re.M)
    return found.group(1).strip() if found else ""


def first_sentence(text: str) -> str:
    """The first sentence of a passage, on one line."""
    flat = " ".join(text.split())
    found = SENTENCE.match(flat)
    return found.group(1) if found else flat


def _options(body: str) -> tuple[dict[str, str], str]:
    """A directive's options (the ':key: value' lines it opens with) and the text after them."""
    lines = body.split("\n")
    options = {}
    while lines and (found := OPTION.match(lines[0].strip())):
        options[found["key"]] = found["value"].strip()
        lines.pop(0)
    return options, "\n".join(lines)


def _level(classes: str) -> str:
    return next((name for name in classes.split() if name in LEVELS), "")


def _parse(markdown: str) -> list[dict[str, str]]:
    found = []
    for match in DIRECTIVE.finditer(markdown):
        options, text = _options(match["body"])
        if match["name"] == "exercise-start":  # the statement follows the directive, up to its end
            after = markdown[match.end():]
            end = GATE_END.search(after)
            text = after[: end.start()] if end else after
        found.append({"label": options.get("label", ""), "level": _level(options.get("class", "")),
                      "title": match["title"].strip(), "question": first_sentence(text)})
    return found


def exercises(notebook_paths: Sequence[Path], lang: str, root: Path = REPO) -> pd.DataFrame:
    """Every exercise of the notebooks, in order, in one edition: the document (path from
    ``root`` without suffix, as in _toc.yml), the chapter's title, the exercise's label, level
    (one of LEVELS, or '' when its class names none), title and first sentence."""
    rows = []
    for path in map(Path, notebook_paths):
        markdown = markdown_of(path, lang)
        document = document_of(path, root)
        for exercise in _parse(markdown):
            rows.append({"document": document, "chapter": chapter_title(markdown), **exercise})
    return pd.DataFrame(rows, columns=COLUMNS)


def counts(found: pd.DataFrame, documents: Sequence[str]) -> pd.DataFrame:
    """How many exercises of ``found`` (as ``exercises`` returns them) each document has, per level
    and in all (exercises that name no level count only in the total); one row per document, in the
    order given, zero where a document has none."""
    rows = []
    for document in documents:
        mine = found[found["document"] == document]
        rows.append({"document": document, **{level: int((mine["level"] == level).sum()) for level in LEVELS},
                     "total": len(mine)})
    return pd.DataFrame(rows, columns=["document", *LEVELS, "total"])


def document_of(path: Path, root: Path = REPO) -> str:
    """A notebook's name as _toc.yml writes it: its path from ``root`` without suffix."""
    path = Path(path)
    return path.with_suffix("").relative_to(root).as_posix() if path.is_relative_to(root) else path.stem


def find_document(name: str, toc_path: Path = REPO / "_toc.yml") -> str:
    """The document of the table of contents whose file is named ``name`` after its number
    (digits, maybe a letter, and '_'): 'transfers' -> 'notebooks/08_transfers'."""
    for document in toc_documents(toc_path):
        if re.fullmatch(rf"(?:\d+[a-z]?_)?{re.escape(name)}", Path(document).name):
            return document
    raise LookupError(f"no chapter named '{name}' in {toc_path.name}")


def document_link(name: str, toc_path: Path = REPO / "_toc.yml") -> str:
    """A link to a chapter for generated Markdown; Sphinx writes the page's title as its text."""
    return f"{{doc}}`/{find_document(name, toc_path)}`"
