"""The statistics page: the stock of political prisoners and the latest weeks' flows, in
sentences, a table and charts (server-side SVG), for all countries or one."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from politzek.flows.charts import CHARTS, alt_texts, write_charts
from politzek.flows.figures import Figures, Scope, compute
from politzek.flows.models import RefreshMark
from politzek.flows.refresh import refresh
from politzek.flows.report import columns, sentences, table_rows
from politzek.registry.models import Person

WEEKS = 12


def country_of(request: HttpRequest) -> str:
    """The ?country= of a request, upper-cased; ValueError (for a 400) when it is not two letters."""
    country = (request.GET.get("country") or "").strip().upper()
    if country and not (len(country) == 2 and country.isalpha()):
        raise ValueError(_("country must be a two-letter code such as BY, not %(value)r") % {"value": country})
    return country


def _figures(country: str) -> Figures:
    last = dt.date.today()
    first = last - dt.timedelta(weeks=WEEKS) + dt.timedelta(days=1)
    # Counts include restricted and confidential records: a count names no one (docs/privacy.md).
    return compute(Scope(country=country or None), first, last, "week", breakdowns=["region"])


def statistics(request: HttpRequest) -> HttpResponse:
    try:
        country = country_of(request)
    except ValueError as bad:
        return render(request, "web/statistics.html", {"error": str(bad)}, status=400)
    figures = _figures(country)
    countries = sorted(c for c in Person.objects.values_list("country", flat=True).distinct() if c)
    alts = alt_texts(figures)
    return render(request, "web/statistics.html", {
        "summary": sentences(figures), "columns": columns(), "rows": table_rows(figures),
        "country": country, "countries": countries, "charts": [(name, alts[name]) for name in CHARTS],
        "shows_synthetic": figures.synthetic,
    })


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


def chart_folder(country: str) -> Path:
    """Charts are drawn once per country, day and state of the data, then served from disk."""
    marks = ";".join(f"{t}={h}" for t, h in RefreshMark.objects.order_by("table").values_list("table", "history_id"))
    # Charts are drawn in the page's language: one folder per language too.
    state = hashlib.sha256(f"{country}|{get_language()}|{dt.date.today()}|{marks}".encode()).hexdigest()[:16]
    home = Path(os.environ.get("POLITZEK_HOME", Path(tempfile.gettempdir()) / "politzek"))
    return home / "charts" / state


def chart(request: HttpRequest, name: str) -> HttpResponse:
    if name not in CHARTS:
        raise Http404("no such chart")
    try:
        country = country_of(request)
    except ValueError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    refresh()  # the folder's name holds the refresh marks: bring them up to date first
    folder = chart_folder(country)
    path = folder / f"{name}.svg"
    if not path.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        prune_charts(folder.parent)
        draft = Path(tempfile.mkdtemp(prefix="draft-", dir=folder.parent))
        write_charts(_figures(country), draft)
        try:
            draft.rename(folder)  # whole folders appear at once; a racing worker's copy is as good
        except OSError:
            pass
        if not path.exists():
            path = draft / f"{name}.svg"
    return FileResponse(path.open("rb"), content_type="image/svg+xml")


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
