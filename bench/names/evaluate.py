"""Score the labeled pairs with politzek's matcher and with nomenklatura's logic-v2, side by
side in one run: precision, recall and F1 at each one's operating threshold (and logic-v2 at
its best threshold on this very set, to be fair to it), per kind of pair, and comparisons per
second on one core.

    .venv/bin/python bench/names/evaluate.py bench/names/pairs.csv [--errors 20]

Needs the bench extra: pip install -e '.[bench]' (nomenklatura, iuliia)."""

from __future__ import annotations

import argparse
import csv
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from followthemoney import model
from nomenklatura.matching import LogicV2

from politzek.names import compare as politzek_compare
from politzek.names.collection import fewer_collections

LOGIC_V2_THRESHOLD = 0.7  # yente's default match threshold


def read_pairs(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def politzek_scorer(rows: list[dict[str, str]]) -> Callable[[int], float]:
    def score(i: int) -> float:
        row = rows[i]
        return politzek_compare.compare([row["left"]], [row["right"]], row["left_birth_date"] or None,
                                        row["right_birth_date"] or None).score
    return score


def _entity(name: str, birth: str, key: str):
    entity = model.make_entity("Person")
    entity.id = key
    entity.add("name", name)  # logic-v2 scores 0 when only name parts are set: always set name
    if birth:
        entity.add("birthDate", birth)
    return entity


def logic_v2_scorer(rows: list[dict[str, str]]) -> Callable[[int], float]:
    config = LogicV2.default_config()
    entities = [(_entity(r["left"], r["left_birth_date"], f"l{i}"), _entity(r["right"], r["right_birth_date"], f"r{i}"))
                for i, r in enumerate(rows)]

    def score(i: int) -> float:
        left, right = entities[i]
        return LogicV2.compare(left, right, config).score
    return score


def _clear_politzek_caches(names_too: bool) -> None:
    """Empty the matcher's memo tables: word pairs always, the reading of each name when
    `names_too` (a registry reads each name once and compares it with many candidates). Tables
    loaded once from data files (functools.cache, no size bound) stay."""
    import importlib
    import pkgutil

    import politzek.names
    from politzek.names import compare, similarity

    pair_level = {compare.compare_names, compare.own_disagreements, compare._surname_words, compare._given_words,
                  compare._patronymic_words, similarity.compare_words}
    memos = set()
    for info in pkgutil.iter_modules(politzek.names.__path__):
        module = importlib.import_module(f"politzek.names.{info.name}")
        memos |= {value for value in vars(module).values()
                  if hasattr(value, "cache_clear") and value.cache_info().maxsize is not None}
    for function in memos if names_too else pair_level:
        function.cache_clear()


def measure(score: Callable[[int], float], count: int) -> tuple[list[float], float]:
    started = time.process_time()
    scores = [score(i) for i in range(count)]
    return scores, count / (time.process_time() - started)


def _cold_rates(rows: list[dict[str, str]]) -> tuple[list[float], float, float]:
    """The scores of every pair, and comparisons/s when every name is new: the matcher's tables
    (given names, endings, cultures, transliteration) are loaded by scoring the first half, then
    the second half is timed with emptied memo tables, as politzek's batches run it (names.
    collection.fewer_collections) and with Python's default collector thresholds."""
    half = len(rows) // 2
    score = politzek_scorer(rows)
    _clear_politzek_caches(names_too=True)
    first = [score(i) for i in range(half)]
    rest = range(half, len(rows))
    _clear_politzek_caches(names_too=True)
    started = time.process_time()
    with fewer_collections():
        second = [score(i) for i in rest]
    rate = len(rest) / (time.process_time() - started)
    _clear_politzek_caches(names_too=True)
    started = time.process_time()
    for i in rest:
        score(i)
    default_gc_rate = len(rest) / (time.process_time() - started)
    for i in range(half):  # every name read again, for the runs that follow
        score(i)
    return first + second, rate, default_gc_rate


def quality(scores: list[float], labels: list[bool], threshold: float) -> dict[str, float]:
    tp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels, strict=True) if s < threshold and y)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "fp": fp, "fn": fn}


def best_threshold(scores: list[float], labels: list[bool]) -> float:
    candidates = sorted(set(scores))
    return max(candidates, key=lambda t: quality(scores, labels, t)["f1"])


def by_kind(rows, scores, labels, threshold) -> dict[str, tuple[int, int]]:
    """Per kind of pair (a true pair counts in each of its kinds): pairs, and pairs got wrong."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row, score, label in zip(rows, scores, labels, strict=True):
        wrong = (score >= threshold) != label
        for kind in row["kind"].split("+"):
            key = ("same: " if label else "different: ") + kind
            counts[key][0] += 1
            counts[key][1] += wrong
    return {kind: (n, wrong) for kind, (n, wrong) in sorted(counts.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--errors", type=int, default=0, help="Print this many of politzek's mistakes.")
    args = parser.parse_args()
    rows = read_pairs(args.pairs)
    labels = [row["same"] == "true" for row in rows]
    ours, ours_cold, ours_cold_default_gc = _cold_rates(rows)
    _clear_politzek_caches(names_too=False)
    with fewer_collections():
        _ours_again, ours_rate = measure(politzek_scorer(rows), len(rows))
    logic_v2 = logic_v2_scorer(rows)
    theirs, theirs_cold = measure(logic_v2, len(rows))
    _theirs_again, theirs_rate = measure(logic_v2, len(rows))
    ours_q = quality(ours, labels, politzek_compare.THRESHOLD)
    theirs_q = quality(theirs, labels, LOGIC_V2_THRESHOLD)
    theirs_best = best_threshold(theirs, labels)
    theirs_best_q = quality(theirs, labels, theirs_best)
    print(f"{args.pairs}: {len(rows)} pairs, {sum(labels)} same, {len(rows) - sum(labels)} different")
    print("| matcher | threshold | precision | recall | F1 | false matches | missed | comparisons/s (1 core) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, q, threshold, rate in (
            ("politzek", ours_q, politzek_compare.THRESHOLD, ours_rate),
            ("nomenklatura logic-v2", theirs_q, LOGIC_V2_THRESHOLD, theirs_rate),
            ("logic-v2 at its best threshold on this set", theirs_best_q, theirs_best, theirs_rate)):
        print(f"| {name} | {threshold:.2f} | {q['precision']:.3f} | {q['recall']:.3f} | {q['f1']:.3f} | "
              f"{q['fp']} | {q['fn']} | {rate:,.0f} |")
    print(f"\ncomparisons/s, every name read for the first time: politzek {ours_cold:,.0f} "
          f"({ours_cold_default_gc:,.0f} with Python's default collector thresholds), "
          f"logic-v2 {theirs_cold:,.0f} ({ours_cold / theirs_cold:.1f}x)")
    print(f"comparisons/s, names read once, word pairs not yet compared (as in a dedupe): politzek "
          f"{ours_rate:,.0f}, logic-v2 second pass {theirs_rate:,.0f} ({ours_rate / theirs_rate:.1f}x)")
    from politzek.names.blocking import candidate_pairs

    blocked = set(candidate_pairs([[row["left"]] for row in rows], [[row["right"]] for row in rows]))
    found = [i for i, (score, label) in enumerate(zip(ours, labels, strict=True))
             if label and score >= politzek_compare.THRESHOLD]
    kept = sum((i, i) in blocked for i in found)
    print(f"blocking (the {len(rows):,} left names against the {len(rows):,} right ones): {len(blocked):,} candidate "
          f"pairs of {len(rows) ** 2:,}; it keeps {kept} of the {len(found)} true pairs politzek matches "
          f"({kept / max(len(found), 1):.1%})")
    print("\n| kind of pair | pairs | politzek wrong | logic-v2 wrong |")
    print("|---|---|---|---|")
    ours_kinds = by_kind(rows, ours, labels, politzek_compare.THRESHOLD)
    theirs_kinds = by_kind(rows, theirs, labels, LOGIC_V2_THRESHOLD)
    for kind, (n, wrong) in ours_kinds.items():
        print(f"| {kind} | {n} | {wrong} | {theirs_kinds[kind][1]} |")
    if args.errors:
        print()
        shown = 0
        for row, score, label in zip(rows, ours, labels, strict=True):
            if (score >= politzek_compare.THRESHOLD) != label and shown < args.errors:
                shown += 1
                match = politzek_compare.compare([row["left"]], [row["right"]], row["left_birth_date"] or None,
                                                 row["right_birth_date"] or None)
                print(f"{'MISSED' if label else 'FALSE'} {score:.2f} {row['left']!r} {row['left_birth_date']} | "
                      f"{row['right']!r} {row['right_birth_date']} [{row['kind']}] -- {match.explain()}")


if __name__ == "__main__":
    main()
