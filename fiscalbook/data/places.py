"""Places: each place's data lives in ``data/<place>/``, its years in ``data/<place>/<year>/``,
described by ``data/<place>/place.json``: its names in both languages, its level and region,
and the scopes its reports name (the whole, the municipal level, the city level, and its
parts: districts and counties, each with the key prefix its figures use).

Everything place-specific in the book comes from the descriptor, so no notebook types a place
name. Years compare only within a place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from fiscalbook.data.paths import DEFAULT_PLACE
from fiscalbook.data.problems import DataError, Problem, whole_file
from fiscalbook.data.tables import read_text_file

DESCRIPTOR = "place.json"
LANGS = ("en", "zh")
# What a scope is to the book: the whole place, the municipal level with its districts, the
# city-level government alone, the municipal level as a report words it, or one part.
ROLES = ("whole", "municipal", "municipal_as_worded", "city", "part")
NAMED = ("name", "short_name", "level", "region", "region_short")  # each {"en": …, "zh": …}
SUFFIXES = ("回族自治区", "自治区", "自治州", "自治县", "市", "区", "县", "省")


@dataclass(frozen=True)
class Scope:
    """A scope a place's reports name: its code in facts.csv and its names."""

    code: str
    role: str
    en: str
    zh: str
    key: str = ""  # a part's key prefix: 'shapotou' in 'shapotou.general.revenue'
    kind: str = ""  # a part's kind: district, county, city
    within: str = ""  # the code of the scope a part belongs to, if any

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Place:
    """A place's descriptor."""

    id: str
    names: dict[str, dict[str, str]]
    scopes: tuple[Scope, ...] = field(default_factory=tuple)
    also_named: tuple[str, ...] = ()  # other names prose might use: short names, the regional capital

    def word(self, what: str, lang: str) -> str:
        """One of the descriptor's names ('name', 'short_name', 'level', 'region',
        'region_short') in the edition's language."""
        return self.names[what]["zh" if lang == "zh" else "en"]

    def name(self, lang: str) -> str:
        return self.word("name", lang)

    @property
    def parts(self) -> list[Scope]:
        """The districts and counties its reports name, in the descriptor's order."""
        return [scope for scope in self.scopes if scope.role == "part"]

    def scope(self, code: str) -> Scope | None:
        return next((scope for scope in self.scopes if scope.code == code), None)

    def role(self, role: str) -> Scope | None:
        """The scope that plays ``role`` ('whole', 'municipal', 'city', ...), if the place has one."""
        return next((scope for scope in self.scopes if scope.role == role), None)

    def part(self, key: str) -> Scope | None:
        return next((scope for scope in self.parts if scope.key == key), None)

    @property
    def codes(self) -> set[str]:
        return {scope.code for scope in self.scopes}

    def words(self) -> set[str]:
        """The names this place is known by, its region's and its parts' (with their short
        forms: 沙坡头 of 沙坡头区, Shapotou of Shapotou District): words that must not reach
        another place's book."""
        names = [self.names[what][lang] for what in ("name", "short_name", "region") if what in self.names
                 for lang in LANGS]
        names += [scope.name(lang) for scope in self.parts for lang in LANGS]
        names += list(self.also_named)
        found = set()
        for name in names:
            found |= {name, name.split()[0], re.sub(f"({'|'.join(SUFFIXES)})$", "", name)}
        return {word for word in found if len(word) >= 2 and word.lower() not in ("the", "city")}


def place_dir(data_dir: Path | str, place: str | None = None) -> Path:
    return Path(data_dir) / (place or DEFAULT_PLACE)


def year_dir(data_dir: Path | str, year: int, place: str | None = None) -> Path:
    return place_dir(data_dir, place) / str(year)


def available_places(data_dir: Path | str) -> list[str]:
    """The places of a data folder: its subfolders with a descriptor."""
    return sorted(p.parent.name for p in Path(data_dir).glob(f"*/{DESCRIPTOR}"))


def check_place(data_dir: Path | str, place: str | None = None) -> tuple[Place | None, list[Problem]]:
    """Read and check a place's descriptor; problems as ``path:line:column`` lines."""
    path = place_dir(data_dir, place) / DESCRIPTOR
    problems: list[Problem] = []
    if not path.parent.is_dir():
        known = ", ".join(available_places(data_dir)) or "none"
        return None, [whole_file(path.parent, f"no place '{path.parent.name}' (places with data: {known})")]
    text = read_text_file(path, problems)
    if text is None:
        return None, problems
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as err:
        return None, [Problem(str(path), err.lineno, err.colno, f"not valid JSON: {err.msg}")]
    problems += _descriptor_problems(path, spec)
    if problems:
        return None, problems
    scopes = tuple(Scope(**{k: v for k, v in s.items() if k in Scope.__dataclass_fields__}) for s in spec["scopes"])
    others = tuple(word for lang in LANGS for word in spec.get("also_named", {}).get(lang, []))
    return Place(spec["id"], {what: spec[what] for what in NAMED if what in spec}, scopes, others), []


def _descriptor_problems(path: Path, spec: object) -> list[Problem]:
    if not isinstance(spec, dict):
        return [whole_file(path, "a place descriptor is a JSON object")]
    found = []
    if spec.get("id") != path.parent.name:
        found.append(f"'id' must be the folder's name '{path.parent.name}'")
    for what in NAMED:
        names = spec.get(what)
        if not (isinstance(names, dict) and all(isinstance(names.get(lang), str) and names[lang] for lang in LANGS)):
            found.append(f"'{what}' needs a name in each language: {{\"en\": …, \"zh\": …}}")
    scopes = spec.get("scopes")
    if not isinstance(scopes, list) or not scopes:
        found.append("'scopes' must list the scopes the reports name")
        scopes = []
    codes = [s.get("code") for s in scopes if isinstance(s, dict)]
    for i, scope in enumerate(scopes, 1):
        found += [f"scope {i}: {message}" for message in _scope_problems(scope, codes)]
    return [whole_file(path, message) for message in found]


def _scope_problems(scope: object, codes: list) -> list[str]:
    if not isinstance(scope, dict):
        return ["a scope is an object with code, role, en and zh"]
    found = [f"'{name}' is missing" for name in ("code", "role", "en", "zh") if not scope.get(name)]
    if scope.get("role") not in ROLES:
        found.append(f"role '{scope.get('role')}' is not one of {', '.join(ROLES)}")
    if scope.get("role") == "part" and not str(scope.get("key", "")).isidentifier():
        found.append("a part needs a 'key': the prefix of its figures' keys, e.g. 'shapotou'")
    if codes.count(scope.get("code")) > 1:
        found.append(f"code '{scope.get('code')}' is listed twice")
    if scope.get("within") and scope["within"] not in codes:
        found.append(f"'within' names '{scope['within']}', which is not a scope of this place")
    return found


def load_place(data_dir: Path | str, place: str | None = None) -> Place:
    """A place's checked descriptor; raises DataError listing every problem."""
    found, problems = check_place(data_dir, place)
    if problems:
        raise DataError(problems)
    return found
