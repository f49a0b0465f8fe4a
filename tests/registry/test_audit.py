"""The evidence audit on a hand-built registry: what cites no source, what cannot be true,
what the record last knew over a year ago, which addresses are not web addresses; counted per country
for everyone, listed only as far as the reader's clearance goes."""

import datetime as dt
import json

import pytest

from politzek.registry import models as m
from politzek.registry.audit import run_audit
from politzek.registry.visibility import Clearance, Viewer
from tests.commands import run_politzek_here
from tests.registry.factories import event, organization, person

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def registry():
    source = m.Source.objects.create(url="https://example.org/bulletin", title="A bulletin")
    cited = person("Cited Person", country="BY")
    detained = event(cited, "detained", "2024-01-10")
    detained.sources.add(source)
    recognized = event(cited, "recognized", "2024-02-01", organization=organization("viasna", kind="human_rights"))
    m.Recognition.objects.create(event=recognized, statement_url="https://example.org/statement")
    event(cited, "sentenced", "2024-06-01")  # cites nothing
    hidden = person("Hidden Person", country="RU", visibility="confidential")
    event(hidden, "released_pardon", "2023-01-01")  # released before ever held: impossible
    event(hidden, "detained", "2023-05-01")
    stale = person("Stale Person", country="BY")
    event(stale, "detained", "2020-03-01").sources.add(source)
    # Recorded today from a list as of 1 June 2025: stale by what it knows, though just edited.
    m.Event.objects.filter(person=stale).update(as_of=dt.date(2025, 6, 1))
    bad = m.Source.objects.create(url="https://example.org/ok")
    m.Source.objects.filter(pk=bad.pk).update(url="javascript:alert(1)")  # stored before such were refused
    deal = m.Deal.objects.create(name="A deal citing nothing", date="2025-09-11", kind="amnesty")
    m.Concession.objects.create(deal=deal, kind="money", description="undisclosed")
    return {"cited": cited, "hidden": hidden, "stale": stale}


def test_counts_cover_every_record_per_country(registry):
    audit = run_audit(Viewer.public(), months=12, today=TODAY)
    assert dict(audit.per_country["BY"]) == {"people": 2, "events": 4, "unsourced_events": 1,
                                             "timeline_conflicts": 0, "stale_people": 1}
    assert dict(audit.per_country["RU"]) == {"people": 1, "events": 2, "unsourced_events": 2,
                                             "timeline_conflicts": 1, "stale_people": 0}
    overall = audit.overall
    assert (overall["unsourced_deals"], overall["unsourced_concessions"], overall["bad_source_urls"]) == (1, 1, 1)


def test_lists_show_only_what_the_reader_may_see(registry):
    public = run_audit(Viewer.public(), months=12, today=TODAY)
    listed = {kind: [(f.person_id, f.detail) for f in found] for kind, found in public.findings.items()}
    assert listed["unsourced_events"] == [(registry["cited"].pk, "sentenced 2024-06-01")]
    assert listed["timeline_conflicts"] == []  # the confidential record is counted, not shown
    assert listed["stale_people"] == [(registry["stale"].pk, "latest information as of 2025-06-01")]
    assert [f.detail for f in public.findings["bad_source_urls"]] == ["javascript:alert(1)"]
    cleared = run_audit(Viewer(Clearance.CONFIDENTIAL), months=12, today=TODAY)
    assert [f.person_id for f in cleared.findings["timeline_conflicts"]] == [registry["hidden"].pk]
    assert len(cleared.findings["unsourced_events"]) == 3


def test_the_audit_command(registry):
    result = run_politzek_here("audit", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["per_country"]["RU"]["timeline_conflicts"] == 1 and data["seen_as"] == "public"
    assert data["findings"]["timeline_conflicts"] == []
    text = run_politzek_here("audit").stdout
    assert "deals citing no source: 1 of 1" in text
    refused = run_politzek_here("audit", "--months", "0")
    assert refused.returncode == 2 and "--months" in refused.stderr


def test_the_staff_page_counts_all_and_lists_what_the_reader_may_see(client, registry):
    from tests.registry.factories import staff

    client.force_login(staff("vera", "viewer"))
    page = client.get("/staff/audit/?months=12").content.decode()
    assert 'id="audit-counts"' in page and f'/people/{registry["cited"].pk}/' in page
    assert f'/people/{registry["hidden"].pk}/' not in page and "javascript:alert(1)" in page
    client.logout()
    assert client.get("/staff/audit/").status_code in (302, 403)
