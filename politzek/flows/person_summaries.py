"""The public view of one person, kept: a person page used to cost fourteen queries (the
person, names, tags, biographies, sources, events and their sources, cases, charges,
sentences, roles, officials and their names) and ~20 ms of the ORM's work on every visit;
a kept summary is one row, read with the request's data state in two queries.

Only what a public viewer may see is kept (person_detail for Viewer.public(), which applies
the registry's visibility rules itself); staff and token holders with clearance always get
a fresh derivation. A row is used only while all of these still hold, so a change is seen on
the next request without anyone having to remember to clear anything:
- the person's public Listing row is the one it was built beside: `flows.refresh` replaces
  that row (a new id) whenever the person's own history moves (person, names, events,
  sentences), and the read joins on it (a person who became hidden fails `visible` too);
- `shared`, a digest of where every other history table stood (cases, charges, sources,
  officials, facilities, organizations, biographies…, which may concern many people), the
  organization codes and this module's format, is unchanged;
- it was built today (in custody today, terms overdue) and in the request's language (status
  words and organization names are translated when built).
The Listing id is read before the derivation, so an edit made while one is under way leaves
a row that no later read accepts."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import zlib
from typing import Any

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils.translation import get_language

from politzek import __version__
from politzek.flows import data_state
from politzek.flows.models import Listing, PersonSummary
from politzek.flows.refresh import TRACKED, refresh
from politzek.registry.queries import person_detail
from politzek.registry.visibility import Clearance, Viewer

log = logging.getLogger(__name__)

# Raise when person_detail's shape changes: rows of the old shape are then never read.
FORMAT = 2


def _shared(state: data_state.DataState) -> str:
    per_person = {model._meta.db_table for model, _column in TRACKED.values()}
    parts = [f"{table}={top}" for table, top in sorted(state.tops.items()) if table not in per_person]
    parts += [f"organizations={state.organizations}", f"format={FORMAT}", f"politzek={__version__}"]
    return hashlib.sha256(";".join(parts).encode()).hexdigest()


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _kept(person_id: int, language: str, shared: str, today: dt.date) -> str | None:
    summary, listing = PersonSummary._meta.db_table, Listing._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.packed FROM {summary} s JOIN {listing} l ON l.id = s.listing_id "
            "WHERE s.person_id = %s AND s.language = %s AND s.shared = %s AND s.day = %s "
            "AND l.person_id = s.person_id AND l.clearance = %s AND l.visible",
            [person_id, language, shared, connection.ops.adapt_datefield_value(today), int(Clearance.PUBLIC)])
        row = cursor.fetchone()
    return zlib.decompress(bytes(row[0])).decode() if row else None


def _keep(person_id: int, language: str, listing_id: int, shared: str, today: dt.date, text: str) -> None:
    """Store a summary; a write that fails (another worker wrote it first, a busy SQLite file)
    costs the next visitor a derivation, never this visitor their page."""
    try:
        with transaction.atomic():
            PersonSummary.objects.update_or_create(
                person_id=person_id, language=language,
                defaults={"listing_id": listing_id, "shared": shared, "day": today,
                          "packed": zlib.compress(text.encode())})
    except IntegrityError:
        pass
    except DatabaseError as failed:
        log.warning("person %s: summary not kept (%s)", person_id, failed)


def person_summary(person_id: int, viewer: Viewer, today: dt.date | None = None) -> dict[str, Any]:
    """person_detail(person_id, viewer) as JSON-ready values (dates as text), from the kept
    summary when the viewer is public and it is still true. Raises NotFound like person_detail."""
    today = today or dt.date.today()
    if viewer.clearance != Clearance.PUBLIC:
        return json.loads(json.dumps(person_detail(person_id, viewer, today), default=str))
    refresh()  # re-derives (new Listing rows for) the people changed since the last request
    shared, language = _shared(data_state.current()), _language()
    text = _kept(person_id, language, shared, today)
    if text is not None:
        return json.loads(text)
    listing_id = (Listing.objects.filter(person_id=person_id, clearance=int(Clearance.PUBLIC), visible=True)
                  .values_list("id", flat=True).first())
    text = json.dumps(person_detail(person_id, viewer, today), default=str)
    if listing_id is not None:
        _keep(person_id, language, listing_id, shared, today, text)
    return json.loads(text)

