"""The worst bug is a leak. Restricted and confidential records and private fields carry
unique canary values; every public URL pattern (in every language), every API endpoint, the
feed and every public export is read, and no canary may appear anywhere.

The test also proves it can fail: cleared staff do see the canaries on the same pages, and a
new URL pattern or API path that the test does not request fails it."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.urls import URLPattern

from politzek.ingest.export_ftm import export_ftm
from politzek.ingest.export_json import export_json
from politzek.ingest.export_tables import export_csv, export_sqlite
from politzek.registry import models as m
from politzek.registry.visibility import Viewer
from politzek.web import urls as public_urls
from tests.web.canaries import CANARY, SOUNDS_LIKE_HIDDEN, canary, secret, seed_canaries

# A whole registry and hundreds of requests: `-m 'not slow'` leaves them out.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

@pytest.fixture
def seeded():
    return seed_canaries()


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def _public_paths(seeded) -> tuple[list[str], set[str]]:
    """Every public page for every record id (hidden ones too), and the route names covered."""
    ids = {
        "person_id": list(m.Person.objects.values_list("id", flat=True)),
        "case_id": list(m.Case.objects.values_list("id", flat=True)),
        "facility_id": list(m.Facility.objects.values_list("id", flat=True)),
        "official_id": list(m.Official.objects.values_list("id", flat=True)),
        "deal_id": list(m.Deal.objects.values_list("id", flat=True)),
    }
    queries = ["", f"?q={SOUNDS_LIKE_HIDDEN}", "?q=Kanary", "?q=Shown", "?region=Minsk", "?article=342", "?tag=x",
               "?organization=viasna", "?status=released", "?year=2022", "?sort=-arrested", "?sort=-since",
               "?sort=-name", "?page=2"]
    paths, covered = [], set()
    for pattern in public_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        covered.add(pattern.name)
        if "<id:" in route:
            key = route.split("<id:")[1].split(">")[0]
            for pk in ids[key]:
                paths.append("/" + route.replace(f"<id:{key}>", str(pk)))
        elif "<slug:name>" in route:
            paths.append("/" + route.replace("<slug:name>", "stock"))
        elif route in ("", "people.csv"):
            paths += ["/" + route + q for q in queries]
        else:
            paths.append("/" + route)
    languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return paths + [f"/{code}{path}" for code in languages for path in paths if not path.endswith(".svg")], covered


def _api_paths(client, seeded) -> tuple[list[str], set[str]]:
    schema = client.get("/api/openapi.json").json()
    ids = {"person_id": m.Person, "case_id": m.Case, "facility_id": m.Facility, "official_id": m.Official,
           "deal_id": m.Deal}
    paths, covered = [], set()
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        covered.add(path)
        if "{" in path:
            key = path.split("{")[1].split("}")[0]
            paths += [path.replace("{" + key + "}", str(pk)) for pk in ids[key].objects.values_list("id", flat=True)]
        else:
            paths += [path + "?limit=500", path + f"?limit=500&q={SOUNDS_LIKE_HIDDEN}",
                      path + "?limit=500&kind=detained"]
    return paths, covered


def _exports(tmp_path, viewer) -> str:
    texts = []
    out = io.StringIO()
    export_ftm(out, viewer)
    texts.append(out.getvalue())
    out = io.StringIO()
    export_json(out, viewer)
    texts.append(out.getvalue())
    export_csv(tmp_path / "csv", viewer, "https://politzek.example")
    texts += [path.read_text() for path in sorted((tmp_path / "csv").iterdir())]
    database = tmp_path / "public.db"
    export_sqlite(database, viewer, "https://politzek.example")
    with sqlite3.connect(database) as connection:
        for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            texts.append(json.dumps(connection.execute(f'SELECT * FROM "{table}"').fetchall(), default=str))
    return "\n".join(texts)


def _staff_writes(client, seeded) -> None:
    """Writes by an uncleared editor that name records only hidden people hold (issue 33: a
    source's address in "add a person" published that source's title): after them, the crawl
    below must still find no canary."""
    from tests.registry.factories import staff

    address = "https://example.org/reports/2022/hidden"
    seeded["confidential"].sources.add(m.Source.objects.create(url=address, title=secret("source-title"),
                                                               publisher=secret("source-publisher")))
    client.force_login(staff("edda", "editor"))
    added = client.post("/staff/people/new/", {
        "name": "Ales Public", "country": "BY", "gender": "unknown", "visibility": "public", "consent": "yes",
        "event_kind": "detained", "event_date": "2026-11-20", "source_url": address,
        "source_title": "What the editor typed", "reason": "a new case"})
    assert added.status_code == 302
    client.logout()


def test_no_canary_reaches_any_public_output(client, seeded, tmp_path):
    _staff_writes(client, seeded)
    paths, covered = _public_paths(seeded)
    assert covered == {p.name for p in public_urls.urlpatterns}
    api_paths, api_covered = _api_paths(client, seeded)
    assert {"/api/people", "/api/people/{person_id}", "/api/cases", "/api/events", "/api/facilities",
            "/api/officials", "/api/statistics", "/api/deals", "/api/deals/{deal_id}"} <= api_covered
    answered = 0
    for path in [*paths, *api_paths]:
        response = client.get(path)
        assert response.status_code < 500, path
        body = _body(response)
        assert CANARY not in body, f"{path} leaks {body[body.index(CANARY) - 80: body.index(CANARY) + 40]!r}"
        answered += response.status_code == 200
    assert answered > 100
    assert CANARY not in _exports(tmp_path, Viewer.public())


def test_the_canaries_are_there_for_cleared_staff(client, seeded, tmp_path):
    """Guards the test above: the same requests, by cleared staff, do show the canaries."""
    staff = User.objects.create_user("cleared", password="a-long-enough-password", is_staff=True)
    for codename in ("view_restricted", "view_confidential"):
        staff.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(staff)
    shown, hidden = seeded["shown"], seeded["hidden"]
    assert secret("health") in _body(client.get(f"/api/people/{shown.pk}"))
    assert secret("event-confidential") in _body(client.get(f"/people/{shown.pk}/"))
    assert canary("name-restricted-unknown") in _body(client.get(f"/?q={SOUNDS_LIKE_HIDDEN}"))
    assert canary("name-restricted-unknown") in _body(client.get(f"/api/people?q={SOUNDS_LIKE_HIDDEN}"))
    assert secret("case-confidential-unknown") in _body(client.get(f"/officials/{seeded['judge'].pk}/"))
    assert canary("shared-charge") in _body(client.get(f"/cases/{seeded['shared'].pk}/"))
    assert client.get(f"/people/{hidden[1].pk}/").status_code == 200
    assert secret("name-confidential-unknown") in _body(client.get(f"/deals/{seeded['deal'].pk}/"))
    assert secret("name-confidential-unknown") in _body(client.get(f"/api/deals/{seeded['deal'].pk}"))
    assert canary("case-restricted-unknown") in _body(client.get("/accountability/"))


def test_a_hidden_co_defendants_own_charge_is_not_counted_in_the_article_facet(client, seeded):
    """The shared case holds the shown prisoner and a hidden co-defendant, whose own charge is
    under article 130: the list of the shown prisoner must not offer article 130."""
    page = _body(client.get("/?q=Shown"))
    assert "article=130" not in page
    m.Charge.objects.filter(article="130").update(person=seeded["shown"])
    cache.clear()  # the list's cache keys on history marks, which a bulk update leaves alone
    assert "article=130" in _body(client.get("/?q=Shown"))  # once the charge is theirs, it counts
