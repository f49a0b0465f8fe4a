"""Merge two records of one person, and undo the merge.

A merge moves everything that belongs to the merged record onto the kept one (names, events,
sentences, charges, biographies, outside keys, deal releases, cases, tags, sources: every
relation Django knows, found by introspection so a new one is never forgotten), fills the
kept record's empty fields from the merged one, and deletes the merged record. Every moved
row is saved, so it has a history entry naming the merge; the merged record's own history
stays in the history tables. The kept record takes the stricter visibility of the two: a
merge never publishes what was restricted.

PersonMerge.snapshot holds what undo needs: the merged record's fields, the ids of every moved
row, what was added to the kept record, its fields before, and the judgements about the
merged record."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from politzek.registry.history import recorded_change
from politzek.registry.models import Biography, DuplicateCandidate, MatchJudgement, Person, PersonMerge, Visibility
from politzek.registry.visibility import Viewer

STRICTNESS = [Visibility.PUBLIC, Visibility.RESTRICTED, Visibility.CONFIDENTIAL]
# Filled from the merged record when the kept one has nothing; private notes are joined.
FILLED_FIELDS = ("birth_date", "region", "occupation", "country")
JOINED_FIELDS = Person.PRIVATE_FIELDS
NOT_MOVED = (MatchJudgement, PersonMerge, DuplicateCandidate)


class MergeError(ValueError):
    """A merge or undo that cannot be done; the message says why."""


def _fields(person: Person) -> dict[str, Any]:
    values = {field.attname: field.value_from_object(person) for field in Person._meta.concrete_fields}
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder, default=str))


def _relations() -> list[Any]:
    """Every relation from another model to Person that a merge moves."""
    return [relation for relation in Person._meta.related_objects
            if relation.related_model not in NOT_MOVED
            and not relation.related_model.__name__.startswith("Historical")]


def _label(model: type[models.Model], field: str) -> str:
    return f"{model._meta.label}.{field}"


def merge_people(kept_id: int, merged_id: int, actor: str, reason: str) -> PersonMerge:
    """Merge `merged_id` into `kept_id` (both must exist) and return the merge record."""
    if kept_id == merged_id:
        raise MergeError(f"person {kept_id}: cannot be merged into itself")
    with transaction.atomic(), recorded_change(actor, f"merge of person {merged_id} into {kept_id}: {reason}"):
        people = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=(kept_id, merged_id))}
        for pk in (kept_id, merged_id):
            if pk not in people:
                raise MergeError(f"person {pk}: no such person")
        kept, merged = people[kept_id], people[merged_id]
        snapshot: dict[str, Any] = {"merged": _fields(merged), "kept_before": _fields(kept), "moved": {},
                                    "added_to_kept": {}, "judgements": [], "biographies_joined": {}}
        for relation in _relations():
            model, field = relation.related_model, relation.field.name
            if relation.many_to_many:  # Case.defendants
                rows = list(model.objects.filter(**{field: merged}))
                for row in rows:
                    getattr(row, field).remove(merged)
                    getattr(row, field).add(kept)
                snapshot["moved"][_label(model, field)] = [row.pk for row in rows]
                continue
            moved = []
            for row in model.objects.filter(**{field: merged}):
                if model is Biography and kept.biographies.filter(language=row.language).exists():
                    # One biography per language: the merged one's text is kept inside the kept one's.
                    existing = kept.biographies.get(language=row.language)
                    snapshot["biographies_joined"][str(existing.pk)] = {"before": existing.text, "id": row.pk,
                                                                       "text": row.text}
                    existing.text = f"{existing.text}\n\n{row.text}"
                    existing.save()
                    row.delete()
                    continue
                setattr(row, field, kept)
                row.save()
                moved.append(row.pk)
            snapshot["moved"][_label(model, field)] = moved
        for field in Person._meta.many_to_many:  # tags, sources
            mine = set(getattr(kept, field.name).values_list("pk", flat=True))
            added = [pk for pk in getattr(merged, field.name).values_list("pk", flat=True) if pk not in mine]
            getattr(kept, field.name).add(*added)
            snapshot["added_to_kept"][field.name] = added
        for name in FILLED_FIELDS:
            if not getattr(kept, name) and getattr(merged, name):
                setattr(kept, name, getattr(merged, name))
        if kept.gender == "unknown":
            kept.gender = merged.gender
        kept.citizenships = sorted(set(kept.citizenships) | set(merged.citizenships))
        for name in JOINED_FIELDS:
            if getattr(merged, name):
                setattr(kept, name, "\n\n".join(text for text in (getattr(kept, name), getattr(merged, name)) if text))
        kept.visibility = max(kept.visibility, merged.visibility, key=STRICTNESS.index)
        kept.synthetic = kept.synthetic and merged.synthetic
        kept.save()
        for judgement in MatchJudgement.objects.filter(models.Q(left=merged) | models.Q(right=merged)):
            snapshot["judgements"].append({"left": judgement.left_id, "right": judgement.right_id,
                                           "judgement": judgement.judgement, "actor": judgement.actor,
                                           "reason": judgement.reason})
        # The judgements and queued pairs of the merged record go with it (the snapshot keeps
        # the judgements for an undo); the merge itself is the record of the reviewer's "same".
        merged.delete()
        return PersonMerge.objects.create(kept=kept, merged_person_id=merged_id, snapshot=snapshot, actor=actor,
                                          reason=reason)


def _restore_fields(person: Person, values: dict[str, Any]) -> None:
    for field in Person._meta.concrete_fields:
        if field.attname in values and field.attname != "id":
            setattr(person, field.attname, field.to_python(values[field.attname]))


def undo_merge(merge_id: int, actor: str, reason: str = "", viewer: Viewer | None = None) -> Person:
    """Bring the merged record back with everything that was moved from it, and the kept
    record's fields as they were; rows added to the kept record since the merge stay there.
    A `viewer` without clearance for private fields leaves the kept record's private fields
    as they are now (they may hold notes written since the merge, which they cannot see)."""
    with transaction.atomic(), recorded_change(actor, f"undo of merge {merge_id}" + (f": {reason}" if reason else "")):
        merge = PersonMerge.objects.select_for_update().filter(pk=merge_id).first()
        if merge is None:
            raise MergeError(f"merge {merge_id}: no such merge")
        if merge.undone_at is not None:
            raise MergeError(f"merge {merge_id}: already undone on {merge.undone_at:%Y-%m-%d %H:%M}")
        snapshot = merge.snapshot
        if Person.objects.filter(pk=merge.merged_person_id).exists():
            raise MergeError(f"merge {merge_id}: person {merge.merged_person_id} exists again; nothing to restore")
        restored = Person(pk=merge.merged_person_id)
        _restore_fields(restored, snapshot["merged"])
        restored.save(force_insert=True)
        kept = merge.kept
        relations = {_label(r.related_model, r.field.name): r for r in _relations()}
        for label, ids in snapshot["moved"].items():
            relation = relations.get(label)
            if relation is None:
                continue
            model, field = relation.related_model, relation.field.name
            for row in model.objects.filter(pk__in=ids):
                if relation.many_to_many:
                    getattr(row, field).remove(kept)
                    getattr(row, field).add(restored)
                else:
                    setattr(row, field, restored)
                    row.save()
        for biography_id, joined in snapshot["biographies_joined"].items():
            existing = Biography.objects.filter(pk=int(biography_id)).first()
            if existing is not None:
                existing.text = joined["before"]
                existing.save()
            Biography.objects.create(person=restored, language=existing.language if existing else "und",
                                     text=joined["text"])
        for name, added in snapshot["added_to_kept"].items():
            getattr(restored, name).add(*added)
            getattr(kept, name).remove(*added)
        before = snapshot["kept_before"]
        private = JOINED_FIELDS if viewer is None or viewer.sees_private_fields else ()
        for name in (*FILLED_FIELDS, "gender", "citizenships", *private, "visibility", "synthetic"):
            field = Person._meta.get_field(name)
            setattr(kept, field.attname, field.to_python(before[field.attname]))
        kept.save()
        for judgement in snapshot["judgements"]:
            MatchJudgement.objects.update_or_create(left_id=judgement["left"], right_id=judgement["right"], defaults={
                "judgement": judgement["judgement"], "actor": judgement["actor"], "reason": judgement["reason"]})
        # Undoing says the two are not one person: never propose them again.
        a, b = sorted((kept.pk, restored.pk))
        MatchJudgement.objects.update_or_create(left_id=a, right_id=b, defaults={
            "judgement": MatchJudgement.Judgement.DIFFERENT, "actor": actor,
            "reason": f"merge {merge_id} undone" + (f": {reason}" if reason else "")})
        merge.undone_at = timezone.now()
        merge.save(update_fields=["undone_at"])
        return restored
