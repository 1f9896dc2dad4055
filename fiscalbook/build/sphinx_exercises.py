"""Sphinx extension: exercises numbered per chapter ("Exercise 9.2", "练习 9.2").

sphinx-exercise registers its numbered exercises as an enumerable node, so Sphinx's numfig
numbers them: without a numbered table of contents, across the whole book ("Exercise 24").
After Sphinx has assigned the numbers (its toctree collector's ``env-get-updated`` handler),
this extension renumbers the exercises of each document as (the chapter's number, the
exercise's place in the chapter). Everything that shows an exercise's number reads it from
there: its title, the titles of its solution, ``{numref}`` references, and so the PDF, which
is printed from the HTML pages. Figures and tables keep Sphinx's own numbers.

A chapter's number is its place among the documents of the root's table of contents, from 1
(the root itself, the introduction, has none): the number Jupyter Book's numbered table of
contents would show, and the one ``fiscalbook.build.teaching.chapter_numbers`` gives the
teacher's guide from ``_toc.yml``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

FIGTYPE = "exercise"  # sphinx-exercise's enumerable node type


def chapter_numbers(env: BuildEnvironment) -> dict[str, int]:
    """Each document of the root's table of contents and its number, from 1, in order."""
    included = env.toctree_includes.get(env.config.root_doc, [])
    return {docname: number for number, docname in enumerate(included, 1)}


def per_chapter(numbers: dict[str, tuple[int, ...]], chapter: int | None) -> dict[str, tuple[int, ...]]:
    """A document's exercise numbers (node id -> Sphinx's number) renumbered from 1 in the order
    Sphinx numbered them, prefixed by the chapter's number when it has one."""
    ordered = sorted(numbers, key=lambda node_id: numbers[node_id])
    prefix = () if chapter is None else (chapter,)
    return {node_id: (*prefix, place) for place, node_id in enumerate(ordered, 1)}


BOOK_NUMBERS = "fiscalbook_book_fignumbers"  # Sphinx's own numbers, kept in the pickled environment
CHAPTER_NUMBERS = "fiscalbook_chapter_fignumbers"  # ours, as the pages were last written


def restore_book_numbers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Before Sphinx's toctree collector numbers again: give it back its own last numbers, so
    that it compares like with like and asks to rewrite only the documents whose book-wide
    numbers really changed (compared with ours, it would ask for every chapter with exercises:
    one changed page would rewrite fourteen)."""
    if hasattr(env, BOOK_NUMBERS):
        env.toc_fignumbers = {doc: dict(figures) for doc, figures in getattr(env, BOOK_NUMBERS).items()}
    return []


def renumber(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Number every document's exercises per chapter; the documents whose per-chapter numbers
    changed since the pages were last written are written again."""
    setattr(env, BOOK_NUMBERS, {doc: dict(figures) for doc, figures in env.toc_fignumbers.items()})
    previous = getattr(env, CHAPTER_NUMBERS, {})
    chapters = chapter_numbers(env)
    changed = []
    for docname, figures in env.toc_fignumbers.items():
        if FIGTYPE not in figures:
            continue
        figures[FIGTYPE] = per_chapter(figures[FIGTYPE], chapters.get(docname))
        if figures[FIGTYPE] != previous.get(docname):
            changed.append(docname)
    setattr(env, CHAPTER_NUMBERS, {doc: dict(figures.get(FIGTYPE, {})) for doc, figures in env.toc_fignumbers.items()
                                   if FIGTYPE in figures})
    return changed


LEFT_OUT = ("an exercise left out of this edition", "本版从略的一道练习")


def left_out_exercise(app: Sphinx, env: BuildEnvironment, node: nodes.Element,
                      contnode: nodes.Element) -> nodes.Node | None:
    """A reference to an exercise the build left out of this edition (a figure its year's
    report does not state): the words saying so, not a broken link. Any other missing
    reference is left to Sphinx, which warns (and -W fails the build)."""
    target = str(node.get("reftarget", ""))
    if node.get("reftype") not in ("numref", "ref") or not target.startswith("ex-"):
        return None
    if any(target in labels for labels in (env.domaindata.get("std", {}).get("labels", {}),)):
        return None
    words = LEFT_OUT[1] if str(app.config.language or "").startswith("zh") else LEFT_OUT[0]
    return nodes.emphasis(text=words)


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_exercise")
    # After the toctree collector (priority 500), which assigns the book-wide numbers.
    app.connect("env-get-updated", restore_book_numbers, priority=400)
    app.connect("env-get-updated", renumber, priority=900)
    app.connect("missing-reference", left_out_exercise)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
