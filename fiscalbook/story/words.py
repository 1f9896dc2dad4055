"""The edition's words: pairs of texts, vocabulary labels, the names of figures, scopes, areas
and units, in English or Chinese."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from fiscalbook.data.load import Year, labels_of_all_years
from fiscalbook.data.places import available_places, load_place
from fiscalbook.data.validate import keys_named_by_rules
from fiscalbook.story import fmt


class Words:
    """What a year's figures and codes are called in one edition's language."""

    def __init__(self, data: Year, lang: str) -> None:
        self.data = data
        self.lang = lang

    def t(self, en: str, zh: str) -> str:
        """The edition's text of a pair."""
        return zh if self.lang == "zh" else en

    def label(self, field: str, code: str) -> str:
        """The edition's label of a vocabulary code (scope, budget, measure, period, unit)."""
        return self.t(*self.vocab[(field, code)])

    def name_of(self, key: str, in_sentence: bool = False) -> str:
        """What a figure is, in the edition's words, whether or not this year states it;
        ``in_sentence`` lower-cases an English label's first letter (not a name's)."""
        if self.data.has(key):
            label = self.data.fact(key).label(self.lang)
        else:  # a figure of another year, or (for an identity of another report) only its key
            label = self.t(*self.known_labels[key][:2]) if key in self.known_labels else key
        return fmt.in_sentence(label) if in_sentence and self.lang == "en" else label

    def scope_name(self, scope: str, in_sentence: bool = True, remark: bool = True) -> str:
        """A scope code's name in the edition's words. Inside an English sentence a common noun
        is lower-cased and takes 'the' ('the whole city (incl. counties)', 'the city-level
        government'), a name neither ('Haiyuan County'); ``remark=False`` drops a bracketed remark."""
        if ("scope", scope) not in self.vocab:
            return scope  # a scope a new report names that the vocabulary does not know yet
        label = self.label("scope", scope)
        if not remark:
            label = re.sub(r"\s*[(（][^)）]*[)）]$", "", label)
        if self.lang == "zh" or not in_sentence:
            return label
        lowered = fmt.in_sentence(label)
        return label if lowered == label else f"the {lowered}"

    def area_name(self, area: str) -> str:
        """An area the report names in its wording (中宁县), for a table cell: 'Zhongning County
        (中宁县)' in English; as written in Chinese, and when the vocabulary does not know it."""
        if self.lang == "zh" or ("scope", area) not in self.vocab:
            return area
        return f"{self.scope_name(area, in_sentence=False)} ({area})"

    def unit_name(self, unit: str, count: float | str = 2) -> str:
        """A unit in the edition's words: '10,000 yuan', 'school' for one, 'schools'."""
        return unit if self.lang == "zh" else fmt.noun(self.vocab[("unit", unit)][0], count)

    def with_unit(self, text: str, unit: str) -> str:
        """A written number and its unit for a table cell, as the edition writes it."""
        return fmt.with_unit(text, unit, self.lang)

    def axis_unit(self, unit: str) -> str:
        """An axis label for a unit: '万元 (10,000 yuan)' in English, '万元' in Chinese."""
        return self.t(f"{unit} ({self.unit_name(unit)})", unit)

    def distinct_names(self, keys: Sequence[str]) -> list[str]:
        """The names of figures for a sentence, each once; where two figures of different scopes
        share a name, each says its scope: 'local general public budget revenue (the whole city)'."""
        named = {key: self.name_of(key, in_sentence=True) for key in keys}
        scopes: dict[str, set[str]] = {}
        for key, name in named.items():
            scopes.setdefault(name, set()).add(self.scope_of(key))
        return list(dict.fromkeys(
            self.t(f"{name} ({self.scope_name(self.scope_of(key), remark=False)})",
                   f"{name}（{self.scope_name(self.scope_of(key), remark=False)}）") if len(scopes[name]) > 1 else name
            for key, name in named.items()))

    def scope_of(self, key: str) -> str:
        """The scope of a figure, of this year or (when it lacks it) of another year of data/."""
        return self.data.fact(key).scope if self.data.has(key) else self.known_labels.get(key, ("", "", "unstated"))[2]

    @cached_property
    def vocab(self) -> dict[tuple[str, str], tuple[str, str]]:
        """data/vocab.csv: (field, code) -> (English, Chinese)."""
        table = self.data.shared("vocab")
        return {(r.field, r.code): (r.label_en, r.label_zh) for r in table.itertuples()}

    @cached_property
    def known_labels(self) -> dict[str, tuple[str, str, str]]:
        """(English label, Chinese label, scope) of every key a figure may have: those the
        place's years state (its latest wording first), then those other places' years state (a
        key means the same in every place), then those the identities and indicators name (a
        report may leave out a figure no year of the data has stated yet; it is named by its
        key). A key in none of them is a typo."""
        named = {key: (key, key, "unstated") for key in keys_named_by_rules(self.data.data_dir, self.data.place_id)}
        others = {}
        for place in reversed(available_places(self.data.data_dir)):
            if place != self.data.place_id:  # another place's words for a figure, unless they name it
                words = load_place(self.data.data_dir, place).words()
                others |= {key: label for key, label in labels_of_all_years(self.data.data_dir, place).items()
                           if not any(word in label[0] or word in label[1] for word in words)}
        return named | others | labels_of_all_years(self.data.data_dir, self.data.place_id)
