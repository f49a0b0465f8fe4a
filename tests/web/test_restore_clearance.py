"""A restore never changes what its user may not see. Property: for random histories of a
person and one of their events (edited by a cleared documenter: visibility raised and lowered,
private notes and texts rewritten) and every role with and without confidential clearance,
restoring any version through the staff page changes no field above the role's clearance:
no private field of a user without clearance, nothing of a record above it, and no
visibility lowered from a level above it. Plus the review's two reproductions."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from politzek.registry import models as m
from politzek.registry.history import recorded_change
from politzek.registry.visibility import Clearance
from politzek.registry.writes import RANK
from politzek.web.staff.roles import ROLES
from tests.registry.factories import event, person, staff

pytestmark = pytest.mark.django_db

LEVELS = ("public", "restricted", "confidential")
texts = st.text(alphabet="abcxyz ", min_size=1, max_size=8)
person_edits = st.fixed_dictionaries({"visibility": st.sampled_from(LEVELS), "region": texts,
                                      "internal_notes": texts, "health_notes": texts})
event_edits = st.fixed_dictionaries({"visibility": st.sampled_from(LEVELS), "description": texts})



def _state(record) -> dict:
    record.refresh_from_db()
    return {f.attname: getattr(record, f.attname) for f in record._meta.concrete_fields if f.attname != "updated_at"}


def _above(record, clearance: Clearance, private: tuple[str, ...]) -> dict:
    """The fields of `record` above this clearance: all of them when the record is, else its
    private ones (for a clearance that does not read them)."""
    state = _state(record)
    if RANK[state["visibility"]] > clearance:
        return state
    return {} if clearance >= Clearance.CONFIDENTIAL else {name: state[name] for name in private}


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(person_history=st.lists(person_edits, min_size=1, max_size=4),
       event_history=st.lists(event_edits, min_size=1, max_size=4),
       role=st.sampled_from(ROLES), confidential=st.booleans(), pick=st.integers(min_value=0, max_value=99),
       restore_event=st.booleans())
def test_a_restore_changes_no_field_above_the_restorers_clearance(client, person_history, event_history, role,
                                                                   confidential, pick, restore_event):
    with transaction.atomic():
        someone = person("Restore Subject", visibility="public", internal_notes="first", health_notes="first")
        happened = event(someone, "detained", "2024-01-01", visibility="public", description="first")
        with recorded_change("documenter", "edits"):
            for record, edits in ((someone, person_history), (happened, event_history)):
                for edit in edits:
                    for name, value in edit.items():
                        setattr(record, name, value)
                    record.save()
        user = staff(f"{role}{int(confidential)}", role, confidential)
        clearance = Clearance.CONFIDENTIAL if confidential else Clearance.RESTRICTED
        before_person = _above(someone, clearance, m.Person.PRIVATE_FIELDS)
        before_event = _above(happened, clearance, ())
        if RANK[someone.visibility] > clearance:  # the person's own restore page is not theirs
            before_event = _state(happened)
        model, record = ("event", happened) if restore_event else ("person", someone)
        versions = list(type(record).history.filter(id=record.pk).order_by("history_id"))
        version = versions[pick % len(versions)]

        client.force_login(user)
        response = client.post(f"/staff/people/{someone.pk}/history/{model}/{version.history_id}/restore/")

        assert response.status_code in (302, 403, 404)
        assert {k: v for k, v in _state(someone).items() if k in before_person} == before_person
        assert {k: v for k, v in _state(happened).items() if k in before_event} == before_event
        if response.status_code == 302:
            assert role != "viewer" and RANK[_state(record)["visibility"]] <= clearance
        transaction.set_rollback(True)


def test_an_editor_without_clearance_restores_without_emptying_private_notes(client):
    """The review's reproduction: the notes became empty (the editor only ever saw "…")."""
    someone = person("Restore Notes", visibility="public")
    with recorded_change("documenter", "notes from the lawyer"):
        someone.region, someone.internal_notes, someone.health_notes = "Minsk", "lawyer says", "asthma"
        someone.save()
    first = someone.history.earliest("history_date")
    client.force_login(staff("erik", "editor"))
    assert client.post(f"/staff/people/{someone.pk}/history/person/{first.history_id}/restore/").status_code == 302
    someone.refresh_from_db()
    assert (someone.region, someone.internal_notes, someone.health_notes) == ("", "lawyer says", "asthma")


def test_an_event_raised_to_confidential_cannot_be_restored_down_by_an_uncleared_editor(client):
    """The review's reproduction: restricted, then confidential with new text; the uncleared
    editor's restore of the restricted version is refused and changes nothing."""
    someone = person("Restore Event", visibility="public")
    happened = event(someone, "detained", "2024-01-01", visibility="restricted", description="held in Minsk")
    with recorded_change("documenter", "raised"):
        happened.visibility = "confidential"
        happened.description = "held in Minsk; informant's name"
        happened.save()
    old = happened.history.earliest("history_date")
    client.force_login(staff("erik", "editor"))
    assert client.post(f"/staff/people/{someone.pk}/history/event/{old.history_id}/restore/").status_code == 404
    happened.refresh_from_db()
    assert (happened.visibility, happened.description) == ("confidential", "held in Minsk; informant's name")
    history = client.get(f"/staff/people/{someone.pk}/history/").content.decode()
    assert "held in Minsk" not in history  # no version of an event that is now above the editor
