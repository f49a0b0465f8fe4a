"""Compare a name from a query or a list (with an optional birth date) with a person's names
in the registry: a score from 0 to 1 and every feature that counted, each explained, so a
reviewer sees why "Kalesnikava M." is Марыя Калеснікава and why Viktor Babariko's son is not.

The parts are read by names.parts; surnames compare by spelling and then by sound
(search_keys), given names through the table of equivalents (given_names), patronymics
through the given name they are made from. A conflict (two different known given names,
different patronymics, a man's and a woman's form of a surname, different birth years) caps
the score below the threshold whatever else agrees: namesakes and relatives share most of a
name, and the part that differs is the evidence.

This is the first rule set; the benchmark of issue 6 (bench/) sets the threshold and weights."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rigour.text.distance import levenshtein_similarity

from politzek.names.given_names import forms_of, given_name_group, same_given_name
from politzek.names.parts import PATRONYMIC_ENDING, NameParts, parse
from politzek.names.search_keys import fold_spelling, word_key

THRESHOLD = 0.75  # at or above: the same person
CONFLICT_CAP = 0.4  # the most a pair with a conflicting part can score
WEIGHTS = {"surname": 0.5, "given name": 0.35, "patronymic": 0.15}
# A woman's form of a surname is the man's with one of these endings changed (after the
# spelling folds): Ivanov / Ivanova, Kalesnikau / Kalesnikava, Tsikhanouski / Tsikhanouskaya.
GENDER_ENDINGS = (("ov", "ova"), ("ev", "eva"), ("in", "ina"), ("au", "ava"), ("ski", "skaya"),
                  ("sky", "skaya"), ("skiy", "skaya"), ("skii", "skaya"), ("ski", "skaa"), ("ny", "naya"),
                  ("oy", "aya"), ("y", "aya"))


@dataclass(frozen=True)
class Feature:
    name: str  # surname, given name, patronymic, birth date
    score: float  # how well this part agrees, 0 to 1
    detail: str
    conflict: bool = False


@dataclass(frozen=True)
class Match:
    score: float
    query_name: str
    record_name: str
    features: tuple[Feature, ...]

    @property
    def same(self) -> bool:
        return self.score >= THRESHOLD

    def explain(self) -> str:
        return "; ".join(f"{f.name}: {f.detail}" for f in self.features)


def _folded(word: str) -> str:
    return "-".join(fold_spelling(part) for part in word.split("-"))


def _gender_forms(left: str, right: str) -> bool:
    """Whether one surname is the other's form for the other gender."""
    for male, female in GENDER_ENDINGS:
        for a, b in ((left, right), (right, left)):
            if a.endswith(male) and b.endswith(female) and a[: -len(male)] == b[: -len(female)]:
                return True
    return False


def _womans_form(left: str, right: str) -> bool:
    """Aleksandr / Aleksandra, Evgeny / Evgenya: one given name is the other with a woman's
    ending (names the table does not list)."""
    short, long = sorted((left, right), key=len)
    return long in (short + "a", short[:-1] + "a", short + "ya", short[:-1] + "ya") and short != long


def _surname(query: tuple[str, ...], record: tuple[str, ...]) -> Feature | None:
    if not query or not record:
        return None
    best: Feature | None = None
    # A double surname matches on any of its words (Kalesnikava-Ivanova / Kalesnikava).
    for q in (w for word in query for w in word.split("-")):
        for r in (w for word in record for w in word.split("-")):
            fq, fr = _folded(q), _folded(r)
            if fq == fr:
                found = Feature("surname", 1.0, f"{q} = {r}")
            elif _gender_forms(fq, fr):
                found = Feature("surname", 0.0, f"{q} and {r} are a man's and a woman's form", conflict=True)
            elif word_key(q) == word_key(r):
                found = Feature("surname", 0.9, f"{q} ~ {r}: same sound ({word_key(q)})")
            else:
                # Edit distance, not Jaro-Winkler: a shared beginning (Kolesnik / Kolesnikova)
                # is not the same surname.
                similarity = levenshtein_similarity(fq, fr)
                found = Feature("surname", similarity if similarity >= 0.85 else 0.0,
                                f"{q} / {r}: spelling {similarity:.2f} alike")
            if best is None or (found.score, not found.conflict) > (best.score, not best.conflict):
                best = found
    return best


def _initial_fits(initial: str, name: str) -> bool:
    group = given_name_group(name)
    if group is None:
        return _folded(name).startswith(initial) or name.startswith(initial)
    # Uladzimir may be "V." in a Russian-language record: any form of the name fits.
    return any(form.startswith(initial) for form in forms_of(group))


def _given(query: NameParts, record: NameParts) -> Feature | None:
    if query.given and record.given:
        q, r = query.given[0], record.given[0]
        if same_given_name(q, r):
            group = given_name_group(q)
            return Feature("given name", 1.0, f"{q} = {r}" + (f" (forms of {group})" if group else ""))
        if given_name_group(q) and given_name_group(r):
            return Feature("given name", 0.0, f"{q} and {r} are different names", conflict=True)
        if _womans_form(_folded(q), _folded(r)):
            return Feature("given name", 0.0, f"{q} and {r} are a man's and a woman's name", conflict=True)
        similarity = levenshtein_similarity(_folded(q), _folded(r))
        if similarity >= 0.9:
            return Feature("given name", similarity, f"{q} / {r}: spelling {similarity:.2f} alike")
        return Feature("given name", 0.0, f"{q} and {r} differ", conflict=True)
    initials, full = (query.initials, record.given) if query.initials else (record.initials, query.given)
    if initials and full:
        if _initial_fits(initials[0], full[0]):
            return Feature("given name", 0.7, f"initial {initials[0].upper()}. fits {full[0]}")
        return Feature("given name", 0.0, f"initial {initials[0].upper()}. does not fit {full[0]}", conflict=True)
    if query.initials and record.initials:
        same = query.initials[0] == record.initials[0]
        return Feature("given name", 0.7 if same else 0.0, "same initial" if same else "different initials",
                       conflict=not same)
    return None


def _father(patronymic: str) -> str | None:
    """The given name a patronymic is made from, when the table knows it."""
    ending = PATRONYMIC_ENDING.search(patronymic)
    stem = patronymic[: ending.start()] if ending else patronymic
    for tail in ("", "i", "y", "ii", "iy", "a"):
        if group := given_name_group(stem + tail):
            return group
    return None


def _patronymic(query: NameParts, record: NameParts) -> Feature | None:
    q, r = query.patronymic, record.patronymic
    if q and r:
        fq, fr = _father(q), _father(r)
        if (fq and fq == fr) or _folded(q) == _folded(r):
            return Feature("patronymic", 1.0, f"{q} = {r}")
        if fq and fr:
            return Feature("patronymic", 0.0, f"{q} and {r}: different fathers ({fq}, {fr})", conflict=True)
        similarity = levenshtein_similarity(_folded(q), _folded(r))
        if similarity >= 0.9:
            return Feature("patronymic", similarity, f"{q} / {r}: spelling {similarity:.2f} alike")
        return Feature("patronymic", 0.0, f"{q} and {r} differ", conflict=True)
    # A second initial stands for the patronymic: "Kalesnikava M.A." / Aliaksandrauna.
    initials, full = (query.initials, r) if len(query.initials) > 1 else (record.initials, q)
    if len(initials) > 1 and full:
        if full.startswith(initials[1]) or (_father(full) and _initial_fits(initials[1], _father(full) or "")):
            return Feature("patronymic", 0.7, f"initial {initials[1].upper()}. fits {full}")
        return Feature("patronymic", 0.0, f"initial {initials[1].upper()}. does not fit {full}", conflict=True)
    return None


def _orders(parts: NameParts) -> list[NameParts]:
    """The readings to try: both orders for two plain words nobody could place."""
    if parts.ambiguous and len(parts.given) == 1 and len(parts.surname) == 1:
        return [parts, replace(parts, given=parts.surname, surname=parts.given)]
    return [parts]


def _score(features: list[Feature]) -> float:
    weights = {f.name: WEIGHTS[f.name] for f in features if f.name in WEIGHTS}
    total = sum(weights.values())
    if not total or "surname" not in weights:
        return 0.0
    score = sum(WEIGHTS[f.name] * f.score for f in features if f.name in WEIGHTS) / total
    if len(weights) == 1:
        score *= 0.6  # a surname alone: the Ivanovs of a list are many
    if any(f.conflict for f in features):
        score = min(score, CONFLICT_CAP)
    return round(score, 3)


def compare_names(query: str, record: str) -> Match:
    """How well one written name matches another, with the features that counted."""
    best: Match | None = None
    for q in _orders(parse(query)):
        for r in _orders(parse(record)):
            features = [f for f in (_surname(q.surname, r.surname), _given(q, r), _patronymic(q, r)) if f]
            match = Match(_score(features), query, record, tuple(features))
            if best is None or match.score > best.score:
                best = match
    assert best is not None
    return best


_YEAR = re.compile(r"^\d{4}")


def _birth(query: str, record: str) -> Feature:
    """Partial dates agree when one contains the other ("1984" and "1984-04-15")."""
    if query.startswith(record) or record.startswith(query):
        return Feature("birth date", 1.0, f"{query} fits {record}")
    if query[:4] == record[:4] and _YEAR.match(query):
        return Feature("birth date", 0.0, f"{query} and {record}: same year, different days", conflict=True)
    return Feature("birth date", 0.0, f"{query} and {record} differ", conflict=True)


def compare(query_names: Iterable[str], record_names: Iterable[str], query_birth: str | None = None,
            record_birth: str | None = None) -> Match:
    """The best match between any of a query's names and any of a person's names, then the
    birth dates: agreeing dates raise the score, different ones cap it below the threshold."""
    records = list(record_names)
    pairs = [compare_names(q, r) for q in query_names for r in records]
    if not pairs:
        return Match(0.0, "", "", ())
    best = max(pairs, key=lambda m: m.score)
    if not (query_birth and record_birth):
        return best
    birth = _birth(query_birth, record_birth)
    score = min(best.score, CONFLICT_CAP) if birth.conflict else min(1.0, best.score + 0.1)
    return Match(round(score, 3), best.query_name, best.record_name, (*best.features, birth))
