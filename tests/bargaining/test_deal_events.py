"""A deal recorded from a file moves the ledger: each registry person it releases gets a release
event (kind from the deal, dated its day, citing its sources, in history), so the number of
political prisoners falls with the deal; people not in custody get none, and say why."""

import datetime as dt

import pytest

from politzek.bargaining.deal_file import DealFileError, record_deal
from politzek.flows.figures import Scope, window_flows
from politzek.registry import models as m
from politzek.registry.visibility import Viewer
from tests.registry.factories import event, organization, person

pytestmark = pytest.mark.django_db

DEAL = """
name = "Test release"
date = "2025-09-11"
kind = "{kind}"
parties = ["BY", "US"]
[[sources]]
url = "https://example.org/test-release"
[[released]]
person = {held}
destination = "LT"
[[released]]
person = {free}
[[released]]
person = {pardoned}
event = "released_other"
[[released]]
name = "An agent handed back"
direction = "returned_to_regime"
"""


def _held(name, detained="2023-01-10"):
    who = person(name)
    event(who, "detained", detained)
    event(who, "recognized", "2023-02-01", organization=organization("viasna", kind="human_rights"))
    return who


def _file(tmp_path, kind="concession_release", **ids):
    path = tmp_path / "deal.toml"
    path.write_text(DEAL.format(kind=kind, **ids), encoding="utf-8")
    return path


@pytest.fixture
def people():
    held, pardoned = _held("Held Person"), _held("Another Held")
    free = person("Never Detained")
    return {"held": held.pk, "free": free.pk, "pardoned": pardoned.pk}


def _stock(day):
    return window_flows(Scope(country="BY"), day, day).political.stock_end


def test_a_deal_writes_release_events_and_the_stock_falls(people, tmp_path, client):
    assert _stock(dt.date(2025, 9, 11)) == 2
    deal, linked = record_deal(_file(tmp_path, **people), "tester", Viewer.public())
    released = m.Event.objects.get(person_id=people["held"], deal=deal)
    assert (released.kind, str(released.date)) == ("released_pardon", "2025-09-11")
    # No English sentence is recorded: the event's deal and the release's destination are the
    # facts, and a page words them in its language.
    assert released.description == ""
    page = client.get(f"/ru/people/{people['held']}/").content.decode()
    assert f'Сделка: <a href="/ru/deals/{deal.pk}/" translate="no">' in page and "страна назначения: Литва" in page
    assert [s.url for s in released.sources.all()] == ["https://example.org/test-release"]
    assert released.history.latest().history_change_reason == "deal recorded from deal.toml"
    # A release's own kind, when the file gives one.
    assert m.Event.objects.get(person_id=people["pardoned"], deal=deal).kind == "released_other"
    # Someone the timeline does not show in custody gets no release event, and the reason.
    assert not m.Event.objects.filter(person_id=people["free"]).exists()
    assert [(p, why.split(";")[0]) for _n, p, why in linked.no_event] == [
        (people["free"], "the timeline does not show the person in custody on 2025-09-11")]
    assert _stock(dt.date(2025, 9, 11)) == 0 and _stock(dt.date(2025, 9, 10)) == 2


@pytest.mark.parametrize(("kind", "expected"), [("exchange", "released_exchange"),
                                                ("pardon_wave", "released_pardon"),
                                                ("amnesty", "released_other")])
def test_the_event_kind_follows_the_deal_kind(people, tmp_path, kind, expected):
    deal, _linked = record_deal(_file(tmp_path, kind=kind, **people), "tester", Viewer.public())
    assert m.Event.objects.get(person_id=people["held"], deal=deal).kind == expected


def test_an_existing_release_that_day_is_linked_not_doubled(people, tmp_path):
    imported = event(m.Person.objects.get(pk=people["held"]), "released_pardon", "2025-09-11")
    deal, linked = record_deal(_file(tmp_path, **people), "tester", Viewer.public())
    imported.refresh_from_db()
    assert imported.deal == deal
    assert m.Event.objects.filter(person_id=people["held"], kind__startswith="released").count() == 1


def test_no_events_and_dry_run_write_none(people, tmp_path):
    deal, _linked = record_deal(_file(tmp_path, **people), "tester", Viewer.public(), events=False)
    assert deal is not None and not m.Event.objects.filter(deal=deal).exists()
    m.Deal.objects.all().delete()
    none, linked = record_deal(_file(tmp_path, **people), "tester", Viewer.public(), dry_run=True)
    assert none is None and not m.Event.objects.filter(kind__startswith="released").exists()
    assert sorted(p for _n, p, _k in linked.events) == sorted([people["held"], people["pardoned"]])


def test_a_release_event_that_does_not_release_is_refused(people, tmp_path):
    path = _file(tmp_path, **people)
    path.write_text(path.read_text().replace('"released_other"', '"recognized"'), encoding="utf-8")
    with pytest.raises(DealFileError, match=r"released\[2\]\.event: 'recognized' is not one of"):
        record_deal(path, "tester", Viewer.public())


def test_a_release_the_writer_may_not_see_is_neither_linked_nor_named(people, tmp_path):
    """A confidential release event of that day stays as it was for a writer without clearance:
    not linked to the deal, no source added, its kind not reported."""
    hidden = event(m.Person.objects.get(pk=people["held"]), "released_other", "2025-09-11",
                   visibility="confidential")
    deal, linked = record_deal(_file(tmp_path, **people), "tester", Viewer.public())
    hidden.refresh_from_db()
    assert hidden.deal is None and not hidden.sources.exists()
    assert all(kind != "released_other" or person != people["held"] for _n, person, kind in linked.events)


def test_the_english_sentences_deals_once_wrote_are_cleared_and_a_documenters_words_kept(people, tmp_path):
    """Migration 0020: what a deal wrote ("Released in the deal: NAME; taken to LT") is cleared;
    a description a documenter wrote on a deal's event stays."""
    from importlib import import_module

    from django.apps import apps

    deal, _linked = record_deal(_file(tmp_path, **people), "tester", Viewer.public())
    written = m.Event.objects.get(person_id=people["held"], deal=deal)
    own = m.Event.objects.get(person_id=people["pardoned"], deal=deal)
    m.Event.objects.filter(pk=written.pk).update(description="Released in the deal: Test release; taken to LT")
    m.Event.objects.filter(pk=own.pk).update(description="Released in the deal: Test release, with her son")
    import_module("politzek.registry.migrations.0020_deal_events_without_english_descriptions") \
        .clear_written_sentences(apps, None)
    written.refresh_from_db()
    own.refresh_from_db()
    assert (written.description, own.description) == ("", "Released in the deal: Test release, with her son")
