"""The public page of the automatic cost and the staff pages of proposals and listed
officials to review: who may see and change what, and nothing hidden reaches a visitor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from politzek.accountability.policy import default_policy
from politzek.accountability.run import run_cost
from politzek.registry import models as m
from politzek.web.staff.roles import ensure_roles
from tests.registry.factories import event, organization, person

pytestmark = pytest.mark.django_db


def _user(role: str, name: str) -> User:
    ensure_roles()
    user = User.objects.create_user(name, password="a long enough password", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def proposals():
    viasna = organization("viasna", kind="human_rights")
    judge = m.Official.objects.create(country="BY")
    judge.names.create(name="Judge Pagetest", is_primary=True)
    for name, visibility, number in (("Shown Pagetest", "public", "1-shown/2025"),
                                     ("Hidden Pagetest", "restricted", "1-hidden/2025")):
        who = person(name, visibility=visibility)
        case = m.Case.objects.create(jurisdiction="BY", case_number=number)
        case.defendants.add(who)
        m.CaseRole.objects.create(case=case, official=judge, role="judge_first_instance")
        event(who, "detained", "2025-03-03", case=case)
        event(who, "recognized", "2025-04-01", organization=viasna)
    run_cost(default_policy(), "test")
    return judge


def test_the_public_page_shows_the_index_and_the_officials_proposed(client, proposals):
    page = client.get("/accountability/").content.decode()
    assert "Judge Pagetest" in page and "European Union (proposed)" in page
    assert "1-shown/2025" in page and "1-hidden/2025" not in page and "Hidden Pagetest" not in page
    # two new cases, a point each, in March 2025; then quiet, and after 26 weeks it falls
    assert "<td>2025-03</td><td>2.0</td>" in page and "<td>2025-09</td><td>2.0</td>" not in page
    assert "politzek-cost 2026-12" in page and "not sanctions" in page
    chart = client.get("/accountability/index.svg?country=BY")
    assert chart.status_code == 200 and b"<svg" in b"".join(chart.streaming_content)
    official = client.get(f"/officials/{proposals.pk}/").content.decode()
    assert "European Union (proposed, since March 3, 2025)" in official and "not sanctions" in official
    # Authorities and countries by their names in the reader's language, not their codes.
    russian = client.get("/ru/accountability/").content.decode()
    assert "Европейский союз (предложено)" in russian and "<th>Беларусь</th>" in russian
    assert client.get("/accountability/?country=Belarus").status_code == 400
    assert client.get("/accountability/index.svg?country=12").status_code == 400


def test_reviewers_change_a_status_and_others_may_not(client, proposals):
    proposal = m.SanctionProposal.objects.get(official=proposals, authority="EU")
    client.force_login(_user("viewer", "vera"))
    page = client.get("/staff/proposals/?authority=EU").content.decode()
    assert "Judge Pagetest" in page and "1-hidden/2025" in page  # staff see restricted cases
    assert client.post(f"/staff/proposals/{proposal.pk}/status/", {"status": "submitted"}).status_code == 403
    assert client.post("/staff/proposals/run/").status_code == 403
    client.force_login(_user("editor", "edda"))
    # A proposal's status is a reviewer's decision; an editor may apply the policy.
    assert client.post(f"/staff/proposals/{proposal.pk}/status/", {"status": "submitted"}).status_code == 403
    assert client.post("/staff/proposals/run/").status_code == 302
    client.force_login(_user("reviewer", "rita"))
    response = client.post(f"/staff/proposals/{proposal.pk}/status/", {"status": "submitted", "note": "sent"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.status_note) == ("submitted", "sent")
    assert proposal.history.latest().history_actor == "web:rita"
    bad = client.post(f"/staff/proposals/{proposal.pk}/status/", {"status": "done"}, follow=True)
    assert "is not one of" in bad.content.decode()
    assert m.SanctionProposal.objects.count() == 4  # applied again: nothing new
    csv_text = client.get("/staff/proposals/export.csv?authority=EU").content.decode()
    assert csv_text.startswith("proposal,official,name") and "Judge Pagetest" in csv_text
    html = client.get("/staff/proposals/export.html?authority=EU").content.decode()
    assert "Hidden Pagetest" in html  # the editor's role sees restricted records
    assert client.get("/staff/proposals/export.pdf?authority=EU").status_code == 404
    assert client.get("/staff/proposals/export.csv").status_code == 400


def test_visitors_are_sent_to_sign_in(client, proposals):
    assert client.get("/staff/proposals/").status_code == 302
    assert client.get("/staff/officials/matches/").status_code == 302
    assert client.get("/staff/proposals/export.html?authority=EU").status_code == 302


def test_a_reviewer_decides_a_listed_official(client, proposals):
    listed = m.Official.objects.create(country="BY", source_key="ftm:test")
    listed.names.create(name="Pagetest", is_primary=True)
    match = m.OfficialMatch.objects.create(source_key="ftm:test", imported=listed, existing=proposals, score=0.6,
                                           features=[{"name": "surname", "score": 1.0, "conflict": False,
                                                      "detail": "Pagetest = Pagetest"}])
    client.force_login(_user("editor", "edda"))
    assert client.get("/staff/officials/matches/").status_code == 403
    client.force_login(_user("reviewer", "rita"))
    page = client.get("/staff/officials/matches/").content.decode()
    assert "Pagetest = Pagetest" in page and "ftm:test" in page
    client.post(f"/staff/officials/matches/{match.pk}/decide/", {"decision": "same", "reason": "same court"})
    match.refresh_from_db()
    assert match.decision == "same" and not m.Official.objects.filter(pk=listed.pk).exists()
    assert "Pagetest" in set(proposals.names.values_list("name", flat=True))


def test_the_api_lists_proposals_and_the_index(client, proposals):
    items = client.get("/api/proposals?authority=EU").json()["items"]
    [judge] = [p for p in items if p["official"] == proposals.pk]
    assert judge["evidence_count"] == 2 and [c["case_number"] for c in judge["cases"]] == ["1-shown/2025"]
    assert client.get("/api/proposals?status=submitted").json() == {"items": []}
    assert client.get("/api/proposals?status=done").status_code == 422
    assert client.get("/api/proposals?country=Belarus").status_code == 422
    cost = client.get("/api/cost?country=by").json()
    assert cost["policy"]["version"] == "politzek-cost 2026-12" and cost["index"]["BY"][0]["value"] == 2.0


def test_the_cost_chart_is_readable_on_a_phone(client, proposals):
    from tests.web.chart_text import READABLE_PX, smallest_text_px

    assert "/accountability/index.svg?size=phone" in client.get("/accountability/").content.decode()
    phone = b"".join(client.get("/accountability/index.svg", {"size": "phone", "country": "BY"}).streaming_content)
    wide = b"".join(client.get("/accountability/index.svg", {"country": "BY"}).streaming_content)
    assert smallest_text_px(phone) >= READABLE_PX > smallest_text_px(wide)
    assert client.get("/accountability/index.svg", {"size": "huge"}).status_code == 400
