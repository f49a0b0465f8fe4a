"""The registry list as a query: filters, search, facets and sorting over the Listing table
(flows/listing.py), always inside visible_people for the viewer. Shared by the list page, its
CSV download and the API."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from typing import Any, TypeVar

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import get_language

from politzek.flows.models import Listing
from politzek.flows.refresh import refresh
from politzek.registry.candidates import search_ranking
from politzek.registry.id_sets import among
from politzek.registry.models import Charge, Event, Person, PersonName, Tag
from politzek.registry.queries import STATUS_LABELS
from politzek.registry.staleness import is_stale
from politzek.registry.status import IN_CUSTODY_STATUSES
from politzek.registry.visibility import Viewer, visible_events, visible_people
from politzek.web.public import search_facets
from politzek.web.public.derived import derived

SORTS = {
    "relevance": (),  # a search's own order, best match first (search_ranking)
    "name": ("sort_name", "person_id"),
    "-name": ("-sort_name", "-person_id"),
    "arrested": ("arrest_year", "person_id"),
    "-arrested": ("-arrest_year", "-person_id"),
    "since": ("since", "person_id"),
    "-since": ("-since", "-person_id"),
    "id": ("person_id",),
}
FACETS = search_facets.FACETS


def sort_fields(sort: str) -> tuple[str, ...]:
    """The listing's columns a sort orders by: by name, the Cyrillic name on Russian, Belarusian
    and Ukrainian pages (Абрамович before Яковлева), the primary one elsewhere."""
    fields = SORTS[sort]
    if (get_language() or "en").split("-")[0] in ("ru", "be", "uk"):
        fields = tuple(field.replace("sort_name", "sort_name_cyrillic") for field in fields)
    return fields
# A list's count, facets and search rankings are kept under the data's state (web/public/
# derived.py), so a change to any record with history shows in the next request. Tags and
# charges keep no history for the state to follow: their edits show in counts within this time.
SUMMARY_SECONDS = 120
T = TypeVar("T")


class BadFilter(ValueError):
    """A filter value that cannot mean anything (named so the page or API can say which)."""

    def __init__(self, field: str, value: str, reason: str):
        super().__init__(f"{field}={value!r}: {reason}")
        self.field, self.value, self.reason = field, value, reason


@dataclass(frozen=True)
class ListQuery:
    q: str = ""
    country: str = ""
    status: str = ""
    article: str = ""
    region: str = ""
    tag: str = ""
    year: str = ""
    organization: str = ""
    sort: str = "name"

    @classmethod
    def from_params(cls, params: Any) -> ListQuery:
        """From a request's GET parameters (unknown ones ignored, values trimmed)."""
        values = {f.name: (params.get(f.name) or "").strip()[:200] for f in fields(cls)}
        values["sort"] = values["sort"] or ("relevance" if values["q"] else "name")
        query = cls(**values)
        query.check()
        return query

    def check(self) -> None:
        if self.sort not in SORTS:
            raise BadFilter("sort", self.sort, f"sort by one of {', '.join(SORTS)}")
        if self.status and self.status not in STATUS_LABELS:
            raise BadFilter("status", self.status, f"one of {', '.join(STATUS_LABELS)}")
        if self.year and not (self.year.isdigit() and len(self.year) == 4):
            raise BadFilter("year", self.year, "a four-digit year")

    def facet_filters(self) -> dict[str, str]:
        """The facets' filters that are set, written as the facets' values are."""
        values = {"status": self.status, "year": str(int(self.year)) if self.year else "",
                  "country": self.country.upper(), "region": self.region, "tag": self.tag,
                  "article": self.article, "organization": self.organization}
        return {facet: value for facet, value in values.items() if value}

    def without(self, name: str) -> ListQuery:
        return replace(self, **{name: ""})

    def as_params(self) -> dict[str, str]:
        """The filters that are set (the default sort left out, for short links)."""
        default_sort = "relevance" if self.q else "name"
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) and not (f.name == "sort" and self.sort == default_sort)}


def _people(query: ListQuery, viewer: Viewer) -> QuerySet[Person]:
    """The visible people matching every filter on people, names, charges and events."""
    people = visible_people(Person.objects.all(), viewer)
    if query.country:
        people = people.filter(country=query.country.upper())
    if query.region:
        people = people.filter(region=query.region)
    if query.tag:
        people = people.filter(tags__code=query.tag)
    if query.article:
        charges = Charge.objects.filter(case__defendants=OuterRef("pk"), article=query.article).filter(
            Q(person__isnull=True) | Q(person=OuterRef("pk")))
        people = people.filter(Exists(charges))
    if query.organization:
        recognitions = visible_events(Event.objects.filter(
            person=OuterRef("pk"), kind="recognized", organization__code=query.organization), viewer)
        people = people.filter(Exists(recognitions))
    if query.q:
        # The matcher's own candidates, best first (registry.candidates.search_ranking): the
        # search finds what `politzek match` finds, in any script, order or with initials.
        people = people.filter(pk__in=among(person_id for person_id, _score in ranking(query.q, viewer)))
    return people


def listings(query: ListQuery, viewer: Viewer) -> QuerySet[Listing] | RankedRows:
    """The matching people's listing rows for this viewer, sorted (brought up to date first)."""
    refresh()
    return _listed(query, viewer)


# Filters the listing answers itself (who may be seen, country, status, year); the others
# need the people, their tags, charges or recognitions.
LISTING_FILTERS = ("country", "status", "year")


class RankedRows:
    """A search's listing rows in its ranking's order, read a slice at a time (what the list's
    paginator, the API and the CSV download ask of a query). Ordered in Python: as SQL, a CASE
    with a WHEN per ranked id made SQLite compare each row with every id before it (12–16 ms
    for a surname's 1,400 people on 100,000)."""

    def __init__(self, rows: QuerySet[Listing], order: list[int]):
        self._rows, self._order = rows, order

    def order(self) -> list[int]:
        """The matching people's ids, best match first."""
        return self._order

    def count(self) -> int:
        return len(self.order())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, part: slice) -> list[Listing]:
        ids = self.order()[part]
        by_person = {row.person_id: row for row in self._rows.filter(person_id__in=among(ids))}
        return [by_person[person_id] for person_id in ids if person_id in by_person]

    def iterator(self, chunk_size: int = 2000) -> Iterator[Listing]:
        for start in range(0, self.count(), chunk_size):
            yield from self[start:start + chunk_size]


def _listed(query: ListQuery, viewer: Viewer) -> QuerySet[Listing] | RankedRows:
    if not query.q:
        return _filtered(query, viewer)
    # A search's people matching every filter are known from its counting (search_facets):
    # their rows are read by id, never through nested subqueries over the people's charges
    # and recognitions, which PostgreSQL could plan as nested loops over every listing row.
    matching = _search_counts(query, viewer).matching  # in the ranking's order
    rows = Listing.objects.filter(clearance=int(viewer.clearance), visible=True)
    if query.sort == "relevance":
        return RankedRows(rows, matching)
    return rows.filter(person_id__in=among(matching)).order_by(*sort_fields(query.sort))


def _filtered(query: ListQuery, viewer: Viewer) -> QuerySet[Listing]:
    """The listing rows matching every filter, in SQL: the list's way, and for a search the
    tests' reference for what search_facets counts."""
    rows = Listing.objects.filter(clearance=int(viewer.clearance), visible=True)
    if query.country:
        rows = rows.filter(country=query.country.upper())
    if any(getattr(query, f.name) for f in fields(ListQuery) if f.name not in (*LISTING_FILTERS, "sort")):
        people = _people(query, viewer)
        if query.q:
            # A search's name keys pick few people: collect them first, then their listing rows.
            rows = rows.filter(person_id__in=people.values("id"))
        else:
            # Checked row by row (EXISTS), so the sorted index can stop after a page instead of
            # first collecting every visible person's id.
            rows = rows.filter(Exists(people.filter(pk=OuterRef("person_id"))))
    if query.status:
        rows = rows.filter(status=query.status)
    if query.year:
        rows = rows.filter(arrest_year=int(query.year))
    sort = "name" if query.sort == "relevance" else query.sort  # nothing searched: nothing to rank by
    return rows.order_by(*sort_fields(sort))


def ranking(q: str, viewer: Viewer) -> list[tuple[int, float]]:
    """The search's people and scores, computed once per data state, clearance and query."""
    return derived("ranking", lambda: search_ranking(q, viewer), int(viewer.clearance), q,
                   seconds=SUMMARY_SECONDS, per_language=False)


def _summary(kind: str, query: ListQuery, viewer: Viewer, compute: Callable[[], T]) -> T:
    """`compute()` once per data state, clearance and filters (the sort does not change it).
    Call after `listings`, which has brought the derived rows, and so the state, up to date."""
    filters = replace(query, sort="name").as_params()
    return derived(kind, compute, int(viewer.clearance), sorted(filters.items()), seconds=SUMMARY_SECONDS,
                   per_language=False)


def count(query: ListQuery, viewer: Viewer) -> int:
    """How many people match (call after `listings`)."""
    if query.q:
        return len(_search_counts(query, viewer).matching)
    return _summary("count", query, viewer, lambda: _filtered(query, viewer).count())


def _search_counts(query: ListQuery, viewer: Viewer) -> search_facets.SearchCounts:
    """A search's count and whole facets, counted from one read of its people's values."""
    return _summary("search-counts", query, viewer, lambda: search_facets.count_and_facets(
        query.facet_filters(), [person_id for person_id, _score in ranking(query.q, viewer)], viewer))


def rows_for(listing_rows: list[Listing]) -> list[dict[str, Any]]:
    """Display rows: names in every script, country, region, status, in the listing order."""
    ids = [row.person_id for row in listing_rows]
    # Plain rows, not model instances: a page of the API or the list is 50 of them per request.
    people = {pk: (country, region, synthetic, gender) for pk, country, region, synthetic, gender in
              Person.objects.filter(pk__in=ids).values_list("id", "country", "region", "synthetic", "gender")}
    names: dict[int, list[str]] = {}
    for person_id, name in PersonName.objects.filter(person_id__in=ids).order_by(
            "person_id", "-is_primary", "id").values_list("person_id", "name"):
        names.setdefault(person_id, []).append(name)
    result = []
    for row in listing_rows:
        person = people.get(row.person_id)
        if person is None:
            continue  # deleted since the listing was read
        person_names = names.get(row.person_id) or [f"person {row.person_id}"]
        country, region, synthetic, gender = person
        result.append({
            "id": row.person_id, "name": person_names[0], "other_names": person_names[1:],
            "country": country, "region": region, "synthetic": synthetic,
            "status": row.status, "status_label": str(STATUS_LABELS.get(row.status, row.status)),
            "gender": gender,
            "since": row.since.isoformat() if row.since else None, "release_mode": row.release_mode or None,
            "since_unknown": row.status in IN_CUSTODY_STATUSES and row.since is None,
            "information_as_of": row.information_as_of.isoformat() if row.information_as_of else None,
            "stale": is_stale(row.information_as_of),
            "arrest_year": row.arrest_year,
        })
    return result


def iterate_rows(query: ListQuery, viewer: Viewer, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """Every matching row, read a chunk at a time (the CSV download)."""
    rows = listings(query, viewer)
    batch: list[Listing] = []
    for row in rows.iterator(chunk_size=chunk):
        batch.append(row)
        if len(batch) >= chunk:
            yield from rows_for(batch)
            batch = []
    yield from rows_for(batch)


def facets(query: ListQuery, viewer: Viewer, limit: int = 30) -> dict[str, list[tuple[str, str, int]]]:
    """For each facet, its most frequent values among the people matching every other filter:
    (value, label, count). Counts are of people this viewer may see. Call after `listings`,
    which has brought the derived rows up to date for this request."""
    # Labels are added after the cache, in the request's language.
    if query.q:
        counts = {facet: values[:limit] for facet, values in _search_counts(query, viewer).facets.items()}
    else:
        counts = _summary(f"facets{limit}", query, viewer, lambda: _facet_counts(query, viewer, limit))
    return {facet: [(value, _facet_label(facet, value, query.country), n) for value, n in values]
            for facet, values in counts.items()}


def _facet_counts(query: ListQuery, viewer: Viewer, limit: int) -> dict[str, list[tuple[str, int]]]:
    """The list's facets in SQL (a search's are counted by search_facets, from one read)."""
    result: dict[str, list[tuple[str, int]]] = {}
    for facet in FACETS:
        listed = _filtered(query.without(facet), viewer)
        # The listing rows are already limited to visible_people for this viewer.
        matching = Person.objects.filter(pk__in=listed.values("person_id"))
        if query.q:
            # Pages count a search's facets in search_facets; this SQL count of them is the
            # tests' reference (tests/web/test_search_facets.py). Its people are read first:
            # as nested subqueries PostgreSQL estimated one row where there were 113,000 and
            # planned nested loops (19 s for "Kozlov" on 100,000 people).
            ids = list(listed.values_list("person_id", flat=True))
            listed = Listing.objects.filter(clearance=int(viewer.clearance), person_id__in=among(ids))
            matching = Person.objects.filter(pk__in=among(ids))
        if facet in ("status", "year", "country"):
            column = {"status": "status", "year": "arrest_year", "country": "country"}[facet]
            counted = listed.exclude(**{f"{column}__isnull": True}).exclude(**{column: ""} if facet == "country" else {}
                                                                           ).values(column).annotate(n=Count("id"))
        elif facet == "region":
            counted = matching.exclude(region="").values(column := "region").annotate(n=Count("id"))
        elif facet == "tag":
            counted = Tag.objects.filter(people__in=matching).values(column := "code").annotate(n=Count("people"))
        elif facet == "article":
            counted = search_facets.defendants_charges(matching).values(column := "article").annotate(
                n=Count("case__defendants", distinct=True))
        else:
            counted = search_facets.recognitions(matching, viewer).values(column := "organization__code").annotate(
                n=Count("person", distinct=True))
        values = sorted(((str(row[column]), row["n"]) for row in counted.order_by()), key=lambda v: (-v[1], v[0]))
        result[facet] = values[:limit]
    return result


def _facet_label(facet: str, value: str, country: str | None = None) -> str:
    """The words a facet value shows in the page's language (the value itself stays in the link)."""
    from politzek.registry.article_titles import article_title, code_for
    from politzek.registry.organizations import organization_name
    from politzek.web.public.labels import country_name
    from politzek.web.public.values import value_label

    if facet == "status":
        return str(STATUS_LABELS.get(value, value))
    if facet == "tag":
        return value_label("tag", value) if value_label("tag", value) != value else value.replace("-", " ")
    if facet == "country":
        return country_name(value)
    if facet == "region":
        return value_label("region", value)
    if facet == "organization":
        return organization_name(value)
    if facet == "article":
        code = code_for(value, country)
        title = article_title(code, value, (get_language() or "en").split("-")[0]) if code else ""
        return f"{value} — {title}" if title else value
    return value
