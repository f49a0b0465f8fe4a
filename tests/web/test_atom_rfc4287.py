"""The Atom feeds against RFC 4287, read with a real parser (feedparser) and the RFC's required
elements checked in the XML itself: a feed has an id, a title, an updated instant and an author
(§4.1.1); every entry an id that is an absolute IRI (§4.2.6), unique in the feed, a title and an
updated instant (§4.1.2); no updated instant lies in the future, even for a hearing next week."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.registry.factories import event, person
from tests.web.test_this_week import day, registry  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _check(body: bytes, now: dt.datetime) -> list[ET.Element]:
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = root.findall(f"{ATOM}entry")
    feed_author = root.find(f"{ATOM}author/{ATOM}name")
    assert (feed_author is not None and feed_author.text) or all(
        e.find(f"{ATOM}author/{ATOM}name") is not None for e in entries)
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids), "entry ids must be unique"
    for entry, entry_id in zip(entries, ids, strict=True):
        assert entry_id and entry_id.startswith(("http://", "https://")), entry_id  # an absolute IRI
        assert entry.findtext(f"{ATOM}title")
        updated = entry.findtext(f"{ATOM}updated")
        assert updated and _instant(updated) <= now, updated
        if published := entry.findtext(f"{ATOM}published"):
            assert _instant(published) <= now, published
    assert _instant(root.findtext(f"{ATOM}updated")) <= now
    return entries


@pytest.mark.parametrize("path", ["/this-week.atom", "/feed.atom", "person"])
def test_every_feed_meets_rfc_4287(client, registry, path):  # noqa: F811
    freed = person("Pavel Volny Druhi")
    event(freed, "detained", day(-30))
    event(freed, "released_pardon", day(-2))
    if path == "person":
        path = f"/people/{registry['on_trial'].pk}/feed.atom"  # holds hearings ahead
    body = client.get(path).content
    entries = _check(body, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5))
    assert entries, path
