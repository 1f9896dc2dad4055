"""What the book offers a teacher: the exercises of its chapters, and links between chapters.

Exercises are sphinx-exercise directives in a chapter's Markdown cells, one per edition (cells
tagged ``lang-en`` / ``lang-zh``), labelled ``ex-…`` and classed by level::

    ::::{exercise}
    :label: ex-transfers-largest
    :class: basic
    Which general transfer line is the largest, and what share of all general transfers is it?
    ::::

``exercises`` reads them from the notebooks' sources, so a guide page can list them with their
whole prompts, levels and numbers, and link to each. The gated form (``{exercise-start}`` …
``{exercise-end}``) is read too. An exercise whose class names ``discussion`` asks for an
interpretation (its model answer is hidden like a solution).

The course the guide renders is data: ``data/course.yml`` (``load_course``): sessions naming
chapters by their file stem, activities with timings, homework, prerequisites, the rule of
expected time by level, and the end-of-course assessment on passages of another real report
(``tests/corpus``). Each report chapter's student notebook is published with its page by
``fiscalbook.build.students``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from fiscalbook.build.editions import toc_documents
from fiscalbook.build.notebooks import DIRECTIVE, GATE_END, directive_options
from fiscalbook.data.paths import DEFAULT_DATA_DIR, REPO
from fiscalbook.data.places import available_places
from fiscalbook.story.fmt import check_lang

LEVELS = ("basic", "intermediate", "advanced")
DISCUSSION = "discussion"  # the class of an exercise that asks for an interpretation, not a number
COLUMNS = ["document", "chapter", "label", "level", "kind", "title", "question"]
COURSE = DEFAULT_DATA_DIR / "course.yml"
CORPUS = REPO / "tests" / "corpus"
CONFIG = REPO / "_config.yml"
SENTENCE = re.compile(r"^(.+?(?:[.?!](?=\s|$)|[。？！]))", re.S)
LAW_ROLE = re.compile(r"\{law\}`(?P<reference>[^`]+)`")  # an article cited in a chapter's Markdown
SLOTS = (DISCUSSION, "exercises")  # the kinds of activity that hold the session's questions


def markdown_of(path: Path, lang: str) -> str:
    """The Markdown of one edition of a notebook (cells tagged for it or for neither), in order."""
    others = {f"lang-{code}" for code in ("en", "zh") if code != check_lang(lang)}
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    texts = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"
             and not others & set(cell.get("metadata", {}).get("tags", []))]
    return "\n\n".join(texts)


def chapter_title(markdown: str) -> str:
    """The first level-one heading."""
    found = re.search(r"^# (.+)$", markdown, re.M)
    return found.group(1).strip() if found else ""


def first_sentence(text: str) -> str:
    """The first sentence of a passage, on one line."""
    flat = " ".join(text.split())
    found = SENTENCE.match(flat)
    return found.group(1) if found else flat


def _level(classes: str) -> str:
    return next((name for name in classes.split() if name in LEVELS), "")


def prompt_text(text: str) -> str:
    """An exercise's whole statement on one line (its paragraphs joined), for a list item."""
    return " ".join(text.split())


def _parse(markdown: str) -> list[dict[str, str]]:
    found = []
    for match in DIRECTIVE.finditer(markdown):
        options, text = directive_options(match["body"])
        if match["name"] == "exercise-start":  # the statement follows the directive, up to its end
            after = markdown[match.end():]
            end = GATE_END.search(after)
            text = after[: end.start()] if end else after
        classes = options.get("class", "")
        found.append({"label": options.get("label", ""), "level": _level(classes),
                      "kind": DISCUSSION if DISCUSSION in classes.split() else "computational",
                      "title": match["title"].strip(), "question": prompt_text(text)})
    return found


def exercises(notebook_paths: Sequence[Path], lang: str, root: Path = REPO) -> pd.DataFrame:
    """Every exercise of the notebooks, in order, in one edition: the document (path from
    ``root`` without suffix, as in _toc.yml), the chapter's title, the exercise's label, level
    (one of LEVELS, or '' when its class names none), kind ('discussion' or 'computational'),
    title and whole statement (on one line)."""
    rows = []
    for path in map(Path, notebook_paths):
        markdown = markdown_of(path, lang)
        document = document_of(path, root)
        for exercise in _parse(markdown):
            rows.append({"document": document, "chapter": chapter_title(markdown), **exercise})
    return pd.DataFrame(rows, columns=COLUMNS)


def counts(found: pd.DataFrame, documents: Sequence[str]) -> pd.DataFrame:
    """How many exercises of ``found`` (as ``exercises`` returns them) each document has, per level
    and in all (exercises that name no level count only in the total); one row per document, in the
    order given, zero where a document has none."""
    rows = []
    for document in documents:
        mine = found[found["document"] == document]
        rows.append({"document": document, **{level: int((mine["level"] == level).sum()) for level in LEVELS},
                     "total": len(mine)})
    return pd.DataFrame(rows, columns=["document", *LEVELS, "total"])


def document_of(path: Path, root: Path = REPO) -> str:
    """A notebook's name as _toc.yml writes it: its path from ``root`` without suffix."""
    path = Path(path)
    return path.with_suffix("").relative_to(root).as_posix() if path.is_relative_to(root) else path.stem


def find_document(name: str, toc_path: Path = REPO / "_toc.yml") -> str:
    """The document of the table of contents whose file is named ``name`` after its number
    (digits, maybe a letter, and '_'): 'transfers' -> 'notebooks/08_transfers'."""
    for document in toc_documents(toc_path):
        if re.fullmatch(rf"(?:\d+[a-z]?_)?{re.escape(name)}", Path(document).name):
            return document
    raise LookupError(f"no chapter named '{name}' in {toc_path.name}")


def document_link(name: str, toc_path: Path = REPO / "_toc.yml") -> str:
    """A link to a chapter for generated Markdown; Sphinx writes the page's title as its text."""
    return f"{{doc}}`/{find_document(name, toc_path)}`"


# --- numbers ---------------------------------------------------------------------------------

def chapter_numbers(toc_path: Path = REPO / "_toc.yml") -> dict[str, int]:
    """Each chapter of the table of contents and its number, from 1 (the root, the introduction,
    has none): the number fiscalbook.build.sphinx_exercises gives its exercises ("Exercise 9.2")."""
    return {document: number for number, document in enumerate(toc_documents(toc_path)[1:], 1)}


def numbered(found: pd.DataFrame, toc_path: Path = REPO / "_toc.yml") -> pd.DataFrame:
    """``found`` (as ``exercises`` returns it, for the exercises an edition shows) with each
    exercise's number as the book prints it: the chapter's number and the exercise's place in
    the chapter ('9.2')."""
    numbers = chapter_numbers(toc_path)
    found = found.copy()
    place = found.groupby("document", sort=False).cumcount() + 1
    found["number"] = [f"{numbers[d]}.{p}" if d in numbers else str(p) for d, p in zip(found["document"], place,
                                                                                    strict=True)]
    return found


# --- the course ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Words:
    """A text in both editions."""

    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        return self.zh if check_lang(lang) == "zh" else self.en


def _words(entry: dict) -> Words:
    return Words(str(entry["en"]).strip(), str(entry["zh"]).strip())


@dataclass(frozen=True)
class Activity:
    minutes: int
    what: Words
    kind: str = ""  # "discussion" or "exercises": the slot holding the session's questions of that kind


@dataclass(frozen=True)
class Session:
    title: Words
    chapters: list[str]  # documents of the table of contents
    objectives: list[Words]
    activities: list[Activity]
    homework: Words

    @property
    def minutes(self) -> int:
        return sum(activity.minutes for activity in self.activities)

    def slot(self, kind: str) -> int:
        """The minutes of the session's activity for its discussion questions or its exercises."""
        return sum(activity.minutes for activity in self.activities if activity.kind == kind)


@dataclass(frozen=True)
class Question:
    points: int
    level: str
    prompt: Words
    answer: Words
    rubric: Words


@dataclass(frozen=True)
class Source:
    """A passage of another real report: its text, verbatim, and where it comes from."""

    name: str
    text: str
    title: str
    url: str
    place: str
    year: str
    slug: str = ""  # the place's folder name, were it in data/ ('keqiao')
    level: str = ""  # 'city', 'district' or 'county', as sources.csv writes it


@dataclass(frozen=True)
class Assessment:
    passages: list[Source]
    minutes: int
    questions: list[Question]
    grades: Words

    @property
    def points(self) -> int:
        return sum(question.points for question in self.questions)


@dataclass(frozen=True)
class Course:
    minutes: int
    expected_minutes: dict[str, int]
    prerequisites: list[Words]
    sessions: list[Session]
    assessment: Assessment
    covered: list[str] = field(default_factory=list)  # every chapter a session names, in order


class CourseError(ValueError):
    """The course plan is not a course: the message says why."""


def corpus_sources(corpus: Path = CORPUS) -> dict[str, dict[str, str]]:
    """The corpus's passages by name ('20_changning'), each with its row of sources.csv."""
    with (corpus / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def passage(name: str, corpus: Path = CORPUS) -> Source:
    """A passage of the corpus, verbatim, with its source's title and address."""
    row = corpus_sources(corpus).get(name)
    if row is None:
        raise CourseError(f"no passage {name!r} in {corpus / 'sources.csv'}")
    text = (corpus / "passages" / f"{name}.txt").read_text(encoding="utf-8").strip()
    return Source(name, text, row["title"], row["url"], row["place_zh"], row["report_year"], row["place_slug"],
                  row["level"])


def shown_places(passages: Sequence[Source], data_dir: Path = DEFAULT_DATA_DIR) -> list[str]:
    """The passages whose place has data in ``data_dir``: the book shows that place's figures (the
    places page sets them beside the book's own), so an assessment on them gives its answers away."""
    places = set(available_places(data_dir))
    return [s.name for s in passages if s.slug in places]


def load_course(path: Path = COURSE, toc_path: Path = REPO / "_toc.yml", corpus: Path = CORPUS,
                data_dir: Path = DEFAULT_DATA_DIR) -> Course:
    """The course plan, checked: 6 to 8 sessions whose activities fill the session's minutes, one
    slot each for the discussion questions and the exercises, every chapter named once, in the
    book's order, and found in the table of contents, questions with points and answers, and an
    assessment on passages of a place the data folder does not hold."""
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    minutes = int(plan["minutes"])
    sessions = []
    for number, entry in enumerate(plan["sessions"], 1):
        try:
            chapters = [find_document(name, toc_path) for name in entry["chapters"]]
        except LookupError as err:
            raise CourseError(f"session {number}: {err}") from None
        session = Session(_words(entry["title"]), chapters, [_words(o) for o in entry["objectives"]],
                          [Activity(int(a["minutes"]), _words(a), a.get("kind", "")) for a in entry["activities"]],
                          _words(entry["homework"]))
        if session.minutes != minutes:
            raise CourseError(f"session {number}: its activities take {session.minutes} minutes, not {minutes}")
        kinds = [activity.kind for activity in session.activities if activity.kind]
        if sorted(kinds) != sorted(SLOTS):
            raise CourseError(f"session {number}: activities of kinds {kinds}, not one of each of {list(SLOTS)}")
        sessions.append(session)
    if not 6 <= len(sessions) <= 8:
        raise CourseError(f"a course of {len(sessions)} sessions: the guide plans 6 to 8")
    covered = [chapter for session in sessions for chapter in session.chapters]
    if len(set(covered)) != len(covered):
        raise CourseError("a chapter is read in two sessions")
    order = toc_documents(toc_path)
    if covered != sorted(covered, key=order.index):
        raise CourseError("the sessions do not read the chapters in the order of the book")
    entry = plan["assessment"]
    questions = [Question(int(q["points"]), q["level"], _words(q), _words(q["answer"]), _words(q["rubric"]))
                 for q in entry["questions"]]
    assessment = Assessment([passage(name, corpus) for name in entry["passages"]], int(entry["minutes"]),
                            questions, _words(entry["grades"]))
    if shown := shown_places(assessment.passages, data_dir):
        raise CourseError(f"assessment passages {shown}: their place has data in {data_dir}, so the book shows "
                          "its figures; choose a passage of a place the data do not hold")
    return Course(minutes, {k: int(v) for k, v in plan["expected_minutes"].items()},
                  [_words(p) for p in plan["prerequisites"]], sessions, assessment, covered)


def expected_minutes(level: str, kind: str, rule: dict[str, int]) -> int:
    """The time an exercise is expected to take, by the course's rule: by level, a discussion
    question by its own."""
    return rule[DISCUSSION] if kind == DISCUSSION else rule.get(level, rule["intermediate"])


# --- rendering the guide (Markdown for ch.say) ------------------------------------------------

LEVEL_NAMES = {"basic": Words("basic", "基础"), "intermediate": Words("intermediate", "进阶"),
               "advanced": Words("advanced", "提高"), DISCUSSION: Words("discussion", "讨论")}
GUIDE_WORDS = {
    "session": Words("Session {n}: {title}", "第{n}次课：{title}"),
    "chapters": Words("Read before class", "课前阅读"),
    "chapter": Words("Chapter {n}, {link}", "第{n}章 {link}"),
    "objectives": Words("Objectives (after the session a student can)", "学习目标（学完本次课，学生能够）"),
    "activities": Words("In class ({minutes} minutes)", "课堂安排（{minutes}分钟）"),
    "activity": Words("{start}–{end} min ({minutes} min): {what}", "第{start}–{end}分钟（{minutes}分钟）：{what}"),
    "discussion": Words("Discussion questions", "讨论题"),
    "exercises": Words("Exercises", "练习"),
    "exercise": Words("{ref} ({level}, about {minutes} min, {when}): {prompt}",
                      "{ref}（{level}，约{minutes}分钟，{when}）：{prompt}"),
    "in_class": Words("in class", "课上"),
    "at_home": Words("homework", "课后"),
    "none": Words("This year's edition of these chapters has none.", "本年度版本的这几章没有。"),
    "homework": Words("Homework", "课后作业"),
    "homework_exercises": Words(
        "the questions the class has no time for: {refs} (about {minutes} minutes in all).",
        "课上没有时间做的题目：{refs}（共约{minutes}分钟）。"),
    "slots": Words("The questions planned in class take {discussion} of the {discussion_slot} minutes for discussion "
                   "and {exercises} of the {exercises_slot} minutes for exercises.",
                   "课上安排的题目共需讨论{discussion}分钟（本次课的讨论时间为{discussion_slot}分钟）、练习{exercises}分钟"
                   "（练习时间为{exercises_slot}分钟）。"),
    "passage": Words("{place} (a {level}), {title} ({year} report), {url}",
                     "{place}：{title}（{year}年度报告），{url}"),
    "question": Words("{n}. ({points} points, {level}) {prompt}", "{n}. （{points}分，{level}）{prompt}"),
    "answers": Words("Model answers and marking rubric (for the teacher)", "参考答案与评分标准（供教师使用）"),
    "answer": Words("Question {n}. Model answer: {answer} Rubric ({points} points): {rubric}",
                    "第{n}题。参考答案：{answer} 评分标准（{points}分）：{rubric}"),
}


LEVEL_OF_PLACE = {"city": Words("city", "市"), "district": Words("district", "区"), "county": Words("county", "县")}


def _item(text: str) -> str:
    return f"- {text}"


def with_citations(text: str, cite: Callable[[str], str] | None) -> str:
    """A chapter's Markdown for generated text: its {law} roles, which generated Markdown does not
    parse, as the citations ``cite`` writes (``ch.cite``)."""
    return LAW_ROLE.sub(lambda found: cite(found["reference"]), text) if cite else text


def law_citer(lang: str, data_dir: Path = DEFAULT_DATA_DIR) -> Callable[[str], str]:
    """What ``ch.cite`` writes for an article in an edition, for code without a chapter."""
    from fiscalbook.data import law

    def cite(reference: str) -> str:
        return law.cite_all(law.split_reference(reference), check_lang(lang), Path(data_dir) / "law")

    return cite


def minutes_of(rows: pd.DataFrame, rule: dict[str, int]) -> list[int]:
    """Each exercise's expected minutes, in order."""
    return [expected_minutes(row.level, row.kind, rule) for row in rows.itertuples()]


def schedule(rows: pd.DataFrame, slot: int, rule: dict[str, int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The exercises done in a slot of ``slot`` minutes, in their order while they fit, and the
    rest, left for homework."""
    used, fits = 0, []
    for minutes in minutes_of(rows, rule):
        fits.append(used + minutes <= slot)
        used += minutes if fits[-1] else 0
    mask = pd.Series(fits, index=rows.index, dtype=bool)
    return rows[mask], rows[~mask]


def session_plan(session: Session, found: pd.DataFrame, rule: dict[str, int]) -> dict[str, tuple[pd.DataFrame,
                                                                                             pd.DataFrame]]:
    """The session's questions per slot (discussion, exercises): those done in class and those left
    for homework."""
    mine = found[found["document"].isin(session.chapters)]
    mine = mine.assign(order=mine["document"].map(session.chapters.index)).sort_values("order", kind="stable")
    parts = {DISCUSSION: mine[mine["kind"] == DISCUSSION], "exercises": mine[mine["kind"] != DISCUSSION]}
    return {kind: schedule(rows, session.slot(kind), rule) for kind, rows in parts.items()}


def exercise_lines(rows: pd.DataFrame, rule: dict[str, int], lang: str, at_home: frozenset[str] = frozenset(),
                   cite: Callable[[str], str] | None = None) -> list[str]:
    """A list item per exercise: its number (a reference Sphinx resolves to "Exercise 9.2"), level,
    expected time, whether it is done in class or at home (labels in ``at_home``) and whole
    statement (its law citations written by ``cite``)."""
    return [_item(GUIDE_WORDS["exercise"](lang).format(
        ref=f"{{numref}}`{row.label}`", level=LEVEL_NAMES.get(row.kind if row.kind == DISCUSSION else row.level,
                                                              Words("", ""))(lang) or "—",
        minutes=expected_minutes(row.level, row.kind, rule),
        when=GUIDE_WORDS["at_home" if row.label in at_home else "in_class"](lang),
        prompt=with_citations(row.question, cite))) for row in rows.itertuples()]


def _chapter_named(document: str, numbers: dict[str, int], template: str) -> str:
    link = f"{{doc}}`/{document}`"
    return template.format(n=numbers[document], link=link) if document in numbers else link


def session_markdown(number: int, session: Session, found: pd.DataFrame, course: Course, lang: str,
                     toc_path: Path = REPO / "_toc.yml", cite: Callable[[str], str] | None = None) -> str:
    """One session of the course as Markdown: title, chapters (numbered as the book numbers them),
    objectives, timed activities, the discussion questions and exercises of its chapters that
    ``found`` holds (this edition's), each marked as done in class or at home by the time its slot
    leaves, and homework, with the questions left from class and their minutes."""
    words = {key: value(lang) for key, value in GUIDE_WORDS.items()}
    numbers = chapter_numbers(toc_path)
    plan = session_plan(session, found, course.expected_minutes)
    left = pd.concat([plan[DISCUSSION][1], plan["exercises"][1]])
    at_home = frozenset(left["label"])
    parts = [f"```{{rubric}} {words['session'].format(n=number, title=session.title(lang))}\n```",
             f"**{words['chapters']}**" + ("：" if lang == "zh" else ": ")
             + ("、" if lang == "zh" else "; ").join(_chapter_named(d, numbers, words["chapter"])
                                                   for d in session.chapters),
             f"**{words['objectives']}**",
             "\n".join(_item(with_citations(o(lang), cite)) for o in session.objectives)]
    start, timings = 0, []
    for activity in session.activities:
        timings.append(_item(words["activity"].format(start=start, end=start + activity.minutes,
                                                      minutes=activity.minutes,
                                                      what=with_citations(activity.what(lang), cite))))
        start += activity.minutes
    parts += [f"**{words['activities'].format(minutes=session.minutes)}**", "\n".join(timings)]
    for kind, title in ((DISCUSSION, words["discussion"]), ("exercises", words["exercises"])):
        rows = pd.concat(plan[kind]).sort_index()
        lines = exercise_lines(rows, course.expected_minutes, lang, at_home, cite)
        parts += [f"**{title}**", "\n".join(lines) if lines else words["none"]]
    parts.append(words["slots"].format(**{kind: sum(minutes_of(plan[kind][0], course.expected_minutes))
                                          for kind in SLOTS},
                                       **{f"{kind}_slot": session.slot(kind) for kind in SLOTS}))
    homework = session.homework(lang)
    if len(left):
        refs = ("、" if lang == "zh" else ", ").join(f"{{numref}}`{label}`" for label in left["label"])
        homework += ("另外：" if lang == "zh" else " Also: ") + words["homework_exercises"].format(
            refs=refs, minutes=sum(minutes_of(left, course.expected_minutes)))
    parts += [f"**{words['homework']}**" + ("：" if lang == "zh" else ": ") + homework]
    return "\n\n".join(parts)


def assessment_markdown(assessment: Assessment, lang: str, values: Mapping[str, str] | None = None) -> str:
    """The end-of-course problem set: its sources (named), the passages verbatim, the questions,
    and the model answers with the marking rubric folded in a dropdown. A model answer may name a
    figure of the book's own place as ``{name}``; ``values`` gives its text (the chapter computes it
    for the edition's year), so that course.yml types no figure of the book's place."""
    words = {key: value(lang) for key, value in GUIDE_WORDS.items()}
    sources = {(s.title, s.url): s for s in assessment.passages}
    named = "\n".join(_item(words["passage"].format(place=s.place, title=s.title, year=s.year,
                                                    level=LEVEL_OF_PLACE.get(s.level, Words(s.level, s.level))(lang),
                                                    url=f"[{s.url}]({s.url})")) for s in sources.values())
    quoted = "\n>\n".join(f"> {s.text}".replace("\n", "\n>\n> ") for s in assessment.passages)
    questions = "\n".join(words["question"].format(n=n, points=q.points, level=LEVEL_NAMES[q.level](lang),
                                                   prompt=q.prompt(lang))
                          for n, q in enumerate(assessment.questions, 1))
    answers = "\n\n".join(words["answer"].format(n=n, answer=_filled(q.answer(lang), values or {}), points=q.points,
                                                rubric=q.rubric(lang))
                          for n, q in enumerate(assessment.questions, 1))
    return "\n\n".join([named, quoted, questions,
                        f":::{{dropdown}} {words['answers']}\n{answers}\n\n{assessment.grades(lang)}\n:::"])


def _filled(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{name}`` of ``values`` replaced by its value; a name left unfilled is an error."""
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", value)
    left = re.findall(r"\{([a-z_]+)\}", text)
    if left:
        raise KeyError(f"course.yml: no value for {{{left[0]}}} in a model answer")
    return text


# --- the repository: one setting -------------------------------------------------------------

@dataclass(frozen=True)
class Repository:
    """The book's public repository, from the theme's ``repository_url`` (empty: none yet)."""

    url: str
    branch: str

    def clone(self) -> str:
        return f"git clone {self.url}.git" if self.url else ""

    def binder(self, document: str) -> str:
        """A Binder link opening a notebook in JupyterLab ('' without a repository)."""
        found = re.fullmatch(r"https://(github|gitlab)\.com/(.+)", self.url)
        if not found:
            return ""
        host = "gh" if found[1] == "github" else "gl"
        return f"https://mybinder.org/v2/{host}/{found[2]}/{self.branch}?urlpath=lab/tree/{document}.ipynb"

    def colab(self, document: str) -> str:
        """A Colab link opening a notebook (GitHub only; '' otherwise)."""
        found = re.fullmatch(r"https://github\.com/(.+)", self.url)
        if not found:
            return ""
        return f"https://colab.research.google.com/github/{found[1]}/blob/{self.branch}/{document}.ipynb"


def repository(config_path: Path = CONFIG) -> Repository:
    """The repository setting of _config.yml, checked as the theme checks it
    (fiscalbook.build.editions.repository_buttons)."""
    from fiscalbook.build.editions import repository_buttons

    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    options = repository_buttons(config["sphinx"]["config"]["html_theme_options"])
    return Repository(options["repository_url"], options.get("repository_branch") or "main")
