"""Nothing is recorded that nobody meant: every admin change page of every registered model,
and every staff form, submitted exactly as a browser renders and sends it (tests/web/
rendered_forms.py), changes no row anywhere and writes no history. Issue 33 found an untouched
person page adding a public "abducted" event (the event inline's blank form showed a real kind).

Run as a cleared admin (every field and row shown) and as an uncleared editor (private fields
and hidden rows left out of the forms), on demo records and hand-made edge cases."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin

from politzek.demo.generator import create_demo
from politzek.registry import models as m
from tests.registry.factories import staff
from tests.web.rendered_forms import submitted_fields

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

RECORDS_PER_MODEL = 2
# Tables a request writes by design whatever the form: the signed-in session, sign-in records.
NOT_RECORDS = {"django_session", "axes_accesslog", "axes_accessattempt", "axes_accessfailurelog"}


def _every_row() -> dict[str, list[str]]:
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in NOT_RECORDS or not model._meta.managed and not model._meta.auto_created:
            continue
        rows[model._meta.db_table] = [repr(row) for row in model._default_manager.order_by("pk").values_list()]
    return rows


def _changed(before: dict[str, list[str]], after: dict[str, list[str]]) -> dict[str, tuple[list, list]]:
    changes = {}
    for table, rows in after.items():
        old = set(before.get(table, []))
        new = set(rows)
        if old != new:
            changes[table] = (sorted(old - new, )[:3], sorted(new - old, )[:3])
    return changes


def _sampled_records(model: type) -> list:
    ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return []
    picks = {ids[0], ids[-1], ids[len(ids) // 2]}
    return sorted(picks)[:RECORDS_PER_MODEL] if len(picks) > RECORDS_PER_MODEL else sorted(picks)


@pytest.fixture
def registry():
    create_demo(people=30, seed=5)
    person = m.Person.objects.filter(events__isnull=False).first()
    # Edge cases a demo may lack: a multi-line description (browsers send CRLF), a private
    # field filled, a restricted event an uncleared editor does not see.
    event = person.events.first()
    event.description = "First line.\nSecond line, after a newline."
    event.save()
    m.Event.objects.create(person=person, kind="transferred", date="2024-03",
                           visibility="confidential", description="Hidden transfer.\nTwo lines.")
    person.internal_notes = "Internal note.\nOn two lines."
    person.save()
    # Records the demo has none of: a reported figure (a real one, with its source and quote)
    # and a concession valued as a range with a basis.
    viasna = m.Organization.objects.get_or_create(code="viasna", defaults={"name": "Viasna"})[0]
    m.ReportedFigure.objects.create(
        organization=viasna, country="BY", kind="total_held", value=1131, as_of="2025-12-31",
        source=m.Source.objects.create(url="https://reform.news/en/rights-defenders-record-more-than-80-cases-of-"
                                           "politically-motivated-repression-in-december/amp"),
        quote="As of the end of December 2025, 1,131 political prisoners were being held\nin places of detention")
    concession = m.Concession.objects.order_by("pk").first()
    if concession is not None:
        concession.value_usd_low, concession.value_usd_high, concession.basis = 1950000000, 3060000000, "export_value"
        concession.save()
    return person


@pytest.mark.parametrize("role, confidential", [("admin", True), ("editor", False)])
def test_every_admin_change_page_saved_untouched_changes_nothing(client, registry, role, confidential):
    user = staff(f"{role}-user", role, confidential=confidential, superuser=role == "admin")
    client.force_login(user)
    submitted = 0
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for pk in _sampled_records(model):
            page = client.get(f"{base}{pk}/change/")
            if page.status_code != 200:  # above the user's clearance, or no change permission
                continue
            content = page.content.decode()
            if f'id="{model._meta.model_name}_form"' not in content or 'name="_save"' not in content:
                continue  # a page to read only (no form to submit)
            data = submitted_fields(content, form_id=f"{model._meta.model_name}_form", button="_save")
            before = _every_row()
            answer = client.post(f"{base}{pk}/change/", data)
            after = _every_row()
            assert answer.status_code == 302, (
                f"{base}{pk}/change/ as rendered did not save: {answer.status_code} "
                f"{_form_errors(answer)}")
            assert _changed(before, after) == {}, f"{base}{pk}/change/ submitted untouched as {role}"
            submitted += 1
    assert submitted >= 20  # the test reached the pages it is about


def _form_errors(answer) -> str:
    context = answer.context or {}
    errors = []
    if "adminform" in context:
        errors.append(str(context["adminform"].form.errors))
    for formset in context.get("inline_admin_formsets", []):
        errors.append(str(formset.formset.errors))
    return " ".join(errors)


@pytest.mark.parametrize("role, confidential", [("editor", True), ("editor", False)])
def test_staff_forms_submitted_untouched_record_nothing(client, registry, role, confidential):
    user = staff(f"{role}-{confidential}", role, confidential=confidential)
    client.force_login(user)
    person = registry
    pages = ["/staff/people/new/", f"/staff/people/{person.pk}/events/new/",
             f"/staff/people/{person.pk}/sources/new/", "/staff/vet/", "/staff/deals/new/",
             f"/staff/people/{person.pk}/edit/", f"/ru/staff/people/{person.pk}/edit/",
             f"/ru/staff/events/{person.events.filter(visibility='public').first().pk}/edit/"]
    for url in pages:
        page = client.get(url)
        assert page.status_code == 200, url
        content = page.content.decode()
        form_start = content.index('<form', content.index("<main"))
        data = submitted_fields(content[form_start:])
        before = _every_row()
        answer = client.post(url, data)
        assert answer.status_code in (200, 302, 400), f"{url}: {answer.status_code}"
        assert _changed(before, _every_row()) == {}, f"{url} submitted untouched"
