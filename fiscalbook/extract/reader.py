"""Reading the figures of a report: for each number, its unit, measure, subject, scope and
period, from the words around it.

The reader walks each sentence from number to number. The words between the previous figure
and this one (the *lead*) say what kind of figure it is (为预算的 → pct_of_budget, 同比下降 →
yoy_pct, negative); the last clause of the lead (the *piece*) names its subject (一般公共预算
收入) and scope (全市). A figure whose piece names no subject (为预算的 99%) belongs to the
subject before it. After 其中 / 包括, each list item that names only a government (中宁县 7.11
亿元) keeps the list's subject; one that names an item (税收收入 5.71 亿元) keeps the list's
scope. Parenthetical figures (沙坡头区收入 3.71 亿元) change nothing outside their brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from fiscalbook.data.provenance import Token, plain_number
from fiscalbook.extract import patterns as P
from fiscalbook.extract import vocabulary as V
from fiscalbook.extract.document import Document, Paragraph, Section, Sentence
from fiscalbook.extract.nonfigures import NonFigure, classify
from fiscalbook.extract.schema import allowed_units

UNSTATED = "unstated"


@dataclass(frozen=True)
class Subject:
    """What a figure counts, and for which government."""

    phrase: str  # the item's own words (label_zh when the vocabulary has none)
    budget: str
    item: str | None  # slug; None when the vocabulary has no name for it
    label_en: str
    label_zh: str
    scope: str = UNSTATED
    scope_prefix: str = UNSTATED
    doubt: str = ""  # what a person must check about this reading (a guessed scope, an unclear item)


@dataclass
class Figure:
    token: Token
    value: str
    unit: str
    measure: str
    subject: Subject
    period: str
    year_offset: int
    section: str
    start: int  # where the figure's own words begin (a quote starts there or before)
    end: int  # end of its unit
    qualifier: tuple[str, str] | None = None
    notes: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    lead_start: int = 0  # where the words since the previous figure begin


@dataclass
class Reading:
    figures: list[Figure] = field(default_factory=list)
    nonfigures: list[NonFigure] = field(default_factory=list)
    unread: list[tuple[Token, str]] = field(default_factory=list)  # numbers left for a person


@dataclass
class _State:
    """What a sentence has said so far."""

    subject: Subject | None = None
    scope: V.ScopeEntry | None = None
    aside_subject: Subject | None = None  # inside brackets
    list_parent: Subject | None = None
    list_scope: V.ScopeEntry | None = None
    list_items: list[Subject] = field(default_factory=list)
    respectively: tuple[str, int, list[Subject]] | None = None  # (measure cue piece, next index, items)
    yoy: bool = False  # a change against the previous year was read: later bare changes are too
    scope_doubt: str = ""  # why the sentence's scope is a guess
    inherited: V.ScopeEntry | None = None  # the scope of the sentence before, for one continuing it (加上…)
    compared: str = ""  # the words of a budget a figure was just compared with (完成…调整预算37.5亿元)
    prelim_seen: bool = False  # the sentence's last amount was a preliminary estimate
    introduced: V.ScopeEntry | None = None  # the scope of a paragraph introducing a list (…情况如下：)


def read(doc: Document, year: int) -> Reading:
    reading = Reading()
    tokens = doc.tokens
    carry: dict[tuple[str, str], V.ScopeEntry] = {}  # (section, budget group) -> scope last read
    index = 0
    last, introduced = _State(), False
    for paragraph in doc.paragraphs:
        prelim = bool(P.PRELIMINARY_PARAGRAPH.search(doc.text[paragraph.start : paragraph.end]))
        # what the previous sentence of the paragraph ended on; a paragraph that introduced a
        # list (…情况如下：) passes its scope to the list's paragraphs
        last = _State(introduced=last.scope or last.introduced) if introduced else _State()
        for sentence in paragraph.sentences:
            in_sentence = []
            while index < len(tokens) and tokens[index].start < sentence.end:
                if tokens[index].start >= sentence.start:
                    in_sentence.append(tokens[index])
                index += 1
            last = _read_sentence(doc, year, paragraph, sentence, in_sentence, prelim, carry, last, reading)
        introduced = bool(P.LIST_HEADING.search(doc.text, paragraph.start, paragraph.end)) or (
            introduced and last.scope is None)
    return reading


def _read_sentence(doc: Document, year: int, paragraph: Paragraph, sentence: Sentence, tokens: list[Token],
                   prelim: bool, carry: dict, last: _State, reading: Reading) -> _State:
    """Read the figures of one sentence; returns what it ended on."""
    text = doc.text
    section = paragraph.section
    state = _State(introduced=last.introduced)
    if P.CONTINUATION.match(text, sentence.start):  # 加上转移性收入…: the sentence before's government
        state.inherited = last.scope or last.inherited
    if P.LIST_START.match(text, sentence.start) and last.subject is not None:
        # 其中：公务接待费 38.2 万元 opening a sentence lists the parts of the previous one's figure
        state.subject, state.scope = last.subject, last.scope
    previous_end = sentence.start
    skip_until = -1
    for position, token in enumerate(tokens):
        if token.start < skip_until:
            continue
        nonfigure = classify(doc, token)
        if nonfigure is not None:
            reading.nonfigures.append(nonfigure)
            continue
        unit, unit_end, partner = _read_unit(text, token, tokens[position + 1 :])
        if unit is None:
            reading.unread.append((token, _unit_problem(text, token)))
            continue
        lead = text[previous_end : token.start]
        piece_start = _piece_start(text, previous_end, token.start)
        piece = P.DEFINITION_ASIDE.sub("", text[piece_start : token.start])  # 下降(以下简称“下降”)
        depth = _depth(text[sentence.start : token.start])
        if state.scope is None and depth == 0:
            _summary_before(text[sentence.start : piece_start], state)
            _intro_before(text[sentence.start : piece_start], state)
        after = _clause_after(text, unit_end, sentence.end)
        if P.LIST_INTRO.search(lead) and depth == 0:
            state.list_parent = state.subject or state.list_parent
            state.list_scope = state.scope or state.list_scope
            state.list_items = []
        period, offset = _period(doc, section, sentence, token, year)
        measure, sign, qualifier, unsure = _sentence_measure(doc, state, section, sentence, token, unit, piece,
                                                             lead, after, offset, year, partner)
        figure_period, notes = _preliminary(prelim, unit, piece, measure, period, state)
        before = state.subject
        subject = _subject(doc, state, section, piece, piece_start, after, measure, depth, carry, token)
        if measure == "amount" and P.COMPARED_BUDGET.search(piece):
            state.subject = before or subject  # 完成…调整预算37.5亿元的104.3%: the rate is of the figure before
            state.compared = piece
        if measure == "target" and subject.item in P.LIMIT_ITEMS:
            measure = "amount"  # 控制在债务限额92.6亿元以内: the limit itself, not a target
        subject = _respective_subject(state, piece, measure, subject)
        value = _value(token, sign)
        figure = Figure(token, value, unit, measure, subject, figure_period, offset, section.path or "",
                        piece_start, unit_end, qualifier, notes)
        if unsure:
            figure.review.append(f"unsure measure: read {measure} from '{piece}{token.text}{unit}'")
        if subject.doubt:
            figure.review.append(subject.doubt)
        if partner is not None:  # 10—50 万元: the second number is the range's maximum
            figure.lead_start = previous_end
            reading.figures.append(figure)
            end_unit = _read_unit(text, partner, [])[1]
            figure = Figure(partner, plain_number(partner.text), unit, "range_max", subject, figure_period, offset,
                            section.path or "", piece_start, end_unit, qualifier, list(notes))
            skip_until = partner.end
            unit_end = end_unit
        figure.lead_start = previous_end
        reading.figures.append(figure)
        previous_end = unit_end
        if depth == 0 and subject.budget != "programme":
            carry[(section.path, _budget_group(subject.budget))] = V.ScopeEntry("", subject.scope, subject.scope_prefix)
    if not reading.figures or reading.figures[-1].token.start < sentence.start:
        _titled(text[sentence.start : sentence.end], state)  # 1.本级征收完成数。: a sentence naming only a scope
    return state


def _sentence_measure(doc: Document, state: _State, section: Section, sentence: Sentence, token: Token, unit: str,
                      piece: str, lead: str, after: str, offset: int, year: int,
                      partner: Token | None) -> tuple[str, int, tuple[str, str] | None, bool]:
    """The measure of a figure from its own words and what its sentence has said."""
    cue = piece
    if state.compared and piece == "的":
        cue, state.compared = state.compared + piece, ""
    if state.respectively is not None and piece.strip("、，") == "":
        cue = state.respectively[0]  # 分别增长5.2%、3.1%: the later numbers share the first one's words
    measure, sign, qualifier, unsure = _measure(unit, cue, lead, after, section, offset, year, partner)
    if measure == "pct_of_budget" and _adjusted_by_definition(doc, cue, token.start):
        measure = "pct_of_adjusted_budget"
    if (measure in ("change_amount", "change_pct") and state.yoy and not P.BASELINE.search(cue)
            and not re.search("调增|调减", cue)):
        measure = "yoy_" + measure.removeprefix("change_")  # 减收2.14亿元，主要是…减少2.3亿元
    if unit == "%" and P.REACH.search(piece) and (P.TARGET.search(doc.text, sentence.start, token.start)
                                                   or section.forward):
        measure, sign = "target", 1  # 力争…，税收收入占比提高到70%
    state.yoy = state.yoy or measure.startswith("yoy_")
    return measure, sign, qualifier, unsure


def _adjusted_by_definition(doc: Document, cue: str, index: int) -> bool:
    """为预算的 after 调整预算(以下简称“预算”): the report's bare 预算 means the adjusted budget."""
    m = P.PCT_OF_BUDGET.search(cue)
    if m is None or re.search("年初|年度|全年", m.group()):
        return False
    defined = [term for at, term in doc.budget_definitions if at <= index]
    return bool(defined) and ("调整" in defined[-1] or "变动" in defined[-1])


def _preliminary(prelim: bool, unit: str, piece: str, measure: str, period: str,
                 state: _State) -> tuple[str, list[str]]:
    """In a paragraph of January estimates every amount is one, or a difference from one,
    except the final figure stated beside it (决算数为…) and a budget it is compared with
    (批准收入调整预算37.5亿元); a rate after an estimate in its sentence is the estimate's
    (预计完成39.1亿元，完成调整预算的104.3%)."""
    if not prelim:
        return period, []
    if unit not in P.MONEY_UNITS:
        if state.prelim_seen and unit == "%":
            return "preliminary", ["Of the preliminary estimate (预计数) before it."]
        return period, []
    if measure == "amount" and (P.FINAL_FIGURE.search(piece) or (P.BUDGET_FIGURE.search(piece)
                                                                and "预计" not in piece)):
        state.prelim_seen = state.prelim_seen and not P.FINAL_FIGURE.search(piece)
        return period, []
    state.prelim_seen = True
    if measure == "amount":
        return "preliminary", ["Preliminary estimate (预计数) reported to the people's congress, before the final "
                               "accounts were closed."]
    return "preliminary", ["Final figure minus the preliminary estimate, as the report states it."]


def _respective_subject(state: _State, piece: str, measure: str, subject: Subject) -> Subject:
    """分别增长5.2%、3.1%: the n-th rate belongs to the n-th item of the list before it."""
    if state.respectively is not None and measure not in ("amount", "count", "quantity"):
        cue_piece, next_index, items = state.respectively
        if piece.strip("、，") == "" and next_index < len(items):
            state.respectively = (cue_piece, next_index + 1, items)
            return items[next_index]
    elif state.respectively is not None:
        state.respectively = None
    if P.RESPECTIVELY.search(piece) and state.list_items:
        state.respectively = (piece, 1, list(state.list_items))
        return state.list_items[0]
    return subject


def _budget_group(budget: str) -> str:
    """The four budgets are read as one table: a scope said for one carries to the others."""
    return "budgets" if budget in ("general", "fund", "social_insurance", "state_capital") else budget


# -- units -----------------------------------------------------------------------------------

@cache
def _allowed_units() -> list[str]:
    return sorted(set(allowed_units()) | set(P.UNIT_SPELLINGS), key=len, reverse=True)


def _read_unit(text: str, token: Token, following: list[Token]) -> tuple[str | None, int, Token | None]:
    """(unit, end of unit, range partner) after a number; a range 10—50 万元 gives the second
    number as partner and the unit after it."""
    at = token.end
    if (following and P.RANGE_MARK.fullmatch(text[at : at + 1]) and following[0].start == at + 1):
        unit, end, _ = _read_unit(text, following[0], [])
        if unit is not None:
            return unit, end, following[0]
    if P.NOT_A_UNIT.match(text, at):
        return None, at, None
    for unit in _allowed_units():
        if text.startswith(unit, at):
            return P.UNIT_SPELLINGS.get(unit, unit), at + len(unit), None
    if m := P.BARE_MONEY.match(text, at):  # 5.1 亿, 100 万
        return m.group(1) + "元", m.end(), None
    return None, at, None


def _unit_problem(text: str, token: Token) -> str:
    word = re.match(r"[^\d，。；、：,.\s（）()“”]{0,4}", text[token.end :]).group()
    if not word:
        return f"number '{token.text}' without a unit: neither a figure nor a recognised label"
    return f"number '{token.text}' followed by '{word}', not an allowed unit: add the unit or exclude it"


# -- where the words of a figure start ---------------------------------------------------------

def _piece_start(text: str, start: int, end: int) -> int:
    """Start of the last clause before ``end``: after the last clause mark outside closed
    brackets (a mark inside 下降（以下简称“下降”，下同） ends no clause), or after an opening
    bracket that is still open."""
    marks: list[int] = []
    depth_opens: list[int] = []
    for i in range(start, end):
        ch = text[i]
        if ch in P.CLAUSE_MARKS or (ch in ",;:" and P.ASCII_CLAUSE_MARK.match(text, i)):
            marks.append(i + 1)
        elif ch in P.OPEN_PAREN:
            depth_opens.append(i)
        elif ch in P.CLOSE_PAREN and depth_opens:
            opened = depth_opens.pop()
            while marks and marks[-1] > opened:
                marks.pop()
    best = marks[-1] if marks else start
    if depth_opens and depth_opens[-1] + 1 > best:
        best = depth_opens[-1] + 1
    return best


def _depth(text: str) -> int:
    depth = 0
    for ch in text:
        if ch in P.OPEN_PAREN:
            depth += 1
        elif ch in P.CLOSE_PAREN and depth:
            depth -= 1
    return depth


def _clause_after(text: str, start: int, end: int) -> str:
    """The words after a figure up to the end of its clause or the next number."""
    m = re.search(f"[{P.CLAUSE_MARKS};:（）()0-9]|,(?!\\d)", text[start:end])
    return text[start : start + m.start()] if m else text[start:end]


# -- period -----------------------------------------------------------------------------------

def _period(doc: Document, section: Section, sentence: Sentence, token: Token, year: int) -> tuple[str, int]:
    period, offset = section.period, section.year_offset
    begin = max(sentence.start, doc.title_end)  # the title speaks of the report, not of this figure
    before = doc.text[begin : token.start]
    # the years the figure is of; 比2022年同期 names a baseline, not the figure's year
    explicit = [int(m.group(1)) for m in P.YEAR_WORD.finditer(before)
                if not re.search(r"[较比于从自至]$", before[: m.start()])]
    for stated in explicit:
        if stated in (year, year + 1):
            offset = stated - year
    if P.FIRST_HALF.search(before) or (not section.path and P.FIRST_HALF.search(doc.text[begin:sentence.end])):
        period = "h1"
        offset = explicit[-1] - year if explicit and explicit[-1] in (year, year + 1) else 1
    return period, offset


# -- measure ----------------------------------------------------------------------------------

def _measure(unit: str, piece: str, lead: str, after: str, section: Section, offset: int, year: int,
             partner: Token | None) -> tuple[str, int, tuple[str, str] | None, bool]:
    """(measure, sign, qualifier, unsure) of a figure."""
    qualifier = _qualifier(lead)
    while (aside := P.TRAILING_ASIDE.search(piece)) is not None:  # 下降（按可比口径）15.6%
        piece = piece[: aside.start()]
    change = P.CHANGE_VERB.search(piece)
    sign = -1 if change and P.FALL.fullmatch(change.group(1)) else 1
    baseline = P.BASELINE.search(piece)
    if unit == "个百分点":
        return "change_pp", sign, qualifier, False
    if unit == "%":
        if P.PCT_OF_ADJUSTED_BUDGET.search(piece) or P.PCT_OF_ADJUSTED_BUDGET_NAMED.search(piece):
            return "pct_of_adjusted_budget", 1, qualifier, False
        if P.PCT_OF_BUDGET.search(piece) or P.PCT_OF_BUDGET_NAMED.search(piece):
            return "pct_of_budget", 1, qualifier, False
        if P.PCT_OF_TARGET.search(piece):
            return "pct_of_target", 1, qualifier, False
        if P.TARGET.search(piece) or P.TARGET_AFTER.search(after):
            return "target", 1, qualifier, False
        if change or baseline:
            return _change_measure("pct", baseline, offset, year), sign, qualifier, False
        if P.SHARE.search(piece):
            return "share", 1, qualifier, False
        if P.RATE.search(piece):
            return "rate", 1, qualifier, False
        if section.forward:
            return "target", 1, qualifier, False
        return "rate", 1, qualifier, True
    if partner is not None:
        return "range_min", 1, qualifier, False
    if unit in P.MONEY_UNITS and change and not (baseline is None and change.group(1) in P.PROJECT_VERBS):
        if change.group(1) in P.ADJUSTMENT_VERBS:
            return "change_amount", sign, qualifier, False
        if baseline is None and change.group(1) in P.YOY_VERBS:
            return "yoy_amount", sign, qualifier, False
        measure = _change_measure("amount", baseline, offset, year)
        return ("change_amount" if measure == "yoy_amount" and baseline is None else measure), sign, qualifier, False
    if re.search(r"力争|目标", piece) or P.TARGET_AFTER.search(after):
        return "target", 1, qualifier, False
    if unit in P.MONEY_UNITS:
        return "amount", 1, qualifier, False
    if unit in P.QUANTITY_UNITS:
        return "quantity", 1, qualifier, False
    return "count", 1, qualifier, False


def _change_measure(kind: str, baseline: re.Match | None, offset: int, year: int) -> str:
    """yoy_* against the previous year (stated or implied), change_* against anything else."""
    if baseline is None:
        return f"yoy_{kind}"
    stated_year, other = baseline.group(1), baseline.group(2)
    if other or (stated_year and int(stated_year) != year + offset - 1):
        return "change_pct" if kind == "pct" else "change_amount"
    return f"yoy_{kind}"


def _qualifier(lead: str) -> tuple[str, str] | None:
    for pattern, english, chinese in P.QUALIFIERS:
        if m := pattern.search(lead):
            return english.format(*m.groups()), chinese.format(*m.groups())
    return None


def _value(token: Token, sign: int) -> str:
    value = plain_number(token.text)
    if sign < 0 and not value.startswith("-"):
        value = "-" + value
    return value


# -- subject and scope --------------------------------------------------------------------------

BASE_MEASURES = ("amount", "count", "quantity", "target", "range_min")


def _subject(doc: Document, state: _State, section: Section, piece: str, piece_start: int, after: str,
             measure: str, depth: int, carry: dict, token: Token) -> Subject:
    """The subject of a figure, updating what the sentence has said."""
    core, scope, doubt = _core_and_scope(piece)
    words = _strip_measure_words(core, measure)
    current = state.aside_subject if depth else state.subject
    in_list = state.list_parent is not None and depth == 0
    context = _context_words(doc, section, piece_start)
    if measure not in BASE_MEASURES:
        entry = _find_item(words, context) if words else None
        if entry is None and current is not None and measure not in ("rate", "share"):
            return _with_scope(current, scope, doubt) if scope is not None else current
        if not words and current is not None:
            return current
        subject = _new_subject(words or core, entry, current, section, after, measure)
    else:
        entry = _find_item(words, context) if words else None
        if not words and in_list:
            subject = state.list_parent
        elif not words and current is not None:
            subject = current
        else:
            parent = state.list_parent if in_list else current
            subject = _new_subject(words, entry, parent, section, after, measure)
    # scope: the piece's own, else the list's, the sentence's, the section's carried one, the heading's
    if scope is None and _scope_after(after) is not None and measure in BASE_MEASURES:
        scope = _scope_after(after)
    if scope is None:
        if in_list and state.list_scope is not None:
            scope = state.list_scope
        elif state.scope is not None:
            scope, doubt = state.scope, state.scope_doubt
        elif state.inherited is not None or state.introduced is not None:  # 加上转移性收入49.2亿元, after 全区…
            scope = state.inherited or state.introduced
        elif (section.path, _budget_group(subject.budget)) in carry and subject.budget != "programme":
            scope = carry[(section.path, _budget_group(subject.budget))]
        else:
            scope = _section_scope(doc, section)
    scope = _with_inclusion(doc, token, scope)
    if scope is not None:
        subject = _with_scope(subject, scope, doubt)
    if depth:
        state.aside_subject = subject
    else:
        state.subject = subject
        state.aside_subject = None
        if not in_list:
            state.scope, state.scope_doubt = scope, doubt
        else:
            state.list_items.append(subject)
    return subject


def _find_item(words: str, context: str) -> tuple | None:
    """The vocabulary's entry for ``words``; a short aside inside an entry's name does not hide
    it (债务(转贷)收入 is 债务转贷收入), one beside it (收入(含…)) is left alone."""
    entry = V.find_item(words, context)
    for m in P.SHORT_ASIDE.finditer(words):
        joined = V.find_item(words[: m.start()] + m.group(1) + words[m.end() :], context)
        if joined is not None and m.group(1) in joined[0].phrase:
            return joined
    return entry


def _with_scope(subject: Subject, scope: V.ScopeEntry, doubt: str) -> Subject:
    """The subject for ``scope``; a doubt about the scope joins any about the item."""
    item_doubt = subject.doubt if subject.doubt.startswith("item") else ""
    doubt = "; ".join(d for d in (item_doubt, doubt) if d)
    return replace(subject, scope=scope.scope, scope_prefix=scope.prefix, doubt=doubt)


def _core_and_scope(piece: str) -> tuple[str, V.ScopeEntry | None, str]:
    """The piece without noise words, the government it names (if any), and a doubt about
    that scope. The government is the one nearest the figure (汇总市级和各区决算全市收入 → 全市);
    a level named only inside a summary of parts (汇总市级和各区…收入) stands for the whole."""
    core = P.LEADING_NOISE.sub("", piece)
    if (own := V.name_level(core)) is not None:  # 合川级税收
        return P.LEADING_NOISE.sub("", core[len(own.phrase) :]) or core, own, ""
    found = V.find_item(core)
    protected = (found[1], found[2]) if found else (0, 0)
    asides = [(m.start(), m.end()) for m in P.ASIDE.finditer(core)]
    # 市本级收入: a level inside the item's name is not the scope; nor one inside brackets
    # (市级(不包括区级,下同)收入: the scope is 市级)
    names = [m for m in V.scope_pattern().finditer(core) if not (m.start() < protected[1] and m.end() > protected[0])
             and not any(a <= m.start() < b for a, b in asides)]
    summary = P.SUMMARY_OF_PARTS.search(core)
    if summary is not None and (not names or names[-1].start() < summary.end()):
        whole, doubt = _whole_of(summary)
        return P.LEADING_NOISE.sub("", core[summary.end() :] or core), whole, doubt
    if not names:
        return core, None, ""
    m = names[-1]
    core = P.LEADING_NOISE.sub("", core[: m.start()] + core[m.end() :])
    return core, V.scope_entry(m.group(1)), ""


def _whole_of(summary: re.Match) -> tuple[V.ScopeEntry, str]:
    """The whole a summary of parts announces (市级和各区 → 全市), and the review note saying so."""
    level = summary.group(1) or summary.group(2)
    entry = V.scope_entry(f"全{level}")
    return entry, f"scope read as {entry.scope} from the summary '{summary.group()}': check"


def _summary_before(words: str, state: _State) -> None:
    """汇总市级和各区决算，一般公共预算收入…: a summary clause before the figure's own clause
    gives the sentence its scope (the whole), unless a government is named after it."""
    summary = next(reversed(list(P.SUMMARY_OF_PARTS.finditer(words))), None)
    if summary is None or V.scope_pattern().search(words, summary.end()):
        return
    state.scope, state.scope_doubt = _whole_of(summary)


def _intro_before(words: str, state: _State) -> None:
    """全县一般公共预算收支情况如下：1.收入…: a clause introducing a list gives its scope to the
    figures of the list."""
    for clause in reversed(re.split(f"[{P.CLAUSE_MARKS}]", words)):
        if P.LIST_HEADING.search(clause + "："):
            if m := _scope_in(clause):
                state.scope = m
            return


def _titled(sentence: str, state: _State) -> None:
    """A short sentence without figures that names a government (1.本级征收完成数。) is a title:
    the sentences after it are of that government. A longer one is narrative and passes nothing."""
    title = P.SUB_HEADING.sub("", sentence, count=1).rstrip(P.SENTENCE_END)
    if len(title) <= P.TITLE_SENTENCE_MAX and (m := _scope_in(title)) is not None:
        state.scope = state.introduced = m


def _scope_in(words: str) -> V.ScopeEntry | None:
    words = P.ASIDE.sub("", words)
    found = V.find_item(words)
    for m in reversed(list(V.scope_pattern().finditer(words))):
        if found is None or not (m.start() < found[2] and m.end() > found[1]):
            return V.scope_entry(m.group(1))
    return None


# Where a measure's own words begin: the subject is the text before them (税收收入|占比 60.5%).
_MEASURE_CUES = (P.PCT_OF_ADJUSTED_BUDGET, P.PCT_OF_BUDGET, P.PCT_OF_TARGET, P.BASELINE, P.CHANGE_VERB,
                 re.compile(r"占"), re.compile(r"(?:率|进度)(?:为|达到?)?$"), P.RESPECTIVELY, P.FINAL_FIGURE)


def _strip_measure_words(core: str, measure: str) -> str:
    """The subject's own words: for a rate or change, the piece up to the measure's cue (a
    rate keeps its noun: 不良贷款率 → 不良贷款); for an amount, the piece without the words of
    a target (力争, 控制在) or of the final figure (决算数为)."""
    if measure in BASE_MEASURES:
        words = P.TARGET.sub("", P.FINAL_FIGURE.sub("", core))
    else:
        cut = min((m.start() for pattern in _MEASURE_CUES if (m := pattern.search(core))), default=len(core))
        words = core[:cut]
    for _ in range(2):
        words = P.TRAILING_NOISE.sub("", words)
        words = P.LEADING_NOISE.sub("", words)
    return words


def _new_subject(words: str, entry: tuple | None, parent: Subject | None, section: Section, after: str,
                 measure: str) -> Subject:
    if entry is not None:
        item = entry[0]
        budget = item.budget or _budget_of(section.title) or (parent.budget if parent else None) or "programme"
        return Subject(words, budget, item.item, item.label_en, _own_label(words, item), doubt=item.review)
    label = words
    if measure in ("count", "quantity") and after:
        label = (words + after) if words else after
    elif not words and after:
        label = after
    label = clean_label(label)
    budget = _budget_of(words) or "programme"
    return Subject(label, budget, None, "", label)


def _own_label(words: str, item: V.ItemEntry) -> str:
    """The item as the text names it, the whole noun phrase (上级补助收入, 政府直接债务余额,
    动用预算稳定调节基金), not the vocabulary's head word (收入, 债务余额): the words after the
    last verb of the clause (批准年初一般公共预算收入 → 年初一般公共预算收入). The vocabulary's
    label where the words do not hold the entry or hold no more than it."""
    phrase = P.LABEL_VERBS.split(P.ASIDE.sub("", words))[-1]  # without 市级(不包括县级,下同)'s aside
    phrase = clean_label(P.LEADING_NOISE.sub("", P.SUB_HEADING.sub("", phrase, count=1)))  # nor 1.'s number
    if item.phrase not in phrase or len(phrase) > P.LABEL_MAX:
        return item.label_zh
    return phrase if len(phrase) > len(item.phrase) else item.label_zh


def clean_label(label: str) -> str:
    """A label without stray punctuation at its ends: no leading comma, 顿号 or colon, no
    bracket or quote whose partner is not in the label (“三公”经费 and 支出（沙坡头区） keep theirs)."""
    closers = {v: k for k, v in P.PAIRS.items()}
    while label:
        first, last = label[0], label[-1]
        if first in P.LABEL_EDGE_PUNCT or (first in closers) or (first in P.PAIRS and P.PAIRS[first] not in label):
            label = label[1:]
        elif last in P.LABEL_EDGE_PUNCT or (last in P.PAIRS) or (last in closers and closers[last] not in label):
            label = label[:-1]
        else:
            return label
    return label


def _budget_of(words: str) -> str | None:
    for word, budget in (("一般公共预算", "general"), ("政府性基金", "fund"), ("社会保险基金", "social_insurance"),
                         ("基金预算", "fund"),
                         ("国有资本经营", "state_capital"), ("转移支付", "transfers"), ("“三公”", "three_public"),
                         ("债务", "debt"), ("债券", "debt")):
        if word in words:
            return budget
    return None


def _context_words(doc: Document, section: Section, piece_start: int) -> str:
    """The section title and the list header the figure stands under (for entries that apply
    only within a kind of list, e.g. the functions of 专项转移支付)."""
    paragraph_start = max(doc.text.rfind("。", 0, piece_start), section.start)
    header = doc.text[paragraph_start:piece_start]
    return section.title + "|" + header


def _section_scope(doc: Document, section: Section) -> V.ScopeEntry | None:
    for candidate in _ancestors(doc, section):
        if m := V.scope_pattern().search(candidate.title):
            return V.scope_entry(m.group(1))
    return None


def _ancestors(doc: Document, section: Section) -> list[Section]:
    found = [section]
    path = section.path
    while "." in path:
        path = path.rsplit(".", 1)[0]
        match = [s for s in doc.sections if s.path == path and s.start <= section.start]
        if match:
            found.append(match[-1])
    return found


def _scope_after(after: str) -> V.ScopeEntry | None:
    m = V.scope_pattern().match(after)
    if m is None:
        m = V.scope_pattern().search(after[:8])
    return V.scope_entry(m.group(1)) if m else None


def _with_inclusion(doc: Document, token: Token, scope: V.ScopeEntry | None) -> V.ScopeEntry | None:
    """市级 … 13.4 亿元（含沙坡头区）: the scope with what it includes, when that is a scope of its own."""
    if scope is None or scope.prefix != "municipal" or scope.scope != "市级":
        return scope
    m = re.compile(r"[^，；。]{0,6}?[（(]含([^）)]{1,8})[）)]").match(doc.text, token.end)
    if m:
        combined = f"{scope.scope}（含{m.group(1)}）"
        for entry in V.scopes():
            if entry.scope == combined:
                return entry
    return scope
