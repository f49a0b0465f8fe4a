"""The statistics page: the stock of political prisoners and the latest weeks' flows, in
sentences, a table and charts (server-side SVG), for all countries or one."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from politzek.csv_safety import SafeWriter
from politzek.flows.chart_words import CHARTS, PERIOD_NAMES, SIZES, alt_texts
from politzek.flows.figures import Figures, Scope, compute
from politzek.flows.models import Listing, RefreshMark
from politzek.flows.periods import GRANULARITIES, periods
from politzek.flows.refresh import refresh
from politzek.flows.report import columns, sentences, table_rows
from politzek.flows.reported import reported_beside_registry
from politzek.registry.models import Event, Person
from politzek.registry.organizations import organization_name
from politzek.registry.staleness import stale_after_months, stale_before
from politzek.registry.status import IN_CUSTODY_STATUSES
from politzek.registry.visibility import Clearance, Viewer
from politzek.web.downloads import attachment
from politzek.web.public.derived import derived

WEEKS = 12
# How far back each period reaches by default: a dozen of them.
DEFAULT_SPAN = {"day": dt.timedelta(days=30), "week": dt.timedelta(weeks=12), "month": dt.timedelta(days=365),
                "quarter": dt.timedelta(days=3 * 365), "year": dt.timedelta(days=10 * 365)}
ALL = "all"  # the explicit choice to sum every country into one figure
MAX_PERIODS = 400


def country_of(request: HttpRequest) -> str:
    """The ?country= of a request, upper-cased; ValueError (for a 400) when it is not two letters."""
    country = (request.GET.get("country") or "").strip().upper()
    if country and not (len(country) == 2 and country.isalpha()):
        raise ValueError(_("country must be a two-letter code such as BY, not %(value)r") % {"value": country})
    return country


@dataclass(frozen=True)
class StatisticsQuery:
    """What a journalist chose: country (or all, summed, said so), recognizing organization,
    period and dates. Every chart and download of the page takes the same query string."""

    country: str  # "" only when the registry has no country at all
    organization: str
    period: str
    first: dt.date
    last: dt.date

    @property
    def scope(self) -> Scope:
        return Scope(country=None if self.country in ("", ALL) else self.country,
                     organizations=(self.organization,) if self.organization else None)

    def as_query(self) -> str:
        return urlencode({key: value for key, value in (
            ("country", self.country), ("organization", self.organization), ("period", self.period),
            ("from", self.first.isoformat()), ("to", self.last.isoformat())) if value})


def countries() -> list[str]:
    """The countries of the registry, the one with the most people first."""
    def compute() -> list[str]:
        counts = Person.objects.exclude(country="").values("country").annotate(n=Count("id")).order_by("-n", "country")
        return [row["country"] for row in counts]

    return derived("statistics-countries", compute)


def statistics_query(request: HttpRequest) -> StatisticsQuery:
    """The page's query; ValueError names the parameter and value that cannot mean anything."""
    country = (request.GET.get("country") or "").strip()
    if country.lower() == ALL:
        country = ALL
    else:
        # Never summed silently: without a choice, the country with the most people.
        country = country_of(request) or next(iter(countries()), "")
    organization = (request.GET.get("organization") or "").strip()
    if organization and organization not in recognizers():
        raise ValueError(_("organization=%(value)s is not an organization that recognizes political prisoners "
                           "here") % {"value": organization[:40]})
    period = (request.GET.get("period") or "week").strip()
    if period not in GRANULARITIES:
        raise ValueError(_("period=%(value)s must be one of %(known)s") % {
            "value": period[:20], "known": ", ".join(GRANULARITIES)})
    try:
        last = _date(request, "to") or dt.date.today()
        first = _date(request, "from") or last - DEFAULT_SPAN[period] + dt.timedelta(days=1)
    except ValueError as bad:
        raise ValueError(str(bad)) from None
    if first > last:
        raise ValueError(_("from=%(first)s is after to=%(last)s") % {"first": first, "last": last})
    if len(periods(first, last, period)) > MAX_PERIODS:
        raise ValueError(_("%(first)s to %(last)s is more than %(most)s periods of a %(period)s: choose a longer "
                           "period or a shorter span") % {"first": first, "last": last, "most": MAX_PERIODS,
                                                          "period": period})
    return StatisticsQuery(country, organization, period, first, last)


def _date(request: HttpRequest, name: str) -> dt.date | None:
    text = (request.GET.get(name) or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("%(name)s=%(value)s is not a date (YYYY-MM-DD)") % {"name": name, "value": text[:20]}) \
            from None


def recognizers() -> dict[str, str]:
    """Codes and names of the organizations whose recognitions the registry holds."""
    def read() -> dict[str, str]:
        codes = Event.objects.filter(kind="recognized", organization__isnull=False).values_list(
            "organization__code", "organization__name").distinct()
        return {code: organization_name(code, name) for code, name in sorted(codes)}

    return derived("statistics-recognizers", read)


def _figures(query: StatisticsQuery) -> Figures:
    # Counts include restricted and confidential records: a count names no one (docs/privacy.md).
    # Once per state of the data and query: the page, its CSV and its charts share them.
    return derived("statistics-figures", lambda: compute(query.scope, query.first, query.last, query.period,
                                                         breakdowns=["region"]), query)


def _reported(query: StatisticsQuery) -> list[dict[str, str]]:
    """Organizations' reported figures dated in the chosen span (else their latest totals
    before its end), each beside the registry's count: how much of the whole the page shows."""
    def read() -> list[dict[str, str]]:
        country = None if query.country == "all" else query.country
        rows = reported_beside_registry(Viewer.public(), country, at=query.last)
        if query.organization:
            rows = [row for row in rows if row.figure.organization.code == query.organization]
        inside = [row for row in rows if query.first <= (row.figure.as_of or row.figure.period_end) <= query.last]
        if not inside:
            latest = {(row.figure.country, row.figure.organization.code): row for row in rows if row.figure.is_total}
            inside = list(latest.values())
        return [{"sentence": row.sentence(), "link": row.figure.source.link if row.source_shown else "",
                 "title": str(row.figure.source) if row.source_shown else ""} for row in inside]

    return derived("statistics-reported", read, query)


def _how_current(query: StatisticsQuery) -> str:
    """Today's custody by the registry's record, with how much of it is old news or held since an
    unknown day ("" when none is): counts cover every record, as the page's figures do."""
    def read() -> str:
        held = Listing.objects.filter(clearance=int(Clearance.CONFIDENTIAL), status__in=IN_CUSTODY_STATUSES)
        if query.country != "all":
            held = held.filter(country=query.country)
        total = held.count()
        old = held.filter(information_as_of__lt=stale_before()).count()
        unknown = held.filter(since__isnull=True).count()
        if not old and not unknown:
            return ""
        return _("Today, in custody by the registry's record: %(total)s; of them last confirmed over %(months)s "
                 "months ago: %(old)s; held since a day no source gives: %(unknown)s.") % {
            "total": total, "months": stale_after_months(), "old": old, "unknown": unknown}

    return derived("statistics-current", read, query.country)


def statistics(request: HttpRequest) -> HttpResponse:
    try:
        query = statistics_query(request)
    except ValueError as bad:
        return render(request, "web/statistics.html", {"error": str(bad)}, status=400)
    figures = _figures(query)
    alts = alt_texts(figures)
    return render(request, "web/statistics.html", {
        "summary": sentences(figures), "columns": columns(), "rows": table_rows(figures),
        "query": query, "query_string": query.as_query(), "country": query.country, "countries": countries(),
        "organizations": recognizers(), "periods": [(code, PERIOD_NAMES[code]) for code in GRANULARITIES],
        "charts": [(name, alts[name]) for name in CHARTS], "shows_synthetic": figures.synthetic,
        "reported": _reported(query), "how_current": _how_current(query),
    })


def statistics_csv(request: HttpRequest) -> HttpResponse:
    """The page's table as CSV, for the same query (a stable address to cite or embed)."""
    try:
        query = statistics_query(request)
    except ValueError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    figures = _figures(query)
    out = io.StringIO()
    writer = SafeWriter(out)
    # Every row names the filters it was counted under (country, recognizing organization), so
    # a row pasted elsewhere still says what it counts; numbers are plain, as spreadsheets read them.
    writer.writerow([_("Country"), _("Recognized by"), *columns()])
    country, organization = query.country or ALL, query.organization or ALL
    for row in table_rows(figures, plain=True):
        writer.writerow([country, organization, *row])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    name = (f"politzek-statistics-{country}-{organization}-{query.period}-{query.first}-{query.last}.csv"
            if query.organization else
            f"politzek-statistics-{country}-{query.period}-{query.first}-{query.last}.csv")
    response["Content-Disposition"] = attachment(name)
    return response


# Chart folders are named by the day and the state of the data, so yesterday's are never read
# again: each new one clears those untouched for this long.
CHART_FOLDER_DAYS = 2


def prune_charts(root: Path, now: float | None = None) -> int:
    """Remove chart folders (and abandoned drafts) not written for CHART_FOLDER_DAYS; returns
    how many. Concurrent workers may race to remove the same folder: that is harmless."""
    limit = (now if now is not None else time.time()) - CHART_FOLDER_DAYS * 86400
    removed = 0
    for folder in root.iterdir() if root.is_dir() else ():
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed


def chart_folder(key: str) -> Path:
    """Charts are drawn once per query (or key), language, day and state of the data, then
    served from disk."""
    marks = ";".join(f"{t}={h}" for t, h in RefreshMark.objects.order_by("table").values_list("table", "history_id"))
    # Charts are drawn in the page's language: one folder per language too.
    state = hashlib.sha256(f"{key}|{get_language()}|{dt.date.today()}|{marks}".encode()).hexdigest()[:16]
    home = Path(os.environ.get("POLITZEK_HOME", Path(tempfile.gettempdir()) / "politzek"))
    return home / "charts" / state


def chart(request: HttpRequest, name: str, form: str = "svg") -> HttpResponse:
    if name not in CHARTS or form not in ("svg", "png"):
        raise Http404("no such chart")
    try:
        query = statistics_query(request)
    except ValueError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    try:
        size = chart_size(request)
    except ValueError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    refresh()  # the folder's name holds the refresh marks: bring them up to date first
    folder = chart_folder(f"{query.as_query()}|{size}")
    path = folder / f"{name}.{form}"
    if not path.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        prune_charts(folder.parent)
        draft = Path(tempfile.mkdtemp(prefix="draft-", dir=folder.parent))
        from politzek.flows.charts import write_charts  # matplotlib: loaded by the first chart drawn

        write_charts(_figures(query), draft, size)
        try:
            draft.rename(folder)  # whole folders appear at once; a racing worker's copy is as good
        except OSError:
            pass
        if not path.exists():
            path = draft / f"{name}.{form}"
    return FileResponse(path.open("rb"), content_type="image/svg+xml" if form == "svg" else "image/png")


def chart_size(request: HttpRequest) -> str:
    """The drawing a chart's address asks for (`size`): "wide", or "phone" for a <picture>'s
    narrow source (every chart of the site). ValueError names any other, in the reader's language."""
    size = request.GET.get("size", "wide")
    if size not in SIZES:
        raise ValueError(_("size=%(value)s must be wide or phone") % {"value": size[:20]})
    return size


def cached_chart(key: str, draw) -> Path:  # type: ignore[no-untyped-def]
    """A chart drawn once per day and state of the data (statistics.chart_folder), then served."""
    refresh()
    folder = chart_folder(key)
    path = folder / "chart.svg"
    if not path.exists():
        prune_charts(folder.parent)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".svg", delete=False) as draft:
            draft_path = Path(draft.name)
        draw(draft_path)
        draft_path.replace(path)  # whole files appear at once
    return path
