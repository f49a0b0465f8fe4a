"""A search's count and facets are counted in Python from one read of its people's values
(web/public/search_facets.py); they must be what the list's SQL counts: the count is the
rows the list shows, and each facet's numbers are the list's SQL facets (people_list.
_facet_counts, which still counts the whole list) for the same search and filters — for a
public and a cleared viewer, on a demo registry and on Iran memorial's real records (Persian
names written in several spellings). And a search's rows come in its ranking's order."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from django.db import connection

from politzek.demo.generator import create_demo
from politzek.ingest.importer import run_import
from politzek.ingest.profile import load_profile
from politzek.registry.models import Case, PersonName, Tag
from politzek.registry.visibility import Clearance, Viewer
from politzek.web.public import people_list, search_facets
from politzek.web.public.people_list import ListQuery
from tests.registry.factories import event, organization, person

pytestmark = pytest.mark.django_db
VIEWERS = (Viewer.public(), Viewer(Clearance.RESTRICTED))


@pytest.fixture
def registry(shared_data, tmp_path):
    create_demo(people=220, seed=8)
    folder = tmp_path / "victims"
    folder.mkdir()
    for path in sorted((shared_data / "iran_memorial" / "victims_2022").glob("*.yaml"))[:60]:
        shutil.copy(path, folder / path.name)
    run_import(load_profile("iran-memorial-yaml"), folder, actor="cli:test", skip_invalid=True)
    _edge_cases()
    if connection.vendor == "postgresql":
        # The SQL reference's nested subqueries need the planner's statistics, which service
        # has (autovacuum; commands loading in bulk run database.update_planner_statistics):
        # without them PostgreSQL planned nested loops over every row of these fresh tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _edge_cases() -> None:
    """What the demo may lack, on one surname: a co-defendant's own charge (not the other
    defendant's article), a restricted recognition, a recognition naming no organization, a
    restricted person, one without consent, and a person with a region and a tag."""
    own, other, hidden, unconsenting = (person("Ilya Zaslavsky", region="Hrodna"), person("Anna Zaslavskaya"),
                                        person("Pavel Zaslavsky", visibility="restricted"),
                                        person("Olga Zaslavskaya", consent="no"))
    for someone in (own, other, hidden, unconsenting):
        event(someone, "detained", "2022-03-01")
    tag = Tag.objects.get_or_create(code="journalist")[0]
    own.tags.add(tag)
    hidden.tags.add(tag)
    case = Case.objects.create(jurisdiction="BY", case_number="Z-1")
    case.defendants.add(own, other, hidden)
    case.charges.create(code_system="BY-CC", article="342")  # every defendant's
    case.charges.create(code_system="BY-CC", article="361-1", person=own)  # his alone
    case.charges.create(code_system="BY-CC", article="130", person=hidden)
    viasna = organization("viasna")
    event(own, "recognized", "2022-05-01", organization=viasna)
    event(other, "recognized", "2022-05-01", organization=organization("memorial"), visibility="restricted")
    event(other, "recognized", "2022-06-01")
    event(hidden, "recognized", "2022-05-01", organization=viasna)


def _searches() -> list[str]:
    """The commonest surnames of the registry, a given name, a word being typed, real names."""
    surnames: dict[str, int] = {}
    for name in PersonName.objects.filter(is_primary=True).values_list("name", flat=True):
        last = name.split()[-1]
        surnames[last] = surnames.get(last, 0) + 1
    common = sorted(surnames, key=lambda word: (-surnames[word], word))[:4]
    return ["Zaslavsky", *common, "Anna", "Kaval", "Ahmadi", "Abdollahi", "Fereshteh Ahmadi", "zzzzqq"]


def _queries(q: str, viewer: Viewer) -> list[ListQuery]:
    """The search alone, then with each facet's commonest value set, then two at once."""
    plain = ListQuery(q=q, sort="name")
    people_list.listings(plain, viewer)
    counts = search_facets.count_and_facets(plain.facet_filters(), _ranked(q, viewer), viewer).facets
    chosen = {facet: values[0][0] for facet, values in counts.items() if values}
    queries = [plain] + [replace(plain, **{facet: value}) for facet, value in chosen.items()]
    if len(chosen) >= 2:
        (first, one), (second, other) = list(chosen.items())[:2]
        queries.append(replace(plain, **{first: one, second: other}))
    return queries


def test_the_edge_cases_are_counted_as_the_list_does(registry):
    viewer = Viewer.public()
    query = ListQuery(q="Zaslavsky", sort="name")
    people_list.listings(query, viewer)
    counted = search_facets.count_and_facets(query.facet_filters(), _ranked("Zaslavsky", viewer), viewer)
    number, counts = len(counted.matching), counted.facets
    assert number == 2  # the restricted and the unconsenting are not listed
    assert dict(counts["article"]) == {"342": 2, "361-1": 1}
    assert dict(counts["organization"]) == {"viasna": 1}  # a recognition naming none is no value
    assert dict(counts["tag"]) == {"journalist": 1} and dict(counts["region"]) == {"Hrodna": 1}
    cleared = Viewer(Clearance.RESTRICTED)
    people_list.listings(query, cleared)
    counted = search_facets.count_and_facets(query.facet_filters(), _ranked("Zaslavsky", cleared), cleared)
    number, counts = len(counted.matching), counted.facets
    # Staff see the restricted person and the one without consent (who is no defendant here).
    assert number == 4 and dict(counts["article"]) == {"342": 3, "361-1": 1, "130": 1}
    assert dict(counts["organization"]) == {"viasna": 2, "memorial": 1}


def _ranked(q: str, viewer: Viewer) -> list[int]:
    return [person_id for person_id, _score in people_list.ranking(q, viewer)]


def test_a_searchs_count_and_facets_are_the_lists_sql_counts(registry):
    compared = 0
    for viewer in VIEWERS:
        for q in _searches():
            for query in _queries(q, viewer):
                counted = search_facets.count_and_facets(query.facet_filters(), _ranked(q, viewer), viewer)
                listed = list(people_list._filtered(query, viewer).values_list("person_id", flat=True))
                assert sorted(counted.matching) == sorted(listed), query
                assert counted.facets == people_list._facet_counts(query, viewer, 10_000), query
                compared += 1 if listed else 0
    assert compared >= 40  # searches that found someone, filters included


def test_a_facets_number_is_what_its_link_lists(client, registry):
    viewer, clicked = Viewer.public(), 0
    for q in _searches()[:3]:
        query = ListQuery(q=q, sort="relevance")
        people_list.listings(query, viewer)
        for facet, values in people_list.facets(query, viewer).items():
            for value, _label, number in values[:3]:
                chosen = replace(query, **{facet: value})
                assert people_list.count(chosen, viewer) == number == len(people_list.listings(chosen, viewer))
                clicked += 1
    assert clicked >= 15
    api = client.get("/api/people", {"q": q}).json()
    assert api["count"] == people_list._filtered(replace(query, sort="name"), viewer).count() > 0
    assert [item["id"] for item in api["items"]] == people_list.listings(query, viewer).order()[:len(api["items"])]


def test_a_searchs_rows_come_in_its_ranking_order_a_slice_at_a_time(registry):
    viewer = Viewer.public()
    for q in _searches()[:3]:
        rows = people_list.listings(ListQuery(q=q, sort="relevance"), viewer)
        order = rows.order()
        listed = set(people_list._filtered(ListQuery(q=q, sort="name"), viewer).values_list("person_id", flat=True))
        assert order == [person_id for person_id in _ranked(q, viewer) if person_id in listed]
        assert [row.person_id for row in rows[0:3] + rows[3:50]] == order[:50]
        assert [row.person_id for row in rows.iterator(chunk_size=7)] == order
        assert rows.count() == len(listed)
        by_name = ListQuery(q=q, sort="-name")
        assert list(people_list.listings(by_name, viewer).values_list("person_id", flat=True)) == list(
            people_list._filtered(by_name, viewer).values_list("person_id", flat=True))
