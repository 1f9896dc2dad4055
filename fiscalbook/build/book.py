"""Build the book: validate → execute notebooks with papermill (in parallel, skipping those
whose inputs are unchanged) → jupyter-book build with execution off and warnings as errors →
publish atomically, so that a failed build leaves the previous site in place.

Layout under ``_build/``::

    exec/<year>-<lang>/      the edition's book source: config, toc, executed notebooks, figures
    work/<year>-<lang>/      jupyter-book's output and Sphinx's incremental state
    logs/<year>-<lang>.log   the jupyter-book log of the last build
    html/<year>/<lang>/      the published site (``--out``); html/index.html lists every year
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from fiscalbook.build.buildinfo import COMMIT_MARK, fill_commit
from fiscalbook.build.editions import book_notebooks, edition_config, edition_title, toc_documents
from fiscalbook.build.kernels import Zygote, reproducible_env, warm_kernel_manager
from fiscalbook.build.notebooks import (
    absent_notebook,
    edition_notebook,
    exercise_with_source,
    failed_notebook,
    read_by_the_book,
    without_exercises,
    without_run_details,
    without_unanswerable_exercises,
)
from fiscalbook.build.pdf import close_browser, landing_link
from fiscalbook.build.postbuild import finish_edition
from fiscalbook.build.quickimport import CPU_SECONDS, skip_iri_format_checker
from fiscalbook.data.markup import escape_html
from fiscalbook.data.paths import BUILD, DEFAULT_PLACE, PACKAGE, REPO
from fiscalbook.data.places import Place, load_place, year_dir
from fiscalbook.data.problems import DataError
from fiscalbook.data.validate import keys_named_by_rules, validate
from fiscalbook.story.fmt import LANGS, unquoted

STATIC = PACKAGE / "static"
class BuildError(RuntimeError):
    """The build failed; the message says where. The published site is untouched."""


@dataclass
class Report:
    """What a build did, for the command line and the benchmark."""

    executed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    stand_ins: dict[str, str] = field(default_factory=dict)  # page -> why it could not be made

    @property
    def complete(self) -> bool:
        """Every page was made from the data (a chapter whose section the report lacks counts:
        it says so); False when a chapter failed and stands in with its cause."""
        return not self.stand_ins


# --- inputs and their fingerprints -----------------------------------------------------------

def _digest(paths: Iterable[Path], extra: str = "") -> str:
    digest = hashlib.sha256(extra.encode())
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def shared_inputs(data_dir: Path, year: int) -> str:
    """Fingerprint of everything a notebook's output depends on besides the notebook itself."""
    files = [p for p in PACKAGE.rglob("*.py") if p.name != "bench.py"]  # the benchmark changes no page
    # All of data/, every year's folder too: a chapter shows the previous report's figures, and
    # which exercises a year can answer depends on the keys of every year.
    files += [p for p in data_dir.rglob("*") if p.is_file()]
    files += [REPO / "requirements.txt"]
    return _digest([p.resolve() for p in files])


# --- execution -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    source: Path
    target: Path
    year: int
    lang: str
    data_dir: Path
    fingerprint: str
    logs: Path
    place: str = DEFAULT_PLACE

    @property
    def stamp(self) -> Path:
        return self.target.with_suffix(".inputs")

    @property
    def raw(self) -> Path:
        """The executed page with the commit mark unfilled (pages that state their build)."""
        return self.target.with_suffix(".raw")

    @property
    def timing(self) -> Path:
        """Seconds the last execution took, to run the longest notebooks first next time."""
        return self.target.with_suffix(".seconds")

    def last_seconds(self) -> float:
        try:
            return float(self.timing.read_text())
        except (OSError, ValueError):
            return float("inf")  # never run: first, as it may be long

    @property
    def failure(self) -> Path:
        """Where the cause of a stand-in is kept, so a rebuild that reuses the page reports it."""
        return self.target.with_suffix(".failed")

    def is_current(self) -> bool:
        return self.target.is_file() and self.stamp.is_file() and self.stamp.read_text() == self.fingerprint


def execute(job: Job) -> str:
    """Run one notebook with papermill and make it the edition's page. Returns "" when the page
    was made from the data, else why it could not be (the page then stands in with that cause).

    Exercises the year's data cannot answer are left out first; a chapter whose part of the
    report the year lacks (its Chapter raises ChapterAbsent) is run again as a stand-in; a
    chapter that fails on the year's data becomes a stand-in naming the cause, in both editions:
    never a traceback, and the rest of the book is still built."""
    job.target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    source = json.loads(job.source.read_text(encoding="utf-8"))
    keys, known = year_keys(job.data_dir, job.year, job.place)
    cause = ""
    try:
        notebook = _run_answerable(without_unanswerable_exercises(source, keys, known), job)
        if notebook is None:
            notebook = _run(absent_notebook(source), job)
    except ChapterFailed as failure:
        cause = failure.cause
        notebook = failed_notebook(source, failure_words(failure, job))
    problems = stderr_outputs(notebook)
    if problems:
        raise BuildError(f"{job.source.name} ({job.lang}) wrote to stderr: {problems[0]}")
    partial = job.target.with_suffix(".partial.ipynb")
    text = json.dumps(edition_notebook(notebook, job.lang), ensure_ascii=False, indent=1)
    if COMMIT_MARK in text:  # the page states the build's commit: kept with the mark, filled per build
        job.raw.write_text(text, encoding="utf-8")
    else:
        job.raw.unlink(missing_ok=True)
    partial.write_text(fill_commit(text, job.lang), encoding="utf-8")
    os.replace(partial, job.target)
    if cause:
        job.failure.write_text(cause, encoding="utf-8")
    else:
        job.failure.unlink(missing_ok=True)
    job.stamp.write_text(job.fingerprint)
    job.timing.write_text(f"{time.perf_counter() - started:.2f}")
    return cause


def _run_answerable(notebook: dict, job: Job) -> dict | None:
    """The notebook executed, leaving out each exercise whose solution fails on the year's data
    (a figure it needs that the report leaves out): the year cannot answer it. A failure outside
    an exercise raises ChapterFailed. The shipped year's book leaves out none (tested)."""
    while True:
        try:
            return _run(notebook, job)
        except ChapterFailed as failure:
            label = exercise_with_source(notebook, failure.code)
            if label is None:
                raise
            notebook = without_exercises(notebook, [label])


def _run(notebook: dict, job: Job) -> dict | None:
    """The notebook executed with the job's parameters; None when its chapter is absent."""
    skip_iri_format_checker()  # before papermill imports jsonschema: 2 s less per process
    import papermill
    from papermill.exceptions import PapermillExecutionError

    # The data folder as seen from the kernel's working folder: a relative path keeps the
    # executed notebook (and so the published site) the same whatever folder the book is in.
    data_dir = os.path.relpath(job.data_dir, job.target.parent)
    parameters = {"year": job.year, "lang": job.lang, "data_dir": data_dir, "place": job.place}
    log = job.logs / "kernels" / f"{job.place}-{job.year}-{job.lang}-{job.source.stem}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("", encoding="utf-8")
    staged = job.target.with_suffix(".input.ipynb")
    partial = job.target.with_suffix(".partial.ipynb")
    staged.write_text(json.dumps(notebook, ensure_ascii=False), encoding="utf-8")
    Zygote.start().warm(job.data_dir, job.year, job.place)  # the kernels' validation, done once
    try:
        with tempfile.TemporaryDirectory(prefix="fiscalbook-kernel-") as sockets:
            papermill.execute_notebook(
                str(staged), str(partial), parameters=parameters, kernel_name="python3",
                cwd=str(job.target.parent), progress_bar=False, request_save_on_cell_execute=False,
                kernel_manager_class=warm_kernel_manager(Path(sockets), log),
            )
    except PapermillExecutionError as err:
        if err.ename == "ChapterAbsent":
            return None
        raise ChapterFailed(job, err.ename, err.evalue, err.cell_index, err.source) from None
    except Exception as err:  # papermill raises its own error types; report them in one line
        raise BuildError(f"{job.source.name} ({job.lang}): {_first_line(err)}") from None
    finally:
        staged.unlink(missing_ok=True)
    notebook = json.loads(partial.read_text(encoding="utf-8"))
    partial.unlink()
    return without_run_details(notebook)


class ChapterFailed(Exception):
    """A chapter's code failed on the year's data (an error in one of its cells)."""

    def __init__(self, job: Job, name: str, value: str, cell: int, code: str = "") -> None:
        super().__init__(f"{name}: {value}")
        self.name, self.value, self.cell, self.code = name, value, cell, code
        self.cause = failure_cause(job, name, value, cell)


# str(KeyError): "'city.x'", "''" or "\"no fact with key 'city.x' in 2024\"" (Year.fact's message)
KEY_ERROR = re.compile(r"""^["']*(?:no fact with key ')?([^'"]*)'""")


def failure_cause(job: Job, name: str, value: str, cell: int) -> str:
    """One line naming what to fix: ``path:line:column: message``. Bad data names its place in
    the data (a DataError's lines are that already); a figure the chapter needs that the year
    lacks names the year's facts.csv; anything else names the notebook's cell."""
    facts = year_dir(job.data_dir, job.year, job.place) / "facts.csv"
    shown = os.path.relpath(facts, REPO) if facts.is_relative_to(REPO) else str(facts)
    if name == "DataError":
        return value.strip().splitlines()[0] if value.strip() else f"{shown}:1:1: the data is not valid"
    key = KEY_ERROR.match(value.strip()) if name == "KeyError" else None  # None: not a key's error
    if key is not None:
        wanted = key.group(1)
        what = f"the figure '{wanted}'" if wanted else "a figure with an empty key"
        return f"{shown}:1:1: {job.source.stem} needs {what}, which the {job.year} data does not state"
    notebook = os.path.relpath(job.source, REPO) if job.source.is_relative_to(REPO) else str(job.source)
    return f"{notebook}:{max(cell, 0) + 1}:1: {name}: {value.strip().splitlines()[0] if value.strip() else ''}"


def failure_words(failure: ChapterFailed, job: Job) -> dict[str, str]:
    """The stand-in's paragraph in each edition: the chapter could not be made, and why."""
    code = f"`{failure.cause}`"
    return {"en": f"*This chapter could not be made from the {job.year} data, so it stands in here. What to fix:* "
                  f"{code}\n\n*The rest of the book was built; no figure of another year is shown in its place.*",
            "zh": f"*本章无法根据{job.year}年的数据生成，此处为占位页。需要修正的是：*{code}\n\n"
                  "*本书其余部分已正常生成；这里没有用其他年份的数字代替。*"}


def year_keys(data_dir: Path, year: int, place: str | None = None) -> tuple[set[str], set[str]]:
    """The keys the year's facts state, and the keys known to be figures: those any year of the
    place states and those its identities and indicators name (a report may leave out a figure
    that no year of the data has stated yet; a string no table knows is a typo, and fails)."""
    from fiscalbook.data.load import labels_of_all_years

    with (year_dir(data_dir, year, place) / "facts.csv").open(encoding="utf-8") as facts:
        keys = {row["key"] for row in csv.DictReader(facts)}
    return keys, set(labels_of_all_years(data_dir, place)) | keys_named_by_rules(data_dir, place)


def _first_line(err: Exception) -> str:
    lines = [line for line in str(err).splitlines() if line.strip()]
    return next((line for line in reversed(lines) if "Error" in line), lines[-1] if lines else repr(err))


def stderr_outputs(notebook: dict) -> list[str]:
    """Text a notebook wrote to stderr: warnings are errors in this book."""
    found = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                lines = "".join(output.get("text", "")).strip().splitlines()
                found.append(lines[0] if lines else "(blank output on stderr)")
    return found


def notebook_inputs(source: Path) -> tuple[list[Path], str]:
    """The notebook a page is made from, and anything else its output shows: for a page that
    lists what the chapters hold (notebook metadata ``fiscalbook: {reads_book: true}``, e.g.
    the teacher's guide), what it reads of every chapter (``read_by_the_book``); for a page
    that states what it was built from (``shows_build: true``, the data chapter), nothing more:
    its commit is filled in after execution (``fill_build_commits``), not a reason to run it again."""
    flags = json.loads(source.read_text(encoding="utf-8")).get("metadata", {}).get("fiscalbook", {})
    extra = ""
    if flags.get("reads_book"):
        chapters = book_notebooks()
        extra += "".join(read_by_the_book(json.loads(path.read_text(encoding="utf-8"))) for path in chapters)
    return [source], extra


def edition_key(place: str | None, year: int, lang: str) -> str:
    """The name of an edition's working folders: 'zhongwei-2023-en'."""
    return f"{place or DEFAULT_PLACE}-{year}-{lang}"


def edition_log(build_dir: Path, place: str | None, year: int, lang: str) -> Path:
    """The jupyter-book log of an edition's last build (its processor seconds sit beside it)."""
    return build_dir / "logs" / f"{edition_key(place, year, lang)}.log"


def plan_jobs(year: int, langs: Iterable[str], data_dir: Path, build_dir: Path = BUILD,
              place: str | None = None) -> list[Job]:
    data_dir = data_dir.resolve()
    place = place or DEFAULT_PLACE
    shared = shared_inputs(data_dir, year)
    inputs = {document: notebook_inputs(REPO / f"{document}.ipynb") for document in toc_documents()}  # both editions'
    jobs = []
    for lang in langs:
        root = build_dir / "exec" / edition_key(place, year, lang)
        for document, (notebooks, shown) in inputs.items():
            fingerprint = _digest(notebooks, extra=f"{shared}|{place}|{year}|{lang}|{shown}")
            jobs.append(Job(REPO / f"{document}.ipynb", root / f"{document}.ipynb", year, lang, data_dir, fingerprint,
                            build_dir / "logs", place))
    return jobs


def fill_build_commits(jobs: list[Job]) -> None:
    """Write this build's commit into the pages that state it, executed now or before."""
    for job in jobs:
        if job.raw.is_file():
            write_if_changed(job.target, fill_commit(job.raw.read_text(encoding="utf-8"), job.lang))


def execute_all(jobs: list[Job], workers: int, report: Report,
                edition_done: Callable[[str], None] | None = None) -> None:
    """Execute the jobs whose page is not current, two editions' worth at a time on ``workers``
    processes: an edition's notebooks before the next edition's, the longest first (by their
    last run), and ``edition_done(lang)`` called as soon as all of an edition's pages are made,
    so its Sphinx build can start while the next edition's notebooks run."""
    todo = [job for job in jobs if not job.is_current()]
    report.skipped += [f"{job.lang}/{job.source.name}" for job in jobs if job not in todo]
    report.stand_ins |= {f"{job.lang}/{job.source.stem}": job.failure.read_text(encoding="utf-8")
                         for job in jobs if job not in todo and job.failure.is_file()}
    langs = list(dict.fromkeys(job.lang for job in jobs))
    left = {lang: sum(job.lang == lang for job in todo) for lang in langs}
    errors: list[str] = []

    def finished(lang: str) -> None:
        left[lang] -= 1
        if not left[lang] and edition_done and not errors:
            edition_done(lang)

    for lang in langs:
        if not left[lang] and edition_done:
            edition_done(lang)
    if not todo:
        return
    todo.sort(key=lambda job: (langs.index(job.lang), -job.last_seconds()))
    Zygote.start()  # one zygote for every worker, importing while the workers start and import papermill
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(todo)))) as pool:
        futures = {pool.submit(execute, job): job for job in todo}
        for future in as_completed(futures):
            job = futures[future]
            try:
                cause = future.result()
                report.executed.append(f"{job.lang}/{job.source.name}")
                if cause:
                    report.stand_ins[f"{job.lang}/{job.source.stem}"] = cause
            except BuildError as err:
                errors.append(str(err))
            finished(job.lang)
    if errors:
        raise BuildError("\n".join(sorted(errors)))


# --- the edition's book source ---------------------------------------------------------------

def write_if_changed(path: Path, text: str) -> None:
    """Rewrite a file only when its content changes, so Sphinx's incremental build sees no change."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def stage(lang: str, year: int, data_dir: Path, root: Path | None = None, execute: str = "off",
          build_dir: Path = BUILD, place: str | None = None) -> Path:
    """Write the edition's config, toc, static files and search dictionary into ``root``
    (by default beside its executed notebooks); ``execute`` is Jupyter Book's own setting."""
    root = root or build_dir / "exec" / edition_key(place, year, lang)
    config = edition_config(lang, year, load_place(data_dir, place))
    config["execute"]["execute_notebooks"] = execute
    config["sphinx"]["config"]["glossary_terms"] = glossary_terms(data_dir, lang)
    # fiscalbook.build.sphinx_law reads the law from the data folder, relative to the book's source
    config["sphinx"]["config"]["law_dir"] = os.path.relpath(Path(data_dir).resolve() / "law", root.resolve())
    if lang == "zh":  # Sphinx opens the dictionary relative to its working folder, the book source
        dictionary = Path("_search") / "jieba.txt"
        write_if_changed(root / dictionary, search_dictionary(data_dir, place))
        config["sphinx"]["config"]["html_search_options"] = {"dict": dictionary.as_posix()}
    write_if_changed(root / "_config.yml", yaml.safe_dump(config, allow_unicode=True))
    write_if_changed(root / "_toc.yml", (REPO / "_toc.yml").read_text(encoding="utf-8"))
    # Jupyter Book links every stylesheet of _static into every page: only the site's own goes
    # there (print.css is the PDF's, read by fiscalbook.build.pdf from the package).
    site_css = STATIC / "fiscalbook.css"
    write_if_changed(root / "_static" / site_css.name, site_css.read_text(encoding="utf-8"))
    (root / "_static" / "print.css").unlink(missing_ok=True)  # left by builds before this rule
    return root


def shared_rows(data_dir: Path, name: str) -> list[dict[str, str]]:
    """A year-independent table as rows of text (the csv module: the build needs no pandas)."""
    with (data_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def glossary_terms(data_dir: Path, lang: str) -> list[list]:
    """For fiscalbook.build.sphinx_glossary: each glossary entry as [the term it is listed under in
    this edition, [the forms to find in text]]."""
    return [[row["term_zh"] if lang == "zh" else row["term_en"], [row["term_en"], row["term_zh"]]]
            for row in shared_rows(data_dir, "glossary")]


def search_dictionary(data_dir: Path, place: str | None = None) -> str:
    """A jieba user dictionary of the book's Chinese terms, so that search finds 转移支付 as one
    word and not only 转移 and 支付."""
    terms = {row["term_zh"] for row in shared_rows(data_dir, "glossary")}
    terms |= {row["label_zh"] for row in shared_rows(data_dir, "vocab")}
    terms |= {scope.zh for scope in load_place(data_dir, place).scopes}
    terms = {unquoted(term) for term in terms}
    words = terms | {word for term in terms for word in re.split(r"[（）()·、 ]+", term)}
    return "".join(f"{word} 1000 n\n" for word in sorted(words) if len(word) >= 2 and " " not in word)


# --- jupyter-book and publishing --------------------------------------------------------------

def jupyter_book_command(source: Path, work: Path) -> list[str]:
    """HTML with execution off and every warning an error: Jupyter Book's command line, started
    without a slow import (fiscalbook.build.quickimport)."""
    return [sys.executable, "-m", "fiscalbook.build.quickimport", "build", str(source),
            "--path-output", str(work), "--builder", "html", "-W", "-n", "--keep-going"]


def start_jupyter_book(source: Path, work: Path, log: Path) -> subprocess.Popen:
    """Start jupyter-book on one edition (see ``jupyter_book_command``), writing to ``log``, and
    the processor seconds it uses to ``sphinx_seconds(log)``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**reproducible_env(), CPU_SECONDS: str(sphinx_seconds(log))}
    with log.open("w", encoding="utf-8") as handle:  # the child keeps its own copy of the file
        return subprocess.Popen(jupyter_book_command(source, work), stdout=handle, cwd=source,
                                stderr=subprocess.STDOUT, text=True, env=env)


def sphinx_seconds(log: Path) -> Path:
    """Where the edition whose jupyter-book log is ``log`` keeps its last run's processor seconds."""
    return log.with_suffix(".cpu")


def costliest_sphinx_first(langs: list[str], place: str, year: int, build_dir: Path) -> list[str]:
    """The editions in the order to build them: the one whose last Sphinx run took the most
    processor time first, so the edition built last, whose Sphinx run nothing else overlaps,
    is the quicker one; editions not yet timed keep their order."""
    def cost(lang: str) -> float:
        path = sphinx_seconds(edition_log(build_dir, place, year, lang))
        try:
            return float(path.read_text())
        except (OSError, ValueError):
            return 0.0

    return sorted(langs, key=cost, reverse=True)


def wait_jupyter_books(running: dict[str, tuple[subprocess.Popen, Path, Path, Path]]) -> dict[str, Path]:
    """Wait for the editions started with ``start_jupyter_book`` (language -> process, book
    source, work folder, log); every warning fails the build. Returns each edition's HTML folder."""
    failures = []
    for process, source, _, log in running.values():
        process.wait()
        output = log.read_text(encoding="utf-8")
        # Sphinx's warnings (with -W they also fail the build); not the kernels' own log lines.
        warnings = [line for line in output.splitlines() if "WARNING:" in line]
        if process.returncode != 0 or warnings:
            detail = "\n".join(warnings[:10]) or (output.strip().splitlines() or ["no output"])[-1]
            failures.append(f"jupyter-book failed for {source.name} (log: {_shown(log)}):\n{detail}")
    if failures:
        raise BuildError("\n".join(failures))
    return {lang: work / "_build" / "html" for lang, (_, _, work, _) in running.items()}


def jupyter_books(editions: dict[str, tuple[Path, Path, Path]]) -> dict[str, Path]:
    """Run jupyter-book for several editions side by side; ``editions`` maps a language to
    (book source, work folder, log file). Returns each edition's HTML folder."""
    return wait_jupyter_books({lang: (start_jupyter_book(source, work, log), source, work, log)
                               for lang, (source, work, log) in editions.items()})


def _shown(path: Path) -> str:
    """A path for a message: relative to the repository when inside it."""
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def jupyter_book(source: Path, work: Path, log: Path) -> Path:
    """One edition's HTML (see jupyter_books)."""
    return jupyter_books({"edition": (source, work, log)})["edition"]


def edition_code_fingerprint() -> str:
    """Fingerprint of the code that makes an edition from its executed notebooks: the package's
    Sphinx extensions and post-build steps, its static files and templates."""
    files = [*PACKAGE.rglob("*.py"), *(PACKAGE / "static").rglob("*"), *(PACKAGE / "templates").rglob("*")]
    return _digest([path for path in files if path.is_file()])


def fresh_when_code_changed(work: Path, code: str) -> None:
    """Start Sphinx afresh in ``work`` when the extensions, templates or static files changed:
    its incremental build would keep pages and files made by the old code."""
    stamp = work / ".code"
    if work.exists() and not (stamp.is_file() and stamp.read_text() == code):
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    stamp.write_text(code)


def offer_source_notebooks(html: Path) -> None:
    """Each page's download button offers ``_sources/<page>.ipynb``: make it the repository's
    own notebook (both editions, default parameters, no outputs), which runs as it is in a
    clone, rather than the executed page with this build's parameters and paths."""
    for document in toc_documents():
        target = html / "_sources" / f"{document}.ipynb"
        if target.parent.is_dir():
            shutil.copyfile(REPO / f"{document}.ipynb", target)


ASSET_CHECKSUM = re.compile(r'(\.(?:css|js))\?v=[0-9a-f]{8}"')


def without_asset_checksums(html: Path) -> None:
    """Drop the ?v=<checksum> Sphinx appends to style and script links: it adds them only for
    files already in the output folder when a page is written, so a clean build and a rebuild
    of the same sources would differ."""
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        plain = ASSET_CHECKSUM.sub(r'\1"', text)
        if plain != text:
            page.write_text(plain, encoding="utf-8")


def publish(html: Path, out: Path) -> None:
    """Replace ``out`` with ``html`` by renames: the old site stays until the new one is whole."""
    out.parent.mkdir(parents=True, exist_ok=True)
    incoming = out.with_name(f".{out.name}.incoming")
    outgoing = out.with_name(f".{out.name}.outgoing")
    for stale in (incoming, outgoing):
        shutil.rmtree(stale, ignore_errors=True)
    shutil.copytree(html, incoming, ignore=shutil.ignore_patterns(".buildinfo"))  # Sphinx's own state
    if out.exists():
        os.replace(out, outgoing)
    os.replace(incoming, out)
    shutil.rmtree(outgoing, ignore_errors=True)


def write_landing(site: Path, data_dir: Path) -> None:
    """The site root offers every place published in it, each with its years, newest first,
    in their editions; a place's names come from its descriptor in ``data_dir``."""
    editions = yaml.safe_load((REPO / "_editions.yml").read_text(encoding="utf-8"))
    items = []
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if not (data_dir / folder.name / "place.json").is_file():
            continue
        place = load_place(data_dir, folder.name)
        years = []
        for year in sorted((p.name for p in folder.glob("[0-9][0-9][0-9][0-9]") if p.is_dir()), reverse=True):
            links = " · ".join(
                f'<a href="{place.id}/{year}/{code}/index.html" hreflang="{editions[code]["hreflang"]}" '
                f'lang="{editions[code]["hreflang"]}">{escape_html(edition_title(code, place))}</a>'
                f'{landing_link(site, year, code, place.id)}'
                for code in LANGS if (folder / year / code / "index.html").is_file())
            if links:
                years.append(f'<li><span class="year">{year}</span> {links}</li>')
        if years:
            names = f'{escape_html(place.name("en"))} · <span lang="zh-Hans">{escape_html(place.name("zh"))}</span>'
            items.append(f'<li class="place"><h2>{names}</h2><ul>{"".join(years)}</ul></li>')
    write_if_changed(site / "index.html", (STATIC / "landing.html.in").read_text(encoding="utf-8")
                     .replace("{links}", "\n".join(items)))


def finish_html(html: Path, lang: str, year: int, pdf: bool, place: Place, build_dir: Path) -> None:
    """What an edition's HTML gets after Sphinx: the repository's and the students' notebooks
    as downloads, no asset checksums, then its web font and PDFs (``finish_edition``)."""
    from fiscalbook.build.students import offer_student_notebooks  # pandas: not for a no-change rebuild

    offer_source_notebooks(html)
    offer_student_notebooks(html, year, lang)  # each report chapter's, linked from its page
    without_asset_checksums(html)
    finish_edition(html, lang, year, pdf, place, cache=build_dir / "cache")


# --- the whole build ------------------------------------------------------------------------

def build(year: int, langs: Iterable[str], data_dir: Path, out: Path | None = None,
          workers: int | None = None, build_dir: Path = BUILD, pdf: bool = True, place: str | None = None) -> Report:
    """Build a place's year (the default place when None) in the editions in ``langs`` (working
    files in ``build_dir``: exec/, work/, logs/), each with its PDF edition unless ``pdf`` is False.
    Invalid data raises DataError, any other failure BuildError; in both cases the
    published site is untouched."""
    langs = list(langs)
    report = Report()
    started = time.perf_counter()
    place = place or DEFAULT_PLACE
    problems = validate(data_dir, year, place).problems
    if problems:
        raise DataError(problems)
    descriptor = load_place(data_dir, place)
    report.seconds["validate"] = time.perf_counter() - started
    requested, langs = langs, costliest_sphinx_first(langs, place, year, build_dir)
    jobs = plan_jobs(year, langs, data_dir, build_dir, place)
    edition_code = edition_code_fingerprint()
    running: dict[str, tuple[subprocess.Popen, Path, Path, Path]] = {}
    fingerprints: dict[str, str] = {}
    site = out or build_dir / "html"
    published = site / place / str(year)  # each place's year under its own path: building one leaves the others

    def start_edition(lang: str) -> None:
        """Once an edition's pages are made: its book source, and its Sphinx build unless the
        published edition was made from these very inputs."""
        fill_build_commits([job for job in jobs if job.lang == lang])
        source = stage(lang, year, data_dir, build_dir=build_dir, place=place)
        fingerprint = _digest([p for p in source.rglob("*") if p.is_file() and p.suffix not in (".inputs", ".seconds")],
                              extra=edition_code + f"|pdf={pdf}")
        stamp = published / lang / ".inputs"
        if stamp.is_file() and stamp.read_text() == fingerprint:
            return
        work, log = build_dir / "work" / edition_key(place, year, lang), edition_log(build_dir, place, year, lang)
        fresh_when_code_changed(work, edition_code)
        fingerprints[lang] = fingerprint
        running[lang] = (start_jupyter_book(source, work, log), source, work, log)

    try:
        execute_all(jobs, workers or os.cpu_count() or 1, report, edition_done=start_edition)
    except BaseException:
        for process, *_ in running.values():
            process.kill()
            process.wait()
        raise
    report.seconds["execute"] = time.perf_counter() - started - report.seconds["validate"]
    built: dict[str, Path] = {}
    failures: list[str] = []
    try:  # each edition finished as soon as its Sphinx build ends, while the next one's may run on
        for lang, edition in running.items():
            try:
                built[lang] = wait_jupyter_books({lang: edition})[lang]
            except BuildError as err:
                failures.append(str(err))
            if not failures:
                finish_html(built[lang], lang, year, pdf, descriptor, build_dir)
                (built[lang] / ".inputs").write_text(fingerprints[lang])
    finally:
        close_browser()
        for process, *_ in running.values():  # still running only when finishing an edition failed
            if process.poll() is None:
                process.kill()
                process.wait()
    if failures:  # every edition is built before any is published: all or nothing
        raise BuildError("\n".join(failures))
    report.seconds["sphinx"] = time.perf_counter() - started - report.seconds["validate"] - report.seconds["execute"]
    for lang in sorted(built, key=requested.index):
        publish(built[lang], published / lang)
        report.built.append(lang)
    write_landing(site, data_dir)
    report.seconds["total"] = time.perf_counter() - started
    return report
