import json

import pytest

from politzek.demo.generator import create_demo
from politzek.ingest.export_json import export_json
from politzek.registry import models as m
from politzek.registry.visibility import Viewer
from tests.registry.factories import person

pytestmark = pytest.mark.django_db


def test_json_document_shape_and_privacy(tmp_path):
    create_demo(people=30, seed=6)
    person("Hidden Person", visibility="restricted", health_notes="secret-health")
    person("Shown Person", visibility="public", health_notes="secret-health")
    path = tmp_path / "registry.json"
    with path.open("w", encoding="utf-8") as handle:
        count = export_json(handle, Viewer.public())
    document = json.loads(path.read_text(encoding="utf-8"))
    header = (document["format"], document["format_version"], document["visibility"])
    assert header == ("politzek-registry", 1, "public")
    public = m.Person.objects.filter(visibility="public").exclude(consent="no").count()
    assert len(document["people"]) == count == public
    assert {"status", "events", "cases", "names", "custody_intervals"} <= set(document["people"][0])
    assert document["officials"] and document["deals"]
    text = path.read_text(encoding="utf-8")
    assert "Hidden Person" not in text and "secret-" not in text
    visible = {p["id"] for p in document["people"]}
    for deal in document["deals"]:
        assert set(deal["released_people"]) <= visible
        assert deal["released_count"] >= len(deal["released_people"])
