"""Measured before adopting (issue 20): does pymorphy3's analysis of Russian words (Name, Surn,
Patr tags) tell a Russian name's given name, patronymic and surname apart better than
politzek's own reading (names.parts.parse)?

Two sets with known roles, neither made by politzek's tables: the Russian forms of the synthetic
identities (bench/names/identities.toml, written by hand; each person as "Surname Given
Patronymic" and "Given Patronymic Surname") and the real Cyrillic names of OpenSanctions'
test persons in ../shared/data (their firstName, fatherName and lastName properties). For each
word: the role politzek's reading gives it, and the role of pymorphy3's best-scoring parse
that is a name tag (a word with none counts as a surname, as pymorphy3 leaves most unknown
surnames untagged).

    pip install -e '.[bench]'
    .venv/bin/python bench/names/morphology.py
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pymorphy3

from politzek.names.parts import parse
from politzek.names.search_keys import words

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared" / "data"
TAGS = {"Name": "given", "Patr": "patronymic", "Surn": "surname"}


def synthetic() -> list[list[tuple[str, str]]]:
    data = tomllib.loads((HERE / "identities.toml").read_text("utf-8"))
    surnames = [entry["ru"] for entry in data.get("surname", [])]
    names = []
    for surname in surnames:
        for male in data["male"]:
            given, son, _daughter = male["ru"]
            names.append([(surname, "surname"), (given, "given"), (son, "patronymic")])
            names.append([(given, "given"), (son, "patronymic"), (surname, "surname")])
    return names


def opensanctions() -> list[list[tuple[str, str]]]:
    names = []
    for path in sorted((SHARED / "opensanctions").glob("*.ftm.json")):
        for line in path.read_text("utf-8").splitlines():
            entity = json.loads(line) if line.strip() else {}
            if entity.get("schema") != "Person":
                continue
            props = entity["properties"]
            role_of = {}
            for prop, role in (("firstName", "given"), ("fatherName", "patronymic"), ("lastName", "surname")):
                for value in props.get(prop, []):
                    if len(value.split()) == 1:
                        role_of[value.casefold()] = role
            for name in props.get("name", []) + props.get("alias", []):
                parts = name.replace(",", " ").split()
                if all(part.casefold() in role_of for part in parts) and any("а" <= c <= "я" for c in name.lower()):
                    names.append([(part, role_of[part.casefold()]) for part in parts])
    return names


def politzek_roles(name: list[tuple[str, str]]) -> list[str]:
    read = parse(" ".join(word for word, _role in name))
    roles = []
    for word, _role in name:
        ascii_word = "-".join(words(word))
        roles.append("given" if ascii_word in read.given else "patronymic" if ascii_word == read.patronymic
                     else "surname" if ascii_word in read.surname else "?")
    return roles


def pymorphy_roles(name: list[tuple[str, str]], morph: pymorphy3.MorphAnalyzer) -> list[str]:
    roles = []
    for word, _role in name:
        tagged = [TAGS[tag] for parsed in morph.parse(word) for tag in TAGS if tag in parsed.tag]
        roles.append(tagged[0] if tagged else "surname")
    return roles


def main() -> None:
    morph = pymorphy3.MorphAnalyzer()
    for label, names in (("synthetic Russian forms", synthetic()), ("OpenSanctions Cyrillic names", opensanctions())):
        total = sum(len(name) for name in names)
        ours = sum(r == role for name in names for r, (_w, role) in zip(politzek_roles(name), name, strict=True))
        theirs = sum(r == role for name in names for r, (_w, role) in zip(pymorphy_roles(name, morph), name,
                                                                          strict=True))
        whole_ours = sum(politzek_roles(name) == [role for _w, role in name] for name in names)
        whole_theirs = sum(pymorphy_roles(name, morph) == [role for _w, role in name] for name in names)
        print(f"{label}: {len(names)} names, {total} words; roles right: politzek {ours / total:.1%} "
              f"({whole_ours} whole names), pymorphy3 {theirs / total:.1%} ({whole_theirs} whole names)")


if __name__ == "__main__":
    main()
