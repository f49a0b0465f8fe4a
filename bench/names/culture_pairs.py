"""Labeled name pairs from real published spellings in other cultures and languages, gathered
with their sources by a helper working apart from the matcher (tests/data/names/, see its
SOURCES.md): Azerbaijani and other Turkic names in their Latin alphabets, in English press and
in Russian with patronymics; Belarusian names in Łacinka, Polish, German, French, Czech and
Lithuanian press; Russian names in the same press; familiar forms.

- same: every two spellings of one person (multiculture_spellings.csv);
- different, judged: two people the sources name apart (namesakes.csv: a father and son, two
  Aliyevs with different fathers …);
- different, sharing a word: two people of the spellings file whose names share a word once
  transliterated (a surname, a given name), one spelling of each in the same form if both have
  one.

Each pair belongs to the held-out third or the development two thirds by a hash of its people's
keys, as in real_pairs.py; rules are tuned on the development part only.

    .venv/bin/python bench/names/culture_pairs.py --part development --out /tmp/culture-dev.csv
    .venv/bin/python bench/names/evaluate.py /tmp/culture-dev.csv
"""

from __future__ import annotations

import argparse
import csv
import itertools
from collections import defaultdict
from pathlib import Path

from real_pairs import held_out, write_pairs

from politzek.names.search_keys import words

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "names"
# Scripts the matcher does not read (Georgian, Devanagari): outside the lists it serves.
SKIPPED_SCRIPTS = ("-Geor", "-Deva")


def _row(left: str, right: str, kind: str, same: bool, keys: tuple[str, ...]) -> dict[str, str]:
    return {"left": left, "right": right, "left_birth_date": "", "right_birth_date": "", "kind": kind,
            "same": "true" if same else "false", "part": "held-out" if held_out(*keys) else "development"}


def spellings(data: Path) -> dict[str, list[tuple[str, str]]]:
    """Person key → their (name, form) rows, in file order, each name once."""
    people: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with (data / "multiculture_spellings.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, form = row["name"].strip(), row["form"].strip()
            if name and not form.endswith(SKIPPED_SCRIPTS) and all(name != seen for seen, _f in people[row["person"]]):
                people[row["person"]].append((name, form))
    return people


def same_person(people: dict[str, list[tuple[str, str]]]) -> list[dict[str, str]]:
    rows = []
    for key, names in people.items():
        for (a, form_a), (b, form_b) in itertools.combinations(names, 2):
            kind = "familiar form" if "familiar" in (form_a, form_b) else "cultures and languages"
            rows.append(_row(a, b, kind, True, (key,)))
    return rows


def judged_namesakes(data: Path, people: dict[str, list[tuple[str, str]]]) -> list[dict[str, str]]:
    owner = {name: key for key, names in people.items() for name, _form in names}
    rows = []
    with (data / "namesakes.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            left, right = row["left"].strip(), row["right"].strip()
            keys = (owner.get(left, left), owner.get(right, right))
            rows.append(_row(left, right, "judged namesakes", False, keys))
    return rows


def sharing_a_word(people: dict[str, list[tuple[str, str]]]) -> list[dict[str, str]]:
    """Two people whose names share a transliterated word of four letters or more."""
    vocabulary = {key: {w for name, _form in names for w in words(name) if len(w) >= 4}
                  for key, names in people.items()}
    rows = []
    for a, b in itertools.combinations(sorted(people), 2):
        if not vocabulary[a] & vocabulary[b]:
            continue
        forms_b = {form: name for name, form in people[b]}
        left, form = people[a][0]
        right = forms_b.get(form, people[b][0][0])
        rows.append(_row(left, right, "sharing a word", False, (a, b)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("held-out", "development", "all"), default="held-out")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    people = spellings(args.data)
    rows = [*same_person(people), *judged_namesakes(args.data, people), *sharing_a_word(people)]
    write_pairs(rows, args.out, args.part, f" from {len(people)} people")

if __name__ == "__main__":
    main()
