"""Redaction and purge: a change marked as a redaction hides the versions before it from staff
without confidential clearance; `politzek history purge` (an admin with clearance, a reason)
replaces a dangerous value in every earlier version with a tombstone, and refuses anyone else,
a record that still holds the value, and fields that are not text."""

from __future__ import annotations

import pytest

from politzek.registry import models as m
from politzek.registry.history import recorded_change
from politzek.registry.visibility import Clearance, Viewer, visible_versions
from tests.commands import run_politzek_here
from tests.registry.factories import event, person, staff

pytestmark = pytest.mark.django_db
DANGEROUS = "lives at Kalinina 7, flat 12"



def _redacted_event() -> m.Event:
    someone = person("Purge Subject", visibility="public")
    happened = event(someone, "detained", "2024-01-01", description=f"detained at home; {DANGEROUS}")
    with recorded_change("documenter", "address removed", redaction=True):
        happened.description = "detained at home"
        happened.save()
    return happened


def test_a_redaction_hides_the_versions_before_it_from_staff_without_clearance(client):
    happened = _redacted_event()
    rows = m.Event.history.filter(id=happened.pk)
    for clearance, shown in ((Clearance.RESTRICTED, 1), (Clearance.CONFIDENTIAL, 2)):
        readable = visible_versions(rows, m.Event, happened.pk, Viewer(clearance))
        assert readable.count() == shown
        assert any(DANGEROUS in r.description for r in readable) == (clearance == Clearance.CONFIDENTIAL)
    client.force_login(staff("erik", "editor", confidential=False))
    assert DANGEROUS not in client.get(f"/staff/people/{happened.person_id}/history/").content.decode()
    assert DANGEROUS not in client.get(f"/admin/registry/event/{happened.pk}/history/").content.decode()


def test_the_admin_change_form_marks_a_redaction(client):
    someone = person("Admin Redaction", visibility="public", region="Minsk, Kalinina 7")
    client.force_login(staff("kira", "admin", confidential=True))
    form = client.get(f"/admin/registry/person/{someone.pk}/change/").content.decode()
    assert 'name="redaction"' in form
    someone.region = "Minsk"
    someone._history_redaction = True
    someone.save()
    assert m.Person.history.filter(id=someone.pk).latest("history_date").history_redaction


def test_purge_replaces_the_value_in_every_earlier_version_with_a_tombstone():
    happened = _redacted_event()
    staff("anna", "admin", confidential=True)
    done = run_politzek_here("history", "purge", "event", str(happened.pk), "--field", "description",
                             "--value", "Kalinina 7", "--reason", "endangers the family", "--actor", "anna")
    assert done.returncode == 0, done.stderr
    assert "1 earlier version(s) of event" in done.stdout
    descriptions = list(m.Event.history.filter(id=happened.pk).values_list("description", flat=True))
    assert not any(DANGEROUS in text for text in descriptions)
    assert any(text.startswith("[purged ") and "by anna: endangers the family]" in text for text in descriptions)
    tombstone = m.HistoryPurge.objects.get()
    assert (tombstone.model, tombstone.field, tombstone.versions, tombstone.actor) == (
        "event", "description", 1, "anna")
    happened.refresh_from_db()
    assert happened.description == "detained at home"  # the record itself is untouched


@pytest.mark.parametrize("actor, arguments, message", [
    ("ada", [], "is not an admin with confidential clearance"),  # an admin without clearance
    ("clara", [], "is not an admin with confidential clearance"),  # cleared, but an editor
    ("anna", ["--value", "detained at home"], "still holds the value in description: edit the record first"),
    ("anna", ["--field", "date"], "is not a text field of event"),
    ("nobody", [], "no user named"),
])
def test_purge_refuses(actor, arguments, message):
    happened = _redacted_event()
    staff("ada", "admin", confidential=False)
    staff("clara", "editor", confidential=True)
    staff("anna", "admin", confidential=True)
    field = [] if "--field" in arguments else ["--field", "description"]
    result = run_politzek_here("history", "purge", "event", str(happened.pk), *field, *arguments,
                               "--reason", "test", "--actor", actor)
    assert result.returncode == 2 and message in result.stderr
    assert any(DANGEROUS in text for text in m.Event.history.filter(id=happened.pk).values_list("description",
                                                                                               flat=True))
