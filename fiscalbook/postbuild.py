"""What is done to an edition's HTML after Sphinx has built it and before it is published
(fiscalbook.build calls ``finish_edition`` for each edition; the site is published only when
every edition has been finished)."""

from __future__ import annotations

from pathlib import Path

from fiscalbook import webfont


def finish_edition(html: Path, lang: str, year: int) -> None:
    """Complete the edition built in ``html`` (its language and report year)."""
    webfont.install(html)
