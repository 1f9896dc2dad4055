"""What a chapter puts on its page besides tables: paragraphs from the edition's template and
captioned charts, each ending with a note naming the figures the report leaves out."""

from __future__ import annotations

from pathlib import Path

from IPython.display import Markdown, display

from fiscalbook.data import law
from fiscalbook.data.markup import escape_html, sanitize
from fiscalbook.story import fmt
from fiscalbook.story.images import save_chart
from fiscalbook.story.unstated import Unstated
from fiscalbook.story.words import Words

FIGURE_DIR = Path("figures")  # beside the executed notebook, where Sphinx picks it up


class Page:
    """Paragraphs and figures of one chapter (``name``), in one edition."""

    def __init__(self, words: Words, unstated: Unstated, name: str) -> None:
        self.words, self.unstated, self.name = words, unstated, name
        self.charts = 0  # charts shown so far, which numbers the next one

    def say(self, en: str, zh: str, **values: object) -> None:
        """Display a paragraph from the edition's template; {year} and {next_year} are known.
        A paragraph that used a figure the report does not state ends with a note naming it."""
        year = self.words.data.year
        text = self.words.t(en, zh).format(year=year, next_year=year + 1, **values)
        display(Markdown(sanitize(text + self.unstated.note())))

    def cite(self, *references: str) -> str:
        """An article of the law for prose ('budget-law:71', 'regulations:45', 'budget-law:69(2)'):
        'Budget Law, Art. 71' / '《预算法》第七十一条', its words as tooltip on hover and focus.
        Several references are cited together, the law named once for a run of one law's articles
        ('《预算法》第三条、第四十三条'). An article the law lacks raises LawError, which fails the build."""
        return law.cite_all([part for reference in references for part in law.split_reference(reference)],
                            self.words.lang, self.words.data.data_dir / "law")

    def reading(self, en: str, zh: str, evidence: tuple[str, str], **values: object) -> None:
        """Display the book's own reading, marked as such ("Our reading" / "本书的解读"), with its
        evidence (en, zh): the arithmetic or the report's lines it rests on. Templates as in
        ``say``; say an inference as one ("consistent with", "probably")."""
        year = self.words.data.year
        text, proof = (self.words.t(*pair).format(year=year, next_year=year + 1, **values)
                       for pair in ((en, zh), evidence))
        block = law.reading_html(text + self.unstated.note(), proof, self.words.lang)
        display({"text/markdown": block, "text/html": block, "text/plain": text}, raw=True)

    def absent(self, subject: tuple[str, str]) -> None:
        """The one paragraph of a chapter whose whole section this year's report leaves out."""
        self.say(en="The report for {year} has no section on {subject}, so this chapter has nothing to show "
                    "for {year}. It shows no figure of another year in its place.",
                 zh="{year}年的报告没有关于{subject}的部分，因此本章没有{year}年的内容可以展示，"
                    "也不会用其他年份的数字代替。",
                 subject=fmt.in_sentence(subject[0]) if self.words.lang == "en" else subject[1])

    def figure(self, fig: object, caption: tuple[str, str], alt: tuple[str, str]) -> None:
        """Save ``fig`` and show it with a caption (a finding) and alt text, both (en, zh)."""
        import matplotlib.pyplot as plt

        t, lang = self.words.t, self.words.lang
        self.charts += 1
        FIGURE_DIR.mkdir(exist_ok=True)
        path = save_chart(fig, FIGURE_DIR / f"{self.name}-{lang}-{self.charts}")
        plt.close(fig)
        caption_text = sanitize(t(*caption) + self.unstated.note())
        alt_text = " ".join(t(*alt).split())  # one line: it is a directive option
        name = f"fig-{self.name}-{self.charts}"
        directive = (f":::{{figure}} {path.as_posix()}\n:alt: {alt_text}\n:name: {name}\n\n"
                     f"{caption_text}\n:::\n")
        page = (f'<figure><img src="{path.as_posix()}" alt="{escape_html(alt_text)}" style="max-width:100%">'
                f"<figcaption>{sanitize(caption_text, markdown=False)}</figcaption></figure>")
        display({"text/markdown": directive, "text/html": page, "text/plain": caption_text}, raw=True)
