"""Withdrawing and correcting an event (registry/corrections.py) from the command line, the API
and the staff page: kept in history with who and why, refused above the writer's clearance or
when the timeline would be impossible (issue 34: removing two wrong events needed Django's
shell). The people here are invented."""

from __future__ import annotations

import pytest

from politzek.registry import models as m
from politzek.web.models import ApiToken
from tests.commands import run_politzek_here
from tests.registry.factories import event, person, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def timeline():
    someone = person("Testau Carrected", country="BY")
    detained = event(someone, "detained", "2024-03-01")
    wrong = event(someone, "transferred", "2024-05-02", description="a misreport")
    released = event(someone, "released_pardon", "2025-09-11")
    return someone, detained, wrong, released


def test_the_command_line_withdraws_and_corrects_with_the_reason_in_history(timeline):
    someone, detained, wrong, released = timeline
    done = run_politzek_here("events", "withdraw", str(wrong.pk), "--reason", "misreported by a channel")
    assert done.returncode == 0, done.stderr
    assert not m.Event.objects.filter(pk=wrong.pk).exists()
    gone = m.Event.history.filter(id=wrong.pk).latest("history_date")
    assert gone.history_type == "-" and gone.history_change_reason == "withdrawn: misreported by a channel"
    fixed = run_politzek_here("events", "correct", str(released.pk), "--date", "2025-09-12",
                              "--reason", "the court's record")
    assert fixed.returncode == 0, fixed.stderr
    released.refresh_from_db()
    assert str(released.date) == "2025-09-12"
    assert m.Event.history.filter(id=released.pk).latest("history_date").history_change_reason == \
        "corrected: the court's record"


@pytest.mark.parametrize("arguments, says", [
    (["withdraw", "{detained}", "--reason", "x"], "would leave the timeline impossible"),
    (["withdraw", "999999", "--reason", "x"], "no event 999999"),
    (["withdraw", "{detained}", "--reason", "  "], "say why"),
    (["correct", "{released}", "--date", "2025-02-30", "--reason", "x"], "date:"),
    (["correct", "{released}", "--kind", "teleported", "--reason", "x"], "kind:"),
    (["correct", "{released}", "--reason", "x"], "nothing to correct"),
    (["correct", "{released}", "--date", "2020-01-01", "--reason", "x"], "comes before the first detention"),
])
def test_bad_corrections_are_refused_in_one_line(timeline, arguments, says):
    _someone, detained, _wrong, released = timeline
    filled = [a.format(detained=detained.pk, released=released.pk) for a in arguments]
    done = run_politzek_here("events", *filled)
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr
    assert m.Event.objects.filter(pk=detained.pk).exists() and str(m.Event.objects.get(pk=released.pk).date) == \
        "2025-09-11"


def test_the_api_corrects_and_withdraws_at_the_tokens_clearance(client, timeline):
    someone, _detained, wrong, released = timeline
    hidden = event(someone, "hunger_strike", "2024-06-01", visibility="confidential")
    editor = ApiToken.issue(staff("edda", "editor"), "test")[1]
    reviewer = ApiToken.issue(staff("rita", "reviewer"), "test")[1]

    def call(method, path, token, **kwargs):
        return getattr(client, method)(path, content_type="application/json",
                                       headers={"Authorization": f"Bearer {token}"}, **kwargs)

    patched = call("patch", f"/api/events/{released.pk}", editor, data={"date": "2025-09-12", "reason": "record"})
    assert patched.status_code == 200 and patched.json()["date"] == "2025-09-12"
    assert call("delete", f"/api/events/{wrong.pk}?reason=x", editor).status_code == 403  # editors correct only
    assert call("delete", f"/api/events/{hidden.pk}?reason=x", reviewer).status_code == 404  # above clearance
    assert call("patch", f"/api/events/{hidden.pk}", reviewer, data={"description": "x", "reason": "y"}
                ).status_code == 404
    assert call("delete", f"/api/events/{wrong.pk}?reason=misreport", reviewer).status_code == 204
    assert not m.Event.objects.filter(pk=wrong.pk).exists() and m.Event.objects.filter(pk=hidden.pk).exists()
    impossible = call("patch", f"/api/events/{released.pk}", editor, data={"date": "2020-01-01", "reason": "r"})
    assert impossible.status_code == 422 and "before the first detention" in impossible.json()["detail"]


def test_the_staff_page_corrects_in_russian_and_reviewers_withdraw(client, timeline):
    someone, _detained, wrong, released = timeline
    client.force_login(staff("edda", "editor"))
    page = client.get(f"/ru/staff/events/{released.pk}/edit/").content.decode()
    assert 'lang="ru"' in page and 'value="2025-09-11"' in page and 'id="withdraw"' not in page
    person_page = client.get(f"/ru/people/{someone.pk}/").content.decode()
    assert f"/ru/staff/events/{released.pk}/edit/" in person_page
    sent = client.post(f"/ru/staff/events/{released.pk}/edit/", {
        "kind": "released_pardon", "date": "12.09.2025", "description": "", "visibility": "public",
        "reason": "запись суда"})
    assert sent.status_code == 302
    released.refresh_from_db()
    assert str(released.date) == "2025-09-12"
    client.force_login(staff("rita", "reviewer"))
    withdrawn = client.post(f"/ru/staff/events/{wrong.pk}/edit/", {"withdraw": "on", "reason": "ошибка СМИ"})
    assert withdrawn.status_code == 302 and not m.Event.objects.filter(pk=wrong.pk).exists()


def test_a_refusal_never_describes_an_event_above_the_writers_clearance(client):
    """A confidential death makes a later public event impossible; an uncleared editor is told
    that a hidden record conflicts, never that a death is recorded, nor its date."""
    someone = person("Testau Khavany", country="BY")
    detained = event(someone, "detained", "2024-03-01")
    event(someone, "died_in_custody", "2025-01-07", visibility="confidential")
    client.force_login(staff("edda", "editor"))
    page = client.post(f"/staff/people/{someone.pk}/events/new/", {
        "kind": "transferred", "date": "2025-06-01", "visibility": "public", "reason": "r"}).content.decode()
    assert "above your clearance" in page and "2025-01-07" not in page and "death" not in page.lower()
    token = ApiToken.issue(staff("rita", "reviewer"), "test")[1]
    api = client.post(f"/api/people/{someone.pk}/events", {"kind": "transferred", "date": "2025-06-01",
                                                           "reason": "r"},
                      content_type="application/json", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 422 and "above your clearance" in api.json()["detail"]
    assert "2025-01-07" not in api.content.decode()
    withdraw = client.delete(f"/api/events/{detained.pk}?reason=x", headers={"Authorization": f"Bearer {token}"})
    assert withdraw.status_code == 422 and "2025-01-07" not in withdraw.content.decode()
    # Cleared staff are told what conflicts.
    client.force_login(staff("clara", "editor", confidential=True))
    cleared = client.post(f"/staff/people/{someone.pk}/events/new/", {
        "kind": "transferred", "date": "2025-06-01", "visibility": "public", "reason": "r"}).content.decode()
    assert "2025-01-07" in cleared
