"""Sphinx extension: the law cited in prose, and the book's reading of it marked as such.

* The role ``{law}`budget-law:71``` (also ``regulations:45``, ``budget-law:69(2)`` for a
  paragraph) shows the citation in the edition's words ("Budget Law, Art. 71" /
  "《预算法》第七十一条") with the article's words as its tooltip, on hover and keyboard focus,
  as a figure shows its source sentence (fiscalbook.data.law.cite writes the same span for generated
  prose). An article the law does not have is an error with the document and line, so the
  book's build (-W) fails.
* The directive ``{reading}`` sets the book's interpretation apart, headed "Our reading" /
  "本书的解读", with its evidence given as ``:evidence:`` or as a last part of the body that
  starts "Evidence:" (or "依据："). fiscalbook.data.law.reading_html writes the same block.

The edition's language is Sphinx's ``language`` (zh_CN: Chinese; anything else: English); the
law texts are read from the config value ``law_dir`` (default: the repository's data/law/).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective, SphinxRole

from fiscalbook.data import law

EVIDENCE = re.compile(r"^\s*(?:Evidence|依据)\s*[:：]\s*")


def edition_lang(config: Config) -> str:
    return "zh" if str(config.language or "").startswith("zh") else "en"


def law_dir(srcdir: str | Path, config: Config) -> Path | None:
    """The folder of the law texts: ``law_dir`` (relative to the source folder), or the default."""
    return Path(srcdir, config.law_dir) if config.law_dir else None


class LawRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            html = law.cite_all(law.split_reference(self.text), edition_lang(self.config),
                                law_dir(self.env.srcdir, self.config))
        except law.LawError as err:
            message = self.inliner.reporter.error(f"{{law}}`{self.text}`: {err}", line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, message)], [message]
        return [nodes.raw(self.rawtext, html, format="html")], []


class ReadingDirective(SphinxDirective):
    has_content = True
    option_spec = {"evidence": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        title, label, space = law.reading_words(edition_lang(self.config))
        lines = [i for i, line in enumerate(self.content) if EVIDENCE.match(line)]
        split = lines[0] if lines else len(self.content)
        if "evidence" in self.options and lines:
            raise self.error("reading: give the evidence once, as :evidence: or as an 'Evidence:' part")
        if not "".join(self.content[:split]).strip():
            raise self.error("reading: the reading itself is missing")
        block = nodes.admonition("", nodes.title(title, title), classes=["reading"])
        self.set_source_info(block)
        self.state.nested_parse(self.content[:split], self.content_offset, block)
        evidence: list[nodes.Node] = []
        if "evidence" in self.options:
            words, messages = self.state.inline_text(self.options["evidence"], self.lineno)
            evidence = [nodes.paragraph("", "", *words), *messages]
        elif lines:
            part = self.content[split:]
            part[0] = EVIDENCE.sub("", part[0])
            holder = nodes.Element()
            self.state.nested_parse(part, self.content_offset + split, holder)
            evidence = list(holder.children)
        if evidence:
            if not isinstance(evidence[0], nodes.paragraph):
                evidence.insert(0, nodes.paragraph())
            evidence[0].insert(0, nodes.strong(label, label))
            if space:
                evidence[0].insert(1, nodes.Text(space))
            for node in evidence:
                if isinstance(node, nodes.paragraph):
                    node["classes"].append("reading-evidence")
            block += evidence
        return [block]


def setup(app: Sphinx) -> dict:
    app.add_config_value("law_dir", "", "env")
    app.add_role("law", LawRole())
    app.add_directive("reading", ReadingDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
