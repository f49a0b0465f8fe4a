"""Duplicates in the registry: found through the matcher, queued, judged (a "different" is
never proposed again), merged keeping every name, event, source and history entry, and
un-merged back to the two records as they were."""

from __future__ import annotations

import pytest

from politzek.registry import dedupe
from politzek.registry import models as m
from politzek.registry.merge import MergeError, merge_people, undo_merge
from politzek.registry.visibility import Clearance, Viewer
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db
STAFF = Viewer(Clearance.CONFIDENTIAL)
STAFF_WITHOUT_CLEARANCE = Viewer(Clearance.RESTRICTED)


def _pair(candidate: m.DuplicateCandidate) -> tuple[int, int]:
    return candidate.left_id, candidate.right_id


@pytest.fixture
def registry():
    maria_be = person("Марыя Калеснікава", birth_date="1982-04-24")
    maria_en = person("Kolesnikova Maria Aleksandrovna", birth_date="1982")
    father = person("Babariko Viktor Dmitrievich", birth_date="1963-11-09")
    son = person("Babariko Eduard Viktorovich", birth_date="1989")
    stranger = person("Ales Bialiatski")
    return {"maria_be": maria_be, "maria_en": maria_en, "father": father, "son": son, "stranger": stranger}


def test_finds_the_duplicate_and_not_the_relatives(registry):
    found = dedupe.find_duplicates(STAFF)
    queued = [_pair(c) for c in dedupe.queue(STAFF)]
    assert queued == [(registry["maria_be"].pk, registry["maria_en"].pk)]
    assert found.people == 5 and found.new == 1
    assert dedupe.find_duplicates(STAFF).new == 0  # running again queues nothing twice


def test_a_different_is_never_proposed_again(registry):
    dedupe.find_duplicates(STAFF)
    a, b = registry["maria_be"].pk, registry["maria_en"].pk
    dedupe.judge(b, a, "different", "reviewer", "sisters, checked with relatives")
    assert dedupe.queue(STAFF) == []
    dedupe.find_duplicates(STAFF)
    assert dedupe.queue(STAFF) == []
    judgement = m.MatchJudgement.objects.get()
    assert (judgement.left_id, judgement.right_id, judgement.actor) == (a, b, "reviewer")


def test_unsure_leaves_the_queue_until_asked_for(registry):
    dedupe.find_duplicates(STAFF)
    a, b = registry["maria_be"].pk, registry["maria_en"].pk
    dedupe.judge(a, b, "unsure", "reviewer")
    assert dedupe.queue(STAFF) == [] and [_pair(c) for c in dedupe.queue(STAFF, unsure=True)] == [(a, b)]


def test_the_public_queue_shows_no_restricted_person(registry):
    registry["maria_en"].visibility = "restricted"
    registry["maria_en"].save()
    dedupe.find_duplicates(STAFF)
    assert dedupe.queue(STAFF) and dedupe.queue(Viewer.public()) == []


def _rich_record(who: m.Person) -> None:
    source = m.Source.objects.create(url="https://spring96.org/en/news/1")
    tag = m.Tag.objects.create(code="musician", label="Musician")
    who.sources.add(source)
    who.tags.add(tag)
    who.names.create(name="Maryia Kalesnikava", script="Latn")
    who.external_keys.create(namespace="viasna", key="123")
    who.biographies.create(language="en", text="Flautist.")
    who.health_notes = "asthma"
    who.save()
    event(who, "detained", "2020-09-07")
    case = m.Case.objects.create(jurisdiction="BY", case_number="20-1")
    case.defendants.add(who)


def test_merge_keeps_everything_and_undo_restores_both(registry):
    kept, merged = registry["maria_be"], registry["maria_en"]
    _rich_record(merged)
    kept.biographies.create(language="en", text="Politician.")
    merge = merge_people(kept.pk, merged.pk, "reviewer", "same person")
    kept.refresh_from_db()
    assert not m.Person.objects.filter(pk=merged.pk).exists()
    assert {n.name for n in kept.names.all()} == {"Марыя Калеснікава", "Kolesnikova Maria Aleksandrovna",
                                                   "Maryia Kalesnikava"}
    assert kept.events.get().kind == "detained" and kept.cases.get().case_number == "20-1"
    assert kept.sources.count() == 1 and kept.tags.count() == 1 and kept.external_keys.get().key == "123"
    assert kept.biographies.get().text == "Politician.\n\nFlautist."
    assert kept.health_notes == "asthma"
    moved_event = kept.events.get()
    assert moved_event.history.latest().history_change_reason.startswith(f"merge of person {merged.pk}")
    assert m.Person.history.filter(id=merged.pk, history_type="-").exists()  # its history stays

    restored = undo_merge(merge.pk, "reviewer", "a mistake")
    kept.refresh_from_db()
    assert restored.pk == merged.pk and str(restored.birth_date) == "1982"
    assert {n.name for n in restored.names.all()} == {"Kolesnikova Maria Aleksandrovna", "Maryia Kalesnikava"}
    assert restored.events.count() == 1 and kept.events.count() == 0
    assert restored.cases.count() == 1 and kept.cases.count() == 0
    assert restored.sources.count() == 1 and kept.sources.count() == 0
    assert restored.external_keys.get().key == "123" and restored.health_notes == "asthma"
    assert kept.biographies.get().text == "Politician." and restored.biographies.get().text == "Flautist."
    assert kept.health_notes == "" and {n.name for n in kept.names.all()} == {"Марыя Калеснікава"}
    # An undone merge says they are two people: the pair is not proposed again.
    dedupe.find_duplicates(STAFF)
    assert dedupe.queue(STAFF) == []
    with pytest.raises(MergeError, match="already undone"):
        undo_merge(merge.pk, "reviewer")


def test_an_undo_by_a_reviewer_without_clearance_keeps_the_private_notes_written_since(registry):
    kept, merged = registry["maria_be"], registry["maria_en"]
    merge = merge_people(kept.pk, merged.pk, "reviewer", "same person")
    kept.refresh_from_db()
    kept.internal_notes = "written after the merge"
    kept.save()
    undo_merge(merge.pk, "reviewer", "a mistake", STAFF_WITHOUT_CLEARANCE)
    kept.refresh_from_db()
    assert kept.internal_notes == "written after the merge"


def test_merge_never_publishes_a_restricted_record(registry):
    kept, merged = registry["maria_be"], registry["maria_en"]
    merged.visibility = "confidential"
    merged.save()
    merge_people(kept.pk, merged.pk, "reviewer", "same person")
    kept.refresh_from_db()
    assert kept.visibility == "confidential"


def test_judging_same_merges_into_the_older_record(registry):
    dedupe.find_duplicates(STAFF)
    a, b = registry["maria_be"].pk, registry["maria_en"].pk
    merge_id = dedupe.judge(b, a, "same", "reviewer")
    assert m.PersonMerge.objects.get(pk=merge_id).kept_id == a and dedupe.queue(STAFF) == []


@pytest.mark.parametrize(("other", "judgement", "message"), [
    ("self", "same", "always the same as itself"),
    ("missing", "different", "no such person"),
    ("stranger", "maybe", "judgement 'maybe'"),
])
def test_bad_judgements_say_why(registry, other, judgement, message):
    one = registry["maria_be"].pk
    other_id = {"self": one, "missing": one + 10_000, "stranger": registry["stranger"].pk}[other]
    with pytest.raises(dedupe.JudgementError, match=message):
        dedupe.judge(one, other_id, judgement, actor="reviewer")


def test_a_pair_that_no_longer_scores_leaves_the_queue(registry):
    dedupe.find_duplicates(STAFF)
    assert dedupe.queue(STAFF)
    other = registry["maria_en"]
    other.birth_date = "1990-01-01"  # a documenter corrects the record: not the same woman
    other.save()
    dedupe.find_duplicates(STAFF)
    assert dedupe.queue(STAFF) == []


def test_flagging_an_import_counts_its_people_not_its_pairs():
    """An import of 3,614 people once said "4188 new people may be records already in the
    registry": that was pairs. One new person who may be any of three records is one person."""
    from politzek.registry.dedupe import flag_duplicates_of

    for born in ("1971", "1972", "1973"):
        person("Марчанка Ігар", birth_date=born)
    new = person("Igor Marchenko")
    flagged = flag_duplicates_of([new.pk], "import #1")
    assert (flagged.pairs, flagged.people) == (3, 1)
