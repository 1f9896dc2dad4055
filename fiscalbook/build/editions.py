"""What the book is made of and what differs between its editions: the table of contents
(``_toc.yml``), each edition's settings (``_config.yml`` with ``_editions.yml``) and the PDF's
file name. A module of its own so that the build, the PDF and the teacher's guide read them
from one place without importing each other."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from fiscalbook.data.paths import REPO
from fiscalbook.story.fmt import LANGS

TOC = REPO / "_toc.yml"


def toc_documents(toc_path: Path = TOC) -> list[str]:
    """The documents of the table of contents, in order (paths without suffix)."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    documents = [toc["root"]]

    def walk(entries: Iterable[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                documents.append(entry["file"])
            walk(entry.get("sections", []))

    walk(toc.get("chapters", []))
    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    return documents


def book_notebooks(toc_path: Path = TOC) -> list[Path]:
    """The notebooks of the table of contents, in order."""
    return [toc_path.parent / f"{document}.ipynb" for document in toc_documents(toc_path)]


def pdf_name(year: int, lang: str) -> str:
    """The PDF's file name, published in the edition's folder beside its index."""
    return f"zhongwei-{year}-{lang}.pdf"


def edition_config(lang: str, year: int) -> dict:
    """The Jupyter Book configuration of one edition: ``_config.yml`` with the edition's title,
    Sphinx settings, language links and PDF name."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    editions = yaml.safe_load((REPO / "_editions.yml").read_text(encoding="utf-8"))
    edition = editions[lang]
    config["title"] = edition["title"]
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx.update(edition.get("sphinx_config", {}))
    sphinx["edition_lang"] = lang
    sphinx["edition_links"] = {code: [editions[code]["switch_label"], editions[code]["hreflang"]] for code in LANGS}
    sphinx["html_title"] = edition["title"]
    sphinx["edition_pdf"] = pdf_name(year, lang)
    return config
