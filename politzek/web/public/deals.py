"""The public pages of the bargaining ledger: every deal with its price per political
prisoner, and one page per deal with who was released, what was conceded and what followed
(sentences, a table, charts drawn on the server). Released people are named only when the
visitor may see their record; the others are counted."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from politzek.bargaining.impact import ImpactError, deal_impact
from politzek.bargaining.impact_report import coverage_sentence, released_sentences, window_sentences
from politzek.bargaining.ledger import deal_detail
from politzek.bargaining.price import DealPrice, deal_prices, trend
from politzek.registry.models import Concession, Deal, DealRelease
from politzek.registry.visibility import Viewer
from politzek.web.public.derived import derived
from politzek.web.public.name_order import page_names
from politzek.web.public.statistics import cached_chart, chart_size


def _unvalued_words(price: DealPrice) -> str:
    """The concessions with no estimate in the page's language: "Official visit: 1"."""
    return ", ".join(f"{Concession.Kind(kind).label if kind in Concession.Kind.values else kind}: {n}"
                     for kind, n in sorted(price.unvalued.items()))


def _prices() -> list[DealPrice]:
    return derived("deal-prices", deal_prices, per_language=False)  # numbers: the words are added per page


def deals(request: HttpRequest) -> HttpResponse:
    prices = _prices()
    for price in prices:
        price.unvalued_words = _unvalued_words(price)  # type: ignore[attr-defined]
    return render(request, "web/deals.html", {
        "prices": prices, "trend": trend(prices), "shows_synthetic": any(p.deal.synthetic for p in prices),
        "undated": Deal.objects.filter(date__isnull=True).order_by("name"),
    })


def _deal(deal_id: int) -> Deal:
    deal = Deal.objects.filter(pk=deal_id).prefetch_related("sources").first()
    if deal is None:
        raise Http404("no such deal")
    return deal


def deal(request: HttpRequest, deal_id: int) -> HttpResponse:
    record = _deal(deal_id)
    detail = deal_detail(record, Viewer.for_user(request.user))
    # Each release's link from one reverse(): resolving the URL once per row of a wave of
    # hundreds was a third of the page's time.
    person_url = reverse("person", args=[0])[:-2]
    shown = page_names([item["person_id"] for item in detail["released"] if item["person_id"]])
    for item in detail["released"]:
        item["url"] = f"{person_url}{item['person_id']}/" if item["person_id"] else ""
        item["name"] = shown.get(item["person_id"], item["name"])
    # One list per direction under its own heading (not the direction before every name).
    groups = [(label, [item for item in detail["released"] if item["direction"] == code])
              for code, label in DealRelease.Direction.choices]
    price = next((p for p in _prices() if p.deal.pk == record.pk), None)
    impact, error = derived("deal-impact", lambda: _impact(record), record.pk, per_language=False)
    return render(request, "web/deal.html", {
        "deal": record, "released_groups": [(label, items) for label, items in groups if items],
        "not_named": detail["not_shown"], "price": price,
        "unvalued": _unvalued_words(price) if price else "",
        "concessions": record.concessions.select_related("source").order_by("id"),
        "impact": impact, "impact_error": error,
        "released_sentences": released_sentences(impact) if impact else [],
        "windows": [{"window": w, "sentences": window_sentences(w), "coverage_note": coverage_sentence(w)}
                    for w in impact.windows] if impact else [],
        # The footnote on windows still open, only when one is.
        "open_window": bool(impact) and any(not w.complete for w in impact.windows),
        "shows_synthetic": record.synthetic,
    })


def _impact(record: Deal) -> tuple[Any, str]:
    """The deal's impact, or why there is none (kept in the cache like a result)."""
    try:
        return deal_impact(record), ""
    except ImpactError as problem:
        return None, str(problem)


def _state(deals: QuerySet[Deal]) -> str:
    """What the deal tables hold, for chart keys: the timeline's marks do not cover them."""
    latest = deals.aggregate(changed=Max("updated_at"), n=Count("id", distinct=True),
                             releases=Count("releases", distinct=True), concessions=Count("concessions", distinct=True))
    return f"{latest['changed']}-{latest['n']}-{latest['releases']}-{latest['concessions']}"


def price_svg(request: HttpRequest) -> HttpResponse:
    from politzek.bargaining.charts import price_chart  # matplotlib: loaded by the first chart drawn

    path = cached_chart(f"deals-price-{_state(Deal.objects.all())}", lambda out: price_chart(_prices(), out))
    return FileResponse(path.open("rb"), content_type="image/svg+xml")


def impact_svg(request: HttpRequest, deal_id: int) -> HttpResponse:
    record = _deal(deal_id)
    impact, error = derived("deal-impact", lambda: _impact(record), record.pk, per_language=False)
    if impact is None:
        raise Http404(error)
    try:
        size = chart_size(request)
    except ValueError as bad:
        return HttpResponse(str(bad), status=400, content_type="text/plain; charset=utf-8")
    key = f"deal-{record.pk}-{size}-{_state(Deal.objects.filter(pk=record.pk))}"
    from politzek.bargaining.charts import impact_chart  # matplotlib: loaded by the first chart drawn

    path = cached_chart(key, lambda out: impact_chart(impact, out, phone=size == "phone"))
    return FileResponse(path.open("rb"), content_type="image/svg+xml")
