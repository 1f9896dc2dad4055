"""What is done to an edition's HTML after Sphinx has built it and before it is published
(fiscalbook.build calls ``finish_edition`` for each edition; the site is published only when
every edition has been finished)."""

from __future__ import annotations

from pathlib import Path


def finish_edition(html: Path, lang: str, year: int, pdf: bool = True) -> None:
    """Complete the edition built in ``html`` (its language and report year); ``pdf=False``
    leaves out the PDF edition (for the benchmark, which compares HTML builds)."""
    from fiscalbook.pdf import write_pdf  # loaded only when an edition is built

    if pdf:
        write_pdf(html, lang, year)  # the PDF edition, html/zhongwei-<year>-<lang>.pdf
