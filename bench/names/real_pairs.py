"""Labeled name pairs from real public lists, none of them made here (../shared/data, see its
SOURCES.md), in the CSV form evaluate.py reads:

- scripts, Persian/Latin: each person of the Iran memorial's 2022 records and of the 2026 list,
  their Latin name against their Persian one (the same person);
- sanctions aliases: each person of OpenSanctions' test entities, their names against each
  other (the same person; Latin, Cyrillic and other scripts, former names left in);
- namesakes, non-Slavic: two people of the 2026 list who share their first word and no other
  word, in Latin or in Persian (different people; the Persian check keeps spellings of one
  surname, Heidari / Heydari, out, the word check a longer form of one name);
- namesakes, sanctions: two different sanctioned people sharing a first name.

Each pair belongs to the "held-out" third or the "development" two thirds by a hash of its
records' keys (zlib.crc32 % 3 == 0: held out). Rules are tuned on the development part only;
bench/README.md reports the held-out third.

    .venv/bin/python bench/names/real_pairs.py --part held-out --out /tmp/real-held-out.csv
    .venv/bin/python bench/names/evaluate.py /tmp/real-held-out.csv
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
import zlib
from collections import defaultdict
from pathlib import Path

import yaml

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
NAMESAKES_PER_GROUP = 40  # pairs drawn from one shared first word, so one name does not dominate


def held_out(*keys: str) -> bool:
    return zlib.crc32("|".join(sorted(keys)).encode()) % 3 == 0


def _row(left: str, right: str, kind: str, same: bool, keys: tuple[str, ...]) -> dict[str, str]:
    return {"left": left, "right": right, "left_birth_date": "", "right_birth_date": "", "kind": kind,
            "same": "true" if same else "false", "part": "held-out" if held_out(*keys) else "development"}


def iran_2022(shared: Path) -> list[dict[str, str]]:
    rows = []
    for path in sorted((shared / "iran_memorial" / "victims_2022").glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        latin, persian = (record.get("name_latin") or "").strip(), (record.get("name_farsi") or "").strip()
        if latin and persian and len(latin.split()) >= 2:
            rows.append(_row(latin, persian, "scripts Persian-Latin", True, (path.stem,)))
    return rows


def _list_2026(shared: Path) -> list[dict[str, str]]:
    with (shared / "iran_memorial" / "iranvictims_2026.csv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle)
                if len(row["English Name"].split()) >= 2 and row["Persian Name"].strip()]


def _words(name: str) -> list[str]:
    return name.replace("\u200c", "").replace("(", " ").replace(")", " ").lower().split()


def _rest(left: str, right: str) -> tuple[set[str], set[str]]:
    """The words of two names after the given name they share: the first word, and the second
    too when both names have three words or more and agree on it (a compound given name,
    Mohammad Reza)."""
    a, b = _words(left), _words(right)
    skip = 2 if len(a) >= 3 and len(b) >= 3 and a[1] == b[1] else 1
    return set(a[skip:]), set(b[skip:])


def iran_2026(shared: Path) -> list[dict[str, str]]:
    people = _list_2026(shared)
    rows = [_row(p["English Name"].strip(), p["Persian Name"].strip(), "scripts Persian-Latin", True,
                 (p["Card ID"],)) for p in people]
    by_first: dict[str, list[dict[str, str]]] = defaultdict(list)
    for person in people:
        by_first[person["English Name"].split()[0].lower()].append(person)
    for group in by_first.values():
        drawn = 0
        for a, b in itertools.combinations(group, 2):
            if drawn >= NAMESAKES_PER_GROUP:
                break
            latin_a, latin_b = _rest(a["English Name"], b["English Name"])
            persian_a, persian_b = _rest(a["Persian Name"], b["Persian Name"])
            # The list holds one person under longer and shorter names (Ali Heydari / Ali
            # Heydari Virani): a pair is taken for two people only when no other word is shared,
            # in Latin or in Persian.
            if latin_a & latin_b or persian_a & persian_b:
                continue
            rows.append(_row(a["English Name"].strip(), b["English Name"].strip(), "namesakes non-Slavic", False,
                             (a["Card ID"], b["Card ID"])))
            drawn += 1
    return rows


def sanctions(shared: Path) -> list[dict[str, str]]:
    people = []
    for path in sorted((shared / "opensanctions").glob("*.ftm.json")):
        for line in path.read_text(encoding="utf-8").splitlines():
            entity = json.loads(line)
            if entity.get("schema") == "Person":
                names = sorted({n.strip() for n in entity["properties"].get("name", []) if len(n.split()) >= 2})
                if names:
                    people.append((entity["id"], names, entity["properties"].get("firstName", [])))
    rows = []
    for key, names, _first in people:
        for a, b in itertools.combinations(names[:8], 2):
            rows.append(_row(a, b, "sanctions aliases", True, (key,)))
    for (key_a, names_a, first_a), (key_b, names_b, first_b) in itertools.combinations(people, 2):
        if {f.lower() for f in first_a} & {f.lower() for f in first_b}:
            rows.append(_row(names_a[0], names_b[0], "namesakes sanctions", False, (key_a, key_b)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("held-out", "development", "all"), default="held-out")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    if not args.shared.is_dir():
        sys.exit(f"real_pairs: no shared data at {args.shared}")
    write_pairs([*iran_2022(args.shared), *iran_2026(args.shared), *sanctions(args.shared)], args.out, args.part)


def write_pairs(rows: list[dict[str, str]], out: Path, part: str, about: str = "") -> None:
    """The pairs of one part ("all" for both) as evaluate.py reads them, and a line counting them."""
    if part != "all":
        rows = [row for row in rows if row["part"] == part]
    with out.open("w", newline="", encoding="utf-8") as handle:
        columns = ["left", "right", "left_birth_date", "right_birth_date", "kind", "same", "part"]
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["kind"]] += 1
    print(f"{out}: {len(rows)} pairs ({part}){about}: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
