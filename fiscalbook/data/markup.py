"""Data is text, never markup.

Two defences, one in each direction:

* ``find_markup`` finds what the validator refuses in any text field of the data (labels,
  quotes, notes): HTML tags and entities, Markdown links, code spans and MyST roles.
* ``sanitize`` is applied to every HTML or Markdown fragment the book writes from a notebook
  (paragraphs, table cells, captions, checks), however the fragment was composed. It keeps the
  few inline tags the package itself writes (a figure's ``<span class="fact" title=…>``,
  ``<br>``, ``<code>``…) and turns every other ``<`` into ``&lt;``; it keeps Markdown links
  only to web or relative addresses and roles only from a short list. So a label that slipped
  past validation shows as text and never runs as script.
"""

from __future__ import annotations

import os
import re

# Inline tags the package writes; attributes only of these names, values without < > ".
SAFE_TAGS = ("span", "br", "code", "small", "strong", "em", "sub", "sup")
SAFE_ATTRIBUTE = r'\s+(?:class|title|tabindex|role|lang|data-[a-z]+|aria-[a-z]+)="[^"<>]*"'
SAFE_TAG = re.compile(rf"</?(?:{'|'.join(SAFE_TAGS)})(?:{SAFE_ATTRIBUTE})*\s*/?>")
# Markdown links and images: [text](target) / ![alt](target).
LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^)\s]*)[^)\n]*\)")
SAFE_TARGET = re.compile(r"^(?:https?://|#|\.{0,2}/?[\w-])[^\s<>\"'`]*$", re.I)
UNSAFE_SCHEME = re.compile(r"^\s*(?:javascript|data|vbscript):", re.I)
ROLE = re.compile(r"(?<!\\)\{([\w:-]+)\}`")
# What Markdown shows literally: a role with its content, or a code span.
LITERAL = re.compile(r"\{(?P<role>[\w:-]+)\}`[^`\n]*`|(?P<ticks>`+)[^`\n]*?(?P=ticks)")
SAFE_ROLES = {"download", "term", "ref", "numref", "doc", "sub", "sup"}

MARKUP = re.compile(r"<\s*[A-Za-z/!?]|&#?\w+;|`|\]\(|\{[\w:-]+\}|javascript:", re.I)


# Set only by the test that proves the second defence: it builds a book from data that carries
# markup on purpose, which the validator would otherwise refuse.
ACCEPT_MARKUP_VARIABLE = "FISCALBOOK_TEST_ACCEPT_MARKUP"


def markup_refused() -> bool:
    return os.environ.get(ACCEPT_MARKUP_VARIABLE) != "1"


def find_markup(text: str) -> str | None:
    """The first piece of markup in a data field, or None when it is plain text."""
    found = MARKUP.search(text)
    return found.group() if found else None


def escape_html(text: str) -> str:
    """Text for HTML: & < > and quotes as entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def sanitize(fragment: str, markdown: bool = True) -> str:
    """A fragment of MyST Markdown (or, with ``markdown=False``, of HTML) with every tag, link
    and role the package does not write itself turned into text. In Markdown, code spans and
    the contents of the allowed roles are literal already and are left as they are."""
    text = str(fragment)
    if not markdown:
        return _escape_tags(text)
    text = LINK.sub(_safe_link, text)
    out, at = [], 0
    for match in LITERAL.finditer(text):
        role = match.group("role")
        if role is not None and role not in SAFE_ROLES:
            continue  # an unknown role: escaped below with the text around it
        out.append(_escape_tags(text[at:match.start()]))
        out.append(match.group())
        at = match.end()
    out.append(_escape_tags(text[at:]))
    return ROLE.sub(lambda m: m.group() if m.group(1) in SAFE_ROLES else "\\" + m.group(), "".join(out))


def _escape_tags(text: str) -> str:
    """Every < that does not open or close one of the package's own inline tags, as &lt;."""
    out, at = [], 0
    for match in SAFE_TAG.finditer(text):
        out.append(text[at:match.start()].replace("<", "&lt;"))
        out.append(match.group())
        at = match.end()
    out.append(text[at:].replace("<", "&lt;"))
    return "".join(out)


def _safe_link(match: re.Match) -> str:
    image, label, target = match.groups()
    if image or UNSAFE_SCHEME.match(target) or not SAFE_TARGET.match(target):
        return "\\" + match.group() if not image else "!\\" + match.group()[1:]
    return match.group()
