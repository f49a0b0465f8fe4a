"""Likely duplicates inside the registry, and the review queue they wait in.

`find_duplicates` reads every person's names and birth date once, makes candidate pairs by
blocking (names.blocking) and scores them with names.compare; pairs at or above the review
threshold that no reviewer has judged yet go to DuplicateCandidate. A reviewer's decision is
a MatchJudgement: "different" keeps the pair out of every later run, "same" merges the two
(registry.merge), "unsure" leaves it out of the queue until asked for again (`--unsure`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.db import transaction

from politzek.names.blocking import candidate_pairs
from politzek.names.collection import fewer_collections
from politzek.names.compare import THRESHOLD, Match, compare
from politzek.registry.history import recorded_change
from politzek.registry.merge import merge_people
from politzek.registry.models import DuplicateCandidate, MatchJudgement, Person, PersonName
from politzek.registry.visibility import Clearance, Viewer, visible_people

REVIEW_THRESHOLD = 0.6  # below the operating threshold: the uncertain pairs a reviewer should see


@dataclass(frozen=True)
class FoundDuplicates:
    people: int
    compared: int
    proposed: int  # pairs at or above the review threshold, not judged before
    new: int  # of those, not already in the queue


def _people(viewer: Viewer) -> tuple[list[int], list[list[str]], list[str | None]]:
    ids: list[int] = []
    names: dict[int, list[str]] = defaultdict(list)
    births: dict[int, str | None] = {}
    people = visible_people(Person.objects.all(), viewer)
    for pk, birth in people.values_list("id", "birth_date").iterator(chunk_size=20000):
        ids.append(pk)
        births[pk] = str(birth) if birth else None
    rows = PersonName.objects.filter(person__in=people).order_by("person_id", "-is_primary", "id")
    for person_id, name in rows.values_list("person_id", "name").iterator(chunk_size=20000):
        names[person_id].append(name)
    ids = [pk for pk in ids if names[pk]]
    return ids, [names[pk] for pk in ids], [births[pk] for pk in ids]


def _judged_pairs() -> set[tuple[int, int]]:
    return {(min(a, b), max(a, b)) for a, b in MatchJudgement.objects.values_list("left_id", "right_id")}


def find_duplicates(viewer: Viewer, min_score: float = REVIEW_THRESHOLD, origin: str = "registry") -> FoundDuplicates:
    """Score the likely duplicate pairs among the people this viewer sees and queue the
    unjudged ones; a pair already queued gets its score brought up to date, and a queued pair
    of these people that no longer scores `min_score` (the records or the matcher changed)
    leaves the queue."""
    ids, names, births = _people(viewer)
    judged = _judged_pairs()
    compared = 0
    found: dict[tuple[int, int], Match] = {}
    with fewer_collections():
        for i, j in candidate_pairs(names):
            compared += 1
            pair = (min(ids[i], ids[j]), max(ids[i], ids[j]))
            if pair in judged:
                continue
            match = compare(names[i], names[j], births[i], births[j])
            if match.score >= min_score:
                found[pair] = match
    new = _store(found, origin)
    seen = set(ids)
    stale = [pk for pk, a, b in DuplicateCandidate.objects.values_list("pk", "left_id", "right_id")
             if a in seen and b in seen and (a, b) not in found]
    for start in range(0, len(stale), 500):
        DuplicateCandidate.objects.filter(pk__in=stale[start:start + 500]).delete()
    return FoundDuplicates(len(ids), compared, len(found), new)


def _store(found: dict[tuple[int, int], Match], origin: str) -> int:
    """Queue the pairs found, updating the score of those already queued; how many are new."""
    with transaction.atomic():
        rows = DuplicateCandidate.objects.values_list("left_id", "right_id", "score")
        queued = {(a, b): score for a, b, score in rows}
        new = [DuplicateCandidate(left_id=a, right_id=b, score=m.score, features=m.feature_dicts(), origin=origin)
               for (a, b), m in found.items() if (a, b) not in queued]
        DuplicateCandidate.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
        for (a, b), m in found.items():
            if (a, b) in queued and queued[(a, b)] != m.score:
                DuplicateCandidate.objects.filter(left_id=a, right_id=b).update(
                    score=m.score, features=m.feature_dicts())
    return len(new)


class FlaggedDuplicates(NamedTuple):
    pairs: int  # pairs queued for review
    people: int  # of the people asked about, those in at least one pair


def flag_duplicates_of(person_ids: list[int], origin: str) -> FlaggedDuplicates:
    """Queue the likely duplicates of these (newly imported) people among every record of the
    registry, whatever its visibility (the queue shows each reviewer only what they may see):
    how many pairs were queued, and how many of these people they hold (an import of 3,614
    people once reported its 4,188 pairs as "new people that may be records already")."""
    if not person_ids:
        return FlaggedDuplicates(0, 0)
    ids, names, births = _people(Viewer(Clearance.CONFIDENTIAL))
    row_of = {pk: row for row, pk in enumerate(ids)}
    new_rows = [row_of[pk] for pk in person_ids if pk in row_of]
    judged = _judged_pairs()
    found: dict[tuple[int, int], Match] = {}
    with fewer_collections():
        for k, j in candidate_pairs([names[row] for row in new_rows], names):
            i = new_rows[k]
            pair = (min(ids[i], ids[j]), max(ids[i], ids[j]))
            if i == j or pair in judged or pair in found:
                continue
            match = compare(names[i], names[j], births[i], births[j])
            if match.score >= REVIEW_THRESHOLD:
                found[pair] = match
    asked = set(person_ids)
    return FlaggedDuplicates(_store(found, origin), len({pk for pair in found for pk in pair if pk in asked}))


def queue(viewer: Viewer, unsure: bool = False) -> list[DuplicateCandidate]:
    """The pairs waiting for review that this viewer may see both sides of, best first; with
    `unsure`, the pairs a reviewer marked unsure instead."""
    visible = visible_people(Person.objects.all(), viewer).values("id")
    judged = {(a, b): j for a, b, j in MatchJudgement.objects.values_list("left_id", "right_id", "judgement")}
    waiting = DuplicateCandidate.objects.filter(left__in=visible, right__in=visible).order_by("-score", "left_id",
                                                                                              "right_id")
    if unsure:
        return [c for c in waiting if judged.get((c.left_id, c.right_id)) == MatchJudgement.Judgement.UNSURE]
    return [c for c in waiting if (c.left_id, c.right_id) not in judged]


def still_waiting(candidate: DuplicateCandidate) -> bool:
    """Whether a queued pair is still queued (a merge or a decision since may have taken it)."""
    return DuplicateCandidate.objects.filter(pk=candidate.pk).exists()


class JudgementError(ValueError):
    """A decision that cannot be recorded (no such pair, a person not seen)."""


def judge(left_id: int, right_id: int, judgement: str, actor: str, reason: str = "",
          keep: int | None = None) -> int | None:
    """Record a reviewer's decision on a pair; "same" merges them (into `keep`, else the older
    record) and returns the PersonMerge id."""
    if judgement not in MatchJudgement.Judgement.values:
        raise JudgementError(f"judgement {judgement!r}: choose same, different or unsure")
    a, b = sorted((left_id, right_id))
    if a == b:
        raise JudgementError(f"person {a}: a record is always the same as itself")
    found = set(Person.objects.filter(pk__in=(a, b)).values_list("id", flat=True))
    if missing := sorted({a, b} - found):
        raise JudgementError(f"person {missing[0]}: no such person")
    if keep is not None and keep not in (a, b):
        raise JudgementError(f"--keep {keep}: must be one of the pair ({a}, {b})")
    why = f"duplicate review: {judgement}" + (f": {reason}" if reason else "")
    with transaction.atomic(), recorded_change(actor, why):
        if judgement == MatchJudgement.Judgement.SAME:
            kept = keep if keep is not None else a
            merge = merge_people(kept, b if kept == a else a, actor, reason or "judged the same person")
            return merge.pk
        MatchJudgement.objects.update_or_create(left_id=a, right_id=b, defaults={
            "judgement": judgement, "actor": actor, "reason": reason})
        if judgement == MatchJudgement.Judgement.DIFFERENT:
            DuplicateCandidate.objects.filter(left_id=a, right_id=b).delete()
    return None


__all__ = ["REVIEW_THRESHOLD", "THRESHOLD", "FoundDuplicates", "JudgementError", "find_duplicates",
           "flag_duplicates_of", "judge", "queue", "still_waiting"]
