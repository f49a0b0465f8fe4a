"""The API's endpoints. Reads filter through registry/visibility.py for the caller (public
without a token); writes need a token whose user holds the same permission as in the staff
workspace. Bad input is a 4xx with the field and value named, never a 500."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import NinjaAPI, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from politzek.accountability.policy import default_policy
from politzek.accountability.proposals import STATUSES as PROPOSAL_STATUSES
from politzek.accountability.proposals import proposal_rows
from politzek.accountability.run import week_dict
from politzek.bargaining.impact import ImpactError, deal_impact
from politzek.bargaining.ledger import deal_detail
from politzek.bargaining.price import deal_prices, trend
from politzek.flows.person_summaries import person_summary
from politzek.registry.fields import is_web_address
from politzek.registry.history import recorded_change
from politzek.registry.models import Case, Deal, Event, Facility, Official, Organization, Person, PersonName, Source
from politzek.registry.queries import STATUS_LABELS, NotFound, registry_stats
from politzek.registry.reported_file import KINDS as REPORTED_KINDS
from politzek.registry.visibility import hidden_event_ids, visible_cases, visible_events, visible_people
from politzek.registry.writes import reuse_or_create
from politzek.web.api import schemas
from politzek.web.api.auth import TokenAuth, viewer
from politzek.web.public.accountability import cached_index
from politzek.web.public.people_list import SORTS, BadFilter, ListQuery, count, listings, rows_for

MAX_LIMIT = 500
# Ids beyond a 64-bit integer cannot exist (and PostgreSQL refuses to compare with them).
MAX_ID = 2**63 - 1
RecordId = Path(..., ge=1, le=MAX_ID)
router = Router()


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10_000_000)


class PeopleFilters(Paging):
    q: str = Field("", max_length=200, description="A name in any script or transliteration.")
    country: str = Field("", max_length=2)
    status: Literal["", *STATUS_LABELS] = ""  # type: ignore[valid-type]
    article: str = Field("", max_length=20)
    region: str = Field("", max_length=200)
    tag: str = Field("", max_length=80)
    year: str = Field("", pattern=r"^(\d{4})?$", description="Year of the first arrest, four digits.")
    organization: str = Field("", max_length=80, description="Code of a recognizing organization.")
    sort: Literal["", *SORTS] = Field("", description="relevance (best match first: the default with q), name "
                                       "(the default without), -name, arrested, -arrested, since, -since, id.")  # type: ignore[valid-type]


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


@router.get("/people", response={200: schemas.PeoplePage, 422: schemas.Problem}, tags=["people"])
def list_people(request: HttpRequest, filters: Query[PeopleFilters]) -> dict[str, Any]:
    """People the caller may see, filtered and sorted like the public list; a search (`q`) is
    the matcher's, best match first unless `sort` says otherwise."""
    try:
        query = ListQuery.from_params(filters.dict())
    except BadFilter as bad:
        raise HttpError(422, str(bad)) from None
    who = viewer(request)
    rows = listings(query, who)
    page = list(rows[filters.offset: filters.offset + filters.limit])
    return {"count": count(query, who), "limit": filters.limit, "offset": filters.offset,
            "items": rows_for(page)}


@router.get("/people/{person_id}", response={200: schemas.PersonDetail, 404: schemas.Problem}, tags=["people"])
def get_person(request: HttpRequest, person_id: int = RecordId) -> Any:
    """Everything about one person that the caller may see."""
    who = viewer(request)
    try:
        detail = person_summary(person_id, who)
    except NotFound:
        return Status(404, {"detail": f"no person {person_id}"})
    private = {name: detail.pop(name) for name in Person.PRIVATE_FIELDS if name in detail}
    detail["private"] = private or None
    return detail


def _case_out(case: Case, people: Any) -> dict[str, Any]:
    defendants = list(people.filter(cases=case).prefetch_related("names"))
    shown = {p.pk for p in defendants}
    return {
        "id": case.pk, "jurisdiction": case.jurisdiction, "case_number": case.case_number, "kind": case.kind,
        "court": case.court.name if case.court else None, "opened": _text(case.opened),
        "charges": [str(c) for c in case.charges.all() if c.person_id is None or c.person_id in shown],
        "defendants": [{"id": p.pk, "name": p.display_name} for p in defendants],
        "officials": [{"official_id": r.official_id, "name": str(r.official), "role": r.role}
                      for r in case.roles.all()],
        "synthetic": case.synthetic,
    }


@router.get("/cases", response={200: schemas.CasesPage, 422: schemas.Problem}, tags=["cases"])
def list_cases(request: HttpRequest, paging: Query[Paging], jurisdiction: str = "",
               article: str = "") -> dict[str, Any]:
    """Cases with at least one defendant the caller may see; only those defendants are listed."""
    who = viewer(request)
    cases = visible_cases(Case.objects.all(), who).order_by("id")
    if jurisdiction:
        cases = cases.filter(jurisdiction=jurisdiction.upper()[:2])
    if article:
        cases = cases.filter(charges__article=article[:20]).distinct()
    page = cases.select_related("court").prefetch_related("charges", "roles__official__names")[
        paging.offset: paging.offset + paging.limit]
    people = visible_people(Person.objects.all(), who)
    return {"count": cases.count(), "limit": paging.limit, "offset": paging.offset,
            "items": [_case_out(case, people) for case in page]}


@router.get("/cases/{case_id}", response={200: schemas.CaseOut, 404: schemas.Problem}, tags=["cases"])
def get_case(request: HttpRequest, case_id: int = RecordId) -> Any:
    who = viewer(request)
    case = visible_cases(Case.objects.filter(pk=case_id), who).select_related("court").first()
    if case is None:
        return Status(404, {"detail": f"no case {case_id}"})
    return _case_out(case, visible_people(Person.objects.all(), who))


@router.get("/events", response={200: schemas.EventsPage, 422: schemas.Problem}, tags=["events"])
def list_events(request: HttpRequest, paging: Query[Paging], kind: str = "",
                person: int | None = Query(None, ge=1, le=MAX_ID), since: dt.date | None = None,
                until: dt.date | None = None) -> dict[str, Any]:
    """Timeline events the caller may see, newest first; `since`/`until` bound the first day an
    event's (possibly partial) date can mean."""
    events = visible_events(Event.objects.all(), viewer(request))
    if kind:
        events = events.filter(kind=kind[:32])
    if person is not None:
        events = events.filter(person_id=person)
    if since:
        events = events.filter(date_earliest__gte=since)
    if until:
        events = events.filter(date_earliest__lte=until)
    events = events.order_by("-date_earliest", "-id")
    page = events.select_related("organization")[paging.offset: paging.offset + paging.limit]
    return {"count": events.count(), "limit": paging.limit, "offset": paging.offset, "items": [
        {"id": e.pk, "person_id": e.person_id, "kind": e.kind, "date": _text(e.date),
         "organization": e.organization.code if e.organization else None, "facility_id": e.facility_id,
         "case_id": e.case_id, "description": e.description, "synthetic": e.synthetic} for e in page]}


def _facility_out(f: Facility) -> dict[str, Any]:
    return {"id": f.pk, "name": f.name, "name_local": f.name_local, "kind": f.kind, "regime": f.regime,
            "postal_address": f.postal_address, "region": f.region, "country": f.country, "synthetic": f.synthetic,
            "address": {part: getattr(f, part) for part in ADDRESS_PARTS}}


ADDRESS_PARTS = ("postcode", "street_local", "town_local", "region_local", "street_latin", "town_latin",
                 "region_latin")


@router.get("/facilities", response={200: schemas.FacilitiesPage, 422: schemas.Problem}, tags=["facilities"])
def list_facilities(request: HttpRequest, paging: Query[Paging], country: str = "") -> dict[str, Any]:
    """Places of detention with their postal addresses for letters."""
    facilities = Facility.objects.order_by("id")
    if country:
        facilities = facilities.filter(country=country.upper()[:2])
    page = facilities[paging.offset: paging.offset + paging.limit]
    return {"count": facilities.count(), "limit": paging.limit, "offset": paging.offset,
            "items": [_facility_out(f) for f in page]}


@router.get("/facilities/{facility_id}", response={200: schemas.FacilityOut, 404: schemas.Problem},
            tags=["facilities"])
def get_facility(request: HttpRequest, facility_id: int = RecordId) -> Any:
    facility = Facility.objects.filter(pk=facility_id).first()
    return _facility_out(facility) if facility else Status(404, {"detail": f"no facility {facility_id}"})


def _official_out(o: Official, cases: Any) -> dict[str, Any]:
    return {
        "id": o.pk, "names": [n.name for n in o.names.all()], "country": o.country,
        "positions": [str(p) for p in o.positions.all()],
        "sanctions": [{"authority": s.authority, "program": s.program, "listed_on": _text(s.listed_on),
                       "reference": s.reference} for s in o.sanctions.all()],
        "cases": sorted(set(cases.filter(roles__official=o).values_list("id", flat=True))),
        "synthetic": o.synthetic,
    }


@router.get("/officials", response={200: schemas.OfficialsPage, 422: schemas.Problem}, tags=["officials"])
def list_officials(request: HttpRequest, paging: Query[Paging], country: str = "") -> dict[str, Any]:
    """Judges, prosecutors, investigators and prison heads, with existing sanctions."""
    officials = Official.objects.order_by("id")
    if country:
        officials = officials.filter(country=country.upper()[:2])
    cases = visible_cases(Case.objects.all(), viewer(request))
    page = officials.prefetch_related("names", "positions__institution", "sanctions")[
        paging.offset: paging.offset + paging.limit]
    return {"count": officials.count(), "limit": paging.limit, "offset": paging.offset,
            "items": [_official_out(o, cases) for o in page]}


@router.get("/officials/{official_id}", response={200: schemas.OfficialOut, 404: schemas.Problem},
            tags=["officials"])
def get_official(request: HttpRequest, official_id: int = RecordId) -> Any:
    official = Official.objects.filter(pk=official_id).first()
    if official is None:
        return Status(404, {"detail": f"no official {official_id}"})
    return _official_out(official, visible_cases(Case.objects.all(), viewer(request)))


@router.get("/reported-figures", response={200: schemas.ReportedFigures, 422: schemas.Problem},
            tags=["statistics"])
def reported_figures(request: HttpRequest, country: str | None = Query(None, pattern="^[A-Za-z]{2}$"),
                     kind: Literal["", *REPORTED_KINDS] = "", at: dt.date | None = None) -> Any:  # type: ignore[valid-type]
    """Organizations' reported figures (totals held on a day, counts for a period), each with
    its source and the registry's own count of the same thing and its share
    (docs/reported-figures.md). Counts cover every record."""
    from politzek.flows.reported import reported_beside_registry

    rows = reported_beside_registry(viewer(request), country, kind or None, at)
    return {"items": [row.as_dict() for row in rows]}


@router.get("/statistics", response=schemas.Statistics, tags=["statistics"])
def statistics(request: HttpRequest, at: dt.date | None = None) -> dict[str, Any]:
    """People, people in custody and political prisoners at `at` (default today), by country,
    and beside them each organization's latest reported total as of that day with the share the
    registry holds. Counts cover every record (a count names no one; see docs/privacy.md)."""
    from politzek.flows.reported import reported_beside_registry

    figures = registry_stats(at)
    figures["reported"] = [row.as_dict() for row in reported_beside_registry(
        viewer(request), at=dt.date.fromisoformat(figures["at"]), latest_only=True)]
    return figures


@router.get("/deals", response=schemas.DealsPage, tags=["deals"])
def list_deals(request: HttpRequest) -> dict[str, Any]:
    """Every dated deal with the price per recognized political prisoner released, oldest
    first. Counts cover every record (docs/privacy.md)."""
    prices = deal_prices()
    return {"items": [p.as_dict() for p in prices], "trend": trend(prices)}


@router.get("/deals/{deal_id}", response={200: schemas.DealDetail, 404: schemas.Problem}, tags=["deals"])
def get_deal(request: HttpRequest, deal_id: int = RecordId) -> Any:
    """One deal: who was released (named only when visible), concessions, sources, and what
    followed it in 4, 12 and 26 weeks (rate ratios with exact 95% intervals)."""
    deal = Deal.objects.filter(pk=deal_id).first()
    if deal is None:
        return Status(404, {"detail": f"no deal {deal_id}"})
    detail = deal_detail(deal, viewer(request))
    try:
        impact, error = deal_impact(deal).as_dict(), None
    except ImpactError as problem:
        impact, error = None, str(problem)
    return {**detail, "impact": impact, "impact_error": error}


@router.get("/proposals", response={200: schemas.ProposalsPage, 422: schemas.Problem}, tags=["accountability"])
def list_proposals(request: HttpRequest, authority: str = Query("", max_length=40),
                   status: Literal["", *PROPOSAL_STATUSES] = "",  # type: ignore[valid-type]
                   country: str = Query("", pattern=r"^([A-Za-z]{2})?$")) -> dict[str, Any]:
    """Proposals of the automatic-cost policy: an official, the authority it is addressed to,
    its status and evidence. Evidence counts cover every record; cases are listed only when
    the caller may see them. A proposal is not a sanction."""
    rows = proposal_rows(viewer(request), authority or None, status or None, country or None)
    return {"items": [r.as_dict() for r in rows]}


@router.get("/cost", response={200: schemas.CostIndexOut, 422: schemas.Problem}, tags=["accountability"])
def cost_index(request: HttpRequest, country: str = Query("", pattern=r"^([A-Za-z]{2})?$")) -> dict[str, Any]:
    """Each country's cost index week by week under the bundled policy (printed with it).
    Counts cover every record (docs/privacy.md)."""
    index = cached_index(country.upper())
    return {"policy": default_policy().as_dict(),
            "index": {code: [week_dict(w) for w in weeks] for code, weeks in sorted(index.items())}}


def _require(user: Any, permission: str) -> None:
    if not user.has_perm(permission):
        raise HttpError(403, f"this token's user lacks the permission {permission}")


def _invalid(invalid: ValidationError) -> HttpError:
    fields = getattr(invalid, "message_dict", {"__all__": invalid.messages})
    return HttpError(422, "; ".join(f"{field}: {' '.join(map(str, errors))}" for field, errors in fields.items()))


@router.post("/people", response={201: schemas.Created, 401: schemas.Problem, 403: schemas.Problem,
                                  422: schemas.Problem},
             auth=TokenAuth(), tags=["people"])
def create_person(request: HttpRequest, body: schemas.NewPerson) -> Any:
    """Add a person with their first event (needs the editor role)."""
    user = request.auth
    _require(user, "registry.add_person")
    try:
        with transaction.atomic(), recorded_change(f"api:{user.get_username()}", body.reason):
            person = Person(country=body.country.upper(), region=body.region, visibility=body.visibility)
            person.full_clean()
            person.save()
            name = PersonName(person=person, name=body.name, language=body.language[:8], is_primary=True)
            name.full_clean()
            name.save()
            event = Event(person=person, kind=body.first_event_kind, date=body.first_event_date)
            event.full_clean()
            event.save()
    except ValidationError as invalid:
        raise _invalid(invalid) from None
    return Status(201, {"id": person.pk})


@router.post("/people/{person_id}/events", response={201: schemas.Created, 401: schemas.Problem, 403: schemas.Problem,
                                                      404: schemas.Problem, 422: schemas.Problem},
             auth=TokenAuth(), tags=["events"])
def add_event(request: HttpRequest, body: schemas.NewEvent, person_id: int = RecordId) -> Any:
    """Add an event to a person's timeline (needs the editor role)."""
    user = request.auth
    _require(user, "registry.add_event")
    from politzek.registry.visibility import Viewer

    person = visible_people(Person.objects.filter(pk=person_id), Viewer.for_user(user)).first()
    if person is None:
        return Status(404, {"detail": f"no person {person_id}"})
    organization = None
    if body.organization:
        organization = Organization.objects.filter(code=body.organization).first()
        if organization is None:
            raise HttpError(422, f"organization: no organization with the code {body.organization!r}")
    for index, url in enumerate(body.sources):
        if not is_web_address(url):
            raise HttpError(422, f"sources[{index}]: {url[:200]!r} is not an http(s) address")
    try:
        with transaction.atomic(), recorded_change(f"api:{user.get_username()}", body.reason):
            event = Event(person=person, kind=body.kind, date=body.date, description=body.description,
                          organization=organization, visibility=body.visibility)
            # the timeline's refusals told at the token's clearance
            event.hidden_from_writer = hidden_event_ids(person.pk, Viewer.for_user(user))
            event.full_clean()
            event.save()
            # A source is reused only when the writer may see it (registry/writes.py).
            event.sources.set([reuse_or_create(Source, Viewer.for_user(user), {"url": url})[0]
                               for url in dict.fromkeys(body.sources)])
    except ValidationError as invalid:
        raise _invalid(invalid) from None
    return Status(201, {"id": event.pk})


@router.patch("/events/{event_id}", response={200: schemas.Corrected, 401: schemas.Problem, 403: schemas.Problem,
                                             404: schemas.Problem, 422: schemas.Problem},
              auth=TokenAuth(), tags=["events"])
def correct_event(request: HttpRequest, body: schemas.EventCorrection, event_id: int = RecordId) -> Any:
    """Correct an event's kind, date, description or visibility, with the reason kept in its
    history (needs the editor role); refused when the timeline would be impossible."""
    from politzek.registry import corrections
    from politzek.registry.visibility import Viewer

    user = request.auth
    _require(user, "registry.change_event")
    event = _corrected(event_id, lambda: corrections.correct_event(
        event_id, Viewer.for_user(user), f"api:{user.get_username()}", body.reason, kind=body.kind, date=body.date,
        description=body.description, visibility=body.visibility))
    if isinstance(event, Status):
        return event
    return {"id": event.pk, "kind": event.kind, "date": str(event.date) if event.date else None}


@router.delete("/events/{event_id}", response={204: None, 401: schemas.Problem, 403: schemas.Problem,
                                              404: schemas.Problem, 422: schemas.Problem},
               auth=TokenAuth(), tags=["events"])
def withdraw_event(request: HttpRequest, event_id: int = RecordId,
                   reason: str = Query(..., min_length=1, max_length=100,
                                       description="Why: kept in the history.")) -> Any:
    """Withdraw a wrong event from its timeline; it stays in the history with the reason
    (needs the reviewer role); refused when the timeline would be impossible."""
    from politzek.registry import corrections
    from politzek.registry.visibility import Viewer

    user = request.auth
    _require(user, "registry.delete_event")
    done = _corrected(event_id, lambda: corrections.withdraw_event(
        event_id, Viewer.for_user(user), f"api:{user.get_username()}", reason))
    return done if isinstance(done, Status) else Status(204, None)


def _corrected(event_id: int, change: Any) -> Any:
    """The event `change()` corrected or withdrew; 404 for one the caller may not see (as for
    one that does not exist), 422 with the refusal's one line."""
    from politzek.registry.corrections import CorrectionError, NoSuchEvent
    from politzek.registry.writes import AboveClearance

    try:
        return change()
    except (AboveClearance, NoSuchEvent):
        return Status(404, {"detail": f"no event {event_id}"})
    except CorrectionError as error:
        raise HttpError(422, str(error)) from None


# What input_guard.RefuseNulCharacters enforces, stated in the schema: no text holds NUL.
NO_NUL = "^[^\\x00]*$"


def _forbid_nul(node: Any) -> None:
    """Give every free-text string of the schema (no format, enum or pattern) the NO_NUL pattern."""
    if isinstance(node, dict):
        if node.get("type") == "string" and not {"format", "enum", "pattern"} & node.keys():
            node["pattern"] = NO_NUL
        for value in node.values():
            _forbid_nul(value)
    elif isinstance(node, list):
        for value in node:
            _forbid_nul(value)


class PolitzekAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for path in schema["paths"].values():
            _forbid_nul([operation.get("parameters", []) for operation in path.values()])
        # Request bodies only (every model a body refers to); answers may quote anything.
        bodies = {ref.rsplit("/", 1)[-1] for ref in _refs([operation.get("requestBody", {})
                                                           for path in schema["paths"].values()
                                                           for operation in path.values()])}
        _forbid_nul([model for name, model in schema.get("components", {}).get("schemas", {}).items()
                     if name in bodies])
        return schema


def _refs(node: Any) -> list[str]:
    """Every `$ref` under a node of the schema."""
    if isinstance(node, dict):
        return ([node["$ref"]] if "$ref" in node else []) + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


api = PolitzekAPI(
    title="politzek API",
    version="1",
    description="Read the registry of political prisoners (public records without a token); write with a "
    "per-user token (`Authorization: Bearer pz_…`). Lists take `limit` (1–500) and `offset` and answer "
    "`count`, `limit`, `offset` and `items`.",
    docs_url=None,  # the interactive docs load scripts from a CDN; the schema is at /api/openapi.json
    urls_namespace="api",
)
api.add_router("", router)
