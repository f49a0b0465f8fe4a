"""The one visibility filter: what a public visitor, staff and cleared staff may see."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User

from politzek.registry import models as m
from politzek.registry.queries import NotFound, people_rows, person_detail
from politzek.registry.visibility import (
    Clearance,
    Viewer,
    person_visible,
    private_fields,
    visible_events,
    visible_people,
)
from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    public = person("Public Person", visibility="public", health_notes="diabetes", relatives_contacts="+375 00")
    restricted = person("Restricted Person", visibility="restricted")
    confidential = person("Confidential Person", visibility="confidential")
    refused = person("Refused Consent", visibility="public", consent="no")
    event(public, "detained", "2021-01-01")
    event(public, "hunger_strike", "2021-03-01", visibility="confidential")
    event(restricted, "detained", "2021-01-01")
    return {"public": public, "restricted": restricted, "confidential": confidential, "refused": refused}


def names(queryset):
    return sorted(str(p) for p in queryset)


def test_public_sees_only_public_people_with_consent(registry):
    assert names(visible_people(m.Person.objects.all(), Viewer.public())) == ["Public Person"]


def test_staff_see_restricted_and_refused_consent(registry):
    seen = names(visible_people(m.Person.objects.all(), Viewer(Clearance.RESTRICTED)))
    assert seen == ["Public Person", "Refused Consent", "Restricted Person"]


def test_cleared_staff_see_everyone(registry):
    assert len(visible_people(m.Person.objects.all(), Viewer(Clearance.CONFIDENTIAL))) == 4


def test_events_follow_their_own_and_their_persons_visibility(registry):
    public_events = visible_events(m.Event.objects.all(), Viewer.public())
    assert [(e.person_id, e.kind) for e in public_events] == [(registry["public"].pk, "detained")]
    staff_events = visible_events(m.Event.objects.all(), Viewer(Clearance.RESTRICTED))
    assert sorted(e.kind for e in staff_events) == ["detained", "detained"]


def test_private_fields_only_for_cleared_staff(registry):
    public = registry["public"]
    assert private_fields(public, Viewer.public()) == {}
    assert private_fields(public, Viewer(Clearance.RESTRICTED)) == {}
    assert private_fields(public, Viewer(Clearance.CONFIDENTIAL))["health_notes"] == "diabetes"


def test_person_detail_hides_private_fields_and_hidden_events(registry):
    detail = person_detail(registry["public"].pk, Viewer.public())
    assert "health_notes" not in detail and "relatives_contacts" not in detail
    assert [e["kind"] for e in detail["events"]] == ["detained"]
    assert "diabetes" not in str(detail)
    with pytest.raises(NotFound):
        person_detail(registry["restricted"].pk, Viewer.public())
    with pytest.raises(NotFound):
        person_detail(registry["refused"].pk, Viewer.public())


def test_status_in_rows_uses_only_visible_events(registry):
    someone = person("Hidden Release", visibility="public")
    event(someone, "detained", "2021-01-01")
    event(someone, "released_other", "2022-01-01", visibility="restricted")
    [row] = people_rows([someone], Viewer.public())
    assert row["status"] == "pretrial_custody"
    [row] = people_rows([someone], Viewer(Clearance.RESTRICTED))
    assert row["status"] == "released"


def test_viewer_for_users():
    assert Viewer.for_user(AnonymousUser()).clearance == Clearance.PUBLIC
    staff = User.objects.create_user("documenter", password="x" * 12)
    assert Viewer.for_user(staff).clearance == Clearance.PUBLIC
    staff.user_permissions.add(Permission.objects.get(codename="view_restricted"))
    staff = User.objects.get(pk=staff.pk)  # permissions are cached per instance
    assert Viewer.for_user(staff).clearance == Clearance.RESTRICTED
    staff.user_permissions.add(Permission.objects.get(codename="view_confidential"))
    staff = User.objects.get(pk=staff.pk)
    assert Viewer.for_user(staff).clearance == Clearance.CONFIDENTIAL
    staff.is_active = False
    assert Viewer.for_user(staff).clearance == Clearance.PUBLIC


def test_the_listing_keeps_the_same_rule_as_visible_people():
    """flows.Listing keeps, per clearance, whether a person may be seen (visibility.person_visible)
    so the public list need not join the people table: for every visibility and consent, at
    every clearance, it must agree with visible_people, also after a person's record changes."""
    from politzek.flows.models import Listing
    from politzek.flows.refresh import refresh

    people = [person(f"Person {visibility} {consent}", visibility=visibility, consent=consent)
              for visibility in m.Visibility.values for consent in m.Consent.values]

    def agree():
        refresh()
        for clearance in Clearance:
            seen = set(visible_people(m.Person.objects.all(), Viewer(clearance)).values_list("id", flat=True))
            listed = set(Listing.objects.filter(clearance=int(clearance), visible=True).values_list(
                "person_id", flat=True))
            assert listed == seen, clearance
            assert all(person_visible(p.visibility, p.consent, clearance) == (p.pk in seen)
                       for p in m.Person.objects.all())

    agree()
    for changed in people[::2]:
        changed.visibility, changed.consent = m.Visibility.PUBLIC, m.Consent.NO
        changed.save()
    agree()
