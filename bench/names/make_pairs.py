"""Write the matcher's labeled evaluation set: pairs of written names (with birth dates when a
side has one) that are the same synthetic person or two different ones.

    python bench/names/make_pairs.py --seed 2 --out bench/names/pairs.csv

True pairs cross scripts, transliteration systems (iuliia's Russian schemas; Belarusian
passport, national 2007, Łacinka and BGN/PCGN; Ukrainian national 2010 and scientific),
Belarusian/Ukrainian/Russian forms of one name, word orders, initials, a typo, and missing or
partial birth dates. Hard negatives: siblings, a father and his son, namesakes with different
fathers or birth dates, spouses, a man's and a woman's name, look-alike surnames, an initial
that does not fit. Every negative carries evidence on both sides that tells the two apart
(two people called "Ivan Ivanov" with nothing else known cannot be told apart by anyone, and
are left out). The people are random combinations of identities.toml: synthetic."""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import sys
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from transliteration import SYSTEMS, latin  # noqa: E402

DATA = tomllib.loads((Path(__file__).parent / "identities.toml").read_text("utf-8"))
LANGUAGES = {"be": 0.45, "ru": 0.4, "uk": 0.15}  # the person's own language


@dataclass(frozen=True)
class Person:
    language: str
    female: bool
    given: int  # index into male or female
    father: int  # index into male
    surname: int
    birth: datetime.date


def _female_surname(word: str, language: str) -> str:
    rules = {
        "ru": (("ский", "ская"), ("цкий", "цкая"), ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина")),
        "be": (("скі", "ская"), ("цкі", "цкая"), ("оў", "ова"), ("аў", "ава"), ("еў", "ева"), ("ёў", "ёва"),
               ("ін", "іна"), ("ын", "ына")),
        "uk": (("ський", "ська"), ("цький", "цька"), ("ов", "ова"), ("ев", "ева"), ("єв", "єва"), ("ьов", "ьова"),
               ("ін", "іна"), ("їн", "їна"), ("ин", "ина")),
    }[language]
    for man, woman in rules:
        if word.endswith(man):
            return word[: -len(man)] + woman
    return word  # -ich, -ka, -enko, -uk do not change


def parts(person: Person, language: str) -> tuple[str, str, str]:
    """Given name, patronymic and surname in one language's Cyrillic."""
    father = DATA["male"][person.father][language]
    if person.female:
        given = DATA["female"][person.given][language]
        patronymic = father[2]
        surname = _female_surname(DATA["surname"][person.surname][language], language)
    else:
        given = DATA["male"][person.given][language][0]
        patronymic = father[1]
        surname = DATA["surname"][person.surname][language]
    return given, patronymic, surname


def _spelling(rng: random.Random, person: Person) -> tuple[str, str | None]:
    """A language form of the person's name and a Latin system (None: Cyrillic)."""
    language = person.language if person.language == "ru" or rng.random() < 0.6 else "ru"
    system = None if rng.random() < 0.4 else rng.choice(sorted(SYSTEMS[language]))
    return language, system


LAYOUTS = ("given surname", "given surname", "surname given patronymic", "given patronymic surname",
           "surname, given", "surname, given patronymic", "surname g.", "surname g. p.", "g. p. surname",
           "SURNAME given", "surname given")


def render(person: Person, language: str, system: str | None, layout: str, typo: random.Random | None = None) -> str:
    given, patronymic, surname = parts(person, language)
    if system:
        # iuliia leaves a Cyrillic ё where its schemas write the Latin ë.
        given, patronymic, surname = (latin(w, language, system).replace("ё", "ë").replace("Ё", "Ë")
                                      for w in (given, patronymic, surname))
    if typo is not None:
        surname = _typo(typo, surname)
    initial = given[:1] + "."
    patronymic_initial = patronymic[:1] + "."
    return {
        "given surname": f"{given} {surname}",
        "surname given": f"{surname} {given}",
        "surname given patronymic": f"{surname} {given} {patronymic}",
        "given patronymic surname": f"{given} {patronymic} {surname}",
        "surname, given": f"{surname}, {given}",
        "surname, given patronymic": f"{surname}, {given} {patronymic}",
        "surname g.": f"{surname} {initial}",
        "surname g. p.": f"{surname} {initial}{patronymic_initial}",
        "g. p. surname": f"{initial} {patronymic_initial} {surname}",
        "SURNAME given": f"{surname.upper()} {given}",
    }[layout]


def _typo(rng: random.Random, word: str) -> str:
    """One slip of a clerk's hand inside a word: a letter dropped, doubled or swapped."""
    if len(word) < 6:
        return word
    at = rng.randrange(2, len(word) - 2)
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop":
        return word[:at] + word[at + 1:]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2:]


def _birth_shown(rng: random.Random, birth: datetime.date, full: float = 0.45, year: float = 0.2) -> str:
    roll = rng.random()
    if roll < full:
        return birth.isoformat()
    if roll < full + year:
        return str(birth.year)
    return ""


def random_person(rng: random.Random, **fixed: object) -> Person:
    language = rng.choices(list(LANGUAGES), weights=list(LANGUAGES.values()))[0]
    female = bool(fixed.get("female", rng.random() < 0.35))
    person = Person(language, female, rng.randrange(len(DATA["female" if female else "male"])),
                    rng.randrange(len(DATA["male"])), rng.randrange(len(DATA["surname"])),
                    datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 55)))
    return replace(person, **fixed)


def _has_patronymic(layout: str) -> bool:
    return "patronymic" in layout or "p." in layout


def _full_given(layout: str) -> bool:
    return "given" in layout


def true_pair(rng: random.Random) -> tuple[str, str, str, str, str]:
    person = random_person(rng)
    kinds = []
    left_language, left_system = _spelling(rng, person)
    right_language, right_system = _spelling(rng, person)
    left_layout, right_layout = rng.choice(LAYOUTS), rng.choice(LAYOUTS)
    typo = rng if rng.random() < 0.08 else None
    left = render(person, left_language, left_system, left_layout)
    right = render(person, right_language, right_system, right_layout, typo)
    kinds.append("scripts" if (left_system is None) != (right_system is None) else
                 "transliterations" if left_system != right_system else "same spelling")
    if left_language != right_language:
        kinds.append("languages")
    if left_layout != right_layout:
        kinds.append("word order")
    if "g." in left_layout + right_layout:
        kinds.append("initials")
    if typo:
        kinds.append("typo")
    left_birth, right_birth = _birth_shown(rng, person.birth), _birth_shown(rng, person.birth)
    if not (left_birth and right_birth):
        kinds.append("no birth date")
    return left, right, left_birth, right_birth, "+".join(kinds)


def _differing_birth(rng: random.Random, birth: datetime.date) -> datetime.date:
    if rng.random() < 0.4:  # same year, another day
        other = birth.replace(month=rng.randrange(1, 13), day=rng.randrange(1, 29))
        return other if other != birth else other + datetime.timedelta(days=40)
    return birth.replace(year=birth.year + rng.choice((-1, 1)) * rng.randrange(1, 30), day=min(birth.day, 28))


def negative_pair(rng: random.Random) -> tuple[str, str, str, str, str]:
    """Two different people, each written as lists write them, with what tells them apart."""
    first = random_person(rng)
    kind = rng.choices(["siblings", "father and son", "different fathers", "different birth dates", "spouses",
                        "man and woman", "look-alike surname", "initial does not fit", "unrelated"],
                       weights=[12, 12, 14, 18, 8, 8, 12, 6, 10])[0]
    layouts = LAYOUTS
    births = (_birth_shown(rng, first.birth), None)
    if kind == "siblings":  # same father and surname, another given name
        second = random_person(rng, surname=first.surname, father=first.father, language=first.language)
        if second.female == first.female and second.given == first.given:
            second = replace(second, given=(second.given + 1) % len(DATA["female" if second.female else "male"]))
        layouts = [layout for layout in LAYOUTS if _full_given(layout)]
    elif kind == "father and son":
        first = random_person(rng, female=False)
        if first.father == first.given:  # Ivan Ivanovich, son Ivan Ivanovich: nothing tells them apart
            first = replace(first, father=(first.father + 1) % len(DATA["male"]))
        second = random_person(rng, surname=first.surname, father=first.given, female=False, language=first.language)
        if second.given == first.given:  # a son named after his father: only the patronymic tells
            layouts = [layout for layout in LAYOUTS if _has_patronymic(layout) and _full_given(layout)]
        else:
            layouts = [layout for layout in LAYOUTS if _full_given(layout)]
    elif kind == "different fathers":
        # The fathers' names start differently in every script, so a patronymic's initial tells too.
        second = replace(first, father=_other_initial(rng, False, first.father), birth=random_person(rng).birth)
        layouts = [layout for layout in LAYOUTS if _has_patronymic(layout)]
    elif kind == "different birth dates":
        second = replace(first, birth=_differing_birth(rng, first.birth))
        full = first.birth.isoformat()
        other = second.birth.isoformat()
        if first.birth.year != second.birth.year and rng.random() < 0.3:
            full, other = str(first.birth.year), str(second.birth.year)
        births = (full, other)
    elif kind == "spouses":
        first = random_person(rng, female=False)
        second = random_person(rng, surname=first.surname, female=True, language=first.language)
        layouts = [layout for layout in LAYOUTS if _full_given(layout)]
    elif kind == "man and woman":  # Aleksandr and Aleksandra, Evgeny and Evgenia, same surname
        pairs = [(i, j) for i, man in enumerate(DATA["male"]) for j, woman in enumerate(DATA["female"])
                 if woman["ru"].startswith(man["ru"][0][:-1]) and len(woman["ru"]) > 4]
        male_given, female_given = rng.choice(pairs)
        first = replace(first, female=False, given=male_given)
        second = replace(first, female=True, given=female_given, father=rng.randrange(len(DATA["male"])),
                         birth=random_person(rng).birth)
        layouts = [layout for layout in LAYOUTS if _full_given(layout)]
    elif kind == "look-alike surname":
        surnames = [entry["ru"] for entry in DATA["surname"]]
        known, lookalike = rng.choice([pair["ru"] for pair in DATA["lookalike"]])
        first = replace(first, surname=surnames.index(known), language="ru")
        second = first
        left = render(first, "ru", _system(rng, "ru"), rng.choice(LAYOUTS))
        other_surname = lookalike if not first.female else _female_surname(lookalike, "ru")
        given, patronymic, _surname = parts(second, "ru")
        right = rng.choice([f"{given} {other_surname}", f"{other_surname} {given} {patronymic}"])
        system = _system(rng, "ru")
        if system:
            right = latin(right, "ru", system)
        # Another person with a look-alike surname has a birth date of their own.
        return left, right, births[0], _birth_shown(rng, random_person(rng).birth), kind
    elif kind == "initial does not fit":
        second = replace(first, given=_other_initial(rng, first.female, first.given))
        full = render(first, *_spelling(rng, first), rng.choice([la for la in LAYOUTS if _full_given(la)]))
        short = render(second, *_spelling(rng, second), rng.choice(["surname g.", "surname g. p."]))
        return full, short, births[0], _birth_shown(rng, second.birth), kind
    else:
        second = random_person(rng)
        if second.surname == first.surname:
            second = replace(second, surname=(second.surname + 1) % len(DATA["surname"]))
    left = render(first, *_spelling(rng, first), rng.choice(layouts))
    right = render(second, *_spelling(rng, second), rng.choice(layouts))
    right_birth = births[1] if births[1] is not None else _birth_shown(rng, second.birth)
    return left, right, births[0], right_birth, kind


def _system(rng: random.Random, language: str) -> str | None:
    return None if rng.random() < 0.4 else rng.choice(sorted(SYSTEMS[language]))


def _other_initial(rng: random.Random, female: bool, given: int) -> int:
    """Another given name whose initial differs from this one's in every script and system."""
    names = DATA["female" if female else "male"]

    def initials(index: int) -> set[str]:
        entry = names[index]
        forms = [entry[lang] if female else entry[lang][0] for lang in ("ru", "be", "uk")]
        return {form[0] for form in forms} | {
            latin(form, language, system)[0] for form in forms for language in SYSTEMS for system in SYSTEMS[language]}

    mine = initials(given)
    others = [i for i in range(len(names)) if not initials(i) & mine]
    return rng.choice(others)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--true", type=int, default=1300, help="How many true pairs.")
    parser.add_argument("--false", type=int, default=1300, help="How many different-people pairs.")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "pairs.csv")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = [(*true_pair(rng), "true") for _ in range(args.true)] + [
        (*negative_pair(rng), "false") for _ in range(args.false)]
    rng.shuffle(rows)
    with args.out.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["left", "right", "left_birth_date", "right_birth_date", "kind", "same"])
        writer.writerows(rows)
    print(f"{args.out}: {len(rows)} pairs ({args.true} same, {args.false} different), seed {args.seed}")


if __name__ == "__main__":
    main()
