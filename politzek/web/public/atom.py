"""What every Atom feed of politzek gives to satisfy RFC 4287: an author for the feed, an IRI as
each entry's id (the person's page with a fragment naming the entry, so ids are unique and
absolute), and an `updated` instant that is never in the future — an entry about next week's
hearing was updated when the registry last changed it, not on the hearing's day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

AUTHOR = "politzek"


class AtomFeed(Feed):
    feed_type = Atom1Feed
    author_name = AUTHOR

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._request = request  # entry ids are absolute: the host the reader asked
        self._built = timezone.now()
        return super().__call__(request, *args, **kwargs)

    def entry_iri(self, person_id: int, fragment: str) -> str:
        """An absolute IRI naming one entry: the person's page and a fragment."""
        return self._request.build_absolute_uri(reverse("person", args=[person_id])) + "#" + fragment

    def not_after_now(self, moment: dt.datetime | None) -> dt.datetime:
        """`moment`, or the time the feed is built when there is none or it lies ahead."""
        return self._built if moment is None or moment > self._built else moment
