"""The public index: a plain list of the people the visitor may see (the full public site
comes with the web issue). Works with JavaScript disabled and loads nothing from elsewhere."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from politzek.registry.models import Person
from politzek.registry.queries import people_rows
from politzek.registry.visibility import Viewer, visible_people


def index(request: HttpRequest) -> HttpResponse:
    viewer = Viewer.for_user(request.user)
    people = visible_people(Person.objects.all(), viewer).order_by("id")
    page = Paginator(people, 100).get_page(request.GET.get("page"))
    rows = people_rows(list(page.object_list))
    response = render(request, "web/index.html", {
        "page": page,
        "rows": rows,
        "shows_synthetic": any(row["synthetic"] for row in rows),
    })
    # Nothing but our own page: no scripts, styles or images from anywhere else.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    )
    return response
