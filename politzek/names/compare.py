"""Compare a name from a query or a list (with an optional birth date) with a person's names
in the registry: a score from 0 to 1 and every feature that counted, each explained, so a
reviewer sees why "Kalesnikava M." is Марыя Калеснікава and why Viktor Babariko's son is not.

The parts are read by names.parts; surnames compare word by word (names.similarity: the same
word, its forms in the other languages, a typo), given names through the table of equivalents
(given_names) and then as words, patronymics through the given name they are made from,
initials against every form of a name. A conflict (two different known given names, different
patronymics, a man's and a woman's form of a surname, different birth dates) caps the score
below the threshold whatever else agrees: namesakes and relatives share most of a name, and
the part that differs is the evidence.

Weights and the threshold were set on a development set made with another seed than the
reported one (bench/names/README.md)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from politzek.names.abjad import words_left_out, writes_consonants
from politzek.names.cultures import is_placeholder, particles
from politzek.names.given_names import familiar_form_of, forms_of, given_name_group, initials_compatible
from politzek.names.parts import PATRONYMIC_ENDING, TURKIC_PARTICLES, NameParts, father_of, father_stem, parse
from politzek.names.search_keys import fallback_readings, fold_spelling, readings
from politzek.names.similarity import common_ending, compare_words, skeleton

THRESHOLD = 0.75  # at or above: the same person
AGREEING = 0.85  # a word pair at or above: the same word (spelled alike, a form, a typo)
CONFLICT_CAP = 0.4  # the most a pair with a conflicting part can score
WEIGHTS = {"surname": 0.5, "given name": 0.35, "patronymic": 0.15}
SURNAME_ALONE = 0.6  # a surname alone: the Ivanovs of a list are many
INITIAL = 0.7  # an initial that fits: weaker than the full name
FAMILIAR = 0.9  # a familiar form several names share (Sasha): a little weaker than the name
WITHOUT_SUFFIX = 0.85  # a surname with and without the Russian -ov (Zeynalov / Zeynal)
FATHERS_NAME_SURNAME = 0.85  # a surname made of the father's name and oglu / qizi (Ibadoglu)
BIRTH_DAY_BONUS = 0.15  # the same day of birth on both sides
BIRTH_YEAR_BONUS = 0.08  # one side gives only the year, and it fits
# A woman's form of a surname is the man's with one of these endings changed (after the
# spelling folds): Ivanov / Ivanova, Kalesnikau / Kalesnikava, Tsikhanouski / Tsikhanouskaya.
GENDER_ENDINGS = (("ov", "ova"), ("ev", "eva"), ("in", "ina"), ("av", "ava"), ("ski", "skaya"),
                  ("sky", "skaya"), ("ski", "skaa"), ("sky", "skaa"), ("sky", "ska"), ("ski", "ska"),
                  ("ny", "naya"), ("oy", "aya"), ("y", "aya"))


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

    def feature_dicts(self) -> list[dict[str, object]]:
        """The features as JSON-ready dicts (command output, the review queue)."""
        return [{"name": f.name, "score": f.score, "conflict": f.conflict, "detail": f.detail} for f in self.features]


@lru_cache(maxsize=100_000)
def _folded(word: str) -> str:
    return "-".join(fold_spelling(part) for part in word.split("-"))


def _gender_forms(left: str, right: str) -> bool:
    """Whether one surname is the other's form for the other gender."""
    if abs(len(left) - len(right)) > 3 or left[:1] != right[:1]:
        return False  # the two forms share all but the ending, two letters longer at most
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


@lru_cache(maxsize=200_000)
def _spellings(q: str, r: str) -> tuple[float, str]:
    """The best agreement of two words over their readings (x as ks or kh, French ou …); the
    fallback readings (Turkic c, Polish c, German s …) only when those found none."""
    best = _best_reading(readings(q), readings(r), (0.0, f"{q} and {r} differ"))
    if best[0] >= AGREEING:
        return best
    more_q, more_r = fallback_readings(q), fallback_readings(r)
    if not more_q and not more_r:
        return best
    # Two readings agree (a form, a vowel, a doubled letter) only when their consonants with a
    # common ending do: most pairs of different words are told apart by that set alone.
    own_q, fallback_q = _skeletons(q)
    own_r, fallback_r = _skeletons(r)
    if fallback_q.isdisjoint(own_r) and fallback_q.isdisjoint(fallback_r) and own_q.isdisjoint(fallback_r):
        return best
    found = _best_reading((*readings(q), *more_q), more_r, best)
    found = _best_reading(more_q, readings(r), found)
    if found[0] > best[0]:
        return found[0], f"{found[1]} (read as another language spells it)"
    return best


@lru_cache(maxsize=100_000)
def _skeletons(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """The consonants (with a common ending) of a word's own readings and of its fallback ones."""
    return (frozenset(skeleton(common_ending(spelling)) for spelling in readings(word)),
            frozenset(skeleton(common_ending(spelling)) for spelling in fallback_readings(word)))


def _best_reading(left: tuple[str, ...], right: tuple[str, ...], best: tuple[float, str]) -> tuple[float, str]:
    for fq in left:
        for fr in right:
            found = compare_words(fq, fr)
            if found[0] > best[0]:
                best = found
                if best[0] == 1.0:
                    return best
    return best


@lru_cache(maxsize=200_000)
def _surname_words(q: str, r: str) -> Feature:
    fq, fr = _folded(q), _folded(r)
    if fq != fr and _gender_forms(fq, fr):
        return Feature("surname", 0.0, f"{q} and {r} are a man's and a woman's form", conflict=True)
    score, why = _spellings(q, r)
    return Feature("surname", score, why if score else f"{q} and {r} differ")


# Azerbaijani, Kazakh, Uzbek and other Turkic surnames are written with the Russian -ov / -ev
# or without it (Əli Zeynalov / Ali Zeynal, Müşfiq Cabbarov / Mushfig Jabbar). Only read so
# when a name's letters or patronymic mark it Turkic: Slavic Bogdan and Bogdanov, Kolesnik and
# Kolesnikov are different surnames.
_TURKIC_LETTERS = re.compile("[əƏıİğĞşŞçÇqQәӘұҰқҚңҢғҒүҮөӨһҺ]")
_RUSSIAN_SUFFIX = re.compile(r"(?:y?ev|ov|y?eva|ova)$")


def _without_russian_suffix(q: str, r: str) -> str:
    """Why two surnames are one with and without the Russian suffix, or "" when they are not."""
    for long, short in ((q, r), (r, q)):
        found = _RUSSIAN_SUFFIX.search(long)
        if found is None or _RUSSIAN_SUFFIX.search(short) or len(short) < 4:
            continue
        stem = long[:found.start()]
        # -аев is -ай with -ев: Сарсенбаев, Sarsenbay.
        stems = (stem, stem + "y", stem + "i") if stem.endswith(("a", "e", "o", "u")) else (stem,)
        if any(len(s) >= 4 and _spellings(s, short)[0] >= AGREEING for s in stems):
            return f"{short} is {long} without the Russian suffix"
    return ""


@lru_cache(maxsize=50_000)
def _surname_parts(surname: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a surname to compare: hyphenated ones split, particles (al-, bin, van, de)
    left out unless nothing else is there."""
    pieces = [w for word in surname for w in word.split("-") if w]
    kept = tuple(w for w in pieces if w not in particles())
    return kept or tuple(pieces)


def _surname(query: tuple[str, ...], record: tuple[str, ...]) -> Feature | None:
    if not query or not record:
        return None
    qs, rs = _surname_parts(query), _surname_parts(record)
    if len(qs) >= 2 and len(rs) >= 2:
        return _both_double(qs, rs)
    best: Feature | None = None
    # A double surname matches on any of its words when the other side has one
    # (Kalesnikava-Ivanova / Kalesnikava).
    for q in qs:
        for r in rs:
            found = _surname_words(q, r)
            if best is None or (found.score, not found.conflict) > (best.score, not best.conflict):
                best = found
    return best


def _both_double(qs: tuple[str, ...], rs: tuple[str, ...]) -> Feature:
    """Two surnames of two words or more each agree only as far as all the words of the shorter
    find partners: "Reza Hajikhani" and "Reza Majidi" share a word, which is a given name or a
    father's name as often as a family's (Mohseni Ejei / Mohseni Ejei agree whole)."""
    shorter, longer = (qs, rs) if len(qs) <= len(rs) else (rs, qs)
    # The best pairing of the words (every assignment tried: surnames have few words), the
    # same whichever side asks.
    found: list[Feature] = []
    best_total = -1.0
    for chosen in itertools.permutations(longer[:6], min(len(shorter), 6)):
        pairing = [_surname_words(*sorted((word, other))) for word, other in zip(shorter, chosen, strict=False)]
        total = sum(f.score for f in pairing)
        if total > best_total:
            best_total, found = total, pairing
    score = sum(f.score for f in found) / len(found)
    return Feature("surname", round(score, 3), "; ".join(f.detail for f in found),
                   conflict=any(f.conflict for f in found))


def _initial_fits(initial: str, name: str, same_language: bool = False) -> bool:
    group = given_name_group(name)
    if group is None or same_language:
        return initials_compatible(initial, name, False) or initials_compatible(initial, _folded(name), False)
    # Uladzimir may be "V." in a Russian-language record: any form of the name fits.
    return any(initials_compatible(initial, form, False) for form in forms_of(group))


@lru_cache(maxsize=200_000)
def _given_words(q: str, r: str) -> Feature:
    group_q, group_r = given_name_group(q), given_name_group(r)
    for short, group in ((q, group_r), (r, group_q)):
        if group and group in familiar_form_of(short):
            return Feature("given name", FAMILIAR, f"{short} is a familiar form of {group}")
    if (familiar := familiar_form_of(q)) and familiar == familiar_form_of(r):
        return Feature("given name", FAMILIAR, f"{q} and {r} are one familiar form")
    if group_q and group_q == group_r:
        return Feature("given name", 1.0, f"{q} = {r} (forms of {group_q})")
    if group_q and group_r:
        return Feature("given name", 0.0, f"{q} and {r} are different names", conflict=True)
    fq, fr = _folded(q), _folded(r)
    if fq == fr:
        return Feature("given name", 1.0, f"{q} = {r}")
    if _womans_form(fq, fr):
        return Feature("given name", 0.0, f"{q} and {r} are a man's and a woman's name", conflict=True)
    score, why = _spellings(q, r)
    if score >= 0.85:
        return Feature("given name", score, why)
    return Feature("given name", 0.0, f"{q} and {r} differ", conflict=True)


def _given(query: NameParts, record: NameParts, same_language: bool = False) -> Feature | None:
    """`same_language`: both names write their surname the same way in the same script (one
    language), so an initial stands for the name as that language writes it: "Frinovsky M." and
    "Frinovsky N." are two people, and "A." does not fit Oleg (though Aleh is Oleg in
    Belarusian, a Russian-spelled record would write O.)."""
    if query.given and record.given:
        return _given_words(query.given[0], record.given[0])
    initials, full = (query.initials, record.given) if query.initials else (record.initials, query.given)
    if initials and full:
        if _initial_fits(initials[0], full[0], same_language):
            return Feature("given name", INITIAL, f"initial {initials[0].upper()}. fits {full[0]}")
        return Feature("given name", 0.0, f"initial {initials[0].upper()}. does not fit {full[0]}", conflict=True)
    if query.initials and record.initials:
        if initials_compatible(query.initials[0], record.initials[0], across_languages=not same_language):
            return Feature("given name", INITIAL, f"initials {query.initials[0].upper()}. and "
                           f"{record.initials[0].upper()}. may be one name")
        return Feature("given name", 0.0, "different initials", conflict=True)
    return None


@lru_cache(maxsize=200_000)
def _patronymic_words(q: str, r: str) -> Feature:
    fq, fr = father_of(q), father_of(r)
    if (fq and fq == fr) or _folded(q) == _folded(r):
        return Feature("patronymic", 1.0, f"{q} = {r}" + (f" (father {fq})" if fq else ""))
    if fq and fr:
        return Feature("patronymic", 0.0, f"{q} and {r}: different fathers ({fq}, {fr})", conflict=True)
    score, why = _spellings(q, r)
    if score >= 0.85:
        return Feature("patronymic", score, why)
    # A father's name against a patronymic made from it: a Turkic "Miromon o'g'li" or "Kamil
    # oglu" (parts keeps the father's name) and a Russian document's Miromonovich.
    for father, patronymic in ((q, r), (r, q)):
        stem = father_stem(patronymic)
        if stem != patronymic and len(stem) >= 3 and _spellings(father, stem)[0] >= 0.85:
            return Feature("patronymic", 0.9, f"{patronymic} is made from {father}")
    return Feature("patronymic", 0.0, f"{q} and {r} differ", conflict=True)


def _patronymic_initial_fits(initial: str, patronymic: str, same_language: bool = False) -> bool:
    father = father_of(patronymic)
    if father and not same_language:
        return any(initials_compatible(initial, form, False) for form in forms_of(father))
    return initials_compatible(initial, patronymic, False)


def _patronymic(query: NameParts, record: NameParts, same_language: bool = False) -> Feature | None:
    q, r = query.patronymic, record.patronymic
    if q and r:
        return _patronymic_words(q, r)
    # A second initial stands for the patronymic: "Kalesnikava M.A." / Aliaksandrauna.
    initials, full = (query.initials, r) if len(query.initials) > 1 else (record.initials, q)
    if len(initials) > 1 and full:
        if _patronymic_initial_fits(initials[1], full, same_language):
            return Feature("patronymic", INITIAL, f"initial {initials[1].upper()}. fits {full}")
        return Feature("patronymic", 0.0, f"initial {initials[1].upper()}. does not fit {full}", conflict=True)
    if len(query.initials) > 1 and len(record.initials) > 1:
        if initials_compatible(query.initials[1], record.initials[1], across_languages=not same_language):
            return Feature("patronymic", INITIAL, "the second initials may be one name")
        return Feature("patronymic", 0.0, "different second initials", conflict=True)
    return None


@lru_cache(maxsize=100_000)
def name_orders(name: str) -> tuple[NameParts, ...]:
    """The readings to try: both orders for two plain words nobody could place."""
    parts = parse(name)
    if parts.ambiguous and len(parts.given) == 1 and len(parts.surname) == 1:
        return (parts, replace(parts, given=parts.surname, surname=parts.given))
    return (parts,)


def _score(features: list[Feature]) -> float:
    total = weighted = 0.0
    parts = 0
    has_surname = conflict = False
    for feature in features:
        conflict = conflict or feature.conflict  # a generation too: Jr. and Sr. are two people
        weight = WEIGHTS.get(feature.name)
        if weight is None:
            continue
        parts += 1
        total += weight
        weighted += weight * feature.score
        has_surname = has_surname or feature.name == "surname"
    if not total or not has_surname:
        return 0.0
    score = weighted / total
    if parts == 1:
        score *= SURNAME_ALONE
    if conflict:
        score = min(score, CONFLICT_CAP)
    return round(score, 3)


def script_of(text: str) -> str:
    """The script of a written name's letters: "Latn", "Cyrl", "Arab", … ("" without letters)."""
    for char in text:
        if char.isalpha():
            if char.isascii():
                return "Latn"
            name = unicodedata.name(char, "")
            return name.split(" ")[0] if name else ""
    return ""


_RAW_WORD = re.compile(r"[^\W\d_]{3,}")


def _written_alike(query: str, record: str) -> bool:
    """Both names are in one language, so initials are read as written: they spell a word of
    three letters or more identically in the same script (Фриновский and Фриновский; Мицкевич
    and Міцкевіч are Russian and Belarusian, where A. may be Алег for Олег), or they are in two
    scripts and neither has a letter only Belarusian or Ukrainian writes ("Зайцев А.А." and
    "Oleg Zaitsev": A. does not stand for Oleg; the parts still compare surnames)."""
    if script_of(query) == script_of(record):
        return not _raw_words(query).isdisjoint(_raw_words(record))
    return not (_BELARUSIAN_OR_UKRAINIAN.search(query) or _BELARUSIAN_OR_UKRAINIAN.search(record))


# Letters Russian does not write: a name with one may be Belarusian or Ukrainian, where Алег
# (Aleh) is Олег and Мікалай is Николай, so its initials may stand for another form.
_BELARUSIAN_OR_UKRAINIAN = re.compile("[іїєґўІЇЄҐЎ]")


def _raw_words(name: str) -> frozenset[str]:
    return frozenset(_RAW_WORD.findall(name.casefold()))


PERSIAN_SPELLING = 0.9  # a Latin name the Persian letters spell, every word of it
PERSIAN_SPELLING_BUT_ONE = 0.8  # … every word but one of a longer Latin name


# A search or a vet asks the same pairs again; a dedupe never does, and 200,000 kept matches
# held about 200 MB of a dedupe of 100,000 people.
@lru_cache(maxsize=20_000)
def compare_names(query: str, record: str) -> Match:
    """How well one written name matches another, with the features that counted."""
    # Persian, Arabic or Hebrew letters against Latin ones: read letter by letter (names.abjad).
    consonants = next((name for name in (query, record) if writes_consonants(name)), None)
    latin = record if consonants is query else query
    if consonants is not None and script_of(latin) == "Latn":
        left_out = words_left_out(consonants, latin)
        if left_out == 0:
            return Match(PERSIAN_SPELLING, query, record, (Feature(
                "surname", PERSIAN_SPELLING, f"{latin} is what the letters of {consonants} spell "
                "(short vowels unwritten)"),))
        if left_out == 1:
            return Match(PERSIAN_SPELLING_BUT_ONE, query, record, (Feature(
                "surname", PERSIAN_SPELLING_BUT_ONE, f"the letters of {consonants} spell {latin} but one "
                "of its words (short vowels unwritten)"),))
    best_score = -1.0
    best_features: list[Feature] = []
    written_alike = _written_alike(query, record)
    turkic = bool(_TURKIC_LETTERS.search(query) or _TURKIC_LETTERS.search(record))
    for q in name_orders(query):
        for r in name_orders(record):
            features = _features(q, r, written_alike, turkic)
            score = _score(features)
            if score > best_score:
                best_score, best_features = score, features
    return Match(best_score, query, record, tuple(best_features))


_YEAR = re.compile(r"^\d{4}")


def _birth(query: str, record: str) -> Feature:
    """Partial dates agree when one contains the other ("1984" and "1984-04-15")."""
    if query == record and len(query) == 10:
        return Feature("birth date", 1.0, f"{query}: the same day")
    if query.startswith(record) or record.startswith(query):
        return Feature("birth date", 0.6, f"{query} fits {record}")
    if query[:4] == record[:4] and _YEAR.match(query):
        return Feature("birth date", 0.0, f"{query} and {record}: same year, different days", conflict=True)
    return Feature("birth date", 0.0, f"{query} and {record} differ", conflict=True)


def _conflicts_elsewhere(pairs: list[Match], best: Match, queries: tuple[str, ...],
                         records: tuple[str, ...]) -> list[Feature]:
    """Conflicts that other names of the same two records show (one of a person's names has
    the patronymic, another does not): a different father stays evidence whichever name
    scored best. Only pairs whose surnames agree speak about the same family, and never on a
    part where the record's (or the query's) own names already disagree with each other by
    these rules: "Кригер" and "Krieger" are one man's two spellings, so a conflict they show
    is the rules' misreading, not evidence."""
    found: list[Feature] = []
    unreliable: frozenset[str] | None = None  # read only when a conflict is there to weigh
    for match in pairs:
        if match is best or not match.features or match.features[0].name != "surname":
            continue
        if match.features[0].score < 0.85:
            continue
        for feature in match.features[1:]:
            if not feature.conflict:
                continue
            if unreliable is None:
                unreliable = own_disagreements(records) | own_disagreements(queries)
            if feature.name in unreliable:
                continue
            if all(f.detail != feature.detail for f in (*best.features, *found)):
                found.append(feature)
    return found


def _features(q: NameParts, r: NameParts, written_alike: bool, turkic: bool = False) -> list[Feature]:
    alike = written_alike and bool(q.surname) and q.surname == r.surname
    surname = _surname(q.surname, r.surname)
    if surname is not None and surname.score < AGREEING:
        surname = _surname_from_father(q, r) or _surname_from_father(r, q) or surname
    if surname is not None and surname.score < AGREEING and (turkic or _turkic_parts(q) or _turkic_parts(r)):
        for left, right in itertools.product(_surname_parts(q.surname), _surname_parts(r.surname)):
            if without := _without_russian_suffix(left, right):
                surname = Feature("surname", WITHOUT_SUFFIX, without)
                break
    found = [f for f in (surname, _given(q, r, alike), _patronymic(q, r, alike)) if f]
    if q.generation and r.generation and q.generation != r.generation:
        found.append(Feature("generation", 0.0, f"{q.generation} and {r.generation}", conflict=True))
    return found


def _turkic_parts(parts: NameParts) -> bool:
    """A patronymic read from a Turkic particle (parts keeps the bare father's name)."""
    return bool(parts.patronymic) and PATRONYMIC_ENDING.search(parts.patronymic) is None


def _surname_from_father(left: NameParts, right: NameParts) -> Feature | None:
    """An Azerbaijani surname made of the father's name and oğlu / qızı ("Gubad Ibadoglu",
    "Sevinj Vagifgizi") against a record that gives that father ("Губад Ибад оглу Байрамов")."""
    if len(left.surname) != 1 or not right.patronymic:
        return None
    word = left.surname[0]
    for particle in TURKIC_PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 3:
            father = word[: -len(particle)]
            if _spellings(father, right.patronymic)[0] >= AGREEING:
                return Feature("surname", FATHERS_NAME_SURNAME,
                               f"{word} is made of the father's name {right.patronymic} and {particle}")
    return None


@lru_cache(maxsize=20_000)  # a dedupe asks for one person's names in a run of pairs
def own_disagreements(names: tuple[str, ...]) -> frozenset[str]:
    """The parts (given name, patronymic…) on which one person's own names conflict under these
    rules, in any reading of their order: each name of a record stands on its own there
    ("Mahsa (Jina) Amini" is Mahsa Amini and Jina Amini, whose given names differ)."""
    parts: set[str] = set()
    for i, left in enumerate(names):
        for right in names[i + 1:]:
            # Both ways: a word's readings are tried from one side, so the order can matter.
            for a, b in ((left, right), (right, left)):
                alike = _written_alike(a, b)
                for q in name_orders(a):
                    for r in name_orders(b):
                        parts |= {f.name for f in _features(q, r, alike) if f.conflict}
    return frozenset(parts)


_BRACKETED = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")


@lru_cache(maxsize=50_000)
def written_variants(name: str) -> tuple[str, ...]:
    """The names one written name stands for when it holds another name in brackets, as lists
    write a second given name or a former surname: "Saeed (Amin) Nazergomi" is Saeed Nazergomi,
    also called Amin Nazergomi. Without brackets, the name itself."""
    found = _BRACKETED.search(name)
    if found is None:
        return (name,)
    before, inside, after = name[:found.start()], found.group(1).strip(), name[found.end():]
    variants = [" ".join([*before.split(), *after.split()])]
    if inside and before.split():
        # The bracketed word in place of the word it follows.
        variants.append(" ".join([*before.split()[:-1], inside, *after.split()]))
    return tuple(dict.fromkeys(variant for text in variants for variant in written_variants(text) if variant))


def _expanded(names: Iterable[str]) -> tuple[str, ...]:
    names = tuple(names)
    if not any("(" in name or "[" in name for name in names):
        return names
    return tuple(dict.fromkeys(variant for name in names for variant in written_variants(name)))


def compare(query_names: Iterable[str], record_names: Iterable[str], query_birth: str | None = None,
            record_birth: str | None = None) -> Match:
    """The best match between any of a query's names and any of a person's names, then the
    birth dates: agreeing dates raise the score, different ones cap it below the threshold. A
    conflict shown by another pair of the two records' names caps it too."""
    queries, records = _expanded(query_names), _expanded(record_names)
    if any(is_placeholder(name) for name in (*queries, *records)):  # "Unknown" is nobody's name
        queries = tuple(q for q in queries if not is_placeholder(q))
        records = tuple(r for r in records if not is_placeholder(r))
    pairs = [compare_names(q, r) for q in queries for r in records]
    if not pairs:
        return Match(0.0, "", "", ())
    best = max(pairs, key=lambda m: m.score)
    if len(pairs) > 1 and (elsewhere := _conflicts_elsewhere(pairs, best, queries, records)):
        best = Match(min(best.score, CONFLICT_CAP), best.query_name, best.record_name, (*best.features, *elsewhere))
    if not (query_birth and record_birth) or not best.score:
        return best
    birth = _birth(query_birth, record_birth)
    surname = next((f for f in best.features if f.name == "surname"), None)
    if birth.conflict:
        score = min(best.score, CONFLICT_CAP)
    elif birth.score == 1.0:
        score = min(1.0, best.score + BIRTH_DAY_BONUS)
    elif surname is not None and surname.score >= 0.85:
        score = min(1.0, best.score + BIRTH_YEAR_BONUS)
    else:
        # A surname one letter off is a typo or another family: a fitting year of birth is
        # not enough to tell, only the same day is.
        score = best.score
    return Match(round(score, 3), best.query_name, best.record_name, (*best.features, birth))
