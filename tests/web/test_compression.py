"""Pages, CSV, SVG charts and JSON leave gzipped for a client that accepts it (over Tor a
181-KB page is seconds), with Vary: Accept-Encoding so a proxy never gives gzip to a client
that did not ask; a client that does not accept gzip gets the same bytes uncompressed."""

from __future__ import annotations

import gzip

import pytest

from tests.registry.factories import event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    for number in range(30):
        held = person(f"Тэставы Чалавек {number}", region="Minsk")
        event(held, "detained", "2021-06-25")


@pytest.mark.parametrize("path", ["/", "/ru/", "/people.csv", "/statistics/charts/stock.svg", "/api/people"])
def test_public_output_is_compressed_when_accepted(client, registry, path):
    plain = client.get(path)
    assert plain.status_code == 200, path
    assert "Content-Encoding" not in plain.headers
    compressed = client.get(path, headers={"accept-encoding": "gzip, deflate, br"})
    assert compressed.status_code == 200
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed.headers["Vary"]
    body = b"".join(compressed.streaming_content) if compressed.streaming else compressed.content
    unpacked = gzip.decompress(body)
    assert len(body) < len(unpacked)
    plain_body = b"".join(plain.streaming_content) if plain.streaming else plain.content
    assert unpacked == plain_body
