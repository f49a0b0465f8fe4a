"""The vetting rules and the priority weights, read once from their versioned data files in
`data/` and checked, so a mistyped criterion code fails loudly at load, not in a verdict."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from politzek.registry.criteria import criteria_sets, ground_codes


class RulesError(ValueError):
    """A rules file that cannot be used: the message names the file and the entry."""


@dataclass(frozen=True)
class ArticleGround:
    code_system: str
    articles: frozenset[str]
    ground: str  # a criterion code, e.g. pace-1900:a
    reason: str


@dataclass(frozen=True)
class StateLabel:
    label: str
    code_system: str
    articles: frozenset[str]


@dataclass(frozen=True)
class VettingRules:
    version: str
    recognizer_kind: str
    article_grounds: tuple[ArticleGround, ...]
    violence: dict[str, frozenset[str]]  # code system -> articles
    state_labels: tuple[StateLabel, ...]
    combatant_tags: frozenset[str]
    combatant_reason: str
    note_patterns: dict[str, re.Pattern[str]]  # flag -> words of list notes that raise it

    def grounds_for(self, code_system: str, article: str) -> list[ArticleGround]:
        return [rule for rule in self.article_grounds if rule.code_system == code_system and article in rule.articles]

    def is_violent(self, code_system: str, article: str) -> bool:
        return article in self.violence.get(code_system, frozenset())

    def state_label(self, code_system: str, article: str) -> str | None:
        for rule in self.state_labels:
            if rule.code_system == code_system and article in rule.articles:
                return rule.label
        return None

    def note_flags(self, notes: str) -> list[tuple[str, str]]:
        """(flag, the words found) for each flag a list's notes raise."""
        found = []
        for flag, pattern in self.note_patterns.items():
            match = pattern.search(notes)
            if match:
                found.append((flag, match.group(0)))
        return found


@dataclass(frozen=True)
class Factor:
    code: str
    text: str
    weight: float = 0.0
    per_year: float = 0.0
    cap_years: float = 0.0
    from_age: int | None = None
    under_age: int | None = None
    tags: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PriorityWeights:
    version: str
    factors: dict[str, Factor]


def _read(name: str) -> dict[str, Any]:
    text = resources.files("politzek.bargaining").joinpath(f"data/{name}").read_text()
    return tomllib.loads(text)


def _words(name: str, words: list[str]) -> re.Pattern[str]:
    parts = []
    for word in words:
        stem = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(stem + (r"\w*" if word.endswith("*") else r"(?!\w)"))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


@cache
def vetting_rules() -> VettingRules:
    name = "vetting-rules.toml"
    data = _read(name)
    known = ground_codes()
    grounds = []
    for number, rule in enumerate(data["article_grounds"], start=1):
        if rule["ground"] not in known:
            raise RulesError(f"{name}: article_grounds entry {number}: unknown criterion {rule['ground']!r}")
        grounds.append(ArticleGround(rule["code_system"], frozenset(rule["articles"]), rule["ground"], rule["reason"]))
    violence: dict[str, frozenset[str]] = {}
    for rule in data["violence"]:
        violence[rule["code_system"]] = violence.get(rule["code_system"], frozenset()) | frozenset(rule["articles"])
    if "hr-guidelines-2013:violence" not in known:
        raise RulesError(f"{name}: the violence exclusion hr-guidelines-2013:violence is not in the criteria data")
    labels = tuple(StateLabel(r["label"], r["code_system"], frozenset(r["articles"])) for r in data["state_labels"])
    patterns = {flag: _words(flag, words) for flag, words in data["note_words"].items()}
    return VettingRules(
        version=f"{data['code']} {data['version']}", recognizer_kind=data["recognizer_kind"],
        article_grounds=tuple(grounds), violence=violence, state_labels=labels,
        combatant_tags=frozenset(data["combatants"]["tags"]), combatant_reason=data["combatants"]["reason"],
        note_patterns=patterns,
    )


@cache
def priority_weights() -> PriorityWeights:
    data = _read("priority-weights.toml")
    factors = {}
    for code, spec in data["factors"].items():
        factors[code] = Factor(
            code=code, text=spec["text"], weight=float(spec.get("weight", 0)),
            per_year=float(spec.get("per_year", 0)), cap_years=float(spec.get("cap_years", 0)),
            from_age=spec.get("from_age"), under_age=spec.get("under_age"),
            tags=frozenset(spec.get("tags", ())), events=frozenset(spec.get("events", ())),
        )
    return PriorityWeights(version=f"{data['code']} {data['version']}", factors=factors)


def criterion_text(code: str) -> str:
    """The words of a criterion (`pace-1900:a`) from the criteria data."""
    set_code, key = code.split(":", 1)
    if set_code == "politzek-vetting" and key == "combatants":
        return vetting_rules().combatant_reason
    data = criteria_sets()[set_code]
    for section in ("grounds", "exclusions", "notes"):
        if key in data.get(section, {}):
            return str(data[section][key]["text"])
    raise KeyError(code)


def criterion_name(code: str) -> str:
    """A criterion as a reader cites it: "PACE Resolution 1900, ground (a)"."""
    set_code, key = code.split(":", 1)
    if set_code == "pace-1900":
        return f"PACE Resolution 1900 (2012), ground ({key})"
    if set_code == "hr-guidelines-2013":
        return f"Guidelines on political prisoners (2013), {key} {'exclusion' if key == 'violence' else 'note'}"
    if set_code == "politzek-vetting":
        return f"politzek vetting rules, {key} (Third Geneva Convention)"
    return code
