"""No side door from hidden to public: a staff write that names an existing record reuses it
only when its writer may see it (registry/writes.reuse_or_create). Issue 33 found an uncleared
editor's "add a person", naming the address of a source only a confidential person cites,
publishing that source's title and publisher on the new person's page, the API and exports."""

from __future__ import annotations

import io

import pytest

from politzek.ingest.export_ftm import export_ftm
from politzek.ingest.export_json import export_json
from politzek.registry import models as m
from politzek.registry.visibility import Viewer
from tests.registry.factories import staff
from tests.web.canaries import SECRET, secret, seed_canaries, seed_staff_canaries

pytestmark = pytest.mark.django_db

HIDDEN_ADDRESS = "https://example.org/reports/2022/hidden"


@pytest.fixture
def seeded(tmp_path):
    seeded = seed_canaries()
    seeded.update(seed_staff_canaries(seeded, tmp_path))
    # A source only the confidential person cites, at an address anyone might also cite.
    seeded["confidential"].sources.add(m.Source.objects.create(
        url=HIDDEN_ADDRESS, title=secret("source-title"), publisher=secret("source-publisher")))
    return seeded


def _add_person(client, source_url: str, name: str = "Ales Public"):
    return client.post("/staff/people/new/", {
        "name": name, "country": "BY", "gender": "unknown", "visibility": "public", "consent": "yes",
        "event_kind": "detained", "event_date": "2026-11-20", "source_url": source_url,
        "source_title": "What the editor typed", "reason": "a new case"})


def test_an_uncleared_editor_naming_a_hidden_source_gets_a_new_one(client, seeded):
    hidden_source = m.Source.objects.get(url=HIDDEN_ADDRESS)
    editor = staff("edda", "editor")
    client.force_login(editor)
    answer = _add_person(client, HIDDEN_ADDRESS)
    assert answer.status_code == 302
    added = m.Person.objects.get(names__name="Ales Public")
    source = added.sources.get()
    assert source.pk != hidden_source.pk and source.title == "What the editor typed"
    assert list(hidden_source.people.all()) == [seeded["confidential"]]  # the hidden one is untouched
    # What the public and the editor read of the new person holds nothing of the hidden source.
    client.logout()
    for path in (f"/people/{added.pk}/", f"/ru/people/{added.pk}/", f"/api/people/{added.pk}"):
        assert SECRET not in client.get(path).content.decode(), path
    for export in (export_json, export_ftm):
        out = io.StringIO()
        export(out, Viewer.public())
        assert SECRET not in out.getvalue()
    client.force_login(editor)
    assert SECRET not in client.get(f"/admin/registry/source/{source.pk}/change/").content.decode()
    assert client.get(f"/admin/registry/source/{hidden_source.pk}/change/").status_code in (302, 404)


def test_a_cleared_editor_reuses_the_source_they_can_see(client, seeded):
    hidden_source = m.Source.objects.get(url=HIDDEN_ADDRESS)
    client.force_login(staff("clara", "editor", confidential=True))
    assert _add_person(client, HIDDEN_ADDRESS).status_code == 302
    assert m.Person.objects.get(names__name="Ales Public").sources.get().pk == hidden_source.pk


def test_two_sources_with_one_address_are_no_error(client, seeded):
    for title in ("First copy", "Second copy"):
        m.Source.objects.create(url="https://spring96.org/ru/news/1", title=title)
    client.force_login(staff("edda", "editor"))
    assert _add_person(client, "https://spring96.org/ru/news/1").status_code == 302
    assert m.Person.objects.get(names__name="Ales Public").sources.get().title == "First copy"
