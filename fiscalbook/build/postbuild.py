"""What is done to an edition's HTML after Sphinx has built it and before it is published
(fiscalbook.build.book calls ``finish_edition`` for each edition; the site is published only when
every edition has been finished)."""

from __future__ import annotations

from pathlib import Path

from fiscalbook.data.paths import BUILD
from fiscalbook.data.places import Place


def finish_edition(html: Path, lang: str, year: int, pdf: bool = True, place: Place | None = None,
                   cache: Path | None = None) -> None:
    """Complete the edition built in ``html`` (its language and report year): its CJK web
    font, then its PDF editions (student and teacher); ``pdf=False`` leaves the PDFs out (for
    the benchmark, which compares HTML builds with Jupyter Book's own). ``cache``: the build's
    cache folder (fonts cut for earlier builds), by default the repository's."""
    from fiscalbook.build import webfont  # loaded only when an edition is built, not on a no-change rebuild
    from fiscalbook.build.pdf import write_pdfs

    cache = cache or BUILD / "cache"
    webfont.install(html, cache=cache / "webfont")
    if pdf:
        write_pdfs(html, lang, year, place=place, cache=cache)  # html/<place>-<year>-<lang>-{student,teacher}.pdf
