"""The ORM-free bulk path must store what `save()` would: the same values read back through
the models, defaults filled, one history row per record saying who and why, and ids that
never repeat one a deleted row had (its history still names it)."""

import datetime as dt

import pytest

from politzek.registry import models as m
from politzek.registry.bulk import bulk_insert, insert_values
from politzek.registry.partial_date import PartialDate
from tests.registry.factories import person

pytestmark = pytest.mark.django_db


def test_inserted_values_read_back_through_the_models_with_defaults_and_history():
    ids = insert_values(m.Person, [
        {"birth_date": PartialDate(1980, 4), "citizenships": ["BY", "PL"], "country": "BY", "gender": "female"},
        {"country": "RU"},
    ], actor="import:test", reason="bulk test")
    first, second = m.Person.objects.get(pk=ids[0]), m.Person.objects.get(pk=ids[1])
    assert first.birth_date == PartialDate(1980, 4)
    assert first.citizenships == ["BY", "PL"]
    assert (first.country, first.gender) == ("BY", "female")
    assert second.citizenships == [] and second.visibility == m.Person._meta.get_field("visibility").default
    assert second.birth_date is None
    assert first.created_at is not None and first.created_at == first.updated_at
    history = list(first.history.all())
    assert len(history) == 1
    assert (history[0].history_type, history[0].history_actor, history[0].history_change_reason) == (
        "+", "import:test", "bulk test")
    assert history[0].birth_date == PartialDate(1980, 4)
    assert history[0].history_date == first.created_at


def test_model_instances_get_their_keys_and_foreign_keys_of_parents_saved_in_the_same_call_order():
    someone = m.Person(country="BY")
    name = m.PersonName(person=someone, name="Анна Іванова", script="Cyrl")  # parent unsaved when assigned
    detained = m.Event(person=someone, kind="detained", date=PartialDate(2021, 5, 3),
                       date_earliest=dt.date(2021, 5, 3))
    assert bulk_insert(m.Person, [someone], "import:test", "r") == 2
    bulk_insert(m.PersonName, [name], "import:test", "r")
    bulk_insert(m.Event, [detained], "import:test", "r")
    assert someone.pk is not None and not someone._state.adding
    assert m.PersonName.objects.get(pk=name.pk).person_id == someone.pk
    stored = m.Event.objects.get(pk=detained.pk)
    assert (stored.person_id, stored.date, stored.date_earliest) == (someone.pk, PartialDate(2021, 5, 3),
                                                                     dt.date(2021, 5, 3))


def test_ids_of_deleted_rows_are_never_reused():
    removed = person()
    removed_id = removed.pk
    removed.delete()
    [new_id] = insert_values(m.Person, [{"country": "BY"}], actor="import:test", reason="r")
    assert new_id > removed_id
    follower = person()  # the database's own sequence continues after the reserved ids
    assert follower.pk > new_id


def test_models_without_history_write_one_row_each():
    someone = person()
    written = bulk_insert(m.ExternalKey, [m.ExternalKey(person=someone, namespace="t", key="1")], "a", "r")
    assert written == 1
    assert m.ExternalKey.objects.get(namespace="t", key="1").person_id == someone.pk
