"""What the book is made of and what differs between its editions: the table of contents
(``_toc.yml``), each edition's settings (``_config.yml`` with ``_editions.yml``) and the PDF's
file name. A module of its own so that the build, the PDF and the teacher's guide read them
from one place without importing each other."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from fiscalbook.data.paths import DEFAULT_DATA_DIR, DEFAULT_PLACE, REPO
from fiscalbook.data.places import Place, load_place
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


PDF_KINDS = ("student", "teacher")  # without solutions; with them, the teacher's guide and the answer key


def pdf_name(year: int, lang: str, place: str | None = None, kind: str = "student") -> str:
    """A PDF's file name, published in the edition's folder beside its index: the place's
    id, the year, the language and the kind of edition ('zhongwei-2023-en-student.pdf')."""
    if kind not in PDF_KINDS:
        raise ValueError(f"a PDF edition is one of {PDF_KINDS}, not {kind!r}")
    return f"{place or DEFAULT_PLACE}-{year}-{lang}-{kind}.pdf"


def edition_title(lang: str, place: Place | None = None) -> str:
    """The edition's title: ``_editions.yml``'s, with the place's name in the edition's language."""
    place = place or load_place(DEFAULT_DATA_DIR)
    editions = yaml.safe_load((REPO / "_editions.yml").read_text(encoding="utf-8"))
    return editions[lang]["title"].format(name=place.name(lang))


def edition_config(lang: str, year: int, place: Place | None = None) -> dict:
    """The Jupyter Book configuration of one edition of a place's year: ``_config.yml`` with
    the edition's title, Sphinx settings, language links and PDF name."""
    place = place or load_place(DEFAULT_DATA_DIR)
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    editions = yaml.safe_load((REPO / "_editions.yml").read_text(encoding="utf-8"))
    edition = editions[lang]
    config["title"] = edition_title(lang, place)
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx.update(edition.get("sphinx_config", {}))
    sphinx["edition_lang"] = lang
    sphinx["edition_links"] = {code: [editions[code]["switch_label"], editions[code]["hreflang"]] for code in LANGS}
    sphinx["html_title"] = config["title"]
    sphinx["edition_pdfs"] = [[kind, pdf_name(year, lang, place.id, kind)] for kind in PDF_KINDS]
    return config


REPOSITORY = re.compile(r"https://(?:github\.com|gitlab\.com)/[\w.-]+/[\w.-]+")


def repository_buttons(theme_options: dict) -> dict:
    """The theme's options with the repository and launch buttons made from ``repository_url``
    alone: none when it is empty, both when it is a repository's address; anything else is an
    error, so that no page links to a wrong place."""
    options = dict(theme_options)
    url = str(options.get("repository_url") or "").rstrip("/")
    if url and not REPOSITORY.fullmatch(url):
        from sphinx.errors import ConfigError  # here: the teacher's guide reads this without Sphinx

        raise ConfigError("_config.yml: html_theme_options.repository_url must be https://github.com/OWNER/NAME "
                          f"(or gitlab.com) or empty, not {url!r}")
    options["repository_url"] = url
    options["use_repository_button"] = bool(url)
    if not url:
        options.pop("launch_buttons", None)
    return options
