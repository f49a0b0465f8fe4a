"""The public pages: the registry list, a person, a case, a facility, an official.

Every query goes through registry/visibility.py for the viewer of the request; a record the
viewer may not see is answered exactly like one that does not exist (404)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from politzek.accountability.dossier import official_dossier
from politzek.csv_safety import SafeWriter
from politzek.flows.person_summaries import person_summary
from politzek.flows.refresh import data_version
from politzek.registry.models import Case, Event, Facility, Official, Person, PersonName
from politzek.registry.queries import NotFound
from politzek.registry.visibility import Viewer, visible_cases, visible_events, visible_people
from politzek.web.public import labels
from politzek.web.public.letters import no_address, where_to_write
from politzek.web.public.name_order import in_page_script, names_for_page, reading_order
from politzek.web.public.people_list import (
    SUMMARY_SECONDS,
    BadFilter,
    ListQuery,
    count,
    facets,
    iterate_rows,
    listings,
    rows_for,
)
from politzek.web.staff.access import is_staff_session

PAGE_SIZE = 50


class _CountedPaginator(Paginator):
    """A paginator told the total (people_list.count, cached) instead of counting each time."""

    def __init__(self, object_list: Any, per_page: int, total: int):
        super().__init__(object_list, per_page)
        self.total = total

    @property
    def count(self) -> int:
        return self.total


def _viewer(request: HttpRequest) -> Viewer:
    return Viewer.for_user(request.user)


def _url(params: dict[str, Any]) -> str:
    return urlencode({key: value for key, value in params.items() if value not in ("", None)})


def _facet_blocks(query: ListQuery, viewer: Viewer) -> list[dict[str, Any]]:
    blocks = []
    base = query.as_params()
    for facet, values in facets(query, viewer).items():
        current = getattr(query, facet)
        blocks.append({
            "label": labels.FACETS[facet], "selected": bool(current),
            # Regions, articles, organizations and tags are what documenters wrote: shown as written
            # when no translation is known (values.toml), never run through a translator.
            "data": facet in ("region", "article", "organization", "tag"),
            "clear_url": _url({**base, facet: ""}),
            "values": [{"label": label, "count": n,
                        "selected": value == current, "url": _url({**base, facet: value})}
                       for value, label, n in values],
        })
    return blocks


def people(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    status = 200
    try:
        query = ListQuery.from_params(request.GET)
        error = None
    except BadFilter as bad:
        query, error, status = ListQuery(), _("Cannot filter by %(filter)s.") % {"filter": str(bad)}, 400
    rows_query = listings(query, viewer)
    page = _CountedPaginator(rows_query, PAGE_SIZE, count(query, viewer)).get_page(request.GET.get("page"))
    rows = rows_for(list(page.object_list))
    for row in rows:  # in the page's language: the name in its script first, the status agreeing
        names = names_for_page([row["name"], *row["other_names"]])
        row["name"], row["other_names"] = names[0], names[1:]
        row["status_text"] = labels.status_as_known(labels.person_status(row["status"], row["gender"]),
                                                    row["information_as_of"])
    params = query.as_params()
    context = {
        "query": query, "error": error, "page": page, "rows": rows,
        "suggestions": _suggestions(query.q, viewer) if query.q and not rows and page.number == 1 else [],
        # An empty result on demo data still says the data is invented: a reader must never
        # conclude from "no one matches" that a real person is free.
        "shows_synthetic": any(row["synthetic"] for row in rows) or (
            not rows and Person.objects.filter(synthetic=True).exists()),
        # Computed only when the template's fragment cache misses (a callable is called there).
        "facets": lambda: _facet_blocks(query, viewer),
        "facets_seconds": SUMMARY_SECONDS,
        "facets_key": f"{get_language()}|{int(viewer.clearance)}|{_url(query.as_params())}|{data_version()}",
        "hidden_params": [(k, v) for k, v in params.items() if k != "q"],
        "query_string": _url(params),
        "sorts": [{"label": label, "selected": key == query.sort, "url": _url({**params, "sort": key})}
                  for key, label in labels.SORTS.items() if key != "relevance" or query.q],
        "previous_url": _url({**params, "page": page.number - 1}),
        "next_url": _url({**params, "page": page.number + 1}),
    }
    return render(request, "web/people_list.html", context, status=status)


# A name the matcher scores this high shares a surname or most of the words: worth offering
# when the search itself finds no one (a misspelt given name, a name written another way).
SUGGEST_MIN = 0.35


NEAREST_WORDS = 3  # the registry's words nearest a mistyped one, tried in its place
MOST_EDITS = 2  # letters added, dropped or changed to reach a registry's word


def _respelled(q: str, viewer: Viewer) -> list[str]:
    """The search with each word the registry does not hold replaced by the nearest words its
    visible names hold ("Zhuravlyovx" → "zhuravlyov"): the matcher's keys miss a word with a
    letter too many at its end, where a reader's eye does not."""
    from rigour.text.distance import levenshtein

    from politzek.names.search_keys import words

    searched = words(q)
    vocabulary = _name_words(viewer)
    respelled = []
    for at, word in enumerate(searched):
        if len(word) < 4 or word in vocabulary:
            continue
        near = sorted((distance, other) for other in vocabulary if abs(len(other) - len(word)) <= MOST_EDITS
                      and (distance := levenshtein(word, other)) <= MOST_EDITS)
        respelled += [" ".join([*searched[:at], other, *searched[at + 1:]]) for _d, other in near[:NEAREST_WORDS]]
    return respelled


def _name_words(viewer: Viewer) -> frozenset[str]:
    """Every word of the names this viewer may see, transliterated (once per data state)."""
    from politzek.names.search_keys import words
    from politzek.registry.visibility import visible_people
    from politzek.web.public.derived import derived

    def compute() -> frozenset[str]:
        people = visible_people(Person.objects.all(), viewer).values("id")
        names = PersonName.objects.filter(person_id__in=people).values_list("name", flat=True).iterator(chunk_size=5000)
        return frozenset(word for name in names for word in words(name) if len(word) >= 3)

    return derived("name-words", compute, int(viewer.clearance), per_language=False)


def _suggestions(q: str, viewer: Viewer, limit: int = 5) -> list[tuple[int, str]]:
    """(person id, name) of the people whose names come nearest an empty search, at this
    viewer's clearance, best first: "did you mean"."""
    from politzek.registry.candidates import candidates

    found: dict[int, str] = {}
    for query in (q, *_respelled(q, viewer)):
        for candidate in candidates(query, viewer, limit=limit * 2):
            if candidate.match.score >= SUGGEST_MIN and candidate.person_id not in found:
                found[candidate.person_id] = candidate.name
        if found:
            break
    if not found:
        return []
    names: dict[int, list[str]] = {}
    for person_id, name in PersonName.objects.filter(person_id__in=found).order_by(
            "person_id", "-is_primary", "id").values_list("person_id", "name"):
        names.setdefault(person_id, []).append(name)
    return [(person_id, names_for_page(names.get(person_id) or [name])[0])
            for person_id, name in list(found.items())[:limit]]


class _Echo:
    def write(self, value: str) -> str:
        return value


CSV_COLUMNS = ("id", "name", "other_names", "country", "region", "status", "since", "since_unknown", "release_mode",
               "arrest_year", "information_as_of", "stale", "synthetic")


def people_csv(request: HttpRequest) -> HttpResponse:
    """The current filtered list, every row, as CSV (streamed: a 100,000-row list stays small in memory)."""
    try:
        query = ListQuery.from_params(request.GET)
    except BadFilter as bad:
        return HttpResponse(f"Cannot filter by {bad}\n", status=400, content_type="text/plain; charset=utf-8")
    writer = SafeWriter(_Echo())
    viewer = _viewer(request)

    def lines():
        yield "\ufeff" + writer.writerow(CSV_COLUMNS)
        for row in iterate_rows(query, viewer):
            yield writer.writerow([" | ".join(row[c]) if c == "other_names" else
                                   ("" if row[c] is None else row[c]) for c in CSV_COLUMNS])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="politzek-people.csv"'
    return response


def person(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    try:
        detail = person_summary(person_id, viewer)
    except NotFound as missing:
        raise Http404(str(missing)) from None
    for event in detail["events"]:
        event["label"] = labels.event_label(event["kind"], detail.get("gender") or "")
        if event.get("organization_name"):
            event["organization_name"] = in_page_script(event["organization_name"],
                                                        event.get("organization_name_local") or "")
        if event.get("facility"):
            event["facility"] = in_page_script(event["facility"], event.get("facility_local") or "")
    for case in detail.get("cases", []):
        if case.get("court"):
            case["court"] = in_page_script(case["court"], case.get("court_local") or "")
        for role in case.get("officials", []):
            if role.get("names"):
                role["name"] = names_for_page(role["names"])[0]
    detail["names"] = reading_order(detail["names"], lambda n: n["name"], lambda n: n["script"],
                                    lambda n: n["language"])
    detail["status_text"] = labels.status_as_known(
        labels.person_status(detail["status"], detail["gender"], detail["release_mode"]), detail["information_as_of"])
    detail["political_prisoner_text"] = labels.political_prisoner(detail["gender"])
    detail["term_overdue"] = bool(detail["term_ends"] and detail["in_custody"]
                                  and detail["term_ends"] < dt.date.today().isoformat())
    # Each fact names its sources by their number in the list at the end of the page.
    number = {source["id"]: i for i, source in enumerate(detail["sources"], start=1)}
    for event in detail["events"]:
        event["source_numbers"] = sorted({number[source["id"]] for source in event["sources"]})
    return render(request, "web/person.html", {
        "person": detail, "shows_synthetic": detail["synthetic"], "letters": where_to_write(detail),
        "no_address": no_address(detail),
        "staff": is_staff_session(request.user), "sources": detail["sources"],
    })


def case(request: HttpRequest, case_id: int) -> HttpResponse:
    viewer = _viewer(request)
    found = visible_cases(Case.objects.filter(pk=case_id), viewer).select_related("court").prefetch_related(
        "charges", "roles__official__names", "sources").first()
    if found is None:
        raise Http404("no such case")
    defendants = list(visible_people(found.defendants.all(), viewer).prefetch_related("names"))
    shown = {person.pk for person in defendants}
    sentences = [s for s in found.sentences.all() if s.person_id in shown]
    charges = [c for c in found.charges.all() if c.person_id is None or c.person_id in shown]
    return render(request, "web/case.html", {
        "case": found, "defendants": defendants, "sentences": sentences, "charges": charges,
        "roles": found.roles.all(), "shows_synthetic": found.synthetic,
    })


def facility(request: HttpRequest, facility_id: int) -> HttpResponse:
    found = Facility.objects.filter(pk=facility_id).first()
    if found is None:
        raise Http404("no such facility")
    viewer = _viewer(request)
    current, former = facility_people(found, viewer)
    return render(request, "web/facility.html", {"facility": found, "current": current, "former": former,
                                                 "shows_synthetic": found.synthetic})


def facility_people(found: Facility, viewer: Viewer) -> tuple[list[tuple[str, Person]], list[tuple[str, Person]]]:
    """(name, person) of the people this viewer may see held at this facility now (in custody,
    and it is the last facility their visible timeline names) and of those held there before,
    each sorted by the name the page shows."""
    from politzek.flows.models import Listing
    from politzek.flows.refresh import refresh
    from politzek.registry.status import IN_CUSTODY_STATUSES
    from politzek.web.templatetags.politzek_labels import page_name

    refresh()
    ids = set(visible_events(found.events.all(), viewer).values_list("person_id", flat=True))
    last_facility: dict[int, int] = {}
    located = visible_events(Event.objects.filter(person_id__in=ids, facility__isnull=False,
                                                  date_earliest__isnull=False), viewer)
    for person_id, facility_id in located.order_by("date_earliest", "id").values_list("person_id", "facility_id"):
        last_facility[person_id] = facility_id
    held = set(Listing.objects.filter(clearance=int(viewer.clearance), person_id__in=ids,
                                      status__in=IN_CUSTODY_STATUSES).values_list("person_id", flat=True))
    people = visible_people(Person.objects.filter(pk__in=ids), viewer).prefetch_related("names")
    current, former = [], []
    for person in people:
        here = person.pk in held and last_facility.get(person.pk) == found.pk
        (current if here else former).append((page_name(person), person))
    return sorted(current, key=lambda pair: pair[0].casefold()), sorted(former, key=lambda pair: pair[0].casefold())


def official(request: HttpRequest, official_id: int) -> HttpResponse:
    found = Official.objects.filter(pk=official_id).prefetch_related(
        "names", "positions__institution", "positions__facility", "sanctions").first()
    if found is None:
        raise Http404("no such official")
    viewer = _viewer(request)
    roles = found.case_roles.filter(case__in=visible_cases(Case.objects.all(), viewer)).select_related(
        "case", "case__court").prefetch_related(Prefetch(
            "case__defendants", queryset=visible_people(Person.objects.all(), viewer).prefetch_related("names")))
    return render(request, "web/official.html", {"official": found, "roles": roles,
                                                 "totals": official_dossier(found.pk, viewer).totals,
                                                 "proposals": found.proposals.order_by("authority", "measure"),
                                                 "shows_synthetic": found.synthetic})

