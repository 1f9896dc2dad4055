"""Sphinx extension: the first use of each glossary term in a chapter links to its entry.

The terms come from ``data/glossary.csv`` through the config value ``glossary_terms`` (the
build writes it): for each entry, the term the glossary page lists it under and the forms to
find in text (English and Chinese). In each document but the glossary itself, the first
occurrence of each term in running text (not in headings, captions, code, existing links,
exercises or solutions)
becomes a ``{term}`` reference, so a misspelt or removed entry fails the build (-n -W) rather
than leaving a dead link. English forms match regardless of case and straight or curly
quotes and across line breaks; Chinese forms also match when the report's quotation marks split them (“三公”经费).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

SKIPPED = (nodes.title, nodes.subtitle, nodes.rubric, nodes.caption, nodes.literal, nodes.literal_block,
           nodes.reference, nodes.raw, nodes.term, nodes.option_string, addnodes.pending_xref,
           addnodes.toctree, nodes.comment, nodes.target)
QUOTES = "“”\"‘’'"


def form_pattern(form: str) -> re.Pattern:
    """A regular expression for a term's form in running text."""
    if re.search(r"[\u4e00-\u9fff]", form):
        chars = [re.escape(ch) for ch in form if ch not in QUOTES]
        optional_quote = f"[{QUOTES}]?"
        return re.compile(optional_quote + optional_quote.join(chars) + f"(?:[{QUOTES}](?=\\s|$|\\W))?")
    words = re.escape(re.sub(f"[{QUOTES}]", '"', form)).replace('"', f"[{QUOTES}]")
    words = re.sub(r"(\\ )+", r"\\s+", words)  # a line break in the source may stand for a space
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)


# Boxes whose text is not the chapter's running text: the glossary's own, and exercises and
# solutions (``_is_box``: a link there is hard to read on the box's colour, and the term is
# linked where the chapter first explains it).
BOXES = {"glossary", "reading"}  # and the book's readings, whose box is tinted too


def _skipped(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, SKIPPED) or BOXES & set(parent.get("classes", [])) or _is_box(parent):
            return True
        parent = parent.parent
    return False


def _is_box(node: nodes.Node) -> bool:
    """An exercise or solution node of sphinx-exercise (by its class name: no import needed)."""
    return type(node).__name__.startswith(("exercise", "solution"))


def link_terms(app: Sphinx, doctree: nodes.document) -> None:
    """Turn the first use of each glossary term in this document into a term reference.
    Longer terms go first, so 一般性转移支付 is linked whole, not as its 转移支付."""
    terms = app.config.glossary_terms
    if not terms or next(doctree.findall(addnodes.glossary), None) is not None:
        return
    entries = [(target, [form_pattern(form) for form in forms if form]) for target, forms in terms]
    entries.sort(key=lambda entry: -max((len(p.pattern) for p in entry[1]), default=0))
    # The running text, in order, found once: a link splits a text node, and the pieces around
    # the link take its place in the list (they stand where it stood, so they are running text too).
    texts = [text for text in doctree.findall(nodes.Text) if text.astext().strip() and not _skipped(text)]
    # A term absent from all of the running text is skipped with one search per form, not one per
    # text node (the text only shrinks as links are made, so this never skips a term in use).
    # NUL parts the nodes: no form matches it, and to the patterns' look-arounds it is a non-word.
    running = "\0".join(text.astext() for text in texts)
    for target, patterns in entries:
        if not any(p.search(running) for p in patterns):
            continue
        for index, text in enumerate(texts):
            matches = [m for m in (p.search(text.astext()) for p in patterns) if m]
            if matches:
                texts[index:index + 1] = _wrap(text, *_balanced(min(matches, key=lambda m: m.start())), target)
                break


OPENING, CLOSING = "“‘", "”’"


def _balanced(match: re.Match) -> tuple[int, int]:
    """The span of a match without a quotation mark that is not closed (or opened) inside it:
    “三公”经费 keeps both of its quotes, while in “决算 the opening quote belongs to a longer
    quotation and stays outside the link."""
    start, end = match.span()
    found = match.group()
    if found[0] in OPENING + '"' and not any(ch in found[1:] for ch in CLOSING + '"'):
        start += 1
    if found[-1] in CLOSING + '"' and not any(ch in found[:-1] for ch in OPENING + '"'):
        end -= 1
    return start, end


def _wrap(text: nodes.Text, start: int, end: int, target: str) -> list[nodes.Text]:
    """Split a text node around [start, end) and put that part in a term reference; returns the
    text left on either side (none where the link reaches the node's end)."""
    value = text.astext()
    reference = addnodes.pending_xref("", refdomain="std", reftype="term", reftarget=target,
                                      refexplicit=True, refwarn=True)
    reference += nodes.inline(value[start:end], value[start:end], classes=["xref", "std", "std-term"])
    pieces = [piece for piece in (nodes.Text(value[:start]), reference, nodes.Text(value[end:]))
              if piece is reference or piece.astext()]
    text.parent.replace(text, pieces)
    return [piece for piece in pieces if piece is not reference]


def setup(app: Sphinx) -> dict:
    app.add_config_value("glossary_terms", [], "env")
    app.connect("doctree-read", link_terms)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
