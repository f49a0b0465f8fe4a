"""The public list (search in any script, facets, sorting, CSV), a person's page with the
address for letters, languages, and bad filters answered with 400."""

from __future__ import annotations

import csv
import io

import pytest

from politzek.registry import models as m
from tests.registry.factories import event, organization, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    viasna = organization("viasna", kind="human_rights")
    colony = m.Facility.objects.create(name="Penal colony No. 4", kind="colony", country="BY",
                                       postal_address="246035, Gomel, Antonava 1, IK-4")
    maryia = person("Марыя Калеснікава", region="Minsk")
    maryia.names.create(name="Maria Kolesnikova", script="Latn")
    event(maryia, "detained", "2020-09-07", facility=colony)
    event(maryia, "recognized", "2020-09-10", organization=viasna)
    freed = person("Viktar Babaryka", region="Minsk")
    event(freed, "detained", "2020-06-18")
    event(freed, "released_pardon", "2025-09-11")
    other = person("Ihar Losik", country="RU", region="Moscow")
    event(other, "detained", "2021-06-25")
    return {"maryia": maryia, "freed": freed, "other": other}


@pytest.mark.parametrize("query", ["Kalesnikava", "Kolesnikova", "Колесникова", "Калеснікава", "kalesn",
                                   "Maria Kolesnikova", "Марыя Калеснікава"])
def test_search_finds_one_person_in_any_script(client, registry, query):
    html = client.get("/", {"q": query}).content.decode()
    assert f'href="/people/{registry["maryia"].pk}/"' in html
    assert f'href="/people/{registry["freed"].pk}/"' not in html


@pytest.mark.parametrize("query", ["Babariko", "Бабарико Виктор", "Viktor Babariko", "Babaryka"])
def test_search_finds_the_belarusian_form_from_the_russian_one(client, registry, query):
    """Babaryka / Babariko differ in sound at the end (-ka, -ko): the matcher's word keys join them."""
    html = client.get("/", {"q": query}).content.decode()
    assert f'href="/people/{registry["freed"].pk}/"' in html
    assert f'href="/people/{registry["maryia"].pk}/"' not in html


def test_facets_filter_and_count(client, registry):
    html = client.get("/", {"status": "released"}).content.decode()
    assert "Viktar Babaryka" in html and "Ihar Losik" not in html
    html = client.get("/", {"country": "BY"}).content.decode()
    assert "Ihar Losik" not in html
    assert 'href="?country=BY&amp;organization=viasna"' in html  # the facet link keeps other filters
    html = client.get("/", {"year": "2021"}).content.decode()
    assert "Ihar Losik" in html and "Viktar Babaryka" not in html


def test_cached_counts_and_facets_follow_a_change_at_once(client, registry):
    html = client.get("/", {"country": "BY"}).content.decode()
    assert "2 people" in html and 'href="?country=BY&amp;status=released"' in html
    # Served again from the cache, in another language: the labels are the request's own.
    assert "освобождены" in client.get("/ru/", {"country": "BY"}).content.decode()
    newcomer = person("Ales Bialiatski", region="Minsk")
    event(newcomer, "detained", "2021-07-14")
    html = client.get("/", {"country": "BY"}).content.decode()
    assert "3 people" in html and "Ales Bialiatski" in html
    assert client.get("/api/people", {"country": "BY"}).json()["count"] == 3


def test_sorting_by_arrest(client, registry):
    html = client.get("/", {"sort": "-arrested"}).content.decode()
    assert html.index("Ihar Losik") < html.index("Viktar Babaryka")


def test_csv_download_is_the_filtered_list(client, registry):
    response = client.get("/people.csv", {"country": "BY"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert sorted(row["name"] for row in rows) == ["Viktar Babaryka", "Марыя Калеснікава"]
    maryia = next(row for row in rows if row["name"] == "Марыя Калеснікава")
    assert maryia["other_names"] == "Maria Kolesnikova"
    assert maryia["status"] == "pretrial_custody"


def test_person_page_shows_where_to_write(client, registry):
    html = client.get(f"/people/{registry['maryia'].pk}/").content.decode()
    assert "Where to write" in html and "246035, Gomel, Antonava 1, IK-4" in html
    assert "political prisoner" in html
    # Released people get no address for letters.
    assert "Where to write" not in client.get(f"/people/{registry['freed'].pk}/").content.decode()


def test_interface_in_each_language(client, registry):
    assert "Статистика" in client.get("/ru/").content.decode()
    assert "Статыстыка" in client.get("/be/").content.decode()
    assert "Статистика" in client.get("/uk/").content.decode()
    html = client.get("/uk/").content.decode()
    assert '<html lang="uk">' in html and 'href="/ru/"' in html


@pytest.mark.parametrize("query", [{"sort": "shoe-size"}, {"status": "happy"}, {"year": "20x1"}])
def test_bad_filters_are_400_naming_the_field(client, registry, query):
    response = client.get("/", query)
    assert response.status_code == 400
    field, value = next(iter(query.items()))
    assert f"{field}=&#x27;{value}&#x27;" in response.content.decode()
    assert client.get("/people.csv", query).status_code == 400
    assert client.get("/api/people", query).status_code == 422


def test_pages_load_nothing_from_other_hosts(client, registry):
    for path in ("/", f"/people/{registry['maryia'].pk}/", "/statistics/"):
        html = client.get(path).content.decode()
        assert "<script" not in html
        assert "http://" not in html.replace('http://www.w3.org', '')
        assert "src=\"https://" not in html and "href=\"https://" not in html


@pytest.mark.parametrize("path", ["/?organization=via%00sna", "/people.csv?q=%00", "/statistics/?country=B%00",
                                  "/api/people?region=%00", "/api/cases?article=34%002", "/api/events?kind=%00"])
def test_a_nul_character_is_refused_naming_the_parameter(client, registry, path):
    """PostgreSQL cannot hold NUL: found by schemathesis as a server error on /api/people."""
    response = client.get(path)
    assert response.status_code == (422 if path.startswith("/api/") else 400)
    assert "NUL" in response.content.decode()
    name = path.split("?")[1].split("=")[0]
    assert name in response.content.decode()


def test_each_fact_names_its_source_or_says_it_has_none(client, registry):
    freed = registry["freed"]
    bulletin = m.Source.objects.create(url="https://example.org/bulletin", title="A bulletin")
    m.Event.objects.get(person=freed, kind="detained").sources.add(bulletin)
    html = client.get(f"/people/{freed.pk}/").content.decode()
    assert '<a href="#source-1">[1]</a>' in html and 'id="source-1"' in html
    assert html.count("no source recorded") == 1  # the pardon cites nothing
    assert "источник не указан" in client.get(f"/ru/people/{freed.pk}/").content.decode()


def test_the_source_list_holds_the_persons_own_sources_and_no_hidden_events(client, registry):
    """The numbered list at the end of a person's page: the person's own sources and those of
    the events the viewer may see, read from the page's own records (no query over every
    source); a source only a restricted event cites is not listed, on the page or the API."""
    freed = registry["freed"]
    profile = m.Source.objects.create(url="https://example.org/profile", title="A profile")
    freed.sources.add(profile)
    secret = m.Source.objects.create(url="https://example.org/secret-witness", title="A witness statement")
    hidden = m.Event.objects.create(person=freed, kind="torture_reported", date="2021-01-05",
                                   visibility="restricted")
    hidden.sources.add(secret)
    html = client.get(f"/people/{freed.pk}/").content.decode()
    assert 'id="source-1"' in html and "A profile" in html
    assert "secret-witness" not in html and "A witness statement" not in html
    listed = client.get(f"/api/people/{freed.pk}").json()["sources"]
    assert [source["title"] for source in listed] == ["A profile"]


def test_an_empty_search_never_suggests_a_person_is_free(client, registry):
    html = client.get("/", {"q": "Zzyzx Qwerty"}).content.decode()
    assert "No one in this registry matches." in html and "may still be in custody" in html
    assert 'id="synthetic-notice"' not in html  # real records only: no demo notice
    person("Synthetic Person", synthetic=True)
    demo = client.get("/", {"q": "Zzyzx Qwerty"}).content.decode()
    assert 'id="synthetic-notice"' in demo and "a real person will not be found here" in demo
    assert "придуманные" in client.get("/ru/", {"q": "Zzyzx Qwerty"}).content.decode()


def test_an_empty_search_offers_the_nearest_names_the_viewer_may_see(client, registry):
    """A search that finds no one offers the names that come near it (same surname, another
    given name): "did you mean". Never a name the viewer may not see."""
    html = client.get("/", {"q": "Pavel Babaryka"}).content.decode()
    assert "No one in this registry matches." in html
    suggestions = html[html.index('id="suggestions"'):]
    assert f'href="/people/{registry["freed"].pk}/"' in suggestions and "Viktar Babaryka" in suggestions
    registry["freed"].visibility = "restricted"
    registry["freed"].save()
    hidden = client.get("/", {"q": "Pavel Babaryka"}).content.decode()
    assert "Viktar" not in hidden and f'/people/{registry["freed"].pk}/' not in hidden
    assert 'id="suggestions"' not in client.get("/", {"q": "Zzyzx Qwerty"}).content.decode()


def test_a_mistyped_word_is_respelled_from_the_names_the_viewer_may_see(client, registry):
    """"Babarykax" (a letter too many at the end, which the matcher's keys miss) finds no one,
    and is offered Viktar Babaryka, the registry's nearest word; not once he is restricted."""
    html = client.get("/", {"q": "Babarykax"}).content.decode()
    assert "No one in this registry matches." in html
    assert f'href="/people/{registry["freed"].pk}/"' in html[html.index('id="suggestions"'):]
    registry["freed"].visibility = "restricted"
    registry["freed"].save()
    assert 'id="suggestions"' not in client.get("/", {"q": "Babarykax"}).content.decode()


@pytest.mark.parametrize("language", ["ru", "be", "uk"])
def test_every_event_kind_reads_in_the_language(client, registry, language):
    """Readers in Belarus saw "Detained", "Sentenced" on Russian pages: the kinds' labels come
    from a data file that makemessages did not read."""
    from django.utils import translation

    from politzek.registry.event_kinds import event_kinds
    from politzek.web.public.labels import EVENT_KIND_LABELS, event_label

    assert {kind.label for kind in event_kinds().values()} <= set(EVENT_KIND_LABELS)
    with translation.override(language):
        untranslated = [code for code, kind in event_kinds().items() if event_label(code) == kind.label]
    assert untranslated == []
    page = client.get(f"/{language}/people/{registry['freed'].pk}/").content.decode()
    assert "Detained" not in page and {"ru": "Задержан", "be": "Затрыманы", "uk": "Затриманий"}[language] in page


@pytest.mark.parametrize(("prefix", "heading", "language"), [
    ("", "Page not found", "en"), ("/ru", "Страница не найдена", "ru"), ("/be", "Старонка не знойдзена", "be")])
def test_a_missing_page_answers_in_the_readers_language_with_a_way_back(client, registry, prefix, heading, language):
    response = client.get(f"{prefix}/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404 and f'<html lang="{language}">' in html
    assert heading in html and 'id="not-found"' in html and 'rel="icon"' in html
    assert client.get(f"{prefix}/people/999999/").status_code == 404
